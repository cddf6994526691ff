import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareKpiData } from "../../src/index.js";
import { createDuplicateIdCheck } from "../../src/model/duplicate-ids.js";

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

  it("two different ids with the same hash are not duplicates; each still finds its own repeat", () => {
    const kept: { id: string; index: number }[] = [];
    const check = createDuplicateIdCheck("deals", 4, kept);
    for (const [position, id] of [...SAME_HASH].entries()) {
      expect(check(id, position)).toBeUndefined();
      kept.push({ id, index: position + 10 });
    }
    expect(check(SAME_HASH[1], 2)?.[0]?.message).toBe('duplicate id "x10ea2ji": also deals[11]');
    expect(check(SAME_HASH[0], 2)?.[0]?.message).toBe('duplicate id "x4ht3tw": also deals[10]');
  });

  it("fills its table up to half without losing an id (probing wraps around the end)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (ids) => {
        const kept: { id: string; index: number }[] = [];
        const check = createDuplicateIdCheck("reps", ids.length, kept);
        for (const [position, id] of ids.entries()) {
          expect(check(id, position)).toBeUndefined();
          kept.push({ id, index: position });
        }
        for (const [position, id] of ids.entries()) expect(check(id, ids.length)?.[0]?.message).toBe(`duplicate id "${id}": also reps[${position}]`);
      }),
      { numRuns: 300 },
    );
  });
});
