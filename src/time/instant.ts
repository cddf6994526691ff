import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";
import type { KpiCalendar } from "./calendar.js";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = DATE_ONLY.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** True when `value` is an instant the library accepts (see {@link InstantSchema}). */
export function isInstantInput(value: unknown): value is InstantInput {
  if (typeof value === "string") return isCalendarDate(value) || isDateTime(value);
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * Schema of an instant: an ISO 8601 date-time with `Z` or an offset
 * (`"2026-03-31T23:30:00+02:00"`), a date-only `"YYYY-MM-DD"` (the start of that day in the
 * calendar's time zone), or a valid `Date`. Date-times without offset are rejected: their
 * meaning would depend on the machine.
 */
export const InstantSchema: z.ZodType<InstantInput> = z.custom<InstantInput>(isInstantInput, { error: messages.instant });

/** An instant as the caller writes it. */
export type InstantInput = string | Date;

/**
 * Epoch milliseconds of the start of the local day `YYYY-MM-DD` in `timeZone`.
 * The caller has checked the format.
 */
function startOfLocalDate(value: string, timeZone: string): number {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return new TZDate(year, month - 1, day, timeZone).getTime();
}

/**
 * Reads an instant as epoch milliseconds, or `NaN` when it is not a valid instant. The hot
 * path of normalisation: same rules as {@link InstantSchema}, no allocation for ISO strings.
 */
export function readInstant(value: unknown, calendar: KpiCalendar): number {
  if (typeof value === "string") {
    if (value.length === 10) return isCalendarDate(value) ? startOfLocalDate(value, calendar.timeZone) : Number.NaN;
    return DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  }
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

/**
 * Parses an instant into epoch milliseconds. A date-only value is the *start* of that day
 * in the calendar's time zone.
 *
 * @throws KpiInputError naming `path` when the value is not a valid instant.
 * @example
 * parseInstant("2026-03-31", { timeZone: "Europe/Amsterdam", weekStartsOn: 1, fiscalYearStartMonth: 1 });
 * // 1774908000000 (2026-03-30T22:00:00Z)
 */
export function parseInstant(value: InstantInput, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey> = []): number {
  const ms = readInstant(value, calendar);
  if (!Number.isNaN(ms)) return ms;
  parseInput(InstantSchema, value, path);
  /* c8 ignore next */
  throw new TypeError(messages.instant);
}

/**
 * Parses an `asOf` value into the exclusive end instant it stands for. A date-only
 * `"2026-11-23"` means "up to the end of that local day": the start of 24 November in the
 * calendar's zone. A date-time is taken as it is.
 *
 * @example
 * parseAsOf("2026-11-23", { timeZone: "UTC", weekStartsOn: 1, fiscalYearStartMonth: 1 });
 * // Date.UTC(2026, 10, 24)
 */
export function parseAsOf(value: InstantInput, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey> = ["asOf"]): number {
  const ms = parseInstant(value, calendar, path);
  if (typeof value === "string" && value.length === 10) {
    const start = new TZDate(ms, calendar.timeZone);
    return new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + 1, calendar.timeZone).getTime();
  }
  return ms;
}
