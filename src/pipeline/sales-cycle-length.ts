import { countDecimal, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { ratio, ratioOf } from "../core/ratio.js";
import { sortRun } from "../core/sort-run.js";
import { localDayNumbers } from "../time/local-days.js";
import { forEachClosedInPeriod } from "./closed-in-period.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { type DealPeriodBounds, type DealPeriodInput, DealPeriodInputSchema, resolveDealPeriod } from "./deal-period.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, pipelineContext, sortedSkipped } from "./pipeline-snapshot.js";

/** Options of {@link salesCycleLength}. */
export interface SalesCycleLengthOptions extends Omit<PipelineBaseOptions, "missingAmount" | "currency" | "rates" | "fx"> {
  /** The period the deals were won in: `{ from, to }` or a `KpiPeriod`. */
  readonly period: DealPeriodInput;
}

/** Schema of {@link SalesCycleLengthOptions}. */
export const SalesCycleLengthOptionsSchema = PipelineBaseOptionsSchema.omit({ missingAmount: true, currency: true, rates: true, fx: true }).extend({
  period: DealPeriodInputSchema,
});

/** A sales cycle length with how it was computed. */
export interface SalesCycleLengthResult {
  /** Mean local calendar days from creation to win; `null` when no deal was won in the period. */
  readonly mean: KpiDecimal | null;
  /** Median of the same days (mean of the middle two for an even count); `null` when none. */
  readonly median: KpiDecimal | null;
  /** Σ days (the numerator of the mean). */
  readonly totalDays: KpiDecimal;
  /** Deals won in the period (the denominator of the mean). */
  readonly count: number;
  readonly period: DealPeriodBounds;
  readonly asOf: string | undefined;
  readonly asOfMs: number | undefined;
  readonly skipped: readonly SkippedDeal[];
}

/**
 * How long it takes to win a deal, in days.
 *
 * Formula: for each deal won in the period (effective close in the period, as known at
 * `asOf` or now), the local calendar days from `createdAt` to its effective close in the
 * calendar's time zone (a deal created on 30 March and won on 2 April is 3 days, whatever the
 * hours or DST); then the mean and median over those deals. Lost deals and reopened deals
 * open at `asOf` are not counted.
 *
 * Edge cases: no won deals → `mean` and `median` `null`, `count` 0. A deal created and won
 * on the same local day is 0 days.
 *
 * Complexity: O(n log h) plus one time-zone conversion per distinct instant of the won
 * deals in the period (remembered) and a sort of the days for the median.
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 * ] };
 * const deals = [
 *   { id: "a", owner: "ann", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-11" }, // 10 days
 *   { id: "b", owner: "ann", stage: "won", createdAt: "2026-01-05", closedAt: "2026-01-25" }, // 20 days
 *   { id: "c", owner: "bob", stage: "won", createdAt: "2026-01-10", closedAt: "2026-03-11" }, // 60 days
 * ];
 * salesCycleLength(deals, { pipeline, period: { from: "2026-01-01", to: "2026-04-01" } }); //=> { mean: 30, median: 20, count: 3, ... }
 */
export function salesCycleLength(deals: PipelineDealsInput, options: SalesCycleLengthOptions): SalesCycleLengthResult {
  const context = pipelineContext(deals, options, SalesCycleLengthOptionsSchema);
  const period = resolveDealPeriod(options.period, context.data.calendar);
  const localDay = localDayNumbers(context.data.calendar.timeZone);
  const days: number[] = [];
  forEachClosedInPeriod(context, period, (deal, state) => {
    if (state.status !== "won") return;
    days.push(localDay(state.since) - localDay(deal.createdAt));
  });
  const count = days.length;
  let sum = 0;
  for (const d of days) sum += d;
  const totalDays = toDecimal(sum);
  const mean: KpiDecimal | null = ratio(totalDays, count).value;
  const median = medianDays(days);
  return {
    mean,
    median,
    totalDays,
    count,
    period,
    asOf: context.asOfMs === undefined ? undefined : context.asOf,
    asOfMs: context.asOfMs,
    skipped: sortedSkipped(context.skipped),
  };
}

/** The two middle values of a few days (the same one for an odd count). */
function middleOfFew(values: ArrayLike<number>): [number, number] {
  const sorted = Float64Array.from(values);
  sortRun(sorted, 0, sorted.length);
  return [sorted[(values.length - 1) >> 1] as number, sorted[values.length >> 1] as number];
}

/**
 * The two middle values of many days (`k = (n − 1) >> 1` and `n >> 1` in sorted order): by
 * counting when the days are whole and span at most a few per value (cycle days always are:
 * O(n + span), no sort), else from a typed (comparator-free) sort.
 */
function middleOfMany(values: ArrayLike<number>): [number, number] {
  const n = values.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    if (value < min) min = value;
    if (value > max) max = value;
    if (!Number.isInteger(value)) whole = false;
  }
  const low = (n - 1) >> 1;
  const high = n >> 1;
  if (!whole || max - min > 4 * n + 1024) {
    const sorted = Float64Array.from(values).sort();
    return [sorted[low] as number, sorted[high] as number];
  }
  const counts = new Int32Array(max - min + 1);
  for (let i = 0; i < n; i++) {
    const at = (values[i] as number) - min;
    counts[at] = (counts[at] as number) + 1;
  }
  let seen = 0;
  let lowValue = min;
  for (let v = 0; v < counts.length; v++) {
    const before = seen;
    seen += counts[v] as number;
    if (before <= low && low < seen) lowValue = v + min;
    if (high < seen) return [lowValue, v + min];
  }
  return [max, max];
}

/**
 * The median of whole days (the mean of the middle two for an even count); `null` without any.
 * `sorted`: the days are ascending already (read at the middle, not sorted again).
 */
export function medianDays(days: ArrayLike<number>, sorted = false): KpiDecimal | null {
  if (days.length === 0) return null;
  const [low, high] = sorted ? [days[(days.length - 1) >> 1] as number, days[days.length >> 1] as number] : days.length > 24 ? middleOfMany(days) : middleOfFew(days);
  if (days.length % 2 === 1) return toDecimal(high);
  // ratioOf: the one quotient formula, remembered for small whole counts (most medians of days).
  return ratioOf(toDecimal(low + high), countDecimal(2)).value;
}
