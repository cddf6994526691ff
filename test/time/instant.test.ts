import { describe, expect, it } from "vitest";
import { InstantSchema, KpiInputError, parseAsOf, parseInstant, resolveCalendar } from "../../src/index.js";

const amsterdam = resolveCalendar({ timeZone: "Europe/Amsterdam" });

describe("parseInstant", () => {
  it("reads a date-only value as the start of that day in the calendar's zone", () => {
    expect(parseInstant("2026-07-01", amsterdam)).toBe(Date.parse("2026-06-30T22:00:00Z"));
    expect(parseInstant("2026-07-01", resolveCalendar({}))).toBe(Date.UTC(2026, 6, 1));
  });

  it("reads date-times with Z or an offset, and Dates", () => {
    expect(parseInstant("2026-03-31T23:30:00+02:00", amsterdam)).toBe(Date.UTC(2026, 2, 31, 21, 30));
    expect(parseInstant("2026-03-31T21:30Z", amsterdam)).toBe(Date.UTC(2026, 2, 31, 21, 30));
    expect(parseInstant(new Date(Date.UTC(2026, 0, 1)), amsterdam)).toBe(Date.UTC(2026, 0, 1));
  });

  it.each(["2026-02-29", "2026-13-01", "2026-03-31T23:30:00", "31-03-2026", "", "2026-03-31 10:00Z"])("rejects %j with a KpiInputError", (value) => {
    expect(() => parseInstant(value, amsterdam, ["deals", 2, "createdAt"])).toThrow(KpiInputError);
    expect(InstantSchema.safeParse(value).success).toBe(false);
  });

  it("names the path of a bad instant", () => {
    try {
      parseInstant("soon", amsterdam, ["deals", 2, "createdAt"]);
    } catch (error) {
      expect((error as KpiInputError).message).toContain("deals[2].createdAt");
    }
  });

  it("rejects an invalid Date", () => {
    expect(() => parseInstant(new Date(Number.NaN), amsterdam)).toThrow(KpiInputError);
  });
});

describe("parseAsOf", () => {
  it("a date-only asOf includes that whole local day", () => {
    expect(parseAsOf("2026-11-23", amsterdam)).toBe(Date.parse("2026-11-23T23:00:00Z"));
    expect(parseAsOf("2026-03-28", amsterdam)).toBe(Date.parse("2026-03-28T23:00:00Z"));
    // 29 March 2026 has 23 hours in Amsterdam.
    expect(parseAsOf("2026-03-29", amsterdam)).toBe(Date.parse("2026-03-29T22:00:00Z"));
  });

  it("a date-time asOf is taken as it is", () => {
    expect(parseAsOf("2026-11-23T12:00:00Z", amsterdam)).toBe(Date.UTC(2026, 10, 23, 12));
  });
});
