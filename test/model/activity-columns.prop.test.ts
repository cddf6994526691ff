import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareKpiData, teamSlice } from "../../src/index.js";
import { type ActivityColumns, activityColumnsWhere, activityRows } from "../../src/model/activity-columns.js";
import { preparedRows } from "../../src/model/prepared.js";

// Preparation writes activities straight into columns (no row objects); these properties check
// the columns against a brute-force reading of the input rows: which rows are kept, with what
// owner, team (own, else the roster's), type, instant and quantity, and that every code has a row.

const owners = ["ann", "bob", "cem"] as const;
const roster = [
  { id: "ann", team: "north" },
  { id: "bob", team: "south" },
  { id: "cem" }, // no team
];

const rowArb = fc.record({
  id: fc.option(fc.constantFrom("a1", "a2", "a3", "a4"), { nil: undefined }),
  owner: fc.constantFrom(...owners),
  team: fc.option(fc.constantFrom("north", "south", "west"), { nil: undefined }),
  type: fc.constantFrom("call", "email", "meeting"),
  day: fc.integer({ min: 1, max: 28 }),
  quantity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  valid: fc.boolean(),
});

type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** The input row as a CRM would send it (an invalid one has a date that does not parse). */
function inputOf(row: Row) {
  return {
    ...(row.id === undefined ? {} : { id: row.id }),
    owner: row.owner,
    ...(row.team === undefined ? {} : { team: row.team }),
    type: row.type,
    at: row.valid ? `2026-02-${String(row.day).padStart(2, "0")}T10:00:00Z` : "not a date",
    ...(row.quantity === undefined ? {} : { quantity: row.quantity }),
  };
}

/** Reference: the valid rows, less every later row with an id a kept row has, as plain records. */
function expectedRows(rows: readonly Row[]) {
  const seen = new Set<string>();
  const kept = [];
  for (const [index, row] of rows.entries()) {
    if (!row.valid) continue;
    if (row.id !== undefined) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
    }
    kept.push({
      index,
      id: row.id,
      owner: row.owner,
      team: row.team ?? roster.find((rep) => rep.id === row.owner)?.team,
      type: row.type,
      at: Date.UTC(2026, 1, row.day, 10),
      quantity: row.quantity ?? 1,
    });
  }
  return kept;
}

/** Every row of the columns read back through its codes. */
function decoded(columns: ActivityColumns) {
  return Array.from({ length: columns.length }, (_, i) => {
    const combo = columns.combo[i] as number;
    const type = columns.type[i] as number;
    expect(columns.pair?.[i]).toBe(combo * columns.types.length + type);
    // The UTC hour number of the row's instant (before 1970 too).
    expect(columns.hour[i]).toBe(Math.floor((columns.at[i] as number) / 3_600_000));
    return {
      index: columns.index[i],
      id: columns.id?.[i],
      owner: columns.comboOwner[combo],
      team: columns.comboTeam[combo],
      type: columns.types[type],
      at: columns.at[i],
      quantity: columns.quantity[i],
    };
  });
}

describe("activities prepared straight into columns", () => {
  it("hold exactly the rows a brute-force reading keeps, with the roster's team for rows without one", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const prepared = preparedRows(prepareKpiData({ reps: roster, activities: rows.map(inputOf) }, { invalidRows: "skip" }));
        const columns = prepared.activityColumns;
        const reference = expectedRows(rows);
        expect(decoded(columns)).toEqual(reference);
        // The rows made from the columns are the same records.
        expect(prepared.activities.map((row) => ({ ...row }))).toEqual(reference);
        expect(columns.firstMs).toBe(Math.min(Number.POSITIVE_INFINITY, ...reference.map((row) => row.at)));
        expect(columns.totalQuantity).toBe(reference.reduce((sum, row) => sum + row.quantity, 0));
      }),
      { numRuns: 300 },
    );
  });

  it("give every code a row, in order of first appearance among the rows kept (also when duplicates are left out)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const columns = preparedRows(prepareKpiData({ reps: roster, activities: rows.map(inputOf) }, { invalidRows: "skip" })).activityColumns;
        const reference = expectedRows(rows);
        const pairs = [...new Set(reference.map((row) => `${row.owner}|${row.team ?? ""}`))];
        expect(columns.comboOwner.map((owner, code) => `${owner}|${columns.comboTeam[code] ?? ""}`)).toEqual(pairs);
        expect(columns.types).toEqual([...new Set(reference.map((row) => row.type))]);
      }),
      { numRuns: 300 },
    );
  });

  it("are the same columns whether built from the input or again from the columns", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const prepared = preparedRows(prepareKpiData({ reps: roster, activities: rows.map(inputOf) }, { invalidRows: "skip" }));
        const fromRows = activityColumnsWhere(prepared.activityColumns, () => true);
        expect(decoded(fromRows)).toEqual(decoded(prepared.activityColumns));
        expect(activityRows(fromRows).length).toBe(prepared.activityColumns.length);
      }),
      { numRuns: 200 },
    );
  });

  it("give a team's slice exactly the rows of that team (its own, else its owner's in the roster), from the columns", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.constantFrom("north", "south", "west"), (rows, team) => {
        const prepared = prepareKpiData({ reps: roster, activities: rows.map(inputOf) }, { invalidRows: "skip" });
        const slice = preparedRows(teamSlice(prepared, team));
        const reference = expectedRows(rows).filter((row) => row.team === team);
        expect(decoded(slice.activityColumns)).toEqual(reference);
        expect(slice.activities.map((row) => ({ ...row }))).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it("are each prepared data's own, also when there are no activities (a change to one set of rows never shows in another)", () => {
    const a = preparedRows(prepareKpiData({ leads: [] }));
    const b = preparedRows(prepareKpiData({ leads: [] }));
    expect(a.activityColumns).not.toBe(b.activityColumns);
    expect(a.activities).not.toBe(b.activities);
  });

  it("are not enumerable on prepared data, so a spread copy holds the rows and not the columns", () => {
    const prepared = preparedRows(prepareKpiData({ activities: [{ owner: "ann", type: "call", at: "2026-02-02" }] }));
    expect(Object.keys(prepared)).not.toContain("activityColumns");
    expect({ ...prepared }.activities).toHaveLength(1);
  });
});
