import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quarterlyTargets } from "../../src/targets/quarterly-targets.js";
import { KpiDecimal } from "../../src/index.js";

const weight = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100_000 }).map((w) => (w / 1000).toString()));

describe("quarterlyTargets properties", () => {
  it("the four quarters always add up to the annual target exactly, Q1..Q3 in cents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 11 }).map((c) => (c / 100).toFixed(2)),
        fc.tuple(weight, weight, weight, weight).filter((ws) => ws.some((w) => Number(w) > 0)),
        fc.integer({ min: 1, max: 12 }),
        (annual, weights, fiscalYearStartMonth) => {
          const result = quarterlyTargets(annual, { year: 2027, weights, fiscalYearStartMonth });
          const sum = result.quarters.reduce((total, q) => total.plus(q.target), new KpiDecimal(0));
          expect(sum.eq(annual)).toBe(true);
          for (const q of result.quarters.slice(0, 3)) expect(q.target.decimalPlaces()).toBeLessThanOrEqual(2);
          // each quarter is within a cent and a half of its exact share
          for (const q of result.quarters) {
            expect(q.target.minus(new KpiDecimal(annual).times(q.share)).abs().lte("0.015")).toBe(true);
          }
          // the quarters abut and cover one year
          expect(result.quarters.map((q) => q.period.label)).toEqual(
            [1, 2, 3, 4].map((i) => (fiscalYearStartMonth === 1 ? `2027-Q${i}` : `FY2027-Q${i}`)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
