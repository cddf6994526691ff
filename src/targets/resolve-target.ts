import { z } from "zod";
import { KpiPeriodSchema } from "../time/time-helpers.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { customIssue, KpiInputError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { DEFAULT_CALENDAR, KpiCalendarSchema } from "../time/calendar.js";
import type { KpiPeriod } from "../time/period.js";
import { type ParsedTarget, parseTargets, type Targets } from "./target-schema.js";

/** Where a resolved target came from. */
export type TargetSource = "explicit" | "sum-of-reps" | "derived" | "none";

/** A target resolved for one KPI, rep or team, and period. */
export interface ResolvedTarget {
  readonly value: KpiDecimal | null;
  /**
   * `"explicit"`: a row of the targets list; `"sum-of-reps"`: a team's target as Σ of its
   * reps' targets; `"derived"`: the caller's own (a target plan); `"none"`: no target.
   */
  readonly source: TargetSource;
  /** The index of the explicit row used (`targets[row]`). */
  readonly row?: number;
  /** For a team: each rep's target and where it came from (when the reps were given). */
  readonly parts?: ReadonlyArray<{ readonly rep: string; readonly value: KpiDecimal | null; readonly source: TargetSource }>;
  /** Why the target is what it is, when that needs saying (a team row that differs from Σ reps). */
  readonly note?: string;
}

/** Schema of the question {@link resolveTarget} answers (see {@link ResolveTargetQuery}). */
export const ResolveTargetQuerySchema = z
  .strictObject({
    kpi: z.string().min(1),
    owner: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    period: KpiPeriodSchema as unknown as z.ZodType<KpiPeriod, KpiPeriod>,
    reps: z.array(z.string().min(1)).optional(),
    derived: DecimalLikeSchema.nullable().optional(),
    derivedByRep: z.record(z.string(), DecimalLikeSchema.nullable()).optional(),
    additive: z.boolean().default(true),
    rate: z.boolean().default(false),
    calendar: KpiCalendarSchema.optional(),
  })
  .refine((query) => query.owner === undefined || query.team === undefined, { path: ["team"], error: messages.targetOwnerAndTeam });
/**
 * What to resolve: the `kpi` id, whose target (`owner` a rep; `team` a named team; neither: the
 * whole team), the `period` (a `KpiPeriod`), for a team its `reps` (for the sum of their
 * targets), the caller's own `derived` target and `derivedByRep` (from a target plan) to fall
 * back on, `additive` (default true; false for ratio KPIs, whose rep targets do not add up)
 * `rate` (a ratio KPI: explicit values must lie in [0, 1]) and the `calendar` range rows are read in.
 */
export type ResolveTargetQuery = ReadonlyInput<z.input<typeof ResolveTargetQuerySchema>>;

/** Explicit targets indexed once, to resolve many cells without parsing again. */
export interface TargetLookup {
  /** The explicit row for a KPI, owner/team and period, or undefined. `who` = `owner:x`, `team:x` or `all`. */
  explicit(kpi: string, who: string, period: KpiPeriod): ParsedTarget | undefined;
  resolve(query: ResolvedTargetQuery): ResolvedTarget;
}

/** {@link ResolveTargetQuery} with values parsed. */
export interface ResolvedTargetQuery {
  readonly kpi: string;
  readonly owner?: string | undefined;
  readonly team?: string | undefined;
  readonly period: KpiPeriod;
  readonly reps?: readonly string[] | undefined;
  readonly derived?: KpiDecimal | null | undefined;
  readonly derivedByRep?: ReadonlyMap<string, KpiDecimal | null> | undefined;
  readonly additive: boolean;
  /** Explicit values must lie in [0, 1] (a ratio KPI). */
  readonly rate?: boolean | undefined;
}

function whoOf(row: { owner: string | undefined; team: string | undefined }): string {
  return row.owner !== undefined ? `owner:${row.owner}` : row.team !== undefined ? `team:${row.team}` : "all";
}

/** Indexes parsed targets by KPI, owner/team and period (labels and ranges). O(rows). */
export function createTargetLookup(rows: readonly ParsedTarget[]): TargetLookup {
  const index = new Map<string, ParsedTarget>();
  for (const row of rows) {
    const period = "label" in row.period ? `label:${row.period.label}` : `range:${row.period.startMs}/${row.period.endMs}`;
    const key = `${row.kpi}\u0000${whoOf(row)}\u0000${period}`;
    const earlier = index.get(key);
    if (earlier === undefined || row.index < earlier.index) index.set(key, row);
  }
  const explicit = (kpi: string, who: string, period: KpiPeriod): ParsedTarget | undefined => {
    const byLabel = index.get(`${kpi}\u0000${who}\u0000label:${period.label}`);
    const byRange = index.get(`${kpi}\u0000${who}\u0000range:${period.startMs}/${period.endMs}`);
    if (byLabel === undefined) return byRange;
    if (byRange === undefined) return byLabel;
    return byLabel.index < byRange.index ? byLabel : byRange;
  };
  return { explicit, resolve: (query) => resolveWith(explicit, query) };
}

/** Throws a KpiInputError (path `targets[i].value`) when a rate KPI's target row is not a share from 0 to 1. */
export function checkRateTarget(row: ParsedTarget): void {
  if (row.value.lt(0) || row.value.gt(1)) {
    throw new KpiInputError([customIssue(["targets", row.index, "value"], messages.shareBetweenZeroAndOne, row.value.toString())]);
  }
}

