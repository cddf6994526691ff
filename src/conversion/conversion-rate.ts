import type { KpiCalendar } from "../time/calendar.js";
import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { KpiDecimal } from "../core/decimal.js";
import { customIssue, KpiDefinitionError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";
import type { KpiGroupBy } from "../measure/series.js";
import type { Lead } from "../model/lead.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import {
  checkSteps,
  compareKeys,
  createDayDeadlines,
  effectiveReachOf,
  isoInstant,
  type KpiBounds,
  LeadPeriodSchema,
  NO_GROUP,
  resolveBounds,
  rosterGroups,
  skippedLeadRows,
} from "./lead-steps.js";
import { leadColumns } from "../model/lead-columns.js";

/** Schema of {@link ConversionRateOptions}. */
export const ConversionRateOptionsSchema = z.strictObject({
  /** The funnel step the conversion starts from (`"mql"`, `"sql"`, `"quote"` ...). */
  from: z.string().min(1),
  /** The step it converts to (`"sql"`, `"customer"` ...). */
  to: z.string().min(1),
  /** `[from, to)`: the cohort (or, in period mode, the throughput) period. */
  period: LeadPeriodSchema,
  mode: z.enum(["cohort", "period"]).default("cohort"),
  /** Cohort mode: the lead must reach `to` within this many whole local days after the day it reached `from` (0 to 3660). */
  windowDays: z.number().int().min(0).max(3660).optional(),
  /** The exclusive end of what is known: reaches at or after `asOf` are ignored. */
  asOf: InstantSchema,
  groupBy: z.enum(["owner", "team", "source"]).optional(),
  /**
   * The funnel in order, holding `from` before `to` (default `[from, to]`). Reaching any step
   * after `from` implies `from`; reaching any step after `to` implies `to`.
   */
  steps: z.array(z.string().min(1)).optional(),
  calendar: KpiCalendarSchema.optional(),
});

/** Options of {@link conversionRate}. */
export type ConversionRateOptions = ReadonlyInput<z.input<typeof ConversionRateOptionsSchema>>;

/** The counts behind one conversion rate (team-wide or one group). */
export interface ConversionCounts {
  /** The group key, or `null` for all leads together. */
  readonly group: string | null;
  /** `converted ÷ entered`; value null when nobody entered. */
  readonly ratio: Ratio;
  readonly value: KpiDecimal | null;
  /** Distinct leads that reached `from` in the period (the denominator). */
  readonly entered: number;
  /**
   * Cohort mode: of the entered leads, those that reached `to` at or after reaching `from`,
   * within the window, before `asOf`. Period mode: distinct leads that reached `to` in the period.
   */
  readonly converted: number;
  /** Cohort mode: entered, not converted yet, window still open at `asOf` (may still convert). Period mode: 0. */
  readonly open: number;
  /** Cohort mode: entered, not converted, window closed before `asOf`. Period mode: 0. */
  readonly lapsed: number;
  /** Entered leads with no recorded `from` before `asOf`: `from` was implied by a later step. */
  readonly impliedFrom: number;
  /** True when the rate can no longer change: see {@link conversionRate}. */
  readonly mature: boolean;
}

/** Result of {@link conversionRate}: the team-wide counts plus provenance and groups. */
export interface ConversionRateResult extends ConversionCounts {
  readonly mode: "cohort" | "period";
  readonly from: string;
  readonly to: string;
  readonly steps: readonly string[];
  readonly period: KpiBounds;
  readonly windowDays: number | null;
  /** Cohort mode with a window: the instant by which every window of the cohort has closed. */
  readonly windowEnd: string | null;
  readonly windowEndMs: number | null;
  readonly asOf: string;
  readonly asOfMs: number;
  readonly groupBy: KpiGroupBy | null;
  /** One entry per group, sorted by key; `[]` without `groupBy`. */
  readonly groups: readonly ConversionCounts[];
  /** Lead rows in the input. */
  readonly rows: number;
  /** Lead rows left out by the preparation (`invalidRows: "skip"`). */
  readonly rowsSkipped: number;
}

/** Counts of a conversion for the team or one group. */
export interface ConversionTally {
  entered: number;
  converted: number;
  open: number;
  lapsed: number;
  impliedFrom: number;
}

type Tally = ConversionTally;

/** An all-zero tally. */
export const newTally = (): Tally => ({ entered: 0, converted: 0, open: 0, lapsed: 0, impliedFrom: 0 });

function count(tally: Tally, entered: boolean, converted: boolean, open: boolean, lapsed: boolean, implied: boolean): void {
  if (entered) tally.entered++;
  if (converted) tally.converted++;
  if (open) tally.open++;
  if (lapsed) tally.lapsed++;
  if (implied) tally.impliedFrom++;
}

