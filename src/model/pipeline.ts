import { z } from "zod";
import { messages } from "../core/messages.js";
import type { ReadonlyInput } from "../core/readonly-input.js";

/** What reaching a stage means: still open, won, or lost. */
export const StageOutcomeSchema = z.enum(["open", "won", "lost"]);
/** `"open" | "won" | "lost"`. */
export type StageOutcome = z.infer<typeof StageOutcomeSchema>;

/** One stage of a sales pipeline, with its win probability in [0, 1]. */
export const StageSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().optional(),
    probability: z.number().min(0).max(1),
    outcome: StageOutcomeSchema,
  })
  .check((ctx) => {
    const stage = ctx.value;
    if (stage.outcome === "won" && stage.probability !== 1) {
      ctx.issues.push({ code: "custom", path: ["probability"], message: messages.wonProbability, input: stage.probability });
    }
    if (stage.outcome === "lost" && stage.probability !== 0) {
      ctx.issues.push({ code: "custom", path: ["probability"], message: messages.lostProbability, input: stage.probability });
    }
  });
/** One stage of a sales pipeline. */
export type Stage = ReadonlyInput<z.infer<typeof StageSchema>>;

/**
 * A sales pipeline: its stages in funnel order, with unique ids. Won stages have
 * probability 1, lost stages 0.
 *
 * @example
 * const pipeline = PipelineSchema.parse({ stages: [
 *   { id: "qualify", probability: 0.1, outcome: "open" },
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 *   { id: "lost", probability: 0, outcome: "lost" },
 * ] });
 * pipeline.stages.map((stage) => stage.id); //=> ["qualify", "proposal", "won", "lost"]
 * // a won stage must have probability 1
 * PipelineSchema.safeParse({ stages: [{ id: "won", probability: 0.9, outcome: "won" }] }).success; //=> false
 */
export const PipelineSchema = z
  .object({ stages: z.array(StageSchema).min(1) })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.stages.forEach((stage, index) => {
      if (seen.has(stage.id)) {
        ctx.issues.push({ code: "custom", path: ["stages", index, "id"], message: messages.duplicateStage(stage.id), input: stage.id });
      }
      seen.add(stage.id);
    });
  });
/** A sales pipeline. */
export type Pipeline = ReadonlyInput<z.infer<typeof PipelineSchema>>;
