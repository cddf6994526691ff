import { z } from "zod";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { createExactSum } from "../core/exact-sum.js";
import type { Ratio } from "../core/ratio.js";
import { forEachClosedInPeriod } from "./closed-in-period.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { type DealPeriodBounds, type DealPeriodInput, DealPeriodInputSchema, resolveDealPeriod } from "./deal-period.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, pipelineContext, pipelineSnapshot, sortedSkipped } from "./pipeline-snapshot.js";

/** Options of {@link pipelineCoverage}. */
export interface PipelineCoverageOptions extends PipelineBaseOptions {
  /** The target of the period (in `currency`, or the deals' currency). */
  readonly target: DecimalLike;
  /** The period the target is for: `{ from, to }` or a `KpiPeriod`. */
  readonly period: DealPeriodInput;
  /** Use the weighted pipeline instead of the open pipeline at full amount. Default false. */
  readonly weighted?: boolean;
  /** Count only open deals whose `expectedCloseAt` falls in the period. Default false (every open deal). */
  readonly onlyExpectedInPeriod?: boolean;
}

/** Schema of {@link PipelineCoverageOptions}. */
export const PipelineCoverageOptionsSchema = PipelineBaseOptionsSchema.extend({
  target: DecimalLikeSchema,
  period: DealPeriodInputSchema,
  weighted: z.boolean().optional(),
  onlyExpectedInPeriod: z.boolean().optional(),
});

/** A pipeline coverage with its parts. */
export interface PipelineCoverageResult {
  /** pipeline ÷ remaining; `null` when nothing remains (target met or exceeded). */
  readonly value: KpiDecimal | null;
  /** numerator = pipeline, denominator = remaining target. */
  readonly ratio: Ratio;
  readonly target: KpiDecimal;
  /** Deals won in the period so far (effective close before `asOf`). */
  readonly won: { readonly total: KpiDecimal; readonly dealCount: number };
  /** target − won; ≤ 0 when the target is met. */
  readonly remaining: KpiDecimal;
  readonly targetMet: boolean;
  /** The pipeline counted (weighted or not) and its open deals. */
  readonly pipeline: { readonly total: KpiDecimal; readonly weighted: boolean; readonly dealCount: number };
  readonly currency: string | undefined;
  readonly period: DealPeriodBounds;
  readonly asOf: string | undefined;
  readonly asOfMs: number | undefined;
  readonly skipped: readonly SkippedDeal[];
}

/**
 * Whether there is enough pipeline to reach the rest of the target ("3× coverage").
 *
 * Formula: open pipeline at `asOf` (Σ amount, or Σ amount × p with `weighted`) ÷ (target −
 * won in the period so far).
 *
 * Edge cases: when the target is already met (remaining ≤ 0) coverage means nothing:
 * `value` is `null` and `targetMet` true — never a negative or infinite coverage. With
 * `onlyExpectedInPeriod`, only open deals expected to close in the period count (deals
 * without `expectedCloseAt` are then left out).
 *
 * Complexity: O(n log h).
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 * ] };
 * const deals = [
 *   { id: "a", owner: "ann", stage: "won", amount: "20000", createdAt: "2026-01-05", closedAt: "2026-02-01" },
 *   { id: "b", owner: "ann", stage: "proposal", amount: "60000", createdAt: "2026-01-10" },
 *   { id: "c", owner: "bob", stage: "proposal", amount: "30000", createdAt: "2026-02-01" },
 * ];
 * // target 50000, won 20000 so far: 30000 to go, with 90000 open → 3× coverage
 * pipelineCoverage(deals, { pipeline, target: 50000, asOf: "2026-02-15", period: { from: "2026-01-01", to: "2026-04-01" } }).value?.toString(); //=> "3"
 */
export function pipelineCoverage(deals: PipelineDealsInput, options: PipelineCoverageOptions): PipelineCoverageResult {
  const context = pipelineContext(deals, options, PipelineCoverageOptionsSchema);
  const period = resolveDealPeriod(options.period, context.data.calendar);
  const target = toDecimal(options.target);
  const weighted = options.weighted ?? false;
  const won = createExactSum();
  let wonCount = 0;
  forEachClosedInPeriod(context, period, (deal, state) => {
    if (state.status !== "won") return;
    const read = context.readAmount(deal);
    if ("skipReason" in read) {
      context.skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
      return;
    }
    won.add(context.converter.convert(deal, read.amount, state.since));
    wonCount++;
  });
  const open = pipelineSnapshot(context, {
    weighted,
    sumWon: false,
    includeOpen:
      options.onlyExpectedInPeriod === true
        ? (deal) => deal.expectedCloseAt !== undefined && deal.expectedCloseAt >= period.startMs && deal.expectedCloseAt < period.endMs
        : undefined,
  });
  const wonTotal = won.value();
  const remaining = withoutNegativeZero(target.minus(wonTotal));
  const targetMet = !remaining.isPositive() || remaining.isZero();
  const value = targetMet ? null : withoutNegativeZero(open.total.div(remaining));
  return {
    value,
    ratio: { numerator: open.total, denominator: remaining, value },
    target,
    won: { total: wonTotal, dealCount: wonCount },
    remaining,
    targetMet,
    pipeline: { total: open.total, weighted, dealCount: open.dealCount },
    currency: context.converter.currency(),
    period,
    asOf: context.asOf,
    asOfMs: context.asOfMs,
    skipped: sortedSkipped(context.skipped),
  };
}
