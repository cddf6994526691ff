import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { InstantSchema } from "../time/instant.js";

/**
 * A sales rep of the roster. Reps in the roster appear in every per-rep result, even
 * with no rows. `startedAt` decides whether a rep has enough history for a baseline;
 * `leftAt` feeds rep turnover.
 */
export const RepSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  team: z.string().optional(),
  startedAt: InstantSchema.optional(),
  leftAt: InstantSchema.optional(),
});
/** A rep as the caller passes it. */
export type Rep = ReadonlyInput<z.input<typeof RepSchema>>;
