import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, type KpiData, kpiCatalog, KpiDecimal, pipelineWaterfall, scorecard, toHtml, toJSON, toMarkdown, toTerminal } from "../../src/index.js";
import { perKpiCountLines, rankedReps, sparkText, teamHeading } from "../../src/report/scorecard-rows.js";
import { dealsArb, SAMPLE_PIPELINE } from "../arbitraries.js";
import { pipeline } from "../pipeline/fixtures.js";
import { fixtureScorecard } from "./scorecard-fixture.js";

const revenue = kpiCatalog.filter((kpi) => kpi.id === "new-revenue-per-month");

/**
 * October is reviewed (asOf 15 November). At the start of October the pipeline holds a
 * (10,000, proposal) and b (4,000, qualify); in October b is won, c (2,500) is created; in
 * November d (1,000) is created and lost. Closing as of 15 Nov: a 10,000 + c 2,500 = 12,500.
 */
const deals: Deal[] = [
  { id: "a", owner: "ann", stage: "proposal", amount: "10000", currency: "EUR", createdAt: "2026-09-05" },
  { id: "b", owner: "ann", stage: "won", amount: "4000", currency: "EUR", createdAt: "2026-09-06", closedAt: "2026-10-10", expectedCloseAt: "2026-10-20" },
  { id: "c", owner: "bob", stage: "qualify", amount: "2500", currency: "EUR", createdAt: "2026-10-03" },
  { id: "d", owner: "bob", stage: "lost", amount: "1000", currency: "EUR", createdAt: "2026-11-02", closedAt: "2026-11-09" },
];
const data: KpiData = { pipeline, deals, reps: [{ id: "ann", name: "Ann", team: "North" }, { id: "bob", name: "Bob", team: "North" }] };

