import { describe, expect, it } from "vitest";
import { measureSeries, periodOverPeriod, periodToDate, type KpiData } from "../../src/index.js";

describe("periodOverPeriod", () => {
  it("calls grew 25% in February and fell 100% in an empty March (the doc example)", () => {
    const series = measureSeries(
      {
        activities: [
          { owner: "ann", type: "call", at: "2026-01-05", quantity: 4 },
          { owner: "ann", type: "call", at: "2026-02-05", quantity: 5 },
        ],
      },
      { kind: "count", source: "activities" },
      { from: "2026-01-01", to: "2026-04-01", grain: "month" },
    );
    const growth = periodOverPeriod(series);
    expect(growth.points.map((p) => p.growth?.value?.toString() ?? null)).toEqual(["0.25", "-1"]);
    expect(growth.points.map((p) => `${p.previousPeriod.label}→${p.period.label}`)).toEqual(["2026-01→2026-02", "2026-02→2026-03"]);
    expect(growth.points.every((p) => !p.partial)).toBe(true);
  });

  it("growth from an empty month is null, not infinite; per rep separately", () => {
    const series = measureSeries(
      { reps: [{ id: "ann" }, { id: "bob" }], activities: [{ owner: "ann", type: "call", at: "2026-02-05", quantity: 3 }, { owner: "bob", type: "call", at: "2026-01-05" }, { owner: "bob", type: "call", at: "2026-02-05", quantity: 2 }] },
      { kind: "count", source: "activities" },
      { from: "2026-01-01", to: "2026-03-01", grain: "month", groupBy: "owner" },
    );
    const points = periodOverPeriod(series).points;
    expect(points.map((p) => [p.group, p.growth?.numerator.toString(), p.growth?.denominator.toString(), p.growth?.value?.toString() ?? null])).toEqual([
      ["ann", "3", "0", null],
      ["bob", "1", "1", "1"],
    ]);
  });

  it("a month cut short by `to` is flagged partial", () => {
    const series = measureSeries({ activities: [] }, { kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-10", grain: "month" });
    expect(periodOverPeriod(series).points.map((p) => p.partial)).toEqual([true]);
  });

  it("growth of a ratio series is null when a ratio has no value", () => {
    const series = measureSeries(
      { activities: [{ owner: "ann", type: "call", at: "2026-01-05", quantity: 2 }, { owner: "ann", type: "meeting", at: "2026-01-06" }] },
      { kind: "ratio", numerator: { kind: "count", source: "activities", where: { type: "meeting" } }, denominator: { kind: "count", source: "activities", where: { type: "call" } } },
      { from: "2026-01-01", to: "2026-03-01", grain: "month" },
    );
    expect(periodOverPeriod(series).points[0]?.growth).toBeNull();
  });
});

describe("periodToDate", () => {
  it("compares 9 days of April with the same share of March (the doc example)", () => {
    const result = periodToDate(
      {
        activities: [
          { owner: "ann", type: "call", at: "2026-03-03", quantity: 4 },
          { owner: "ann", type: "call", at: "2026-03-25", quantity: 9 },
          { owner: "ann", type: "call", at: "2026-04-05", quantity: 5 },
        ],
      },
      { kind: "count", source: "activities" },
      { asOf: "2026-04-09", grain: "month" },
    );
    expect(result.total.current?.toString()).toBe("5");
    expect(result.total.previous?.toString()).toBe("4");
    expect(result.total.growth?.value?.toString()).toBe("0.25");
    expect(result.currentPeriod.label).toBe("2026-04");
    expect(result.previousPeriod.label).toBe("2026-03");
    expect(result.elapsedShare.value?.toString()).toBe("0.3");
    // 30% of March's 31 days = 9.3 days: up to 10 March 07:12
    expect(result.previousRange.to).toBe("2026-03-10T07:12:00Z".replace("Z", "+00:00"));
  });

  it("as of the last day of a month, whole months are compared, per rep", () => {
    const data: KpiData = {
      reps: [{ id: "ann" }, { id: "bob" }],
      activities: [
        { owner: "ann", type: "call", at: "2026-01-31T22:00:00Z", quantity: 2 },
        { owner: "ann", type: "call", at: "2026-02-28T12:00:00Z", quantity: 3 },
      ],
    };
    const result = periodToDate(data, { kind: "count", source: "activities" }, { asOf: "2026-02-28", grain: "month", groupBy: "owner" });
    expect(result.elapsedShare.value?.toString()).toBe("1");
    expect(result.byGroup.map((v) => [v.group, v.previous?.toString(), v.current?.toString(), v.growth?.value?.toString() ?? null])).toEqual([
      ["ann", "2", "3", "0.5"],
      ["bob", "0", "0", null],
    ]);
  });
});
