import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
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
  groupKeyOf,
  isoInstant,
  type KpiBounds,
  LeadPeriodSchema,
  resolveBounds,
  rosterGroups,
  skippedLeadRows,
} from "./lead-steps.js";

/** Schema of the `steps` argument of {@link funnel}: step ids in funnel order, each once. */
// No .readonly(): zod's readonly freezes the caller's array (even when the parse fails).
export const FunnelStepsSchema = z.array(z.string().min(1)).min(1);

/** Schema of {@link FunnelOptions}. */
export const FunnelOptionsSchema = z.strictObject({
  /** `[from, to)`: the period in which leads enter the funnel. */
  period: LeadPeriodSchema,
  /** The exclusive end of what is known: reaches at or after `asOf` are ignored. */
  asOf: InstantSchema,
  /**
   * Which leads are in the funnel: `"first-step"` (default) = leads that reached the first
   * step in the period (a cohort); `"created"` = leads created in the period.
   */
  entry: z.enum(["first-step", "created"]).default("first-step"),
  groupBy: z.enum(["owner", "team", "source"]).optional(),
  /** List the leads whose record skips a step they must have passed (data quality). */
  listSkippedSteps: z.boolean().default(false),
  calendar: KpiCalendarSchema.optional(),
});

/** Options of {@link funnel}. */
export type FunnelOptions = ReadonlyInput<z.input<typeof FunnelOptionsSchema>>;

/** One step of a funnel. */
export interface FunnelStep {
  readonly step: string;
  /** Funnel leads that reached this step or any later one before `asOf`. */
  readonly count: number;
  /** Of `count`, leads with no recorded reach of this step (implied by a later step). */
  readonly implied: number;
  /** `count ÷ previous step's count`; `null` for the first step. */
  readonly fromPrevious: Ratio | null;
  /** `count ÷ first step's count`. */
  readonly fromFirst: Ratio;
}

/** The counts of one funnel (all leads, or one group). */
export interface FunnelCounts {
  /** The group key, or `null` for all leads together. */
  readonly group: string | null;
  /** Leads in the funnel (see `entry`). */
  readonly entered: number;
  readonly steps: readonly FunnelStep[];
  /** Last step's count ÷ first step's count: the product of the step-to-step ratios. */
  readonly overall: Ratio;
}

/** A lead whose record skips steps it must have passed. */
export interface FunnelSkippedSteps {
  readonly lead: string;
  /** The steps without a recorded reach, though a later step was reached; in funnel order. */
  readonly missing: readonly string[];
}

/** Result of {@link funnel}. */
export interface FunnelResult extends FunnelCounts {
  readonly entry: "first-step" | "created";
  readonly period: KpiBounds;
  readonly asOf: string;
  readonly asOfMs: number;
  readonly groupBy: KpiGroupBy | null;
  /** One funnel per group, sorted by key; `[]` without `groupBy`. */
  readonly groups: readonly FunnelCounts[];
  /** With `listSkippedSteps`: the leads that skipped a step, sorted by lead id; else `null`. */
  readonly skippedSteps: readonly FunnelSkippedSteps[] | null;
  /** Lead rows in the input. */
  readonly rows: number;
  /** Lead rows left out by the preparation (`invalidRows: "skip"`). */
  readonly rowsSkipped: number;
}

interface Tally {
  entered: number;
  counts: number[];
  implied: number[];
}

/**
 * The sales funnel: how many leads reached each step (MQL → SQL → quote → customer) and
 * the share that made it from one step to the next.
 *
 * Which leads: with `entry: "first-step"` (default) the leads that reached the first step
 * in `[period.from, period.to)`; with `entry: "created"` the leads created in the period.
 * Counts: a funnel lead counts for a step when it reached that step *or any later one*
 * before `asOf` (reaching a later step implies the earlier ones), so counts never rise
 * along the funnel. Each lead counts once per step (distinct leads, never events).
 * `fromPrevious` = count ÷ previous count; `overall` = last count ÷ first count, so the
 * product of the step ratios equals the overall ratio whenever all are defined (null only
 * when a denominator is 0). A lead recorded at `customer` without `quote` counts at quote
 * too, and is counted in that step's `implied` (and listed with `listSkippedSteps`).
 *
 * Complexity: one pass over the leads, O(n·s) for s steps; groups kept in a Map; the
 * skipped-step list is sorted (n log n).
 *
 * @throws KpiDefinitionError for empty or repeated steps, bad options or an empty period.
 * @throws KpiInputError for invalid lead rows.
 * @example
 * const result = funnel(
 *   [
 *     { id: "a", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-05", customer: "2026-04-02" } },
 *     { id: "b", createdAt: "2026-03-01", reached: { mql: "2026-03-03", sql: "2026-03-09" } },
 *     { id: "c", createdAt: "2026-03-01", reached: { mql: "2026-03-04" } },
 *   ],
 *   ["mql", "sql", "quote", "customer"],
 *   { period: { from: "2026-03-01", to: "2026-04-01" }, asOf: "2026-06-30", listSkippedSteps: true },
 * );
 * result.steps.map((s) => s.count); //=> [3, 2, 1, 1]
 * result.overall.value?.toFixed(4); //=> "0.3333"
 * result.skippedSteps; //=> [{ lead: "a", missing: ["quote"] }]
 */
