// The activity cube (one pass per buckets, shared by every activity measure) against the row
// path it replaces: for any activities, filters, group keys and buckets, the same cells.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveCalendar } from "../../src/index.js";
import { accumulate, type Buckets } from "../../src/measure/accumulate.js";
import { activityCube, cubeFits } from "../../src/measure/activity-cube.js";
import type { AdditiveMeasure } from "../../src/measure/measure.js";
import { periodBuckets } from "../../src/measure/series-of.js";
import type { KpiGroupBy } from "../../src/measure/series.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import { periodsBetween } from "../../src/time/period.js";
import { activityArb, grainArb, instantArb, REP_ROSTER } from "../arbitraries.js";

const DAY = 86_400_000;
const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });

const measureArb: fc.Arbitrary<AdditiveMeasure> = fc
  .record(
    {
      type: fc.oneof(fc.constantFrom("call", "meeting"), fc.subarray(["call", "email", "meeting", "first-meeting"], { minLength: 1 })),
      owner: fc.oneof(fc.constant("ann"), fc.subarray(["ann", "cem", "zed"], { minLength: 1 })),
      team: fc.oneof(fc.constantFrom("north", "south"), fc.subarray(["north", "south"], { minLength: 1 })),
    },
    { requiredKeys: [] },
  )
  .map((where) => ({ kind: "count", source: "activities", where }) as AdditiveMeasure);

const groupByArb = fc.constantFrom<readonly KpiGroupBy[]>([], ["owner"], ["team"], ["type"], ["owner", "type"], ["type", "team"], ["owner", "team"], ["team", "owner"]);

/** The same buckets without a key: `accumulate` then takes the row path. */
function unshared(buckets: Buckets): Buckets {
  return { count: buckets.count, indexOf: buckets.indexOf };
}

