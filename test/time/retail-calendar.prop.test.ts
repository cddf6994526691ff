import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodOf, periodsBetween } from "../../src/index.js";
import { instantArb, retailCalendarArb } from "../arbitraries.js";

const WEEK = 604_800_000;
/** Whole local days between two period bounds (DST-proof: read the local dates). */
const localDays = (start: string, end: string) => (Date.parse(end.slice(0, 10)) - Date.parse(start.slice(0, 10))) / 86_400_000;

describe("retail calendar properties", () => {
  it("a retail year has 52 or 53 weeks; its quarters tile it without gaps, and its months tile the quarters", () => {
    fc.assert(
      fc.property(retailCalendarArb, instantArb, (calendar, ms) => {
        const year = periodOf(ms, "year", calendar);
        const weeks = periodsBetween(year.startMs, year.endMs, "week", calendar);
        expect([52, 53]).toContain(weeks.length);
        expect(localDays(year.start, year.end)).toBe(weeks.length * 7);
        const quarters = periodsBetween(year.startMs, year.endMs, "quarter", calendar);
        expect(quarters).toHaveLength(4);
        expect(quarters[0]?.startMs).toBe(year.startMs);
        expect(quarters[3]?.endMs).toBe(year.endMs);
        quarters.forEach((q, i) => {
          if (i > 0) expect(q.startMs).toBe(quarters[i - 1]?.endMs);
          expect(localDays(q.start, q.end)).toBe(i < 3 || weeks.length === 52 ? 91 : 98);
          const months = periodsBetween(q.startMs, q.endMs, "month", calendar);
          expect(months).toHaveLength(3);
          expect(months[0]?.startMs).toBe(q.startMs);
          expect(months[2]?.endMs).toBe(q.endMs);
          const pattern = calendar.retail!.pattern.split("-").map(Number);
          const expected = i === 3 && weeks.length === 53 ? [pattern[0], pattern[1], (pattern[2] as number) + 1] : pattern;
          expect(months.map((m) => localDays(m.start, m.end) / 7)).toEqual(expected);
          expect(q.label).toBe(`${year.label}-Q${i + 1}`);
        });
        // the year ends on the year-end weekday, within 3 days of the month end (nearest) or in that month (last)
        const lastDay = new Date(Date.parse(year.end.slice(0, 10)) - 86_400_000);
        expect(lastDay.getUTCDay()).toBe(calendar.retail!.yearEndWeekday);
        const monthEnd = Date.UTC(lastDay.getUTCFullYear(), calendar.retail!.yearEndMonth, 0);
        const monthEndNear = [monthEnd, Date.UTC(lastDay.getUTCFullYear() - 1, calendar.retail!.yearEndMonth, 0), Date.UTC(lastDay.getUTCFullYear() + 1, calendar.retail!.yearEndMonth, 0)];
        const distance = Math.min(...monthEndNear.map((end) => Math.abs(end - lastDay.getTime()) / 86_400_000));
        if (calendar.retail!.yearEnd === "nearest") expect(distance).toBeLessThanOrEqual(3);
        else expect(lastDay.getTime() <= monthEnd && monthEnd - lastDay.getTime() < WEEK).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("every instant lies in its retail period, and consecutive periods abut", () => {
    fc.assert(
      fc.property(retailCalendarArb, instantArb, fc.constantFrom("week", "month", "quarter", "year") as fc.Arbitrary<"week" | "month" | "quarter" | "year">, (calendar, ms, grain) => {
        const period = periodOf(ms, grain, calendar);
        expect(period.startMs <= ms && ms < period.endMs).toBe(true);
        const next = periodOf(period.endMs, grain, calendar);
        expect(next.startMs).toBe(period.endMs);
        expect(periodOf(period.startMs, grain, calendar)).toEqual(period);
        expect(periodOf(period.endMs - 1, grain, calendar)).toEqual(period);
      }),
      { numRuns: 200 },
    );
  });
});
