import type { KpiDecimal } from "../core/decimal.js";
import { createExactSum } from "../core/exact-sum.js";
import { type Ratio, ratio } from "../core/ratio.js";
import { forEachClosedInPeriod } from "./closed-in-period.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { type DealPeriodBounds, type DealPeriodInput, DealPeriodInputSchema, resolveDealPeriod } from "./deal-period.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, pipelineContext, sortedSkipped } from "./pipeline-snapshot.js";

/** Options of {@link averageDealSize}. */
export interface AverageDealSizeOptions extends PipelineBaseOptions {
  /** The period the deals were won in: `{ from, to }` or a `KpiPeriod`. */
  readonly period: DealPeriodInput;
}

/** Schema of {@link AverageDealSizeOptions}. */
export const AverageDealSizeOptionsSchema = PipelineBaseOptionsSchema.extend({ period: DealPeriodInputSchema });

/** An average deal size with how it was computed. */
export interface AverageDealSizeResult {
  /** Σ amount ÷ count of deals won in the period; `null` when none were won. */
  readonly value: KpiDecimal | null;
  /** numerator = Σ amount, denominator = number of won deals. */
  readonly ratio: Ratio;
  readonly total: KpiDecimal;
  readonly dealCount: number;
  readonly currency: string | undefined;
  readonly period: DealPeriodBounds;
  readonly asOf: string | undefined;
  readonly asOfMs: number | undefined;
  readonly skipped: readonly SkippedDeal[];
}

/**
 * What a won deal is worth on average.
 *
 * Formula: Σ amount ÷ number of deals won in the period (effective close — the last move
 * into won — in the period, as known at `asOf` or now). Amounts are converted at each
 * deal's close when `currency` is given. A deal won, reopened and still open or lost at
 * `asOf` does not count.
 *
 * Edge cases: no won deals → `value: null`; a won deal without amount follows
 * `missingAmount` (error by default; skipped deals are left out of both sum and count).
 *
 * Complexity: O(n log h).
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 *   { id: "lost", probability: 0, outcome: "lost" },
 * ] };
 * const deals = [
 *   { id: "a", owner: "ann", stage: "won", amount: "1000", createdAt: "2026-01-01", closedAt: "2026-01-11" },
 *   { id: "b", owner: "ann", stage: "won", amount: "2000", createdAt: "2026-01-05", closedAt: "2026-01-25" },
 *   { id: "c", owner: "bob", stage: "won", amount: "6000", createdAt: "2026-01-10", closedAt: "2026-03-11" },
 *   { id: "d", owner: "bob", stage: "lost", amount: "9000", createdAt: "2026-02-01", closedAt: "2026-03-01" },
 * ];
 * // won in Q1: (1000 + 2000 + 6000) ÷ 3; the lost deal does not count
 * averageDealSize(deals, { pipeline, period: { from: "2026-01-01", to: "2026-04-01" } }).value?.toString(); //=> "3000"
 */
export function averageDealSize(deals: PipelineDealsInput, options: AverageDealSizeOptions): AverageDealSizeResult {
  const context = pipelineContext(deals, options, AverageDealSizeOptionsSchema);
  const period = resolveDealPeriod(options.period, context.data.calendar);
  const total = createExactSum();
  let count = 0;
  forEachClosedInPeriod(context, period, (deal, state) => {
    if (state.status !== "won") return;
    const read = context.readAmount(deal);
    if ("skipReason" in read) {
      context.skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
      return;
    }
    total.add(context.converter.convert(deal, read.amount, state.since));
    count++;
  });
  const mean = ratio(total.value(), count);
  return {
    value: mean.value,
    ratio: mean,
    total: mean.numerator,
    dealCount: count,
    currency: context.converter.currency(),
    period,
    asOf: context.asOf,
    asOfMs: context.asOfMs,
    skipped: sortedSkipped(context.skipped),
  };
}
