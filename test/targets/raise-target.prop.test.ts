import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attainment } from "../../src/targets/attainment.js";
import { raiseTarget } from "../../src/targets/raise-target.js";

const amount = fc.integer({ min: -10_000, max: 1_000_000 }).map((c) => (c / 100).toFixed(2));
const direction = fc.constantFrom("higher-is-better" as const, "lower-is-better" as const);

/**
 * The doc comment's formula, written out: a met target moves one step the hard way (up when
 * higher is better, down when lower is better: relative by s·|t|, absolute by s); a missed one
 * stays, or with `allowDecrease` moves one step the easy way; a lower-is-better target that
 * starts at 0 or more never passes below 0.
 */
function expectedTarget(t: string, met: boolean, dir: "higher-is-better" | "lower-is-better", step: number, by: "relative" | "absolute", allowDecrease: boolean): Decimal {
  const target = new Decimal(t);
  if (!met && !allowDecrease) return target;
  const size = by === "relative" ? target.abs().times(step) : new Decimal(step);
  const harder = dir === "higher-is-better" ? target.plus(size) : target.minus(size);
  const easier = dir === "higher-is-better" ? target.minus(size) : target.plus(size);
  const next = met ? harder : easier;
  return dir === "lower-is-better" && target.gte(0) && next.lt(0) ? new Decimal(0) : next;
}

describe("raiseTarget properties", () => {
  it("moves a target exactly as the formula says: one step harder when met, one easier when missed and allowed, else unchanged", () => {
    let eased = 0;
    fc.assert(
      fc.property(amount, amount, direction, fc.integer({ min: 0, max: 50 }).map((p) => p / 100), fc.constantFrom("relative" as const, "absolute" as const), fc.boolean(), (target, actual, dir, step, by, allowDecrease) => {
        const result = attainment(actual, target, dir);
        const next = raiseTarget(target, result, { step, by, allowDecrease });
        const value = next.value;
        if (value === null) throw new Error("a number target always has a value");
        expect(value.toString()).toBe(expectedTarget(target, result.met, dir, step, by, allowDecrease).toString());
        if (!result.met && allowDecrease && step > 0) eased++;
      }),
      { numRuns: 300 },
    );
    // The missed-and-allowed branch is reached, in both directions, or the property checks little there.
    expect(eased).toBeGreaterThan(30);
  });

  it("never makes a target easier unless allowed (the ratchet), whatever the direction", () => {
    fc.assert(
      fc.property(amount, amount, direction, fc.integer({ min: 0, max: 50 }).map((p) => p / 100), fc.constantFrom("relative" as const, "absolute" as const), (target, actual, dir, step, by) => {
        const value = raiseTarget(target, attainment(actual, target, dir), { step, by }).value as Decimal;
        expect(dir === "higher-is-better" ? value.gte(target) : value.lte(target)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
