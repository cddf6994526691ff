// A series the library made is passed back in without re-checking its points; a copy of it
// (a user's series) is parsed. Both must give the same baseline, and the made one is frozen.
import { describe, expect, it } from "vitest";
import { baseline, catalogKpi, kpiSeries, measureSeries } from "../../src/index.js";

/** Every plain object and array reachable from `value` that is not frozen, by path (Decimals are values: not walked). */
function unfrozen(value: unknown, path = "series", seen = new Set<object>()): string[] {
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return [];
  seen.add(value);
  const own = Object.isFrozen(value) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([key, inner]) => unfrozen(inner, `${path}.${key}`, seen))];
}

const data = {
  reps: [{ id: "ann" }, { id: "bob" }],
  // The series starts on 16 August: August is only partly covered; September to November are whole months.
  activities: [
    { owner: "ann", type: "call", at: "2026-08-20T10:00:00Z", quantity: 10 },
    { owner: "ann", type: "call", at: "2026-09-10T10:00:00Z", quantity: 30 },
    { owner: "ann", type: "call", at: "2026-10-10T10:00:00Z", quantity: 40 },
    { owner: "bob", type: "call", at: "2026-11-10T10:00:00Z", quantity: 50 },
  ],
};

describe("a series passed back in", () => {
  const series = measureSeries(data, { kind: "count", source: "activities", where: { type: "call" } }, { from: "2026-08-16", to: "2026-12-01", grain: "month", groupBy: "owner" });

  it("is frozen as the library made it", () => {
    expect(Object.isFrozen(series)).toBe(true);
    expect(Object.isFrozen(series.points[0])).toBe(true);
    expect(() => {
      (series.points as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it("is frozen all through: points, periods, ratios, key parts, skipped counts and the team's points", () => {
    const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" as const }, { id: "won", probability: 1, outcome: "won" as const }] };
    const deals = [
      { id: "d1", owner: "ann", stage: "won", amount: 100, createdAt: "2026-09-01", closedAt: "2026-09-20" },
      { id: "d2", owner: "bob", stage: "won", createdAt: "2026-09-02", closedAt: "2026-10-20" },
    ];
    const ratio = kpiSeries({ ...data, pipeline, deals }, catalogKpi("win-rate"), { from: "2026-08-16", to: "2026-12-01", grain: "month", groupBy: "owner", asOf: "2026-12-01" });
    const skipped = measureSeries({ pipeline, deals }, { kind: "sum", source: "deals", field: "amount", at: "closedAt" }, { from: "2026-08-16", to: "2026-12-01", grain: "month", groupBy: "owner", missingAmount: "skip" });
    expect(ratio.points.some((point) => point.ratio !== undefined)).toBe(true);
    expect(skipped.points.some((point) => point.skipped !== undefined)).toBe(true);
    // Two fields: each point holds its group's key parts (shared by the group's points).
    const twoFields = measureSeries(data, { kind: "count", source: "activities" }, { from: "2026-08-16", to: "2026-12-01", grain: "month", groupBy: ["type", "owner"] });
    expect(twoFields.points.map((point) => point.keys)).toContainEqual(["call", "bob"]);
    expect(unfrozen(twoFields)).toEqual([]);
    expect(unfrozen(series)).toEqual([]);
    expect(unfrozen(ratio)).toEqual([]);
    expect(unfrozen(skipped)).toEqual([]);
  });

  it("gives the same baseline as a copy of it (which is parsed): August is partial and left out", () => {
    const copy = JSON.parse(JSON.stringify(series, (_key, value: unknown) => value)) as typeof series;
    const made = baseline(series, { asOf: "2026-12-01", group: "ann" });
    const parsed = baseline(copy, { asOf: "2026-12-01", group: "ann" });
    expect(JSON.stringify(made)).toBe(JSON.stringify(parsed));
    // Sep 30, Oct 40, Nov 0 for ann: the mean of three full months; August (partial) left out
    expect(made.value?.toString()).toBe("23.33333333333333333333333333333333333333");
  });
});
