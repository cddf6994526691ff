import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, prepareKpiData } from "../../src/index.js";
import { dealHistory } from "../../src/model/deal-columns.js";
import type { DealRow } from "../../src/model/deal-row.js";
import { type PreparedStage, preparedRows } from "../../src/model/prepared.js";
import { pipeline } from "../pipeline/fixtures.js";

// Preparation writes every deal's stage history straight into shared move columns (a run per
// deal, sorted; a rejected deal takes its moves back). These properties hold the moves a deal
// shows — as objects and as history columns, for the prepared deals and for any subset — to a
// brute-force reading of the input: the valid moves, sorted by instant, then open stages before
// won and lost, each in pipeline order.

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const STAGES = pipeline.stages.map((stage) => stage.id);
const position = new Map(STAGES.map((id, i) => [id, i]));
const outcome = new Map(pipeline.stages.map((stage) => [stage.id, stage.outcome]));

const dealsArb = fc.array(
  fc.record({
    id: fc.constantFrom("d1", "d2", "d3", "d4", "d5", "d6"),
    created: fc.integer({ min: 3, max: 30 }),
    stage: fc.constantFrom(...STAGES),
    closedAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    // A move's stage may be unknown, and its day may lie before creation: both reject the deal.
    moves: fc.array(fc.tuple(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...STAGES) }, { weight: 1, arbitrary: fc.constant("nowhere") }), fc.integer({ min: -1, max: 6 })), { maxLength: 20 }),
  }),
  { maxLength: 12 },
);

interface Row {
  readonly id: string;
  readonly created: number;
  readonly stage: string;
  readonly closedAfter: number | undefined;
  readonly moves: ReadonlyArray<readonly [string, number]>;
}

function dealOf(row: Row): Deal {
  return {
    id: row.id,
    owner: "ann",
    amount: "10",
    stage: row.stage,
    createdAt: new Date(START + row.created * DAY).toISOString(),
    ...(row.closedAfter === undefined ? {} : { closedAt: new Date(START + (row.created + row.closedAfter) * DAY).toISOString() }),
    stageHistory: row.moves.map(([stage, after]) => ({ stage, at: new Date(START + (row.created + after * 3) * DAY).toISOString() })),
  };
}

/** Reference: the input moves of a deal, sorted by instant, then open before closed, then pipeline position (stable). */
function sortedMoves(deal: Deal): Array<{ stage: string; at: number }> {
  const rank = (stage: string) => (outcome.get(stage) === "open" ? 0 : 1);
  return (deal.stageHistory ?? [])
    .map((move) => ({ stage: move.stage, at: Date.parse(move.at as string) }))
    .sort((a, b) => a.at - b.at || rank(a.stage) - rank(b.stage) || (position.get(a.stage) as number) - (position.get(b.stage) as number));
}

/** The moves of deal `i` in history columns, as stage ids and instants. */
function columnMoves(history: ReturnType<typeof dealHistory>, i: number): Array<{ stage: string; at: number }> {
  const out = [];
  for (let k = history.historyStart[i] as number; k < (history.historyStart[i + 1] as number); k++) {
    out.push({ stage: (pipeline.stages[history.moveStage[k] as number] as { id: string }).id, at: history.moveAt[k] as number });
  }
  return out;
}

const objectMoves = (deal: DealRow) => deal.history.map((move) => ({ stage: (move.stage as PreparedStage).id, at: move.at }));

