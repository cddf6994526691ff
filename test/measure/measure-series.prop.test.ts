import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type KpiCalendar,
  type KpiGrain,
  type KpiSeries,
  type Measure,
  measureSeries,
  measureTotals,
  periodOf,
  prepareKpiData,
  resolveCalendar,
  toDecimal,
} from "../../src/index.js";
import { activityArb, dealsArb, grainArb, instantArb, leadsArb, REP_ROSTER, SAMPLE_PIPELINE } from "../arbitraries.js";

const ZONES = ["Europe/Amsterdam", "America/New_York"] as const;
const zoneCalendarArb: fc.Arbitrary<KpiCalendar> = fc
  .record({ timeZone: fc.constantFrom(...ZONES), weekStartsOn: fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1> })
  .map((input) => resolveCalendar(input));

const DAY = 86_400_000;
const MAX_SPAN: Record<KpiGrain, number> = { day: 45 * DAY, week: 200 * DAY, month: 900 * DAY, quarter: 1500 * DAY, year: 1800 * DAY };

/** A grain and a range [from, to) that holds a bounded number of periods. */
const rangeArb = grainArb.chain((grain) =>
  fc.record({
    grain: fc.constant(grain),
    fromMs: instantArb,
    span: fc.integer({ min: 1, max: MAX_SPAN[grain] }),
  }),
);

const dataArb = fc.record({
  activities: fc.array(activityArb, { maxLength: 30 }),
  deals: dealsArb(25),
  leads: leadsArb(20),
});

const roster = REP_ROSTER.map((rep) => ({ ...rep }));

/** Brute force: per row, its period label by a time-zone conversion per row, then filter-then-sum. */
function bruteForce(
  rows: ReadonlyArray<{ ms: number | undefined; group: string | undefined; weight: string | number; key?: string }>,
  calendar: KpiCalendar,
  grain: KpiGrain,
  fromMs: number,
  toMs: number,
): Map<string, string> {
  const sums = new Map<string, ReturnType<typeof toDecimal>>();
  const keys = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.ms === undefined || row.group === undefined || row.ms < fromMs || row.ms >= toMs) continue;
    const cell = `${periodOf(row.ms, grain, calendar).label} ${row.group}`;
    if (row.key !== undefined) {
      const set = keys.get(cell) ?? new Set<string>();
      set.add(row.key);
      keys.set(cell, set);
    } else {
      sums.set(cell, (sums.get(cell) ?? toDecimal(0)).plus(toDecimal(row.weight)));
    }
  }
  const out = new Map<string, string>();
  // Zero cells are left out on both sides (the series is zero-filled; a 0.00 deal sums to 0).
  for (const [cell, sum] of sums) if (!sum.isZero()) out.set(cell, sum.toString());
  for (const [cell, set] of keys) out.set(cell, String(set.size));
  return out;
}

/** The non-zero cells of a series, as "label group" → value. */
function cells(series: KpiSeries): Map<string, string> {
  const out = new Map<string, string>();
  for (const point of series.points) {
    if (point.value !== null && !point.value.isZero()) out.set(`${point.period.label} ${point.group ?? "all"}`, point.value.toString());
  }
  return out;
}

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));
const RUNS = { numRuns: 120 };

