import { z } from "zod";
import { messages } from "../core/messages.js";
import type { ReadonlyInput } from "../core/readonly-input.js";

/** A filter value: one value or a list of accepted values. */
const FilterValueSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
/** One value or a list of accepted values (a row matches when its field equals one of them). */
export type FilterValue = ReadonlyInput<z.infer<typeof FilterValueSchema>>;

/** Filters on activities: `type`, `owner`, `team`. Unknown keys are rejected. */
export const ActivityWhereSchema = z.strictObject({
  type: FilterValueSchema.optional(),
  owner: FilterValueSchema.optional(),
  team: FilterValueSchema.optional(),
});
/** Filters on activities. */
export type ActivityWhere = ReadonlyInput<z.infer<typeof ActivityWhereSchema>>;

/**
 * Filters on deals: current stage `outcome` (`"open" | "won" | "lost"`), current `stage`,
 * `source` (channel), `product`, `currency`, `owner`, `team`. Unknown keys are rejected.
 */
export const DealWhereSchema = z.strictObject({
  outcome: z.union([z.enum(["open", "won", "lost"]), z.array(z.enum(["open", "won", "lost"])).min(1)]).optional(),
  stage: FilterValueSchema.optional(),
  source: FilterValueSchema.optional(),
  product: FilterValueSchema.optional(),
  currency: FilterValueSchema.optional(),
  owner: FilterValueSchema.optional(),
  team: FilterValueSchema.optional(),
});
/** Filters on deals. */
export type DealWhere = ReadonlyInput<z.infer<typeof DealWhereSchema>>;

/** Filters on leads: `source`, `owner`, `team`. Unknown keys are rejected. */
export const LeadWhereSchema = z.strictObject({
  source: FilterValueSchema.optional(),
  owner: FilterValueSchema.optional(),
  team: FilterValueSchema.optional(),
});
/** Filters on leads. */
export type LeadWhere = ReadonlyInput<z.infer<typeof LeadWhereSchema>>;

/** Σ quantity of the activities (calls, meetings ...) whose `at` lies in the period. */
export const ActivityCountMeasureSchema = z.strictObject({
  kind: z.literal("count"),
  source: z.literal("activities"),
  where: ActivityWhereSchema.optional(),
});

/** Number of deals created (`at: "createdAt"`) or closed (`at: "closedAt"`, effective close) in the period. */
export const DealCountMeasureSchema = z.strictObject({
  kind: z.literal("count"),
  source: z.literal("deals"),
  at: z.enum(["createdAt", "closedAt"]),
  where: DealWhereSchema.optional(),
});

/**
 * Number of leads that first reached funnel step `step` in the period, or (with
 * `at: "createdAt"` instead of `step`) the leads created in the period. Exactly one of
 * `step` and `at` is given.
 */
export const LeadCountMeasureSchema = z
  .strictObject({
    kind: z.literal("count"),
    source: z.literal("leads"),
    step: z.string().min(1).optional(),
    at: z.literal("createdAt").optional(),
    where: LeadWhereSchema.optional(),
  })
  .check((ctx) => {
    const hasStep = ctx.value.step !== undefined;
    const hasAt = ctx.value.at !== undefined;
    if (hasStep === hasAt) {
      ctx.issues.push({
        code: "custom",
        path: ["step"],
        message: messages.leadCountBasis,
        input: ctx.value,
      });
    }
  });

const countMeasureSchema = z.discriminatedUnion("source", [
  ActivityCountMeasureSchema,
  DealCountMeasureSchema,
  LeadCountMeasureSchema,
]);
type CountMeasureSchemaBase = typeof countMeasureSchema;
/** The zod type of {@link CountMeasureSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface CountMeasureSchemaType extends CountMeasureSchemaBase {}
/** A count: of activities, deals or leads. */
export const CountMeasureSchema: CountMeasureSchemaType = countMeasureSchema;

const sumMeasureSchema = z.strictObject({
  kind: z.literal("sum"),
  source: z.literal("deals"),
  field: z.literal("amount"),
  at: z.enum(["createdAt", "closedAt"]),
  where: DealWhereSchema.optional(),
});
type SumMeasureSchemaBase = typeof sumMeasureSchema;
/** The zod type of {@link SumMeasureSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface SumMeasureSchemaType extends SumMeasureSchemaBase {}
/** Σ amount of the deals created or closed in the period (one currency only). */
export const SumMeasureSchema: SumMeasureSchemaType = sumMeasureSchema;

const distinctMeasureSchema = z.strictObject({
  kind: z.literal("distinct"),
  source: z.literal("deals"),
  key: z.literal("account"),
  at: z.enum(["createdAt", "closedAt"]),
  first: z.literal(true).optional(),
  where: DealWhereSchema.optional(),
});
type DistinctMeasureSchemaBase = typeof distinctMeasureSchema;
/** The zod type of {@link DistinctMeasureSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface DistinctMeasureSchemaType extends DistinctMeasureSchemaBase {}
/**
 * Number of distinct accounts with a deal in the period. With `first: true`: the accounts
 * whose *first* matching deal (over all time, not only the range) falls in the period —
 * new customers when combined with `at: "closedAt"` and `where: { outcome: "won" }`.
 */
