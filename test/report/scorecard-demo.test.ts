import { describe, expect, it } from "vitest";
import { scorecardDemo } from "../../examples/demo/scorecard.js";
import { generateSampleData } from "../../src/cli/sample-data.js";
import { kpiCatalog, scorecard } from "../../src/index.js";

describe("the scorecard on the sample team", () => {
  const sample = generateSampleData();

  it("reviews October 2026 as of 15 November (the doc example of scorecard)", () => {
    const card = scorecard(sample.data, { kpis: kpiCatalog.filter((k) => ["calls", "win-rate"].includes(k.id)), asOf: "2026-11-15", calendar: sample.calendar });
    expect(card.period.label).toBe("2026-10");
    expect(card.reps).toHaveLength(6);
  });

  it("insight KPIs are shown with a target but never make a strength or a focus point (not for appraisal)", () => {
    const ids = ["calls", "new-revenue-per-month", "win-rate", "sales-cycle"];
    const card = scorecard(sample.data, { kpis: kpiCatalog.filter((k) => ids.includes(k.id)), asOf: "2026-11-15", calendar: sample.calendar });
    const insight = card.kpis.flatMap((kpi, index) => (kpi.appraisal ? [] : [index]));
    expect(insight.map((index) => card.kpis[index]?.id)).toEqual(["win-rate", "sales-cycle"]);
    // the check bites: insight cells do have a target and attainment
    expect(card.reps.some((rep) => insight.some((index) => rep.cells[index]?.attainment != null))).toBe(true);
    for (const rep of card.reps) {
      for (const id of [...rep.strengths, ...rep.focusPoints]) expect(["calls", "new-revenue-per-month"]).toContain(id);
    }
  });

  it("the demo section prints the team table, the counts and the audit, without colours", () => {
    const text = scorecardDemo(sample);
    expect(text).toContain("Scorecard of the sample team");
    // the sample's reps are in two teams: the heading is "Team", never "Team: Team"
    expect(text).toMatch(/^Team$/m);
    expect(text).not.toContain("Team: Team");
    expect(text).toMatch(/Finding\s+First meetings\s+action · lead/);
    expect(text).toContain("Reps on track and at target, per KPI");
    expect(text).toContain("KPI-set audit");
    expect(text).not.toContain("Rep: ");
    expect(text).not.toMatch(/\u001b\[/);
  });
});
