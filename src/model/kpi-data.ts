import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { ActivitySchema } from "./activity.js";
import { DealSchema } from "./deal.js";
import { LeadSchema } from "./lead.js";
import { PipelineSchema } from "./pipeline.js";
import { RepSchema } from "./rep.js";

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