/** Validates `from`, `to` and `steps`; returns the funnel and the indexes of `from` and `to`. */
export function resolveConversionSteps(from: string, to: string, stepsInput: readonly string[] | undefined): { steps: readonly string[]; fromIndex: number; toIndex: number } {
  if (from === to) throw new KpiDefinitionError("invalid-option", [customIssue(["to"], messages.sameStep, to)]);
  const steps = stepsInput ?? [from, to];
  checkSteps(steps, ["steps"]);
  const fromIndex = steps.indexOf(from);
  const toIndex = steps.indexOf(to);
  const issues: KpiIssue[] = [];
  if (fromIndex < 0) issues.push(customIssue(["from"], messages.stepMissing(from), from));
  if (toIndex < 0) issues.push(customIssue(["to"], messages.stepMissing(to), to));
  if (issues.length === 0 && toIndex < fromIndex) issues.push(customIssue(["steps"], messages.stepOrder, steps));
  if (issues.length > 0) throw new KpiDefinitionError("invalid-option", issues);
  return { steps, fromIndex, toIndex };
}

/**
 * How many leads move from one funnel step to the next: "of the leads that became an MQL in
 * March, what share became an SQL?" (cohort) or "how many SQLs did we make in March per MQL
 * made in March?" (period). Distinct leads, never events.
 *
 * **Cohort** (default): `entered` = distinct leads that reached `from` in `[period.from,
 * period.to)`; `converted` = those that reached `to` at or after that instant, before `asOf`,
 * and, with `windowDays` = N, no later than the end of the N-th local calendar day after the
 * day they reached `from` (N = 0: the same local day; N = 30 with `from` on 1 March: through
 * 31 March; 1 April is too late). Rate = converted ÷ entered, always in [0, 1].
 * `open` = entered leads that have not converted but still can at `asOf`; `lapsed` = those
 * whose window closed unconverted. `mature` is true when the rate can no longer change: with
 * `windowDays`, when `asOf` is at or after `windowEnd` (the end of the window of a lead
 * entering on the period's last local day); without, when the period has ended by `asOf`
 * and no entered lead is still open.
 *
 * **Period** mode (throughput): rate = distinct leads reaching `to` in the period ÷ distinct
 * leads reaching `from` in the period. The two sets differ (a March SQL may have been a
 * February MQL), so the rate **may exceed 1**. `mature` = the period has ended by `asOf`.
 * `windowDays` is not allowed in this mode.
 *
 * Step rules: a lead reached a step at its first recorded instant; reaching a later step of
 * `steps` implies the earlier ones, by then at the latest. So a lead that reached `to`
 * without a recorded `from` enters at the instant it reached `to` (counted in
 * `impliedFrom`), and a `from` recorded after `to` counts as reached at `to`. Reaches at or
 * after `asOf` are unknown yet and ignored.
 *
 * Groups (`groupBy` owner, team or source): one entry per key, sorted; leads without the
 * field fall in `"(none)"`; roster reps (owner) and teams (team) appear with zeros.
 *
 * Complexity: one pass over the leads (O(n·s) for s steps, plus O(log d) per cohort lead to
 * find its local day among d precomputed day boundaries); groups kept in a Map.
 *
 * @throws KpiDefinitionError for bad options (same `from` and `to`, a step missing from
 *   `steps`, `to` before `from`, `windowDays` in period mode, an empty period).
 * @throws KpiInputError for invalid lead rows.
 * @example
 * const result = conversionRate(
 *   [
 *     { id: "a", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-05" } },
 *     { id: "b", createdAt: "2026-03-01", reached: { mql: "2026-03-10" } },
 *   ],
 *   { from: "mql", to: "sql", period: { from: "2026-03-01", to: "2026-04-01" }, windowDays: 30, asOf: "2026-06-30" },
 * );
 * result.value?.toString(); //=> "0.5"
 * [result.entered, result.converted, result.lapsed, result.mature]; //=> [2, 1, 1, true]
 */
