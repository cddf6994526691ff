import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";

/**
 * The instant `days` local calendar days after `ms` (before it when negative), at the same
 * local time of day; the first instant of a local day goes to the first instant of the target
 * day. Where DST skips midnight (America/Santiago, 6 September 2026) a day starts at 01:00:
 * one day after it is the next midnight, not 01:00 again, so day boundaries stay day boundaries.
 *
 * @example
 * addLocalDays(Date.parse("2026-09-06T01:00:00-03:00"), -1, "America/Santiago");
 * // Date.parse("2026-09-05T00:00:00-04:00"): the start of 5 September
 */
export function addLocalDays(ms: number, days: number, timeZone: string): number {
  const date = new TZDate(ms, timeZone);
  const moved = addDays(date, days);
  return startOfDay(date).getTime() === ms ? startOfDay(moved).getTime() : moved.getTime();
}
