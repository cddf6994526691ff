import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attainment } from "../../src/targets/attainment.js";

const value = fc.oneof(fc.constant(0), fc.integer({ min: -1000, max: 100_000 }), fc.integer({ min: -100_000, max: 10_000_000 }).map((c) => (c / 100).toFixed(2)));
const direction = fc.constantFrom("higher-is-better" as const, "lower-is-better" as const);

describe("attainment properties", () => {
  it("ratio ≥ 1 exactly when met (when there is a ratio), in both directions", () => {
    fc.assert(
      fc.property(value, value, direction, (actual, target, dir) => {
        const result = attainment(actual, target, dir);
        if (result.ratio !== null) expect(result.ratio.gte(1)).toBe(result.met);
        // met agrees with the definition, and the gap is ≤ 0 exactly when met
        const a = Number(actual);
        const t = Number(target);
        expect(result.met).toBe(dir === "higher-is-better" ? a >= t : a <= t);
        expect(result.gap.lte(0)).toBe(result.met);
      }),
      { numRuns: 200 },
    );
  });

  it("the ratio exists whenever the divisor is positive", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), direction, (actual, target, dir) => {
        expect(attainment(actual, target, dir).ratio).not.toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});