describe("stage histories prepared straight into move columns", () => {
  it("show each kept deal's own valid moves, sorted, as objects and as columns (rejected and duplicate deals in between)", () => {
    fc.assert(
      fc.property(dealsArb, (rows) => {
        const input = rows.map(dealOf);
        const prepared = preparedRows(prepareKpiData({ pipeline, deals: input }, { invalidRows: "skip" }));
        const history = dealHistory(prepared.deals);
        prepared.deals.forEach((deal, i) => {
          const expected = sortedMoves(input[deal.index] as Deal);
          expect(objectMoves(deal)).toEqual(expected);
          expect(columnMoves(history, i)).toEqual(expected);
          expect(deal.historyLength).toBe(expected.length);
        });
        // Every valid deal with an unknown stage or a move before creation is left out.
        for (const skipped of prepared.skipped) expect(prepared.deals.some((deal) => deal.index === skipped.index)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("sort long histories (more than 16 moves, sorted another way) as they sort short ones", () => {
    const longArb = fc.array(
      fc.record({
        id: fc.uuid(),
        created: fc.integer({ min: 3, max: 30 }),
        stage: fc.constantFrom(...STAGES.filter((id) => outcome.get(id) === "open")),
        closedAfter: fc.constant(undefined),
        moves: fc.array(fc.tuple(fc.constantFrom(...STAGES), fc.integer({ min: 0, max: 6 })), { minLength: 17, maxLength: 40 }),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(longArb, (rows) => {
        const input = rows.map(dealOf);
        const prepared = preparedRows(prepareKpiData({ pipeline, deals: input }));
        const history = dealHistory(prepared.deals);
        prepared.deals.forEach((deal, i) => {
          expect(objectMoves(deal)).toEqual(sortedMoves(input[deal.index] as Deal));
          expect(columnMoves(history, i)).toEqual(sortedMoves(input[deal.index] as Deal));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("give a subset of the deals (copied runs) the same moves as the prepared deals (shared runs)", () => {
    fc.assert(
      fc.property(dealsArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (rows, keep) => {
        const prepared = preparedRows(prepareKpiData({ pipeline, deals: rows.map(dealOf) }, { invalidRows: "skip" }));
        const all = dealHistory(prepared.deals);
        const subset = prepared.deals.filter((_, i) => keep[i] === true);
        const part = dealHistory(subset);
        subset.forEach((deal, i) => {
          expect(columnMoves(part, i)).toEqual(columnMoves(all, prepared.deals.indexOf(deal)));
          expect(part.impliedAt[i]).toBe(all.impliedAt[prepared.deals.indexOf(deal)]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("show amount and history in a deal's JSON (they are read through getters, which a spread does not see)", () => {
    const deals: Deal[] = [{ id: "a", owner: "ann", stage: "qualify", amount: "12.50", createdAt: "2026-01-02", stageHistory: [{ stage: "qualify", at: "2026-01-03" }] }];
    const [deal] = preparedRows(prepareKpiData({ pipeline, deals })).deals;
    const json = JSON.parse(JSON.stringify(deal)) as { amount: string; history: Array<{ at: number }> };
    expect([json.amount, json.history.map((move) => move.at)]).toEqual(["12.5", [Date.UTC(2026, 0, 3)]]);
  });

  it("take a rejected deal's moves back: the next deal's run starts where the last kept one ended", () => {
    const deals: Deal[] = [
      { id: "a", owner: "ann", stage: "qualify", createdAt: "2026-01-02", stageHistory: [{ stage: "qualify", at: "2026-01-03" }] },
      // rejected: its second move is into an unknown stage, after its first was read
      { id: "b", owner: "ann", stage: "qualify", createdAt: "2026-01-02", stageHistory: [{ stage: "qualify", at: "2026-01-04" }, { stage: "nowhere", at: "2026-01-05" }] },
      { id: "c", owner: "ann", stage: "qualify", createdAt: "2026-01-02", stageHistory: [{ stage: "qualify", at: "2026-01-06" }] },
    ];
    const prepared = preparedRows(prepareKpiData({ pipeline, deals }, { invalidRows: "skip" }));
    const history = dealHistory(prepared.deals);
    expect(prepared.deals.map((deal) => deal.id)).toEqual(["a", "c"]);
    // c's run follows a's: b's move is gone from the columns.
    expect((prepared.deals[1] as DealRow).historyFrom).toBe(1);
    expect([...history.historyStart]).toEqual([0, 1, 2]);
    expect([...history.moveAt]).toEqual([Date.UTC(2026, 0, 3), Date.UTC(2026, 0, 6)]);
  });
});
