import { z } from "zod";
import type { KpiDecimal } from "../core/decimal.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import {
  type PipelineBaseOptions,
  PipelineBaseOptionsSchema,
  type PipelineOwnerTotals,
  type PipelineStageTotals,
  type PipelineTeamTotals,
  pipelineContext,
  pipelineSnapshot,
  sortedSkipped,
  staleBefore,
} from "./pipeline-snapshot.js";
import {
  type StageProbabilityOverride,
  StageProbabilityOverrideSchema,
  type StageProbabilitySource,
  resolveStageProbabilities,
} from "./stage-probability-override.js";

/** Options of {@link weightedPipelineValue} (and {@link pipelineValue}). */
export interface WeightedPipelineValueOptions extends PipelineBaseOptions {
  /**
   * Report open deals without a stage move (or creation) in the last N local days before
   * `asOf` in `stale`. They stay in the totals; the list tells whom to chase. Needs `asOf`.
   */
  readonly staleAfterDays?: number;
  /**
   * Replace the pipeline's stage probabilities: `"calibrated"` (learnt from the deals closed
   * before `asOf` by `stageProbabilities`; needs `asOf`) or a table `{ stages: [{ stage,
   * probability }] }` such as the result of `stageProbabilities`. A stage with insufficient
   * history keeps its configured probability; a deal's own `probability` still wins.
   */
  readonly probabilities?: StageProbabilityOverride;
}

/** Schema of {@link WeightedPipelineValueOptions}. */
export const WeightedPipelineValueOptionsSchema = PipelineBaseOptionsSchema.extend({
  staleAfterDays: z.number().int().min(0).optional(),
  probabilities: StageProbabilityOverrideSchema.optional(),
});

/** A pipeline value with how it was computed. */
export interface PipelineValueResult {
  /** Σ amount × probability over open deals (weighted), or Σ amount (unweighted). */
  readonly total: KpiDecimal;
  /** Σ amount over the same open deals. */
  readonly unweightedTotal: KpiDecimal;
  readonly weighted: boolean;
  /** Where the stage probabilities came from: the pipeline, `"calibrated"`, or a given `"table"`. */
  readonly probabilities: StageProbabilitySource;
  /** Currency of every amount in the result (`undefined` when no deal named one). */
  readonly currency: string | undefined;
  /** The exclusive instant looked at (ISO with offset, epoch ms), `undefined` for the current state. */
  readonly asOf: string | undefined;
  readonly asOfMs: number | undefined;
  /** Every open stage of the pipeline in funnel order, zero-filled. */
  readonly byStage: readonly PipelineStageTotals[];
  /** Every owner with open deals and every rep of the roster, sorted by owner. */
  readonly byOwner: readonly PipelineOwnerTotals[];
  /** Every team, sorted; deals without a team last (`team: undefined`). */
  readonly byTeam: readonly PipelineTeamTotals[];
  /** Open deals counted. */
  readonly dealCount: number;
  /** Deals won by `asOf`, reported separately (never part of the pipeline), converted at their close. */
  readonly won: { readonly total: KpiDecimal; readonly dealCount: number };
  /** Deals lost by `asOf` (never part of the pipeline). */
  readonly lostCount: number;
  /** Open deals counted that have no stage history (their current stage was used). */
  readonly dealsWithoutHistory: number;
  /** Open deals whose stage at `asOf` was assumed (the pipeline's first open stage, see `dealStateAsOf`). */
  readonly dealsWithAssumedStage: number;
  /** With `staleAfterDays`: the open deals (ids, sorted) with no move for longer; included in the totals. */
  readonly stale: { readonly afterDays: number; readonly dealIds: readonly string[] } | undefined;
  /** Deals left out, with why (no amount under `missingAmount: "skip"`, invalid rows skipped in preparation). */
  readonly skipped: readonly SkippedDeal[];
}

/** Shared by pipelineValue and weightedPipelineValue. */
export function computePipelineValue(deals: PipelineDealsInput, options: WeightedPipelineValueOptions, weighted: boolean): PipelineValueResult {
  const context = pipelineContext(deals, options, WeightedPipelineValueOptionsSchema);
  const probabilities = resolveStageProbabilities(context.data, options.probabilities, context.asOfMs);
  const snapshot = pipelineSnapshot(context, {
    weighted,
    staleBeforeMs: staleBefore(context.asOfMs, options.staleAfterDays, context),
    stageProbabilities: probabilities.byIndex,
  });
  return {
    total: snapshot.total,
    unweightedTotal: snapshot.unweightedTotal,
    weighted,
    probabilities: probabilities.source,
    currency: context.converter.currency(),
    asOf: context.asOf,
    asOfMs: context.asOfMs,
    byStage: snapshot.byStage,
    byOwner: snapshot.byOwner,
    byTeam: snapshot.byTeam,
    dealCount: snapshot.dealCount,
    won: snapshot.won,
    lostCount: snapshot.lostCount,
    dealsWithoutHistory: snapshot.dealsWithoutHistory,
    dealsWithAssumedStage: snapshot.dealsWithAssumedStage,
    stale: options.staleAfterDays === undefined ? undefined : { afterDays: options.staleAfterDays, dealIds: snapshot.staleDealIds },
    skipped: sortedSkipped(context.skipped),
  };
}

/**
 * What the open deals are worth when each is discounted by its chance of closing: the
 * weighted pipeline, as it stood at `asOf` (or now).
 *
 * Formula: Σ over deals open at `asOf` of amount × p, with p = the deal's own `probability`
 * ?? its stage's probability — the sum of per-deal products, never an average probability ×
 * summed amount. Won and lost deals are never part of it (won value is reported separately
 * in `won`). The stage at `asOf` comes from the stage history (see `dealStateAsOf`), so a past
 * snapshot counts reopened deals as open again from their reopening on.
 *
 * Edge cases: no open deals → 0; a deal without amount follows `missingAmount` (error by
 * default); deals in more than one currency need `currency` with `rates` or `fx` (open
 * deals converted at `asOf`), else `KpiDefinitionError` `"mixed-currencies"`; a missing rate
 * is `"missing-rate"`. Deals without history are counted in `dealsWithoutHistory`.
 *
 * `probabilities: "calibrated"` (with `asOf`) uses the stage probabilities learnt from the
 * team's own closed deals (`stageProbabilities`, where a stage has enough history), or pass
 * that table (or `{ stages: [{ stage, probability }] }`); `byStage[].probability` shows the
 * probability used.
 *
 * Complexity: O(n log h) for n deals with up to h stage moves each; one Decimal product and
 * two exact sums per open deal; groups are rolled up from (stage, owner, team) cells.
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "qualify", probability: 0.1, outcome: "open" },
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 * ] };
 * // 10000 × 0.5 (the proposal stage) + 5000 × 0.3 (the deal's own probability); the won deal is reported in `won`
 * weightedPipelineValue(
 *   [
 *     { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-05" },
 *     { id: "b", owner: "bob", stage: "qualify", amount: "5000", createdAt: "2026-01-06", probability: 0.3 },
 *     { id: "c", owner: "ann", stage: "won", amount: "8000", createdAt: "2026-01-02", closedAt: "2026-02-01" },
 *   ],
 *   { pipeline, asOf: "2026-03-31" },
 * ).total.toString(); //=> "6500"
 */
export function weightedPipelineValue(deals: PipelineDealsInput, options: WeightedPipelineValueOptions = {}): PipelineValueResult {
  return computePipelineValue(deals, options, true);
}
