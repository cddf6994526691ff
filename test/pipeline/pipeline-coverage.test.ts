import { describe, expect, it } from "vitest";
import { type Deal, pipelineCoverage } from "../../src/index.js";
import { deal, lostDeal, pipeline, wonDeal } from "./fixtures.js";

const q1 = { from: "2026-01-01", to: "2026-04-01" };

describe("pipelineCoverage", () => {
  const deals: Deal[] = [
    wonDeal("won", "20000", "2026-01-01", "2026-01-20"),
    deal({ id: "a", stage: "proposal", amount: "60000", expectedCloseAt: "2026-03-01" }),
    deal({ id: "b", stage: "qualify", amount: "30000", expectedCloseAt: "2026-06-01" }),
  ];

  it("open pipeline ÷ remaining target: 90000 ÷ (50000 − 20000) = 3", () => {
    const result = pipelineCoverage(deals, { pipeline, target: 50000, asOf: "2026-02-15", period: q1 });
    expect(result.value?.toString()).toBe("3");
    expect(result.remaining.toString()).toBe("30000");
    expect(result.targetMet).toBe(false);
    const weighted = pipelineCoverage(deals, { pipeline, target: 50000, asOf: "2026-02-15", period: q1, weighted: true });
    expect(weighted.value?.toString()).toBe("1.2"); // (30000 + 6000) ÷ 30000
    const inPeriod = pipelineCoverage(deals, { pipeline, target: 50000, asOf: "2026-02-15", period: q1, onlyExpectedInPeriod: true });
    expect(inPeriod.value?.toString()).toBe("2");
  });

  it("a lost deal is no progress and an open deal expected before the period is not in it: 120000 ÷ (50000 − 20000) = 4, in the period 60000 ÷ 30000 = 2", () => {
    const withLostAndOverdue: Deal[] = [
      ...deals,
      lostDeal("lost", "15000", "2026-01-05", "2026-02-01"), // lost in the period: the remaining target stays 30000
      deal({ id: "c", stage: "proposal", amount: "30000", expectedCloseAt: "2025-12-15" }), // open, overdue: expected before Q1
    ];
    const all = pipelineCoverage(withLostAndOverdue, { pipeline, target: 50000, asOf: "2026-02-15", period: q1 });
    expect(all.remaining.toString()).toBe("30000");
    expect(all.value?.toString()).toBe("4"); // (60000 + 30000 + 30000) ÷ 30000
    const weighted = pipelineCoverage(withLostAndOverdue, { pipeline, target: 50000, asOf: "2026-02-15", period: q1, weighted: true });
    expect(weighted.value?.toString()).toBe("1.7"); // (30000 + 6000 + 15000) ÷ 30000
    const inPeriod = pipelineCoverage(withLostAndOverdue, { pipeline, target: 50000, asOf: "2026-02-15", period: q1, onlyExpectedInPeriod: true });
    expect(inPeriod.value?.toString()).toBe("2"); // only a (1 March) is expected in Q1
  });

  it("is null when the target is already met", () => {
    const result = pipelineCoverage(deals, { pipeline, target: 20000, asOf: "2026-02-15", period: q1 });
    expect(result.value).toBeNull();
    expect(result.targetMet).toBe(true);
    expect(result.remaining.toString()).toBe("0");
  });
});
