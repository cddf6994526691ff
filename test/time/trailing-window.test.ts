import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDefinitionError, parseAsOf, resolveCalendar, trailingWindow } from "../../src/index.js";
import { calendarArb, instantArb } from "../arbitraries.js";

const amsterdam = resolveCalendar({ timeZone: "Europe/Amsterdam" });

describe("trailingWindow", () => {
  it("30 days as of 23 November 2026 are 25 October to 23 November, over the 25-hour day of 25 October", () => {
    const window = trailingWindow(parseAsOf("2026-11-23", amsterdam), 30, amsterdam);
    expect(window.firstDay).toBe("2026-10-25");
    expect(window.lastDay).toBe("2026-11-23");
    expect(window.start).toBe("2026-10-25T00:00:00+02:00");
    expect(window.end).toBe("2026-11-24T00:00:00+01:00");
    expect(window.endMs - window.startMs).toBe((30 * 24 + 1) * 3_600_000);
  });

  it("7 days over the 23-hour day of 29 March 2026 in Amsterdam last 7 × 24 − 1 hours", () => {
    const window = trailingWindow(parseAsOf("2026-04-01", amsterdam), 7, amsterdam);
    expect(window.firstDay).toBe("2026-03-26");
    expect(window.endMs - window.startMs).toBe((7 * 24 - 1) * 3_600_000);
  });

  it("an asOf in the middle of a day ends the window there, the day counting as the last day", () => {
    const asOf = Date.parse("2026-11-23T15:00:00+01:00");
    const window = trailingWindow(asOf, 1, amsterdam);
    expect(window.firstDay).toBe("2026-11-23");
    expect(window.start).toBe("2026-11-23T00:00:00+01:00");
    expect(window.endMs).toBe(asOf);
  });

  it("2 days as of 6 September 2026 in Santiago start at midnight on 5 September, though 6 September has no midnight", () => {
    const santiago = resolveCalendar({ timeZone: "America/Santiago" });
    const window = trailingWindow(parseAsOf("2026-09-06", santiago), 2, santiago);
    expect(window.firstDay).toBe("2026-09-05");
    expect(window.lastDay).toBe("2026-09-06");
    expect(window.start).toBe("2026-09-05T00:00:00-04:00");
    expect(window.end).toBe("2026-09-07T00:00:00-03:00");
    expect(window.endMs - window.startMs).toBe((2 * 24 - 1) * 3_600_000);
  });

  it("rejects a window of zero days", () => {
    expect(() => trailingWindow(Date.UTC(2026, 0, 1), 0, amsterdam)).toThrow(KpiDefinitionError);
  });

  it("holds exactly N local calendar days, starting where the first day starts, in every zone", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 120 }), calendarArb, (asOf, days, calendar) => {
        const window = trailingWindow(asOf, days, calendar);
        const first = new TZDate(window.startMs, calendar.timeZone);
        const last = new TZDate(window.endMs - 1, calendar.timeZone);
        // The window starts at the first instant of its first day: the instant before is on the day before.
        expect(differenceInCalendarDays(first, new TZDate(window.startMs - 1, calendar.timeZone))).toBe(1);
        expect([first.getMinutes(), first.getSeconds(), first.getMilliseconds()]).toEqual([0, 0, 0]);
        expect(first.getHours()).toBeLessThanOrEqual(1);
        expect(differenceInCalendarDays(last, first) + 1).toBe(days);
        expect(window.endMs).toBe(asOf);
      }),
      { numRuns: 300 },
    );
  });
});
