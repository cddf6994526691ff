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
});