export function conversionRate(leads: readonly Lead[] | PreparedKpiData, options: ConversionRateOptions): ConversionRateResult {
  const opts = parseOptions(ConversionRateOptionsSchema, options);
  const { steps, fromIndex, toIndex } = resolveConversionSteps(opts.from, opts.to, opts.steps);
  if (opts.mode === "period" && opts.windowDays !== undefined) {
    throw new KpiDefinitionError("invalid-option", [customIssue(["windowDays"], messages.windowInPeriodMode, opts.windowDays)]);
  }
  const prepared = prepare(leads, { calendar: opts.calendar }, "leads");
  const calendar = prepared.calendar;
  const period = resolveBounds(opts.period, calendar);
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const windowDays = opts.mode === "cohort" ? opts.windowDays : undefined;
  const days = windowDays === undefined ? undefined : createDayDeadlines(period.startMs, period.endMs, windowDays, calendar);
  const groupBy = opts.groupBy;

  const total = newTally();
  const groups = new Map<string, Tally>();
  if (groupBy !== undefined) for (const key of rosterGroups(prepared, groupBy)) groups.set(key, newTally());
  const { startMs, endMs } = period;

  // Over the lead columns: each step's first instants as typed arrays, the group from its codes.
  const columns = leadColumns(prepared.leads);
  const reached = steps.map((step) => columns.reachedAt(step));
  const recordedFrom = columns.reachedAt(opts.from);
  const groupCodes = groupBy === undefined ? undefined : columns[groupBy].codes;
  const groupValues = groupBy === undefined ? [] : columns[groupBy].values;
  const tallyOf: Array<Tally | undefined> = [];
  const cohort = opts.mode === "cohort";
  for (let i = 0; i < columns.length; i++) {
    const fromAt = effectiveReachOf(reached, i, fromIndex, asOfMs);
    const toAt = effectiveReachOf(reached, i, toIndex, asOfMs);
    const entered = fromAt >= startMs && fromAt < endMs;
    let converted: boolean;
    let open = false;
    if (cohort) {
      if (!entered) continue;
      // toAt ≥ fromAt always holds: fromAt is the minimum over `from` and every later step.
      const deadline = days === undefined ? Number.POSITIVE_INFINITY : days.deadline(fromAt);
      converted = toAt < deadline;
      open = !converted && deadline > asOfMs;
    } else {
      converted = toAt >= startMs && toAt < endMs;
      if (!entered && !converted) continue;
    }
    // Reached `from` only through a later step (not recorded before asOf).
    const implied = entered && !((recordedFrom[i] as number) < asOfMs);
    const lapsed = entered && !converted && !open && cohort;
    count(total, entered, converted, open, lapsed, implied);
    if (groupCodes !== undefined) {
      const code = groupCodes[i] as number;
      let tally = tallyOf[code + 1];
      if (tally === undefined) {
        const key = code < 0 ? NO_GROUP : (groupValues[code] as string);
        tally = groups.get(key);
        if (tally === undefined) {
          tally = newTally();
          groups.set(key, tally);
        }
        tallyOf[code + 1] = tally;
      }
      count(tally, entered, converted, open, lapsed, implied);
    }
  }

  return conversionResult(
    { mode: opts.mode, from: opts.from, to: opts.to, steps, period, windowDays, days, asOfMs, calendar, groupBy },
    total,
    groups,
    prepared.leads.length,
    skippedLeadRows(prepared),
  );
}

/** What a conversion was computed over (for {@link conversionResult}). */
export interface ConversionFrame {
  readonly mode: "cohort" | "period";
  readonly from: string;
  readonly to: string;
  readonly steps: readonly string[];
  readonly period: KpiBounds;
  readonly windowDays: number | undefined;
  readonly days: ReturnType<typeof createDayDeadlines> | undefined;
  readonly asOfMs: number;
  readonly calendar: KpiCalendar;
  readonly groupBy: ConversionRateResult["groupBy"] | undefined;
}

/**
 * The result of a conversion from its tallies (the team's and each group's): ratios, maturity
 * and provenance; the one finishing step of `conversionRate` and of the SQL engine's.
 * Maturity: period mode once the period has ended; a cohort with a window once the window of
 * the period's last day has passed; without one, once its period has ended and no lead is open.
 */
export function conversionResult(frame: ConversionFrame, total: ConversionTally, groups: ReadonlyMap<string, ConversionTally>, rows: number, rowsSkipped: number): ConversionRateResult {
  const { days, asOfMs, calendar } = frame;
  const periodEnded = frame.period.endMs <= asOfMs;
  const mature = (tally: ConversionTally): boolean => {
    if (frame.mode === "period") return periodEnded;
    if (days !== undefined) return days.lastDeadline <= asOfMs;
    return periodEnded && tally.open === 0;
  };
  const counts = (group: string | null, tally: ConversionTally): ConversionCounts => {
    const r = ratio(tally.converted, tally.entered);
    return { group, ratio: r, value: r.value, ...tally, mature: mature(tally) };
  };
  return {
    mode: frame.mode,
    from: frame.from,
    to: frame.to,
    steps: [...frame.steps],
    period: frame.period,
    windowDays: frame.windowDays ?? null,
    windowEnd: days === undefined ? null : isoInstant(days.lastDeadline, calendar),
    windowEndMs: days === undefined ? null : days.lastDeadline,
    asOf: isoInstant(asOfMs, calendar),
    asOfMs,
    groupBy: frame.groupBy ?? null,
    ...counts(null, total),
    groups: [...groups.entries()].sort(([x], [y]) => compareKeys(x, y)).map(([key, tally]) => counts(key, tally)),
    rows,
    rowsSkipped,
  };
}
