import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { KpiDefinitionError } from "../../src/index.js";
import { ratioSeriesOf, seriesOf } from "./series-fixture.js";

describe("baseline", () => {
  it("doc example: calls 40, 50, 60 in Aug–Oct give a mean baseline of 50 as of 23 November", () => {
    const series = seriesOf("2026-08-01", "2026-12-01", "month", [40, 50, 60, 5]);
    const result = baseline(series, { asOf: "2026-11-23", periods: 3 });
    expect(result.value?.toString()).toBe("50");
    expect(result.periods.map((p) => p.label)).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(result.sufficient).toBe(true);
    expect(result.min?.toString()).toBe("40");
    expect(result.max?.toString()).toBe("60");
    // population standard deviation of 40, 50, 60: √(200/3)
    expect(result.stdDev?.toFixed(6)).toBe("8.164966");
    expect(result.total?.toString()).toBe("150");
    expect(result.days).toBe(31 + 30 + 31);
  });

  it("the standard deviation is found when first read, yet reads like a plain field: in JSON, after the caller changes `values`, and when set", () => {
    const series = seriesOf("2026-08-01", "2026-12-01", "month", [40, 50, 60, 5]);
    const result = baseline(series, { asOf: "2026-11-23", periods: 3 });
    const keys = Object.keys(result);
    // Where it always was: between max and total.
    expect(keys.slice(keys.indexOf("max"), keys.indexOf("max") + 3)).toEqual(["max", "stdDev", "total"]);
    (result.values as unknown as unknown[]).length = 0;
    expect(result.stdDev?.toFixed(6)).toBe("8.164966");
    expect(JSON.parse(JSON.stringify(result)).stdDev).toBe(result.stdDev?.toString());
    (result as { stdDev: unknown }).stdDev = null;
    expect(result.stdDev).toBeNull();
    expect(Object.keys(result)).toEqual(keys);
  });

  it("the standard deviation of a frozen baseline, of a spread copy and of an object built on a baseline is the same √(200/3); two baselines keep their own", () => {
    const series = seriesOf("2026-08-01", "2026-12-01", "month", [40, 50, 60, 5]);
    const frozen = Object.freeze(baseline(series, { asOf: "2026-11-23", periods: 3 }));
    expect(frozen.stdDev?.toFixed(6)).toBe("8.164966");
    expect(frozen.stdDev?.toFixed(6)).toBe("8.164966");
    const copy = { ...baseline(series, { asOf: "2026-11-23", periods: 3 }) };
    expect(copy.stdDev?.toFixed(6)).toBe("8.164966");
    const derived = Object.create(baseline(series, { asOf: "2026-11-23", periods: 3 })) as { stdDev: { toFixed(d: number): string } | null };
    expect(derived.stdDev?.toFixed(6)).toBe("8.164966");
    // 5 alone (one period) spreads by 0; 40, 50, 60 by √(200/3), whichever is read first.
    const one = baseline(series, { asOf: "2026-12-01T00:00:00Z", periods: 1 });
    const three = baseline(series, { asOf: "2026-11-23", periods: 3 });
    expect(one.stdDev?.toString()).toBe("0");
    expect(three.stdDev?.toFixed(6)).toBe("8.164966");
  });

  it("the month holding asOf is left out, but an asOf on the month's last day completes it", () => {
    const series = seriesOf("2026-08-01", "2026-12-01", "month", [40, 50, 60, 90]);
    expect(baseline(series, { asOf: "2026-11-29", periods: 1 }).value?.toString()).toBe("60");
    expect(baseline(series, { asOf: "2026-11-30", periods: 1 }).value?.toString()).toBe("90");
    expect(baseline(series, { asOf: "2026-12-01T00:00:00Z", periods: 1 }).value?.toString()).toBe("90");
    expect(baseline(series, { asOf: "2026-11-30T23:59:59Z", periods: 1 }).value?.toString()).toBe("60");
  });

  it("median and trimmed mean ignore one bad month", () => {
    const series = seriesOf("2026-07-01", "2026-11-01", "month", [10, 12, 200, 14]);
    expect(baseline(series, { asOf: "2026-10-31", periods: 4, method: "median" }).value?.toString()).toBe("13");
    expect(baseline(series, { asOf: "2026-10-31", periods: 4, method: "trimmed-mean" }).value?.toString()).toBe("13");
    expect(baseline(series, { asOf: "2026-10-31", periods: 4, method: "mean" }).value?.toString()).toBe("59");
  });

  it("a rep hired in October has one month of data: insufficient, no value, but the month is shown", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", { ann: [10, 20, 30], bob: [0, 0, 12] });
    const result = baseline(series, { asOf: "2026-11-23", group: "bob", startedAt: "2026-10-01" });
    expect(result.sufficient).toBe(false);
    expect(result.value).toBeNull();
    expect(result.reason).toContain("only 1 of the last 3");
    expect(result.periods.map((p) => p.label)).toEqual(["2026-10"]);
    expect(result.excluded.map((e) => [e.period.label, e.reason])).toEqual([
      ["2026-08", "before-start"],
      ["2026-09", "before-start"],
    ]);
    expect(result.min?.toString()).toBe("12");
    // with minPeriods 1 the one month is the baseline
    expect(baseline(series, { asOf: "2026-11-23", group: "bob", startedAt: "2026-10-01", minPeriods: 1 }).value?.toString()).toBe("12");
    // a rep who started on 2 October was not on board for the whole of October
    expect(baseline(series, { asOf: "2026-11-23", group: "bob", startedAt: "2026-10-02", minPeriods: 1 }).sufficient).toBe(false);
  });

  it("a grouped series without a group gives the team: the sum of the reps", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", { ann: [10, 20, 30], bob: [1, 2, 3] });
    expect(baseline(series, { asOf: "2026-10-31" }).value?.toString()).toBe("22");
  });

  it("periods the series does not cover are not data", () => {
    const series = seriesOf("2026-10-01", "2026-11-01", "month", [30]);
    const result = baseline(series, { asOf: "2026-11-23", minPeriods: 1 });
    expect(result.value?.toString()).toBe("30");
    expect(result.excluded.map((e) => e.reason)).toEqual(["not-covered", "not-covered"]);
  });

  it("ratio months without a denominator are left out", () => {
    const series = ratioSeriesOf("2026-08-01", "2026-11-01", "month", [
      [1, 4],
      [0, 0],
      [3, 4],
    ]);
    const result = baseline(series, { asOf: "2026-10-31", minPeriods: 2 });
    expect(result.value?.toString()).toBe("0.5");
    expect(result.total).toBeNull();
    expect(result.excluded.map((e) => [e.period.label, e.reason])).toEqual([["2026-09", "no-value"]]);
  });

  it("rejects options that make no sense", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", [1, 2, 3]);
    expect(() => baseline(series, { asOf: "2026-10-31", periods: 2, minPeriods: 3 })).toThrow(KpiDefinitionError);
    expect(() => baseline(series, { asOf: "2026-10-31", group: "ann" })).toThrow(/not grouped/);
    const grouped = seriesOf("2026-08-01", "2026-11-01", "month", { ann: [1, 2, 3] });
    expect(() => baseline(grouped, { asOf: "2026-10-31", group: "bob" })).toThrow(/not in the series/);
    // a series measured in Amsterdam read with the UTC calendar
    const amsterdam = seriesOf("2026-08-01", "2026-11-01", "month", [1, 2, 3], { timeZone: "Europe/Amsterdam" });
    expect(() => baseline(amsterdam, { asOf: "2026-10-31" })).toThrow(/line up/);
    expect(baseline(amsterdam, { asOf: "2026-10-31", calendar: { timeZone: "Europe/Amsterdam" } }).value?.toString()).toBe("2");
  });
});
