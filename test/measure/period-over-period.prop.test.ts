import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type KpiSeries, measureSeries, periodOverPeriod, toDecimal } from "../../src/index.js";
import { activityArb } from "../arbitraries.js";

describe("periodOverPeriod properties", () => {
  it("growth of a series scaled by k > 0 is unchanged; never NaN or Infinity", () => {
    fc.assert(
      fc.property(
        fc.array(activityArb, { maxLength: 40 }),
        fc.constantFrom("3", "0.5", "1234.567", "0.001"),
        fc.constantFrom("UTC", "Europe/Amsterdam"),
        (activities, k, timeZone) => {
          const series = measureSeries(
            { activities },
            { kind: "count", source: "activities" },
            { from: "2025-06-01", to: "2028-06-01", grain: "quarter", groupBy: "owner", calendar: { timeZone } },
          );
          const scaled: KpiSeries = { ...series, points: series.points.map((p) => ({ ...p, value: p.value?.times(k) ?? null })) };
          const a = periodOverPeriod(series).points;
          const b = periodOverPeriod(scaled).points;
          expect(b.length).toBe(a.length);
          a.forEach((point, i) => {
            const other = b[i];
            expect(other?.growth?.value?.toString() ?? null).toBe(point.growth?.value?.toString() ?? null);
            if (point.growth?.value != null) expect(point.growth.value.isFinite()).toBe(true);
            expect(point.growth?.value === null).toBe(point.previous?.isZero() ?? true);
          });
          expect(toDecimal(k).isPositive()).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
