import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, weightedPipelineValue, winRate, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { pipeline } from "../pipeline/fixtures.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const STAGES = pipeline.stages.map((stage) => stage.id);

/** Deals whose moves fall on a few days, so many share an instant; some miss their last move. */
const dealsArb = fc
  .array(
    fc.record({
      created: fc.integer({ min: 0, max: 30 }),
      stage: fc.constantFrom(...STAGES),
      closedAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      moves: fc.array(fc.tuple(fc.constantFrom(...STAGES), fc.integer({ min: 0, max: 6 })), { maxLength: 7 }),
      amount: fc.integer({ min: 0, max: 100_000 }),
    }),
    { maxLength: 8 },
  )
  .map((rows) =>
    rows.map(
      ({ created, stage, closedAfter, moves, amount }, i): Deal => ({
        id: `d${i}`,
        owner: i % 2 === 0 ? "ann" : "bob",
        amount: String(amount),
        stage,
        createdAt: new Date(START + created * DAY).toISOString(),
        ...(closedAfter === undefined ? {} : { closedAt: new Date(START + (created + closedAfter) * DAY).toISOString() }),
        stageHistory: moves.map(([moveStage, after]) => ({ stage: moveStage, at: new Date(START + (created + after * 5) * DAY).toISOString() })),
      }),
    ),
  );

/** The deals with each history permuted by `keys` (a sort on random keys). */
function shuffled(deals: readonly Deal[], keys: readonly number[]): Deal[] {
  return deals.map((deal, d) => ({
    ...deal,
    stageHistory: (deal.stageHistory ?? [])
      .map((move, m) => ({ move, key: keys[(d * 7 + m) % keys.length] ?? 0 }))
      .sort((a, b) => a.key - b.key)
      .map(({ move }) => move),
  }));
}

describe("a deal's results do not depend on the order of its stage history", () => {
  it("dealStateAt, weightedPipelineValue and winRate are the same for any order of each history", () => {
    fc.assert(
      fc.property(dealsArb, fc.array(fc.integer(), { minLength: 1, maxLength: 60 }), fc.integer({ min: -2, max: 80 }), (deals, keys, asOfDay) => {
        const other = shuffled(deals, keys);
        const a = prepareKpiData({ pipeline, deals }, { invalidRows: "skip" });
        const b = prepareKpiData({ pipeline, deals: other }, { invalidRows: "skip" });
        expect(b.deals.map((deal) => deal.id)).toEqual(a.deals.map((deal) => deal.id));
        const stages = a.pipeline as PreparedPipeline;
        for (const [i, deal] of a.deals.entries()) {
          const twin = b.deals[i]!;
          const instants = [deal.createdAt, deal.currentSince, ...deal.history.map((move) => move.at)];
          for (const asOfMs of [undefined, ...instants, ...instants.map((at) => at + 1), START + asOfDay * DAY]) {
            expect(dealStateAt(twin, asOfMs, stages)).toEqual(dealStateAt(deal, asOfMs, stages));
          }
        }
        const asOf = new Date(START + asOfDay * DAY);
        expect(weightedPipelineValue(b, { asOf })).toEqual(weightedPipelineValue(a, { asOf }));
        const period = { from: new Date(START), to: new Date(START + 60 * DAY) };
        for (const basis of ["closed", "created"] as const) {
          expect(winRate(b, { period, basis, asOf })).toEqual(winRate(a, { period, basis, asOf }));
          expect(winRate(b, { period, basis })).toEqual(winRate(a, { period, basis }));
        }
      }),
      { numRuns: 200 },
    );
  });
});
