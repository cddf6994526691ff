import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { InstantSchema } from "../time/instant.js";

/**
 * One sales activity: a call, e-mail, meeting, proposal, training hour, coaching session
 * ... `type` is free text (the catalog uses `call`, `email`, `meeting`, `first-meeting`,
 * `follow-up-meeting`, `proposal`, `training-hour`, `coaching-session`). `quantity` is a
 * positive whole number, 1 when left out.
 */
export const ActivitySchema = z.object({
  id: z.string().optional(),
  owner: z.string().min(1),
  team: z.string().optional(),
  type: z.string().min(1),
  at: InstantSchema,
  quantity: z.number().int().positive().optional(),
});
/** An activity as the caller passes it. */
export type Activity = ReadonlyInput<z.input<typeof ActivitySchema>>;
