import { type KpiDecimal, toDecimal, ZERO } from "../core/decimal.js";
import { type Ratio, ratio } from "../core/ratio.js";
import { closeRate } from "../conversion/close-rate.js";
import { conversionRate } from "../conversion/conversion-rate.js";
import { returnedLeads } from "../conversion/returned-leads.js";
import { standardConversions, standardFunnelSteps } from "../conversion/standard-conversions.js";
import type { BuiltinMeasureId } from "../measure/measure.js";
import type { KpiSeries, KpiSeriesPoint } from "../measure/series.js";
import { type PreparedKpiData, withRows } from "../model/prepared.js";
import { averageDealSize } from "../pipeline/average-deal-size.js";
import { salesCycleLength } from "../pipeline/sales-cycle-length.js";
import { weightedPipelineValue } from "../pipeline/weighted-pipeline-value.js";
import { pipelineValue } from "../pipeline/pipeline-value.js";
import { winRate } from "../pipeline/win-rate.js";
import type { KpiPeriod } from "../time/period.js";

/** What a builtin KPI evaluator gets: the prepared data once, split by owner once. */
export interface BuiltinContext {
  readonly prepared: PreparedKpiData;
  /**
   * The same data with only each owner's deals that closed (their `closedAt`, or a move into
   * a won or lost stage) within the periods: all that win rate, deal size and cycle length
   * can count. Built once per scorecard, so a call per rep and period visits few deals.
   */
  readonly closedDealsByOwner: ReadonlyMap<string, PreparedKpiData>;
  /** The complete periods to evaluate, oldest first. */
  readonly periods: readonly KpiPeriod[];
  /** Every rep (group) that must appear. */
  readonly reps: readonly string[];
  /** The scorecard's `asOf` as an ISO instant. */
  readonly asOf: string;
}

/** A builtin KPI's values, as a series grouped by owner, and whether its values add up over time. */
export interface BuiltinSeries {
  readonly series: KpiSeries;
  /** True when the value accumulates over a period (a pace projection makes sense). */
  readonly accumulates: boolean;
  /**
   * Cohort conversions only: by period start, each rep's cohort `mature` flag from
   * `conversionRate` (false: a lead of the cohort can still convert by a later `asOf`).
   */
  readonly maturity?: ReadonlyMap<number, ReadonlyMap<string, boolean>>;
}

type Cell = { readonly value: KpiDecimal | null; readonly ratio?: Ratio; readonly rows: number };

/** Builds a series grouped by owner from one cell per (period, rep). */
function ownerSeries(context: BuiltinContext, additive: boolean, cell: (period: KpiPeriod, periodIndex: number, rep: string) => Cell): KpiSeries {
  const points: KpiSeriesPoint[] = [];
  let rowsUsed = 0;
  context.periods.forEach((period, periodIndex) => {
    for (const rep of context.reps) {
      const value = cell(period, periodIndex, rep);
      rowsUsed += value.rows;
      points.push({ period, group: rep, value: value.value, rows: value.rows, ...(value.ratio === undefined ? {} : { ratio: value.ratio }) });
    }
  });
  const first = context.periods[0];
  const last = context.periods[context.periods.length - 1];
  return {
    grain: first?.grain ?? "month",
    bounds: { start: first?.start ?? "", end: last?.end ?? "", startMs: first?.startMs ?? 0, endMs: last?.endMs ?? 0 },
    periods: context.periods,
    groupBy: "owner",
    groups: context.reps,
    additive,
    points,
    rowsUsed,
    rowsSkipped: 0,
    skippedReasons: {},
  };
}

function dealsOf(context: BuiltinContext, rep: string): PreparedKpiData {
  return context.closedDealsByOwner.get(rep) ?? withRows(context.prepared, { deals: [] });
}

/** A pipeline snapshot (open deals) at the end of each period, per owner. */
function pipelineSnapshot(weighted: boolean) {
  return (context: BuiltinContext): BuiltinSeries => {
    const byPeriod = context.periods.map((period) => {
      const options = { asOf: period.end, missingAmount: "skip" as const };
      const result = weighted ? weightedPipelineValue(context.prepared, options) : pipelineValue(context.prepared, options);
      return new Map(result.byOwner.map((owner) => [owner.owner, owner]));
    });
    const series = ownerSeries(context, true, (_period, index, rep) => {
      const owner = byPeriod[index]?.get(rep);
      return { value: owner?.total ?? ZERO, rows: owner?.dealCount ?? 0 };
    });
    return { series, accumulates: false };
  };
}

/** A per-period deal KPI computed per owner with the pipeline function. */
function perOwnerDeals(compute: (data: PreparedKpiData, period: KpiPeriod, asOf: string) => Cell) {
  return (context: BuiltinContext): BuiltinSeries => ({
    series: ownerSeries(context, false, (period, _index, rep) => compute(dealsOf(context, rep), period, context.asOf)),
    accumulates: false,
  });
}

