// The quarter-hour table behind `periodBuckets` against the rule it speeds up: an instant's
// bucket is the period holding it, when it lies in [from, to); else -1. Zones with half- and
// quarter-hour offsets, historic seconds offsets, DST days and instants next to boundaries.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveCalendar } from "../../src/index.js";
import { periodBuckets } from "../../src/measure/series-of.js";
import { periodsBetween } from "../../src/time/period.js";
import { grainArb, instantArb, TIME_ZONES } from "../arbitraries.js";

const DAY = 86_400_000;
/** Offsets off the quarter hour: Dublin kept +00:25:21 until 1916, Monrovia −00:44:30 until 1972 (period boundaries inside slots). */
const historicArb = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(1971, 0, 1) });
const zoneArb = fc.constantFrom(...TIME_ZONES, "Asia/Kolkata", "Australia/Eucla", "Europe/Dublin", "Africa/Monrovia");

describe("periodBuckets", () => {
  it("puts every instant in the period that holds it, inside [from, to) only", () => {
    fc.assert(
      fc.property(zoneArb, grainArb, fc.oneof(instantArb, historicArb), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 3_600_000 }), fc.array(fc.integer({ min: -5 * DAY, max: 520 * DAY }), { maxLength: 40 }), (timeZone, grain, fromMs, spanDays, jitter, offsets) => {
        const calendar = resolveCalendar({ timeZone });
        const toMs = fromMs + spanDays * DAY + jitter;
        const periods = periodsBetween(fromMs, toMs, grain === "day" && spanDays > 200 ? "week" : grain, calendar);
        const clipTo = toMs - jitter * 7;
        const buckets = periodBuckets(periods, fromMs, clipTo);
        // Instants at, just before and just after every boundary, plus random ones.
        const probes = [...offsets.map((o) => fromMs + o), ...periods.flatMap((p) => [p.startMs - 1, p.startMs, p.startMs + 1, p.endMs - 1]), fromMs - 1, fromMs, clipTo - 1, clipTo];
        for (const ms of probes) {
          const expected = ms >= fromMs && ms < clipTo ? periods.findIndex((p) => p.startMs <= ms && ms < p.endMs) : -1;
          expect(buckets.indexOf(ms)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("periodBuckets' slot width", () => {
  const width = (timeZone: string) => {
    const calendar = resolveCalendar({ timeZone });
    const fromMs = Date.UTC(2024, 0, 1);
    const toMs = Date.UTC(2026, 0, 1);
    return periodBuckets(periodsBetween(fromMs, toMs, "month", calendar), fromMs, toMs).slots?.slotMs;
  };
  it("is an hour in UTC too (rows read it by their prepared hour number)", () => expect(width("UTC")).toBe(3_600_000));
  it("is an hour in Amsterdam, whose boundaries fall on whole hours", () => expect(width("Europe/Amsterdam")).toBe(3_600_000));
  it("is a quarter hour in Kathmandu (+05:45)", () => expect(width("Asia/Kathmandu")).toBe(900_000));
});
