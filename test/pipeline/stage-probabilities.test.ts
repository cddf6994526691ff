import { describe, expect, it } from "vitest";
import { type Deal, KpiDefinitionError, stageProbabilities, weightedPipelineValue } from "../../src/index.js";
import { pipeline } from "./fixtures.js";

/** A deal that went through `moves` (stage, date) after being created on 5 January. */
function history(id: string, ...moves: Array<[string, string]>): Deal {
  const last = moves[moves.length - 1] as [string, string];
  return { id, owner: "ann", amount: "1000", createdAt: "2026-01-05", stage: last[0], stageHistory: moves.map(([stage, at]) => ({ stage, at })) };
}

describe("stageProbabilities", () => {
  it("matches its documented example: proposal 2 of 3 later won", () => {
    const result = stageProbabilities(
      [
        { id: "a", owner: "ann", stage: "won", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-10" }, { stage: "won", at: "2026-02-01" }] },
        { id: "b", owner: "ann", stage: "won", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-12" }, { stage: "won", at: "2026-02-03" }] },
        { id: "c", owner: "ann", stage: "lost", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-15" }, { stage: "lost", at: "2026-02-05" }] },
      ],
      { pipeline, asOf: "2026-03-31", minDeals: 3 },
    );
    expect(result.stages.find((s) => s.stage === "proposal")?.share.value?.toFixed(4)).toBe("0.6667");
  });

  it("a stage with 2 of 3 later won: share 2/3, Wilson interval around it, calibrated at minDeals 3", () => {
    const deals = [
      history("a", ["qualify", "2026-01-05"], ["proposal", "2026-01-10"], ["won", "2026-02-01"]),
      history("b", ["qualify", "2026-01-05"], ["proposal", "2026-01-12"], ["won", "2026-02-03"]),
      history("c", ["qualify", "2026-01-05"], ["proposal", "2026-01-15"], ["lost", "2026-02-05"]),
      // lost straight from qualify: in qualify's share, not in proposal's
      history("d", ["qualify", "2026-01-05"], ["lost", "2026-01-20"]),
      // still open: in no share, counted as open now
      history("e", ["qualify", "2026-01-05"], ["proposal", "2026-01-25"]),
    ];
    const result = stageProbabilities(deals, { pipeline, asOf: "2026-03-31", minDeals: 3 });
    const proposal = result.stages.find((s) => s.stage === "proposal");
    const qualify = result.stages.find((s) => s.stage === "qualify");
    expect([proposal?.closed, proposal?.won, proposal?.lost, proposal?.openNow]).toEqual([3, 2, 1, 1]);
    expect(proposal?.share.numerator.toString()).toBe("2");
    expect(proposal?.share.denominator.toString()).toBe("3");
    expect(proposal?.status).toBe("calibrated");
    expect(proposal?.probability.equals(proposal.share.value ?? 0)).toBe(true);
    // Wilson 95 % for 2 of 3: [0.2077, 0.9385] (by calculator: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n))
    expect(proposal?.interval?.lower.toFixed(4)).toBe("0.2077");
    expect(proposal?.interval?.upper.toFixed(4)).toBe("0.9385");
    expect([qualify?.closed, qualify?.won, qualify?.share.value?.toString()]).toEqual([4, 2, "0.5"]);
    // negotiation: nobody was there
    const negotiation = result.stages.find((s) => s.stage === "negotiation");
    expect([negotiation?.closed, negotiation?.share.value, negotiation?.interval, negotiation?.status]).toEqual([0, null, null, "insufficient-history"]);
    expect(negotiation?.probability.toString()).toBe("0.8");
    expect([result.dealsClosed, result.dealsOpen]).toEqual([4, 1]);
    expect(result.table.rows.map((row) => row[0])).toEqual(["qualify", "proposal", "negotiation"]);
    expect(result.table.rows[1]?.slice(2, 4)).toEqual([3, 2]);
  });

  it("below minDeals a stage is insufficient history and keeps its configured probability", () => {
    const deals = [history("a", ["proposal", "2026-01-10"], ["won", "2026-02-01"])];
    const proposal = stageProbabilities(deals, { pipeline, asOf: "2026-03-31" }).stages.find((s) => s.stage === "proposal");
    expect([proposal?.closed, proposal?.share.value?.toString(), proposal?.status, proposal?.probability.toString()]).toEqual([1, "1", "insufficient-history", "0.5"]);
  });

  it("nothing at or after asOf counts, and a lookback keeps only recent closes", () => {
    const deals = [
      history("early", ["proposal", "2026-01-10"], ["lost", "2026-01-20"]),
      history("late", ["proposal", "2026-01-10"], ["won", "2026-03-10"]),
      history("future", ["proposal", "2026-01-10"], ["won", "2026-04-10"]),
    ];
    const all = stageProbabilities(deals, { pipeline, asOf: "2026-03-31", minDeals: 1 }).stages.find((s) => s.stage === "proposal");
    expect([all?.closed, all?.won, all?.openNow]).toEqual([2, 1, 1]);
    const recent = stageProbabilities(deals, { pipeline, asOf: "2026-03-31", lookbackDays: 30, minDeals: 1 });
    expect(recent.lookback?.start).toBe("2026-03-02T00:00:00+00:00");
    expect(recent.stages.find((s) => s.stage === "proposal")?.won).toBe(1);
    expect(recent.stages.find((s) => s.stage === "proposal")?.closed).toBe(1);
  });

  it("a deal won, reopened and lost counts once per stage, as lost", () => {
    const deals = [history("x", ["proposal", "2026-01-10"], ["won", "2026-02-01"], ["proposal", "2026-02-10"], ["lost", "2026-03-01"])];
    const proposal = stageProbabilities(deals, { pipeline, asOf: "2026-03-31", minDeals: 1 }).stages.find((s) => s.stage === "proposal");
    expect([proposal?.closed, proposal?.won, proposal?.lost]).toEqual([1, 0, 1]);
    // as of mid-February it was open again: not closed
    const mid = stageProbabilities(deals, { pipeline, asOf: "2026-02-15", minDeals: 1 }).stages.find((s) => s.stage === "proposal");
    expect([mid?.closed, mid?.openNow]).toEqual([0, 1]);
  });

  it("a closed deal without history was in the pipeline's first open stage (assumed)", () => {
    const deals: Deal[] = [{ id: "w", owner: "ann", stage: "won", amount: "5", createdAt: "2026-01-05", closedAt: "2026-02-01" }];
    const stages = stageProbabilities(deals, { pipeline, asOf: "2026-03-31", minDeals: 1 }).stages;
    expect(stages.map((s) => [s.stage, s.closed])).toEqual([["qualify", 1], ["proposal", 0], ["negotiation", 0]]);
  });
});

describe("weightedPipelineValue with calibrated probabilities", () => {
  // 3 proposals closed (2 won): calibrated proposal 2/3 at minDeals 3; one open proposal of 900.
  const deals = [
    history("a", ["proposal", "2026-01-10"], ["won", "2026-02-01"]),
    history("b", ["proposal", "2026-01-12"], ["won", "2026-02-03"]),
    history("c", ["proposal", "2026-01-15"], ["lost", "2026-02-05"]),
    { ...history("o", ["proposal", "2026-01-25"]), amount: "900" },
  ];

  it("the returned table replaces the stage probability: 900 × 2/3 = 600 instead of 900 × 0.5", () => {
    const table = stageProbabilities(deals, { pipeline, asOf: "2026-03-31", minDeals: 3 });
    const configured = weightedPipelineValue(deals, { pipeline, asOf: "2026-03-31" });
    const calibrated = weightedPipelineValue(deals, { pipeline, asOf: "2026-03-31", probabilities: table });
    expect(configured.total.toString()).toBe("450");
    expect(calibrated.total.toString()).toBe("600");
    expect(calibrated.probabilities).toBe("table");
    expect(calibrated.byStage.find((s) => s.stage === "proposal")?.probability.toFixed(4)).toBe("0.6667");
  });

  it('"calibrated" needs 30 closed deals per stage by default, so here it keeps 0.5; it needs asOf', () => {
    const calibrated = weightedPipelineValue(deals, { pipeline, asOf: "2026-03-31", probabilities: "calibrated" });
    expect(calibrated.total.toString()).toBe("450");
    expect(calibrated.probabilities).toBe("calibrated");
    expect(() => weightedPipelineValue(deals, { pipeline, probabilities: "calibrated" })).toThrow(KpiDefinitionError);
  });

  it("a hand-written table: a deal's own probability still wins; unknown stages and out-of-range values are errors", () => {
    const own = [...deals, { ...history("p", ["proposal", "2026-01-25"]), amount: "100", probability: 0.1 }];
    const result = weightedPipelineValue(own, { pipeline, asOf: "2026-03-31", probabilities: { stages: [{ stage: "proposal", probability: "0.9" }] } });
    expect(result.total.toString()).toBe("820"); // 900 × 0.9 + 100 × 0.1
    expect(() => weightedPipelineValue(deals, { pipeline, probabilities: { stages: [{ stage: "won", probability: 1 }] } })).toThrow(/not an open stage/);
    expect(() => weightedPipelineValue(deals, { pipeline, probabilities: { stages: [{ stage: "proposal", probability: 1.5 }] } })).toThrow(/from 0 to 1/);
  });
});

describe("a probability table passed in is never touched", () => {
  it("weightedPipelineValue leaves the caller's table unfrozen and unchanged, also when it is rejected", () => {
    const table = { stages: [{ stage: "proposal", probability: 0.7 }] };
    weightedPipelineValue([], { pipeline, probabilities: table });
    expect(Object.isFrozen(table.stages)).toBe(false);
    const bad = { stages: [{ stage: "nowhere", probability: 0.7 }] };
    expect(() => weightedPipelineValue([], { pipeline, probabilities: bad })).toThrow(KpiDefinitionError);
    expect(Object.isFrozen(bad.stages)).toBe(false);
    expect(bad).toEqual({ stages: [{ stage: "nowhere", probability: 0.7 }] });
  });
});
