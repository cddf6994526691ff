import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseline, DEFAULT_CALENDAR, KpiDecimal, type KpiSeries, type KpiSeriesPoint, periodsBetween, ratio } from "../../src/index.js";
import { repBaseline } from "../../src/report/rep-baseline.js";

const PERIODS = periodsBetween(Date.UTC(2025, 6, 1), Date.UTC(2026, 4, 1), "month", DEFAULT_CALENDAR); // Jul 2025 – Apr 2026

const valueArb = fc.oneof(
  fc.integer({ min: 0, max: 50 }).map((n) => ({ n, d: null as number | null })),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([n, d]) => ({ n, d: d as number | null })),
);

const caseArb = fc.record({
  additive: fc.boolean(),
  values: fc.array(valueArb, { minLength: PERIODS.length, maxLength: PERIODS.length }),
  periods: fc.integer({ min: 1, max: 6 }),
  method: fc.constantFrom("mean" as const, "median" as const, "trimmed-mean" as const),
  started: fc.option(fc.integer({ min: 0, max: PERIODS.length - 1 }).chain((i) => fc.constantFrom(PERIODS[i]!.startMs, PERIODS[i]!.startMs + 86_400_000))),
  left: fc.option(fc.integer({ min: 0, max: PERIODS.length - 1 }).chain((i) => fc.constantFrom(PERIODS[i]!.endMs, PERIODS[i]!.endMs - 86_400_000))),
});

describe("repBaseline (the scorecard's per-rep baseline) equals baseline()", () => {
  it("for counts and ratios, every method, new reps and leavers", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const points: KpiSeriesPoint[] = PERIODS.map((period, i) => {
          const v = c.values[i]!;
          if (c.additive) return { period, group: "ann", value: new KpiDecimal(v.n), rows: v.n };
          const parts = ratio(v.n, v.d ?? 0);
          return { period, group: "ann", value: parts.value, ratio: parts, rows: v.n };
        });
        const last = PERIODS[PERIODS.length - 1]!;
        const series: KpiSeries = {
          grain: "month",
          bounds: { start: PERIODS[0]!.start, end: last.end, startMs: PERIODS[0]!.startMs, endMs: last.endMs },
          periods: PERIODS,
          groupBy: "owner",
          groups: ["ann"],
          additive: c.additive,
          points,
          rowsUsed: 0,
          rowsSkipped: 0,
          skippedReasons: {},
        };
        // review the last period: the baseline window is the `periods` before it
        const reviewed = last;
        const window = PERIODS.slice(-1 - c.periods, -1);
        const started = c.started ?? undefined;
        const left = c.left !== null && c.left !== undefined && started !== undefined && c.left < started ? undefined : (c.left ?? undefined);
        const expected = baseline(series, {
          asOf: new Date(reviewed.startMs).toISOString(),
          periods: c.periods,
          method: c.method,
          group: "ann",
          calendar: DEFAULT_CALENDAR,
          ...(started === undefined ? {} : { startedAt: new Date(started).toISOString() }),
          ...(left === undefined ? {} : { leftAt: new Date(left).toISOString() }),
        });
        const byStart = new Map(points.map((point) => [point.period.startMs, point]));
        const actual = repBaseline(byStart, window, c.method, c.periods, started, left);
        expect(actual.sufficient).toBe(expected.sufficient);
        expect(actual.value?.toString() ?? null).toBe(expected.value?.toString() ?? null);
      }),
      { numRuns: 150 },
    );
  });
});
