import type { KpiDecimal } from "../core/decimal.js";
import { conversionByAge, type ConversionByAgeResult } from "../conversion/conversion-by-age.js";
import { standardConversions, standardFunnelSteps } from "../conversion/standard-conversions.js";
import type { PreparedData } from "../model/prepared.js";
import { forecastBacktest, type ForecastBacktestResult } from "../pipeline/forecast-backtest.js";
import { pipelineValue } from "../pipeline/pipeline-value.js";
import { pipelineWaterfall, type PipelineWaterfallResult } from "../pipeline/pipeline-waterfall.js";
import { stageProbabilities, type StageProbabilitiesResult } from "../pipeline/stage-probabilities.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";

/** The open pipeline by stage at one instant (one column of the stacked view). */
export interface ScorecardPipelineSnapshot {
  /** What the instant is: a period's end ("end of 2026-09") or `asOf`. */
  readonly label: string;
  readonly atMs: number;
  /** Σ amount of the open deals. */
  readonly total: KpiDecimal;
  readonly dealCount: number;
  /** Every open stage in funnel order, zero-filled: Σ amount and deals. */
  readonly stages: ReadonlyArray<{ readonly stage: string; readonly label: string; readonly value: KpiDecimal; readonly dealCount: number }>;
}

/**
 * The pipeline analytics of a scorecard: each part is there only when its data is,
 * and a part that could not be computed is `null` with a note saying why — never a crash.
 */
export interface ScorecardAnalytics {
  /** The as-of date as the scorecard shows it (`asOf` as given) and the reviewed period's label: for headings. */
  readonly asOf: string;
  readonly periodLabel: string;
  /** The currency of the pipeline's amounts (`undefined` when no deal names one). */
  readonly currency: string | undefined;
  /** The pipeline between the start of the reviewed period (the previous review) and `asOf`, by movement (plain amounts). */
  readonly waterfall: PipelineWaterfallResult | null;
  /** The open pipeline by stage at the end of each sparkline period and at `asOf`: the stacked view. */
  readonly pipelineByStage: readonly ScorecardPipelineSnapshot[] | null;
  /** Stage win shares learnt from the team's closed deals as of `asOf`, beside the configured percentages. */
  readonly calibration: StageProbabilitiesResult | null;
  /** The forecast at the start of each baseline period and of the reviewed one against what was won: fixed and calibrated probabilities. */
  readonly backtest: { readonly fixed: ForecastBacktestResult; readonly calibrated: ForecastBacktestResult } | null;
  /** The cohort × age conversion matrix over the sparkline periods (leads only). */
  readonly cohorts: ConversionByAgeResult | null;
  /** Why a part is missing, and what to know about the ones there. */
  readonly notes: readonly string[];
}

/** What {@link scorecardAnalytics} needs from the scorecard it is attached to. */
export interface ScorecardAnalyticsContext {
  readonly asOfMs: number;
  /** `asOf` as the scorecard shows it; default the ISO instant. */
  readonly asOf?: string;
  readonly grain: KpiGrain;
  /** The reviewed period (the waterfall starts at its start). */
  readonly period: KpiPeriod;
  readonly baselinePeriods: readonly KpiPeriod[];
  /** The sparkline periods, oldest first, ending with `period`. */
  readonly history: readonly KpiPeriod[];
  /** The KPIs on the card: the first standard conversion among them picks the cohort matrix's steps (default MQL → SQL). */
  readonly kpiIds: readonly string[];
  /** Fewer closed deals than this in a stage is insufficient history (default 30). */
  readonly minDeals?: number;
}

/** The ages of the cohort matrix, in days. */
export const COHORT_AGES: readonly number[] = [7, 14, 30, 60, 90];

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] ?? String(error) : String(error);
}

/** Runs one part; a failure becomes a note. */
function attempt<T>(what: string, notes: string[], run: () => T): T | null {
  try {
    return run();
  } catch (error) {
    notes.push(`${what} left out: ${reason(error)}`);
    return null;
  }
}

/**
 * The pipeline analytics shown under a scorecard, from the data the scorecard already
 * prepared: (a) the pipeline waterfall from the start of the reviewed period to `asOf`
 * (`pipelineWaterfall`, plain amounts, every open deal); (b) the open pipeline by stage at the
 * end of each sparkline period and at `asOf` (`pipelineValue`), for a stacked view; (c) the
 * stage probabilities learnt as of `asOf` (`stageProbabilities`) beside the configured ones;
 * (d) the forecast backtest over the baseline periods and the reviewed one, with fixed and with
 * calibrated probabilities (`forecastBacktest`); (e) the cohort × age matrix
 * (`conversionByAge`, ages 7 … 90 days) over the sparkline periods, when there are leads.
 *
 * No KPI math of its own: it calls those functions and keeps their results. Nothing after
 * `asOf` is read (each function reads as of its own instant, none later than `asOf`).
 *
 * Edge cases: without deals or a pipeline, (a)–(d) are null with a note; without leads, (e) is;
 * a backtest in which no deal was forecast (no expected close dates) is null with a note;
 * deals without amount are skipped and counted (a note); an error of any part (mixed
 * currencies without rates, a pipeline without open stages …) becomes a note, never a crash.
 *
 * Complexity: one waterfall pass, one pipeline pass per sparkline period, two backtests of
 * `baselinePeriods + 1` periods, one pass over the leads.
 *
 * @example
 * const pipeline = {
 *   stages: [
 *     { id: "qualify", probability: 0.2, outcome: "open" as const },
 *     { id: "proposal", probability: 0.5, outcome: "open" as const },
 *     { id: "won", probability: 1, outcome: "won" as const },
 *     { id: "lost", probability: 0, outcome: "lost" as const },
 *   ],
 * };
 * const deals = [
 *   { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-09-05" },
 *   { id: "b", owner: "ann", stage: "won", amount: "4000", createdAt: "2026-09-06", closedAt: "2026-10-10" },
 *   { id: "c", owner: "bob", stage: "qualify", amount: "2500", createdAt: "2026-10-03" },
 * ];
 * const card = scorecard({ pipeline, deals }, { kpis: [catalogKpi("new-revenue-per-month")], asOf: "2026-11-15", analytics: true });
 * // 14000 open on 1 October, + 2500 created − 4000 won = 12500 as of 15 November
 * [card.analytics?.waterfall?.opening.value.toString(), card.analytics?.waterfall?.closing.value.toString()];
 * //=> ["14000", "12500"]
 */
