import { z } from "zod";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { KpiRetailCalendarSchema } from "./retail-calendar.js";

/**
 * The IANA zones the runtime knows by their canonical names: a constant, read once, so that
 * checking a calendar costs a Set lookup instead of building an `Intl.DateTimeFormat` (tens of
 * µs, which adds up when every function of a scorecard checks its options).
 */
const CANONICAL_TIME_ZONES: ReadonlySet<string> = new Set(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);

function isTimeZone(value: string): boolean {
  if (value === "UTC" || CANONICAL_TIME_ZONES.has(value)) return true;
  // Aliases ("Etc/UTC", "Asia/Kathmandu") and other spellings Intl accepts.
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const kpiCalendarSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, { error: messages.timeZone }).default("UTC"),
  weekStartsOn: z
    .union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)])
    // -0 passes the literal 0; the calendar returned holds a plain 0.
    .transform((day) => (day === 0 ? 0 : day))
    .default(1),
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  retail: KpiRetailCalendarSchema.optional(),
});
type KpiCalendarSchemaBase = typeof kpiCalendarSchema;
/** The zod type of {@link KpiCalendarSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface KpiCalendarSchemaType extends KpiCalendarSchemaBase {}
/**
 * Schema of the calendar every period and window is computed in: an IANA `timeZone`
 * (default `"UTC"`), the first day of the week (`weekStartsOn`, 0 = Sunday … 6 = Saturday,
 * default 1 = Monday, giving ISO 8601 weeks) and the first month of the fiscal year
 * (`fiscalYearStartMonth`, 1 = January … 12, default 1). With `retail` (a 4-4-5, 4-5-4 or
 * 5-4-4 calendar of 52/53-week years, see `KpiRetailCalendarSchema`) weeks, months, quarters
 * and years are retail periods instead, and `fiscalYearStartMonth` does not apply to them.
 */
export const KpiCalendarSchema: KpiCalendarSchemaType = kpiCalendarSchema;

/** A calendar as the caller writes it: every field optional. */
export type KpiCalendarInput = z.input<typeof KpiCalendarSchema>;
/** A calendar with every field resolved. */
export type KpiCalendar = z.output<typeof KpiCalendarSchema>;

/** The default calendar: UTC, weeks from Monday, fiscal year = calendar year. */
export const DEFAULT_CALENDAR: KpiCalendar = Object.freeze({ timeZone: "UTC", weekStartsOn: 1, fiscalYearStartMonth: 1 });

/**
 * Resolves a calendar input (all fields optional) into a full {@link KpiCalendar}.
 * Throws `KpiDefinitionError` for an unknown time zone or a month outside 1..12.
 *
 * @example
 * resolveCalendar({ timeZone: "Europe/Amsterdam" }); //=> { timeZone: "Europe/Amsterdam", weekStartsOn: 1, fiscalYearStartMonth: 1 }
 */
export function resolveCalendar(input: KpiCalendarInput | undefined): KpiCalendar {
  const calendar = checkCalendar(input, ["calendar"]);
  if (!resolvedCalendars.has(calendar)) {
    if (calendar.retail !== undefined) Object.freeze(calendar.retail);
    resolvedCalendars.add(Object.freeze(calendar));
  }
  return calendar;
}

/**
 * The calendars {@link resolveCalendar} returned (frozen): {@link checkCalendar} takes them back
 * as they are. The time helpers take a calendar per call, and zod checks a resolved one in
 * about 0.9 µs, several times the call's own work.
 */
const resolvedCalendars = new WeakSet<object>([DEFAULT_CALENDAR]);

/**
 * The calendar of `input`, its problems under `path`: one {@link resolveCalendar} returned
 * as it is, any other input checked and resolved (into a new calendar, not remembered).
 */
export function checkCalendar(input: KpiCalendarInput | undefined, path: ReadonlyArray<PropertyKey>): KpiCalendar {
  if (input === undefined) return DEFAULT_CALENDAR;
  if (resolvedCalendars.has(input)) return input as KpiCalendar;
  return parseOptions(KpiCalendarSchema, input, path);
}

/** True when two resolved calendars compute the same periods. */
export function sameCalendar(a: KpiCalendar, b: KpiCalendar): boolean {
  return a.timeZone === b.timeZone && a.weekStartsOn === b.weekStartsOn && a.fiscalYearStartMonth === b.fiscalYearStartMonth && sameRetail(a.retail, b.retail);
}

function sameRetail(a: KpiCalendar["retail"], b: KpiCalendar["retail"]): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.pattern === b.pattern && a.yearEndMonth === b.yearEndMonth && a.yearEndWeekday === b.yearEndWeekday && a.yearEnd === b.yearEnd && a.yearLabel === b.yearLabel;
}
