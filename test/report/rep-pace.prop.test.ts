import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDecimal, pace } from "../../src/index.js";
import { paceWithElapsed } from "../../src/report/rep-pace.js";

const START = Date.UTC(2026, 4, 1);
const END = Date.UTC(2026, 5, 1);

describe("paceWithElapsed (the scorecard's per-rep pace) equals pace()", () => {
  it("for any progress through the period, actual, target, tolerance and direction", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: START - 86_400_000, max: END + 86_400_000 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: -50, max: 200 }),
        fc.constantFrom("0", "0.05", "0.1", "0.25"),
        fc.constantFrom("higher-is-better" as const, "lower-is-better" as const),
        (asOfMs, actual, target, tolerance, direction) => {
          const options = { periodStart: new Date(START).toISOString(), periodEnd: new Date(END).toISOString(), asOf: new Date(asOfMs).toISOString() };
          const expected = pace(actual, target, { ...options, tolerance, direction });
          const elapsed = pace(0, 1, options).elapsed;
          const result = paceWithElapsed(new KpiDecimal(actual), new KpiDecimal(target), elapsed, new KpiDecimal(tolerance), direction);
          expect(result.status).toBe(expected.status);
          expect(result.projected?.toString() ?? null).toBe(expected.projected?.toString() ?? null);
        },
      ),
      { numRuns: 200 },
    );
  });
});
