import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, stageProbabilities } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { asOfMsArb, outcomeOf, pipelineDealsArb, replayState } from "./pipeline-arbitraries.js";

const OPEN = pipeline.stages.filter((s) => s.outcome === "open").map((s) => s.id);

/**
 * Slow reference: the stages a deal was in before asOf, by replaying its history at every
 * instant where it changes (and the stages of every recorded move before asOf).
 */
function visitedByReplay(deal: Deal, asOfMs: number): Set<string> {
  const created = Date.parse(String(deal.createdAt));
  const stages = new Set<string>();
  if (created >= asOfMs) return stages;
  const instants = [asOfMs, ...(deal.stageHistory ?? []).map((m) => Date.parse(String(m.at))), ...(deal.closedAt === undefined ? [] : [Date.parse(String(deal.closedAt))])];
  for (const move of deal.stageHistory ?? []) if (Date.parse(String(move.at)) < asOfMs) stages.add(move.stage);
  for (const at of instants) if (at > created && at <= asOfMs) {
    const state = replayState(deal, at);
    if (state.stage !== undefined) stages.add(state.stage);
  }
  return stages;
}

describe("stageProbabilities properties", () => {
  it("every share lies in [0, 1] inside its Wilson interval, and equals a brute-force count", () => {
    fc.assert(
      fc.property(pipelineDealsArb(25), asOfMsArb, (deals, asOfMs) => {
        const result = stageProbabilities(deals, { pipeline, asOf: new Date(asOfMs), minDeals: 1 });
        for (const stage of OPEN) {
          let closed = 0;
          let won = 0;
          for (const deal of deals) {
            const state = replayState(deal, asOfMs);
            if (state.status !== "won" && state.status !== "lost") continue;
            if (!visitedByReplay(deal, asOfMs).has(stage)) continue;
            closed++;
            if (outcomeOf(state.stage as string) === "won") won++;
          }
          const row = result.stages.find((s) => s.stage === stage);
          expect([row?.closed, row?.won]).toEqual([closed, won]);
          const value = row?.share.value;
          if (closed === 0) {
            expect(value).toBeNull();
            expect(row?.interval).toBeNull();
          } else {
            expect(value?.gte(0) && value.lte(1)).toBe(true);
            expect(row?.interval?.lower.lte(value ?? 0) && row.interval.upper.gte(value ?? 0)).toBe(true);
            expect(row?.interval?.lower.gte(0) && row.interval.upper.lte(1)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("row order never changes the table, and deals closing at or after asOf change nothing", () => {
    fc.assert(
      fc.property(pipelineDealsArb(20), asOfMsArb, (deals, asOfMs) => {
        const a = stageProbabilities(deals, { pipeline, asOf: new Date(asOfMs), minDeals: 2 });
        const b = stageProbabilities([...deals].reverse(), { pipeline, asOf: new Date(asOfMs), minDeals: 2 });
        expect(b.table).toEqual(a.table);
        // the same deals, cut at asOf: every move at or after it dropped, open from then on
        const later = deals.map((d, i) => ({ ...d, id: `late${i}`, createdAt: new Date(asOfMs + 1000 * (i + 1)).toISOString(), stage: "qualify", stageHistory: undefined, closedAt: undefined }));
        const c = stageProbabilities([...deals, ...later], { pipeline, asOf: new Date(asOfMs), minDeals: 2 });
        expect(c.table).toEqual(a.table);
      }),
      { numRuns: 100 },
    );
  });
});
