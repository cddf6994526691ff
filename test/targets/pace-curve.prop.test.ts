import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pace } from "../../src/index.js";
import { toDecimal } from "../../src/core/decimal.js";
import { TIME_ZONES } from "../arbitraries.js";

const DAY = 86_400_000;
const money = fc.integer({ min: -100_000, max: 10_000_000 }).map((c) => (c / 100).toFixed(2));

describe("pace curve properties", () => {
  it("required run-rate × remaining working days = target − to-date, exactly", () => {
    fc.assert(
      fc.property(
        money,
        money,
        fc.integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2028, 0, 1) / DAY }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: -10, max: 130 }),
        fc.constantFrom(...TIME_ZONES),
        fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
        fc.constantFrom("time" as const, "working-days" as const),
        (toDate, target, startDay, length, asOfDay, timeZone, workingDays, elapsedBy) => {
          const day = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
          const result = pace(toDate, target, { periodStart: day(startDay), periodEnd: day(startDay + length), asOf: day(startDay + asOfDay), calendar: { timeZone }, workingDays, elapsedBy });
          const rate = result.requiredRunRate;
          const gap = toDecimal(target).minus(toDate);
          // the run-rate's parts are exact; so is their product where the division terminates
          expect(rate.numerator.eq(gap)).toBe(true);
          expect(rate.denominator.toNumber()).toBe(result.workingDays.remaining);
          if (rate.value !== null) {
            const back = rate.value.times(rate.denominator);
            // exact whenever gap ÷ days terminates (days of 2s and 5s, or gap a multiple of days)
            if (gap.mod(rate.denominator).isZero() || [1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50].includes(rate.denominator.toNumber())) expect(back.eq(gap)).toBe(true);
            else expect(back.minus(gap).abs().lte(gap.abs().times("1e-38"))).toBe(true);
          } else expect(result.workingDays.remaining).toBe(0);
          // working days: ended + remaining = total, and elapsed share in [0, 1]
          expect(result.workingDays.elapsed + result.workingDays.remaining).toBe(result.workingDays.total);
          expect(result.elapsed.gte(0) && result.elapsed.lte(1)).toBe(true);
          // the brute-force count of working days
          const brute = Array.from({ length }, (_, i) => startDay + i).filter((d) => workingDays.includes(new Date(d * DAY).getUTCDay())).length;
          expect(result.workingDays.total).toBe(brute);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("by working days, the status is that of projected = to-date ÷ (ended ÷ total working days)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 29 }), (toDate, target, asOf) => {
        const result = pace(toDate, target, { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: `2026-06-${String(asOf).padStart(2, "0")}`, elapsedBy: "working-days" });
        const { elapsed, total } = result.workingDays;
        if (elapsed === 0) return expect(result.projected).toBeNull();
        const projected = (toDate * total) / elapsed;
        const status = projected > target * 1.05 + 1e-9 ? "ahead" : projected < target * 0.95 - 1e-9 ? "behind" : "on-track";
        if (Math.abs(projected - target * 1.05) > 1e-6 && Math.abs(projected - target * 0.95) > 1e-6) expect(result.status).toBe(status);
      }),
      { numRuns: 200 },
    );
  });
});
