import { standardConversions } from "../conversion/standard-conversions.js";
import type { BuiltinMeasureId } from "../measure/measure.js";
import type { BuiltinEvaluator } from "./builtins/context.js";
import { averageDealSizeEvaluator, salesCycleLengthEvaluator, winRateEvaluator } from "./builtins/deal-outcomes.js";
import { forecastEvaluator, salesVelocityEvaluator } from "./builtins/forecast-velocity.js";
import { leadCohortEvaluator, returnedLeadsEvaluator } from "./builtins/lead-cohorts.js";
import { pipelineSnapshotEvaluator } from "./builtins/pipeline-snapshots.js";

/** Where a builtin KPI's numbers come from. */
export type BuiltinSource = "deals" | "leads" | "activities" | "reps" | "surveys" | "spend" | "targets";

/**
 * One builtin KPI (a KPI with its own algorithm), as every part of the library reads it: the
 * catalog, `classifyIndicator`, `kpiSeries`, the scorecard and the CLI.
 */
export interface BuiltinKpi {
  readonly id: BuiltinMeasureId;
  /** The data it is computed from. */
  readonly sources: readonly BuiltinSource[];
  /**
   * `"flow"`: it adds up within a period (returned leads: a month-to-date value can be
   * projected to the period's end, so pace makes sense); `"rate"`: a ratio or mean of events in
   * the period; `"snapshot"`: a stock measured at the period's end (the pipeline).
   */
  readonly shape: "flow" | "rate" | "snapshot";
  /** Why it is a lead or a lag indicator, in words (for `classifyIndicator`). */
  readonly indicatorReason: string;
  /** Conversions: the funnel steps and the default window in whole local days. */
  readonly conversion?: { readonly from: string; readonly to: string; readonly windowDays: number };
  /** Its evaluator on prepared data; absent when a data bag cannot give it (then `unavailable` says why). */
  readonly evaluate?: BuiltinEvaluator;
  readonly unavailable?: string;
}

const conversionReason = "it follows what leads and deals did, not what the team does today";

/**
 * The builtin KPIs, by id: the one list of them. Conversion windows: lead → SQL 30 days,
 * SQL → customer and close rate 90 days, quote → customer 60 days (a lead converts when it
 * reaches the later step within that many whole local days of the earlier one).
 */
export const builtinRegistry: Readonly<Record<BuiltinMeasureId, BuiltinKpi>> = Object.freeze({
  "pipeline-value": {
    id: "pipeline-value",
    sources: ["deals"],
    shape: "snapshot",
    indicatorReason: "the open pipeline is built by past prospecting; it follows what the team did",
    evaluate: pipelineSnapshotEvaluator(false),
  },
  "weighted-pipeline-value": {
    id: "weighted-pipeline-value",
    sources: ["deals"],
    shape: "snapshot",
    indicatorReason: "the weighted pipeline is built by past prospecting; it follows what the team did",
    evaluate: pipelineSnapshotEvaluator(true),
  },
  "win-rate": {
    id: "win-rate",
    sources: ["deals"],
    shape: "rate",
    indicatorReason: "win rate uses won and lost deals, which are results",
    evaluate: winRateEvaluator,
  },
  "average-deal-size": {
    id: "average-deal-size",
    sources: ["deals"],
    shape: "rate",
    indicatorReason: "deal size uses won deals, which are results",
    evaluate: averageDealSizeEvaluator,
  },
  "sales-cycle-length": {
    id: "sales-cycle-length",
    sources: ["deals"],
    shape: "rate",
    indicatorReason: "cycle length is known only once a deal is won",
    evaluate: salesCycleLengthEvaluator,
  },
  "sales-velocity": {
    id: "sales-velocity",
    sources: ["deals"],
    shape: "rate",
    indicatorReason: "velocity is made of win rate, deal size and cycle, which are results",
    evaluate: salesVelocityEvaluator,
  },
  forecast: {
    id: "forecast",
    sources: ["deals"],
    shape: "snapshot",
    indicatorReason: "the forecast adds won deals to the weighted pipeline, which follow what the team did",
    evaluate: forecastEvaluator,
  },
  "close-rate": {
    id: "close-rate",
    sources: ["leads"],
    shape: "rate",
    indicatorReason: conversionReason,
    conversion: { ...standardConversions["close-rate"], windowDays: 90 },
    evaluate: leadCohortEvaluator,
  },
  "conversion-lead-sql": {
    id: "conversion-lead-sql",
    sources: ["leads"],
    shape: "rate",
    indicatorReason: conversionReason,
    conversion: { ...standardConversions["conversion-lead-sql"], windowDays: 30 },
    evaluate: leadCohortEvaluator,
  },
  "conversion-sql-customer": {
    id: "conversion-sql-customer",
    sources: ["leads"],
    shape: "rate",
    indicatorReason: conversionReason,
    conversion: { ...standardConversions["conversion-sql-customer"], windowDays: 90 },
    evaluate: leadCohortEvaluator,
  },
  "conversion-quote-customer": {
    id: "conversion-quote-customer",
    sources: ["leads"],
    shape: "rate",
    indicatorReason: conversionReason,
    conversion: { ...standardConversions["conversion-quote-customer"], windowDays: 60 },
    evaluate: leadCohortEvaluator,
  },
  "returned-leads": {
    id: "returned-leads",
    sources: ["leads"],
    shape: "flow",
    indicatorReason: "returned leads report how leads turned out",
    evaluate: returnedLeadsEvaluator,
  },
  enps: {
    id: "enps",
    sources: ["surveys"],
    shape: "rate",
    indicatorReason: "eNPS reports how the team feels after the fact",
    unavailable: "eNPS needs survey scores, which the data bag does not hold: compute it with enps()",
  },
  "customer-satisfaction": {
    id: "customer-satisfaction",
    sources: ["surveys"],
    shape: "rate",
    indicatorReason: "satisfaction reports how customers feel after the fact",
    unavailable: "customer satisfaction needs survey scores, which the data bag does not hold",
  },
  cac: {
    id: "cac",
    sources: ["spend", "deals"],
    shape: "rate",
    indicatorReason: "CAC divides spend by new customers, which are results",
    unavailable: "CAC needs marketing and sales spend: compute it with cac()",
  },
  "rep-turnover": {
    id: "rep-turnover",
    sources: ["reps"],
    shape: "rate",
    indicatorReason: "turnover reports who left after the fact",
    unavailable: "rep turnover is a team figure over a year: compute it with repTurnover()",
  },
  "reps-on-track": {
    id: "reps-on-track",
    sources: ["targets"],
    shape: "rate",
    indicatorReason: "reps on track counts results against targets",
    unavailable: "reps on track is shown in the team part of the scorecard",
  },
  "reps-at-target": {
    id: "reps-at-target",
    sources: ["targets"],
    shape: "rate",
    indicatorReason: "reps at target counts results against targets",
    unavailable: "reps at target is shown in the team part of the scorecard",
  },
} satisfies Record<BuiltinMeasureId, BuiltinKpi>);
