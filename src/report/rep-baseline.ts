import type { BaselineMethod } from "../baseline/baseline.js";
import { type KpiDecimal, withoutNegativeZero } from "../core/decimal.js";
import { createExactSum } from "../core/exact-sum.js";
import type { KpiSeriesPoint } from "../measure/series.js";
import type { KpiPeriod } from "../time/period.js";

/** The baseline value of one rep, and whether enough periods had data. */
export interface RepBaseline {
  readonly value: KpiDecimal | null;
  readonly sufficient: boolean;
}

function mean(values: readonly KpiDecimal[]): KpiDecimal {
  const sum = createExactSum();
  for (const value of values) sum.add(value);
  return withoutNegativeZero(sum.value().div(values.length));
}

/**
 * The same value as `baseline(series, { asOf, periods, method, group, startedAt, leftAt })`
 * for one rep, when the window (`window`, the complete periods before the reviewed one) is
 * already known: the scorecard needs it for every rep and KPI, and `baseline` resolves its
 * window in the time zone on each call (≈1 ms). Rules as in `baseline`: a period has data when
 * the series has a point for it, the rep was on board for the whole of it
 * (`startedAt ≤ start`, `leftAt ≥ end`) and its value is not null; mean, median or trimmed
 * mean over those values; `sufficient` when at least `minPeriods` periods had data.
 * A property test checks it equals `baseline` for every rep of random data.
 */
export function repBaseline(
  points: ReadonlyMap<number, KpiSeriesPoint>,
  window: readonly KpiPeriod[],
  method: BaselineMethod,
  minPeriods: number,
  startedAt: number | undefined,
  leftAt: number | undefined,
): RepBaseline {
  const values: KpiDecimal[] = [];
  for (const period of window) {
    const value = points.get(period.startMs)?.value;
    if (value === undefined || value === null) continue;
    if (startedAt !== undefined && startedAt > period.startMs) continue;
    if (leftAt !== undefined && leftAt < period.endMs) continue;
    values.push(value);
  }
  if (values.length < minPeriods || values.length === 0) return { value: null, sufficient: false };
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  switch (method) {
    case "mean":
      return { value: mean(sorted), sufficient: true };
    case "median": {
      const middle = sorted.length >> 1;
      const upper = sorted[middle] as KpiDecimal;
      const value = sorted.length % 2 === 1 ? upper : withoutNegativeZero(upper.plus(sorted[middle - 1] as KpiDecimal).div(2));
      return { value, sufficient: true };
    }
    case "trimmed-mean":
      return { value: mean(sorted.length >= 3 ? sorted.slice(1, -1) : sorted), sufficient: true };
  }
}
