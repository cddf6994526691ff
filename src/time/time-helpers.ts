import { z } from "zod";
import { customIssue, KpiInputError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition } from "../core/parse-input.js";
import { type KpiCalendar, type KpiCalendarInput, checkCalendar } from "./calendar.js";
import { type InstantInput, MAX_INSTANT_MS, MIN_INSTANT_MS, parseAsOf as parseAsOfMs, parseInstant as parseInstantMs } from "./instant.js";
import {
  createPeriodIndex as createIndex,
  type KpiGrain,
  KpiGrainSchema,
  type KpiPeriod,
  type PeriodIndex,
  periodOf as periodAt,
  periodsBetween as periodsCovering,
} from "./period.js";
import { type KpiWindow, trailingWindow as windowEndingAt } from "./trailing-window.js";

// The time helpers as public functions: every argument parsed at the boundary (an instant, a
// grain, a calendar input), so a bad one is a KpiInputError or KpiDefinitionError with a
// path, never a TypeError or an endless loop. Inside the library the unchecked versions run.

/** An instant as the time helpers take it: an {@link InstantInput} or epoch milliseconds. */
export type TimeInstant = InstantInput | number;

function calendarOf(input: KpiCalendarInput | undefined, path: ReadonlyArray<PropertyKey> = ["calendar"]): KpiCalendar {
  return checkCalendar(input, path);
}

/** Epoch ms of an instant argument (a date-only value is the start of that day in `calendar`). */
function instantOf(value: unknown, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey>): number {
  if (typeof value === "number") {
    // + 0: epoch -0 is the instant 0.
    if (Number.isInteger(value) && value >= MIN_INSTANT_MS && value < MAX_INSTANT_MS) return value + 0;
    throw new KpiInputError([customIssue(path, messages.epochMs, value)]);
  }
  return parseInstantMs(value as InstantInput, calendar, path);
}

const grainOf = (grain: unknown, path: ReadonlyArray<PropertyKey> = ["grain"]): KpiGrain => parseDefinition(KpiGrainSchema, grain, path);

/**
 * Parses an instant into epoch milliseconds. A date-only value is the *start* of that day
 * in the calendar's time zone.
 *
 * @throws KpiDefinitionError for a bad calendar (checked first); KpiInputError naming `path`
 *   when the value is not a valid instant in the years 0001–9999.
 * @example
 * // local midnight of 31 March in Amsterdam is 2026-03-30T22:00:00Z
 * parseInstant("2026-03-31", { timeZone: "Europe/Amsterdam" });
 * //=> 1774908000000
 */
export function parseInstant(value: TimeInstant, calendar?: KpiCalendarInput, path: ReadonlyArray<PropertyKey> = []): number {
  const resolved = calendarOf(calendar);
  return instantOf(value, resolved, pathOf(path));
}

/**
 * Parses an `asOf` value into the exclusive end instant it stands for. A date-only
 * `"2026-11-23"` means "up to the end of that local day": the start of 24 November in the
 * calendar's zone. A date-time (or epoch ms) is taken as it is.
 *
 * @example
 * // the start of 24 November 2026 in UTC
 * parseAsOf("2026-11-23");
 * //=> 1795478400000
 */
export function parseAsOf(value: TimeInstant, calendar?: KpiCalendarInput, path: ReadonlyArray<PropertyKey> = ["asOf"]): number {
  const resolved = calendarOf(calendar);
  const at = pathOf(path);
  if (typeof value === "number") return instantOf(value, resolved, at);
  return parseAsOfMs(value, resolved, at);
}

/** A path argument as given, or the default when it is not an array of keys. */
function pathOf(path: unknown): ReadonlyArray<PropertyKey> {
  return Array.isArray(path) && path.every((key) => typeof key === "string" || typeof key === "number") ? (path as PropertyKey[]) : [];
}

/**
 * The period of `grain` that contains the instant, in the calendar's time zone. Quarters and
 * years are fiscal when `fiscalYearStartMonth ≠ 1` (named by the year in which the fiscal year
 * ends: April 2026 is in `FY2027-Q1`). Weeks follow ISO 8601 when they start on Monday. A period
 * starts at the first instant of its local day and ends where the next period starts.
 *
 * @example
 * periodOf("2026-03-31T23:30:00+02:00", "month", { timeZone: "Europe/Amsterdam" }).label;
 * //=> "2026-03"
 */
