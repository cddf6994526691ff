import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { AmountSchema } from "../core/decimal.js";
import { InstantSchema } from "../time/instant.js";

/** One move of a deal into a stage, at an instant. */
export const StageMoveSchema = z.object({
  stage: z.string().min(1),
  at: InstantSchema,
});
/** One move of a deal into a stage. */
export type StageMove = ReadonlyInput<z.infer<typeof StageMoveSchema>>;

/** The deal's amount from an instant on (one entry of `amountHistory`). */
export const AmountChangeSchema = z.object({
  amount: AmountSchema,
  at: InstantSchema,
});
/** One entry of a deal's amount history. */
export type AmountChange = ReadonlyInput<z.input<typeof AmountChangeSchema>>;

/** The deal's expected close date from an instant on (one entry of `expectedCloseHistory`). */
export const ExpectedCloseChangeSchema = z.object({
  expectedCloseAt: InstantSchema,
  at: InstantSchema,
});
/** One entry of a deal's expected-close history. */
export type ExpectedCloseChange = ReadonlyInput<z.input<typeof ExpectedCloseChangeSchema>>;

/**
 * A deal (opportunity). `stage` is its current stage in the pipeline; `amount` its value
 * in `currency`; `probability` overrides the stage's probability. A deal in a won or lost
 * stage has `closedAt ≥ createdAt` (checked when the data is prepared, against the
 * pipeline and calendar). `stageHistory` lists the moves into stages, in any order: they are
 * sorted by instant, and moves at the same instant by the funnel — open stages in pipeline
 * order, then won and lost stages in pipeline order — so the input order never matters (a
 * deal moved to proposal, won and lost on one day ends that day lost).
 * `amountHistory` and `expectedCloseHistory` (optional, any order) say what the amount and
 * the expected close date were from each instant on; `pipelineWaterfall` reads them (as of
 * an instant: the last entry before it, else the earliest entry). Every other function reads
 * the row's current `amount` and `expectedCloseAt`.
 */
export const DealSchema = z.object({
  id: z.string().min(1),
  owner: z.string().min(1),
  team: z.string().optional(),
  account: z.string().optional(),
  product: z.string().optional(),
  amount: AmountSchema.optional(),
  currency: z.string().min(1).optional(),
  stage: z.string().min(1),
  createdAt: InstantSchema,
  closedAt: InstantSchema.optional(),
  expectedCloseAt: InstantSchema.optional(),
  probability: z.number().min(0).max(1).optional(),
  source: z.string().optional(),
  stageHistory: z.array(StageMoveSchema).optional(),
  amountHistory: z.array(AmountChangeSchema).optional(),
  expectedCloseHistory: z.array(ExpectedCloseChangeSchema).optional(),
});
/** A deal as the caller passes it. */
export type Deal = ReadonlyInput<z.input<typeof DealSchema>>;
