import { z } from "zod";
import { DecimalValueSchema } from "../core/decimal.js";
import { KpiDirectionSchema } from "../kpi/kpi-definition.js";
import type { Attainment } from "./attainment.js";
import type { RollingTargets } from "./rolling-targets.js";
import type { BaselineTarget } from "./target-from-baseline.js";

/** Schema of a {@link BaselineTarget} passed back in (to `attainment`, `pace`, `raiseTarget`). */
export const BaselineTargetSchema = z.object({
  value: DecimalValueSchema.nullable(),
  direction: KpiDirectionSchema,
  baseline: DecimalValueSchema.nullable(),
  uplift: DecimalValueSchema,
  sufficient: z.boolean(),
  reason: z.string().optional(),
}) as unknown as z.ZodType<BaselineTarget, BaselineTarget>;

/** Schema of an {@link Attainment} passed back in (to `raiseTarget`, `repsAtTarget`). */
export const AttainmentSchema = z.object({
  actual: DecimalValueSchema,
  target: DecimalValueSchema,
  direction: KpiDirectionSchema,
  ratio: DecimalValueSchema.nullable(),
  met: z.boolean(),
  gap: DecimalValueSchema,
}) as unknown as z.ZodType<Attainment, Attainment>;

/** Schema of what `repsAtTarget` counts: per rep id, an attainment (only `met` is read). */
export const AttainmentsByRepSchema = z.record(z.string(), z.object({ met: z.boolean() }));
/** Schema of what `repsOnTrack` counts: per rep id, a pace (only `status` is read). */
export const PacesByRepSchema = z.record(z.string(), z.object({ status: z.enum(["ahead", "on-track", "behind"]) }));

const RollingTargetsShape = z.object({
  dailyRate: DecimalValueSchema.nullable(),
  direction: KpiDirectionSchema,
  uplift: DecimalValueSchema,
  basis: z.object({ periods: z.array(z.string()), days: z.number().int().min(0), value: DecimalValueSchema.nullable() }),
  windows: z.array(z.object({ days: z.number().int().min(1).max(20_000), baseline: DecimalValueSchema.nullable(), target: DecimalValueSchema.nullable() })),
  sufficient: z.boolean(),
  reason: z.string().optional(),
});
/** Schema of the {@link RollingTargets} `evaluateRolling` takes: one set, or a Map of sets per group. */
export const RollingTargetsInputSchema = z.union([RollingTargetsShape, z.map(z.string(), RollingTargetsShape)]) as unknown as z.ZodType<
  RollingTargets | ReadonlyMap<string, RollingTargets>,
  RollingTargets | ReadonlyMap<string, RollingTargets>
>;

/** True when `value` looks like a target object rather than a number (it is then parsed with {@link BaselineTargetSchema}). */
export function looksLikeTarget(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "direction");
}
