import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, format, startOfDay, startOfMonth, startOfWeek } from "date-fns";
import { z } from "zod";
import type { KpiCalendar } from "./calendar.js";
import { lastIndexAtOrBefore } from "../core/sorted-search.js";
import { retailPeriodOf, retailPeriodsBetween } from "./retail-calendar.js";

/** The period lengths the library measures in. */
export const KpiGrainSchema = z.enum(["day", "week", "month", "quarter", "year"]);
/** `"day" | "week" | "month" | "quarter" | "year"`. */
export type KpiGrain = z.infer<typeof KpiGrainSchema>;

/**
 * One period of a calendar: the half-open interval `[start, end)` of local time.
 * `start`/`end` are ISO 8601 date-times with the calendar's offset at that moment;
 * `startMs`/`endMs` the same instants as epoch milliseconds.
 */
export interface KpiPeriod {
  readonly grain: KpiGrain;
  /**
   * Stable label: `2026-11-23`, `2026-W48`, `2026-11`, `2026-Q4` or `FY2027-Q1`, `2026` or
   * `FY2027`; in a retail calendar `FY2024-W01`, `FY2024-M01`, `FY2024-Q1`, `FY2024`.
   */
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly startMs: number;
  readonly endMs: number;
}

function localStart(ms: number, grain: KpiGrain, calendar: KpiCalendar): TZDate {
  const date = new TZDate(ms, calendar.timeZone);
  switch (grain) {
    case "day":
      return startOfDay(date);
    case "week":
      return startOfWeek(date, { weekStartsOn: calendar.weekStartsOn });
    case "month":
      return startOfMonth(date);
    case "quarter":
    case "year": {
      const months = grain === "quarter" ? 3 : 12;
      const firstMonth = calendar.fiscalYearStartMonth - 1;
      const month = date.getMonth();
      const offset = (month - firstMonth + 12) % 12;
      const startMonth = firstMonth + offset - (offset % months);
      // startMonth may pass 11; TZDate normalises month overflow into the next year.
      const year = date.getFullYear() - (firstMonth > month ? 1 : 0);
      return new TZDate(year, startMonth, 1, calendar.timeZone);
    }
  }
}

/** An instant in the period after the one starting at `start` (same local time one unit later). */
function next(start: TZDate, grain: KpiGrain): TZDate {
  switch (grain) {
    case "day":
      return addDays(start, 1);
    case "week":
      return addWeeks(start, 1);
    case "month":
      return addMonths(start, 1);
    case "quarter":
      return addMonths(start, 3);
    case "year":
      return addMonths(start, 12);
  }
}

function label(start: TZDate, grain: KpiGrain, calendar: KpiCalendar): string {
  switch (grain) {
    case "day":
      return format(start, "yyyy-MM-dd");
    case "week":
      return calendar.weekStartsOn === 1
        ? format(start, "RRRR-'W'II")
        : format(start, "YYYY-'W'ww", { weekStartsOn: calendar.weekStartsOn, firstWeekContainsDate: 4, useAdditionalWeekYearTokens: true });
    case "month":
      return format(start, "yyyy-MM");
    case "quarter":
    case "year": {
      const fiscal = calendar.fiscalYearStartMonth !== 1;
      const firstMonth = calendar.fiscalYearStartMonth - 1;
      const month = start.getMonth();
      // A fiscal year is named by the calendar year in which it ends.
      const year = fiscal ? start.getFullYear() + (month >= firstMonth ? 1 : 0) : start.getFullYear();
      const prefix = fiscal ? `FY${year}` : String(year);
      if (grain === "year") return prefix;
      const quarter = Math.floor(((month - firstMonth + 12) % 12) / 3) + 1;
      return `${prefix}-Q${quarter}`;
    }
  }
}

