import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pace } from "../../src/targets/pace.js";
import { KpiDecimal } from "../../src/index.js";

describe("pace properties", () => {
  it("the status flips exactly at the edges of the tolerance band", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 30 }).map((p) => p / 100),
        fc.constantFrom("higher-is-better" as const, "lower-is-better" as const),
        fc.constantFrom(3, 6, 9, 12, 15, 18, 21, 24, 27), // elapsed = day ÷ 30 is exact
        (target, tolerance, direction, day) => {
          const options = { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: `2026-06-${String(day).padStart(2, "0")}`, tolerance, direction };
          const elapsed = new KpiDecimal(day).div(30);
          const edge = (factor: number | string) => new KpiDecimal(target).times(factor).times(elapsed);
          const t = new KpiDecimal(tolerance);
          const tiny = new KpiDecimal("1e-20");
          const highEdge = edge(t.plus(1).toString());
          const lowEdge = edge(new KpiDecimal(1).minus(t).toString());
          const better = direction === "higher-is-better" ? "ahead" : "behind";
          const worse = direction === "higher-is-better" ? "behind" : "ahead";
          expect(pace(highEdge, target, options).status).toBe("on-track");
          expect(pace(highEdge.plus(tiny), target, options).status).toBe(better);
          expect(pace(lowEdge, target, options).status).toBe("on-track");
          expect(pace(lowEdge.minus(tiny), target, options).status).toBe(worse);
        },
      ),
      { numRuns: 150 },
    );
  });
});
