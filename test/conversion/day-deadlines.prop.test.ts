// A conversion window's deadline — the start of the local day `windowDays + 1` days after the
// day an instant falls on — against TZDate, in zones whose days are not 24 hours.
import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDayDeadlines } from "../../src/conversion/lead-steps.js";
import { resolveCalendar } from "../../src/time/calendar.js";

const DAY = 86_400_000;
/** Start of the local day `days` after the one holding `ms`, by TZDate. */
const reference = (ms: number, days: number, timeZone: string): number => {
  const local = new TZDate(ms, timeZone);
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, timeZone).getTime();
};

const cases = [
  // spring forward, fall back (23 h and 25 h days)
  { timeZone: "Europe/Amsterdam", from: Date.UTC(2026, 2, 1) },
  { timeZone: "America/New_York", from: Date.UTC(2026, 9, 20) },
  // half-hour DST (Lord Howe) and a quarter-hour zone
  { timeZone: "Australia/Lord_Howe", from: Date.UTC(2026, 2, 25) },
  { timeZone: "Asia/Kathmandu", from: Date.UTC(2026, 0, 1) },
  // a skipped local day: Samoa went from UTC−10 to UTC+14 and had no 30 December 2011
  { timeZone: "Pacific/Apia", from: Date.UTC(2011, 11, 20) },
  { timeZone: "UTC", from: Date.UTC(2026, 0, 1) },
];

describe("createDayDeadlines", () => {
  it("the deadline of any instant in the range is TZDate's start of the local day windowDays + 1 days later", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 45 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        ({ timeZone, from }, spanDays, windowDays, shares) => {
          const startMs = from;
          const endMs = from + spanDays * DAY;
          const deadlines = createDayDeadlines(startMs, endMs, windowDays, resolveCalendar({ timeZone }));
          for (const share of shares) {
            const ms = startMs + Math.floor(share * (endMs - 1 - startMs));
            expect(deadlines.deadline(ms)).toBe(reference(ms, windowDays + 1, timeZone));
          }
          // the local day boundaries themselves and the instants just before them
          for (let ms = reference(startMs, 1, timeZone); ms < endMs; ms = reference(ms, 1, timeZone)) {
            expect(deadlines.deadline(ms)).toBe(reference(ms, windowDays + 1, timeZone));
            expect(deadlines.deadline(ms - 1)).toBe(reference(ms - 1, windowDays + 1, timeZone));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
