import type { KpiDecimal } from "../core/decimal.js";
import { toDecimal } from "../core/decimal.js";
import { parseOptions } from "../core/parse-input.js";
import { parseAsOf } from "../time/instant.js";
import { type AverageDealSizeResult, averageDealSize } from "./average-deal-size.js";
import type { PipelineDealsInput } from "./deal-input.js";
import { prepareDeals } from "./deal-input.js";
import { type DealPeriodInput, DealPeriodInputSchema } from "./deal-period.js";
import { dealStateAsOf } from "../model/deal-state-at.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema } from "./pipeline-snapshot.js";
import { type SalesCycleLengthResult, salesCycleLength } from "./sales-cycle-length.js";
import { type WinRateResult, winRate } from "./win-rate.js";

/** Options of {@link salesVelocity}. */
export interface SalesVelocityOptions extends PipelineBaseOptions {
  /** The period win rate, deal size and cycle length are measured over: `{ from, to }` or a `KpiPeriod`. */
  readonly period: DealPeriodInput;
}

/** Schema of {@link SalesVelocityOptions}. */
export const SalesVelocityOptionsSchema = PipelineBaseOptionsSchema.extend({ period: DealPeriodInputSchema });

/** A sales velocity with every part shown. */
export interface SalesVelocityResult {
  /** Money per day the pipeline is expected to turn into; `null` when any part is undefined. */
  readonly value: KpiDecimal | null;
  /** Deals open at `asOf` (or now). */
  readonly openDeals: number;
  /** Win rate (closed basis, by count) over the period. */
  readonly winRate: WinRateResult;
  /** Average size of deals won in the period. */
  readonly averageDealSize: AverageDealSizeResult;
  /** Cycle length of deals won in the period; its `mean` is the divisor. */
  readonly salesCycleLength: SalesCycleLengthResult;
  readonly currency: string | undefined;
}

/**
 * How much money the pipeline moves per day: the classic sales velocity.
 *
 * Formula: open deals × win rate × average deal size ÷ mean sales cycle length (days). Open
 * deals are counted at `asOf` (or now); win rate (closed basis, by count), average deal size
 * and cycle length are measured over the period.
 *
 * Edge cases: `value` is `null` when the win rate or average deal size is undefined (no
 * closed or won deals in the period) or the mean cycle is 0 days (every deal won the day it
 * was created) — each part is shown, so the reason is visible.
 *
 * Complexity: O(n log h) (four passes over the deals, prepared once).
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
 *   { id: "e", owner: "ann", stage: "proposal", amount: "4000", createdAt: "2026-03-02" },
 *   { id: "f", owner: "bob", stage: "proposal", amount: "5000", createdAt: "2026-03-09" },
 * ];
 * // 2 open deals × win rate 3/4 × average deal size 3000 ÷ a mean cycle of 30 days (10, 20, 60)
 * salesVelocity(deals, { pipeline, asOf: "2026-03-31", period: { from: "2026-01-01", to: "2026-04-01" } }).value?.toString(); //=> "150"
 */
export function salesVelocity(deals: PipelineDealsInput, options: SalesVelocityOptions): SalesVelocityResult {
  parseOptions(SalesVelocityOptionsSchema, options);
  const data = prepareDeals(deals, options);
  const rate = winRate(data, { ...options, basis: "closed", by: "count" });
  const size = averageDealSize(data, options);
  const cycle = salesCycleLength(data, { period: options.period, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) });
  const asOfMs = options.asOf === undefined ? undefined : parseAsOf(options.asOf, data.calendar);
  let openDeals = 0;
  if (data.pipeline !== undefined) {
    for (const deal of data.deals) if (dealStateAsOf(deal, asOfMs, data.pipeline).status === "open") openDeals++;
  }
  let value: KpiDecimal | null = null;
  if (rate.value !== null && size.value !== null && cycle.mean !== null && !cycle.mean.isZero()) {
    value = toDecimal(toDecimal(openDeals).times(rate.value).times(size.value).div(cycle.mean));
  }
  return { value, openDeals, winRate: rate, averageDealSize: size, salesCycleLength: cycle, currency: size.currency };
}
