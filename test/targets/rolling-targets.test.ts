import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { rollingTargets } from "../../src/targets/rolling-targets.js";
import { KpiDefinitionError } from "../../src/index.js";
import { ratioSeriesOf, seriesOf } from "../baseline/series-fixture.js";

describe("rollingTargets", () => {
  it("doc example: 186 calls over Aug–Oct (92 days) is 186/92 a day; 30 days → 60.65 without uplift", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", [60, 62, 64]);
    const result = rollingTargets(baseline(series, { asOf: "2026-10-31" }), { windows: [30], uplift: 0 });
    expect(result.dailyRate?.times(92).toString()).toBe("186");
    expect(result.windows[0]?.target?.toFixed(2)).toBe("60.65");
  });

  it("30/60/90 with +10 %: 2 a day over September (30 days of 60)", () => {
    const series = seriesOf("2026-09-01", "2026-10-01", "month", [60]);
    const result = rollingTargets(baseline(series, { asOf: "2026-09-30", periods: 1 }));
    expect(result.windows.map((w) => [w.days, w.baseline?.toString(), w.target?.toString()])).toEqual([
      [30, "60", "66"],
      [60, "120", "132"],
      [90, "180", "198"],
    ]);
  });

  it("lower is better: 60 complaints over September with −10 % gives a 30-day target of 54 (fewer is the goal), 60 days 108", () => {
    const series = seriesOf("2026-09-01", "2026-10-01", "month", [60]);
    const result = rollingTargets(baseline(series, { asOf: "2026-09-30", periods: 1 }), { uplift: 0.1, direction: "lower-is-better" });
    expect(result.direction).toBe("lower-is-better");
    expect(result.windows.map((w) => [w.days, w.baseline?.toString(), w.target?.toString()])).toEqual([
      [30, "60", "54"], // 60 × (1 − 0.1)
      [60, "120", "108"],
      [90, "180", "162"],
    ]);
  });

  it("a median baseline is spread over the average period length", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", [10, 92, 100]);
    const result = rollingTargets(baseline(series, { asOf: "2026-10-31", method: "median" }), { uplift: 0 });
    // median 92 per month; 3 months of 92 days → 3 a day
    expect(result.dailyRate?.toString()).toBe("3");
  });

  it("an insufficient baseline gives no targets; a ratio baseline is refused", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", { bob: [0, 0, 9] });
    const result = rollingTargets(baseline(series, { asOf: "2026-10-31", group: "bob", startedAt: "2026-10-01" }));
    expect(result.sufficient).toBe(false);
    expect(result.windows.every((w) => w.target === null)).toBe(true);
    const ratios = ratioSeriesOf("2026-08-01", "2026-11-01", "month", [[1, 2], [1, 2], [1, 2]]);
    expect(() => rollingTargets(baseline(ratios, { asOf: "2026-10-31" }))).toThrow(KpiDefinitionError);
    expect(() => rollingTargets(baseline(series, { asOf: "2026-10-31" }), { windows: [0] })).toThrow(KpiDefinitionError);
  });
});
