import { describe, expect, it } from "vitest";
import { type Deal, type KpiData, KpiDefinitionError, type Lead, kpiCatalog, scorecard, type Scorecard, type ScorecardCell, toDecimal } from "../../src/index.js";

/**
 * A team of three reps over January–April 2026 (UTC), reviewed as of 15 May 2026:
 * April is the last complete month, January–March the baseline, May 1–15 the pace.
 * Cas joined on 1 February, so his baseline has only two months: no target for him.
 */
const monthlyCalls: Record<string, number[]> = {
  // Jan, Feb, Mar, Apr, May 1–15
  ann: [10, 12, 14, 15, 8],
  bob: [20, 20, 20, 18, 12],
  cas: [0, 6, 9, 12, 5],
};

function deal(id: string, owner: string, stage: "won" | "lost", closed: string, amount: number): Deal {
  const created = `${closed.slice(0, 8)}05`;
  return { id, owner, stage, amount, createdAt: created, closedAt: closed };
}

const data: KpiData = {
  pipeline: {
    stages: [
      { id: "proposal", probability: 0.5, outcome: "open" },
      { id: "won", probability: 1, outcome: "won" },
      { id: "lost", probability: 0, outcome: "lost" },
    ],
  },
  reps: [
    { id: "ann", name: "Ann", team: "North" },
    { id: "bob", name: "Bob", team: "North" },
    { id: "cas", name: "Cas", team: "North", startedAt: "2026-02-01" },
  ],
  activities: Object.entries(monthlyCalls).flatMap(([owner, counts]) =>
    counts.flatMap((quantity, month) => (quantity === 0 ? [] : [{ owner, type: "call", at: `2026-0${month + 1}-10`, quantity }])),
  ),
  deals: [
    deal("a1", "ann", "won", "2026-01-15", 1000),
    deal("a2", "ann", "won", "2026-03-15", 2000),
    deal("a3", "ann", "won", "2026-04-15", 3000),
    deal("a4", "ann", "lost", "2026-04-20", 700),
    deal("b1", "bob", "won", "2026-02-15", 4000),
    deal("b2", "bob", "lost", "2026-03-15", 900),
    deal("b3", "bob", "won", "2026-04-15", 1000),
    deal("b4", "bob", "lost", "2026-04-20", 800),
    deal("c1", "cas", "won", "2026-04-15", 500),
  ],
};

const kpis = ["calls", "new-revenue-per-month", "win-rate"].map((id) => kpiCatalog.find((kpi) => kpi.id === id)!);
const card: Scorecard = scorecard(data, { kpis, asOf: "2026-05-15" });

const cell = (subject: { cells: readonly ScorecardCell[] }, kpiId: string): ScorecardCell => subject.cells.find((c) => c.kpiId === kpiId)!;
const rep = (id: string) => card.reps.find((r) => r.id === id)!;
const str = (value: { toString(): string } | null | undefined) => (value === null || value === undefined ? null : value.toString());