describe("measureSeries agrees with a brute-force filter-then-sum in two time zones", () => {
  it("calls per rep (Σ quantity by at)", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, (data, calendar, { grain, fromMs, span }) => {
        const toMs = fromMs + span;
        const series = measureSeries(
          { activities: data.activities, reps: roster },
          { kind: "count", source: "activities", where: { type: ["call", "meeting"] } },
          { from: new Date(fromMs), to: new Date(toMs), grain, groupBy: "owner", calendar },
        );
        const rows = data.activities
          .filter((a) => a.type === "call" || a.type === "meeting")
          .map((a) => ({ ms: ms(a.at as string), group: a.owner, weight: a.quantity ?? 1 }));
        expect(cells(series)).toEqual(bruteForce(rows, calendar, grain, fromMs, toMs));
      }),
      RUNS,
    );
  });

  it("won revenue by close date, and deals created", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, (data, calendar, { grain, fromMs, span }) => {
        const toMs = fromMs + span;
        const kpiData = { pipeline: SAMPLE_PIPELINE, deals: data.deals };
        const options = { from: new Date(fromMs), to: new Date(toMs), grain, calendar, missingAmount: "skip" as const };
        const revenue = measureSeries(kpiData, { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } }, options);
        const won = data.deals.filter((d) => d.stage === "won" && d.amount !== undefined);
        expect(cells(revenue)).toEqual(bruteForce(won.map((d) => ({ ms: ms(d.closedAt), group: "all", weight: d.amount as string })), calendar, grain, fromMs, toMs));
        const created = measureSeries(kpiData, { kind: "count", source: "deals", at: "createdAt", where: { source: ["web", "event"] } }, { ...options, groupBy: "source" });
        const rows = data.deals.filter((d) => d.source === "web" || d.source === "event").map((d) => ({ ms: ms(d.createdAt), group: d.source, weight: 1 }));
        expect(cells(created)).toEqual(bruteForce(rows, calendar, grain, fromMs, toMs));
      }),
      RUNS,
    );
  });

  it("new customers: accounts whose first won deal closes in the period", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, (data, calendar, { grain, fromMs, span }) => {
        const toMs = fromMs + span;
        const series = measureSeries(
          { pipeline: SAMPLE_PIPELINE, deals: data.deals },
          { kind: "distinct", source: "deals", key: "account", at: "closedAt", first: true, where: { outcome: "won" } },
          { from: new Date(fromMs), to: new Date(toMs), grain, calendar },
        );
        // Brute force: sort all won deals by (close, id), keep the first per account.
        const won = data.deals
          .filter((d) => d.stage === "won" && d.account !== undefined)
          .map((d) => ({ d, at: ms(d.closedAt) as number }))
          .sort((a, b) => a.at - b.at || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0));
        const seen = new Set<string>();
        const firsts = won.filter(({ d }) => (seen.has(d.account as string) ? false : (seen.add(d.account as string), true)));
        expect(cells(series)).toEqual(bruteForce(firsts.map(({ d, at }) => ({ ms: at, group: "all", weight: 1 })), calendar, grain, fromMs, toMs));
      }),
      RUNS,
    );
  });

  it("leads reaching sql, per source", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, (data, calendar, { grain, fromMs, span }) => {
        const toMs = fromMs + span;
        const series = measureSeries(
          { leads: data.leads },
          { kind: "count", source: "leads", step: "sql" },
          { from: new Date(fromMs), to: new Date(toMs), grain, calendar, groupBy: "source" },
        );
        const rows = data.leads.map((l) => ({ ms: ms(l.reached.sql), group: l.source, weight: 1 }));
        expect(cells(series)).toEqual(bruteForce(rows, calendar, grain, fromMs, toMs));
      }),
      RUNS,
    );
  });
});

const additiveMeasures: Measure[] = [
  { kind: "count", source: "activities" },
  { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } },
  { kind: "count", source: "deals", at: "createdAt" },
  { kind: "distinct", source: "deals", key: "account", at: "createdAt", first: true },
  { kind: "count", source: "leads", step: "mql" },
];

