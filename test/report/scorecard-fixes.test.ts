// The scorecard's team figures as a manager acts on them: each case below is one way the
// scorecard used to contradict itself, worked by hand.
import { describe, expect, it } from "vitest";
import {
  baseline,
  catalogKpi,
  type Deal,
  formatValue,
  type KpiData,
  KpiDefinitionError,
  type KpiDefinitionInput,
  KpiInputError,
  type Lead,
  measureSeries,
  scorecard,
  type ScorecardCell,
  toDecimal,
  toMarkdown,
} from "../../src/index.js";

import { proposalPipeline as pipeline } from "../pipeline/fixtures.js";
const str = (value: { toString(): string } | null | undefined) => (value === null || value === undefined ? null : value.toString());
const cellOf = (subject: { cells: readonly ScorecardCell[] }, kpiId: string): ScorecardCell => subject.cells.find((c) => c.kpiId === kpiId)!;
const calls = (owner: string, month: string, quantity: number) => ({ owner, type: "call", at: `${month}-10`, quantity });

describe("scorecard: the team's figures are those of all its rows, and nothing is dropped silently", () => {
  it("leads without an owner count in the team's lead → SQL, with a note: 3 of 10 is 30 %, not 100 %", () => {
    const leads: Lead[] = [
      ...Array.from({ length: 7 }, (_, i): Lead => ({ id: `m${i}`, createdAt: "2026-03-02", reached: { mql: "2026-03-02" } })),
      ...["ann", "ann", "bob"].map((owner, i): Lead => ({ id: `o${i}`, owner, createdAt: "2026-03-03", reached: { mql: "2026-03-03", sql: "2026-03-10" } })),
    ];
    const card = scorecard({ leads }, { kpis: [catalogKpi("conversion-lead-sql")], asOf: "2026-04-29" });
    const team = cellOf(card.team, "conversion-lead-sql");
    expect(str(team.actual)).toBe("0.3");
    expect(team.withoutOwner).toBe(7);
    expect(team.notes).toContain("includes 7 rows without an owner");
    expect(str(cellOf(card.reps.find((rep) => rep.id === "ann")!, "conversion-lead-sql").actual)).toBe("1");
  });

  it("a deal without an amount is named in every cell it affects: the weighted pipeline and the deal size", () => {
    const deals: Deal[] = [
      { id: "p1", owner: "ann", stage: "proposal", createdAt: "2026-03-05", amount: 1000 },
      { id: "p2", owner: "ann", stage: "proposal", createdAt: "2026-03-06" },
      { id: "w1", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-20", amount: 400 },
      { id: "w2", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-21" },
    ];
    const card = scorecard({ pipeline, deals }, { kpis: [catalogKpi("weighted-pipeline-value"), catalogKpi("average-deal-size")], asOf: "2026-04-15" });
    for (const subject of [card.team, card.reps[0]!]) {
      expect(str(cellOf(subject, "weighted-pipeline-value").actual)).toBe("500");
      expect(cellOf(subject, "weighted-pipeline-value").skipped).toEqual({ "missing-amount": 1 });
      expect(cellOf(subject, "weighted-pipeline-value").notes).toContain("1 row not counted (missing-amount)");
      expect(str(cellOf(subject, "average-deal-size").actual)).toBe("400");
      expect(cellOf(subject, "average-deal-size").notes).toContain("1 row not counted (missing-amount)");
    }
  });

  it("the card's note on a pipeline counts the deals left out at the reviewed month's end, not deal × month end", () => {
    // p2 has no amount and is open at the ends of January, February and March: one deal, three snapshots
    const deals: Deal[] = [
      { id: "p1", owner: "ann", stage: "proposal", createdAt: "2026-01-05", amount: 1000 },
      { id: "p2", owner: "ann", stage: "proposal", createdAt: "2026-01-06" },
      { id: "w1", owner: "ann", stage: "won", createdAt: "2026-01-01", closedAt: "2026-02-20", amount: 400 },
      { id: "w2", owner: "ann", stage: "won", createdAt: "2026-01-01", closedAt: "2026-03-21" },
    ];
    const card = scorecard({ pipeline, deals }, { kpis: [catalogKpi("weighted-pipeline-value"), catalogKpi("average-deal-size")], asOf: "2026-04-15" });
    const name = (id: string) => card.kpis.find((kpi) => kpi.id === id)!.name;
    expect(card.notes).toContain(`${name("weighted-pipeline-value")}: 1 row not counted (missing-amount) at the end of 2026-03`);
    expect(card.notes.filter((note) => note.startsWith(`${name("weighted-pipeline-value")}:`))).toHaveLength(1);
    // a flow counts each row once, in the period it falls in: w2, won in March without an amount
    expect(card.notes).toContain(`${name("average-deal-size")}: 1 row not counted (missing-amount)`);
  });

  it("a pipeline whose every open deal lacks an amount is no data, not 0 below target; an empty pipeline is a true 0", () => {
    const deals: Deal[] = [
      // ann: two open proposals, neither with an amount → nothing could be counted
      { id: "a1", owner: "ann", stage: "proposal", createdAt: "2026-03-05" },
      { id: "a2", owner: "ann", stage: "proposal", createdAt: "2026-03-06" },
      // bob: one proposal of 1,000 at 50 % → 500
      { id: "b1", owner: "bob", stage: "proposal", createdAt: "2026-03-05", amount: 1000 },
      // cas: a deal won in March, so no open deal at the end of March → an empty pipeline, 0
      { id: "c1", owner: "cas", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-20", amount: 400 },
    ];
    const card = scorecard({ pipeline, deals }, { kpis: [catalogKpi("weighted-pipeline-value")], asOf: "2026-04-15" });
    const cell = (rep: string) => cellOf(card.reps.find((one) => one.id === rep)!, "weighted-pipeline-value");
    expect(cell("ann").actual).toBeNull();
    expect(cell("ann").status).toBeNull();
    expect(cell("ann").notes).toEqual(expect.arrayContaining(["no data: every row of it was left out", "2 rows not counted (missing-amount)"]));
    expect(str(cell("bob").actual)).toBe("500");
    expect(str(cell("cas").actual)).toBe("0");
    expect(cell("cas").notes).not.toContain("no data: every row of it was left out");
    // the team counted bob's deal: 500, with ann's two named
    expect(str(cellOf(card.team, "weighted-pipeline-value").actual)).toBe("500");
    expect(cellOf(card.team, "weighted-pipeline-value").skipped).toEqual({ "missing-amount": 2 });
  });

  it("a rep who left before the review is out of the team's baseline and target; one who left this month has no pace", () => {
    const data: KpiData = {
      reps: [{ id: "ann" }, { id: "bob", leftAt: "2026-04-01" }, { id: "cas", leftAt: "2026-05-10" }],
      activities: [
        ...["2026-01", "2026-02", "2026-03"].flatMap((month) => [calls("ann", month, 10), calls("bob", month, 20), calls("cas", month, 5)]),
        calls("ann", "2026-04", 12),
        calls("cas", "2026-04", 6),
        calls("ann", "2026-05", 4),
        { owner: "cas", type: "call", at: "2026-05-05", quantity: 3 },
      ],
    };
    const card = scorecard(data, { kpis: [catalogKpi("calls")], asOf: "2026-05-15" });
    expect(card.reps.map((rep) => rep.id)).toEqual(["ann", "cas"]);
    const team = cellOf(card.team, "calls");
    // Team baseline without Bob: (10 + 5) per month → target 16.5; April's 18 calls meet it.
    expect(str(team.baseline?.value)).toBe("15");
    expect(str(team.target)).toBe("16.5");
    expect(team.status).toBe("met");
    const cas = card.reps.find((rep) => rep.id === "cas")!;
    expect(cellOf(cas, "calls").pace).toBeNull();
    expect(cellOf(cas, "calls").notes).toContain("no pace: the rep has left");
    expect(cas.onTrack).toBeNull();
    expect(card.team.repsWithPace).toBe(1);
  });

  it("asOf is honoured by every KPI: a deal won in October and reopened on 1 December is one won deal of 100 as of 15 November", () => {
    const deal: Deal = {
      id: "d1",
      owner: "ann",
      amount: 100,
      stage: "proposal",
      createdAt: "2026-09-01",
      stageHistory: [
        { stage: "proposal", at: "2026-09-01" },
        { stage: "won", at: "2026-10-10" },
        { stage: "proposal", at: "2026-12-01" },
      ],
    };
    const kpis = ["new-revenue-per-month", "win-rate", "average-deal-size"].map(catalogKpi);
    const card = scorecard({ pipeline, deals: [deal] }, { kpis, asOf: "2026-11-15" });
    expect(["new-revenue-per-month", "win-rate", "average-deal-size"].map((id) => str(cellOf(card.team, id).actual))).toEqual(["100", "1", "100"]);
  });

  it("returned leads: the pace counts what was returned so far this month, not 0", () => {
    const leads: Lead[] = [
      ...["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10"].map((at, i): Lead => ({ id: `r${i}`, owner: "ann", createdAt: "2026-01-02", reached: {}, returnedAt: at })),
      { id: "now1", owner: "ann", createdAt: "2026-01-02", reached: {}, returnedAt: "2026-05-03" },
      { id: "now2", owner: "ann", createdAt: "2026-01-02", reached: {}, returnedAt: "2026-05-04" },
    ];
    const card = scorecard({ leads }, { kpis: [catalogKpi("returned-leads")], asOf: "2026-05-15" });
    const ann = cellOf(card.reps[0]!, "returned-leads");
    expect(str(ann.pace?.toDate)).toBe("2");
    // 2 returned by mid-May against a target of 0.9 (lower is better): behind
    expect(str(ann.target)).toBe("0.9");
    expect(ann.pace?.status).toBe("behind");
  });

  it("a rate's derived target is capped at 100 %", () => {
    const leads: Lead[] = ["2026-01", "2026-02", "2026-03", "2026-04"].flatMap((month, m) =>
      Array.from({ length: 4 }, (_, i): Lead => ({ id: `${m}-${i}`, owner: "ann", createdAt: `${month}-02`, reached: { mql: `${month}-02`, sql: `${month}-03` } })),
    );
    const card = scorecard({ leads }, { kpis: [catalogKpi("conversion-lead-sql")], asOf: "2026-05-20" });
    const team = cellOf(card.team, "conversion-lead-sql");
    expect(str(team.baseline?.value)).toBe("1");
    expect(str(team.target)).toBe("1");
    expect(team.notes).toContain("target capped at 100 %");
  });

  it("baseline(series) of a series from 16 August does not count half an August: 2 calls a day", () => {
    const activities = [];
    for (let ms = Date.UTC(2026, 7, 1); ms < Date.UTC(2026, 10, 1); ms += 86_400_000) activities.push({ owner: "ann", type: "call", at: new Date(ms).toISOString(), quantity: 2 });
    const series = measureSeries({ activities }, catalogKpi("calls").measure, { from: "2026-08-16", to: "2026-11-01", grain: "month" });
    expect(series.points.map((p) => str(p.value))).toEqual(["32", "60", "62"]);
    const three = baseline(series, { asOf: "2026-11-01", periods: 3 });
    expect(three.value).toBeNull();
    expect(three.excluded.map((e) => `${e.period.label} ${e.reason}`)).toEqual(["2026-08 partial"]);
    expect(str(baseline(series, { asOf: "2026-11-01", periods: 3, minPeriods: 2 }).value)).toBe("61");
  });

  it("a per-week KPI in a monthly review shows the mean per week: 31 conversations in 31 days are 7 a week", () => {
    const activities = Array.from({ length: 31 }, (_, day) => ({ owner: "ann", type: "call", at: new Date(Date.UTC(2026, 2, day + 1, 12)).toISOString() }));
    const conversations = catalogKpi("sales-conversations-per-week");
    expect(conversations.grain).toBe("week");
    const card = scorecard({ activities }, { kpis: [conversations], asOf: "2026-04-10" });
    expect(str(cellOf(card.team, "sales-conversations-per-week").actual)).toBe("7");
    expect(cellOf(card.team, "sales-conversations-per-week").notes).toContain("mean per week of the month");
    const quarterly: KpiDefinitionInput = { ...conversations, id: "per-quarter", grain: "quarter" };
    expect(() => scorecard({ activities }, { kpis: [quarterly], asOf: "2026-04-10" })).toThrow(KpiDefinitionError);
    expect(() => scorecard({ activities }, { kpis: [quarterly], asOf: "2026-04-10" })).toThrow(/read per quarter, which is longer than a month/);
  });

  it("months before the first row are no data, not zeros: the baseline is insufficient and says why", () => {
    const data: KpiData = { activities: [calls("ann", "2026-10", 10), calls("ann", "2026-11", 12)] };
    const card = scorecard(data, { kpis: [catalogKpi("calls")], asOf: "2026-12-15" });
    const team = cellOf(card.team, "calls");
    expect(card.history.map((p) => p.label)).toEqual(["2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(team.history.map(str)).toEqual([null, null, "10", "12"]);
    expect(team.baseline?.sufficient).toBe(false);
    expect(team.target).toBeNull();
    expect(team.notes).toContain("no target: insufficient baseline, 2 periods of the window lie before the first row");
  });

  it("a KPI without its data is no data in every cell, never 0", () => {
    const card = scorecard({ activities: [calls("ann", "2026-03", 5)] }, { kpis: [catalogKpi("calls"), catalogKpi("returned-leads")], asOf: "2026-04-15" });
    const returned = cellOf(card.team, "returned-leads");
    expect(returned.actual).toBeNull();
    expect(returned.noData).toBe(true);
    expect(returned.notes).toContain("no data: the data has no leads rows for this KPI");
  });
});

describe("scorecard: units and words that read right", () => {
  it("a plain ratio reads 4.5, a rate 45 %, and a rate's trend is in points", () => {
    expect(formatValue(toDecimal("4.5"), "number")).toBe("4.5");
    expect(formatValue(toDecimal("0.45"), "ratio")).toBe("45.0%");
    expect(catalogKpi("meetings-per-call").unit).toBe("number");
    const deals: Deal[] = [
      { id: "a", owner: "ann", stage: "won", createdAt: "2026-02-01", closedAt: "2026-02-10" },
      { id: "b", owner: "ann", stage: "lost", createdAt: "2026-02-01", closedAt: "2026-02-11" },
      { id: "c", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-10" },
      { id: "d", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-11" },
      { id: "e", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-12" },
      { id: "f", owner: "ann", stage: "lost", createdAt: "2026-03-01", closedAt: "2026-03-13" },
    ];
    const card = scorecard({ pipeline, deals }, { kpis: [catalogKpi("win-rate")], asOf: "2026-04-10" });
    // 50 % in February, 75 % in March: +25.0 points, not +50 %
    expect(str(cellOf(card.team, "win-rate").trendPoints)).toBe("0.25");
    expect(toMarkdown(card)).toContain("+25.0 pp");
  });

  it("one card with a higher- and a lower-is-better KPI: calls 40 a month get a target of 44, complaints 10 a month one of 9", () => {
    const complaints: KpiDefinitionInput = {
      ...catalogKpi("calls"),
      id: "complaints",
      name: "Complaints",
      labels: { en: "Complaints", nl: "Klachten" },
      kind: "result",
      direction: "lower-is-better",
      measure: { kind: "count", source: "activities", where: { type: "complaint" } },
    };
    const complaint = (month: string, quantity: number) => ({ owner: "ann", type: "complaint", at: `${month}-12`, quantity });
    const activities = ["2026-07", "2026-08", "2026-09"].flatMap((month) => [calls("ann", month, 40), complaint(month, 10)]);
    activities.push(calls("ann", "2026-10", 50), complaint("2026-10", 8));
    const card = scorecard({ activities }, { kpis: [catalogKpi("calls"), complaints], asOf: "2026-11-15" });
    expect([str(cellOf(card.team, "calls").target), cellOf(card.team, "calls").status]).toEqual(["44", "met"]);
    expect([str(cellOf(card.team, "complaints").target), cellOf(card.team, "complaints").status]).toEqual(["9", "met"]);
    // The other way round in the card's order: each KPI keeps its own direction.
    const reversed = scorecard({ activities }, { kpis: [complaints, catalogKpi("calls")], asOf: "2026-11-15" });
    expect(reversed.team.cells.map((cell) => str(cell.target))).toEqual(["9", "44"]);
  });

  it("with several errors the card names the same one whatever the KPIs' order: a coarser grain first, then the lowest-numbered bad target row", () => {
    const deals: Deal[] = ["2026-07", "2026-08", "2026-09", "2026-10"].flatMap((month, i) => [
      { id: `w${i}`, owner: "ann", stage: "won", amount: 100, createdAt: `${month}-01`, closedAt: `${month}-20` },
      { id: `l${i}`, owner: "bob", stage: "lost", amount: 100, createdAt: `${month}-01`, closedAt: `${month}-21` },
    ]);
    const activities = ["2026-07", "2026-08", "2026-09", "2026-10"].map((month) => calls("ann", month, 40));
    const quarterly: KpiDefinitionInput = { ...catalogKpi("calls"), id: "calls-per-quarter", grain: "quarter" };
    // Row 0: bob's close rate 2 (not a share); row 1: ann's win rate 1.5 (not a share either).
    const targets = [
      { kpi: "close-rate", owner: "bob", period: "2026-10", value: 2 },
      { kpi: "win-rate", owner: "ann", period: "2026-10", value: 1.5 },
    ];
    const data = { pipeline, deals, activities };
    for (const kpis of [[catalogKpi("win-rate"), catalogKpi("close-rate"), quarterly], [quarterly, catalogKpi("close-rate"), catalogKpi("win-rate")]]) {
      expect(() => scorecard(data, { kpis, asOf: "2026-11-15", targets })).toThrow(/read per quarter, which is longer than a month/);
    }
    for (const kpis of [[catalogKpi("win-rate"), catalogKpi("close-rate")], [catalogKpi("close-rate"), catalogKpi("win-rate")]]) {
      expect(() => scorecard(data, { kpis, asOf: "2026-11-15", targets })).toThrow(KpiInputError);
      expect(() => scorecard(data, { kpis, asOf: "2026-11-15", targets })).toThrow(/targets\[0\]\.value/);
    }
    // Row 1 alone is named once row 0 is put right.
    expect(() => scorecard(data, { kpis: [catalogKpi("win-rate"), catalogKpi("close-rate")], asOf: "2026-11-15", targets: [{ ...targets[0]!, value: 0.5 }, targets[1]!] })).toThrow(/targets\[1\]\.value/);
    // A rate target of 3 (300 %) is named whatever month it is for, not only when that month is reviewed.
    const june = [{ kpi: "win-rate", owner: "ann", period: "2026-06", value: 3 }];
    expect(() => scorecard(data, { kpis: [catalogKpi("win-rate")], asOf: "2026-11-15", targets: june })).toThrow(/targets\[0\]\.value/);
    // A count KPI's target has no such bound: 3 calls is a target like any other.
    expect(() => scorecard(data, { kpis: [catalogKpi("calls")], asOf: "2026-11-15", targets: [{ kpi: "calls", owner: "ann", period: "2026-06", value: 3 }] })).not.toThrow();
  });

  it("a lower-is-better KPI over its target reads 'above target', never 'below'", () => {
    const deals: Deal[] = ["2026-01", "2026-02", "2026-03", "2026-04"].map((month, i) => ({
      id: `d${i}`,
      owner: "ann",
      stage: "won",
      createdAt: `${month}-01`,
      closedAt: `${month}-${i === 3 ? "21" : "11"}`,
    }));
    const card = scorecard({ pipeline, deals }, { kpis: [catalogKpi("sales-cycle")], asOf: "2026-05-10" });
    const cycle = cellOf(card.team, "sales-cycle");
    expect([str(cycle.baseline?.value), str(cycle.target), str(cycle.actual)]).toEqual(["10", "9", "20"]);
    expect(cycle.status).toBe("above-target");
    expect(toMarkdown(card)).toContain("above target");
    expect(toMarkdown(card)).not.toContain("below");
  });

  it("the headline says what it counts", () => {
    const card = scorecard({ activities: [calls("ann", "2026-01", 1), calls("ann", "2026-02", 1), calls("ann", "2026-03", 1), calls("ann", "2026-04", 2)] }, {
      kpis: [catalogKpi("calls")],
      asOf: "2026-05-10",
    });
    expect(card.team.headline.atTarget).toBe("reps at target on every appraisal KPI with a target: 1 of 1");
  });
});

describe("an asOf at the end of the library's years", () => {
  const data: KpiData = { activities: [{ owner: "ann", type: "call", at: "9999-10-10" }] };
  const kpis = [catalogKpi("calls")];

  it("whose period (the one it measures pace in) ends after 9999 is refused at asOf, not at an inner `to`", () => {
    // asOf 9999-12-31 includes that day: it is the start of 10000-01, the card's current month
    const run = () => scorecard(data, { kpis, asOf: "9999-12-31" });
    expect(run).toThrow(KpiInputError);
    try {
      run();
    } catch (error) {
      expect((error as KpiInputError).issues.map((issue) => issue.path)).toEqual([["asOf"]]);
      expect((error as KpiInputError).issues[0]?.message).toContain("10000-01");
    }
  });

  it("one day earlier the card reviews November 9999 and measures December's pace", () => {
    const card = scorecard(data, { kpis, asOf: "9999-12-30" });
    expect([card.period.label, card.currentPeriod.label]).toEqual(["9999-11", "9999-12"]);
  });
});
