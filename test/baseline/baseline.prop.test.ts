import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { KpiDecimal } from "../../src/index.js";
import { seriesOf } from "./series-fixture.js";

const MONTHS = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01"];
const amount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 99_999_999 }).map((c) => (c / 100).toFixed(2)));
const method = fc.constantFrom("mean" as const, "median" as const, "trimmed-mean" as const);

/** Six months of values per rep (zero-filled), 1..4 reps. */
const team = fc.array(fc.array(amount, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 4 });

function grouped(values: ReadonlyArray<ReadonlyArray<number | string>>) {
  const byRep: Record<string, ReadonlyArray<number | string>> = {};
  values.forEach((row, i) => {
    byRep[`rep-${i}`] = row;
  });
  return seriesOf("2026-01-01", "2026-07-01", "month", byRep);
}

describe("baseline properties", () => {
  it("with zero-filled data and the mean, the team baseline is the sum of the rep baselines", () => {
    fc.assert(
      fc.property(team, fc.integer({ min: 1, max: 6 }), (values, periods) => {
        const series = grouped(values);
        const asOf = "2026-06-30";
        const teamBaseline = baseline(series, { asOf, periods });
        const reps = series.groups.map((group) => baseline(series, { asOf, periods, group }));
        const sumOfReps = reps.reduce((sum, rep) => sum.plus(rep.value ?? 0), new KpiDecimal(0));
        // the totals agree exactly; the means up to the 40-digit division
        expect(teamBaseline.total?.toString()).toBe(reps.reduce((sum, rep) => sum.plus(rep.total ?? 0), new KpiDecimal(0)).toString());
        expect(teamBaseline.value?.minus(sumOfReps).abs().lte("1e-30")).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("the baseline lies in [min, max] for every method, and the periods used are complete and before asOf", () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 6, maxLength: 6 }), method, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), (values, m, periods, monthIndex) => {
        const series = seriesOf("2026-01-01", "2026-07-01", "month", values);
        const asOf = `${MONTHS[monthIndex + 1]?.slice(0, 8)}15`;
        const result = baseline(series, { asOf, periods, method: m, minPeriods: 1 });
        const asOfMs = result.asOf.endMs;
        for (const period of result.periods) expect(period.endMs).toBeLessThanOrEqual(asOfMs);
        expect(result.window.length).toBe(periods);
        if (result.value !== null) {
          expect(result.value.gte(result.min ?? 0)).toBe(true);
          expect(result.value.lte(result.max ?? 0)).toBe(true);
        }
        // the window covers months before the month holding asOf
        expect(result.window[result.window.length - 1]?.endMs).toBe(Date.UTC(2026, monthIndex + 1, 1));
      }),
      { numRuns: 150 },
    );
  });

  it("min, max, median and trimmed mean are those of the window's values sorted by a reference sort", () => {
    // Few distinct values, so equal ones are common (equal Decimals are indistinguishable, so
    // any correct sort gives the same); windows of up to 20 months, past the insertion sort's 16.
    const value = fc.oneof(fc.constantFrom(0, 5, 7), amount);
    fc.assert(
      fc.property(fc.array(value, { minLength: 20, maxLength: 20 }), fc.integer({ min: 1, max: 20 }), (values, periods) => {
        const used = values.slice(20 - periods).map((v) => new KpiDecimal(v));
        // Reference: bubble sort by decimal.js's own comparison.
        const sorted = used.slice();
        for (let i = 0; i < sorted.length; i++)
          for (let j = 0; j + 1 < sorted.length - i; j++)
            if ((sorted[j] as KpiDecimal).comparedTo(sorted[j + 1] as KpiDecimal) > 0) [sorted[j], sorted[j + 1]] = [sorted[j + 1] as KpiDecimal, sorted[j] as KpiDecimal];
        const n = sorted.length;
        const middle = n % 2 === 1 ? (sorted[(n - 1) / 2] as KpiDecimal) : (sorted[n / 2 - 1] as KpiDecimal).plus(sorted[n / 2] as KpiDecimal).div(2);
        const inner = n >= 3 ? sorted.slice(1, -1) : sorted;
        const trimmed = inner.reduce((a, b) => a.plus(b), new KpiDecimal(0)).div(inner.length);
        const series = seriesOf("2024-11-01", "2026-07-01", "month", values);
        const median = baseline(series, { asOf: "2026-06-30", periods, method: "median" });
        expect(median.min?.toString()).toBe(sorted[0]?.toString());
        expect(median.max?.toString()).toBe(sorted[n - 1]?.toString());
        expect(median.value?.toString()).toBe(middle.toString());
        expect(median.periods.length).toBe(periods);
        expect(baseline(series, { asOf: "2026-06-30", periods, method: "trimmed-mean" }).value?.toString()).toBe(trimmed.toString());
      }),
      { numRuns: 300 },
    );
  });

  it("the median (and the trimmed mean) ignore one outlier period", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 3, max: 6 }), fc.integer({ min: 1, max: 10 ** 9 }), (values, periods, outlier) => {
        const used = values.slice(6 - periods);
        const highest = Math.max(...used);
        const at = 6 - periods + used.indexOf(highest);
        const spiked = values.map((v, i) => (i === at ? highest + outlier : v));
        for (const m of ["median", "trimmed-mean"] as const) {
          const before = baseline(seriesOf("2026-01-01", "2026-07-01", "month", values), { asOf: "2026-06-30", periods, method: m });
          const after = baseline(seriesOf("2026-01-01", "2026-07-01", "month", spiked), { asOf: "2026-06-30", periods, method: m });
          expect(after.value?.toString()).toBe(before.value?.toString());
        }
      }),
      { numRuns: 100 },
    );
  });

  it("does not depend on the order of the points and does not change the series", () => {
    fc.assert(
      fc.property(team, method, fc.integer({ min: 0, max: 1000 }), (values, m, seed) => {
        const series = grouped(values);
        const copy = JSON.stringify(series);
        const shuffled = { ...series, points: [...series.points].sort((a, b) => ((a.rows * 7 + seed + a.period.startMs) % 5) - ((b.rows * 3 + b.period.startMs) % 5)).reverse() };
        const a = baseline(series, { asOf: "2026-06-30", method: m, periods: 4 });
        const b = baseline(shuffled, { asOf: "2026-06-30", method: m, periods: 4 });
        expect(b.value?.toString()).toBe(a.value?.toString());
        expect(b.stdDev?.toString()).toBe(a.stdDev?.toString());
        expect(JSON.stringify(series)).toBe(copy);
      }),
      { numRuns: 50 },
    );
  });

  it("is insufficient exactly when fewer than minPeriods periods have data", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }), (periods, minRaw, startIndex) => {
        const minPeriods = Math.min(minRaw, periods);
        const series = seriesOf("2026-01-01", "2026-07-01", "month", { rep: [1, 2, 3, 4, 5, 6] });
        const startedAt = MONTHS[startIndex] as string;
        const result = baseline(series, { asOf: "2026-06-30", periods, minPeriods, group: "rep", startedAt });
        const withData = Math.min(periods, 6 - startIndex);
        expect(result.periods.length).toBe(withData);
        expect(result.sufficient).toBe(withData >= minPeriods);
        expect(result.value === null).toBe(!result.sufficient);
      }),
      { numRuns: 100 },
    );
  });
});

describe("baseline window", () => {
  it("is the same whether the series runs past asOf or stops before it (weeks in Amsterdam)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 30, maxLength: 30 }), fc.integer({ min: 10, max: 200 }), fc.integer({ min: 1, max: 6 }), (values, day, periods) => {
        const calendar = { timeZone: "Europe/Amsterdam" };
        const long = seriesOf("2026-01-05", "2026-08-03", "week", values, calendar);
        const asOf = new Date(Date.UTC(2026, 0, 5) + day * 86_400_000).toISOString().slice(0, 10);
        const viaSeries = baseline(long, { asOf, periods, calendar, minPeriods: 1 });
        // the same weeks, from a series that ends with the last complete week
        const lastEnd = viaSeries.window[viaSeries.window.length - 1]?.end.slice(0, 10) ?? "";
        const short = seriesOf("2026-01-05", lastEnd, "week", values, calendar);
        const viaCalendar = baseline(short, { asOf, periods, calendar, minPeriods: 1 });
        expect(viaCalendar.window.map((p) => p.label)).toEqual(viaSeries.window.map((p) => p.label));
        expect(viaCalendar.value?.toString()).toBe(viaSeries.value?.toString());
      }),
      { numRuns: 60 },
    );
  });
});
