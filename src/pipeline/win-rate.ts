import { z } from "zod";
import type { KpiDecimal } from "../core/decimal.js";
import { createExactSum } from "../core/exact-sum.js";
import { type Ratio, ratio } from "../core/ratio.js";
import { forEachClosedInPeriod } from "./closed-in-period.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { type DealPeriodBounds, type DealPeriodInput, DealPeriodInputSchema, resolveDealPeriod } from "./deal-period.js";
import { dealStateAsOf } from "../model/deal-state-at.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, pipelineContext, sortedSkipped } from "./pipeline-snapshot.js";

/** Options of {@link winRate}. */
export interface WinRateOptions extends PipelineBaseOptions {
  /** The period measured: `{ from, to }` (date-only = local midnight, `to` exclusive) or a `KpiPeriod`. */
  readonly period: DealPeriodInput;
  /** `"closed"` (default): won ÷ (won + lost) closed in the period; `"created"`: won ÷ all deals created in it. */
  readonly basis?: "closed" | "created";
  /** `"count"` (default) counts deals; `"value"` sums their amounts. */
  readonly by?: "count" | "value";
}

/** Schema of {@link WinRateOptions}. */
export const WinRateOptionsSchema = PipelineBaseOptionsSchema.extend({
  period: DealPeriodInputSchema,
  basis: z.enum(["closed", "created"]).optional(),
  by: z.enum(["count", "value"]).optional(),
});

/** A win rate with how it was computed. */
export interface WinRateResult {
  /** won ÷ denominator; `null` when there is nothing to divide by (no closed deals). */
  readonly value: KpiDecimal | null;
  readonly ratio: Ratio;
  readonly basis: "closed" | "created";
  readonly by: "count" | "value";
  readonly period: DealPeriodBounds;
  readonly asOf: string | undefined;
  readonly asOfMs: number | undefined;
  /** Currency of the amounts (by value), `undefined` when none named or by count. */
  readonly currency: string | undefined;
  readonly won: number;
  readonly lost: number;
  /** Created basis: deals of the cohort still open at `asOf` (they count in the denominator). Closed basis: 0. */
  readonly open: number;
  /** Deals counted (won + lost, plus open for the created basis). */
  readonly dealCount: number;
  readonly skipped: readonly SkippedDeal[];
}

/**
 * How often the team wins the deals it closes (or the deals it starts).
 *
 * Formula, basis `"closed"` (default): won ÷ (won + lost) over deals whose effective close
 * (last move into won/lost, at `asOf` or now) lies in the period. A deal won, reopened and
 * lost counts once, as lost; a reopened deal still open at `asOf` drops out. Basis
 * `"created"`: won ÷ all deals created in the period, a cohort rate that rises as the cohort
 * matures (reported with the `open` count). `by: "value"` sums amounts instead (won deals
 * converted at their close, open deals at `asOf`), following `missingAmount`.
 *
 * Edge cases: no closed deals (or an empty cohort) → `value: null`, never NaN. Always in [0, 1]
 * for non-negative amounts.
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
 *   { id: "a", owner: "ann", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-11" },
 *   { id: "b", owner: "ann", stage: "won", createdAt: "2026-01-05", closedAt: "2026-01-25" },
 *   { id: "c", owner: "bob", stage: "won", createdAt: "2026-01-10", closedAt: "2026-03-11" },
 *   { id: "d", owner: "bob", stage: "lost", createdAt: "2026-02-01", closedAt: "2026-03-01" },
 *   { id: "e", owner: "bob", stage: "proposal", createdAt: "2026-02-10" },
 * ];
 * // 3 won and 1 lost closed in Q1: 3 ÷ 4; the open deal is not closed, so not counted
 * winRate(deals, { pipeline, period: { from: "2026-01-01", to: "2026-04-01" } }); //=> { value: 0.75, won: 3, lost: 1, ... }
 */
export function winRate(deals: PipelineDealsInput, options: WinRateOptions): WinRateResult {
  const context = pipelineContext(deals, options, WinRateOptionsSchema);
  const period = resolveDealPeriod(options.period, context.data.calendar);
  const basis = options.basis ?? "closed";
  const by = options.by ?? "count";
  const wonSum = createExactSum();
  const allSum = createExactSum();
  let won = 0;
  let lost = 0;
  let open = 0;
  const add = (deal: Parameters<typeof context.readAmount>[0], atMs: number | undefined, isWon: boolean): boolean => {
    if (by === "count") return true;
    const read = context.readAmount(deal);
    if ("skipReason" in read) {
      context.skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
      return false;
    }
    const amount = context.converter.convert(deal, read.amount, atMs);
    allSum.add(amount);
    if (isWon) wonSum.add(amount);
    return true;
  };
  if (basis === "closed") {
    forEachClosedInPeriod(context, period, (deal, state) => {
      const isWon = state.status === "won";
      if (!add(deal, state.since, isWon)) return;
      if (isWon) won++;
      else lost++;
    });
  } else if (context.data.pipeline !== undefined) {
    const pipeline = context.data.pipeline;
    const endMs = context.asOfMs === undefined ? period.endMs : Math.min(period.endMs, context.asOfMs);
    for (const deal of context.data.deals) {
      if (deal.createdAt < period.startMs || !(deal.createdAt < endMs)) continue;
      const state = dealStateAsOf(deal, context.asOfMs, pipeline);
      const isWon = state.status === "won";
      if (!add(deal, state.status === "open" ? context.asOfMs : state.since, isWon)) continue;
      if (isWon) won++;
      else if (state.status === "lost") lost++;
      else open++;
    }
  }
  const result = by === "count" ? ratio(won, won + lost + open) : ratio(wonSum.value(), allSum.value());
  return {
    value: result.value,
    ratio: result,
    basis,
    by,
    period,
    asOf: context.asOf,
    asOfMs: context.asOfMs,
    currency: by === "value" ? context.converter.currency() : undefined,
    won,
    lost,
    open,
    dealCount: won + lost + open,
    skipped: sortedSkipped(context.skipped),
  };
}

