import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastIndexAtOrBefore } from "../../src/core/sorted-search.js";

/** The slow reference: scan from the end. */
function linear(sorted: readonly number[], value: number): number {
  for (let i = sorted.length - 1; i >= 0; i--) if ((sorted[i] as number) <= value) return i;
  return -1;
}

describe("lastIndexAtOrBefore", () => {
  it("the doc comment's example", () => {
    expect([15, 20, -1].map((value) => lastIndexAtOrBefore([0, 10, 20], value))).toEqual([1, 2, -1]);
    expect(lastIndexAtOrBefore([], 5)).toBe(-1);
  });

  it("agrees with a linear scan, also with repeated values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }), fc.integer({ min: -60, max: 60 }), (values, value) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(lastIndexAtOrBefore(sorted, value)).toBe(linear(sorted, value));
      }),
    );
  });
});
