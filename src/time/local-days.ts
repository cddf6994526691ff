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
 * addLocalDays(Date.parse("2026-09-06T01:00:00-03:00"), -1, "America/Santiago");
 * // Date.parse("2026-09-05T00:00:00-04:00"): the start of 5 September
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
