// `sales-kpi/schemas`: the zod schemas of every public input, for projects that validate,
// extend or convert them (z.toJSONSchema) themselves. Explicit named re-exports only.
export { DecimalLikeSchema } from "./core/decimal.js";
export { KpiCalendarSchema } from "./time/calendar.js";
export { InstantSchema } from "./time/instant.js";
export { KpiGrainSchema } from "./time/period.js";
export { PipelineSchema, StageSchema, StageOutcomeSchema } from "./model/pipeline.js";
export { DealSchema, StageMoveSchema } from "./model/deal.js";
export { ActivitySchema } from "./model/activity.js";
export { LeadSchema } from "./model/lead.js";
export { RepSchema } from "./model/rep.js";
export { KpiDataSchema } from "./model/kpi-data.js";
// more schemas (measures, KPI definitions, options) — add exports below this line
