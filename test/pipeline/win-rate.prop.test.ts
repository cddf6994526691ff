import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { winRate } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { START_MS, asOfMsArb, pipelineDealsArb, replayState } from "./pipeline-arbitraries.js";

const DAY = 86_400_000;
const periodArb = fc
  .tuple(fc.integer({ min: -10, max: 300 }), fc.integer({ min: 1, max: 200 }))
  .map(([start, days]) => ({ from: new Date(START_MS + start * DAY), to: new Date(START_MS + (start + days) * DAY) }));

describe("winRate properties", () => {
  it("is in [0, 1], null exactly when nothing closed, and agrees with a replay count", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), periodArb, fc.option(asOfMsArb, { nil: undefined }), fc.constantFrom("count", "value") as fc.Arbitrary<"count" | "value">, (deals, period, asOfMs, by) => {
        const result = winRate(deals, { pipeline, period, by, ...(asOfMs === undefined ? {} : { asOf: new Date(asOfMs) }) });
        if (result.value !== null) {
          expect(result.value.gte(0) && result.value.lte(1)).toBe(true);
        }
        const end = Math.min(period.to.getTime(), asOfMs ?? Number.POSITIVE_INFINITY);
        let won = 0;
        let lost = 0;
        for (const deal of deals) {
          const state = replayState(deal, asOfMs ?? Date.UTC(2100, 0, 1));
          if ((state.status === "won" || state.status === "lost") && (state.since as number) >= period.from.getTime() && (state.since as number) < end) {
            if (state.status === "won") won++;
            else lost++;
          }
        }
        expect([result.won, result.lost]).toEqual([won, lost]);
        if (by === "count") expect(result.value === null).toBe(won + lost === 0);
      }),
      { numRuns: 150 },
    );
  });

  it("does not depend on the order of the deals", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), periodArb, (deals, period) => {
        const a = winRate(deals, { pipeline, period, basis: "created", by: "value" });
        const b = winRate([...deals].reverse(), { pipeline, period, basis: "created", by: "value" });
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });
});
