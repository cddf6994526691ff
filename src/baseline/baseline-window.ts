import type { KpiCalendar } from "../time/calendar.js";
import { type KpiGrain, type KpiPeriod, periodOf } from "../time/period.js";

/**
 * The last `count` complete periods of `grain` before the exclusive instant `asOfMs`, oldest
 * first. A period is complete when it ends at or before `asOfMs`; the period that holds the
 * last instant before `asOfMs` is used only when it ends exactly at `asOfMs` (an `asOf` of
 * "2026-11-30" completes November, "2026-11-23" does not).
 * Cost: `count` period look-ups (time-zone work per period, never per row).
 *
 * @example
 * baselineWindow(Date.UTC(2026, 10, 24), "month", 3, DEFAULT_CALENDAR).map((p) => p.label); //=> ["2026-08", "2026-09", "2026-10"]
 */
export function baselineWindow(asOfMs: number, grain: KpiGrain, count: number, calendar: KpiCalendar): KpiPeriod[] {
  const current = periodOf(asOfMs - 1, grain, calendar);
  let end = current.endMs === asOfMs ? asOfMs : current.startMs;
  const window: KpiPeriod[] = [];
  for (let i = 0; i < count; i++) {
    const period = periodOf(end - 1, grain, calendar);
    window.push(period);
    end = period.startMs;
  }
  return window.reverse();
}

/** Number of local calendar days in a period (a 23- or 25-hour DST day counts as one). */
export function localDays(period: KpiPeriod): number {
  return (Date.parse(period.end.slice(0, 10)) - Date.parse(period.start.slice(0, 10))) / 86_400_000;
}
