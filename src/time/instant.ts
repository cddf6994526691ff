import { z } from "zod";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";
import type { KpiCalendar } from "./calendar.js";
import { daysFromCivil, localDayOf, localDayStart } from "./zone-clock.js";

const MS_PER_DAY = 86_400_000;
/**
 * The earliest instant the library accepts: 0000-12-31T00:00Z, a day before 0001-01-01 so
 * that the first of January of year 1 is a local day in every zone.
 */
export const MIN_INSTANT_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY - MS_PER_DAY;
/** The end (exclusive) of the instants the library accepts: 10000-01-02T00:00Z, so 9999-12-31 is a local day in every zone. */
export const MAX_INSTANT_MS = daysFromCivil(10_000, 1, 1) * MS_PER_DAY + MS_PER_DAY;

/** `ms` when it lies within the library's years (0001–9999, see {@link MIN_INSTANT_MS}), else NaN. */
function inRange(ms: number): number {
  return ms >= MIN_INSTANT_MS && ms < MAX_INSTANT_MS ? ms : Number.NaN;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The number at `value[start..end)`, whose characters are known to be digits. */
function digitsAt(value: string, start: number, end: number): number {
  let result = 0;
  for (let i = start; i < end; i++) result = result * 10 + value.charCodeAt(i) - 48;
  return result;
}

/**
 * True when the `YYYY-MM-DD` at the start of `value` (format already checked) names a day of
 * the proleptic Gregorian calendar: `2026-02-30` and `2026-13-01` do not.
 */
function isRealDay(value: string): boolean {
  return isRealDate(digitsAt(value, 0, 4), digitsAt(value, 5, 7), digitsAt(value, 8, 10));
}

/** True when `year`-`month`-`day` (numbers read off the text) is a day of the proleptic Gregorian calendar. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) return day <= (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** A real `YYYY-MM-DD` day from year 0001 (a four-digit year cannot pass 9999). */
function isCalendarDate(value: string): boolean {
  return DATE_ONLY.test(value) && isRealDay(value) && digitsAt(value, 0, 4) >= 1;
}

/** Epoch ms of an ISO date-time string, or NaN. `Date.parse` alone would roll 30 February over into March. */
function readDateTime(value: string): number {
  const fast = readUtcDateTime(value);
  if (fast >= 0) return fast;
  return DATE_TIME.test(value) && isRealDay(value) ? inRange(Date.parse(value)) : Number.NaN;
}

/** The digit at `index` of `value`, or -1 when it is not a digit. */
function digitAt(value: string, index: number): number {
  const code = value.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** The first year of {@link MONTH_FIRST_DAY}: the fast path's (it reads no earlier year). */
const TABLE_FIRST_YEAR = 1970;
/** Years 1970–2169, month by month: the day number of its 1st (`daysFromCivil`) and its length. Later years are computed. */
const MONTH_FIRST_DAY = new Int32Array(200 * 12);
const MONTH_LENGTH = new Uint8Array(200 * 12);
for (let at = 0; at < MONTH_FIRST_DAY.length; at++) {
  const year = TABLE_FIRST_YEAR + Math.floor(at / 12);
  const month = (at % 12) + 1;
  MONTH_FIRST_DAY[at] = daysFromCivil(year, month, 1);
  MONTH_LENGTH[at] = month === 12 ? 31 : daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
}

/**
 * The hot path of {@link readDateTime}: the form CRMs export, `YYYY-MM-DDTHH:MM:SSZ` or
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, read digit by digit (a tenth of the cost of a regex plus
 * `Date.parse`). Returns -1 for anything else (then the general path decides), so it only
 * ever answers where `Date.parse` gives the same: years from 1970, hours 0–23, real days.
 */
function readUtcDateTime(value: string): number {
  const length = value.length;
  if ((length !== 20 && length !== 24) || value.charCodeAt(length - 1) !== 90 /* Z */) return -1;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84) return -1; // "-", "-", "T"
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return -1; // ":"
  const y1 = digitAt(value, 0);
  const y2 = digitAt(value, 1);
  const y3 = digitAt(value, 2);
  const y4 = digitAt(value, 3);
  const mo1 = digitAt(value, 5);
  const mo2 = digitAt(value, 6);
  const d1 = digitAt(value, 8);
  const d2 = digitAt(value, 9);
  const h1 = digitAt(value, 11);
  const h2 = digitAt(value, 12);
  const mi1 = digitAt(value, 14);
  const mi2 = digitAt(value, 15);
  const s1 = digitAt(value, 17);
  const s2 = digitAt(value, 18);
  if ((y1 | y2 | y3 | y4 | mo1 | mo2 | d1 | d2 | h1 | h2 | mi1 | mi2 | s1 | s2) < 0) return -1;
  let millisecond = 0;
  if (length === 24) {
    if (value.charCodeAt(19) !== 46 /* . */) return -1;
    const f1 = digitAt(value, 20);
    const f2 = digitAt(value, 21);
    const f3 = digitAt(value, 22);
    if ((f1 | f2 | f3) < 0) return -1;
    millisecond = f1 * 100 + f2 * 10 + f3;
  }
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = mo1 * 10 + mo2;
  const day = d1 * 10 + d2;
  const hour = h1 * 10 + h2;
  const minute = mi1 * 10 + mi2;
  const second = s1 * 10 + s2;
  if (year < TABLE_FIRST_YEAR || hour > 23 || minute > 59 || second > 59 || month < 1 || month > 12 || day < 1) return -1;
  const at = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  let days: number;
  if (at < MONTH_FIRST_DAY.length) {
    if (day > (MONTH_LENGTH[at] as number)) return -1;
    days = (MONTH_FIRST_DAY[at] as number) + day - 1;
  } else {
    if (!isRealDate(year, month, day)) return -1;
    days = daysFromCivil(year, month, day);
  }
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond;
}

function isDateTime(value: string): boolean {
  return !Number.isNaN(readDateTime(value));
}

/** True when `value` is an instant the library accepts (see {@link InstantSchema}). */
export function isInstantInput(value: unknown): value is InstantInput {
  if (typeof value === "string") return isCalendarDate(value) || isDateTime(value);
  return value instanceof Date && !Number.isNaN(inRange(value.getTime()));
}

/**
 * Schema of an instant: an ISO 8601 date-time with `Z` or an offset
 * (`"2026-03-31T23:30:00+02:00"`), a date-only `"YYYY-MM-DD"` (the start of that day in the
 * calendar's time zone), or a valid `Date`. Date-times without offset are rejected: their
 * meaning would depend on the machine.
 */
export const InstantSchema: z.ZodType<InstantInput, InstantInput> = z
  .custom<InstantInput>(isInstantInput, { error: messages.instant })
  // For z.toJSONSchema(…, { unrepresentable: "any" }): the JSON forms (a Date is not JSON).
  .meta({
    description: "An instant: an ISO 8601 date-time with offset or Z, or a date YYYY-MM-DD (the start of that local day).",
    anyOf: [
      { type: "string", pattern: DATE_TIME.source },
      { type: "string", pattern: DATE_ONLY.source },
    ],
  });

/** An instant as the caller writes it. */
export type InstantInput = string | Date;

/**
 * Epoch milliseconds of the start of the local day `YYYY-MM-DD` in `timeZone`.
 * The caller has checked the format.
 */
function startOfLocalDate(value: string, timeZone: string): number {
  return inRange(localDayStart(daysFromCivil(digitsAt(value, 0, 4), digitsAt(value, 5, 7), digitsAt(value, 8, 10)), timeZone));
}

/**
 * Reads an instant as epoch milliseconds, or `NaN` when it is not a valid instant. The hot
 * path of normalisation: same rules as {@link InstantSchema}, no allocation for ISO strings.
 */
export function readInstant(value: unknown, calendar: KpiCalendar): number {
  if (typeof value === "string") {
    if (value.length === 10) return isCalendarDate(value) ? startOfLocalDate(value, calendar.timeZone) : Number.NaN;
    return readDateTime(value);
  }
  if (value instanceof Date) return inRange(value.getTime());
  return Number.NaN;
}

/** Reads instants as epoch milliseconds for one batch of rows (see {@link createInstantReader}). */
export interface InstantReader {
  /** Epoch milliseconds of `value`, or `NaN` when it is not a valid instant (the rules of {@link InstantSchema}). */
  read(value: unknown): number;
}

/**
 * A {@link readInstant} for one batch of rows in one calendar, which remembers the start of
 * each local day it has read: a date-only value costs a time-zone conversion (about 15 µs)
 * the first time and a Map lookup after. Create one per call (it holds the cache), never share it.
 * An object with a `read` method rather than a closure: every reader shares the one `read`, so
 * a loop calling it keeps one call target across calls and can have it inlined (a new closure
 * per call would not, and every instant read would come back as a new heap number).
 */
export function createInstantReader(calendar: KpiCalendar): InstantReader {
  return new DayCachingReader(calendar.timeZone);
}

class DayCachingReader implements InstantReader {
  private readonly dayStarts = new Map<string, number>();

  constructor(private readonly timeZone: string) {}

  read(value: unknown): number {
    if (typeof value === "string") {
      if (value.length !== 10) return readDateTime(value);
      let ms = this.dayStarts.get(value);
      if (ms === undefined) {
        ms = isCalendarDate(value) ? startOfLocalDate(value, this.timeZone) : Number.NaN;
        this.dayStarts.set(value, ms);
      }
      return ms;
    }
    if (value instanceof Date) return inRange(value.getTime());
    return Number.NaN;
  }
}

/**
 * Parses an instant into epoch milliseconds. A date-only value is the *start* of that day
 * in the calendar's time zone.
 *
 * @throws KpiInputError naming `path` when the value is not a valid instant.
 * @example
 * const ms = parseInstant("2026-03-31", { timeZone: "Europe/Amsterdam", weekStartsOn: 1, fiscalYearStartMonth: 1 });
 * ms; //=> 1774908000000
 * new Date(ms).toISOString(); //=> "2026-03-30T22:00:00.000Z"
 */
function parseInstantMs(value: InstantInput, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey> = []): number {
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
 * const end = parseAsOf("2026-11-23", { timeZone: "UTC", weekStartsOn: 1, fiscalYearStartMonth: 1 });
 * new Date(end).toISOString(); //=> "2026-11-24T00:00:00.000Z"
 */
function parseAsOfMs(value: InstantInput, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey> = ["asOf"]): number {
  const ms = parseInstantMs(value, calendar, path);
  if (typeof value === "string" && value.length === 10) return localDayStart(localDayOf(ms, calendar.timeZone) + 1, calendar.timeZone);
  return ms;
}

// Declared under names of their own: time-helpers.ts's public functions have these (tsup.config.ts).
export { parseInstantMs as parseInstant, parseAsOfMs as parseAsOf };
