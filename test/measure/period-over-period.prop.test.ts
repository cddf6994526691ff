import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type KpiSeries, measureSeries, measureTotals, periodOverPeriod, periodToDate, toDecimal } from "../../src/index.js";
import { activityArb } from "../arbitraries.js";

describe("periodOverPeriod properties", () => {
  it("growth of a series scaled by k > 0 is unchanged, and growth × previous = current − previous; never NaN or Infinity", () => {
    let checked = 0;
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
            // The definition: growth = (current − previous) ÷ previous, so growth × previous = current − previous.
            if (point.growth?.value != null && point.previous != null && point.current != null) {
              checked++;
              expect(point.growth.value.times(point.previous).minus(point.current.minus(point.previous)).abs().lte(toDecimal("1e-30").times(point.current.abs().plus(1)))).toBe(true);
            }
          });
        },
      ),
      { numRuns: 100 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it("period-to-date as of a period's last day compares whole periods: equal to the totals of both periods", () => {
    fc.assert(
      fc.property(
        fc.array(activityArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom("Europe/Amsterdam", "America/New_York"),
        (activities, monthIndex, timeZone) => {
          const calendar = { timeZone };
          const first = new Date(Date.UTC(2025, monthIndex - 1, 1)).toISOString().slice(0, 10);
          const second = new Date(Date.UTC(2025, monthIndex, 1)).toISOString().slice(0, 10);
          const third = new Date(Date.UTC(2025, monthIndex + 1, 1)).toISOString().slice(0, 10);
          const lastDay = new Date(Date.UTC(2025, monthIndex + 1, 0)).toISOString().slice(0, 10);
          const measure = { kind: "count", source: "activities" } as const;
          const result = periodToDate({ activities }, measure, { asOf: lastDay, grain: "month", calendar, groupBy: "owner" });
          const previous = measureTotals({ activities }, measure, { from: first, to: second, calendar, groupBy: "owner" });
          const current = measureTotals({ activities }, measure, { from: second, to: third, calendar, groupBy: "owner" });
          expect(result.total.previous?.toString()).toBe(previous.total.value?.toString());
          expect(result.total.current?.toString()).toBe(current.total.value?.toString());
          expect(result.byGroup.map((v) => v.group)).toEqual([...new Set([...previous.groups, ...current.groups])].sort());
          for (const value of result.byGroup) {
            expect(value.current?.toString()).toBe((current.byGroup.find((t) => t.group === value.group)?.value ?? toDecimal(0)).toString());
          }
          expect(toDecimal(1).eq(result.elapsedShare.value ?? 0)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
