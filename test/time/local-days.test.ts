import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAsOf, periodOf, resolveCalendar } from "../../src/index.js";
import { TZDate } from "@date-fns/tz";
import { addLocalDays, localDayNumbers } from "../../src/time/local-days.js";
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

describe("localDayNumbers", () => {
  /** The reference: the wall-clock date of the instant in the zone, as days since 1970-01-01. */
  const wallDay = (ms: number, timeZone: string) => {
    const local = new TZDate(ms, timeZone);
    return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / 86_400_000;
  };
  const zones = ["UTC", "Europe/Amsterdam", "America/Santiago", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Apia", "America/St_Johns"];
  // Remembered days run from 1790 to 2149; instants before and after take another path.
  const farArb = fc.oneof(fc.integer({ min: Date.UTC(1700, 0, 1), max: Date.UTC(1800, 0, 1) }), fc.integer({ min: Date.UTC(2140, 0, 1), max: Date.UTC(2300, 0, 1) }));

  it("is the wall-clock date of every instant, in every zone, near DST changes and far from today", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.oneof(instantArb, farArb, fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(1940, 0, 1) })), (timeZone, ms) => {
        const day = localDayNumbers(timeZone);
        // Asked twice: the remembered answer equals the first.
        expect([day(ms), day(ms)]).toEqual([wallDay(ms, timeZone), wallDay(ms, timeZone)]);
      }),
      { numRuns: 2000 },
    );
  });

  it("is the wall-clock date of many instants a few years apart (the remembered days are read again)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instantArb, fc.array(fc.integer({ min: 0, max: 4 * 366 * 86_400_000 }), { minLength: 50, maxLength: 300 }), (timeZone, base, offsets) => {
        const day = localDayNumbers(timeZone);
        const instants = offsets.map((offset) => base - 2 * 366 * 86_400_000 + offset);
        expect(instants.map(day)).toEqual(instants.map((ms) => wallDay(ms, timeZone)));
      }),
      { numRuns: 100 },
    );
  });

  it("puts 23:30 on 31 March 2026 in Amsterdam (21:30Z) on 31 March and 22:30Z on 1 April", () => {
    const day = localDayNumbers("Europe/Amsterdam");
    expect(day(Date.parse("2026-03-31T21:30:00Z"))).toBe(Date.UTC(2026, 2, 31) / 86_400_000);
    expect(day(Date.parse("2026-03-31T22:30:00Z"))).toBe(Date.UTC(2026, 3, 1) / 86_400_000);
  });
});
