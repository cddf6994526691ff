import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InstantSchema, parseInstant, resolveCalendar } from "../../src/index.js";
import { createInstantReader, MAX_INSTANT_MS, MIN_INSTANT_MS, readInstant } from "../../src/time/instant.js";

/** The library reads instants of the years 0001–9999 only (a day's slack either side in UTC). */
const inYears = (ms: number) => (ms >= MIN_INSTANT_MS && ms < MAX_INSTANT_MS ? ms : Number.NaN);
import { TIME_ZONES } from "../arbitraries.js";

const pad = (value: number, width: number) => String(value).padStart(width, "0");

function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0–99 as 1900–1999, so count from a year 400·k later (same calendar).
  return new Date(Date.UTC(year + 2000, month, 0)).getUTCDate();
}

/** Date parts with days up to 31 in every month, so some are not real days. */
const datePartsArb = fc.record({
  year: fc.oneof(fc.integer({ min: 2023, max: 2029 }), fc.constantFrom(1, 50, 1900, 2000, 2100, 2400, 9999)),
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

  it("a date-only value is accepted exactly when the day exists, also in years 1–99", () => {
    fc.assert(
      fc.property(datePartsArb, ({ year, month, day }) => {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        expect(InstantSchema.safeParse(text).success).toBe(day <= daysInMonth(year, month));
      }),
      { numRuns: 300, examples: [[{ year: 4, month: 2, day: 29 }], [{ year: 1900, month: 2, day: 29 }]] },
    );
    const utc = resolveCalendar({});
    const expected = new Date(0);
    expected.setUTCFullYear(50, 0, 1);
    expect(parseInstant("0050-01-01", utc)).toBe(expected.getTime());
  });

  it("the digit-by-digit reader of UTC date-times agrees with the general rule (regex, real day, Date.parse)", () => {
    const general = (text: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text) &&
      /^\d{4}-\d{2}-\d{2}T/.test(text) &&
      (() => {
        const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
      })()
        ? inYears(Date.parse(text))
        : Number.NaN;
    const two = fc.oneof(fc.integer({ min: 0, max: 99 }).map((n) => pad(n, 2)), fc.constantFrom("00", "13", "23", "24", "29", "30", "31", "32", "59", "60"));
    const textArb = fc
      .record({
        // 1970–2169 are read by a month table, later years computed: both sides of its end too.
        year: fc.oneof(fc.integer({ min: 1960, max: 2100 }), fc.integer({ min: 2100, max: 2240 }), fc.integer({ min: 0, max: 9999 })).map((n) => pad(n, 4)),
        month: fc.oneof(fc.integer({ min: 1, max: 12 }).map((n) => pad(n, 2)), two),
        day: fc.oneof(fc.integer({ min: 1, max: 31 }).map((n) => pad(n, 2)), two),
        hour: fc.oneof(fc.integer({ min: 0, max: 24 }).map((n) => pad(n, 2)), two),
        minute: fc.oneof(fc.integer({ min: 0, max: 59 }).map((n) => pad(n, 2)), two),
        second: fc.oneof(fc.integer({ min: 0, max: 59 }).map((n) => pad(n, 2)), two),
        fraction: fc.constantFrom("", ".000", ".5", ".123", ".999", ".1234", ".12a"),
        zone: fc.constantFrom("Z", "Z", "Z", "+00:00", "z", "+01:30"),
        separator: fc.constantFrom("T", "T", "T", "T", " ", "t"),
      })
      .map((p) => `${p.year}-${p.month}-${p.day}${p.separator}${p.hour}:${p.minute}:${p.second}${p.fraction}${p.zone}`);
    fc.assert(
      fc.property(textArb, (text) => {
        expect(Object.is(readInstant(text, resolveCalendar({})), general(text))).toBe(true);
        expect(InstantSchema.safeParse(text).success).toBe(!Number.isNaN(general(text)));
      }),
      {
        numRuns: 500,
        examples: [
          ["1970-01-01T00:00:00Z"],
          ["1969-12-31T23:59:59.999Z"],
          ["2026-01-01T24:00:00Z"],
          ["0050-01-01T00:00:00Z"],
          ["2026-01-01T10:00:60Z"],
          ["2026-01-01T10:60:00.000Z"],
          ["2026-02-29T10:00:00Z"],
          ["2028-02-29T10:00:00.000Z"],
          ["2026-13-01T00:00:00Z"],
          ["2026-00-01T00:00:00Z"],
          ["2026-04-31T00:00:00.000Z"],
          ["2100-02-29T00:00:00Z"],
          ["2096-02-29T00:00:00Z"],
          ["2169-12-31T23:59:59.999Z"],
          ["2170-01-01T00:00:00Z"],
          ["2170-02-29T00:00:00Z"],
          ["2172-02-29T00:00:00Z"],
        ],
      },
    );
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
        const reader = createInstantReader(calendar);
        // Twice: the second read of a value comes from the cache.
        for (const value of [...values, ...values]) expect(Object.is(reader.read(value), readInstant(value, calendar))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
