import { z } from "zod";
import { type KpiDecimal, toDecimal } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import type { KpiTable } from "../core/kpi-table.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import type { PreparedDeal, PreparedData } from "../model/prepared.js";
import type { KpiCalendar } from "../time/calendar.js";
import { type InstantInput, parseAsOf } from "../time/instant.js";
import { addLocalDays } from "../time/local-days.js";
import { type KpiGrain, KpiGrainSchema, type KpiPeriod, periodOf } from "../time/period.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { isoInCalendar } from "./deal-period.js";
import { computeForecast } from "./forecast.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, type PipelineContext, pipelineContext, sortedSkipped } from "./pipeline-snapshot.js";
import { computeStageProbabilities } from "./stage-probabilities.js";

/** Schema of {@link ForecastBacktestOptions}. */
export const ForecastBacktestOptionsSchema = PipelineBaseOptionsSchema.extend({
  /** How many complete periods before `asOf` to backtest (1 to 120). */
  periods: z.number().int().min(1).max(120),
  grain: KpiGrainSchema,
  /**
   * `"fixed"`: the pipeline's stage probabilities. `"calibrated"`: the probabilities
   * `stageProbabilities` learns as of each period's start (from deals closed before it).
   */
  method: z.enum(["fixed", "calibrated"]),
  /** `"calibrated"`: learn only from deals closed in the last N local days before each period start. */
  lookbackDays: z.number().int().min(1).max(36_600).optional(),
  /** `"calibrated"`: fewer closed deals in a stage keeps its fixed probability (default 30). */
  minDeals: z.number().int().min(1).optional(),
  /**
   * An assumption for exports without expected close dates: an open deal with no expected
   * close is expected this many local days after its creation (counted per period). Default:
   * such deals are not forecast.
   */
  expectedCloseAfterDays: z.number().int().min(0).max(3660).optional(),
});

/** Options of {@link forecastBacktest}. */
export interface ForecastBacktestOptions extends PipelineBaseOptions {
  readonly periods: number;
  readonly grain: KpiGrain;
  readonly method: "fixed" | "calibrated";
  readonly lookbackDays?: number;
  readonly minDeals?: number;
  /** Open deals without an expected close are expected this many local days after creation (an explicit assumption). */
  readonly expectedCloseAfterDays?: number;
  /** The backtest's end: the last `periods` periods ending by `asOf` are tested. Default: 1 ms after the latest instant in the deals. */
  readonly asOf?: InstantInput;
}

/** One backtested period. */
export interface BacktestPeriod {
  readonly period: KpiPeriod;
  /** The forecast as it stood at the period's start: open deals expected to close in it, weighted. */
  readonly forecast: KpiDecimal;
  /** Deals won in the period (effective close in it, as known at `asOf`), at full amount. */
  readonly actual: KpiDecimal;
  /** forecast − actual (positive: forecast too high). */
  readonly error: KpiDecimal;
  readonly absoluteError: KpiDecimal;
  /** |error| ÷ actual; `null` when nothing was won (no percentage of 0). */
  readonly absolutePercentageError: KpiDecimal | null;
  /** Open deals in the forecast, and deals won in the period. */
  readonly forecastDeals: number;
  readonly wonDeals: number;
  /** Open deals at the start without an expected close: not in the forecast. */
  readonly openWithoutExpectedClose: number;
  /** Open deals at the start given the assumed expected close (`expectedCloseAfterDays`). */
  readonly openWithAssumedExpectedClose: number;
}

/** Result of {@link forecastBacktest}. */
export interface ForecastBacktestResult {
  readonly method: "fixed" | "calibrated";
  readonly grain: KpiGrain;
  readonly asOf: string;
  readonly asOfMs: number;
  readonly currency: string | undefined;
  /** Oldest first. */
  readonly periods: readonly BacktestPeriod[];
  readonly overall: {
    readonly forecast: KpiDecimal;
    readonly actual: KpiDecimal;
    /** Bias: the mean error (positive: forecasts run high). */
    readonly meanError: KpiDecimal;
    readonly meanAbsoluteError: KpiDecimal;
    /** Mean of the absolute percentage errors over the periods with something won; `null` when none. */
    readonly mape: KpiDecimal | null;
    /** Periods in the MAPE. */
    readonly mapePeriods: number;
  };
  readonly skipped: readonly SkippedDeal[];
  /** Period, forecast, actual, error, APE. */
  readonly table: KpiTable;
}

