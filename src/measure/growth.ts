// Internal: growth of one value against the previous one.
import type { KpiDecimal } from "../core/decimal.js";
import { type Ratio, ratio } from "../core/ratio.js";

/**
 * (current − previous) ÷ previous as a Ratio (value null when previous is 0), or `null`
 * when either value is unknown (a ratio point with a zero denominator).
 */
export function growth(current: KpiDecimal | null, previous: KpiDecimal | null): Ratio | null {
  if (current === null || previous === null) return null;
  return ratio(current.minus(previous), previous);
}
