import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Activity, baseline, type Deal, type KpiData, type KpiSeriesPoint, kpiCatalog, kpiSeries, scorecard, toJSON } from "../../src/index.js";

const REPS = ["ann", "bob", "cas", "dan"];
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2026, 4, 20);

const instant = fc.integer({ min: FROM, max: TO - 1 }).map((ms) => new Date(ms).toISOString());
const activityArb: fc.Arbitrary<Activity> = fc.record({
  owner: fc.constantFrom(...REPS),
  type: fc.constantFrom("call", "first-meeting"),
  at: instant,
  quantity: fc.integer({ min: 1, max: 5 }),
});
const dealArb: fc.Arbitrary<Deal> = fc
  .record({
    owner: fc.constantFrom(...REPS),
    stage: fc.constantFrom("proposal", "won", "lost"),
    created: fc.integer({ min: FROM, max: TO - 40 * DAY }),
    days: fc.integer({ min: 0, max: 35 }),
    amount: fc.integer({ min: 0, max: 10_000 }),
  })
  .map((d) => ({
    id: "deal", // numbered when the data set is assembled
    owner: d.owner,
    stage: d.stage,
    amount: d.amount,
    createdAt: new Date(d.created).toISOString(),
    ...(d.stage === "proposal" ? {} : { closedAt: new Date(d.created + d.days * DAY).toISOString() }),
  }));

const dataArb = fc
  .record({ activities: fc.array(activityArb, { maxLength: 60 }), deals: fc.array(dealArb, { maxLength: 25 }) })
  .map(({ activities, deals }) => ({
    pipeline: {
      stages: [
        { id: "proposal", probability: 0.5, outcome: "open" as const },
        { id: "won", probability: 1, outcome: "won" as const },
        { id: "lost", probability: 0, outcome: "lost" as const },
      ],
    },
    reps: REPS.map((id) => ({ id })),
    activities,
    deals: deals.map((deal, i) => ({ ...deal, id: `d${i}` })),
  }));

const kpis = ["calls", "first-meetings", "new-revenue-per-month", "win-rate", "weighted-pipeline-value"].map((id) => kpiCatalog.find((k) => k.id === id)!);
const options = { kpis, asOf: "2026-05-15" };

