import { type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import type { ScorecardPace } from "./scorecard-types.js";

/**
 * The same status and projection as `pace(toDate, target, { …, tolerance, direction })` when
 * the elapsed share of the period is already known (it is the same for every rep: the
 * scorecard takes it from one `pace` call): projected = toDate ÷ elapsed; on track within
 * target ± tolerance × |target| (closed band); above it ahead when higher is better, behind
 * when lower is better. Before the period starts (elapsed 0) there is no projection.
 * A property test checks it equals `pace`.
 */
export function paceWithElapsed(
  toDate: KpiDecimal,
  target: KpiDecimal,
  elapsed: KpiDecimal,
  tolerance: KpiDecimal,
  direction: "higher-is-better" | "lower-is-better",
): ScorecardPace {
  if (elapsed.isZero()) return { status: "on-track", toDate, projected: null };
  const projected = withoutNegativeZero(toDate.div(elapsed));
  const width = target.abs().times(tolerance);
  const low = withoutNegativeZero(target.minus(width));
  const high = withoutNegativeZero(target.plus(width));
  const above = projected.gt(high);
  const below = projected.lt(low);
  const status = direction === "higher-is-better" ? (above ? "ahead" : below ? "behind" : "on-track") : below ? "ahead" : above ? "behind" : "on-track";
  return { status, toDate, projected };
}
