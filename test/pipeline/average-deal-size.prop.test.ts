import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageDealSize, toDecimal } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { START_MS, asOfMsArb, pipelineDealsArb, replayState } from "./pipeline-arbitraries.js";

const DAY = 86_400_000;

describe("averageDealSize properties", () => {
  it("equals Σ amount ÷ count of the deals a replay finds won in the period, and lies between their min and max", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), asOfMsArb, fc.integer({ min: 0, max: 300 }), (deals, asOfMs, start) => {
        const from = START_MS + start * DAY;
        const to = from + 120 * DAY;
        const result = averageDealSize(deals, { pipeline, period: { from: new Date(from), to: new Date(to) }, asOf: new Date(asOfMs) });
        const amounts = deals
          .filter((d) => {
            const state = replayState(d, asOfMs);
            return state.status === "won" && (state.since as number) >= from && (state.since as number) < Math.min(to, asOfMs);
          })
          .map((d) => toDecimal(d.amount as string));
        expect(result.dealCount).toBe(amounts.length);
        if (amounts.length === 0) {
          expect(result.value).toBeNull();
          return;
        }
        const total = amounts.reduce((a, b) => a.plus(b), toDecimal(0));
        expect(result.total.equals(total)).toBe(true);
        const min = amounts.reduce((a, b) => (b.lt(a) ? b : a));
        const max = amounts.reduce((a, b) => (b.gt(a) ? b : a));
        expect(result.value?.gte(min) && result.value.lte(max)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