describe("activity cube", () => {
  it("gives the same cells as one pass over the rows, for any filter, group key and buckets", () => {
    fc.assert(
      fc.property(
        // Rows mostly inside the range (many per cell), some anywhere.
        instantArb.chain((fromMs) =>
          fc.tuple(
            fc.constant(fromMs),
            fc.array(
              fc.tuple(fc.oneof(activityArb, activityArb.map((row) => ({ ...row, owner: "zed" }))), fc.option(fc.integer({ min: -20 * DAY, max: 200 * DAY }), { freq: 4 })),
              { maxLength: 60 },
            ),
          ),
        ),
        measureArb,
        groupByArb,
        grainArb,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        ([fromMs, drawn], measure, groupBy, grain, spanDays, asOfDays, wide) => {
          const drawnRows = drawn.map(([row, offset]) => (offset === null ? row : { ...row, at: new Date(fromMs + offset).toISOString() }));
          // Sometimes one row of 2^27 minutes: Σ quantity too large to pack, the cube's wide cells.
          const activities = wide ? [...drawnRows, { owner: "ann", type: "call", at: new Date(fromMs + DAY).toISOString(), quantity: 2 ** 27 }] : drawnRows;
          // "zed" is not in the roster: rows without a team.
          const data = prepare({ reps: REP_ROSTER.map((rep) => ({ ...rep })), activities }, { calendar });
          const toMs = fromMs + spanDays * DAY;
          const asOfMs = fromMs + asOfDays * DAY;
          const periods = periodsBetween(fromMs, toMs, grain === "day" ? "week" : grain, calendar);
          const buckets = periodBuckets(periods, fromMs, Math.min(toMs, asOfMs));
          const options = { buckets, groupBy, missingAmount: "error" as const, asOfMs };
          const cube = accumulate(data, measure, options);
          const rows = accumulate(data, measure, { ...options, buckets: unshared(buckets) });
          // `rows: true` takes the row pass over the same (shared) buckets.
          expect(accumulate(data, measure, { ...options, rows: true })).toEqual(rows);
          expect(buckets.key).toBeDefined();
          expect(new Map([...cube.byGroup].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(new Map([...rows.byGroup].sort(([a], [b]) => (a < b ? -1 : 1))));
          expect(cube.total).toEqual(rows.total);
          expect([cube.rowsUsed, cube.rowsWithoutGroup, cube.dataStartMs]).toEqual([rows.rowsUsed, rows.rowsWithoutGroup, rows.dataStartMs]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is shared: a second measure over the same buckets reads the same cube (and a new array gets its own)", () => {
    const data = prepare({
      activities: [
        { owner: "ann", type: "call", at: "2026-01-05T10:00:00Z", quantity: 3 },
        { owner: "ann", type: "email", at: "2026-01-06T10:00:00Z" },
        { owner: "bob", type: "call", at: "2026-02-02T10:00:00Z" },
      ],
    });
    const periods = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1), "month", data.calendar);
    const buckets = periodBuckets(periods, Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1));
    const options = { buckets, groupBy: ["owner"] as const, missingAmount: "error" as const, asOfMs: Date.UTC(2026, 2, 1) };
    const calls = accumulate(data, { kind: "count", source: "activities", where: { type: "call" } }, options);
    const emails = accumulate(data, { kind: "count", source: "activities", where: { type: "email" } }, options);
    // January: ann 3 calls (one row of quantity 3) and 1 email; February: bob 1 call.
    expect(calls.total.map((cell) => [cell.value.toString(), cell.rows])).toEqual([["3", 1], ["1", 1]]);
    expect(emails.byGroup.get("ann")?.map((cell) => cell.value.toString())).toEqual(["1", "0"]);
  });
});

describe("shared work", () => {
  const activities = Array.from({ length: 50 }, (_, i) => ({ owner: i % 2 === 0 ? "ann" : "bob", type: i % 3 === 0 ? "call" : "email", at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }));
  const monthsFrom = (data: ReturnType<typeof prepare>, startMonth: number) => {
    const periods = periodsBetween(Date.UTC(2026, startMonth, 1), Date.UTC(2026, 3, 1), "month", data.calendar);
    return periodBuckets(periods, Date.UTC(2026, startMonth, 1), Date.UTC(2026, 3, 1));
  };

  it("one cube per activities array and buckets: the same object again, another for new buckets or a new array", () => {
    const data = prepare({ activities });
    const buckets = monthsFrom(data, 0);
    expect(cubeFits(data.activityColumns, buckets)).toBe(true);
    const cube = activityCube(data.activityColumns, buckets as typeof buckets & { key: string });
    expect(activityCube(data.activityColumns, monthsFrom(data, 0) as typeof buckets & { key: string })).toBe(cube);
    expect(activityCube(data.activityColumns, monthsFrom(data, 1) as typeof buckets & { key: string })).not.toBe(cube);
    const other = prepare({ activities });
    expect(activityCube(other.activityColumns, buckets as typeof buckets & { key: string })).not.toBe(cube);
  });

  it("after more bucket sets than it keeps, every measure still equals the row pass", () => {
    const data = prepare({ activities });
    const measure = { kind: "count", source: "activities", where: { type: "call" } } as AdditiveMeasure;
    for (let round = 0; round < 2; round++) {
      for (let start = 0; start < 3; start++) {
        for (let end = 1; end <= 4; end++) {
          const periods = periodsBetween(Date.UTC(2026, start, 1), Date.UTC(2026, 3 + end, 1), "month", data.calendar);
          const buckets = periodBuckets(periods, Date.UTC(2026, start, 1), Date.UTC(2026, 3 + end, 1) - end * DAY);
          const options = { buckets, groupBy: ["owner"] as const, missingAmount: "error" as const, asOfMs: Date.UTC(2027, 0, 1) };
          expect(accumulate(data, measure, options).total).toEqual(accumulate(data, measure, { ...options, buckets: unshared(buckets) }).total);
        }
      }
    }
  });

  it("counts exactly when Σ quantity is too large to pack (2^27 and more): ann's 2^27 + 1 calls in January", () => {
    const data = prepare({
      activities: [
        { owner: "ann", type: "call", at: "2026-01-05T10:00:00Z", quantity: 2 ** 27 },
        { owner: "ann", type: "call", at: "2026-01-06T10:00:00Z" },
        { owner: "bob", type: "call", at: "2026-02-02T10:00:00Z", quantity: 2 },
      ],
    });
    const periods = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1), "month", data.calendar);
    const buckets = periodBuckets(periods, Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1));
    const options = { buckets, groupBy: ["owner"] as const, missingAmount: "error" as const, asOfMs: Date.UTC(2026, 2, 1) };
    const calls = accumulate(data, { kind: "count", source: "activities" }, options);
    expect(calls.byGroup.get("ann")?.map((cell) => [cell.value.toString(), cell.rows])).toEqual([["134217729", 2], ["0", 0]]);
    expect(calls.total.map((cell) => [cell.value.toString(), cell.rows])).toEqual([["134217729", 2], ["2", 1]]);
    expect(calls).toEqual(accumulate(data, { kind: "count", source: "activities" }, { ...options, buckets: unshared(buckets) }));
  });

  it("counts Σ quantity 2^27, the first total too large to pack, exactly: ann's calls of 1, 1 and 2^27 − 2 in January are 134,217,728 in 3 rows", () => {
    const data = prepare({
      activities: [
        { owner: "ann", type: "call", at: "2026-01-05T10:00:00Z" },
        { owner: "ann", type: "call", at: "2026-01-06T10:00:00Z" },
        { owner: "ann", type: "call", at: "2026-01-07T10:00:00Z", quantity: 2 ** 27 - 2 },
      ],
    });
    const periods = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), "month", data.calendar);
    const buckets = periodBuckets(periods, Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1));
    const calls = accumulate(data, { kind: "count", source: "activities" }, { buckets, groupBy: ["owner"] as const, missingAmount: "error" as const, asOfMs: Date.UTC(2026, 1, 1) });
    expect(calls.byGroup.get("ann")?.map((cell) => [cell.value.toString(), cell.rows])).toEqual([["134217728", 3]]);
  });

  it("puts rows next to month boundaries inside a slot in the right month (Monrovia in 1960, −00:44:30), packed or wide", () => {
    const monrovia = resolveCalendar({ timeZone: "Africa/Monrovia" });
    const fromMs = Date.UTC(1960, 0, 1);
    const toMs = Date.UTC(1961, 0, 1);
    const periods = periodsBetween(fromMs, toMs, "month", monrovia);
    // Each month's first instant, the one before it and the one after.
    const near = periods.slice(1).flatMap((period) => [period.startMs - 1, period.startMs, period.startMs + 1]);
    for (const big of [false, true]) {
      const activities = [
        ...near.map((ms, i) => ({ owner: i % 2 === 0 ? "ann" : "cem", type: "call", at: new Date(ms).toISOString() })),
        // In the first (partial) period: 00:10Z on 1 January 1960 is still 31 December in Monrovia.
        ...(big ? [{ owner: "ann", type: "call", at: new Date(fromMs + 600_000).toISOString(), quantity: 2 ** 27 }] : []),
      ];
      const data = prepare({ reps: REP_ROSTER.map((rep) => ({ ...rep })), activities }, { calendar: monrovia });
      const buckets = periodBuckets(periods, fromMs, toMs);
      expect(buckets.slots?.slotMs).toBe(900_000);
      const options = { buckets, groupBy: ["owner"] as const, missingAmount: "error" as const, asOfMs: toMs };
      const cube = accumulate(data, { kind: "count", source: "activities" }, options);
      const rows = accumulate(data, { kind: "count", source: "activities" }, { ...options, buckets: unshared(buckets) });
      expect(cube.total).toEqual(rows.total);
      // January to October 1960 each hold the first instant of the month, the one after it, and the last one.
      expect(cube.total.slice(1, 11).map((cell) => cell.rows)).toEqual(Array(10).fill(3));
    }
  });

  it("a sparse case (many buckets, few rows) takes the row pass", () => {
    const data = prepare({ activities: activities.slice(0, 3) });
    const days = periodsBetween(Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1), "day", data.calendar);
    expect(cubeFits(data.activityColumns, periodBuckets(days, Date.UTC(2020, 0, 1), Date.UTC(2030, 0, 1)))).toBe(false);
  });

  it("counts every row when each has its own owner and type (70,000 × 70,000 pairs: the row pass, not the cube)", () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ({ owner: `o${i}`, type: `t${i}`, at: `2026-0${1 + (i % 3)}-05T10:00:00Z` }));
    const data = prepare({ activities: rows });
    const months = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1), "month", data.calendar);
    const buckets = periodBuckets(months, Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1));
    expect(cubeFits(data.activityColumns, buckets)).toBe(false);
    const result = accumulate(data, { kind: "count", source: "activities", where: { type: ["t1", "t4", "t69999"] } }, { buckets, groupBy: ["owner"] as const, missingAmount: "error" as const, asOfMs: undefined });
    // January holds rows 0, 3, 6, …; t1 and t4 are in February, t69999 in January (69999 = 3 × 23333).
    expect(result.total.map((cell) => cell.value.toString())).toEqual(["1", "2", "0"]);
    const all = accumulate(data, { kind: "count", source: "activities" }, { buckets, groupBy: undefined, missingAmount: "error", asOfMs: undefined });
    expect(all.total.map((cell) => cell.value.toString())).toEqual(["23334", "23333", "23333"]);
  });

  it("counts quantities past 2^31 exactly (the cube then holds 64-bit cells): 2 × 2^31 training minutes are 4,294,967,296", () => {
    const data = prepare({
      activities: [
        { owner: "ann", type: "training", at: "2026-01-05T10:00:00Z", quantity: 2 ** 31 },
        { owner: "ann", type: "training", at: "2026-01-06T10:00:00Z", quantity: 2 ** 31 },
      ],
    });
    const periods = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), "month", calendar);
    const buckets = periodBuckets(periods, Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1));
    const result = accumulate(data, { kind: "count", source: "activities" }, { buckets, groupBy: ["owner"], missingAmount: "error", asOfMs: undefined });
    expect(result.byGroup.get("ann")?.[0]?.value.toString()).toBe("4294967296");
  });
});

