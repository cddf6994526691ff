// Sales cycle length per rep and month (`kpiSeries`), worked by hand: the median is the middle
// of the *sorted* days, whatever order the deals come in, for a rep and for the team.
import { describe, expect, it } from "vitest";
import { catalogKpi, kpiSeries, prepareKpiData } from "../../src/index.js";
import { pipeline, wonDeal } from "../pipeline/fixtures.js";

// Ann wins four deals in March after 30, 5, 10 and 40 days (in that input order), Bob three after
// 9, 1 and 4 days. Ann: mean 85 ÷ 4 = 21.25, median (10 + 30) ÷ 2 = 20. Bob: mean 14 ÷ 3,
// median 4. The team's seven: 1, 4, 5, 9, 10, 30, 40, mean 99 ÷ 7, median 9.
const deals = [
  wonDeal("a1", "100", "2026-02-01", "2026-03-03", "ann"),
  wonDeal("b1", "100", "2026-03-01", "2026-03-10", "bob"),
  wonDeal("a2", "100", "2026-03-01", "2026-03-06", "ann"),
  wonDeal("a3", "100", "2026-03-01", "2026-03-11", "ann"),
  wonDeal("b2", "100", "2026-03-10", "2026-03-11", "bob"),
  wonDeal("a4", "100", "2026-02-01", "2026-03-13", "ann"),
  wonDeal("b3", "100", "2026-03-10", "2026-03-14", "bob"),
];

describe("sales cycle per rep and month", () => {
  it("four deals won after 30, 5, 10 and 40 days: median 20 (the middle two of the sorted days), mean 21.25", () => {
    const data = prepareKpiData({ pipeline, deals });
    const series = kpiSeries(data, catalogKpi("sales-cycle"), { from: "2026-03-01", to: "2026-04-01", grain: "month", groupBy: "owner", asOf: "2026-04-01" });
    const cycle = (group: string | null) => {
      const point = [...series.points, ...series.team].find((p) => p.group === group) as { value: unknown; median?: unknown };
      return [String(point.value), String(point.median)];
    };
    expect(cycle("ann")).toEqual(["21.25", "20"]);
    // 14 ÷ 3 and 99 ÷ 7 at the library's 40 significant digits, rounded half-even.
    expect(cycle("bob")).toEqual(["4.666666666666666666666666666666666666667", "4"]);
    expect(cycle(null)).toEqual(["14.14285714285714285714285714285714285714", "9"]);
  });

  it("41 deals won after 0 to 40 days, in a scrambled order: median 20 (the middle of the sorted days), not the middle deal's 12", () => {
    // Day counts (17 × i) mod 41 for i = 0…40: each of 0…40 once; the 21st deal in input order took 12 days.
    const many = Array.from({ length: 41 }, (_, i) => {
      const days = (17 * i) % 41;
      return wonDeal(`m${i}`, "100", new Date(Date.UTC(2026, 2, 31) - days * 86_400_000).toISOString(), "2026-03-31T00:00:00Z", "cem");
    });
    const series = kpiSeries(prepareKpiData({ pipeline, deals: many }), catalogKpi("sales-cycle"), { from: "2026-03-01", to: "2026-04-01", grain: "month", groupBy: "owner", asOf: "2026-04-01" });
    const point = series.points.find((p) => p.group === "cem") as { value: unknown; median?: unknown };
    // Mean: (0 + 1 + … + 40) ÷ 41 = 820 ÷ 41 = 20.
    expect([String(point.value), String(point.median)]).toEqual(["20", "20"]);
    // Without one of the days (40 deals: 0…39 less the 40-day one), the middle two are 19 and 20.
    const even = kpiSeries(prepareKpiData({ pipeline, deals: many.filter((_, i) => (17 * i) % 41 !== 40) }), catalogKpi("sales-cycle"), {
      from: "2026-03-01",
      to: "2026-04-01",
      grain: "month",
      groupBy: "owner",
      asOf: "2026-04-01",
    });
    expect(String((even.points.find((p) => p.group === "cem") as { median?: unknown }).median)).toBe("19.5");
  });

  it("two owner × product pairs that spell the same group key are one group: both deals' days count (10 and 2 days: mean and median 6)", () => {
    // The key joins the two values with U+001F; a value holding it makes ("a␟b", "c") and ("a", "b␟c") the same key.
    const twins = [
      { ...wonDeal("t1", "100", "2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z", "a\u001fb"), product: "c" },
      { ...wonDeal("t2", "300", "2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", "a"), product: "b\u001fc" },
    ];
    const series = kpiSeries(prepareKpiData({ pipeline, deals: twins }), catalogKpi("sales-cycle"), {
      from: "2026-03-01",
      to: "2026-04-01",
      grain: "month",
      groupBy: ["owner", "product"],
      asOf: "2026-04-01",
    });
    const groups = series.points.filter((p) => p.ratio !== undefined);
    expect(groups.map((p) => [p.rows, String(p.value), String((p as { median?: unknown }).median), String(p.ratio?.numerator), String(p.ratio?.denominator)])).toEqual([[2, "6", "6", "12", "2"]]);
  });
});
