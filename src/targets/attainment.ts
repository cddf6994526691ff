import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { compareDecimals } from "../core/compare-decimals.js";
import { quotient } from "../core/quotient.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseInput } from "../core/parse-input.js";
import { type KpiDirection, KpiDirectionSchema } from "../kpi/kpi-definition.js";
import type { BaselineTarget } from "./target-from-baseline.js";
import { BaselineTargetSchema, looksLikeTarget } from "./target-schemas.js";

/**
 * A target argument, parsed at the boundary: an object that looks like a target (it has a
 * `direction`) must be a whole {@link BaselineTarget}; anything else is read later as a decimal.
 */
export function parseTarget(target: unknown, path: ReadonlyArray<PropertyKey> = ["target"]): DecimalLike | BaselineTarget {
  return looksLikeTarget(target) ? parseInput(BaselineTargetSchema, target, path) : (target as DecimalLike);
}

/** How far a target was reached. */
export interface Attainment {
  readonly actual: KpiDecimal;
  readonly target: KpiDecimal;
  readonly direction: KpiDirection;
  /**
   * actual ÷ target (higher is better) or target ÷ actual (lower is better); `null` when the
   * divisor is 0 or less. When not null, `ratio ≥ 1` exactly when `met`.
   */
  readonly ratio: KpiDecimal | null;
  /** actual ≥ target (higher is better) or actual ≤ target (lower is better). */
  readonly met: boolean;
  /** What is still missing: target − actual (higher) or actual − target (lower); ≤ 0 when met. */
  readonly gap: KpiDecimal;
}

/**
 * The direction to judge a target by: the one given, else the target's own (a target made by
 * `targetFromBaseline` knows it), else higher is better. A given direction that contradicts the
 * target's is a KpiDefinitionError.
 */
export function directionOf(target: DecimalLike | BaselineTarget, given: KpiDirection | undefined): KpiDirection {
  const own = isBaselineTarget(target) ? target.direction : undefined;
  if (given !== undefined && own !== undefined && given !== own) {
    throw definitionError("invalid-option", ["direction"], messages.directionMismatch(own, given));
  }
  return given ?? own ?? "higher-is-better";
}

function isBaselineTarget(target: DecimalLike | BaselineTarget): target is BaselineTarget {
  return looksLikeTarget(target);
}

/** Reads a target given as a number or as a {@link BaselineTarget}; a target without value is an error. */
export function targetValue(target: DecimalLike | BaselineTarget, path: ReadonlyArray<PropertyKey> = ["target"]): KpiDecimal {
  if (isBaselineTarget(target)) {
    if (target.value === null) throw definitionError("invalid-option", path, messages.noBaselineValue);
    return target.value;
  }
  return toDecimal(parseDefinition(DecimalLikeSchema, target, path));
}

/**
 * Attainment: how far a rep or the team reached a target — the share of target reached, whether
 * it was met, and how much is still missing.
 *
 * Formula: higher is better: ratio = actual ÷ target, met = actual ≥ target, gap = target − actual.
 * Lower is better: ratio = target ÷ actual, met = actual ≤ target, gap = actual − target.
 *
 * Edge cases: the ratio is `null` when its divisor (target, or actual when lower is better) is
 * 0 or negative — a target of 0 on a higher-is-better KPI has no ratio but is met by any actual
 * ≥ 0; an actual of 0 on a lower-is-better KPI has no ratio and meets any target ≥ 0. When the
 * ratio is not null, `ratio ≥ 1` holds exactly when `met`. A {@link BaselineTarget} without value
 * (insufficient baseline) throws KpiDefinitionError. Without `direction`, a {@link BaselineTarget}'s
 * own direction is used, else higher is better. Complexity: O(1).
 *
 * @example
 * attainment(45, 50, "higher-is-better"); //=> { ratio: 0.9, met: false, gap: 5, ... }
 * // a sales cycle of 30 days against a target of 35: 35 ÷ 30 = 1.1666…, met
 * attainment(30, 35, "lower-is-better").ratio?.toFixed(4); //=> "1.1667"
 * attainment(30, 35, "lower-is-better"); //=> { met: true, gap: -5, ... }
 */
export function attainment(actual: DecimalLike, targetInput: DecimalLike | BaselineTarget, direction?: KpiDirection): Attainment {
  const target = parseTarget(targetInput);
  const a = toDecimal(parseInput(DecimalLikeSchema, actual, ["actual"]));
  const t = targetValue(target);
  const given = direction === undefined ? undefined : parseDefinition(KpiDirectionSchema, direction, ["direction"]);
  return attainmentOf(a, t, directionOf(target, given));
}

/** Whether actual `a` meets target `t`: at least it when higher is better, at most it when lower is. */
export function meetsTarget(a: KpiDecimal, t: KpiDecimal, direction: KpiDirection): boolean {
  const order = compareDecimals(a, t);
  return direction === "higher-is-better" ? order >= 0 : order <= 0;
}

/** The work of {@link attainment} on parsed values. */
export function attainmentOf(a: KpiDecimal, t: KpiDecimal, direction: KpiDirection): Attainment {
  const higher = direction === "higher-is-better";
  const [numerator, divisor] = higher ? [a, t] : [t, a];
  return {
    actual: a,
    target: t,
    direction,
    ratio: divisor.gt(0) ? withoutNegativeZero(quotient(numerator, divisor)) : null,
    met: meetsTarget(a, t, direction),
    gap: withoutNegativeZero(higher ? t.minus(a) : a.minus(t)),
  };
}
