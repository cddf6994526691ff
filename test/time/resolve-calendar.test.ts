import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type KpiCalendarInput, KpiDefinitionError, periodOf, resolveCalendar } from "../../src/index.js";

const calendarArb: fc.Arbitrary<KpiCalendarInput> = fc.record(
  {
    timeZone: fc.constantFrom("UTC", "Europe/Amsterdam", "America/Santiago", "Asia/Kathmandu", "Etc/GMT+5"),
    weekStartsOn: fc.constantFrom(0, 1, 2, 3, 4, 5, 6),
    fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
  },
  { requiredKeys: [] },
);

describe("a resolved calendar is taken back as it is", () => {
  it("resolveCalendar returns a frozen calendar, and that calendar again when given it", () => {
    const amsterdam = resolveCalendar({ timeZone: "Europe/Amsterdam", fiscalYearStartMonth: 4 });
    expect(Object.isFrozen(amsterdam)).toBe(true);
    expect(resolveCalendar(amsterdam)).toBe(amsterdam);
    expect(amsterdam).toEqual({ timeZone: "Europe/Amsterdam", weekStartsOn: 1, fiscalYearStartMonth: 4 });
  });

  it("a frozen look-alike the library did not resolve is still checked: its unknown time zone is a KpiDefinitionError", () => {
    const lookAlike = Object.freeze({ timeZone: "Mars/Olympus", weekStartsOn: 1, fiscalYearStartMonth: 1 }) as KpiCalendarInput;
    expect(() => periodOf(Date.UTC(2026, 2, 15), "month", lookAlike)).toThrow(KpiDefinitionError);
    expect(() => resolveCalendar(lookAlike)).toThrow(KpiDefinitionError);
  });

  it("the time helpers give the same period for a calendar input and for its resolved calendar", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom("day", "week", "month", "quarter", "year"), (input, ms, grain) => {
        expect(periodOf(ms, grain, resolveCalendar(input))).toEqual(periodOf(ms, grain, input));
      }),
      { numRuns: 200 },
    );
  });
});
