import { TZDate, tzOffset } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { localDayOf, localDayStart, zoneOffsetMs } from "./zone-clock.js";

const MS_PER_DAY = 86_400_000;

/**
 * The instant `days` local calendar days after `ms` (before it when negative), at the same
 * local time of day; the first instant of a local day goes to the first instant of the target
 * day. Where DST skips midnight (America/Santiago, 6 September 2026) a day starts at 01:00:
 * one day after it is the next midnight, not 01:00 again, so day boundaries stay day boundaries.
 * A local time that the target day skips (a DST gap) moves forward by the gap.
 *
 * @example
 * // 01:00 on 6 September in Santiago, one local day back: the start of 5 September (before the DST change)
 * new Date(addLocalDays(Date.parse("2026-09-06T01:00:00-03:00"), -1, "America/Santiago")).toISOString(); //=> "2026-09-05T04:00:00.000Z"
 */
export function addLocalDays(ms: number, days: number, timeZone: string): number {
  const day = localDayOf(ms, timeZone);
  if (localDayStart(day, timeZone) === ms) return localDayStart(day + days, timeZone);
  const wall = ms + zoneOffsetMs(ms, timeZone) + days * MS_PER_DAY;
  // The instant showing `wall`: the offset before the target, unless that lands elsewhere.
  const before = zoneOffsetMs(wall - zoneOffsetMs(wall, timeZone), timeZone);
  const candidate = wall - before;
  const offset = zoneOffsetMs(candidate, timeZone);
  return offset === before ? candidate : wall - Math.min(before, offset);
}

const DAY_MS = 86_400_000;

const MAX_REMEMBERED = 100_000;
/** Day numbers `[-CHUNKED_FROM, CHUNKED_FROM)` (1790–2149) are remembered in chunks. */
const CHUNKED_FROM = 65_536;
/** A day whose offset changes within it: its hours are looked up. */
const UNSTEADY = Number.POSITIVE_INFINITY;

/** One reader per zone, shared (what it remembers are the zone's offsets: facts of tzdata). */
const readers = new Map<string, (ms: number) => number>();

/**
 * The number of the local calendar day holding an instant (days since 1970-01-01 in the
 * zone's wall-clock dates), remembered per instant: the difference of two is date-fns'
 * `differenceInCalendarDays` on `TZDate`s, at a fraction of its cost.
 */
export function localDayNumbers(timeZone: string): (ms: number) => number {
  const known = readers.get(timeZone);
  if (known !== undefined) return known;
  // The zone's offset per UTC day, else per UTC hour, looked up once: a span whose start and
  // end have the same offset holds no offset change, so every instant in it is on the day its
  // wall-clock date says. Hours with a change (DST, historic local mean time) go the slow way.
  // Days from 1790 to 2149 are remembered in chunks of 1,024 days (8 kB, made when an instant
  // first falls in one): two array reads per instant, no hashing. Days beyond go to a Map.
  const chunks: Array<Float64Array | undefined> = [];
  const farDays = new Map<number, number>();
  const hours = new Map<number, number | null>();
  const HOUR_MS = 3_600_000;
  const steady = (startMs: number, length: number): number | null => {
    const start = tzOffset(timeZone, new Date(startMs));
    return start === tzOffset(timeZone, new Date(startMs + length - 1)) ? start : null;
  };
  const dayOffset = (day: number): number => steady(day * DAY_MS, DAY_MS) ?? UNSTEADY;
  // The common case, kept to plain numbers (a variable that may also hold null is boxed per
  // call): a remembered day with one offset.
  const reader = (ms: number): number => {
    const day = Math.floor(ms / DAY_MS);
    const slot = day + CHUNKED_FROM;
    if (slot >= 0 && slot < 2 * CHUNKED_FROM) {
      const chunk = chunks[slot >> 10];
      if (chunk !== undefined) {
        const offset = chunk[slot & 1023] as number;
        if (offset === offset && offset !== UNSTEADY) return Math.floor((ms + offset * 60_000) / DAY_MS) | 0;
      }
    }
    return dayOf(ms, day);
  };
  const dayOf = (ms: number, day: number): number => {
    let offset: number | null | undefined;
    const slot = day + CHUNKED_FROM;
    if (slot >= 0 && slot < 2 * CHUNKED_FROM) {
      let chunk = chunks[slot >> 10];
      if (chunk === undefined) chunks[slot >> 10] = chunk = new Float64Array(1024).fill(Number.NaN);
      offset = chunk[slot & 1023] as number;
      if (offset !== offset) chunk[slot & 1023] = offset = dayOffset(day);
    } else {
      offset = farDays.get(day);
      if (offset === undefined) {
        offset = dayOffset(day);
        // Bounded: forgotten (and found again) after 100,000 days.
        if (farDays.size >= MAX_REMEMBERED) farDays.clear();
        farDays.set(day, offset);
      }
    }
    if (offset === UNSTEADY) {
      const hour = Math.floor(ms / HOUR_MS);
      offset = hours.get(hour);
      if (offset === undefined) {
        offset = steady(hour * HOUR_MS, HOUR_MS);
        if (hours.size >= MAX_REMEMBERED) hours.clear();
        hours.set(hour, offset);
      }
    }
    // `| 0`: a day number (within ±3 million for the years 0001–9999) returned as a small
    // integer, not a boxed double per call (two per won deal in the closed-deal pass).
    if (offset !== null) return Math.floor((ms + offset * 60_000) / DAY_MS) | 0;
    const local = new TZDate(ms, timeZone);
    return (Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS) | 0;
  };
  readers.set(timeZone, reader);
  return reader;
}
