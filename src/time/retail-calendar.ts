import { z } from "zod";
import type { KpiCalendar } from "./calendar.js";
import { isoInstant } from "./iso-instant.js";
import { civilDate, civilDay, civilDayStartMs, localCivilDay, weekdayOf } from "./civil-day.js";
import type { KpiGrain, KpiPeriod } from "./period.js";

/**
 * Schema of a retail (4-4-5) calendar, the `retail` field of a calendar: weeks grouped into
 * months of 4 or 5 weeks, three months a quarter (`pattern` `"4-4-5"`, `"4-5-4"` or
 * `"5-4-4"`), 52 weeks a year and a 53rd when the year-end weekday drifts far enough.
 * The year ends on `yearEndWeekday` (0 = Sunday … 6 = Saturday) nearest the last day of
 * `yearEndMonth` (`yearEnd: "nearest"`, default) or on the last such weekday of that month
 * (`"last"`). `yearLabel` names a year by the calendar year in which it ends (`"end"`,
 * default, as the library names fiscal years) or by the one before (`"start"`: the NRF
 * names the year from 29 January 2023 to 3 February 2024 "fiscal 2023").
 * The NRF 4-5-4 calendar: `{ pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearLabel: "start" }`.
 */
export const KpiRetailCalendarSchema = z.strictObject({
  pattern: z.enum(["4-4-5", "4-5-4", "5-4-4"]),
  yearEndMonth: z.number().int().min(1).max(12),
  yearEndWeekday: z.number().int().min(0).max(6),
  yearEnd: z.enum(["nearest", "last"]).default("nearest"),
  yearLabel: z.enum(["end", "start"]).default("end"),
});
/** A retail calendar as the caller writes it. */
export type KpiRetailCalendarInput = z.input<typeof KpiRetailCalendarSchema>;
/** A retail calendar with every field resolved. */
export type KpiRetailCalendar = z.output<typeof KpiRetailCalendarSchema>;

/**
 * The last day (day number) of the retail year that ends in calendar year `year`: the
 * year-end weekday nearest the last day of the year-end month (at most 3 days either side),
 * or the last such weekday on or before it.
 */
export function retailYearEndDay(year: number, retail: KpiRetailCalendar): number {
  const monthEnd = civilDay(year, retail.yearEndMonth + 1, 0);
  const back = (weekdayOf(monthEnd) - retail.yearEndWeekday + 7) % 7;
  if (retail.yearEnd === "last" || back <= 3) return monthEnd - back;
  return monthEnd + (7 - back);
}

/** Weeks of each retail month of a 52-week year, in order; a 53rd week goes to the last month. */
function monthWeeks(retail: KpiRetailCalendar, weeksInYear: number): number[] {
  const quarter = retail.pattern.split("-").map(Number);
  const weeks = [...quarter, ...quarter, ...quarter, ...quarter];
  if (weeksInYear === 53) weeks[11] = (weeks[11] as number) + 1;
  return weeks;
}

/** One retail year: its end year (the calendar year of its last day), first and last day. */
export interface RetailYear {
  readonly endYear: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly weeks: 52 | 53;
}

function retailYearEnding(endYear: number, retail: KpiRetailCalendar): RetailYear {
  const lastDay = retailYearEndDay(endYear, retail);
  const firstDay = retailYearEndDay(endYear - 1, retail) + 1;
  return { endYear, firstDay, lastDay, weeks: (lastDay - firstDay + 1) / 7 === 53 ? 53 : 52 };
}

/** The retail year that holds the civil day `day`. */
export function retailYearOf(day: number, retail: KpiRetailCalendar): RetailYear {
  let endYear = civilDate(day).year;
  while (day > retailYearEndDay(endYear, retail)) endYear++;
  while (day <= retailYearEndDay(endYear - 1, retail)) endYear--;
  return retailYearEnding(endYear, retail);
}


function two(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * The retail period of `grain` (week, month, quarter or year) holding the instant `ms`:
 * `[first day, last day + 1)` in local days of the calendar's zone. Labels: `FY2024`,
 * `FY2024-Q1`, `FY2024-M01` (retail month 1..12), `FY2024-W01` (week 1..53 of the retail year).
 * Weeks start on the day after `yearEndWeekday` (the calendar's `weekStartsOn` does not apply).
 *
 * @example
 * // the NRF calendar: 4-5-4 weeks, the year ends on the Saturday nearest the end of January
 * const nrf = { ...DEFAULT_CALENDAR, retail: { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearEnd: "nearest", yearLabel: "start" } } as const;
 * retailPeriodOf(Date.UTC(2023, 5, 15), "year", nrf).label; //=> "FY2023"
 */
export function retailPeriodOf(ms: number, grain: Exclude<KpiGrain, "day">, calendar: KpiCalendar & { retail: KpiRetailCalendar }): KpiPeriod {
  const { retail, timeZone } = calendar;
  const day = localCivilDay(ms, timeZone);
  const year = retailYearOf(day, retail);
  const prefix = `FY${retail.yearLabel === "end" ? year.endYear : year.endYear - 1}`;
  const week = Math.floor((day - year.firstDay) / 7);
  let first = year.firstDay;
  let last = year.lastDay;
  let label = prefix;
  if (grain === "week") {
    first = year.firstDay + week * 7;
    last = first + 6;
    label = `${prefix}-W${two(week + 1)}`;
  } else if (grain === "month" || grain === "quarter") {
    const weeks = monthWeeks(retail, year.weeks);
    let month = 0;
    let startWeek = 0;
    while (startWeek + (weeks[month] as number) <= week) startWeek += weeks[month++] as number;
    if (grain === "month") {
      first = year.firstDay + startWeek * 7;
      last = first + (weeks[month] as number) * 7 - 1;
      label = `${prefix}-M${two(month + 1)}`;
    } else {
      const quarter = Math.floor(month / 3);
      const quarterStart = weeks.slice(0, quarter * 3).reduce((sum, w) => sum + w, 0);
      const quarterWeeks = weeks.slice(quarter * 3, quarter * 3 + 3).reduce((sum, w) => sum + w, 0);
      first = year.firstDay + quarterStart * 7;
      last = first + quarterWeeks * 7 - 1;
      label = `${prefix}-Q${quarter + 1}`;
    }
  }
  const startMs = civilDayStartMs(first, timeZone);
  const endMs = civilDayStartMs(last + 1, timeZone);
  return { grain, label, start: isoInstant(startMs, calendar), end: isoInstant(endMs, calendar), startMs, endMs };
}

/** The consecutive retail periods of `grain` covering `[fromMs, toMs)` (see `periodsBetween`). */
export function retailPeriodsBetween(fromMs: number, toMs: number, grain: Exclude<KpiGrain, "day">, calendar: KpiCalendar & { retail: KpiRetailCalendar }): KpiPeriod[] {
  const periods: KpiPeriod[] = [];
  if (!(toMs > fromMs)) return periods;
  for (let period = retailPeriodOf(fromMs, grain, calendar); period.startMs < toMs; period = retailPeriodOf(period.endMs, grain, calendar)) {
    periods.push(period);
  }
  return periods;
}
