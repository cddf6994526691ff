// Picking rows by code without a branch per row, against the plain filter it replaces: for any
// codes and any two tables that share no code, the front holds the first table's rows in input
// order and the back the second's in reverse input order, each row once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeTable, NO_CODE, pickRows } from "../../src/core/pick-rows.js";

describe("pickRows", () => {
  it("won deals at the front, lost at the back, open ones nowhere (a hand-worked case)", () => {
    // Statuses of six deals: 2 won, 3 lost, 1 open.
    const status = Uint8Array.from([2, 3, 1, 2, 3, 2]);
    const { picked, front, back } = pickRows(status, codeTable((c) => c === 2), codeTable((c) => c === 3));
    expect([...picked.subarray(0, front)]).toEqual([0, 3, 5]);
    expect([...picked.subarray(back)]).toEqual([4, 1]);
  });

  it("equals filtering the rows one by one, for any codes and two disjoint tables", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 256, maxLength: 256 }), (codes, owner) => {
        // Each code goes to the front (1), the back (2) or neither (0).
        const side = (code: number): number => (owner[code] as number) % 3;
        const { picked, front, back } = pickRows(codes, codeTable((c) => side(c) === 1), codeTable((c) => side(c) === 2));
        const rows = [...codes.keys()];
        expect([...picked.subarray(0, front)]).toEqual(rows.filter((i) => side(codes[i] as number) === 1));
        expect([...picked.subarray(back)]).toEqual(rows.filter((i) => side(codes[i] as number) === 2).reverse());
        expect(front).toBeLessThanOrEqual(back);
      }),
    );
  });

  it("with one table, the back is empty", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (codes) => {
        const { picked, front, back } = pickRows(codes, codeTable((c) => c % 2 === 1), NO_CODE);
        expect(back).toBe(codes.length);
        expect([...picked.subarray(0, front)]).toEqual([...codes.keys()].filter((i) => (codes[i] as number) % 2 === 1));
      }),
    );
  });
});
