import { KpiDecimal, ratio, type Scorecard, type ScorecardCell, type ScorecardKpi } from "../../src/index.js";

const d = (value: string | number) => new KpiDecimal(value);

function period(label: string, start: string, end: string) {
  return { grain: "month" as const, label, start: `${start}T00:00:00Z`, end: `${end}T00:00:00Z`, startMs: Date.parse(start), endMs: Date.parse(end) };
}

const kpis: ScorecardKpi[] = [
  {
    id: "first-meetings",
    name: "First meetings",
    kind: "action",
    unit: "count",
    direction: "higher-is-better",
    controllable: true,
    quadrant: "finding",
    indicator: "lead",
    indicatorReason: "action KPI",
    appraisal: true,
    additive: true,
  },
  {
    id: "win-rate",
    name: "Win rate | closed",
    kind: "insight",
    unit: "ratio",
    direction: "higher-is-better",
    controllable: false,
    quadrant: "closing",
    indicator: "lag",
    indicatorReason: "uses won deals",
    appraisal: false,
    additive: false,
  },
];

function cell(kpiId: string, actual: number | null, target: number | null, history: (number | null)[]): ScorecardCell {
  const actualDecimal = actual === null ? null : d(actual);
  const targetDecimal = target === null ? null : d(target);
  return {
    kpiId,
    actual: actualDecimal,
    actualRatio: null,
    mature: null,
    previous: history.length > 1 && history[history.length - 2] !== null ? d(history[history.length - 2] as number) : null,
    trend: ratio(1, 4),
    trendPoints: null,
    baseline: { value: d(10), sufficient: kpiId !== "win-rate" },
    target: targetDecimal,
    targetSource: targetDecimal === null ? "none" : "baseline",
    targetReason: null,
    ramp: null,
    attainment:
      actualDecimal === null || targetDecimal === null
        ? null
        : { ratio: actualDecimal.div(targetDecimal), met: actualDecimal.gte(targetDecimal), gap: actualDecimal.minus(targetDecimal) },
    status: actualDecimal === null || targetDecimal === null ? null : actualDecimal.gte(targetDecimal) ? "met" : "below-target",
    pace: targetDecimal === null ? null : { status: "behind", toDate: d(3), projected: d(9) },
    history: history.map((value) => (value === null ? null : d(value))),
    skipped: {},
    withoutOwner: 0,
    noData: false,
    notes: [],
    note: null,
  };
}

/** A small scorecard by hand: two KPIs, two reps, one with a name that needs escaping. */
export function fixtureScorecard(): Scorecard {
  const history = [period("2026-02", "2026-02-01", "2026-03-01"), period("2026-03", "2026-03-01", "2026-04-01"), period("2026-04", "2026-04-01", "2026-05-01")];
  const funnel = {
    basis: "deals created 2026-02 … 2026-04",
    steps: [
      { id: "qualify", label: "Qualify", count: 10 },
      { id: "proposal", label: "Proposal", count: 6 },
      { id: "won", label: "Won", count: 3 },
    ],
    conversions: [
      { from: "qualify", to: "proposal", ratio: ratio(6, 10) },
      { from: "proposal", to: "won", ratio: ratio(3, 6) },
    ],
    weakest: { from: "proposal", to: "won", ratio: ratio(3, 6) },
  };
  return {
    title: "Sales scorecard 2026-04",
    asOf: "2026-05-10",
    asOfMs: Date.parse("2026-05-11"),
    calendar: { timeZone: "UTC", weekStartsOn: 1, fiscalYearStartMonth: 1 },
    grain: "month",
    period: history[2] as Scorecard["period"],
    currentPeriod: period("2026-05", "2026-05-01", "2026-06-01"),
    baselinePeriods: [history[0], history[1]] as Scorecard["baselinePeriods"],
    history,
    kpis,
    quadrants: [
      { quadrant: "finding", kpiIds: ["first-meetings"] },
      { quadrant: "closing", kpiIds: ["win-rate"] },
      { quadrant: "growing", kpiIds: [] },
      { quadrant: "developing", kpiIds: [] },
    ],
    team: {
      id: "team",
      name: "Team",
      cells: [cell("first-meetings", 23, 22, [20, 20, 23]), cell("win-rate", null, null, [0.5, null, null])],
      funnel,
      counts: [{ kpiId: "first-meetings", onTrack: 0, withPace: 2, atTarget: 1, withTarget: 2 }],
      repsOnTrack: 0,
      headline: { onTrack: "reps on track on every appraisal KPI with a pace: 0 of 2", atTarget: "reps at target on every appraisal KPI with a target: 1 of 2" },
      repsWithPace: 2,
      repsAtTarget: 1,
      repsWithTarget: 2,
      leaderboards: [
        {
          kpiId: "first-meetings",
          entries: [
            { rank: 1, repId: "ann", value: d(14) },
            { rank: 2, repId: "bob<script>", value: d(9) },
          ],
        },
      ],
    },
    reps: [
      {
        id: "ann",
        name: "Ann",
        team: "North",
        cells: [cell("first-meetings", 14, 11, [10, 10, 14]), cell("win-rate", 0.4256, null, [0.5, 0.25, 0.4256])],
        funnel,
        strengths: ["first-meetings"],
        focusPoints: [],
        onTrack: false,
      },
      {
        id: "bob<script>",
        name: "Bob <script>alert(1)</script> | Pipe",
        team: null,
        cells: [cell("first-meetings", 9, 11, [10, 10, 9]), cell("win-rate", null, null, [null, null, null])],
        funnel: null,
        strengths: [],
        focusPoints: ["first-meetings"],
        onTrack: false,
      },
    ],
    audit: [{ code: "insight-used-for-appraisal", severity: "warning", kpiIds: ["win-rate"], message: "Win rate is an insight KPI" }],
    notes: ["2 deal rows skipped: deals.createdAt empty"],
  };
}
