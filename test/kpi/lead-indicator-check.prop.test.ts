import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, leadIndicatorCheck, measureSeries } from "../../src/index.js";
import { decimalStringArb } from "../arbitraries.js";

const pipeline = { stages: [{ id: "won", probability: 1, outcome: "won" as const }] };
const range = { from: "2024-01-01", to: "2025-01-01", grain: "month" as const };
const month = (i: number): string => new Date(Date.UTC(2024, i, 10)).toISOString();

describe("leadIndicatorCheck properties", () => {
  it("a series with the same value every period never correlates, whatever the value or the other series", () => {
    fc.assert(
      fc.property(
        decimalStringArb,
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (amount, calls, maxLag) => {
          const deals: Deal[] = calls.map((_, i) => ({ id: `d${i}`, owner: "ann", amount, stage: "won", createdAt: month(i), closedAt: month(i) }));
          const activities = calls.map((quantity, i) => ({ owner: "ann", type: "call", at: month(i), quantity }));
          const data = { pipeline, deals, activities };
          const constant = measureSeries(data, { kind: "sum", source: "deals", field: "amount", at: "closedAt" }, range);
          const other = measureSeries(data, { kind: "count", source: "activities" }, range);
          for (const check of [leadIndicatorCheck(other, constant, { maxLag }), leadIndicatorCheck(constant, other, { maxLag })]) {
            expect(check.lags).toHaveLength(maxLag + 1);
            for (const lag of check.lags) {
              expect(lag.correlation).toBeNull();
              expect(lag.reason).toContain("does not vary");
            }
            expect(check.bestLag).toBeNull();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
