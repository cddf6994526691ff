import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseInput, parseOptions } from "../core/parse-input.js";
import { type Attainment, parseTarget } from "./attainment.js";
import { AttainmentSchema, looksLikeTarget } from "./target-schemas.js";
import type { KpiDirection } from "../kpi/kpi-definition.js";
import { moveInDirection, type BaselineTarget } from "./target-from-baseline.js";

/**
 * Options of {@link raiseTarget}: `step` (default 0.05), read as a share of the target
 * (`by: "relative"`, default) or as an amount (`by: "absolute"`), and `allowDecrease`
 * (default false: a missed target stays where it is).
 */
export const RaiseTargetOptionsSchema = z.strictObject({
  step: DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative }).default(0.05),
  by: z.enum(["relative", "absolute"]).default("relative"),
  allowDecrease: z.boolean().default(false),
});
/** Options of {@link raiseTarget}. */
export type RaiseTargetOptions = ReadonlyInput<z.input<typeof RaiseTargetOptionsSchema>>;

/** A target after a period was evaluated: the new value, the one before, and what happened. */
export interface RaisedTarget extends BaselineTarget {
  readonly previous: KpiDecimal | null;
  /** `"raised"`: made harder after a met period; `"eased"`: made easier (only with `allowDecrease`). */
  readonly change: "raised" | "kept" | "eased";
}

/**
 * Raises a target step by step: after a period in which it was met, the target becomes one step
 * more ambitious; a missed target stays (or, only with `allowDecrease`, eases by one step).
 * "More ambitious" follows the KPI's direction: higher for revenue, lower for sales cycle.
 *
 * Formula (t = current target, s = step, direction from the attainment):
 * relative: met → t + s·|t| (higher is better) or t − s·|t| (lower is better);
 * absolute: met → t + s or t − s. Missed and `allowDecrease` → the same step the other way.
 * A lower-is-better target never passes below 0 when it starts at 0 or more.
 *
 * Edge cases: without `allowDecrease` the result is never easier than `t` (the ratchet). A
 * target without value stays without value (`"kept"`). A relative step on a target of 0 keeps
 * 0; use `by: "absolute"` there. A {@link BaselineTarget} whose direction differs from the
 * attainment's throws KpiDefinitionError. Complexity: O(1).
 *
 * @example
 * raiseTarget(55, attainment(58, 55), { step: 0.05 }).value?.toString(); //=> "57.75"
 * raiseTarget(55, attainment(50, 55), { step: 0.05 }).change; //=> "kept"
 */
export function raiseTarget(targetInput: DecimalLike | BaselineTarget, resultInput: Attainment, options: RaiseTargetOptions = {}): RaisedTarget {
  const target = parseTarget(targetInput);
  const result = parseInput(AttainmentSchema, resultInput, ["result"]);
  const parsed = parseOptions(RaiseTargetOptionsSchema, options);
  const step = toDecimal(parsed.step);
  const isTarget = looksLikeTarget(target);
  const direction = result.direction;
  if (isTarget && (target as BaselineTarget).direction !== direction) {
    throw definitionError("invalid-option", ["target", "direction"], messages.directionMismatch((target as BaselineTarget).direction, direction));
  }
  const base: BaselineTarget = isTarget
    ? (target as BaselineTarget)
    : { value: toDecimal(parseDefinition(DecimalLikeSchema, target, ["target"])), direction, baseline: null, uplift: ZERO, sufficient: true };
  return raiseTargetOf(base, result, { step, by: parsed.by, allowDecrease: parsed.allowDecrease });
}

/** {@link raiseTarget}'s options, parsed. */
export interface ResolvedRaiseOptions {
  readonly step: KpiDecimal;
  readonly by: "relative" | "absolute";
  readonly allowDecrease: boolean;
}

/** The work of {@link raiseTarget} on parsed values (the target's direction is the attainment's). */
export function raiseTargetOf(base: BaselineTarget, result: Pick<Attainment, "met" | "direction">, options: ResolvedRaiseOptions): RaisedTarget {
  const { allowDecrease } = options;
  const direction = result.direction;
  const current = base.value;
  if (current === null) return { ...base, previous: null, change: "kept" };
  if (!result.met && !allowDecrease) return { ...base, previous: current, change: "kept" };
  const next = steppedTarget(current, result.met, direction, options);
  const change = next.eq(current) ? "kept" : result.met ? "raised" : "eased";
  return { ...base, value: next, previous: current, change };
}

/**
 * The value {@link raiseTargetOf} moves a target to: one step more ambitious after a met
 * period, one step less after a missed one (whether a miss may ease it is the caller's rule).
 * Lower is better: never below 0 from 0 or more.
 */
export function steppedTarget(current: KpiDecimal, met: boolean, direction: KpiDirection, options: Pick<ResolvedRaiseOptions, "step" | "by">): KpiDecimal {
  const { step, by } = options;
  const sign = met ? 1 : -1;
  const next =
    by === "relative"
      ? moveInDirection(current, step, direction, sign)
      : withoutNegativeZero(direction === "higher-is-better" ? current.plus(step.times(sign)) : current.minus(step.times(sign)));
  return direction === "lower-is-better" && current.gte(0) && next.lt(0) ? ZERO : next;
}
