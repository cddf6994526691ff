// Internal: the order of two Decimals, as decimal.js's `comparedTo` gives it, without the copy
// of its argument that `comparedTo` (and so `gte`, `lte`, `lt`, `gt`) makes on every call: the
// scorecard compares actuals with targets and sorts baselines by the ten thousand.
import type { Decimal } from "decimal.js";

/**
 * -1, 0 or 1 as `a` is less than, equal to or greater than `b`: `a.comparedTo(b)` for finite
 * Decimals (read from their sign, exponent and base-10^7 limbs, with no Decimal made); an
 * infinite or NaN one is left to decimal.js.
 *
 * @example
 * compareDecimals(new KpiDecimal("45"), new KpiDecimal("40")); //=> 1
 * compareDecimals(new KpiDecimal("0.5"), new KpiDecimal("0.50")); //=> 0
 * compareDecimals(new KpiDecimal("-2"), new KpiDecimal("1")); //=> -1
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const x = a.d;
  const y = b.d;
  if (x === null || y === null || Number.isNaN(a.s) || Number.isNaN(b.s)) return a.comparedTo(b);
  const xs = a.s;
  const ys = b.s;
  // A zero (sign aside) is less than any positive and more than any negative value.
  if (x[0] === 0 || y[0] === 0) return x[0] !== 0 ? xs : y[0] !== 0 ? -ys : 0;
  if (xs !== ys) return xs;
  // Same sign: the larger exponent, else the first limb that differs, else the longer, is the
  // larger size; larger sizes are smaller values when negative.
  if (a.e !== b.e) return (a.e > b.e) === xs > 0 ? 1 : -1;
  const shorter = x.length < y.length ? x.length : y.length;
  for (let i = 0; i < shorter; i++) {
    const p = x[i] as number;
    const q = y[i] as number;
    if (p !== q) return (p > q) === xs > 0 ? 1 : -1;
  }
  return x.length === y.length ? 0 : (x.length > y.length) === xs > 0 ? 1 : -1;
}