describe("the scorecard's analytics section", () => {
  it("is left out by default (it costs a third of a scorecard or more) and attached with analytics: true", () => {
    expect(scorecard(data, { kpis: revenue, asOf: "2026-11-15" }).analytics).toBeUndefined();
    expect(scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics).toBeDefined();
  });

  it("the waterfall runs from the start of the reviewed period to asOf: 14,000 + 2,500 + 1,000 created − 4,000 won − 1,000 lost = 12,500", () => {
    const analytics = scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    const flow = analytics.waterfall!;
    expect(flow.opening.value.toString()).toBe("14000");
    expect(flow.closing.value.toString()).toBe("12500");
    const byKind = Object.fromEntries(flow.movements.filter((m) => m.dealCount > 0).map((m) => [m.kind, m.value.toString()]));
    expect(byKind).toEqual({ created: "3500", won: "-4000", lost: "-1000" });
    // the same as the library's own waterfall over the same window
    const direct = pipelineWaterfall(deals, { pipeline, from: "2026-10-01", to: "2026-11-16" });
    expect(flow.closing.value.eq(direct.closing.value)).toBe(true);
    expect(analytics.currency).toBe("EUR");
  });

  it("the stacked view is the open pipeline by stage at each period end and at asOf", () => {
    const analytics = scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    const snapshots = analytics.pipelineByStage!;
    const last = snapshots.at(-1)!;
    expect(last.label).toBe("as of 2026-11-15");
    expect(Object.fromEntries(last.stages.map((s) => [s.stage, s.value.toString()]))).toEqual({ qualify: "2500", proposal: "10000", negotiation: "0" });
    const endOfSeptember = snapshots.find((s) => s.label === "end of 2026-09")!;
    expect(endOfSeptember.total.toString()).toBe("14000");
  });

  it("calibration: 1 of 1 closed deals that were in qualify was won (b; d never had history in qualify beyond its own stage)", () => {
    const analytics = scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    const stages = analytics.calibration!.stages;
    expect(stages.map((s) => s.stage)).toEqual(["qualify", "proposal", "negotiation"]);
    for (const stage of stages) expect(stage.sufficient).toBe(false); // 30 closed deals needed
    expect(analytics.backtest!.fixed.periods.map((p) => p.period.label)).toEqual(["2026-07", "2026-08", "2026-09", "2026-10"]);
    // b (4,000) was open at 1 October and expected in October: forecast 4,000 × its stage's 20 %
    expect(analytics.backtest!.fixed.periods.at(-1)?.forecast.toString()).toBe("800");
    expect(analytics.backtest!.fixed.periods.at(-1)?.actual.toString()).toBe("4000");
  });

  it("an open deal without an expected close is named as not in the backtest's forecast: at 1 October a (10,000) has none", () => {
    const analytics = scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    // At the start of July–September no deal was open without one (a was created 5 September, after 1 September).
    expect(analytics.backtest!.fixed.periods.map((p) => p.openWithoutExpectedClose)).toEqual([0, 0, 0, 1]);
    expect(analytics.notes).toContain("forecast backtest: open deals without an expected close at the period's start are not in its forecast (2026-10: 1)");
    // Dated, nothing is left out and no note is made.
    const dated = deals.map((deal) => (deal.id === "a" ? { ...deal, expectedCloseAt: "2026-12-15" } : deal));
    const complete = scorecard({ ...data, deals: dated }, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    expect(complete.notes.filter((note) => note.startsWith("forecast backtest:"))).toEqual([]);
    expect(toMarkdown(scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }), { locale: "nl" })).toContain("prognosetoets: open deals zonder verwachte sluitdatum aan het begin van de periode tellen niet mee in de prognose (2026-10: 1)");
  });

  it("without leads the cohort matrix is left out with a note; without deals every pipeline part is", () => {
    const analytics = scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    expect(analytics.cohorts).toBeNull();
    expect(analytics.notes).toContain("cohort matrix left out: the data has no leads");
    const calls = kpiCatalog.filter((kpi) => kpi.id === "calls");
    const empty = scorecard({ activities: [{ owner: "ann", type: "call", at: "2026-10-02T09:00:00Z" }] }, { kpis: calls, asOf: "2026-11-15", analytics: true }).analytics!;
    expect([empty.waterfall, empty.pipelineByStage, empty.calibration, empty.backtest, empty.cohorts]).toEqual([null, null, null, null, null]);
    expect(empty.notes).toContain("pipeline analytics left out: the data has no deals");
  });

  it("a backtest in which no deal was forecast (no expected close dates) is left out with why, not shown as 100 % error", () => {
    const undated = deals.map(({ expectedCloseAt: _unused, ...deal }) => deal);
    const analytics = scorecard({ ...data, deals: undated }, { kpis: revenue, asOf: "2026-11-15", analytics: true }).analytics!;
    expect(analytics.backtest).toBeNull();
    expect(analytics.notes.some((note) => note.startsWith("forecast backtest left out: no open deal was expected to close"))).toBe(true);
    expect(analytics.waterfall).not.toBeNull();
  });

  it("a part that fails becomes a note, not a crash: mixed currencies without rates", () => {
    const mixed: KpiData = { ...data, deals: [...deals, { id: "e", owner: "ann", stage: "qualify", amount: "700", currency: "USD", createdAt: "2026-10-04" }] };
    const card = scorecard(mixed, { kpis: kpiCatalog.filter((kpi) => kpi.id === "calls"), asOf: "2026-11-15", analytics: true });
    const analytics = card.analytics!;
    expect(analytics.waterfall).toBeNull();
    expect(analytics.notes.some((note) => note.startsWith("pipeline waterfall left out:") && note.includes("currenc"))).toBe(true);
    // and every renderer still renders, the note included
    for (const text of [toHtml(card), toMarkdown(card), toTerminal(card)]) expect(text).toContain("pipeline waterfall left out");
  });

  it("every renderer shows the waterfall, the calibration table and the backtest; HTML draws the charts and the heat map", () => {
    const card = scorecard(data, { kpis: revenue, asOf: "2026-11-15", analytics: true });
    const markdown = toMarkdown(card);
    expect(markdown).toContain("### Pipeline waterfall since the previous review: start of 2026-10 → as of 2026-11-15 (EUR)");
    expect(markdown).toContain("| Won | -4,000 | 1 |");
    expect(markdown).toContain("| Closing (as of 2026-11-15) | 12,500 | 2 |");
    expect(markdown).toMatch(/\| Qualify? \| 20\.0% \|/i);
    const terminal = toTerminal(card);
    expect(terminal).toMatch(/^Created\s+\+3,500\s+2$/m);
    expect(terminal).toContain("Forecast backtest");
    const html = toHtml(card);
    expect(html).toContain('<svg class="chart waterfall"');
    expect(html).toContain('<svg class="chart stacked"');
    expect(JSON.parse(JSON.stringify(toJSON(card))).analytics.waterfall.closing.value).toBe("12500");
  });
});

