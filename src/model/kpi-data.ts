import { z } from "zod";
import { messages } from "../core/messages.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { ActivitySchema } from "./activity.js";
import { DealSchema } from "./deal.js";
import { LeadSchema } from "./lead.js";
import { PipelineSchema } from "./pipeline.js";
import { RepSchema } from "./rep.js";

/** True for an object that can be iterated (an array, a Set, a generator), not for a string. */
export function isIterableObject(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

/**
 * The activities of a bag: an array of rows, or any other iterable of them (a generator that
 * reads a file or a database cursor). `prepareKpiData` reads an iterable once, in order, and
 * checks each row as it reads it (this schema cannot look inside without consuming it): a
 * million activities then need not be held as a million objects at once.
 */
const ActivityArraySchema = z.array(ActivitySchema);
const ActivityRowsSchema = z
  .custom<Iterable<z.input<typeof ActivitySchema>>>(isIterableObject, { error: messages.activityRows })
  // An array is parsed as KpiDataSchema parses it (its rows' issues with their paths, which a
  // union would bury under "invalid input"; unknown keys stripped); an iterable passes as it is.
  .transform((value, context) => {
    if (!Array.isArray(value)) return value;
    const result = ActivityArraySchema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
/** The one bag of data that measures, baselines and the scorecard take. */
export const KpiDataSchema = z.object({
  pipeline: PipelineSchema.optional(),
  reps: z.array(RepSchema).optional(),
  deals: z.array(DealSchema).optional(),
  activities: z.array(ActivitySchema).optional(),
  leads: z.array(LeadSchema).optional(),
});
/** The data bag as the caller passes it. */
export type KpiData = ReadonlyInput<z.input<typeof KpiDataSchema>>;

/**
 * What `prepareKpiData` takes: a {@link KpiDataSchema} bag whose activities may also be any
 * iterable of rows (see the activities' schema above), read once.
 */
export const KpiDataInputSchema = KpiDataSchema.extend({ activities: ActivityRowsSchema.optional() });
/** A data bag for `prepareKpiData`: {@link KpiData}, or with its activities as any iterable of rows. */
export type KpiDataInput = ReadonlyInput<z.input<typeof KpiDataInputSchema>>;
