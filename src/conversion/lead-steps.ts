import { TZDate, tzOffset } from "@date-fns/tz";
import { z } from "zod";
import { customIssue, KpiDefinitionError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiGroupBy } from "../measure/series.js";
import type { PreparedData, PreparedLead } from "../model/prepared.js";
import type { KpiCalendar } from "../time/calendar.js";
import { InstantSchema, parseInstant } from "../time/instant.js";

// Internal helpers shared by the lead KPIs (conversion rate, funnel, close rate, returned leads).

/** Schema of a `[from, to)` range given as two instants (`to` exclusive). */
export const LeadPeriodSchema = z.strictObject({ from: InstantSchema, to: InstantSchema });

/** Resolved `[start, end)` bounds of a period, as ISO date-times (calendar offset) and epoch ms. */
import type { KpiBounds } from "../time/bounds.js";
export type { KpiBounds };

import { isoInstant } from "../time/iso-instant.js";
export { isoInstant };

/** Resolves `{ from, to }` into bounds; `to` must be after `from` (else KpiDefinitionError). */
export function resolveBounds(period: z.output<typeof LeadPeriodSchema>, calendar: KpiCalendar, path: readonly PropertyKey[] = ["period"]): KpiBounds {
  const startMs = parseInstant(period.from, calendar, [...path, "from"]);
  const endMs = parseInstant(period.to, calendar, [...path, "to"]);
  if (!(endMs > startMs)) throw new KpiDefinitionError("invalid-option", [customIssue([...path, "to"], messages.emptyRange, period.to)]);
  return { start: isoInstant(startMs, calendar), end: isoInstant(endMs, calendar), startMs, endMs };
}

/** Checks a list of funnel steps: non-empty ids, each once. */
export function checkSteps(steps: readonly string[], path: readonly PropertyKey[]): void {
  const issues: KpiIssue[] = [];
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    if (seen.has(step)) issues.push(customIssue([...path, index], messages.duplicateStep(step), step));
    seen.add(step);
  });
  if (issues.length > 0) throw new KpiDefinitionError("invalid-option", issues);
}

/**
 * The instant lead `i` *effectively* reached `steps[index]`, as known before `asOfMs`: the
 * earliest recorded instant of that step or any later step (reaching a later step implies
 * the earlier ones, by then at the latest). `NaN` when it reached none of them before `asOfMs`.
 * Read from step columns (`reached[j][i]`: when the lead first reached `steps[j]`, NaN when not
 * recorded; `leadColumns(leads).reachedAt(step)`).
 */
export function effectiveReachOf(reached: readonly Float64Array[], i: number, index: number, asOfMs: number): number {
  let best = Number.NaN;
  for (let j = index; j < reached.length; j++) {
    const at = (reached[j] as Float64Array)[i] as number;
    if (at < asOfMs && !(at >= best)) best = at;
  }
  return best;
}

/** Group key used for rows without an owner, team or source. */
export const NO_GROUP = "(none)";

/** The group of a lead under `groupBy`; {@link NO_GROUP} when the field is empty. */
export function groupKeyOf(lead: PreparedLead, groupBy: KpiGroupBy): string {
  const key = groupBy === "owner" ? lead.owner : groupBy === "team" ? lead.team : lead.source;
  return key ?? NO_GROUP;
}

/** Groups that appear even without rows: the roster's reps (by owner) or teams (by team). */
export function rosterGroups(prepared: PreparedData, groupBy: KpiGroupBy): string[] {
  if (groupBy === "owner") return prepared.reps.map((rep) => rep.id);
  if (groupBy === "team") return prepared.reps.flatMap((rep) => (rep.team === undefined ? [] : [rep.team]));
  return [];
}

/** Deterministic (code unit) string order, independent of the locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number of lead rows the preparation left out (invalidRows: "skip"). */
export function skippedLeadRows(prepared: PreparedData): number {
  let count = 0;
  for (const row of prepared.skipped) if (row.collection === "leads") count++;
  return count;
}

/**
 * Local day boundaries over a range, for "within N whole local days" windows without
 * converting any row's time zone: the boundaries are computed once, then each instant is
 * placed among them in O(1) (see `dayIndex`).
 */
export interface DayDeadlines {
  /**
   * Exclusive deadline of a window of `windowDays` days opened at `ms`: the start of the
   * local day `windowDays + 1` days after the day holding `ms`. `ms` must lie in the range.
   */
  deadline(ms: number): number;
  /** The deadline of an instant on the range's last local day. */
  readonly lastDeadline: number;
}

/**
 * Builds {@link DayDeadlines} for instants in `[startMs, endMs)`. Cost: about one cached
 * offset lookup per local week; days are checked one by one (and computed with TZDate)
 * only in weeks where the zone's offset changes (DST).
 */
export function createDayDeadlines(startMs: number, endMs: number, windowDays: number, calendar: KpiCalendar): DayDeadlines {
  const zone = calendar.timeZone;
  const first = new TZDate(startMs, zone);
  const year = first.getFullYear();
  const month = first.getMonth();
  const day = first.getDate();
  const firstLabel = Date.UTC(year, month, day);
  let offset = tzOffset(zone, new Date(startMs));
  // Local midnight of day k: its date read as UTC, minus the zone's offset at that instant;
  // TZDate decides when the offset at the guess differs (a DST change that day).
  const exactStart = (k: number): number => {
    const guess = firstLabel + k * DAY_MS - offset * 60_000;
    const actual = tzOffset(zone, new Date(guess));
    if (actual === offset) return guess;
    const ms = new TZDate(year, month, day + k, zone).getTime();
    offset = tzOffset(zone, new Date(ms));
    return ms;
  };
  // Days needed: through the last day of the range + windowDays + 1, with a margin for DST.
  const count = Math.ceil((endMs - startMs) / DAY_MS) + windowDays + 4;
  const starts = new Array<number>(count);
  starts[0] = exactStart(0);
  for (let k0 = 0; k0 < count - 1; k0 += 7) {
    const k1 = Math.min(k0 + 7, count - 1);
    const s0 = starts[k0] as number;
    const s1 = exactStart(k1);
    starts[k1] = s1;
    if (s1 - s0 === (k1 - k0) * DAY_MS) {
      for (let k = k0 + 1; k < k1; k++) starts[k] = s0 + (k - k0) * DAY_MS;
    } else {
      for (let k = k0 + 1; k < k1; k++) starts[k] = exactStart(k);
    }
  }
  // starts[i] = local midnight of day i. Day of the last instant before endMs:
  const lastDayIndex = dayIndex(starts, endMs - 1);
  return {
    deadline(ms: number): number {
      return starts[dayIndex(starts, ms) + windowDays + 1] as number;
    },
    lastDeadline: starts[lastDayIndex + windowDays + 1] as number,
  };
}

const DAY_MS = 86_400_000;

/**
 * The day of `ms` among the day starts (the first day for an instant before them all): the
 * last start at or before it. A local day lasts 24 hours give or take the zone's shifts, so
 * the day counted in whole 24 hours from the first start is the right one or a step or two
 * off (a skipped day, Pacific/Apia 2011: one more), and is walked there: O(1), no search.
 */
function dayIndex(starts: readonly number[], ms: number): number {
  const first = starts[0] as number;
  if (!(ms >= first)) return 0;
  let day = Math.min(starts.length - 1, Math.floor((ms - first) / DAY_MS));
  while (day > 0 && (starts[day] as number) > ms) day--;
  while (day + 1 < starts.length && (starts[day + 1] as number) <= ms) day++;
  return day;
}
