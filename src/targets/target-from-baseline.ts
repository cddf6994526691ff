import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseInput, parseOptions } from "../core/parse-input.js";
import { BaselineSchema, looksLikeBaseline } from "../baseline/baseline-schema.js";
import type { Baseline } from "../baseline/baseline.js";
import { type KpiDirection, KpiDirectionSchema } from "../kpi/kpi-definition.js";

const nonNegative = DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative });

/**
 * Options of {@link targetFromBaseline}: `uplift` (relative, default 0.1 = 10 %) and the
 * KPI's `direction` (default `"higher-is-better"`). For lower-is-better the uplift must be below 1.
 */
export const TargetFromBaselineOptionsSchema = z
  .strictObject({
    uplift: nonNegative.default(0.1),
    direction: KpiDirectionSchema.default("higher-is-better"),
  })
  .refine((options) => options.direction === "higher-is-better" || toDecimal(options.uplift).lt(1), {
    path: ["uplift"],
    error: messages.upliftBelowOne,
  });
/** Options of {@link targetFromBaseline}. */
export type TargetFromBaselineOptions = ReadonlyInput<z.input<typeof TargetFromBaselineOptionsSchema>>;

/** A target with where it came from. */
export interface BaselineTarget {
  /** The target; `null` when the baseline had no value (not enough history). */
  readonly value: KpiDecimal | null;
  readonly direction: KpiDirection;
  /** The baseline value the target was set from (`null` when there was none). */
  readonly baseline: KpiDecimal | null;
  readonly uplift: KpiDecimal;
  /** False when the baseline was not sufficient: no target is invented. */
  readonly sufficient: boolean;
  readonly reason?: string;
}

/** Moves `base` by `share` of its size in the direction that is better (or worse, with `sign` −1). */
export function moveInDirection(base: KpiDecimal, share: KpiDecimal, direction: KpiDirection, sign: 1 | -1 = 1): KpiDecimal {
  const size = base.abs().times(share);
  const step = sign === 1 ? size : size.neg();
  return withoutNegativeZero(direction === "higher-is-better" ? base.plus(step) : base.minus(step));
}

/**
 * The first target from a baseline: a little better than where the team or rep stands now
 * (better set too low and raised than too high and lowered).
 *
 * Formula: higher is better: target = b + uplift × |b| (= b × (1 + uplift) for b ≥ 0);
 * lower is better: target = b − uplift × |b| (= b × (1 − uplift) for b ≥ 0), so the target
 * always moves from the baseline in the KPI's better direction.
 *
 * Edge cases: a baseline without value (insufficient history) gives `value: null`,
 * `sufficient: false` and the baseline's reason — never an invented number. A baseline of 0
 * gives a target of 0 (a relative uplift of nothing is nothing). `baseline` may also be a plain
 * number. Complexity: O(1).
 *
 * @example
 * targetFromBaseline(50, { uplift: 0.1 }).value?.toString(); //=> "55"
 * // a sales cycle of 32 days: the target is 10 % shorter
 * targetFromBaseline(32, { uplift: 0.1, direction: "lower-is-better" }).value?.toString(); //=> "28.8"
 */
export function targetFromBaseline(baselineInput: Baseline | DecimalLike, options: TargetFromBaselineOptions = {}): BaselineTarget {
  const parsed = parseOptions(TargetFromBaselineOptionsSchema, options);
  const uplift = toDecimal(parsed.uplift);
  const isBaseline = looksLikeBaseline(baselineInput);
  const baseline = isBaseline ? parseInput(BaselineSchema, baselineInput, ["baseline"]) : baselineInput;
  const base = isBaseline ? (baseline as Baseline).value : toDecimal(parseDefinition(DecimalLikeSchema, baseline, ["baseline"]));
  const reason = isBaseline ? ((baseline as Baseline).reason ?? messages.noBaselineValue) : messages.noBaselineValue;
  return targetFromBaselineOf(base, uplift, parsed.direction, reason);
}

/** The work of {@link targetFromBaseline} on parsed values: `reason` explains a missing baseline. */
export function targetFromBaselineOf(base: KpiDecimal | null, uplift: KpiDecimal, direction: KpiDirection, reason: string = messages.noBaselineValue): BaselineTarget {
  if (base === null) return { value: null, direction, baseline: null, uplift, sufficient: false, reason };
  return { value: moveInDirection(base, uplift, direction), direction, baseline: base, uplift, sufficient: true };
}
