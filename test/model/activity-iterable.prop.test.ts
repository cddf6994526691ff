import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDataInputSchema, KpiDataSchema, KpiInputError, measureSeries, prepareKpiData, profileKpiData } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

// Activities may come as any iterable of rows (a generator reading a file or a cursor), read
// once: a million rows need not be held as objects at once. These properties check that an
// iterable gives exactly what the same rows in an array give (kept rows, issues and their
// positions, duplicate ids), past the columns' first sizes too, and that a read iterator is
// refused rather than taken for no rows.

const rowArb = fc.record({
  id: fc.option(fc.constantFrom("a1", "a2", "a3"), { nil: undefined }),
  owner: fc.constantFrom("ann", "bob", "cem"),
  type: fc.constantFrom("call", "email"),
  day: fc.integer({ min: 1, max: 28 }),
  quantity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  valid: fc.boolean(),
});
type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(row: Row) {
  return {
    ...(row.id === undefined ? {} : { id: row.id }),
    owner: row.owner,
    type: row.type,
    at: row.valid ? `2026-02-${String(row.day).padStart(2, "0")}T10:00:00Z` : "not a date",
    ...(row.quantity === undefined ? {} : { quantity: row.quantity }),
  };
}

function* generate<T>(rows: readonly T[]): Generator<T> {
  for (const row of rows) yield row;
}

/** What a caller can see of prepared data: its profile, its rows, its skipped rows. */
function seen(data: Parameters<typeof prepareKpiData>[0]) {
  const prepared = preparedRows(prepareKpiData(data, { invalidRows: "skip" }));
  return { profile: profileKpiData(prepared), rows: prepared.activities.map((row) => ({ ...row })), skipped: prepared.skipped };
}

function issuesOf(data: Parameters<typeof prepareKpiData>[0]): unknown {
  try {
    prepareKpiData(data);
    return "no error";
  } catch (error) {
    return error instanceof KpiInputError ? error.issues.map((issue) => [issue.path.join("."), issue.message]) : String(error);
  }
}

describe("activities given as an iterable of rows", () => {
  it("prepare exactly as the same rows in an array: kept rows, skipped rows and their positions", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const input = rows.map(inputOf);
        expect(seen({ activities: generate(input) })).toEqual(seen({ activities: input }));
        expect(seen({ activities: new Set(input) })).toEqual(seen({ activities: [...new Set(input)] }));
      }),
      { numRuns: 200 },
    );
  });

  it("name the same invalid rows, at the same positions, when no row may be skipped", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const input = rows.map(inputOf);
        expect(issuesOf({ activities: generate(input) })).toEqual(issuesOf({ activities: input }));
      }),
      { numRuns: 200 },
    );
  });

  it("keep every row past the columns' first sizes (5,000 rows in a generator, ids repeating after 4,000)", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      id: `a${i % 4000}`,
      owner: i % 3 === 0 ? "ann" : "bob",
      type: "call",
      at: `2026-0${1 + (i % 3)}-10T10:00:00Z`,
      quantity: 1 + (i % 2),
    }));
    const fromGenerator = seen({ activities: generate(rows) });
    expect(fromGenerator).toEqual(seen({ activities: rows }));
    // rows 4,000 to 4,999 repeat the ids of rows 0 to 999: skipped, named at their positions
    expect(fromGenerator.profile.rows.activities).toBe(4000);
    expect(fromGenerator.skipped.map((row) => row.index)).toEqual(Array.from({ length: 1000 }, (_, i) => 4000 + i));
    // calls per month by hand: of rows 0–3,999, months follow i mod 3 (1,334 in January,
    // 1,333 in February and March), each with quantity 1 or 2 (i even: 1)
    const prepared = prepareKpiData({ activities: generate(rows) }, { invalidRows: "skip" });
    const series = measureSeries(prepared, { kind: "count", source: "activities", where: { type: "call" } }, { from: "2026-01-01", to: "2026-04-01", grain: "month" });
    const kept = rows.slice(0, 4000);
    const expected = [0, 1, 2].map((month) => kept.filter((_, i) => i % 3 === month).reduce((sum, row) => sum + row.quantity, 0));
    expect(expected[0]).toBe(1334 * 1 + 667); // i ≡ 0 (mod 3): 1,334 rows, half of them odd i (quantity 2)
    expect(series.points.map((point) => Number(point.value))).toEqual(expected);
  });

  it("read a generator once, in order, and refuse it when it is given again (not taken for no rows)", () => {
    const rows = [
      { owner: "ann", type: "call", at: "2026-02-02T10:00:00Z" },
      { owner: "bob", type: "call", at: "2026-02-03T10:00:00Z" },
    ];
    let reads = 0;
    function* counted() {
      for (const row of rows) {
        reads++;
        yield row;
      }
    }
    const once = counted();
    expect(profileKpiData(prepareKpiData({ activities: once })).rows.activities).toBe(2);
    expect(reads).toBe(2);
    expect(issuesOf({ activities: once })).toEqual([["activities", "this iterator was read already (by an earlier call): its rows are gone; pass the prepared data from that call, or a new iterator"]]);
    // an iterable that hands out the same cursor each time is refused the same way
    const cursor = rows[Symbol.iterator]();
    const wrapper = { [Symbol.iterator]: () => cursor };
    expect(profileKpiData(prepareKpiData({ activities: wrapper })).rows.activities).toBe(2);
    expect(issuesOf({ activities: wrapper })).toEqual([["activities", "this iterator was read already (by an earlier call): its rows are gone; pass the prepared data from that call, or a new iterator"]]);
    // an iterable that starts afresh each time (a Set) may be read again
    const set = new Set(rows);
    expect(profileKpiData(prepareKpiData({ activities: set })).rows.activities).toBe(2);
    expect(profileKpiData(prepareKpiData({ activities: set })).rows.activities).toBe(2);
  });

  it("are accepted by KpiDataInputSchema (rows checked when read) and not by KpiDataSchema; a string is no iterable of rows", () => {
    expect(KpiDataInputSchema.safeParse({ activities: generate([]) }).success).toBe(true);
    expect(KpiDataInputSchema.safeParse({ activities: [{ owner: "ann" }] }).success).toBe(false);
    // an array comes out as KpiDataSchema gives it: an unknown key stripped
    const row = { owner: "ann", type: "call", at: "2026-03-02T09:00:00Z", extra: 1 };
    expect(KpiDataInputSchema.parse({ activities: [row] })).toEqual(KpiDataSchema.parse({ activities: [row] }));
    expect(KpiDataSchema.safeParse({ activities: generate([]) }).success).toBe(false);
    expect(KpiDataInputSchema.safeParse({ activities: "ann,call" }).success).toBe(false);
    expect(issuesOf({ activities: "ann,call" as never })).toEqual([["activities", "expected an array of activities, or an iterable of them"]]);
  });
});