function iso(date: TZDate): string {
  return format(date, "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/**
 * The start of the period after the one starting at `start`: the local start of the next
 * period's own calendar day, not `start` plus one unit. Where DST begins at midnight
 * (America/Santiago, 6 September 2026) a day starts at 01:00; one day later is 01:00 again,
 * but the next day starts at its own midnight.
 */
function nextStart(start: TZDate, grain: KpiGrain, calendar: KpiCalendar): TZDate {
  return localStart(next(start, grain).getTime(), grain, calendar);
}

function period(start: TZDate, end: TZDate, grain: KpiGrain, calendar: KpiCalendar): KpiPeriod {
  return {
    grain,
    label: label(start, grain, calendar),
    start: iso(start),
    end: iso(end),
    startMs: start.getTime(),
    endMs: end.getTime(),
  };
}

/**
 * The period of `grain` that contains the instant `ms` (epoch milliseconds), in the
 * calendar's time zone. Quarters and years are fiscal when `fiscalYearStartMonth ≠ 1`
 * (named by the year in which the fiscal year ends: April 2026 is in `FY2027-Q1`).
 * Weeks follow ISO 8601 when they start on Monday. A period starts at the first instant of
 * its local day — 00:00, or 01:00 where DST skips midnight (America/Santiago, 6 September
 * 2026: a 23-hour day from 01:00) — and ends where the next period starts.
 *
 * @example
 * periodOf(Date.parse("2026-03-31T23:30:00+02:00"), "month", { timeZone: "Europe/Amsterdam", weekStartsOn: 1, fiscalYearStartMonth: 1 }).label; //=> "2026-03"
 */
export function periodOf(ms: number, grain: KpiGrain, calendar: KpiCalendar): KpiPeriod {
  // A retail calendar has its own weeks, months, quarters and years (days stay local days).
  if (calendar.retail !== undefined && grain !== "day") return retailPeriodOf(ms, grain, { ...calendar, retail: calendar.retail });
  const start = localStart(ms, grain, calendar);
  return period(start, nextStart(start, grain, calendar), grain, calendar);
}

/**
 * The consecutive periods of `grain` that cover `[fromMs, toMs)`: from the period that
 * contains `fromMs` up to the one that contains the last instant before `toMs`. They abut
 * (each `end` is the next `start`) and partition the covered time. Empty when `toMs ≤ fromMs`.
 * Cost: two date-fns steps per period; rows are then bucketed by {@link createPeriodIndex}.
 *
 * @example
 * periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1), "month", DEFAULT_CALENDAR).map((p) => p.label); //=> ["2026-01", "2026-02", "2026-03"]
 */
export function periodsBetween(fromMs: number, toMs: number, grain: KpiGrain, calendar: KpiCalendar): KpiPeriod[] {
  if (calendar.retail !== undefined && grain !== "day") return retailPeriodsBetween(fromMs, toMs, grain, { ...calendar, retail: calendar.retail });
  const periods: KpiPeriod[] = [];
  if (!(toMs > fromMs)) return periods;
  // Each period ends where the next starts; starts are local period starts (the 1st of a
  // month, a day's first instant), so stepping from one to the next never drifts.
  for (let start = localStart(fromMs, grain, calendar); start.getTime() < toMs; ) {
    const end = nextStart(start, grain, calendar);
    periods.push(period(start, end, grain, calendar));
    start = end;
  }
  return periods;
}

/**
 * A lookup from an instant to the index of the period that holds it, by binary search over
 * precomputed boundaries: O(log p) per row and no time-zone work per row.
 */
export interface PeriodIndex {
  readonly periods: readonly KpiPeriod[];
  /** Index of the period holding `ms`, or -1 when `ms` lies outside all of them. */
  indexOf(ms: number): number;
}

/**
 * Builds a {@link PeriodIndex} over abutting periods (as given by {@link periodsBetween}).
 *
 * @example
 * const months = createPeriodIndex(periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1), "month", DEFAULT_CALENDAR));
 * months.indexOf(Date.UTC(2026, 1, 14)); //=> 1
 * months.indexOf(Date.UTC(2026, 5, 1)); //=> -1
 */
export function createPeriodIndex(periods: readonly KpiPeriod[]): PeriodIndex {
  const starts = new Float64Array(periods.length);
  periods.forEach((p, i) => {
    starts[i] = p.startMs;
  });
  const last = periods[periods.length - 1];
  const end = last === undefined ? Number.NEGATIVE_INFINITY : last.endMs;
  return {
    periods,
    indexOf(ms: number): number {
      if (!(ms < end)) return -1;
      return lastIndexAtOrBefore(starts, ms);
    },
  };
}