describe("measureSeries properties", () => {
  it("additivity: the sum over the periods of a range equals the total over the range", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, fc.constantFrom(...additiveMeasures), (data, calendar, { grain, fromMs, span }, measure) => {
        const prepared = prepareKpiData({ ...data, pipeline: SAMPLE_PIPELINE, reps: roster }, { calendar });
        const range = { from: new Date(fromMs), to: new Date(fromMs + span), calendar, missingAmount: "skip" as const };
        const series = measureSeries(prepared, measure, { ...range, grain });
        const totals = measureTotals(prepared, measure, range);
        const sum = series.points.reduce((acc, p) => acc.plus(p.value ?? 0), toDecimal(0));
        expect(sum.toString()).toBe(totals.total.value?.toString());
        expect(series.rowsUsed).toBe(totals.rowsUsed);
      }),
      RUNS,
    );
  });

  it("team total = sum over owners; zero-fill: every period exactly once per group", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, fc.constantFrom(...additiveMeasures.slice(0, 4)), (data, calendar, { grain, fromMs, span }, measure) => {
        const prepared = prepareKpiData({ ...data, pipeline: SAMPLE_PIPELINE, reps: roster }, { calendar });
        const range = { from: new Date(fromMs), to: new Date(fromMs + span), calendar, missingAmount: "skip" as const };
        const totals = measureTotals(prepared, measure, { ...range, groupBy: "owner" });
        const byOwner = totals.byGroup.reduce((acc, t) => acc.plus(t.value ?? 0), toDecimal(0));
        expect(byOwner.toString()).toBe(totals.total.value?.toString());

        const series = measureSeries(prepared, measure, { ...range, grain, groupBy: "owner", groups: ["zoe"] });
        expect(series.groups).toEqual(expect.arrayContaining(["ann", "bob", "cem", "dee", "zoe"]));
        expect(series.points.length).toBe(series.periods.length * series.groups.length);
        const seen = new Set(series.points.map((p) => `${p.period.label}|${p.group}`));
        expect(seen.size).toBe(series.points.length);
        for (let i = 1; i < series.points.length; i++) {
          const a = series.points[i - 1];
          const b = series.points[i];
          if (a === undefined || b === undefined) continue;
          expect(a.period.startMs < b.period.startMs || (a.period.startMs === b.period.startMs && (a.group as string) < (b.group as string))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("leads per team: the team total is the sum over teams plus the leads without a team (counted, never lost)", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, ({ leads }, calendar, { fromMs, span }) => {
        const totals = measureTotals({ leads, reps: roster }, { kind: "count", source: "leads", at: "createdAt" }, { from: new Date(fromMs), to: new Date(fromMs + span), calendar, groupBy: "team" });
        const byTeam = totals.byGroup.reduce((acc, t) => acc.plus(t.value ?? 0), toDecimal(0));
        expect(byTeam.plus(totals.rowsWithoutGroup).toString()).toBe(totals.total.value?.toString());
        expect(totals.groups).toEqual(["north", "south"]);
      }),
      RUNS,
    );
  });

  it("the result does not depend on the order of the rows, and the input is not mutated", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, fc.constantFrom(...additiveMeasures), fc.infiniteStream(fc.nat()), (data, calendar, { grain, fromMs, span }, measure, stream) => {
        const options = { from: new Date(fromMs), to: new Date(fromMs + span), grain, calendar, groupBy: "owner" as const, missingAmount: "skip" as const };
        const input = { ...data, pipeline: SAMPLE_PIPELINE };
        const snapshot = structuredClone(input);
        const shuffle = <T>(rows: readonly T[]): T[] => {
          const out = [...rows];
          const it = stream[Symbol.iterator]();
          for (let i = out.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [out[i], out[j]] = [out[j] as T, out[i] as T];
          }
          return out;
        };
        const a = measureSeries(input, measure, options);
        const b = measureSeries({ ...input, activities: shuffle(data.activities), deals: shuffle(data.deals), leads: shuffle(data.leads) }, measure, options);
        expect(cells(b)).toEqual(cells(a));
        expect(b.points.map((p) => p.rows)).toEqual(a.points.map((p) => p.rows));
        expect(input).toEqual(snapshot);
      }),
      { numRuns: 80 },
    );
  });

  it("a ratio series never holds NaN or Infinity: value is numerator ÷ denominator, or null exactly when the denominator is 0", () => {
    fc.assert(
      fc.property(dataArb, zoneCalendarArb, rangeArb, (data, calendar, { grain, fromMs, span }) => {
        const series = measureSeries(
          { ...data, pipeline: SAMPLE_PIPELINE, reps: roster },
          {
            kind: "ratio",
            numerator: { kind: "count", source: "activities", where: { type: "meeting" } },
            denominator: { kind: "count", source: "activities", where: { type: "call" } },
          },
          { from: new Date(fromMs), to: new Date(fromMs + span), grain, calendar, groupBy: "team" },
        );
        expect(series.points.length).toBe(series.periods.length * series.groups.length);
        for (const point of series.points) {
          const r = point.ratio;
          expect(r).toBeDefined();
          if (r === undefined) continue;
          if (r.denominator.isZero()) expect(point.value).toBeNull();
          else {
            expect(point.value?.isFinite()).toBe(true);
            expect(point.value?.times(r.denominator).toDecimalPlaces(20).eq(r.numerator)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});
