import { z } from "zod";
import { customIssue, KpiDefinitionError } from "../core/errors.js";
import type { KpiTable } from "../core/kpi-table.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { Lead } from "../model/lead.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { type KpiPeriod, KpiGrainSchema, createPeriodIndex, periodsBetween } from "../time/period.js";
import { resolveConversionSteps } from "./conversion-rate.js";
import { createDayDeadlines, effectiveReachOf, isoInstant, LeadPeriodSchema, resolveBounds, skippedLeadRows } from "./lead-steps.js";
import { leadColumns } from "../model/lead-columns.js";

// No .readonly() on the arrays: zod's readonly freezes the caller's array (even when the parse fails).
/** Schema of {@link ConversionByAgeOptions}. */
export const ConversionByAgeOptionsSchema = z.strictObject({
  /** The funnel step the cohorts start from (`"mql"`, `"sql"` ...). */
  from: z.string().min(1),
  /** The step they convert to. */
  to: z.string().min(1),
  /** The cohorts: leads reaching `from` in each period of `grain` covering `[from, to)`. */
  cohorts: LeadPeriodSchema.extend({ grain: KpiGrainSchema }),
  /** The ages, in whole local days after the day a lead reached `from`, increasing (default 7, 14, 30, 60, 90). */
  ages: z.array(z.number().int().min(0).max(3660)).min(1).default([7, 14, 30, 60, 90]),
  /** The exclusive end of what is known. */
  asOf: InstantSchema,
  /** The funnel in order (default `[from, to]`); reaching a later step implies the earlier ones. */
  steps: z.array(z.string().min(1)).optional(),
  calendar: KpiCalendarSchema.optional(),
});

/** Options of {@link conversionByAge}. */
export type ConversionByAgeOptions = ReadonlyInput<z.input<typeof ConversionByAgeOptionsSchema>>;

/** One cell of the matrix: a cohort at an age. */
export interface ConversionAgeCell {
  /** Whole local days after the day of reaching `from`. */
  readonly age: number;
  /**
   * True when every lead of the cohort has had the full `age` days by `asOf` (the window of a
   * lead entering on the cohort's last local day has closed): only then is there a value.
   */
  readonly mature: boolean;
  /** The exclusive instant by which the whole cohort has reached this age. */
  readonly windowEnd: string;
  readonly windowEndMs: number;
  /** `converted ÷ entered` when mature; `null` when immature (never a low rate). */
  readonly ratio: Ratio | null;
  readonly value: Ratio["value"];
  /** Leads converted within the age, as known at `asOf` (final when mature, so far when not). */
  readonly converted: number;
}

/** One cohort (row) of the matrix. */
export interface ConversionAgeCohort {
  readonly period: KpiPeriod;
  /** Distinct leads that reached `from` in the period (before `asOf`). */
  readonly entered: number;
  /** Of those, the leads whose `from` was implied by a later step. */
  readonly impliedFrom: number;
  /** One cell per age, in the order of `ages`. */
  readonly cells: readonly ConversionAgeCell[];
}

/** Result of {@link conversionByAge}. */
export interface ConversionByAgeResult {
  readonly from: string;
  readonly to: string;
  readonly steps: readonly string[];
  readonly ages: readonly number[];
  readonly asOf: string;
  readonly asOfMs: number;
  readonly cohorts: readonly ConversionAgeCohort[];
  readonly rows: number;
  readonly rowsSkipped: number;
  /** Cohort, entered, then one column per age (`null` = immature). */
  readonly table: KpiTable;
}

/**
 * Is conversion really falling, or are the recent cohorts just young? A cohort × age matrix:
 * each row the leads that reached `from` in one period, each column an age in days, each
 * cell the share of the cohort that reached `to` within that many days.
 *
 * Formula per cell (cohort c, age N): entered(c) = distinct leads that reached `from` in c's
 * period (before `asOf`); converted(c, N) = those that reached `to` at or after reaching
 * `from` and before the end of the N-th local day after that day — the window rule of
 * `conversionRate` with `windowDays: N` (N = 0: the same day); value = converted ÷ entered.
 * A cell is **mature** when `asOf` is at or after its `windowEnd` (the end of the window of a
 * lead entering on the cohort's last local day); an immature cell has value `null` and
 * `mature: false`, never a low rate. Mature cells never decrease along the ages.
 *
 * Cohorts are the whole periods of `grain` covering `[cohorts.from, cohorts.to)`.
 *
 * Edge cases: an empty cohort has value `null` (no denominator) in its mature cells; step rules
 * as in `conversionRate` (a later step implies the earlier ones; reaches at or after `asOf` are
 * ignored). Ages must increase.
 *
 * Complexity: one pass over the leads, O(n · (s + a + log d)) for s steps, a ages and d days.
 *
 * @example
 * const matrix = conversionByAge(
 *   [
 *     { id: "a", createdAt: "2026-01-05", reached: { mql: "2026-01-05", sql: "2026-01-10" } },
 *     { id: "b", createdAt: "2026-01-20", reached: { mql: "2026-01-20", sql: "2026-03-01" } },
 *     { id: "c", createdAt: "2026-03-02", reached: { mql: "2026-03-02" } },
 *   ],
 *   { from: "mql", to: "sql", cohorts: { from: "2026-01-01", to: "2026-04-01", grain: "month" }, ages: [7, 60], asOf: "2026-04-30" },
 * );
 * matrix.table.rows;
 * //=> [["2026-01", 2, "0.5", "1"], ["2026-02", 0, null, null], ["2026-03", 1, "0", null]]
 * // (February is empty: no value; March has not had 60 days by 30 April: immature)
 */
