import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodOf, periodsBetween, resolveCalendar } from "../../src/index.js";

/** Every zone the runtime knows. */
const ZONES = Intl.supportedValuesOf("timeZone");
const YEAR_1 = -62104060800000; // 0002-01-01T00:00:00Z: a period of year 1 may start in year 0, which the library does not take back in
const YEAR_9999 = Date.UTC(9990, 0, 1); // a range of up to 2,000 days still ends before 10000

/** The local date `YYYY-MM-DD` of `ms` in `timeZone`, read by Intl itself (an independent reference). */
function localDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
}

describe("periods in every IANA zone, at any date of the years 0001–9999 (local mean time with second offsets included)", () => {
  it("tile the range: each starts where the one before ends, none has length 0, labels name the local start", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.oneof(fc.integer({ min: YEAR_1, max: YEAR_9999 }), fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(1950, 0, 1) })),
        fc.constantFrom("day", "week", "month", "quarter", "year") as fc.Arbitrary<"day" | "week" | "month" | "quarter" | "year">,
        fc.constantFrom(0, 1, 6) as fc.Arbitrary<0 | 1 | 6>,
        (timeZone, from, grain, weekStartsOn) => {
          const calendar = resolveCalendar({ timeZone, weekStartsOn });
          const span = { day: 20, week: 120, month: 400, quarter: 800, year: 2000 }[grain] * 86_400_000;
          const periods = periodsBetween(from, from + span, grain, calendar);
          expect(periods.length).toBeGreaterThan(0);
          expect(periods[0]!.startMs).toBeLessThanOrEqual(from);
          expect(periods.at(-1)!.endMs).toBeGreaterThanOrEqual(from + span);
          periods.forEach((period, i) => {
            expect(period.endMs).toBeGreaterThan(period.startMs);
            // A local day lasts 24 h ± a change of offset; a period at least a day less a day's change.
            expect(period.endMs - period.startMs).toBeGreaterThan(12 * 3_600_000);
            if (i > 0) expect(period.startMs).toBe(periods[i - 1]!.endMs);
            // The start is the first instant of its local day, and the label names that day.
            const day = localDate(period.startMs, timeZone);
            expect(localDate(period.startMs - 1, timeZone)).not.toBe(day);
            if (grain === "day") expect(period.label).toBe(day);
            if (grain === "month") expect(period.label).toBe(day.slice(0, 7));
            if (grain === "year") expect(period.label).toBe(day.slice(0, 4));
            expect(periodOf(period.startMs, grain, calendar)).toEqual(period);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the first of January 1850 in Amsterdam (offset +00:17:30 local mean time) is a day of about 24 hours, and a month advances", () => {
    const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });
    const day = periodOf("1850-01-01", "day", calendar);
    expect(day.label).toBe("1850-01-01");
    expect(day.endMs - day.startMs).toBe(86_400_000);
    expect(periodsBetween("1850-01-01", "1850-03-01", "month", calendar).map((p) => p.label)).toEqual(["1850-01", "1850-02"]);
  });
});