/** A cohort conversion of leads per owner, one call per period, with each cohort's maturity. */
function leadConversion(compute: (data: PreparedKpiData, period: KpiPeriod, asOf: string) => ReturnType<typeof conversionRate>) {
  return (context: BuiltinContext): BuiltinSeries => {
    const byPeriod = context.periods.map((period) => {
      const result = compute(context.prepared, period, context.asOf);
      return new Map(result.groups.map((group) => [group.group, group]));
    });
    const series = ownerSeries(context, false, (_period, index, rep) => {
      const group = byPeriod[index]?.get(rep);
      const parts = group?.ratio ?? ratio(0, 0);
      return { value: parts.value, ratio: parts, rows: group?.entered ?? 0 };
    });
    // A rep without leads in the cohort has nothing left to convert: mature.
    const maturity = new Map(
      context.periods.map((period, index) => [period.startMs, new Map(context.reps.map((rep) => [rep, byPeriod[index]?.get(rep)?.mature ?? true]))]),
    );
    return { series, accumulates: false, maturity };
  };
}

const periodRange = (period: KpiPeriod) => ({ from: period.start, to: period.end });

/**
 * The builtin KPIs the scorecard can compute, by measure id: each calls the library's own
 * function (win rate, deal size, cycle, pipeline, conversions) once per period, per owner
 * where the function has no grouping. Ratio-like values keep numerator and denominator, so
 * the team value is Σ numerators ÷ Σ denominators over the reps.
 */
export const builtinKpiSeries: Partial<Record<BuiltinMeasureId, (context: BuiltinContext) => BuiltinSeries>> = {
  "pipeline-value": pipelineSnapshot(false),
  "weighted-pipeline-value": pipelineSnapshot(true),
  "win-rate": perOwnerDeals((data, period, asOf) => {
    const result = winRate(data, { period, asOf });
    return { value: result.value, ratio: result.ratio, rows: result.dealCount };
  }),
  "average-deal-size": perOwnerDeals((data, period, asOf) => {
    const result = averageDealSize(data, { period, asOf, missingAmount: "skip" });
    return { value: result.value, ratio: result.ratio, rows: result.dealCount };
  }),
  "sales-cycle-length": perOwnerDeals((data, period, asOf) => {
    const result = salesCycleLength(data, { period, asOf });
    return { value: result.mean, ratio: ratio(result.totalDays, result.count), rows: result.count };
  }),
  "close-rate": leadConversion((data, period, asOf) => closeRate(data, { period: periodRange(period), asOf, groupBy: "owner" })),
  "conversion-lead-sql": leadConversion((data, period, asOf) =>
    conversionRate(data, { ...standardConversions["conversion-lead-sql"], steps: [...standardFunnelSteps], period: periodRange(period), asOf, groupBy: "owner" }),
  ),
  "conversion-sql-customer": leadConversion((data, period, asOf) =>
    conversionRate(data, { ...standardConversions["conversion-sql-customer"], steps: [...standardFunnelSteps], period: periodRange(period), asOf, groupBy: "owner" }),
  ),
  "conversion-quote-customer": leadConversion((data, period, asOf) =>
    conversionRate(data, { ...standardConversions["conversion-quote-customer"], steps: [...standardFunnelSteps], period: periodRange(period), asOf, groupBy: "owner" }),
  ),
  "returned-leads": (context) => {
    const first = context.periods[0];
    const last = context.periods[context.periods.length - 1];
    if (first === undefined || last === undefined) return { series: ownerSeries(context, true, () => ({ value: ZERO, rows: 0 })), accumulates: true };
    const series = returnedLeads(context.prepared, { from: first.start, to: last.end, grain: first.grain, groupBy: "owner" });
    const values = new Map(series.points.map((point) => [`${point.period.startMs}|${point.group}`, point]));
    return {
      series: ownerSeries(context, true, (period, _index, rep) => {
        const point = values.get(`${period.startMs}|${rep}`);
        return { value: point?.value ?? toDecimal(0), rows: point?.rows ?? 0 };
      }),
      accumulates: true,
    };
  },
};

/** Why a builtin KPI is not on the scorecard, for the ones it cannot compute from a `KpiData` bag. */
export const builtinNotOnScorecard: Partial<Record<BuiltinMeasureId, string>> = {
  enps: "eNPS needs survey scores, which the data bag does not hold: compute it with enps()",
  "customer-satisfaction": "customer satisfaction needs survey scores, which the data bag does not hold",
  cac: "CAC needs marketing and sales spend: compute it with cac()",
  "rep-turnover": "rep turnover is a team figure over a year: compute it with repTurnover()",
  "reps-on-track": "reps on track is shown in the team part of the scorecard",
  "reps-at-target": "reps at target is shown in the team part of the scorecard",
};
