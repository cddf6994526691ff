import { describe, expect, it } from "vitest";
import { quarterlyTargets } from "../../src/targets/quarterly-targets.js";
import { KpiDefinitionError } from "../../src/index.js";
import { seriesOf } from "../baseline/series-fixture.js";

describe("quarterlyTargets", () => {
  it("doc example: 100 over a fiscal year starting in April, equal weights", () => {
    const result = quarterlyTargets(100, { year: 2027, fiscalYearStartMonth: 4 });
    expect(result.year).toBe("FY2027");
    expect(result.quarters.map((q) => `${q.period.label} ${q.target}`)).toEqual(["FY2027-Q1 25", "FY2027-Q2 25", "FY2027-Q3 25", "FY2027-Q4 25"]);
    expect(result.quarters[0]?.period.start).toBe("2026-04-01T00:00:00Z".replace("Z", "+00:00"));
    expect(result.quarters[3]?.period.end).toBe("2027-04-01T00:00:00+00:00");
  });

  it("€1,000,000 in four equal quarters is 250,000 each; weighted 1:1:1:0 the thirds round to 333,333.33 and the cent they leave goes on the last quarter, as the four must sum to the year (DESIGN: remainder on the last quarter, even at weight 0)", () => {
    const result = quarterlyTargets("1000000", { year: 2027, fiscalYearStartMonth: 4, calendar: { timeZone: "Europe/Amsterdam" } });
    expect(result.quarters.map((q) => q.target.toFixed(2))).toEqual(["250000.00", "250000.00", "250000.00", "250000.00"]);
    const thirds = quarterlyTargets("1000000", { year: 2027, weights: [1, 1, 1, 0] });
    expect(thirds.quarters.map((q) => q.target.toString())).toEqual(["333333.33", "333333.33", "333333.33", "0.01"]);
    expect(quarterlyTargets("100.00", { year: 2027, weights: [1, 1, 1, 1], fiscalYearStartMonth: 4, calendar: { timeZone: "Europe/Amsterdam" } }).quarters[0]?.period.start).toBe(
      "2026-04-01T00:00:00+02:00",
    );
  });

  it("seasonal weights from last fiscal year's months: Q4 (Jan–Mar) sold twice as much", () => {
    // FY2026 = April 2025 .. March 2026: 10 a month, 20 in Jan–Mar
    const lastYear = seriesOf("2025-04-01", "2026-04-01", "month", [10, 10, 10, 10, 10, 10, 10, 10, 10, 20, 20, 20]);
    const result = quarterlyTargets(1500, { year: 2027, fiscalYearStartMonth: 4, weights: lastYear });
    expect(result.weighting).toBe("series");
    expect(result.quarters.map((q) => q.target.toString())).toEqual(["300", "300", "300", "600"]);
    expect(result.quarters.map((q) => q.share.toString())).toEqual(["0.2", "0.2", "0.2", "0.4"]);
  });

  it("weights that add up to 0 are refused", () => {
    expect(() => quarterlyTargets(100, { year: 2027, weights: [0, 0, 0, 0] })).toThrow(KpiDefinitionError);
    expect(() => quarterlyTargets(100, { year: 2027, weights: [1, -1, 1, 1] })).toThrow(KpiDefinitionError);
  });
});