export function conversionByAge(leads: readonly Lead[] | PreparedKpiData, options: ConversionByAgeOptions): ConversionByAgeResult {
  const opts = parseOptions(ConversionByAgeOptionsSchema, options);
  const { steps, fromIndex, toIndex } = resolveConversionSteps(opts.from, opts.to, opts.steps);
  const ages = opts.ages;
  ages.forEach((age, i) => {
    if (i > 0 && age <= (ages[i - 1] as number)) throw new KpiDefinitionError("invalid-option", [customIssue(["ages", i], messages.cohortAgeBeyondLimit, age)]);
  });
  const prepared = prepare(leads, { calendar: opts.calendar }, "leads");
  const calendar = prepared.calendar;
  const range = resolveBounds(opts.cohorts, calendar, ["cohorts"]);
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const periods = periodsBetween(range.startMs, range.endMs, opts.cohorts.grain, calendar);
  const index = createPeriodIndex(periods);
  const first = periods[0] as KpiPeriod;
  const last = periods[periods.length - 1] as KpiPeriod;
  const deadlines = ages.map((age) => createDayDeadlines(first.startMs, last.endMs, age, calendar));

  const entered = new Array<number>(periods.length).fill(0);
  const implied = new Array<number>(periods.length).fill(0);
  const converted = periods.map(() => new Array<number>(ages.length).fill(0));
  const columns = leadColumns(prepared.leads);
  const reached = steps.map((step) => columns.reachedAt(step));
  const recordedFrom = columns.reachedAt(opts.from);
  for (let i = 0; i < columns.length; i++) {
    const fromAt = effectiveReachOf(reached, i, fromIndex, asOfMs);
    if (Number.isNaN(fromAt)) continue;
    const cohort = index.indexOf(fromAt);
    if (cohort < 0) continue;
    entered[cohort] = (entered[cohort] as number) + 1;
    // Reached `from` only through a later step (not recorded before asOf).
    if (!((recordedFrom[i] as number) < asOfMs)) implied[cohort] = (implied[cohort] as number) + 1;
    const toAt = effectiveReachOf(reached, i, toIndex, asOfMs);
    if (Number.isNaN(toAt)) continue;
    const row = converted[cohort] as number[];
    deadlines.forEach((days, a) => {
      if (toAt < days.deadline(fromAt)) row[a] = (row[a] as number) + 1;
    });
  }

  const cohorts = periods.map((period, c): ConversionAgeCohort => ({
    period,
    entered: entered[c] as number,
    impliedFrom: implied[c] as number,
    cells: ages.map((age, a): ConversionAgeCell => {
      const windowEndMs = (deadlines[a] as { deadline(ms: number): number }).deadline(period.endMs - 1);
      const mature = windowEndMs <= asOfMs;
      const count = (converted[c] as number[])[a] as number;
      const r = mature ? ratio(count, entered[c] as number) : null;
      return { age, mature, windowEnd: isoInstant(windowEndMs, calendar), windowEndMs, ratio: r, value: r?.value ?? null, converted: count };
    }),
  }));
  return {
    from: opts.from,
    to: opts.to,
    steps: [...steps],
    ages: [...ages],
    asOf: isoInstant(asOfMs, calendar),
    asOfMs,
    cohorts,
    rows: prepared.leads.length,
    rowsSkipped: skippedLeadRows(prepared),
    table: {
      columns: ["cohort", "entered", ...ages.map((age) => `${age} days`)],
      rows: cohorts.map((cohort) => [cohort.period.label, cohort.entered, ...cohort.cells.map((cell) => cell.value?.toString() ?? null)]),
    },
  };
}
