import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date (month 1..12); days may overflow, as in `Date.UTC`. */
export function civilDay(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The civil date of a day number. */
export function civilDate(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` of a day number. */
export function civilDayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The day number of the local civil date holding the instant `ms` in `timeZone`. */
export function localCivilDay(ms: number, timeZone: string): number {
  const local = new TZDate(ms, timeZone);
  return civilDay(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

/** The first instant of the local civil day `day` in `timeZone` (01:00 where DST skips midnight). */
export function civilDayStartMs(day: number, timeZone: string): number {
  const { year, month, day: date } = civilDate(day);
  return startOfDay(new TZDate(year, month - 1, date, 12, timeZone)).getTime();
}
