import { describe, expect, it } from "vitest";
import { type Deal, weightedPipelineValue, winRate, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { pipeline } from "../pipeline/fixtures.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

/** A deal that went through proposal, won and lost on one day, its history in the given order. */
function sameDay(order: readonly string[]): Deal {
  return {
    id: "d1",
    owner: "ann",
    amount: "1000",
    stage: "lost",
    createdAt: "2026-01-01",
    stageHistory: order.map((stage) => ({ stage, at: "2026-02-01" })),
  };
}

describe("moves at the same instant are ordered by the funnel, not by their order in the input", () => {
  const orders = [
    ["won", "proposal", "lost"],
    ["proposal", "won", "lost"],
    ["lost", "won", "proposal"],
  ];

  it("sorts them open stages first in funnel order, then won and lost", () => {
    for (const order of orders) {
      const deal = prepareKpiData({ pipeline, deals: [sameDay(order)] }).deals[0]!;
      expect(deal.history.map((move) => move.stage.id)).toEqual(["proposal", "won", "lost"]);
    }
  });

  it("before that day the deal is open in proposal (its earliest recorded stage), whatever the input order", () => {
    for (const order of orders) {
      const prepared = prepareKpiData({ pipeline, deals: [sameDay(order)] });
      const state = dealStateAt(prepared.deals[0]!, Date.UTC(2026, 0, 15), prepared.pipeline as PreparedPipeline);
      expect([state.status, state.stage?.id, state.stageAssumed]).toEqual(["open", "proposal", false]);
    }
  });

  it("weighs the deal at proposal's 50 % as of 15 January (500), whatever the input order", () => {
    for (const order of orders) {
      const result = weightedPipelineValue([sameDay(order)], { pipeline, asOf: "2026-01-15" });
      expect(result.total.toString()).toBe("500");
    }
  });

  it("a deal moved into proposal and won on one day is won from that day, whatever the input order", () => {
    // Lost on 1 March; on 1 February the CRM logged a move to proposal and a win at the same second.
    for (const order of [["won", "proposal"], ["proposal", "won"]]) {
      const deal: Deal = { ...sameDay(order), closedAt: "2026-03-01" };
      const prepared = prepareKpiData({ pipeline, deals: [deal] });
      const state = dealStateAt(prepared.deals[0]!, Date.UTC(2026, 1, 15), prepared.pipeline as PreparedPipeline);
      expect([state.status, state.since]).toEqual(["won", Date.UTC(2026, 1, 1)]);
      const february = winRate([deal], { pipeline, period: { from: "2026-02-01", to: "2026-03-01" }, asOf: "2026-02-15" });
      expect([february.won, february.lost]).toEqual([1, 0]);
    }
  });

  it("won and lost come after the open stages even in a pipeline that lists lost first", () => {
    const lostFirst = {
      stages: [
        { id: "lost", probability: 0, outcome: "lost" as const },
        { id: "qualify", probability: 0.2, outcome: "open" as const },
        { id: "proposal", probability: 0.5, outcome: "open" as const },
        { id: "won", probability: 1, outcome: "won" as const },
      ],
    };
    for (const order of [["lost", "proposal", "qualify"], ["qualify", "proposal", "lost"], ["proposal", "lost", "qualify"]]) {
      const deal = prepareKpiData({ pipeline: lostFirst, deals: [sameDay(order)] }).deals[0]!;
      expect(deal.history.map((move) => move.stage.id)).toEqual(["qualify", "proposal", "lost"]);
    }
  });
});
