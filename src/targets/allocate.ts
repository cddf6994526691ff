import { type KpiDecimal, KpiDecimal as Decimal, toDecimal, withoutNegativeZero, ZERO } from "../core/decimal.js";

/**
 * Splits `total` into parts proportional to `weights` (≥ 0, Σ > 0) at `scale` decimals so that
 * the parts add up exactly to `total` (largest remainder): each part is first its exact
 * share rounded towards zero to `scale` decimals; the units of the last decimal still left
 * go one each to the parts with the largest cut-off remainders, the earlier part first on a
 * tie. So every part is within one unit of the last decimal of its exact share, and a part
 * of weight 0 is 0. When `total` has more decimals than `scale`, its own scale is used.
 * Complexity: O(n log n).
 */
export function allocate(total: KpiDecimal, weights: readonly KpiDecimal[], scale: number): { parts: KpiDecimal[]; scale: number } {
  const used = Math.max(scale, total.decimalPlaces());
  const unit = new Decimal(10).pow(used);
  const negative = total.isNegative();
  const units = total.abs().times(unit); // an integer
  const sum = weights.reduce((acc, w) => acc.plus(w), ZERO);
  const exact = weights.map((w) => units.times(w).div(sum));
  const floors = exact.map((e) => e.floor());
  let left = units.minus(floors.reduce((acc, f) => acc.plus(f), ZERO)).toNumber();
  const order = exact.map((e, i) => ({ i, rest: e.minus(floors[i] as KpiDecimal) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i, rest } of order) {
    if (left <= 0 || rest.isZero()) break;
    floors[i] = (floors[i] as KpiDecimal).plus(1);
    left--;
  }
  const parts = floors.map((f) => withoutNegativeZero(toDecimal(negative ? f.neg().div(unit) : f.div(unit))));
  return { parts, scale: used };
}
