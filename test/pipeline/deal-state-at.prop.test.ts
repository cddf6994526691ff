import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, weightedPipelineValue, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import { pipeline } from "./fixtures.js";
import { asOfMsArb, pipelineDealsArb, probabilityOf, replayState } from "./pipeline-arbitraries.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

function prepared(deals: Deal[]) {
  const data = prepareKpiData({ deals, pipeline });
  if (data.pipeline === undefined) throw new Error("pipeline expected");
  return { data, stages: data.pipeline };
}

describe("dealStateAt agrees with a brute-force replay of the stage history", () => {
  it("at random instants, for every deal", () => {
    fc.assert(
      fc.property(pipelineDealsArb(12), fc.array(asOfMsArb, { minLength: 1, maxLength: 6 }), (deals, instants) => {
        const { data, stages } = prepared(deals);
        for (const asOfMs of instants) {
          data.deals.forEach((preparedDeal, i) => {
            const expected = replayState(deals[i] as Deal, asOfMs);
            const actual = dealStateAt(preparedDeal, asOfMs, stages);
            expect(actual.status).toBe(expected.status);
            if (expected.status !== "not-created") {
              expect(actual.stage?.id).toBe(expected.stage);
              expect(actual.since).toBe(expected.since);
            }
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the current state (no asOf) is the state after every recorded move", () => {
    fc.assert(
      fc.property(pipelineDealsArb(12), (deals) => {
        const { data, stages } = prepared(deals);
        data.deals.forEach((preparedDeal) => {
          const now = dealStateAt(preparedDeal, undefined, stages);
          const later = dealStateAt(preparedDeal, Date.UTC(2100, 0, 1), stages);
          expect(now.status).toBe(later.status);
          expect(now.stage?.id).toBe(later.stage?.id);
          expect(now.since).toBe(later.since);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe("weightedPipelineValue as of a date agrees with a replay", () => {
  it("Σ amount × (override ?? stage probability) over the deals the replay finds open", () => {
    fc.assert(
      fc.property(pipelineDealsArb(15), asOfMsArb, (deals, asOfMs) => {
        const result = weightedPipelineValue(deals, { pipeline, asOf: new Date(asOfMs) });
        let cents = 0n;
        let plainCents = 0n;
        let count = 0;
        for (const deal of deals) {
          const state = replayState(deal, asOfMs);
          if (state.status !== "open") continue;
          const p = deal.probability ?? probabilityOf(state.stage as string);
          const amountCents = BigInt(Math.round(Number(deal.amount) * 100));
          // probabilities have at most 2 decimals: work in 1/10000
          cents += amountCents * BigInt(Math.round(p * 100));
          plainCents += amountCents;
          count++;
        }
        expect(result.dealCount).toBe(count);
        expect(result.unweightedTotal.times(100).toFixed(0)).toBe(plainCents.toString());
        expect(result.total.times(10_000).toFixed(0)).toBe(cents.toString());
      }),
      { numRuns: 150 },
    );
  });
});