export function scorecardAnalytics(data: PreparedData, context: ScorecardAnalyticsContext): ScorecardAnalytics {
  const notes: string[] = [];
  const asOf = new Date(context.asOfMs);
  const shownAsOf = context.asOf ?? asOf.toISOString();
  const pipeline = data.pipeline;
  const hasDeals = data.deals.length > 0 && pipeline !== undefined;
  if (data.deals.length === 0) notes.push("pipeline analytics left out: the data has no deals");
  else if (pipeline === undefined) notes.push("pipeline analytics left out: the data has no pipeline (stages)");

  let currency: string | undefined;
  const waterfall = !hasDeals
    ? null
    : attempt("pipeline waterfall", notes, () => {
        const result = pipelineWaterfall(data, { from: new Date(context.period.startMs), to: asOf, missingAmount: "skip" });
        currency = result.currency;
        return result;
      });
  if (waterfall !== null && waterfall.skipped.length > 0) notes.push(`pipeline waterfall: ${waterfall.skipped.length} deal(s) without amount left out`);

  const instants = [
    ...context.history.map((period) => ({ label: `end of ${period.label}`, atMs: Math.min(period.endMs, context.asOfMs) })),
    ...(context.history.at(-1)?.endMs === context.asOfMs ? [] : [{ label: `as of ${shownAsOf}`, atMs: context.asOfMs }]),
  ];
  const pipelineByStage = !hasDeals
    ? null
    : attempt("pipeline by stage", notes, () =>
        instants.map(({ label, atMs }) => {
          const value = pipelineValue(data, { asOf: new Date(atMs), missingAmount: "skip" });
          currency ??= value.currency;
          return {
            label,
            atMs,
            total: value.total,
            dealCount: value.dealCount,
            stages: value.byStage.map((stage) => ({ stage: stage.stage, label: stage.label ?? stage.stage, value: stage.unweightedTotal, dealCount: stage.dealCount })),
          };
        }),
      );

  const minDeals = context.minDeals ?? 30;
  const calibration = !hasDeals ? null : attempt("stage calibration", notes, () => stageProbabilities(data, { asOf, minDeals }));
  if (calibration !== null && calibration.dealsClosed === 0) notes.push("stage calibration: no deal has closed yet, so no stage has a learnt share");

  const periods = context.baselinePeriods.length + 1;
  const tested = !hasDeals
    ? null
    : attempt("forecast backtest", notes, () => {
        const common = { periods, grain: context.grain, asOf: new Date(context.period.endMs), missingAmount: "skip" as const };
        return {
          fixed: forecastBacktest(data, { ...common, method: "fixed" }),
          calibrated: forecastBacktest(data, { ...common, method: "calibrated", minDeals }),
        };
      });
  // A backtest in which no deal was forecast measures nothing (every forecast 0, MAPE 100 %): left out, with why.
  const nothingForecast = tested !== null && tested.fixed.periods.every((period) => period.forecastDeals === 0);
  if (nothingForecast) {
    notes.push("forecast backtest left out: no open deal was expected to close in a tested period (the deals need expectedCloseAt, or forecastBacktest's expectedCloseAfterDays)");
  }
  const backtest = nothingForecast ? null : tested;
  // Open deals without an expected close are in no period's forecast: named per period, never a silent shortfall.
  const undated = (backtest?.fixed.periods ?? []).filter((period) => period.openWithoutExpectedClose > 0);
  if (undated.length > 0) {
    const counts = undated.map((period) => `${period.period.label}: ${period.openWithoutExpectedClose.toLocaleString("en-US")}`).join(", ");
    notes.push(`forecast backtest: open deals without an expected close at the period's start are not in its forecast (${counts})`);
  }

  let cohorts: ConversionByAgeResult | null = null;
  const firstPeriod = context.history[0] ?? context.period;
  if (data.leads.length === 0) notes.push("cohort matrix left out: the data has no leads");
  else {
    const conversionId = context.kpiIds.find((id): id is keyof typeof standardConversions => Object.hasOwn(standardConversions, id));
    const steps = conversionId === undefined ? standardConversions["conversion-lead-sql"] : standardConversions[conversionId];
    cohorts = attempt("cohort matrix", notes, () =>
      conversionByAge(data, {
        from: steps.from,
        to: steps.to,
        steps: standardFunnelSteps,
        cohorts: { from: new Date(firstPeriod.startMs), to: new Date(context.period.endMs), grain: context.grain },
        ages: COHORT_AGES,
        asOf,
      }),
    );
  }
  return { asOf: shownAsOf, periodLabel: context.period.label, currency, waterfall, pipelineByStage, calibration, backtest, cohorts, notes };
}
