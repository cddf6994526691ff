import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAsOf, periodOf, resolveCalendar } from "../../src/index.js";
import { addLocalDays } from "../../src/time/local-days.js";
import { calendarArb, instantArb } from "../arbitraries.js";

const santiago = "America/Santiago";

describe("addLocalDays", () => {
  it("matches its documented example: one day before the start of 6 September 2026 in Santiago (01:00) is midnight of 5 September", () => {
    expect(addLocalDays(Date.parse("2026-09-06T01:00:00-03:00"), -1, santiago)).toBe(Date.parse("2026-09-05T00:00:00-04:00"));
  });

  it("30 days after the start of 6 September 2026 in Santiago is midnight of 6 October, not 01:00", () => {
    expect(addLocalDays(Date.parse("2026-09-06T01:00:00-03:00"), 30, santiago)).toBe(Date.parse("2026-10-06T00:00:00-03:00"));
  });

  it("keeps the local time of day of an instant inside a day, over a DST change", () => {
    expect(addLocalDays(Date.parse("2026-09-05T15:30:00-04:00"), 2, santiago)).toBe(Date.parse("2026-09-07T15:30:00-03:00"));
    expect(addLocalDays(Date.parse("2026-03-30T09:00:00+02:00"), -2, "Europe/Amsterdam")).toBe(Date.parse("2026-03-28T09:00:00+01:00"));
  });

  it("moves a day's start to the start of the day that many local days away, in every zone", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: -120, max: 120 }), calendarArb, (ms, days, calendar) => {
        const day = periodOf(ms, "day", calendar);
        const moved = addLocalDays(day.startMs, days, calendar.timeZone);
        const target = periodOf(moved, "day", calendar);
        expect(moved).toBe(target.startMs);
        expect((Date.parse(target.label) - Date.parse(day.label)) / 86_400_000).toBe(days);
      }),
      { numRuns: 200 },
    );
  });

  it("the day after a date-only asOf's end is the day after that, at its start", () => {
    const calendar = resolveCalendar({ timeZone: santiago });
    expect(addLocalDays(parseAsOf("2026-09-05", calendar), 1, santiago)).toBe(parseAsOf("2026-09-06", calendar));
  });
});
