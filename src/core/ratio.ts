import { z } from "zod";
import { type DecimalLike, DecimalValueSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "./decimal.js";

/**
 * A ratio with its parts, so a user can always see why it is what it is.
 * `value` is `numerator / denominator`, and `null` exactly when the denominator is zero
 * (never NaN or Infinity). Percentages are ratios; renderers multiply by 100.
 */
export interface Ratio {
  readonly numerator: KpiDecimal;
  readonly denominator: KpiDecimal;
  readonly value: KpiDecimal | null;
}

/**
 * Builds a {@link Ratio}: value = numerator ÷ denominator, or `null` when the denominator
 * is 0. Exact to 40 significant digits, rounded half-even.
 *
 * @throws KpiInputError (at `numerator` or `denominator`) when a part is not a decimal within the bounds.
 * @example
 * ratio(3, 4).value?.toString(); //=> "0.75"
 * ratio(3, 0).value; //=> null
 */
export function ratio(numerator: DecimalLike, denominator: DecimalLike): Ratio {
  const n = toDecimal(numerator, ["numerator"]);
  const d = toDecimal(denominator, ["denominator"]);
  return { numerator: n, denominator: d, value: d.isZero() ? null : withoutNegativeZero(n.div(d)) };
}

/** Schema of a {@link Ratio} passed back in: numerator, denominator and value (null when the denominator is 0). */
export const RatioSchema = z.object({
  numerator: DecimalValueSchema,
  denominator: DecimalValueSchema,
  value: DecimalValueSchema.nullable(),
});
