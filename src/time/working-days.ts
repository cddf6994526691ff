import { z } from "zod";
import { messages } from "../core/messages.js";
import { civilDayLabel, localCivilDay, weekdayOf } from "./civil-day.js";

/** A weekday: 0 = Sunday … 6 = Saturday. */
const WeekdaySchema = z.number().int().min(0).max(6);

/**
 * The working-day options shared by pacing and splits: `workingDays` (weekdays, 0 = Sunday …
 * 6 = Saturday; default Monday–Friday) and `holidays` (local dates `YYYY-MM-DD` that are not
 * working days).
 */
export const workingDayOptionShape = {
  workingDays: z.array(WeekdaySchema).min(1, { error: messages.workingDaysEmpty }).default([1, 2, 3, 4, 5]),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: messages.holidayDate })).default([]),
};

/** Working days, resolved: the weekdays and holidays as sets. */
export interface WorkingDayRule {
  readonly weekdays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
}

/** Builds a {@link WorkingDayRule} from parsed options. */
export function workingDayRule(options: { readonly workingDays: readonly number[]; readonly holidays: readonly string[] }): WorkingDayRule {
  return { weekdays: new Set(options.workingDays), holidays: new Set(options.holidays) };
}

/**
 * The number of working days among the local calendar days from the day holding `fromMs` up to,
 * not including, the day holding `toMs` (both read in `timeZone`): a day counts when its
 * weekday is a working day and its date is not a holiday. With `fromMs`/`toMs` on day starts
 * this counts the days of `[fromMs, toMs)`; with `toMs` mid-day, the day in progress is not
 * counted (it has not ended). 0 when `toMs ≤ fromMs`. Complexity: O(days).
 *
 * @example
 * workingDaysBetween(Date.UTC(2026, 5, 1), Date.UTC(2026, 6, 1), "UTC", workingDayRule({ workingDays: [1, 2, 3, 4, 5], holidays: [] })); //=> 22
 */
export function workingDaysBetween(fromMs: number, toMs: number, timeZone: string, rule: WorkingDayRule): number {
  if (!(toMs > fromMs)) return 0;
  const first = localCivilDay(fromMs, timeZone);
  const end = localCivilDay(toMs, timeZone);
  let count = 0;
  for (let day = first; day < end; day++) {
    if (rule.weekdays.has(weekdayOf(day)) && (rule.holidays.size === 0 || !rule.holidays.has(civilDayLabel(day)))) count++;
  }
  return count;
}
