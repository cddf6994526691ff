import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { salesCycleLength } from "../../src/index.js";
import { TIME_ZONES, instantArb } from "../arbitraries.js";
import { pipeline } from "./fixtures.js";

const DAY = 86_400_000;

describe("salesCycleLength properties", () => {
  it("each deal's days equal date-fns differenceInCalendarDays on TZDate in the calendar's zone", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TIME_ZONES), instantArb, fc.integer({ min: 0, max: 400 * DAY }), (timeZone, created, duration) => {
        const closed = created + duration;
        const result = salesCycleLength(
          [{ id: "d", owner: "ann", stage: "won", amount: "1", createdAt: new Date(created), closedAt: new Date(closed) }],
          { pipeline, calendar: { timeZone }, period: { from: new Date(closed), to: new Date(closed + 1) } },
        );
        const expected = differenceInCalendarDays(new TZDate(closed, timeZone), new TZDate(created, timeZone));
        expect(result.mean?.toString()).toBe(String(expected));
        expect(result.count).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it("mean lies between the shortest and longest cycle, and the median too", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }), (lengths) => {
        const start = Date.UTC(2026, 0, 1);
        const deals = lengths.map((days, i) => ({
          id: `d${i}`,
          owner: "ann",
          stage: "won",
          amount: "1",
          createdAt: new Date(start - days * DAY),
          closedAt: new Date(start),
        }));
        const result = salesCycleLength(deals, { pipeline, period: { from: "2026-01-01", to: "2026-01-02" } });
        const min = Math.min(...lengths);
        const max = Math.max(...lengths);
        for (const value of [result.mean, result.median]) {
          expect(value?.gte(min) && value.lte(max)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
