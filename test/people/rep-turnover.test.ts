import { describe, expect, it } from "vitest";
import { KpiInputError, prepareKpiData, repTurnover } from "../../src/index.js";

const year2026 = { from: "2026-01-01", to: "2027-01-01" };

describe("repTurnover", () => {
  it("the documented example: 1 leaver on an average team of 3 = 33%", () => {
    const result = repTurnover(
      [
        { id: "ann", startedAt: "2024-01-01" },
        { id: "bob", startedAt: "2024-01-01", leftAt: "2026-06-30" },
        { id: "cas", startedAt: "2026-03-01" },
        { id: "dee", startedAt: "2025-05-01" },
      ],
      { period: year2026 },
    );
    expect([result.headcountStart, result.headcountEnd, result.leavers]).toEqual([3, 3, 1]);
    expect(result.leaverIds).toEqual(["bob"]);
    expect(result.averageHeadcount.toString()).toBe("3");
    expect(result.value?.toFixed(4)).toBe("0.3333");
  });

  it("average headcount (start + end) / 2 may be a half; a rep joining and leaving inside the period is a leaver only", () => {
    const result = repTurnover(
      [
        { id: "a" },
        { id: "b" },
        { id: "c", startedAt: "2026-02-01", leftAt: "2026-05-01" },
        { id: "d", leftAt: "2026-09-01" },
      ],
      { period: year2026 },
    );
    // start: a, b, d = 3; end: a, b = 2; leavers c, d.
    expect([result.headcountStart, result.headcountEnd, result.leavers]).toEqual([3, 2, 2]);
    expect(result.averageHeadcount.toString()).toBe("2.5");
    expect(result.value?.toString()).toBe("0.8");
  });

  it("a rep leaving exactly at the end of the period belongs to the next period", () => {
    const result = repTurnover([{ id: "a", leftAt: "2027-01-01" }, { id: "b", leftAt: "2026-12-31T23:59:59Z" }], { period: year2026 });
    expect(result.leaverIds).toEqual(["b"]);
    expect(result.headcountEnd).toBe(1);
  });

  it("no team: null, not 0 or Infinity", () => {
    expect(repTurnover([], { period: year2026 }).value).toBeNull();
    expect(repTurnover([{ id: "x", startedAt: "2026-02-01", leftAt: "2026-03-01" }], { period: year2026 }).value).toBeNull();
  });

  it("reads the roster of prepared data; a leftAt before startedAt is an input error", () => {
    const data = prepareKpiData({ reps: [{ id: "a", leftAt: "2026-04-01" }, { id: "b" }] });
    expect(repTurnover(data, { period: year2026 }).leavers).toBe(1);
    expect(() => repTurnover([{ id: "a", startedAt: "2026-05-01", leftAt: "2026-04-01" }], { period: year2026 })).toThrow(KpiInputError);
  });
});
