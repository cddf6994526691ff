import { TZDate } from "@date-fns/tz";
import { type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { forEachClosedInPeriod } from "./closed-in-period.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { type DealPeriodBounds, type DealPeriodInput, DealPeriodInputSchema, resolveDealPeriod } from "./deal-period.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, pipelineContext, sortedSkipped } from "./pipeline-snapshot.js";

const DAY_MS = 86_400_000;

/**
 * The number of the local calendar day holding an instant (days since 1970-01-01 in the
 * zone's wall-clock dates), remembered per instant: the difference of two is date-fns'
 * `differenceInCalendarDays` on `TZDate`s, at a fraction of its cost.
 */
function localDayNumbers(timeZone: string): (ms: number) => number {
  const cache = new Map<number, number>();
  return (ms) => {
    let day = cache.get(ms);
    if (day === undefined) {
      const local = new TZDate(ms, timeZone);
      day = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS;
      cache.set(ms, day);
    }
    return day;
  };
}

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
 * salesCycleLength(deals, { pipeline, period: { from: "2026-01-01", to: "2026-04-01" } });
 * // won after 10, 20 and 60 days → { mean: 30, median: 20, count: 3 }
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
  days.sort((a, b) => a - b);
  const count = days.length;
  let sum = 0;
  for (const d of days) sum += d;
  const totalDays = toDecimal(sum);
  let mean: KpiDecimal | null = null;
  let median: KpiDecimal | null = null;
  if (count > 0) {
    mean = withoutNegativeZero(totalDays.div(count));
    const mid = count >>> 1;
    median = count % 2 === 1 ? toDecimal(days[mid] as number) : toDecimal(toDecimal((days[mid - 1] as number) + (days[mid] as number)).div(2));
  }
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
