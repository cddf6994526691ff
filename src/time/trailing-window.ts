import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfDay } from "date-fns";
import type { KpiCalendar } from "./calendar.js";

/** A trailing window of whole local days: `[start, end)`, with ISO and epoch forms. */
export interface KpiWindow {
  readonly days: number;
  /** ISO date-time of the window's start (local midnight, with offset). */
  readonly start: string;
  /** ISO date-time of the exclusive end (`asOf`). */
  readonly end: string;
  readonly startMs: number;
  readonly endMs: number;
  /** `YYYY-MM-DD` of the first and the last local day in the window. */
  readonly firstDay: string;
  readonly lastDay: string;
}

/**
 * The trailing window of `days` local calendar days that ends with the day of `asOf`
 * (`asOfMs` is the exclusive end instant, see `parseAsOf`). The last day is the local day
 * holding the instant just before `asOfMs`; the window starts at local midnight `days − 1`
 * days earlier and ends at `asOfMs`. Over a DST change a window of N days is still N local
 * days (23- and 25-hour days count as one day each). With a date-only `asOf` every day is whole.
 *
 * @example
 * trailingWindow(Date.UTC(2026, 10, 24), 30, DEFAULT_CALENDAR); //=> { days: 30, firstDay: "2026-10-25", lastDay: "2026-11-23", ... }
 */
export function trailingWindow(asOfMs: number, days: number, calendar: KpiCalendar): KpiWindow {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive whole number, got ${days}`);
  const lastDay = startOfDay(new TZDate(asOfMs - 1, calendar.timeZone));
  // The start of the first day's own date: where DST begins at midnight the last day may start
  // at 01:00, and stepping back from it would miss the first day's first hour.
  const first = startOfDay(addDays(lastDay, -(days - 1)));
  const end = new TZDate(asOfMs, calendar.timeZone);
  return {
    days,
    start: format(first, "yyyy-MM-dd'T'HH:mm:ssxxx"),
    end: format(end, "yyyy-MM-dd'T'HH:mm:ssxxx"),
    startMs: first.getTime(),
    endMs: asOfMs,
    firstDay: format(first, "yyyy-MM-dd"),
    lastDay: format(lastDay, "yyyy-MM-dd"),
  };
}
