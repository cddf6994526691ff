import { z } from "zod";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { lastIndexAtOrBefore } from "../core/sorted-search.js";
import { retailPeriodOf, retailPeriodsBetween } from "./retail-calendar.js";
import type { KpiCalendar } from "./calendar.js";
import { civilFromDays, daysFromCivil, firstOfMonthDays, formatCivilDate, formatLocalInstant, localDayOf, localDayStart, weekdayOfDays } from "./zone-clock.js";

/**
 * The most periods one call computes: 20,000 (54 years of days, 383 years of weeks, every
 * month of the years 0001–9999 being 120,000). A range of more is a `KpiDefinitionError` that
 * says how many were asked for, rather than seconds of work per call (zero-filled per group)
 * and a result nobody can read.
 */
export const MAX_PERIODS = 20_000;

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

/** The civil day on which the period of `grain` holding the local day `day` starts. */
function periodStartDay(day: number, grain: KpiGrain, calendar: KpiCalendar): number {
  switch (grain) {
    case "day":
      return day;
    case "week":
      return day - ((weekdayOfDays(day) - calendar.weekStartsOn + 7) % 7);
    case "month": {
      const date = civilFromDays(day);
      return firstOfMonthDays(date.year, date.month);
    }
    case "quarter":
    case "year": {
      const date = civilFromDays(day);
      const months = grain === "quarter" ? 3 : 12;
      const firstMonth = calendar.fiscalYearStartMonth - 1;
      const month = date.month - 1;
      const offset = (month - firstMonth + 12) % 12;
      // Months before the fiscal year's first month belong to the fiscal year that began last year.
      const year = date.year - (firstMonth > month ? 1 : 0);
      return firstOfMonthDays(year, 1, firstMonth + offset - (offset % months));
    }
  }
}

/** The civil day on which the period after the one starting on `startDay` starts. */
function nextStartDay(startDay: number, grain: KpiGrain): number {
  switch (grain) {
    case "day":
      return startDay + 1;
    case "week":
      return startDay + 7;
    case "month":
    case "quarter":
    case "year": {
      const date = civilFromDays(startDay);
      return firstOfMonthDays(date.year, date.month, grain === "month" ? 1 : grain === "quarter" ? 3 : 12);
    }
  }
}

/** The week-numbering year and week of the week starting on `startDay` (week 1 holds 4 January). */
function weekNumber(startDay: number, weekStartsOn: number): { year: number; week: number } {
  const firstWeekStart = (year: number): number => {
    const jan4 = daysFromCivil(year, 1, 4);
    return jan4 - ((weekdayOfDays(jan4) - weekStartsOn + 7) % 7);
  };
  let year = civilFromDays(startDay + 6).year;
  let first = firstWeekStart(year);
  if (startDay < first) {
    year -= 1;
    first = firstWeekStart(year);
  }
  return { year, week: (startDay - first) / 7 + 1 };
}

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

function label(startDay: number, grain: KpiGrain, calendar: KpiCalendar): string {
  const date = civilFromDays(startDay);
  switch (grain) {
    case "day":
      return formatCivilDate(date);
    case "week": {
      const { year, week } = weekNumber(startDay, calendar.weekStartsOn);
      return `${pad(year, 4)}-W${pad(week, 2)}`;
    }
    case "month":
      return `${pad(date.year, 4)}-${pad(date.month, 2)}`;
    case "quarter":
    case "year": {
      const fiscal = calendar.fiscalYearStartMonth !== 1;
      const firstMonth = calendar.fiscalYearStartMonth - 1;
      const month = date.month - 1;
      // A fiscal year is named by the calendar year in which it ends.
      const year = fiscal ? date.year + (month >= firstMonth ? 1 : 0) : date.year;
      const prefix = fiscal ? `FY${pad(year, 4)}` : pad(year, 4);
      if (grain === "year") return prefix;
      const quarter = Math.floor(((month - firstMonth + 12) % 12) / 3) + 1;
      return `${prefix}-Q${quarter}`;
    }
  }
}