export const DistinctMeasureSchema: DistinctMeasureSchemaType = distinctMeasureSchema;

const additiveMeasureSchema = z.discriminatedUnion("kind", [CountMeasureSchema, SumMeasureSchema, DistinctMeasureSchema]);
type AdditiveMeasureSchemaBase = typeof additiveMeasureSchema;
/** The zod type of {@link AdditiveMeasureSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface AdditiveMeasureSchemaType extends AdditiveMeasureSchemaBase {}
/** A measure that adds up: count, sum or distinct. */
export const AdditiveMeasureSchema: AdditiveMeasureSchemaType = additiveMeasureSchema;

/** The ids of the KPIs computed by their own algorithm (pipeline, conversion, people, economics). */
export const BuiltinMeasureIdSchema = z.enum([
  "pipeline-value",
  "weighted-pipeline-value",
  "win-rate",
  "average-deal-size",
  "sales-cycle-length",
  "sales-velocity",
  "forecast",
  "close-rate",
  "conversion-lead-sql",
  "conversion-sql-customer",
  "conversion-quote-customer",
  "returned-leads",
  "enps",
  "rep-turnover",
  "cac",
  "reps-on-track",
  "reps-at-target",
  "customer-satisfaction",
]);
/** Id of a builtin KPI algorithm. */
export type BuiltinMeasureId = z.infer<typeof BuiltinMeasureIdSchema>;

const ratioMeasureSchema = z.strictObject({
  kind: z.literal("ratio"),
  numerator: AdditiveMeasureSchema,
  denominator: AdditiveMeasureSchema,
});
type RatioMeasureSchemaBase = typeof ratioMeasureSchema;
/** The zod type of {@link RatioMeasureSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface RatioMeasureSchemaType extends RatioMeasureSchemaBase {}
/**
 * numerator ÷ denominator per period (an insight KPI such as meetings per call). Both
 * parts are additive measures (count, sum, distinct): a ratio of ratios is written as the
 * ratio of the underlying sums.
 */
export const RatioMeasureSchema: RatioMeasureSchemaType = ratioMeasureSchema;

/** A KPI computed by its own function (win rate, sales cycle, weighted pipeline ...), named by id. */
export const BuiltinMeasureSchema = z.strictObject({
  kind: z.literal("builtin"),
  id: BuiltinMeasureIdSchema,
});

const measureSchema = z.discriminatedUnion("kind", [
  CountMeasureSchema,
  SumMeasureSchema,
  DistinctMeasureSchema,
  RatioMeasureSchema,
  BuiltinMeasureSchema,
]);
type MeasureSchemaBase = typeof measureSchema;
/** The zod type of {@link MeasureSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface MeasureSchemaType extends MeasureSchemaBase {}
/**
 * How a KPI is computed from data, as a plain object (DESIGN §5), discriminated on `kind`:
 * `count` (activities by `at`; deals by `createdAt`/`closedAt`; leads by the instant a
 * step was reached), `sum` (deal amounts), `distinct` (accounts, optionally only their
 * first deal), `ratio` (of two additive measures) and `builtin` (a KPI with its own function).
 *
 * @example
 * MeasureSchema.parse({ kind: "count", source: "activities", where: { type: "call" } }); //=> { kind: "count", source: "activities", where: { type: "call" } }
 */
export const MeasureSchema: MeasureSchemaType = measureSchema;

/** A measure: how a KPI is computed from activities, deals and leads. */
export type Measure = ReadonlyInput<z.infer<typeof MeasureSchema>>;
/** A count, sum or distinct measure. */
export type AdditiveMeasure = ReadonlyInput<z.infer<typeof AdditiveMeasureSchema>>;
/** A count measure (activities, deals or leads). */
export type CountMeasure = ReadonlyInput<z.infer<typeof CountMeasureSchema>>;
/** A sum of deal amounts. */
export type SumMeasure = ReadonlyInput<z.infer<typeof SumMeasureSchema>>;
/** A distinct count of accounts. */
export type DistinctMeasure = ReadonlyInput<z.infer<typeof DistinctMeasureSchema>>;
/** A ratio of two additive measures. */
export type RatioMeasure = ReadonlyInput<z.infer<typeof RatioMeasureSchema>>;
/** A KPI computed by its own function. */
export type BuiltinMeasure = ReadonlyInput<z.infer<typeof BuiltinMeasureSchema>>;

/** The additive measures a measure is computed from: itself, or the two parts of a ratio; none for a builtin. */
export function leafMeasures(measure: Measure): Array<AdditiveMeasure | BuiltinMeasure> {
  if (measure.kind === "ratio") return [measure.numerator, measure.denominator];
  return [measure];
}