describe("the analytics never read after asOf", () => {
  /** The numbers of the analytics (row counts left out: a later row is a row looked at, and skipped by date). */
  function numbers(deals: readonly Deal[]) {
    const card = scorecard({ pipeline: SAMPLE_PIPELINE, deals: [...deals] }, { kpis: kpiCatalog.filter((kpi) => kpi.id === "calls"), asOf: "2026-11-15", calendar: { timeZone: "UTC" }, analytics: true });
    const analytics = toJSON(card).analytics!;
    return {
      waterfall: analytics.waterfall === null ? null : { opening: analytics.waterfall.opening, movements: analytics.waterfall.movements, closing: analytics.waterfall.closing },
      byStage: analytics.pipelineByStage,
      calibration: analytics.calibration?.stages ?? null,
      backtest: analytics.backtest === null ? null : [analytics.backtest.fixed.periods, analytics.backtest.calibrated.periods],
    };
  }
  it("a deal created after asOf changes no number of the analytics (property)", () => {
    const asOfMs = Date.parse("2026-11-16T00:00:00Z");
    const base: Deal = { id: "base", owner: "ann", stage: "proposal", amount: "100", currency: "EUR", createdAt: "2026-06-01T00:00:00Z" };
    fc.assert(
      fc.property(dealsArb(12), fc.integer({ min: 0, max: 400 }), (rows, days) => {
        const before = [base, ...rows.filter((row) => Date.parse(row.createdAt) < asOfMs && (row.closedAt === undefined || Date.parse(row.closedAt) < asOfMs))];
        const later: Deal = { id: "late", owner: "ann", stage: "proposal", amount: "999", currency: "EUR", createdAt: new Date(asOfMs + days * 86_400_000).toISOString() };
        expect(numbers([...before, later])).toEqual(numbers(before));
      }),
      { numRuns: 25 },
    );
  });
});

describe("reps ranked by attainment", () => {
  it("mean attainment over appraisal KPIs with a target, capped at 150 % each; ties by name; reps without a target last", () => {
    const card = fixtureScorecard();
    const two = (a: string, b: string, name: string, id: string) => {
      const template = card.reps[0]!;
      const cells = template.cells.map((cell, index) => ({ ...cell, attainment: { ratio: new KpiDecimal(index === 0 ? a : b), met: false, gap: new KpiDecimal(0) } }));
      return { ...template, id, name, cells };
    };
    const kpis = card.kpis.map((kpi) => ({ ...kpi, appraisal: true }));
    // Cas: (1.2 + 0.8) / 2 = 1.0; Dee: (min(2.0, 1.5) + 0.4) / 2 = 0.95; Abe ties with Cas and comes first by name
    const reps = [two("2.0", "0.4", "Dee", "dee"), two("1.2", "0.8", "Cas", "cas"), two("0.8", "1.2", "Abe", "abe"), { ...card.reps[0]!, id: "zed", name: "Zed", cells: card.reps[0]!.cells.map((cell) => ({ ...cell, attainment: null })) }];
    const result = rankedReps({ ...card, kpis, reps });
    expect(result.map((r) => [r.rank, r.rep.name, r.attainment === null ? null : r.attainment.toFixed(2)])).toEqual([
      [1, "Abe", "1.00"],
      [1, "Cas", "1.00"],
      [3, "Dee", "0.95"],
      [4, "Zed", null],
    ]);
    // the order of the reps in the card does not matter
    expect(rankedReps({ ...card, kpis, reps: [...reps].reverse() }).map((r) => r.rep.id)).toEqual(result.map((r) => r.rep.id));
  });
});

describe("headline, team heading and sparkline text", () => {
  it("the headline's per-KPI lines are the counts table's numbers", () => {
    const card = fixtureScorecard();
    const lines = perKpiCountLines(card);
    expect(lines).toEqual(card.team.counts.map((count) => `First meetings: ${count.atTarget} of ${count.withTarget} at target, ${count.onTrack} of ${count.withPace} on track`));
    expect(toHtml(card)).toContain(`<li>${lines[0]}</li>`);
  });
  it('"Team" when the team has no name of its own, "Team: North" when it has', () => {
    const card = fixtureScorecard();
    expect(teamHeading({ ...card, team: { ...card.team, name: "Team" } })).toBe("Team");
    expect(teamHeading({ ...card, team: { ...card.team, name: "North" } })).toBe("Team: North");
  });
  it("sparkline text scales between min and max and says them: 3, 12, 7.5 → ▁█▅ 3 – 12", () => {
    const d = (value: string) => new KpiDecimal(value);
    expect(sparkText([d("3"), d("12"), d("7.5")], "count")).toBe("▁█▅ 3 – 12");
    expect(sparkText([null, d("0.25"), d("0.5")], "ratio")).toBe(" ▁█ 25.0% – 50.0%");
    expect(sparkText([null, null], "count")).toBe("–");
  });
});

describe("scorecardAnalytics doc example", () => {
  it('the waterfall of the example opens at 14000 and closes at 12500', () => {
    const example: Deal[] = [
      { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-09-05" },
      { id: "b", owner: "ann", stage: "won", amount: "4000", createdAt: "2026-09-06", closedAt: "2026-10-10" },
      { id: "c", owner: "bob", stage: "qualify", amount: "2500", createdAt: "2026-10-03" },
    ];
    const card = scorecard({ pipeline, deals: example }, { kpis: revenue, asOf: "2026-11-15", analytics: true });
    expect([card.analytics?.waterfall?.opening.value.toString(), card.analytics?.waterfall?.closing.value.toString()]).toEqual(["14000", "12500"]);
  });
});