function period(startDay: number, startMs: number, endMs: number, grain: KpiGrain, calendar: KpiCalendar): KpiPeriod {
  return {
    grain,
    label: label(startDay, grain, calendar),
    start: formatLocalInstant(startMs, calendar.timeZone),
    end: formatLocalInstant(endMs, calendar.timeZone),
    startMs,
    endMs,
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
function periodAt(ms: number, grain: KpiGrain, calendar: KpiCalendar): KpiPeriod {
  // A retail calendar has its own weeks, months, quarters and years (days stay local days).
  if (calendar.retail !== undefined && grain !== "day") return retailPeriodOf(ms, grain, { ...calendar, retail: calendar.retail });
  const startDay = periodStartDay(localDayOf(ms, calendar.timeZone), grain, calendar);
  const endDay = nextStartDay(startDay, grain);
  return period(startDay, localDayStart(startDay, calendar.timeZone), localDayStart(endDay, calendar.timeZone), grain, calendar);
}

/** How many periods of `grain` lie from the one starting on `firstDay` to the one starting on `lastDay`, both included. */
function periodCount(firstDay: number, lastDay: number, grain: KpiGrain): number {
  switch (grain) {
    case "day":
      return lastDay - firstDay + 1;
    case "week":
      return (lastDay - firstDay) / 7 + 1;
    default: {
      const first = civilFromDays(firstDay);
      const last = civilFromDays(lastDay);
      const months = (last.year - first.year) * 12 + (last.month - first.month);
      return months / (grain === "month" ? 1 : grain === "quarter" ? 3 : 12) + 1;
    }
  }
}

/**
 * The consecutive periods of `grain` that cover `[fromMs, toMs)`: from the period that
 * contains `fromMs` up to the one that contains the last instant before `toMs`. They abut
 * (each `end` is the next `start`) and partition the covered time. Empty when `toMs ≤ fromMs`.
 * Cost: one local-midnight lookup per period; rows are then bucketed by {@link createPeriodIndex}.
 *
 * @throws KpiDefinitionError (`too-many-periods`, at `path`) when the range holds more than
 *   {@link MAX_PERIODS} periods; the message says how many.
 * @example
 * periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1), "month", DEFAULT_CALENDAR).map((p) => p.label); //=> ["2026-01", "2026-02", "2026-03"]
 */
function periodsCovering(
  fromMs: number,
  toMs: number,
  grain: KpiGrain,
  calendar: KpiCalendar,
  path: ReadonlyArray<PropertyKey> = [],
): KpiPeriod[] {
  if (calendar.retail !== undefined && grain !== "day") return retailPeriodsBetween(fromMs, toMs, grain, { ...calendar, retail: calendar.retail });
  const periods: KpiPeriod[] = [];
  if (!(toMs > fromMs)) return periods;
  const zone = calendar.timeZone;
  const firstDay = periodStartDay(localDayOf(fromMs, zone), grain, calendar);
  const lastDay = periodStartDay(localDayOf(toMs - 1, zone), grain, calendar);
  const count = periodCount(firstDay, lastDay, grain);
  if (count > MAX_PERIODS) throw definitionError("too-many-periods", path, messages.tooManyPeriods(count, grain, MAX_PERIODS));
  // Each period ends where the next starts, at the first instant of a later local day, so
  // the periods always advance (also where the offset has seconds) and never drift.
  let startDay = firstDay;
  let startMs = localDayStart(startDay, zone);
  while (startMs < toMs) {
    const endDay = nextStartDay(startDay, grain);
    const endMs = localDayStart(endDay, zone);
    periods.push(period(startDay, startMs, endMs, grain, calendar));
    startDay = endDay;
    startMs = endMs;
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
function createIndex(periods: readonly KpiPeriod[]): PeriodIndex {
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

// Declared under names of their own: time-helpers.ts's public functions have these (tsup.config.ts).
export { periodAt as periodOf, periodsCovering as periodsBetween, createIndex as createPeriodIndex };