describe("scorecard properties", () => {
  it("for a count or sum the team is the sum of the reps, in every period", () => {
    fc.assert(
      fc.property(dataArb, (data: KpiData) => {
        const card = scorecard(data, options);
        card.kpis.forEach((kpi, index) => {
          if (!["calls", "first-meetings", "new-revenue-per-month", "weighted-pipeline-value"].includes(kpi.id)) return;
          card.history.forEach((_, p) => {
            const team = card.team.cells[index]!.history[p]!;
            // Before the data's first row there is no data for anyone, not a zero.
            if (team === null) {
              for (const rep of card.reps) expect(rep.cells[index]!.history[p]).toBeNull();
              return;
            }
            const sum = card.reps.reduce((total, rep) => total + Number(rep.cells[index]!.history[p]!.toString()), 0);
            expect(Number(team.toString())).toBe(sum);
          });
        });
      }),
      { numRuns: 40 },
    );
  });

  it("met ⇔ actual ≥ target; strengths are met, focus points are not, and never both", () => {
    fc.assert(
      fc.property(dataArb, (data: KpiData) => {
        const card = scorecard(data, options);
        for (const subject of [card.team, ...card.reps]) {
          for (const cell of subject.cells) {
            if (cell.attainment === null || cell.actual === null || cell.target === null) continue;
            expect(cell.attainment.met).toBe(cell.actual.gte(cell.target));
            if (cell.attainment.ratio !== null) expect(cell.attainment.ratio.gte(1)).toBe(cell.attainment.met);
          }
        }
        for (const rep of card.reps) {
          const met = (id: string) => rep.cells.find((cell) => cell.kpiId === id)?.attainment?.met;
          const appraisal = (id: string) => card.kpis.find((kpi) => kpi.id === id)?.appraisal;
          for (const id of [...rep.strengths, ...rep.focusPoints]) expect(appraisal(id)).toBe(true);
          for (const id of rep.strengths) expect(met(id)).toBe(true);
          for (const id of rep.focusPoints) expect(met(id)).toBe(false);
          expect(rep.strengths.filter((id) => rep.focusPoints.includes(id))).toEqual([]);
        }
        for (const board of card.team.leaderboards) {
          const values = board.entries.map((entry) => entry.value);
          for (let i = 1; i < values.length; i++) {
            const previous = values[i - 1];
            const current = values[i];
            if (previous != null && current != null) expect(previous.gte(current)).toBe(true);
            expect(board.entries[i]!.rank).toBeGreaterThanOrEqual(board.entries[i - 1]!.rank);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("does not depend on the order of the rows, and does not change its input", () => {
    fc.assert(
      fc.property(dataArb, fc.integer(), (data, seed) => {
        const before = JSON.stringify(data);
        const rotate = <T>(rows: readonly T[]): T[] => {
          const k = rows.length === 0 ? 0 : Math.abs(seed) % rows.length;
          return [...rows.slice(k), ...rows.slice(0, k)].reverse();
        };
        const shuffled = { ...data, activities: rotate(data.activities), deals: rotate(data.deals), reps: rotate(data.reps) };
        expect(JSON.stringify(toJSON(scorecard(shuffled, options)))).toBe(JSON.stringify(toJSON(scorecard(data, options))));
        expect(JSON.stringify(data)).toBe(before);
      }),
      { numRuns: 30 },
    );
  });

  it("every cell reads the KPI's own series: history, actual and previous are kpiSeries' points of the rep (and of the team), a rolling baseline is baseline() of them, the team's without the reps who left", () => {
    // The card reads each rep's evaluated cells by period position, not points: this holds it
    // to kpiSeries (the one engine) for counts, sums, a ratio, a snapshot and a growth KPI, with
    // reps who left before the reviewed period (out of the reps, still in the team's actuals,
    // out of the team's baseline) and open deals without an amount (a rep whose every open
    // deal has none has no pipeline value: no data, not 0).
    const read = ["calls", "new-revenue-per-month", "win-rate", "weighted-pipeline-value", "month-over-month-growth"].map((id) => kpiCatalog.find((k) => k.id === id)!);
    // The definition of a cell's value: no data when its period ends before the source's first
    // row, or when every row of it was left out (counted none, skipped some).
    const valueOf = (point: KpiSeriesPoint | undefined) => {
      if (point === undefined || point.coverage === "before-data") return null;
      if (point.rows === 0 && Object.values(point.skipped ?? {}).some((count) => count > 0)) return null;
      return point.value?.toString() ?? null;
    };
    const withoutAmount = fc.array(fc.record({ owner: fc.constantFrom(...REPS), created: fc.integer({ min: FROM, max: TO - 40 * DAY }) }), { maxLength: 4 });
    fc.assert(
      fc.property(dataArb, fc.subarray(["cas", "dan"]), withoutAmount, (data, left, open) => {
        // A first activity and a first (lost) deal of a rep who stays: taking the leavers' rows
        // out below leaves where the data starts as it is (before it there is no data, after it 0).
        const first = { activity: { owner: "ann", type: "call", at: new Date(FROM).toISOString() }, deal: { id: "first", owner: "ann", stage: "lost", amount: 0, createdAt: new Date(FROM).toISOString(), closedAt: new Date(FROM + DAY).toISOString() } };
        const input = {
          ...data,
          reps: data.reps.map((rep) => (left.includes(rep.id) ? { ...rep, leftAt: "2026-02-10" } : rep)),
          activities: [first.activity, ...data.activities],
          deals: [first.deal, ...data.deals, ...open.map((deal, i) => ({ id: `open${i}`, owner: deal.owner, stage: "proposal", createdAt: new Date(deal.created).toISOString() }))],
        };
        const card = scorecard(input, { kpis: read, asOf: "2026-05-15", targetPolicy: "rolling", baselinePeriods: 2, historyPeriods: 4 });
        const from = card.history[0]!.start;
        const window = { from, to: card.currentPeriod.end, asOf: "2026-05-15", missingAmount: "skip" } as const;
        expect(card.reps.map((rep) => rep.id)).toEqual(REPS.filter((id) => !left.includes(id)));
        // The team a target is set for: the rows of the reps who left taken out.
        const stayed = { ...input, activities: input.activities.filter((row) => !left.includes(row.owner)), deals: input.deals.filter((deal) => !left.includes(deal.owner)) };
        card.kpis.forEach((kpi, index) => {
          const series = kpiSeries(input, read[index]!, { ...window, groupBy: "owner", groups: REPS });
          const pointOf = (group: string | null, start: string) => (group === null ? series.team : series.points).find((point) => point.group === group && point.period.start === start);
          for (const subject of [...card.reps.map((rep) => ({ id: rep.id as string | null, cells: rep.cells })), { id: null, cells: card.team.cells }]) {
            const cell = subject.cells[index]!;
            const where = `${kpi.id} ${subject.id ?? "team"}`;
            expect(cell.history.map((value) => value?.toString() ?? null), where).toEqual(card.history.map((period) => valueOf(pointOf(subject.id, period.start))));
            expect(cell.actual?.toString() ?? null, where).toBe(valueOf(pointOf(subject.id, card.period.start)));
            expect(cell.previous?.toString() ?? null, where).toBe(valueOf(pointOf(subject.id, card.history[card.history.length - 2]!.start)));
            const expected =
              subject.id === null
                ? baseline(kpiSeries(stayed, read[index]!, window), { asOf: card.period.start, periods: 2, minPeriods: 2 })
                : baseline(series, { asOf: card.period.start, periods: 2, minPeriods: 2, group: subject.id });
            expect(cell.baseline?.value?.toString() ?? null, where).toBe(expected.value?.toString() ?? null);
            expect(cell.baseline?.sufficient, where).toBe(expected.sufficient);
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});