function resolveWith(lookup: TargetLookup["explicit"], query: ResolvedTargetQuery): ResolvedTarget {
  const explicit: TargetLookup["explicit"] = (kpi, who, period) => {
    const row = lookup(kpi, who, period);
    if (row !== undefined && query.rate === true) checkRateTarget(row);
    return row;
  };
  const derived = query.derived ?? null;
  const fallback = (note?: string): ResolvedTarget => {
    const base: ResolvedTarget = derived === null ? { value: null, source: "none" } : { value: derived, source: "derived" };
    return note === undefined ? base : { ...base, note };
  };
  if (query.owner !== undefined) {
    const row = explicit(query.kpi, `owner:${query.owner}`, query.period);
    return row === undefined ? fallback() : { value: row.value, source: "explicit", row: row.index };
  }
  const teamRow = explicit(query.kpi, query.team === undefined ? "all" : `team:${query.team}`, query.period);
  const reps = query.reps ?? [];
  const parts = reps.map((rep) => {
    const row = explicit(query.kpi, `owner:${rep}`, query.period);
    if (row !== undefined) return { rep, value: row.value as KpiDecimal | null, source: "explicit" as TargetSource };
    const own = query.derivedByRep?.get(rep) ?? null;
    return { rep, value: own, source: (own === null ? "none" : "derived") as TargetSource };
  });
  const explicitReps = parts.filter((part) => part.source === "explicit").length;
  const missing = parts.filter((part) => part.value === null).map((part) => part.rep);
  let sum: KpiDecimal | null = null;
  if (query.additive && reps.length > 0 && missing.length === 0) {
    const total = createExactSum();
    for (const part of parts) total.add(part.value as KpiDecimal);
    sum = withoutNegativeZero(total.value());
  }
  const withParts = (result: ResolvedTarget): ResolvedTarget => (parts.length === 0 ? result : { ...result, parts });
  if (teamRow !== undefined) {
    const result: ResolvedTarget = { value: teamRow.value, source: "explicit", row: teamRow.index };
    if (explicitReps > 0 && sum !== null && !sum.eq(teamRow.value)) return withParts({ ...result, note: messages.teamTargetDiffers(teamRow.value.toString(), sum.toString()) });
    return withParts(result);
  }
  if (explicitReps === 0 || !query.additive) return withParts(explicitReps === 0 ? fallback() : fallback(messages.teamTargetPartlyExplicit(explicitReps, reps.length)));
  if (sum !== null) return withParts({ value: sum, source: "sum-of-reps" });
  return withParts(fallback(messages.teamSumMissing(missing)));
}

/**
 * The target of one KPI for a rep or a team in one period: an explicit target (a quota
 * handed down) always wins over a derived one; a team's target is its explicit team row, else
 * the sum of its reps' targets.
 *
 * Rules, for `owner`: the explicit row (KPI, owner, period) → `"explicit"`; else the caller's
 * `derived` target → `"derived"`; else `"none"`. For a team (`team`, or neither for the whole
 * team): the explicit team row → `"explicit"` (with a `note` when its reps' targets — explicit,
 * else derived — add up to something else); else, when at least one rep has an explicit target
 * and every rep has a target, Σ of the reps' targets → `"sum-of-reps"`; else the team's own
 * `derived` target (a note says why the sum was not used), else `"none"`. A row's period
 * matches by label (`"2026-09"`) or by its exact `[from, to)` bounds. Ratio KPIs
 * (`additive: false`) never sum rep targets; with `rate: true` an explicit value outside [0, 1]
 * is a KpiInputError (`targets[3].value`): a rate target is a rate.
 *
 * Edge cases: two rows for the same cell (a label and a range naming the same month) → the
 * earlier row. Complexity: O(rows) to index, then O(reps) per cell; use
 * {@link createTargetLookup} to resolve many cells.
 *
 * @example
 * const targets = [
 *   { kpi: "revenue", owner: "ann", period: "2026-09", value: 100 },
 *   { kpi: "revenue", owner: "bob", period: "2026-09", value: 50 },
 * ];
 * const september = periodOf(Date.UTC(2026, 8, 1), "month", DEFAULT_CALENDAR);
 * resolveTarget(targets, { kpi: "revenue", period: september, reps: ["ann", "bob"] }).value?.toString(); //=> "150"
 */
export function resolveTarget(rows: Targets, query: ResolveTargetQuery): ResolvedTarget {
  const parsed = parseOptions(ResolveTargetQuerySchema, query, ["query"]);
  const lookup = createTargetLookup(parseTargets(rows, parsed.calendar ?? DEFAULT_CALENDAR));
  const toValue = (value: DecimalLike | null | undefined): KpiDecimal | null => (value === null || value === undefined ? null : toDecimal(value));
  return lookup.resolve({
    kpi: parsed.kpi,
    owner: parsed.owner,
    team: parsed.team,
    period: parsed.period,
    reps: parsed.reps,
    derived: toValue(parsed.derived),
    derivedByRep: parsed.derivedByRep === undefined ? undefined : new Map(Object.entries(parsed.derivedByRep).map(([rep, value]) => [rep, toValue(value)])),
    additive: parsed.additive,
    rate: parsed.rate,
  });
}