/** 1 ms after the latest instant in the deals (creation, moves, closes, history entries); `undefined` without deals. */
function afterLatest(data: PreparedData): number | undefined {
  let latest = Number.NEGATIVE_INFINITY;
  for (const deal of data.deals) {
    latest = Math.max(latest, deal.createdAt, deal.currentSince, deal.closedAt ?? latest);
    for (const move of deal.history) latest = Math.max(latest, move.at);
    for (const entry of deal.amountHistory ?? []) latest = Math.max(latest, entry.at);
    for (const entry of deal.expectedCloseHistory ?? []) latest = Math.max(latest, entry.at);
  }
  return Number.isFinite(latest) ? latest + 1 : undefined;
}

/** The last `count` complete periods of `grain` ending at or before `asOfMs`, oldest first. */
export function completePeriodsBefore(asOfMs: number, count: number, grain: KpiGrain, calendar: KpiCalendar): KpiPeriod[] {
  let current = periodOf(asOfMs - 1, grain, calendar);
  if (current.endMs > asOfMs) current = periodOf(current.startMs - 1, grain, calendar);
  const periods = [current];
  while (periods.length < count) periods.unshift(periodOf((periods[0] as KpiPeriod).startMs - 1, grain, calendar));
  return periods;
}

/**
 * Can we trust the forecast? Recomputes, for each of the last `periods` complete periods, the
 * forecast as it would have been made at the period's start, and sets it against what was
 * won in the period.
 *
 * Per period P = [s, e): forecast = `forecast`'s formula as of s — nothing is won in P yet at
 * its start, so it is Σ amount × p over the deals open at s whose expected close lies in P —
 * with the stage as of s (stage history), the amount and expected close as of s
 * (`amountHistory`, `expectedCloseHistory`, else the row's), and p = the deal's own
 * probability, else the stage's: fixed (the pipeline's) or, with `method: "calibrated"`, as
 * learnt by `stageProbabilities` from the deals closed before s. Nothing at or after s is
 * read. actual = Σ amount of the deals won in P (effective close in [s, e), as known at
 * `asOf`). error = forecast − actual; APE = |error| ÷ actual (`null` when actual is 0).
 * Overall: Σ forecast, Σ actual, mean error (bias), mean absolute error, MAPE = mean APE over
 * the periods with an actual (`null` when none).
 *
 * Edge cases: the row's `expectedCloseAt` stands for every date when a deal has no
 * `expectedCloseHistory` (a CRM export keeps only the latest, which may postdate s: give the
 * history for a strict backtest); open deals without one are not forecast (counted), unless
 * `expectedCloseAfterDays: N` assumes they close N local days after creation (counted too).
 *
 * Complexity: O(P · n log h) for P periods (plus O(n · h log h) per period to calibrate).
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 *   { id: "lost", probability: 0, outcome: "lost" },
 * ] };
 * const result = forecastBacktest(
 *   [
 *     { id: "a", owner: "ann", stage: "won", amount: "10000", createdAt: "2026-01-05", expectedCloseAt: "2026-02-20",
 *       stageHistory: [{ stage: "proposal", at: "2026-01-05" }, { stage: "won", at: "2026-02-18" }] },
 *     { id: "b", owner: "ann", stage: "lost", amount: "6000", createdAt: "2026-01-10", expectedCloseAt: "2026-02-25",
 *       stageHistory: [{ stage: "proposal", at: "2026-01-10" }, { stage: "lost", at: "2026-02-27" }] },
 *   ],
 *   { pipeline, periods: 1, grain: "month", method: "fixed", asOf: "2026-02-28" },
 * );
 * // forecast 10000 × 0.5 + 6000 × 0.5 = 8000; won 10000
 * result.table.rows; //=> [["2026-02", "8000", "10000", "-2000", "0.2"]]
 */
