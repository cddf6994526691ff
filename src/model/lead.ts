import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { InstantSchema } from "../time/instant.js";

/**
 * A lead and the first time it reached each funnel step (`mql`, `sql`, `quote`,
 * `customer`, ...), plus when sales returned it to marketing.
 */
export const LeadSchema = z.object({
  id: z.string().min(1),
  owner: z.string().optional(),
  team: z.string().optional(),
  source: z.string().optional(),
  createdAt: InstantSchema,
  reached: z.record(z.string(), InstantSchema).default({}),
  returnedAt: InstantSchema.optional(),
});
/** A lead as the caller passes it. */
export type Lead = ReadonlyInput<z.input<typeof LeadSchema>>;
