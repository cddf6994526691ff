import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPeriodIndex, periodOf, periodsBetween } from "../../src/index.js";
import { calendarArb, grainArb, instantArb } from "../arbitraries.js";

describe("periods partition time", () => {
  it("every instant lies in the period periodOf gives, and that period is half-open", () => {
    fc.assert(
      fc.property(instantArb, grainArb, calendarArb, (ms, grain, calendar) => {
        const period = periodOf(ms, grain, calendar);
        expect(period.startMs).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(period.endMs);
        // The period of its own start is itself, and the instant before its start is elsewhere.
        expect(periodOf(period.startMs, grain, calendar)).toEqual(period);
        expect(periodOf(period.startMs - 1, grain, calendar).endMs).toBe(period.startMs);
        expect(periodOf(period.endMs, grain, calendar).startMs).toBe(period.endMs);
      }),
      { numRuns: 300 },
    );
  });

  it("periods start at local midnight on the right local day", () => {
    fc.assert(
      fc.property(instantArb, grainArb, calendarArb, (ms, grain, calendar) => {
        const start = new TZDate(periodOf(ms, grain, calendar).startMs, calendar.timeZone);
        expect([start.getHours(), start.getMinutes(), start.getSeconds()]).toEqual([0, 0, 0]);
        if (grain === "week") expect(start.getDay()).toBe(calendar.weekStartsOn);
        if (grain === "month" || grain === "quarter" || grain === "year") expect(start.getDate()).toBe(1);
        if (grain === "quarter") expect((start.getMonth() - (calendar.fiscalYearStartMonth - 1) + 12) % 3).toBe(0);
        if (grain === "year") expect(start.getMonth()).toBe(calendar.fiscalYearStartMonth - 1);
      }),
      { numRuns: 300 },
    );
  });

  it("periodsBetween covers [from, to) with abutting periods, no gap or overlap", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 120 * 86_400_000 }), grainArb, calendarArb, (from, length, grain, calendar) => {
        const to = from + length;
        const periods = periodsBetween(from, to, grain, calendar);
        expect(periods.length).toBeGreaterThan(0);
        expect(periods[0]?.startMs).toBeLessThanOrEqual(from);
        expect(periods.at(-1)?.endMs).toBeGreaterThanOrEqual(to);
        expect(periods.at(-1)?.startMs).toBeLessThan(to);
        for (let i = 1; i < periods.length; i++) {
          expect(periods[i]?.startMs).toBe(periods[i - 1]?.endMs);
          expect(periods[i]?.label).not.toBe(periods[i - 1]?.label);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the period index finds, for every instant in range, the period periodOf gives", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 400 * 86_400_000 }), grainArb, calendarArb, fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { maxLength: 20 }), (from, length, grain, calendar, shares) => {
        const periods = periodsBetween(from, from + length, grain, calendar);
        const index = createPeriodIndex(periods);
        const first = periods[0]!.startMs;
        const end = periods.at(-1)!.endMs;
        for (const share of shares) {
          const ms = Math.floor(first + share * (end - first));
          const found = index.indexOf(ms);
          if (ms < first || ms >= end) expect(found).toBe(-1);
          else expect(periods[found]?.label).toBe(periodOf(ms, grain, calendar).label);
        }
      }),
      { numRuns: 150 },
    );
  });
});
