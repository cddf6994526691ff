import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { targetFromBaseline } from "../../src/targets/target-from-baseline.js";

describe("targetFromBaseline properties", () => {
  it("a target moves from the baseline in the KPI's better direction, never the other way", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 10_000_000 }).map((c) => (c / 100).toFixed(2)),
        fc.integer({ min: 0, max: 99 }).map((p) => p / 100),
        fc.constantFrom("higher-is-better" as const, "lower-is-better" as const),
        (base, uplift, direction) => {
          const target = targetFromBaseline(base, { uplift, direction });
          const value = target.value;
          expect(value).not.toBeNull();
          if (value === null) return;
          if (direction === "higher-is-better") expect(value.gte(base)).toBe(true);
          else expect(value.lte(base)).toBe(true);
          // strictly better when there is something to move
          if (uplift > 0 && Number(base) !== 0) expect(value.eq(base)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