export function periodOf(instant: TimeInstant, grain: KpiGrain, calendar?: KpiCalendarInput): KpiPeriod {
  const resolved = calendarOf(calendar);
  const g = grainOf(grain);
  return periodAt(instantOf(instant, resolved, ["instant"]), g, resolved);
}

/**
 * The consecutive periods of `grain` that cover `[from, to)`: from the period containing
 * `from` up to the one containing the last instant before `to`. They abut and partition the
 * covered time; empty when `to ≤ from`.
 *
 * @throws KpiDefinitionError when the range holds more than 20,000 periods (the message says how many).
 * @example
 * periodsBetween("2026-01-01", "2026-04-01", "month").map((p) => p.label);
 * //=> ["2026-01", "2026-02", "2026-03"]
 */
export function periodsBetween(from: TimeInstant, to: TimeInstant, grain: KpiGrain, calendar?: KpiCalendarInput): KpiPeriod[] {
  const resolved = calendarOf(calendar);
  const g = grainOf(grain);
  return periodsCovering(instantOf(from, resolved, ["from"]), instantOf(to, resolved, ["to"]), g, resolved, ["to"]);
}

/** Schema of a {@link KpiPeriod} passed back in (as periodOf and periodsBetween give it). */
export const KpiPeriodSchema = z.object({
  grain: KpiGrainSchema,
  label: z.string(),
  start: z.string(),
  end: z.string(),
  // + 0: an epoch of -0 is the instant 0.
  startMs: z.number().int().min(MIN_INSTANT_MS).max(MAX_INSTANT_MS).transform((ms) => ms + 0),
  endMs: z.number().int().min(MIN_INSTANT_MS).max(MAX_INSTANT_MS).transform((ms) => ms + 0),
});

/** Schema of what {@link createPeriodIndex} takes: periods (as {@link periodsBetween} gives) that abut, in order. */
export const PeriodListSchema = z.array(KpiPeriodSchema).superRefine((periods, context) => {
  for (let i = 0; i < periods.length; i++) {
    const period = periods[i] as z.output<typeof KpiPeriodSchema>;
    if (!(period.endMs > period.startMs)) context.addIssue({ code: "custom", path: [i, "endMs"], message: messages.periodEndBeforeStart });
    const previous = periods[i - 1];
    if (previous !== undefined && previous.endMs !== period.startMs) context.addIssue({ code: "custom", path: [i, "startMs"], message: messages.periodsAbut });
  }
});

/**
 * A lookup from an instant (epoch ms) to the index of the period that holds it, by binary
 * search over the periods' boundaries: O(log p) per lookup, no time-zone work.
 *
 * @throws KpiInputError when `periods` are not abutting periods in order.
 * @example
 * createPeriodIndex(periodsBetween("2026-01-01", "2026-04-01", "month")).indexOf(Date.UTC(2026, 1, 14));
 * //=> 1
 */
export function createPeriodIndex(periods: readonly KpiPeriod[]): PeriodIndex {
  const result = PeriodListSchema.safeParse(periods);
  if (!result.success) throw new KpiInputError(result.error.issues.map((issue) => ({ ...issue, path: ["periods", ...issue.path] }) as never));
  return createIndex(result.data);
}

/**
 * The trailing window of `days` local calendar days that ends with the day of `asOf` (the
 * exclusive end instant; a date-only value includes that day). Over a DST change a window of
 * N days is still N local days.
 *
 * @throws KpiDefinitionError when `days` is not a whole number from 1 to 20,000.
 * @example
 * trailingWindow("2026-11-23", 30).firstDay;
 * //=> "2026-10-25"
 */
export function trailingWindow(asOf: TimeInstant, days: number, calendar?: KpiCalendarInput): KpiWindow {
  const resolved = calendarOf(calendar);
  const asOfMs = typeof asOf === "number" ? instantOf(asOf, resolved, ["asOf"]) : parseAsOfMs(asOf, resolved, ["asOf"]);
  return windowEndingAt(asOfMs, days, resolved);
}
