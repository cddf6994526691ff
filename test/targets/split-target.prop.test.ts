import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDecimal } from "../../src/core/decimal.js";
import { allocate } from "../../src/targets/allocate.js";
import { splitTarget } from "../../src/targets/split-target.js";
import { splitTeamTarget } from "../../src/targets/split-team-target.js";
import { calendarArb, decimalStringArb, retailCalendarArb } from "../arbitraries.js";

const DAY = 86_400_000;
const weightArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100_000 }).map((c) => (c / 100).toFixed(2)));

describe("split properties", () => {
  it("allocate: parts sum exactly to the total, each within one unit of its exact share, weight 0 → 0", () => {
    fc.assert(
      fc.property(decimalStringArb, fc.array(weightArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 6 }), (total, raw, scale) => {
        const weights = raw.map((w) => toDecimal(w));
        if (!weights.some((w) => w.gt(0))) return;
        const t = toDecimal(total);
        const { parts, scale: used } = allocate(t, weights, scale);
        expect(parts.reduce((s, p) => s.plus(p), toDecimal(0)).eq(t)).toBe(true);
        const sum = weights.reduce((s, w) => s.plus(w), toDecimal(0));
        const unit = toDecimal(10).pow(-used);
        parts.forEach((p, i) => {
          expect(p.decimalPlaces()).toBeLessThanOrEqual(used);
          expect(p.minus(t.times(weights[i]!).div(sum)).abs().lt(unit)).toBe(true);
          if (weights[i]!.isZero()) expect(p.isZero()).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("splitTarget: months and weeks of a quarter or year sum exactly to it, in any calendar", () => {
    fc.assert(
      fc.property(
        decimalStringArb,
        fc.oneof(calendarArb, retailCalendarArb),
        fc.integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2028, 0, 1) / DAY }),
        fc.integer({ min: 7, max: 400 }),
        fc.constantFrom("month" as const, "week" as const),
        fc.constantFrom("equal" as const, "working-days" as const),
        (total, calendar, startDay, days, into, by) => {
          const day = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
          const result = splitTarget(total, { from: day(startDay), to: day(startDay + days), into, by, calendar });
          expect(result.parts.reduce((s, p) => s.plus(p.target), toDecimal(0)).eq(toDecimal(total))).toBe(true);
          // the clipped ranges tile [from, to)
          result.parts.forEach((p, i) => {
            if (i > 0) expect(p.range.startMs).toBe(result.parts[i - 1]!.range.endMs);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it("splitTeamTarget: rep shares sum exactly and do not depend on the order of the reps", () => {
    fc.assert(
      fc.property(decimalStringArb, fc.uniqueArray(fc.constantFrom("ann", "bob", "cy", "dee", "eve"), { minLength: 1 }), fc.array(fc.option(weightArb, { nil: null }), { minLength: 5, maxLength: 5 }), fc.constantFrom("equal" as const, "baseline" as const), (total, reps, raw, by) => {
        const baselines = Object.fromEntries(["ann", "bob", "cy", "dee", "eve"].map((rep, i) => [rep, raw[i] ?? null]));
        const result = splitTeamTarget(total, { reps, by, baselines });
        expect(result.parts.reduce((s, p) => s.plus(p.target), toDecimal(0)).eq(toDecimal(total))).toBe(true);
        expect(splitTeamTarget(total, { reps: [...reps].reverse(), by, baselines })).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });
});
