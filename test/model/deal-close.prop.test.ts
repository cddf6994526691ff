import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, measureSeries, periodsBetween, resolveCalendar, winRate, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { pipeline } from "../pipeline/fixtures.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const STAGES = pipeline.stages.map((stage) => stage.id);
const day = (offset: number) => new Date(START + offset * DAY).toISOString();

/**
 * Deals whose records disagree the way CRM exports do: histories that miss the move into the
 * current stage, reopenings, several moves on one day, a `closedAt` before, on or after the
 * last move, or none. Rows the rules reject (closed without any close) are skipped.
 */
const dealArb = fc
  .record({
    created: fc.integer({ min: 0, max: 200 }),
    stage: fc.constantFrom(...STAGES),
    closedAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    moves: fc.array(fc.tuple(fc.constantFrom(...STAGES), fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: DAY - 1 })), { maxLength: 5 }),
  })
  .map(({ created, stage, closedAfter, moves }): Omit<Deal, "id"> => ({
    owner: "ann",
    stage,
    createdAt: day(created),
    ...(closedAfter === undefined ? {} : { closedAt: day(created + closedAfter) }),
    ...(moves.length === 0
      ? {}
      : { stageHistory: moves.map(([moveStage, after, ms]) => ({ stage: moveStage, at: new Date(START + (created + after) * DAY + (ms % 3) * 3_600_000).toISOString() })) }),
  }));

const dealsArb = fc.array(dealArb, { maxLength: 12 }).map((rows) => rows.map((row, i): Deal => ({ id: `d${i}`, ...row })));

/** The hand-worked case: won 10 Jan, reopened 1 Feb, won again on 15 Mar (only in closedAt). */
const rewon: Deal = {
  id: "rewon",
  owner: "ann",
  stage: "won",
  createdAt: "2026-01-02",
  closedAt: "2026-03-15",
  stageHistory: [
    { stage: "won", at: "2026-01-10" },
    { stage: "proposal", at: "2026-02-01" },
  ],
};

describe("every function reads a closed deal's close at the same instant", () => {
  const months = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2027, 4, 1), "month", resolveCalendar({}));

  it("the month measureSeries counts a won (or lost) deal in is the month winRate counts it in", () => {
    fc.assert(
      fc.property(dealsArb, (deals) => {
        const prepared = prepareKpiData({ pipeline, deals }, { invalidRows: "skip" });
        const options = { from: "2026-01-01", to: "2027-05-01", grain: "month" } as const;
        const won = measureSeries(prepared, { kind: "count", source: "deals", at: "closedAt", where: { outcome: "won" } }, options);
        const lost = measureSeries(prepared, { kind: "count", source: "deals", at: "closedAt", where: { outcome: "lost" } }, options);
        for (const [i, month] of months.entries()) {
          const rate = winRate(prepared, { period: month });
          expect([won.points[i]?.value?.toNumber(), lost.points[i]?.value?.toNumber(), month.label]).toEqual([rate.won, rate.lost, month.label]);
        }
      }),
      { numRuns: 150, examples: [[[rewon]]] },
    );
  });

  it("a closed deal is in its closed state from its closedAt (= currentSince) on, and not just before it", () => {
    fc.assert(
      fc.property(dealsArb, (deals) => {
        const prepared = prepareKpiData({ pipeline, deals }, { invalidRows: "skip" });
        const stages = prepared.pipeline as PreparedPipeline;
        for (const deal of prepared.deals) {
          if (deal.closedAt === undefined) continue;
          expect(deal.currentSince).toBe(deal.closedAt);
          expect(dealStateAt(deal, deal.closedAt + 1, stages)).toMatchObject({ status: deal.stage.outcome, since: deal.closedAt });
          expect(dealStateAt(deal, undefined, stages).since).toBe(deal.closedAt);
          // Just before its close the deal is in another state (or the same stage entered earlier, if it never left it).
          const before = dealStateAt(deal, deal.closedAt, stages);
          if (before.status === deal.stage.outcome) expect(before.since).toBeLessThan(deal.closedAt);
        }
      }),
      { numRuns: 150, examples: [[[rewon]]] },
    );
  });
});
