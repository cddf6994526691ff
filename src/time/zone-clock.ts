/**
 * Local wall-clock time in an IANA zone, exact to the millisecond: offsets are read from the
 * runtime's time zone data (`Intl`) with their seconds, so zones whose historic offset is not
 * a whole number of minutes (local mean time before 1900: Amsterdam +00:19:32, Kathmandu
 * +05:41:16) give local days that start at local 00:00:00 and last about 24 hours. date-fns'
 * `TZDate` rounds such offsets and can return a day that ends where it starts.
 *
 * Days are counted as whole days since 1970-01-01 in the proleptic Gregorian calendar
 * ("civil days"), so no `Date.UTC` year quirk (years 0–99) is ever hit.
 */

const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to `year`-`month`-`day` (month 1–12, any day; H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** A calendar date: month 1–12. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The date `days` days after 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day };
}

/** Day of the week of a civil day: 0 = Sunday … 6 = Saturday. */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** The civil day `months` months after the first of `year`-`month` (the 1st of that month). */
export function firstOfMonthDays(year: number, month: number, months = 0): number {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  return daysFromCivil(y, index - y * 12 + 1, 1);
}

const offsetFormats = new Map<string, (date: Date) => string>();
const UTC_ZONES: ReadonlySet<string> = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"]);

/** The `Intl` formatter giving `GMT+05:41:16`-style offsets in `timeZone`, made once per zone. */
function offsetFormat(timeZone: string): (date: Date) => string {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format;
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** Milliseconds of an offset text after "GMT": `""` (0), `"+05:45"`, `"-03:00"` or `"+00:19:32"`. */
function readOffset(text: string): number {
  if (text.length === 0) return 0;
  const sign = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 0x2212 ? -1 : 1;
  const [hours = "0", minutes = "0", seconds = "0"] = text.slice(1).split(":");
  return sign * ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

/**
 * Offsets already read, per zone and instant: computing consecutive periods asks for the same
 * instants again (a day's end is the next day's start). Cleared when it grows large; it only
 * ever holds what `Intl` answers, so it changes no result.
 */
const offsetMemo = new Map<string, Map<number, number>>();
const MEMO_SIZE = 4096;

/** The zone's UTC offset at the instant `ms`, in milliseconds (positive east of Greenwich), seconds included. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (UTC_ZONES.has(timeZone)) return 0;
  let memo = offsetMemo.get(timeZone);
  if (memo === undefined) {
    memo = new Map();
    offsetMemo.set(timeZone, memo);
  }
  const known = memo.get(ms);
  if (known !== undefined) return known;
  const text = offsetFormat(timeZone)(new Date(ms));
  const at = text.indexOf("GMT");
  const offset = at < 0 ? 0 : readOffset(text.slice(at + 3));
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(ms, offset);
  return offset;
}

/** The civil day (days since 1970-01-01) that the instant `ms` falls on in `timeZone`. */
export function localDayOf(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / MS_PER_DAY);
}

/**
 * The first instant of the local day `days` (civil days since 1970-01-01) in `timeZone`:
 * local 00:00:00, or — where a change of offset skips midnight (America/Santiago, 6 September
 * 2026) — the instant of the change (01:00 local). When midnight happens twice, the first.
 */
export function localDayStart(days: number, timeZone: string): number {
  const wall = days * MS_PER_DAY;
  if (UTC_ZONES.has(timeZone)) return wall;
  // The day's midnight lies within ±18 h of `wall`; the offsets a day either side bracket it.
  const before = zoneOffsetMs(wall - MS_PER_DAY, timeZone);
  const after = zoneOffsetMs(wall + MS_PER_DAY, timeZone);
  let best = Number.POSITIVE_INFINITY;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wall - offset;
    if (zoneOffsetMs(candidate, timeZone) === offset && candidate < best) best = candidate;
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  // No local midnight that day: the first instant whose local time is on or after it.
  let lo = wall - Math.max(before, after) - MS_PER_DAY;
  let hi = wall - Math.min(before, after) + MS_PER_DAY;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + zoneOffsetMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The local wall-clock fields of `ms` in `timeZone`, with the offset in milliseconds. */
export interface WallClock extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offsetMs: number;
}

/** The local date, time of day and offset of the instant `ms` in `timeZone`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const offsetMs = zoneOffsetMs(ms, timeZone);
  const local = ms + offsetMs;
  const days = Math.floor(local / MS_PER_DAY);
  let rest = local - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const date = civilFromDays(days);
  return { year: date.year, month: date.month, day: date.day, hour, minute, second, millisecond: rest - second * 1000, offsetMs };
}

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** `YYYY-MM-DD` of a civil date (years before 1000 zero-padded to four digits). */
export function formatCivilDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** An offset as ISO 8601 writes it: `+02:00`, `-03:00`; `+00:19:32` when it has seconds (local mean time). */
function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}${seconds === 0 ? "" : `:${pad(seconds, 2)}`}`;
}

/**
 * The instant `ms` as an ISO 8601 date-time in `timeZone`'s local time with its offset:
 * `2026-03-31T23:30:00+02:00` (seconds precision, like date-fns' `yyyy-MM-dd'T'HH:mm:ssxxx`).
 * The one formatter of instants for results.
 */
export function formatLocalInstant(ms: number, timeZone: string): string {
  const clock = wallClock(ms, timeZone);
  return `${formatCivilDate(clock)}T${pad(clock.hour, 2)}:${pad(clock.minute, 2)}:${pad(clock.second, 2)}${formatOffset(clock.offsetMs)}`;
}