describe("scorecard of a team of three reps over four months", () => {
  it("reviews April, with January–March as baseline and May as the pace period", () => {
    expect(card.period.label).toBe("2026-04");
    expect(card.baselinePeriods.map((p) => p.label)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(card.currentPeriod.label).toBe("2026-05");
    expect(card.reps.map((r) => r.id)).toEqual(["ann", "bob", "cas"]);
  });

  it("calls: Ann's baseline (10+12+14)/3 = 12, target 13.2, 15 calls = 113.6% of target, up 1/14 on March, ahead of pace", () => {
    const calls = cell(rep("ann"), "calls");
    expect(str(calls.actual)).toBe("15");
    expect(str(calls.previous)).toBe("14");
    expect(str(calls.baseline?.value)).toBe("12");
    expect(str(calls.target)).toBe("13.2");
    expect(calls.targetSource).toBe("plan");
    expect(calls.attainment?.met).toBe(true);
    expect(calls.attainment?.ratio?.toDecimalPlaces(6).toString()).toBe("1.136364");
    expect(str(calls.trend?.value?.toDecimalPlaces(6))).toBe("0.071429");
    // 8 calls in 15 of May's 31 days → 16.53 projected, above 13.2 + 5%
    expect(calls.pace?.status).toBe("ahead");
    expect(str(calls.pace?.toDate)).toBe("8");
    expect(calls.pace?.projected?.toDecimalPlaces(4).toString()).toBe("16.5333");
    // the sparkline: the baseline months and April
    expect(calls.history.map(str)).toEqual(["10", "12", "14", "15"]);
  });

  it("calls: Bob misses (18 of 22, gap 4, down 10%); Cas has no target (two months of history)", () => {
    const bob = cell(rep("bob"), "calls");
    expect(str(bob.target)).toBe("22");
    expect(bob.attainment?.met).toBe(false);
    expect(str(bob.attainment?.gap)).toBe("4");
    expect(str(bob.trend?.value)).toBe("-0.1");
    const cas = cell(rep("cas"), "calls");
    expect(cas.baseline?.sufficient).toBe(false);
    expect(cas.target).toBeNull();
    expect(cas.attainment).toBeNull();
    expect(cas.pace).toBeNull();
    expect(str(cas.actual)).toBe("12");
  });

  it("calls: the team's baseline is (30+38+43)/3 = 37, target 40.7, 45 calls met", () => {
    const team = cell(card.team, "calls");
    expect(str(team.actual)).toBe("45");
    expect(str(team.baseline?.value)).toBe("37");
    expect(str(team.target)).toBe("40.7");
    expect(team.attainment?.met).toBe(true);
    expect(team.pace?.status).toBe("ahead");
  });

  it("revenue: Ann 3000 against 1100 (baseline 1000); Bob 1000 against 1466.67, growth from an empty March is null", () => {
    const ann = cell(rep("ann"), "new-revenue-per-month");
    expect(str(ann.actual)).toBe("3000");
    expect(str(ann.baseline?.value)).toBe("1000");
    expect(str(ann.target)).toBe("1100");
    expect(str(ann.trend?.value)).toBe("0.5");
    const bob = cell(rep("bob"), "new-revenue-per-month");
    expect(bob.baseline?.value?.toDecimalPlaces(2).toString()).toBe("1333.33");
    expect(bob.target?.toDecimalPlaces(2).toString()).toBe("1466.67");
    expect(bob.attainment?.met).toBe(false);
    expect(bob.trend?.value).toBeNull();
    // nothing won in May yet: behind pace
    expect(ann.pace?.status).toBe("behind");
    const team = cell(card.team, "new-revenue-per-month");
    expect(str(team.actual)).toBe("4500");
    expect(team.baseline?.value?.toDecimalPlaces(2).toString()).toBe("2333.33");
  });

  it("win rate: the team won 3 of 5 closed in April (60%), against a baseline of (1 + 1 + 0.5)/3", () => {
    const team = cell(card.team, "win-rate");
    expect(str(team.actual)).toBe("0.6");
    expect(str(team.actualRatio?.numerator)).toBe("3");
    expect(str(team.actualRatio?.denominator)).toBe("5");
    expect(team.baseline?.value?.toDecimalPlaces(6).toString()).toBe("0.833333");
    // A rate's change is in percentage points: 50 % in March → 60 % in April is +10 points, not +20 %.
    expect(team.trend).toBeNull();
    expect(str(team.trendPoints)).toBe("0.1");
    const ann = cell(rep("ann"), "win-rate");
    expect(str(ann.actual)).toBe("0.5");
    // February has no closed deal of Ann: two of three months with data, no baseline
    expect(ann.baseline?.sufficient).toBe(false);
    expect(str(ann.trendPoints)).toBe("-0.5");
  });

  it("win rate is an insight KPI: flagged not for appraisal, a lag indicator", () => {
    const winRate = card.kpis.find((k) => k.id === "win-rate")!;
    expect(winRate.appraisal).toBe(false);
    expect(winRate.indicator).toBe("lag");
    expect(card.kpis.find((k) => k.id === "calls")!.indicator).toBe("lead");
  });

  it("strengths, focus points, reps at target and on track", () => {
    expect(rep("ann").strengths).toEqual(["calls", "new-revenue-per-month"]);
    expect(rep("ann").focusPoints).toEqual([]);
    expect(rep("bob").focusPoints).toEqual(["calls", "new-revenue-per-month"]);
    expect(rep("cas").strengths).toEqual([]);
    expect(card.team.repsAtTarget).toBe(1);
    // Ann and Bob are ahead on calls but behind on revenue; Cas has no pace
    expect(rep("ann").onTrack).toBe(false);
    expect(rep("cas").onTrack).toBeNull();
    expect(card.team.repsOnTrack).toBe(0);
    // out of Ann and Bob: Cas has neither a pace nor a target
    expect(card.team.repsWithPace).toBe(2);
    expect(card.team.repsWithTarget).toBe(2);
    expect(card.team.counts).toEqual([
      { kpiId: "calls", onTrack: 2, withPace: 2, atTarget: 1, withTarget: 2 },
      { kpiId: "new-revenue-per-month", onTrack: 0, withPace: 2, atTarget: 1, withTarget: 2 },
    ]);
  });

  it("as of 30 April (a period boundary) April is reviewed but May has not begun: no rep has a pace, and the counts say so", () => {
    const boundary = scorecard(data, { kpis, asOf: "2026-04-30" });
    expect(boundary.period.label).toBe("2026-04");
    expect(boundary.currentPeriod.label).toBe("2026-05");
    expect(boundary.team.repsWithPace).toBe(0);
    expect(boundary.team.repsOnTrack).toBe(0);
    // the targets are April's, as on 15 May
    expect(boundary.team.repsWithTarget).toBe(2);
    expect(boundary.team.repsAtTarget).toBe(1);
    expect(boundary.team.counts).toEqual([
      { kpiId: "calls", onTrack: 0, withPace: 0, atTarget: 1, withTarget: 2 },
      { kpiId: "new-revenue-per-month", onTrack: 0, withPace: 0, atTarget: 1, withTarget: 2 },
    ]);
  });

  it("a leaderboard per result KPI: Ann 3000, Bob 1000, Cas 500", () => {
    expect(card.team.leaderboards.map((board) => board.kpiId)).toEqual(["new-revenue-per-month"]);
    expect(card.team.leaderboards[0]?.entries.map((e) => [e.rank, e.repId, str(e.value)])).toEqual([
      [1, "ann", "3000"],
      [2, "bob", "1000"],
      [3, "cas", "500"],
    ]);
  });

  it("funnel: Ann wins 3 of 4 deals, Bob 2 of 4; the team 6 of 9", () => {
    expect(rep("ann").funnel?.steps.map((s) => s.count)).toEqual([4, 3]);
    expect(rep("bob").funnel?.weakest?.ratio.value?.toString()).toBe("0.5");
    expect(card.team.funnel?.steps.map((s) => s.count)).toEqual([9, 6]);
  });

  it("groups KPIs in the four quadrants and lists audit findings", () => {
    expect(card.quadrants.map((q) => q.quadrant)).toEqual(["finding", "closing", "growing", "developing"]);
    expect(card.quadrants.flatMap((q) => q.kpiIds).sort()).toEqual(["calls", "new-revenue-per-month", "win-rate"]);
    expect(Array.isArray(card.audit)).toBe(true);
  });

  it("given targets win over the baseline: per rep, for every rep alike, and for the team", () => {
    const given = scorecard(data, { kpis, asOf: "2026-05-15", targets: { calls: { team: 50, perRep: 14, reps: { bob: 25 } } } });
    const calls = (id: string) => cell(given.reps.find((r) => r.id === id)!, "calls");
    expect(str(calls("ann").target)).toBe("14");
    expect(calls("ann").targetSource).toBe("given");
    expect(calls("ann").attainment?.met).toBe(true);
    expect(str(calls("bob").target)).toBe("25");
    expect(str(calls("bob").attainment?.gap)).toBe("7");
    // Cas has no baseline, but a given target: 12 of 14
    expect(str(calls("cas").target)).toBe("14");
    expect(calls("cas").attainment?.met).toBe(false);
    expect(str(cell(given.team, "calls").target)).toBe("50");
    expect(cell(given.team, "calls").attainment?.met).toBe(false);
    // other KPIs still take their target from the baseline
    expect(cell(given.reps[0]!, "new-revenue-per-month").targetSource).toBe("plan");
  });

  it("longer sparklines on request: November and December are before the first row, so no data, not 0", () => {
    const longer = scorecard(data, { kpis, asOf: "2026-05-15", historyPeriods: 6 });
    expect(cell(longer.reps.find((r) => r.id === "ann")!, "calls").history.map(str)).toEqual([null, null, "10", "12", "14", "15"]);
    expect(longer.baselinePeriods.map((p) => p.label)).toEqual(["2026-01", "2026-02", "2026-03"]);
  });

  it("a conversion cohort is judged at the age the reviewed cohort has reached, and flagged not mature within its window", () => {
    // April SQLs: Ann's two (one a customer after 17 days, one not yet), Bob's one (a customer after 20 days).
    const leads: Lead[] = [
      { id: "l1", owner: "ann", createdAt: "2026-04-01", reached: { sql: "2026-04-03", customer: "2026-04-20" } },
      { id: "l2", owner: "ann", createdAt: "2026-04-01", reached: { sql: "2026-04-10" } },
      { id: "l3", owner: "bob", createdAt: "2026-04-01", reached: { sql: "2026-04-05", customer: "2026-04-25" } },
      { id: "l4", owner: "bob", createdAt: "2026-03-01", reached: { sql: "2026-03-05", customer: "2026-03-25" } },
    ];
    const closeRate = kpiCatalog.find((kpi) => kpi.id === "close-rate")!;
    // As of 15 May the youngest April SQL (30 April) has had 15 whole days: every cohort is judged
    // at 15 days, so neither l1 (17 days) nor l3 (20 days) counts yet, and March's l4 (20 days) not either.
    const mid = scorecard({ ...data, leads }, { kpis: [...kpis, closeRate], asOf: "2026-05-15" });
    expect(str(cell(mid.team, "close-rate").actual)).toBe("0");
    expect(str(cell(mid.team, "close-rate").previous)).toBe("0");
    expect(cell(mid.team, "close-rate").notes).toContain("every cohort judged at 15 days (the reviewed one's age as of 2026-05-15, window 90 days)");
    // As of 30 May (30 days) l1 and l3 count: Ann 1 of 2, Bob 1 of 1, the team 2 of 3; March's l4 counts too.
    const withLeads = scorecard({ ...data, leads }, { kpis: [...kpis, closeRate], asOf: "2026-05-30" });
    const ann = withLeads.reps.find((r) => r.id === "ann")!;
    const bob = withLeads.reps.find((r) => r.id === "bob")!;
    const cas = withLeads.reps.find((r) => r.id === "cas")!;
    // Within the 90-day window a cohort can still convert: not mature, marked † in reports.
    expect([str(cell(ann, "close-rate").actual), cell(ann, "close-rate").mature]).toEqual(["0.5", false]);
    expect([str(cell(bob, "close-rate").actual), cell(bob, "close-rate").mature]).toEqual(["1", false]);
    expect(str(cell(bob, "close-rate").previous)).toBe("1");
    // no April SQLs at all: nothing can change
    expect([str(cell(cas, "close-rate").actual), cell(cas, "close-rate").mature]).toEqual([null, true]);
    expect(cell(withLeads.team, "close-rate").mature).toBe(false);
    expect(str(cell(withLeads.team, "close-rate").actual)).toBe(str(toDecimal(2).div(3)));
    // KPIs that are no cohort conversion have no maturity
    expect(cell(ann, "calls").mature).toBeNull();
    expect(cell(withLeads.team, "win-rate").mature).toBeNull();
  });

  it("a card as of a month's last day does not judge conversions: its cohort has had no whole day, so no data, not 0 %", () => {
    // As of 30 April (inclusive: up to 1 May 00:00) the youngest April SQL has had 0 whole days;
    // judged at that age every cohort would show only same-day conversions: 0 for everyone.
    const leads: Lead[] = [
      { id: "l1", owner: "ann", createdAt: "2026-04-01", reached: { sql: "2026-04-03", customer: "2026-04-03" } },
      { id: "l2", owner: "ann", createdAt: "2026-04-01", reached: { sql: "2026-04-10", customer: "2026-04-20" } },
      { id: "l3", owner: "bob", createdAt: "2026-03-01", reached: { sql: "2026-03-05", customer: "2026-03-25" } },
      // Same-day conversions in each of the three months before: a rolling baseline at 0 days would have values.
      ...["01", "02", "03"].map((month) => ({ id: `s${month}`, owner: "ann", createdAt: `2026-${month}-02`, reached: { sql: `2026-${month}-03`, customer: `2026-${month}-03` } })),
    ];
    const closeRate = kpiCatalog.find((kpi) => kpi.id === "close-rate")!;
    const monthEnd = scorecard({ ...data, leads }, { kpis: [...kpis, closeRate], asOf: "2026-04-30" });
    expect(monthEnd.period.label).toBe("2026-04");
    for (const subject of [monthEnd.team, ...monthEnd.reps]) {
      const rate = cell(subject, "close-rate");
      expect([rate.actual, rate.previous, rate.target, rate.mature, rate.noData]).toEqual([null, null, null, null, true]);
      expect(rate.history.every((value) => value === null)).toBe(true);
      expect(rate.notes).toContain("no data: the reviewed cohort has had no whole day to convert yet");
      expect(rate.notes.some((text) => text.startsWith("no target"))).toBe(false);
    }
    expect(cell(monthEnd.team, "close-rate").notes).toContain(
      "not judged yet: the 2026-04 cohort has had no whole day by 2026-04-30, and every cohort is judged at the reviewed one's age (0 days would count same-day conversions only): a card a day later judges it",
    );
    expect(cell(monthEnd.team, "close-rate").baseline).toEqual({ value: null, sufficient: false, reason: "not judged yet: the reviewed cohort has had no whole day to convert" });
    // Under the rolling policy too: no baseline from same-day conversions beside a cell without a value.
    const rolling = scorecard({ ...data, leads }, { kpis: [...kpis, closeRate], asOf: "2026-04-30", targetPolicy: "rolling" });
    for (const subject of [rolling.team, ...rolling.reps]) {
      expect([cell(subject, "close-rate").actual, cell(subject, "close-rate").baseline?.value, cell(subject, "close-rate").target]).toEqual([null, null, null]);
    }
    // Other KPIs of the same card are judged as usual.
    expect(cell(monthEnd.team, "calls").noData).toBe(false);
    // A day later the cohort has had 1 whole day: l1 (same day) counts, 1 of 2 for Ann.
    const dayLater = scorecard({ ...data, leads }, { kpis: [...kpis, closeRate], asOf: "2026-05-01" });
    expect(str(cell(dayLater.reps.find((r) => r.id === "ann")!, "close-rate").actual)).toBe("0.5");
    expect(cell(dayLater.team, "close-rate").notes).toContain("every cohort judged at 1 day (the reviewed one's age as of 2026-05-01, window 90 days)");
  });

  it("a misspelt option is an error naming it: baselinePeriod would have silently used 3 periods", () => {
    const misspelt = { kpis, asOf: "2026-05-15", baselinePeriod: 6 };
    expect(() => scorecard(data, misspelt)).toThrow(KpiDefinitionError);
    expect(() => scorecard(data, misspelt)).toThrow('baselinePeriod: unknown option; did you mean "baselinePeriods"?');
    expect(() => scorecard(data, { kpis, asOf: "2026-05-15", targets: { calls: { team: 50, perrep: 14 } } } as never)).toThrow(
      'targets.calls.perrep: unknown option; did you mean "perRep"?',
    );
  });

  it("gives the same scorecard for any order of the input rows", () => {
    const reversed: KpiData = { ...data, activities: [...(data.activities ?? [])].reverse(), deals: [...(data.deals ?? [])].reverse() };
    const again = scorecard(reversed, { kpis, asOf: "2026-05-15" });
    expect(JSON.stringify(again.reps.map((r) => r.cells.map((c) => [str(c.actual), str(c.target)])))).toBe(
      JSON.stringify(card.reps.map((r) => r.cells.map((c) => [str(c.actual), str(c.target)]))),
    );
  });
});

/**
 * Ann, Dan and Eve, reviewed as of 15 May 2026 (April against January–March). Ann and Dan each
 * make 10 calls a month and 12 in April (target 11: met). Ann wins 1000 a month and 2000 in
 * April (target 1100: met); Dan never wins anything and Eve does nothing at all. A baseline of
 * 0 would give a target of 0 × 1.1 = 0, met by doing nothing: no target.
 */
describe("a baseline of 0 on a higher-is-better KPI gives no target", () => {
  const calls = (owner: string) => ["01", "02", "03", "04"].map((month) => ({ owner, type: "call", at: `2026-${month}-10`, quantity: month === "04" ? 12 : 10 }));
  const zeroData: KpiData = {
    pipeline: data.pipeline!,
    reps: [{ id: "ann" }, { id: "dan" }, { id: "eve" }],
    activities: [...calls("ann"), ...calls("dan")],
    deals: [deal("a1", "ann", "won", "2026-01-15", 1000), deal("a2", "ann", "won", "2026-02-15", 1000), deal("a3", "ann", "won", "2026-03-15", 1000), deal("a4", "ann", "won", "2026-04-15", 2000)],
  };
  const zero = scorecard(zeroData, { kpis: kpis.filter((kpi) => kpi.id !== "win-rate"), asOf: "2026-05-15" });
  const zeroRep = (id: string) => zero.reps.find((r) => r.id === id)!;

  it("Dan's revenue: baseline 0, no target, no status and no pace, and the note says why", () => {
    const revenue = cell(zeroRep("dan"), "new-revenue-per-month");
    expect(str(revenue.actual)).toBe("0");
    expect(str(revenue.baseline?.value)).toBe("0");
    expect(revenue.baseline?.sufficient).toBe(true);
    expect(revenue.target).toBeNull();
    expect(revenue.targetSource).toBe("none");
    expect(revenue.attainment).toBeNull();
    expect(revenue.pace).toBeNull();
    expect(revenue.note).toBe("no target: the baseline is 0, so a target derived from it would be met by doing nothing");
    // Ann's revenue: baseline 1000, target 1100, 2000 met
    expect(str(cell(zeroRep("ann"), "new-revenue-per-month").target)).toBe("1100");
    expect(cell(zeroRep("ann"), "new-revenue-per-month").attainment?.met).toBe(true);
  });

  it("counts agree with strengths and focus points: a KPI without target counts for neither", () => {
    expect(zeroRep("ann").strengths).toEqual(["calls", "new-revenue-per-month"]);
    expect(zeroRep("dan").strengths).toEqual(["calls"]);
    expect(zeroRep("eve").strengths).toEqual([]);
    expect(zeroRep("eve").focusPoints).toEqual([]);
    // calls: Ann and Dan met 11; Eve has no target. Revenue: only Ann has a target.
    expect(zero.team.counts).toEqual([
      { kpiId: "calls", onTrack: 0, withPace: 2, atTarget: 2, withTarget: 2 },
      { kpiId: "new-revenue-per-month", onTrack: 0, withPace: 1, atTarget: 1, withTarget: 1 },
    ]);
    // Ann met both targets and Dan his one; Eve, with none, is not "at target"
    expect(zero.team.repsAtTarget).toBe(2);
    expect(zero.team.repsWithTarget).toBe(2);
    expect(zeroRep("eve").onTrack).toBeNull();
  });

  it("a given target of 0 is judged as given, for the counts and the strengths alike", () => {
    const given = scorecard(zeroData, { kpis: kpis.filter((kpi) => kpi.id !== "win-rate"), asOf: "2026-05-15", targets: { "new-revenue-per-month": { perRep: 0 } } });
    const dan = given.reps.find((r) => r.id === "dan")!;
    expect(str(cell(dan, "new-revenue-per-month").target)).toBe("0");
    expect(cell(dan, "new-revenue-per-month").attainment?.met).toBe(true);
    expect(dan.strengths).toEqual(["calls", "new-revenue-per-month"]);
    expect(given.team.counts.find((count) => count.kpiId === "new-revenue-per-month")).toMatchObject({ atTarget: 3, withTarget: 3 });
  });
});
