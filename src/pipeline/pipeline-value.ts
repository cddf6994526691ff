import type { PipelineDealsInput } from "./deal-input.js";
import {
  computePipelineValue,
  type PipelineValueResult,
  type WeightedPipelineValueOptions,
  WeightedPipelineValueOptionsSchema,
} from "./weighted-pipeline-value.js";

/** Options of {@link pipelineValue}: the same as those of the weighted pipeline value. */
export type PipelineValueOptions = WeightedPipelineValueOptions;

/** Schema of {@link PipelineValueOptions}. */
export const PipelineValueOptionsSchema = WeightedPipelineValueOptionsSchema;

/**
 * What the open deals are worth at full amount: the pipeline as it stood at `asOf` (or now).
 *
 * Formula: Σ amount over deals open at `asOf`. Won and lost deals are never part of it
 * (counting them is the classic "pipeline twice too high" mistake); won value is reported
 * separately in `won`. Same rules as `weightedPipelineValue` for stages as of a date,
 * currencies, missing amounts and stale deals; `total` equals `unweightedTotal`.
 *
 * Complexity: O(n log h) for n deals with up to h stage moves each.
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "qualify", probability: 0.1, outcome: "open" },
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 * ] };
 * // the two open deals; the won one is no longer pipeline
 * pipelineValue(
 *   [
 *     { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-05" },
 *     { id: "b", owner: "bob", stage: "qualify", amount: "5000", createdAt: "2026-01-06" },
 *     { id: "c", owner: "ann", stage: "won", amount: "8000", createdAt: "2026-01-02", closedAt: "2026-02-01" },
 *   ],
 *   { pipeline, asOf: "2026-03-31" },
 * ).total.toString(); //=> "15000"
 */
export function pipelineValue(deals: PipelineDealsInput, options: PipelineValueOptions = {}): PipelineValueResult {
  return computePipelineValue(deals, options, false);
}
