// The median of a sales cycle's days against a brute-force reference (sort, take the middle
// one or the mean of the middle two), for few and many days, narrow and wide spans, negative
// and fractional values (counting is only taken for whole days in a narrow span).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDecimal } from "../../src/core/decimal.js";
import { medianDays } from "../../src/pipeline/sales-cycle-length.js";

function reference(days: readonly number[]): string | null {
  if (days.length === 0) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return new KpiDecimal(sorted[middle] as number).toString();
  return new KpiDecimal(sorted[middle - 1] as number).plus(sorted[middle] as number).div(2).toString();
}

describe("medianDays", () => {
  it("is the middle day, or the mean of the middle two, for any days", () => {
    // One kind of days per array: narrow whole spans (counted), wide ones and quarter days (sorted), and a mix.
    const kinds = [fc.integer({ min: 0, max: 60 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 100_000 }), fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }).map((d) => Math.round(d * 4) / 4)];
    const daysArb = fc.oneof(...kinds.map((kind) => fc.array(kind, { maxLength: 300 })), fc.array(fc.oneof(...kinds), { maxLength: 300 }), fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 25, maxLength: 200 }));
    fc.assert(
      fc.property(daysArb, (days) => {
        expect(medianDays(days)?.toString() ?? null).toBe(reference(days));
        expect(medianDays(Float64Array.from(days))?.toString() ?? null).toBe(reference(days));
        // Days the caller has sorted are read at their middle.
        expect(medianDays(Float64Array.from(days).sort(), true)?.toString() ?? null).toBe(reference(days));
      }),
      { numRuns: 1000 },
    );
  });

  it("of 30 deals won after 10 days and 31 after 12 is 12; of 30 and 30, 11", () => {
    expect(medianDays([...Array<number>(30).fill(10), ...Array<number>(31).fill(12)])?.toString()).toBe("12");
    expect(medianDays([...Array<number>(30).fill(12), ...Array<number>(30).fill(10)])?.toString()).toBe("11");
  });

  it("of no days is null", () => expect(medianDays([])).toBeNull());
});
