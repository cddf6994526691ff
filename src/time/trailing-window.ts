import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiCalendar } from "./calendar.js";
import { civilFromDays, formatCivilDate, formatLocalInstant, localDayOf, localDayStart } from "./zone-clock.js";

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
 * @throws KpiDefinitionError (at `path`) when `days` is not a whole number from 1 to {@link MAX_WINDOW_DAYS}.
 * @example
 * trailingWindow(Date.UTC(2026, 10, 24), 30, DEFAULT_CALENDAR); //=> { days: 30, firstDay: "2026-10-25", lastDay: "2026-11-23", ... }
 */
function windowEndingAt(asOfMs: number, days: number, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey> = ["days"]): KpiWindow {
  if (!Number.isSafeInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) throw definitionError("invalid-option", path, messages.windowDays(MAX_WINDOW_DAYS));
  const lastDay = localDayOf(asOfMs - 1, calendar.timeZone);
  const firstDay = lastDay - (days - 1);
  const startMs = localDayStart(firstDay, calendar.timeZone);
  return {
    days,
    start: formatLocalInstant(startMs, calendar.timeZone),
    end: formatLocalInstant(asOfMs, calendar.timeZone),
    startMs,
    endMs: asOfMs,
    firstDay: formatCivilDate(civilFromDays(firstDay)),
    lastDay: formatCivilDate(civilFromDays(lastDay)),
  };
}

/** The longest trailing window: 20,000 days, the most periods one call computes. */
export const MAX_WINDOW_DAYS = 20_000;

// Declared under names of their own: time-helpers.ts's public functions have these (tsup.config.ts).
export { windowEndingAt as trailingWindow };
