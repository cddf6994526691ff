import { z } from "zod";
import { DecimalLikeSchema, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { customIssue, definitionError, KpiDefinitionError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { PreparedData } from "../model/prepared.js";
import { computeStageProbabilities } from "./stage-probabilities.js";

/**
 * Stage probabilities that replace the pipeline's in a weighted value: `"calibrated"` (learnt
 * as of `asOf` by `stageProbabilities` with its defaults: all history, `minDeals` 30), or a
 * table `{ stages: [{ stage, probability }] }` — the result of `stageProbabilities` itself, or
 * one written by hand. Stages left out keep the pipeline's probability.
 */
export const StageProbabilityOverrideSchema = z.union([
  z.literal("calibrated"),
  // No .readonly(): zod's readonly freezes the caller's array (even when the parse fails).
  z.object({ stages: z.array(z.object({ stage: z.string().min(1), probability: DecimalLikeSchema })) }),
]);

/** See {@link StageProbabilityOverrideSchema}. */
export type StageProbabilityOverride = "calibrated" | { readonly stages: ReadonlyArray<{ readonly stage: string; readonly probability: KpiDecimal | number | string }> };

/** Where the stage probabilities of a weighted value came from. */
export type StageProbabilitySource = "pipeline" | "calibrated" | "table";

/**
 * The probabilities by stage index that {@link StageProbabilityOverride} gives, checked: every
 * stage named is an open stage of the pipeline, every probability in [0, 1]
 * (`KpiDefinitionError` at `probabilities.stages[i]`).
 */
export function resolveStageProbabilities(
  data: PreparedData,
  override: StageProbabilityOverride | undefined,
  asOfMs: number | undefined,
): { readonly byIndex: ReadonlyArray<KpiDecimal | undefined> | undefined; readonly source: StageProbabilitySource } {
  if (override === undefined) return { byIndex: undefined, source: "pipeline" };
  const pipeline = data.pipeline;
  const byIndex: Array<KpiDecimal | undefined> = [];
  if (override === "calibrated") {
    if (asOfMs === undefined) throw definitionError("invalid-option", ["probabilities"], messages.calibratedNeedsAsOf);
    const table = computeStageProbabilities(data, asOfMs, undefined, 30);
    for (const row of table.stages) {
      const stage = pipeline?.byId.get(row.stage);
      if (stage !== undefined) byIndex[stage.index] = row.probability;
    }
    return { byIndex, source: "calibrated" };
  }
  const issues: KpiIssue[] = [];
  override.stages.forEach((row, i) => {
    const stage = pipeline?.byId.get(row.stage);
    if (stage === undefined || stage.outcome !== "open") {
      issues.push(customIssue(["probabilities", "stages", i, "stage"], messages.probabilityStageUnknown(row.stage), row.stage));
      return;
    }
    const probability = toDecimal(row.probability);
    if (probability.lt(0) || probability.gt(1)) {
      issues.push(customIssue(["probabilities", "stages", i, "probability"], messages.probabilityOutOfRange(row.stage), row.probability));
      return;
    }
    byIndex[stage.index] = probability;
  });
  if (issues.length > 0) throw new KpiDefinitionError("invalid-option", issues);
  return { byIndex, source: "table" };
}
