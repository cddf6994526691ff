import { z } from "zod";
import { DecimalValueSchema } from "../core/decimal.js";
import { KpiGrainSchema } from "../time/period.js";
import { KpiPeriodSchema } from "../time/time-helpers.js";
import type { Baseline } from "./baseline.js";

/**
 * Schema of a {@link Baseline} passed back in (to `targetFromBaseline`, `rollingTargets`,
 * `planTargets`): the fields a baseline has, values as decimals within the bounds.
 */
export const BaselineSchema = z.object({
  value: DecimalValueSchema.nullable(),
  method: z.enum(["mean", "median", "trimmed-mean"]),
  grain: KpiGrainSchema,
  group: z.string().nullable(),
  additive: z.boolean(),
  asOf: z.object({ end: z.string(), endMs: z.number().int() }),
  window: z.array(KpiPeriodSchema),
  periods: z.array(KpiPeriodSchema),
  values: z.array(DecimalValueSchema),
  excluded: z.array(z.object({ period: KpiPeriodSchema, reason: z.enum(["not-covered", "partial", "before-data", "before-start", "after-leave", "no-value"]) })),
  min: DecimalValueSchema.nullable(),
  max: DecimalValueSchema.nullable(),
  stdDev: DecimalValueSchema.nullable(),
  total: DecimalValueSchema.nullable(),
  days: z.number().int().min(0),
  minPeriods: z.number().int().min(0),
  sufficient: z.boolean(),
  reason: z.string().optional(),
}) as unknown as z.ZodType<Baseline, Baseline>;

/** True when `value` looks like a baseline rather than a number (it is then parsed with {@link BaselineSchema}). */
export function looksLikeBaseline(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "method");
}
