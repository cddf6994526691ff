import { z } from "zod";
import { quotient } from "./quotient.js";
import { countDecimal, sharedCountOf, type DecimalLike, DecimalValueSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "./decimal.js";

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
  return ratioOf(toDecimal(numerator, ["numerator"]), toDecimal(denominator, ["denominator"]));
}

/** {@link ratio} of parts the library made (no checks): for inner code finishing many cells. */
export function ratioOf(numerator: KpiDecimal, denominator: KpiDecimal): Ratio {
  // Parts of 10^18 or more are out of a decimal's bounds: `ratio` says so (as it always did).
  if (numerator.e >= 18 || denominator.e >= 18) return ratio(numerator, denominator);
  const a = sharedCountOf(numerator);
  const b = a === undefined ? undefined : sharedCountOf(denominator);
  if (a !== undefined && b !== undefined) return countRatio(a, b);
  return quotientRatio(numerator, denominator);
}

function quotientRatio(numerator: KpiDecimal, denominator: KpiDecimal): Ratio {
  return { numerator, denominator, value: denominator.isZero() ? null : withoutNegativeZero(quotient(numerator, denominator)) };
}

/** The largest count whose quotients {@link countRatio} remembers (both parts). */
const REMEMBERED_COUNTS = 4096;
const countQuotients = new Map<number, KpiDecimal | null>();

/**
 * {@link ratio} of two counts (whole numbers ≥ 0), for inner code finishing many cells:
 * grouped series repeat small counts (3 of 7 won) a lot, so the quotients of counts up to
 * 4,096 are divided once and shared (Decimals are immutable values).
 */
export function countRatio(numerator: number, denominator: number): Ratio {
  const n = countDecimal(numerator);
  const d = countDecimal(denominator);
  const remembered = numerator >= 0 && denominator >= 0 && numerator < REMEMBERED_COUNTS && denominator < REMEMBERED_COUNTS && Number.isInteger(numerator) && Number.isInteger(denominator);
  if (!remembered) return quotientRatio(n, d);
  const key = numerator * REMEMBERED_COUNTS + denominator;
  let value = countQuotients.get(key);
  if (value === undefined) {
    value = quotientRatio(n, d).value;
    // Bounded: at most 65,536 quotients (a few MB), forgotten together.
    if (countQuotients.size >= 1 << 16) countQuotients.clear();
    countQuotients.set(key, value);
  }
  return { numerator: n, denominator: d, value };
}

/** Schema of a {@link Ratio} passed back in: numerator, denominator and value (null when the denominator is 0). */
export const RatioSchema = z.object({
  numerator: DecimalValueSchema,
  denominator: DecimalValueSchema,
  value: DecimalValueSchema.nullable(),
});
