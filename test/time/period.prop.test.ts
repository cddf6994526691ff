import { TZDate, tzOffset } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPeriodIndex, periodOf, periodsBetween, resolveCalendar } from "../../src/index.js";
import { calendarArb, grainArb, instantArb } from "../arbitraries.js";

/**
 * `ms` is the first instant of its local day: the millisecond before it is the last one of the
 * previous local day, and it is on the hour — 00:00, or 01:00 where DST skips midnight.
 */
function expectFirstInstantOfLocalDay(ms: number, timeZone: string): void {
  const start = new TZDate(ms, timeZone);
  const before = new TZDate(ms - 1, timeZone);
  expect([before.getHours(), before.getMinutes(), before.getSeconds(), before.getMilliseconds()]).toEqual([23, 59, 59, 999]);
  expect(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()) - Date.UTC(before.getFullYear(), before.getMonth(), before.getDate())).toBe(86_400_000);
  expect([start.getMinutes(), start.getSeconds(), start.getMilliseconds()]).toEqual([0, 0, 0]);
  expect(start.getHours() === 0 || (start.getHours() === 1 && tzOffset(timeZone, new Date(ms)) > tzOffset(timeZone, new Date(ms - 1)))).toBe(true);
}

/** Days on which DST changes at local midnight, 2024–2028: no 00:00 in spring, a 25-hour eve in autumn. */
const MIDNIGHT_CHANGES = ["America/Santiago", "America/Havana", "Asia/Beirut"].flatMap((timeZone) => {
  const changes: number[] = [];
  for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 3_600_000) {
    if (tzOffset(timeZone, new Date(ms)) !== tzOffset(timeZone, new Date(ms - 3_600_000))) changes.push(ms);
  }
  return changes.map((ms) => ({ timeZone, ms }));
});

describe("periods partition time", () => {
  it("around DST changes at midnight (Santiago, Havana, Beirut) periods abut their neighbours and start on a local day's first instant", () => {
    expect(MIDNIGHT_CHANGES.length).toBe(30);
    fc.assert(
      fc.property(
        fc.constantFrom(...MIDNIGHT_CHANGES),
        fc.integer({ min: -9 * 86_400_000, max: 9 * 86_400_000 }),
        grainArb,
        fc.constantFrom(0, 1, 6) as fc.Arbitrary<0 | 1 | 6>,
        ({ timeZone, ms }, delta, grain, weekStartsOn) => {
          const calendar = resolveCalendar({ timeZone, weekStartsOn });
          const period = periodOf(ms + delta, grain, calendar);
          expect(period.startMs).toBeLessThanOrEqual(ms + delta);
          expect(ms + delta).toBeLessThan(period.endMs);
          expect(periodOf(period.endMs, grain, calendar).startMs).toBe(period.endMs);
          expect(periodOf(period.endMs - 1, grain, calendar)).toEqual(period);
          expect(periodOf(period.startMs - 1, grain, calendar).endMs).toBe(period.startMs);
          expectFirstInstantOfLocalDay(period.startMs, timeZone);
          expectFirstInstantOfLocalDay(period.endMs, timeZone);
          const between = periodsBetween(period.startMs - 1, period.endMs + 20 * 86_400_000, grain, calendar);
          expect(between[1]).toEqual(period);
          for (let i = 1; i < between.length; i++) expect(between[i]?.startMs).toBe(between[i - 1]?.endMs);
          for (const p of between) expect(periodOf(p.startMs, grain, calendar)).toEqual(p);
        },
      ),
      { numRuns: 200 },
    );
  });


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

  it("periods start at local midnight (or 01:00 on a day without one) on the right local day", () => {
    fc.assert(
      fc.property(instantArb, grainArb, calendarArb, (ms, grain, calendar) => {
        const startMs = periodOf(ms, grain, calendar).startMs;
        const start = new TZDate(startMs, calendar.timeZone);
        expectFirstInstantOfLocalDay(startMs, calendar.timeZone);
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
