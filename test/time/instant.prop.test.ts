import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InstantSchema, parseInstant, resolveCalendar } from "../../src/index.js";
import { createInstantReader, readInstant } from "../../src/time/instant.js";
import { TIME_ZONES } from "../arbitraries.js";

const pad = (value: number, width: number) => String(value).padStart(width, "0");

function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0–99 as 1900–1999, so count from a year 400·k later (same calendar).
  return new Date(Date.UTC(year + 2000, month, 0)).getUTCDate();
}

/** Date parts with days up to 31 in every month, so some are not real days. */
const datePartsArb = fc.record({
  year: fc.oneof(fc.integer({ min: 2023, max: 2029 }), fc.constantFrom(0, 50, 1900, 2000, 2100, 2400)),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(28, 29, 30, 31)),
});

describe("instants: a day that does not exist is an input error in every form", () => {
  it("a date-time on 30 February or 31 April is rejected, a real day is read as Date.parse reads it", () => {
    fc.assert(
      fc.property(
        datePartsArb,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom("Z", "+02:00", "-05:30"),
        ({ year, month, day }, hour, minute, offset) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}${offset}`;
          const real = day <= daysInMonth(year, month);
          expect(InstantSchema.safeParse(text).success).toBe(real);
          const ms = readInstant(text, resolveCalendar({}));
          expect(Number.isNaN(ms)).toBe(!real);
          if (real) expect(ms).toBe(Date.parse(text));
        },
      ),
      { numRuns: 300, examples: [[{ year: 2026, month: 2, day: 30 }, 10, 0, "Z"]] },
    );
  });

  it("a date-only value is accepted exactly when the day exists, also in years 0–99", () => {
    fc.assert(
      fc.property(datePartsArb, ({ year, month, day }) => {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        expect(InstantSchema.safeParse(text).success).toBe(day <= daysInMonth(year, month));
      }),
      { numRuns: 300, examples: [[{ year: 0, month: 2, day: 29 }], [{ year: 1900, month: 2, day: 29 }]] },
    );
    const utc = resolveCalendar({});
    const expected = new Date(0);
    expected.setUTCFullYear(50, 0, 1);
    expect(parseInstant("0050-01-01", utc)).toBe(expected.getTime());
  });

  it("the caching reader of one preparation reads every value as readInstant does", () => {
    const valueArb = fc.oneof(
      datePartsArb.map(({ year, month, day }) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`),
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) }).map((ms) => new Date(ms).toISOString()),
      fc.constantFrom<unknown>("2026-02-30T10:00Z", "2026-1-01", "", null, 5, new Date(Number.NaN), new Date(0)),
    );
    fc.assert(
      fc.property(fc.constantFrom(...TIME_ZONES), fc.array(valueArb, { maxLength: 20 }), (timeZone, values) => {
        const calendar = resolveCalendar({ timeZone });
        const read = createInstantReader(calendar);
        // Twice: the second read of a value comes from the cache.
        for (const value of [...values, ...values]) expect(Object.is(read(value), readInstant(value, calendar))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