export function funnel(leads: readonly Lead[] | PreparedKpiData, steps: readonly string[], options: FunnelOptions): FunnelResult {
  const funnelSteps = parseDefinition(FunnelStepsSchema, steps, ["steps"]);
  checkSteps(funnelSteps, ["steps"]);
  const opts = parseOptions(FunnelOptionsSchema, options);
  const prepared = prepare(leads, { calendar: opts.calendar }, "leads");
  const calendar = prepared.calendar;
  const period = resolveBounds(opts.period, calendar);
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const groupBy = opts.groupBy;
  const s = funnelSteps.length;
  const newTally = (): Tally => ({ entered: 0, counts: new Array<number>(s).fill(0), implied: new Array<number>(s).fill(0) });

  const total = newTally();
  const groups = new Map<string, Tally>();
  if (groupBy !== undefined) for (const key of rosterGroups(prepared, groupBy)) groups.set(key, newTally());
  const skipped: Array<{ lead: string; missing: string[] }> = [];
  const effective = new Float64Array(s);
  const recorded = new Uint8Array(s);

  for (const lead of prepared.leads) {
    // Backward pass: effective reach of step j = earliest recorded reach of j or any later step.
    let best = Number.NaN;
    for (let j = s - 1; j >= 0; j--) {
      const at = lead.reached.get(funnelSteps[j] as string);
      const known = at !== undefined && at < asOfMs;
      recorded[j] = known ? 1 : 0;
      if (known && !(at >= best)) best = at;
      effective[j] = best;
    }
    const first = effective[0] as number;
    const inFunnel =
      opts.entry === "first-step"
        ? first >= period.startMs && first < period.endMs
        : lead.createdAt >= period.startMs && lead.createdAt < period.endMs && lead.createdAt < asOfMs;
    if (!inFunnel) continue;
    const tallies = [total];
    if (groupBy !== undefined) {
      const key = groupKeyOf(lead, groupBy);
      let tally = groups.get(key);
      if (tally === undefined) {
        tally = newTally();
        groups.set(key, tally);
      }
      tallies.push(tally);
    }
    let missing: string[] | undefined;
    for (let j = 0; j < s; j++) {
      if (Number.isNaN(effective[j] as number)) break; // no later step reached either
      const implied = recorded[j] === 0;
      for (const tally of tallies) {
        (tally.counts[j] as number)++;
        if (implied) (tally.implied[j] as number)++;
      }
      if (implied && opts.listSkippedSteps) (missing ??= []).push(funnelSteps[j] as string);
    }
    for (const tally of tallies) tally.entered++;
    if (missing !== undefined) skipped.push({ lead: lead.id, missing });
  }

  const counts = (group: string | null, tally: Tally): FunnelCounts => {
    const firstCount = tally.counts[0] as number;
    return {
      group,
      entered: tally.entered,
      steps: funnelSteps.map((step, j) => ({
        step,
        count: tally.counts[j] as number,
        implied: tally.implied[j] as number,
        fromPrevious: j === 0 ? null : ratio(tally.counts[j] as number, tally.counts[j - 1] as number),
        fromFirst: ratio(tally.counts[j] as number, firstCount),
      })),
      overall: ratio(tally.counts[s - 1] as number, firstCount),
    };
  };

  return {
    entry: opts.entry,
    period,
    asOf: isoInstant(asOfMs, calendar),
    asOfMs,
    groupBy: groupBy ?? null,
    ...counts(null, total),
    groups: [...groups.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([key, tally]) => counts(key, tally)),
    skippedSteps: opts.listSkippedSteps
      ? skipped.sort((a, b) => compareKeys(a.lead, b.lead) || compareKeys(a.missing.join("\n"), b.missing.join("\n")))
      : null,
    rows: prepared.leads.length,
    rowsSkipped: skippedLeadRows(prepared),
  };
}
