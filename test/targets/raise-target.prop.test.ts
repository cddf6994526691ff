import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attainment } from "../../src/targets/attainment.js";
import { raiseTarget } from "../../src/targets/raise-target.js";

const amount = fc.integer({ min: -10_000, max: 1_000_000 }).map((c) => (c / 100).toFixed(2));
const direction = fc.constantFrom("higher-is-better" as const, "lower-is-better" as const);

describe("raiseTarget properties", () => {
  it("never makes a target easier unless allowed; raises only after a met period", () => {
    fc.assert(
      fc.property(amount, amount, direction, fc.integer({ min: 0, max: 50 }).map((p) => p / 100), fc.constantFrom("relative" as const, "absolute" as const), fc.boolean(), (target, actual, dir, step, by, allowDecrease) => {
        const result = attainment(actual, target, dir);
        const next = raiseTarget(target, result, { step, by, allowDecrease });
        const value = next.value;
        if (value === null) throw new Error("a number target always has a value");
        const harderOrSame = dir === "higher-is-better" ? value.gte(target) : value.lte(target);
        if (!allowDecrease) expect(harderOrSame).toBe(true);
        if (!result.met && !allowDecrease) expect(value.eq(target)).toBe(true);
        if (result.met) expect(harderOrSame).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
