import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR, periodsBetween } from "../../src/index.js";
import { toDecimal } from "../../src/core/decimal.js";
import { type PlanFromSeriesOptions, planFromSeries, planOf, resolvePlanOptions } from "../../src/targets/plan-from-series.js";

const months = periodsBetween(Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1), "month", DEFAULT_CALENDAR); // 24 months
const value = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 100_000 }).map((c) => (c / 100).toFixed(2)));
const values = fc.array(fc.option(value, { nil: null, freq: 8 }), { minLength: 24, maxLength: 24 });
const options = fc.record({
  startMonth: fc.integer({ min: 0, max: 20 }),
  asOfMonth: fc.integer({ min: 0, max: 24 }),
  direction: fc.constantFrom("higher-is-better" as const, "lower-is-better" as const),
  baselinePeriods: fc.integer({ min: 1, max: 4 }),
  raiseAfter: fc.integer({ min: 1, max: 3 }),
  raiseStep: fc.constantFrom(0, 0.05, "0.1", 3),
  raiseBy: fc.constantFrom("relative" as const, "absolute" as const),
  uplift: fc.constantFrom(0, 0.1, "0.25"),
  method: fc.constantFrom("mean" as const, "median" as const, "trimmed-mean" as const),
});
const iso = (i: number) => new Date(Date.UTC(2025, i, 1)).toISOString();
/** The plan options of a drawn `options` record. */
const planOptions = (o: { startMonth: number; asOfMonth: number } & Omit<PlanFromSeriesOptions, "start" | "asOf">): PlanFromSeriesOptions => {
  const { startMonth, asOfMonth, ...rest } = o;
  return { ...rest, start: iso(startMonth), asOf: iso(asOfMonth) };
};

describe("target plan properties", () => {
  it("under the default policy a KPI's targets never get easier, whatever the data", () => {
    fc.assert(
      fc.property(values, options, (vals, o) => {
        const plan = planFromSeries(months, vals, planOptions(o));
        const targets = plan.periods.map((p) => p.target);
        for (let i = 1; i < targets.length; i++) {
          const [before, now] = [targets[i - 1], targets[i]];
          if (before === null || before === undefined || now === null || now === undefined) {
            expect(now ?? null).toBe(before ?? null); // no target stays no target
            continue;
          }
          if (o.direction === "higher-is-better") expect(now.gte(before)).toBe(true);
          else expect(now.lte(before)).toBe(true);
          // a change only ever follows a met period
          if (!now.eq(before)) expect(plan.periods[i - 1]?.met).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a step-by-step reference (mean baseline, relative step)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 24, maxLength: 24 }), fc.integer({ min: 3, max: 20 }), fc.integer({ min: 1, max: 3 }), (vals, start, raiseAfter) => {
        const plan = planFromSeries(months, vals, { start: iso(start), asOf: iso(24), raiseAfter });
        // reference in plain rationals: b = mean of the 3 months before, T = 1.1·b, ×1.05 after raiseAfter met in a row
        const b = (vals[start - 1]! + vals[start - 2]! + vals[start - 3]!) / 3;
        let t = b * 1.1;
        let streak = 0;
        const expected: number[] = [];
        for (let i = start; i < 24; i++) {
          expected.push(t);
          if (vals[i]! >= t - 1e-9 * t) {
            if (++streak >= raiseAfter) {
              t *= 1.05;
              streak = 0;
            }
          } else streak = 0;
        }
        const got = plan.periods.map((p) => Number(p.target));
        expect(got).toHaveLength(expected.length);
        got.forEach((g, i) => expect(Math.abs(g - expected[i]!) / expected[i]!).toBeLessThan(1e-9));
      }),
      { numRuns: 200 },
    );
  });

  it("rate targets stay in [0, 1]", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 100 }).map((p) => p / 100), { nil: null }), { minLength: 24, maxLength: 24 }), options, (vals, o) => {
        const plan = planFromSeries(months, vals, { start: iso(o.startMonth), asOf: iso(24), rate: true, additive: false, direction: o.direction, raiseAfter: o.raiseAfter, raiseStep: o.raiseStep, raiseBy: o.raiseBy, uplift: o.uplift });
        for (const p of plan.periods) if (p.target !== null) expect(p.target.gte(0) && p.target.lte(1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("a plan made for some periods only (a scorecard's reviewed and current ones) has exactly the full plan's entries there, reasons included", () => {
    fc.assert(
      fc.property(
        values,
        options,
        fc.record({ policy: fc.constantFrom("ratchet" as const, "rolling" as const), allowDecrease: fc.boolean(), rate: fc.boolean() }),
        fc.subarray([...months.keys()]),
        (vals, o, more, picked) => {
          const resolved = resolvePlanOptions({ ...planOptions(o), ...more });
          const parsed = vals.map((v) => (v === null ? null : toDecimal(v)));
          const full = planOf(months, parsed, resolved);
          const starts = picked.map((i) => months[i]!.startMs);
          const some = planOf(months, parsed, resolved, undefined, starts);
          expect(some.periods).toEqual(full.periods.filter((entry) => starts.includes(entry.period.startMs)));
          expect(some.baseline).toEqual(full.baseline);
          expect([some.firstTarget, some.sufficient, some.reason, some.baselineReason]).toEqual([full.firstTarget, full.sufficient, full.reason, full.baselineReason]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("order of periods is fixed; the plan does not mutate its input", () => {
    fc.assert(
      fc.property(values, (vals) => {
        const copy = [...vals];
        planFromSeries(months, vals, { start: iso(6), asOf: iso(20) });
        expect(vals).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });
});
