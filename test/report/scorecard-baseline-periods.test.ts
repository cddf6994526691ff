// The card's baseline periods are the ones its cells' baselines are taken over.
import { describe, expect, it } from "vitest";
import { catalogKpi, scorecard } from "../../src/index.js";

const activities = ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-05-10", "2026-06-10"].map((at, i) => ({ owner: "ann", type: "call", at: `${at}T10:00:00Z`, quantity: 10 + i }));

describe("scorecard baseline periods", () => {
  it("under the ratchet (default) they are the three months before the programme start, and the baseline is their mean", () => {
    // programme start 1 April: baseline January–March = (10 + 11 + 12) ÷ 3 = 11
    const card = scorecard({ activities }, { kpis: [catalogKpi("calls")], asOf: "2026-07-15", programStart: "2026-04-01" });
    expect(card.baselinePeriods.map((p) => p.label)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(card.team.cells[0]?.baseline?.value?.toString()).toBe("11");
  });

  it("under the rolling policy they are the three months before the reviewed one", () => {
    // reviewed June: baseline March–May = (12 + 13 + 14) ÷ 3 = 13
    const card = scorecard({ activities }, { kpis: [catalogKpi("calls")], asOf: "2026-07-15", programStart: "2026-04-01", targetPolicy: "rolling" });
    expect(card.baselinePeriods.map((p) => p.label)).toEqual(["2026-03", "2026-04", "2026-05"]);
    expect(card.team.cells[0]?.baseline?.value?.toString()).toBe("13");
  });
});