export function forecastBacktest(deals: PipelineDealsInput, options: ForecastBacktestOptions): ForecastBacktestResult {
  parseOptions(ForecastBacktestOptionsSchema, options);
  const { asOf, ...rest } = options;
  const base = pipelineContext(deals, rest, ForecastBacktestOptionsSchema);
  const data = base.data;
  const calendar = data.calendar;
  const asOfMs = asOf === undefined ? afterLatest(data) : parseAsOf(asOf, calendar);
  if (asOfMs === undefined) throw definitionError("invalid-option", ["asOf"], messages.backtestNoPeriods);
  const periods = completePeriodsBefore(asOfMs, options.periods, options.grain, calendar);
  const skipped: SkippedDeal[] = [...base.skipped];
  const skippedIndexes = new Set(skipped.map((row) => row.index));
  const afterDays = options.expectedCloseAfterDays;
  const assumedByDeal = new Map<number, number>();
  const assumedExpectedClose =
    afterDays === undefined
      ? undefined
      : (deal: PreparedDeal): number => {
          let at = assumedByDeal.get(deal.index);
          if (at === undefined) assumedByDeal.set(deal.index, (at = addLocalDays(deal.createdAt, afterDays, calendar.timeZone)));
          return at;
        };
  /** The one place a forecast is evaluated (as of `atMs`): swap here for the KPI engine. */
  const evaluate = (period: KpiPeriod, atMs: number, calibrate: boolean) => {
    const context: PipelineContext = { ...base, asOfMs: atMs, asOf: isoInCalendar(atMs, calendar), skipped: [] };
    const stageProbabilities = calibrate ? calibratedAt(data, atMs, options) : undefined;
    const result = computeForecast(context, period, { stageProbabilities, historiesAsOf: true, assumedExpectedClose });
    for (const row of context.skipped) {
      if (skippedIndexes.has(row.index)) continue;
      skippedIndexes.add(row.index);
      skipped.push(row);
    }
    return result;
  };

  const rows = periods.map((period): BacktestPeriod => {
    const made = evaluate(period, period.startMs, options.method === "calibrated");
    const outcome = evaluate(period, asOfMs, false);
    const forecast = made.total;
    const actual = outcome.won.total;
    const error = toDecimal(forecast.minus(actual));
    const absoluteError = toDecimal(error.abs());
    return {
      period,
      forecast,
      actual,
      error,
      absoluteError,
      absolutePercentageError: actual.isZero() ? null : toDecimal(absoluteError.div(actual)),
      forecastDeals: made.open.dealCount,
      wonDeals: outcome.won.dealCount,
      openWithoutExpectedClose: made.openWithoutExpectedClose,
      openWithAssumedExpectedClose: made.openWithAssumedExpectedClose,
    };
  });
  const sum = (values: readonly KpiDecimal[]) => {
    const total = createExactSum();
    for (const value of values) total.add(value);
    return total.value();
  };
  const n = rows.length;
  const apes = rows.flatMap((row) => (row.absolutePercentageError === null ? [] : [row.absolutePercentageError]));
  const totalForecast = sum(rows.map((row) => row.forecast));
  const totalActual = sum(rows.map((row) => row.actual));
  const text = (value: KpiDecimal | null) => (value === null ? null : value.toString());
  return {
    method: options.method,
    grain: options.grain,
    asOf: isoInCalendar(asOfMs, calendar),
    asOfMs,
    currency: base.converter.currency(),
    periods: rows,
    overall: {
      forecast: totalForecast,
      actual: totalActual,
      meanError: toDecimal(sum(rows.map((row) => row.error)).div(n)),
      meanAbsoluteError: toDecimal(sum(rows.map((row) => row.absoluteError)).div(n)),
      mape: apes.length === 0 ? null : toDecimal(sum(apes).div(apes.length)),
      mapePeriods: apes.length,
    },
    skipped: sortedSkipped(skipped),
    table: {
      columns: ["period", "forecast", "actual", "error", "absolute % error"],
      rows: rows.map((row) => [row.period.label, text(row.forecast), text(row.actual), text(row.error), text(row.absolutePercentageError)]),
    },
  };
}

/** Calibrated stage probabilities by stage index, as learnt from the deals closed before `atMs`. */
function calibratedAt(data: PreparedData, atMs: number, options: ForecastBacktestOptions): Array<KpiDecimal | undefined> {
  const table = computeStageProbabilities(data, atMs, options.lookbackDays, options.minDeals ?? 30);
  const byIndex: Array<KpiDecimal | undefined> = [];
  for (const row of table.stages) {
    const stage = data.pipeline?.byId.get(row.stage);
    if (stage !== undefined) byIndex[stage.index] = row.probability;
  }
  return byIndex;
}
