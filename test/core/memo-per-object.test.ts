import { describe, expect, it } from "vitest";
import { MemoPerObject } from "../../src/core/memo-per-object.js";

describe("work remembered per object, a few keys each", () => {
  it("keeps the last 3 asOf dates of a deals array: a 4th forgets the oldest, a repeated one forgets none", () => {
    const memo = new MemoPerObject<object, string, number>(3);
    const deals = {};
    for (const day of ["01", "02", "03"]) memo.set(deals, day, Number(day));
    memo.set(deals, "02", 20); // already there: nothing is forgotten
    expect(["01", "02", "03"].map((day) => memo.get(deals, day))).toEqual([1, 20, 3]);
    memo.set(deals, "04", 4); // the oldest, "01", goes
    expect(["01", "02", "03", "04"].map((day) => memo.get(deals, day))).toEqual([undefined, 20, 3, 4]);
  });

  it("keeps each object's values apart and forgets one object's all at once", () => {
    const memo = new MemoPerObject<object, string, number>(3);
    const team = {};
    const other = {};
    memo.set(team, "month", 1);
    memo.set(other, "month", 2);
    memo.forget(team);
    expect([memo.get(team, "month"), memo.get(other, "month")]).toEqual([undefined, 2]);
  });
});
