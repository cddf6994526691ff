import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import { createIdHashes, findDuplicateIds } from "../../src/model/duplicate-ids.js";

/** findDuplicateIds with the ids' hashes taken in order, as prepareKpiData takes them. */
function duplicatesOf(collection: "deals" | "reps", kept: readonly { id: string | undefined; index: number }[]) {
  const ids = createIdHashes(kept.length);
  for (const row of kept) ids.add(row.id);
  return findDuplicateIds(collection, kept, ids);
}

/** Two different ids whose 32-bit hashes in the duplicate check are equal (found by search). */
const SAME_HASH = ["x4ht3tw", "x10ea2ji"] as const;

/** Ids from a small alphabet (many repeats), the colliding pair weighted in. */
const idArb = fc.oneof({ weight: 5, arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "é", "😀"), minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(...SAME_HASH) });

const rowsArb = fc.array(fc.record({ id: fc.option(idArb, { nil: undefined }), valid: fc.boolean() }), { maxLength: 80 });

/** Reference: a row is kept when it is valid and no kept row before it has its id. */
function expected(rows: readonly { id: string | undefined; valid: boolean }[]) {
  const firstKept = new Map<string, number>();
  const kept: number[] = [];
  const duplicates: string[] = [];
  rows.forEach((row, index) => {
    if (!row.valid) return;
    if (row.id !== undefined) {
      const earlier = firstKept.get(row.id);
      if (earlier !== undefined) {
        duplicates.push(`activities[${index}].id: duplicate id "${row.id}": also activities[${earlier}]`);
        return;
      }
      firstKept.set(row.id, index);
    }
    kept.push(index);
  });
  return { kept, duplicates };
}

describe("duplicate ids are found exactly as a Set of the kept ids would find them", () => {
  it("keeps the first valid row with each id and names it in every later row's reason", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const activities = rows.map((row) => ({ ...(row.id === undefined ? {} : { id: row.id }), owner: "ann", type: "call", at: row.valid ? "2026-01-05" : "not a date" }));
        const prepared = prepareKpiData({ activities }, { invalidRows: "skip" });
        const reference = expected(rows);
        expect(prepared.activities.map((activity) => activity.index)).toEqual(reference.kept);
        expect(prepared.skipped.flatMap((row) => row.reasons).filter((reason) => reason.includes("duplicate id"))).toEqual(reference.duplicates);
      }),
      { numRuns: 300, examples: [[[{ id: "x4ht3tw", valid: true }, { id: "x10ea2ji", valid: true }, { id: "x10ea2ji", valid: true }, { id: "x4ht3tw", valid: true }]]] },
    );
  });

  it("lists invalid and duplicate rows together in input order, every row either kept or skipped", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const activities = rows.map((row) => ({ ...(row.id === undefined ? {} : { id: row.id }), owner: "ann", type: "call", at: row.valid ? "2026-01-05" : "not a date" }));
        const prepared = prepareKpiData({ activities }, { invalidRows: "skip" });
        const skipped = prepared.skipped.map((row) => row.index);
        expect(skipped).toEqual([...skipped].sort((a, b) => a - b));
        expect([...skipped, ...prepared.activities.map((activity) => activity.index)].sort((a, b) => a - b)).toEqual(rows.map((_, index) => index));
      }),
      { numRuns: 300 },
    );
  });

  it("two different ids with the same hash are not duplicates; each still finds its own repeat", () => {
    const kept = [SAME_HASH[0], SAME_HASH[1], SAME_HASH[1], SAME_HASH[0]].map((id, position) => ({ id, index: position + 10 }));
    expect(duplicatesOf("deals", kept).map((duplicate) => [duplicate.position, duplicate.issues[0]?.message])).toEqual([
      [2, 'duplicate id "x10ea2ji": also deals[11]'],
      [3, 'duplicate id "x4ht3tw": also deals[10]'],
    ]);
  });

  it("names the first kept row with the id in every later row, in position order, also with many rows of one id or one hash", () => {
    // Many rows with one id, or the two colliding ids interleaved (one probe chain).
    const listArb = fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.option(idArb, { nil: undefined }), { maxLength: 80 }) },
      { weight: 4, arbitrary: fc.array(fc.constantFrom(...SAME_HASH, "a"), { minLength: 17, maxLength: 60 }) },
      // Thousands of rows: buckets with many rows, tables that wrap around.
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 4000 }).map(String), { minLength: 3000, maxLength: 6000 }) },
    );
    fc.assert(
      fc.property(listArb, fc.integer({ min: 0, max: 5 }), (ids, offset) => {
        const kept = ids.map((id, position) => ({ id, index: position * 2 + offset }));
        const first = new Map<string, number>();
        const reference: [number, string][] = [];
        kept.forEach((row, position) => {
          if (row.id === undefined) return;
          const earlier = first.get(row.id);
          if (earlier === undefined) first.set(row.id, row.index);
          else reference.push([position, `duplicate id "${row.id}": also reps[${earlier}]`]);
        });
        const found = duplicatesOf("reps", kept);
        expect(found.map((duplicate) => [duplicate.position, duplicate.issues[0]?.message])).toEqual(reference);
        for (const duplicate of found) expect(duplicate.issues[0]?.path).toEqual(["id"]);
      }),
      { numRuns: 300 },
    );
  });
});
