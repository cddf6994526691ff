import type { KpiCalendar } from "./calendar.js";
import { formatLocalInstant } from "./zone-clock.js";

/**
 * An instant as an ISO 8601 date-time with the calendar's UTC offset at that moment (exact to
 * the second, see `formatLocalInstant`): the way every result of the library writes an instant.
 *
 * @example
 * isoInstant(Date.UTC(2026, 2, 31, 21, 30), { timeZone: "Europe/Amsterdam" }); //=> "2026-03-31T23:30:00+02:00"
 */
export function isoInstant(ms: number, calendar: Pick<KpiCalendar, "timeZone">): string {
  return formatLocalInstant(ms, calendar.timeZone);
}
