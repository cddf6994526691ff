import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseInput, parseOptions } from "../core/parse-input.js";
import { RollingTargetsInputSchema } from "./target-schemas.js";
import { KpiGroupBySchema, measureSeries } from "../measure/measure-series.js";
import type { Measure } from "../measure/measure.js";
import { isoInstant } from "../measure/range.js";
import type { KpiGroupBy } from "../measure/series.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { type KpiWindow, trailingWindow } from "../time/trailing-window.js";
import { type Attainment, attainmentOf } from "./attainment.js";
import { type Pace, paceOf } from "./pace.js";
import type { RollingTargets } from "./rolling-targets.js";

/**
 * Options of {@link evaluateRolling}: `asOf` (exclusive; a date-only value includes that day),
 * the `calendar`, `groupBy` / `groups` (one evaluation per rep, team or source), the pace
 * `tolerance` (default 0.05) and `missingAmount` (as for `measureSeries`).
 */
export const EvaluateRollingOptionsSchema = z.strictObject({
  asOf: InstantSchema,
  calendar: KpiCalendarSchema.optional(),
  groupBy: KpiGroupBySchema.optional(),
  groups: z.array(z.string().min(1)).optional(),
  tolerance: DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative }).optional(),
  missingAmount: z.enum(["error", "skip"]).optional(),
});
/** Options of {@link evaluateRolling}. */
export type EvaluateRollingOptions = ReadonlyInput<z.input<typeof EvaluateRollingOptionsSchema>>;

/** One trailing window measured against its target. */
export interface RollingWindowResult {
  readonly days: number;
  readonly window: KpiWindow;
  readonly actual: KpiDecimal;
  /** `null` when there is no target for this window (or the baseline was insufficient). */
  readonly target: KpiDecimal | null;
  readonly attainment: Attainment | null;
  /** Pace towards the target by the end of the last day (on track, ahead, behind). */
  readonly pace: Pace | null;
}

/** The windows of one group (or of everyone: `group: null`). */
export interface RollingGroupResult {
  readonly group: string | null;
  readonly windows: readonly RollingWindowResult[];
}

/** Trailing 30/60/90-day windows measured against rolling targets. */
export interface RollingEvaluation {
  readonly asOf: { readonly end: string; readonly endMs: number };
  readonly groupBy: KpiGroupBy | readonly KpiGroupBy[] | null;
  /** The window lengths evaluated, ascending. */
  readonly windows: readonly number[];
  /** One entry (`group: null`) without `groupBy`, else one per group sorted by key. */
  readonly groups: readonly RollingGroupResult[];
  readonly rowsUsed: number;
  readonly rowsSkipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
}

/**
 * Evaluates rolling targets: for each window (30, 60, 90 days …) the actual over the last N
 * whole local days ending with the day of `asOf`, against the window's target, with attainment
 * and pace — for everyone, or per rep/team/source.
 *
 * Formula: window of N days = [local midnight N − 1 days before the day of `asOf`, `asOf`)
 * (`trailingWindow`); actual = the measure over it. Measured with ONE day-grain series over the
 * longest window; each window's actual is a suffix sum of the daily values (one pass per
 * group). Attainment compares actual and target; pace projects the actual to the end of the
 * last day (with a date-only `asOf` the window is complete and the projection is the actual).
 *
 * `targets` is one {@link RollingTargets} (used for everyone) or a Map from group key to the
 * group's targets, which needs `groupBy` (a Map without it is a KpiDefinitionError). Edge
 * cases: a group without targets, a window length the targets do not have, or an
 * insufficient baseline gives `target: null` and no attainment or pace — never an invented
 * target. Over a DST change an N-day window is still N local days (one of 23 or 25
 * hours). Ratio measures throw KpiDefinitionError. Complexity: O(n log d) for n rows and d
 * days of the longest window, plus O(d·g).
 *
 * @example
 * // a baseline of 60 calls in the 30 days of September: 2 calls a day, so 60 in 30 days
 * const september = measureSeries(
 *   { activities: [{ owner: "ann", type: "call", at: "2026-09-10", quantity: 60 }] },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-09-01", to: "2026-10-01", grain: "month" },
 * );
 * const targets = rollingTargets(baseline(september, { asOf: "2026-10-01", periods: 1 }), { windows: [30], uplift: 0 });
 * const result = evaluateRolling(
 *   { activities: [{ owner: "ann", type: "call", at: "2026-11-20", quantity: 45 }] },
 *   { kind: "count", source: "activities" },
 *   targets,
 *   { asOf: "2026-11-23" },
 * );
 * const last30 = result.groups[0]?.windows[0]; // 25 October – 23 November
 * [last30?.actual.toString(), last30?.target?.toString(), last30?.attainment?.ratio?.toString(), last30?.pace?.status]; //=> ["45", "60", "0.75", "behind"]
 */
export function evaluateRolling(
  data: KpiData | PreparedKpiData,
  measure: Measure,
  targetsInput: RollingTargets | ReadonlyMap<string, RollingTargets>,
  options: EvaluateRollingOptions,
): RollingEvaluation {
  const targets = parseInput(RollingTargetsInputSchema, targetsInput, ["targets"]);
  const parsed = parseOptions(EvaluateRollingOptionsSchema, options);
  if (targets instanceof Map && parsed.groupBy === undefined) throw definitionError("invalid-option", ["groupBy"], messages.targetsPerGroupWithoutGroupBy);
  const prepared = prepare(data, { calendar: parsed.calendar });
  const calendar = prepared.calendar;
  const asOfMs = parseAsOf(parsed.asOf, calendar);
  const targetSets = targets instanceof Map ? [...(targets as ReadonlyMap<string, RollingTargets>).values()] : [targets as RollingTargets];
  const lengths = [...new Set(targetSets.flatMap((set) => set.windows.map((window) => window.days)))].sort((a, b) => a - b);
  const longest = lengths[lengths.length - 1];
  if (longest === undefined) throw definitionError("invalid-option", ["targets"], messages.windowsMissing);
  const windows = new Map(lengths.map((days) => [days, trailingWindow(asOfMs, days, calendar)]));
  const span = windows.get(longest) as KpiWindow;

  const series = measureSeries(prepared, measure, {
    from: new Date(span.startMs),
    to: new Date(asOfMs),
    grain: "day",
    calendar,
    ...(parsed.groupBy === undefined ? {} : { groupBy: parsed.groupBy }),
    ...(parsed.groups === undefined ? {} : { groups: parsed.groups }),
    ...(parsed.missingAmount === undefined ? {} : { missingAmount: parsed.missingAmount }),
  });
  if (!series.additive) throw definitionError("invalid-option", ["measure"], messages.notAdditive);
  const days = series.periods.length;
  const dayIndex = new Map(series.periods.map((period, i) => [period.startMs, i]));
  const lastDay = series.periods[days - 1];
  const lastDayEndMs = lastDay?.endMs ?? asOfMs;
  const lastDayEnd = lastDay?.end ?? isoInstant(asOfMs, calendar);
  const tolerance = toDecimal(parsed.tolerance ?? 0.05);

  // daily values per group, in one pass over the points
  const keys: Array<string | null> = series.groupBy === null ? [null] : [...series.groups];
  const daily = new Map<string | null, Array<KpiDecimal | undefined>>(keys.map((key) => [key, new Array<KpiDecimal | undefined>(days)]));
  for (const point of series.points) {
    const values = daily.get(point.group);
    const i = dayIndex.get(point.period.startMs);
    if (values !== undefined && i !== undefined && point.value !== null) values[i] = point.value;
  }

  const wanted = new Set(lengths);
  const groups: RollingGroupResult[] = keys.map((group) => {
    const values = daily.get(group) ?? [];
    const set = targets instanceof Map ? (targets as ReadonlyMap<string, RollingTargets>).get(group ?? "") : (targets as RollingTargets);
    // suffix sums: walk back from the last day, reading off each window length on the way
    const actuals = new Map<number, KpiDecimal>();
    const sum = createExactSum();
    for (let k = days - 1, counted = 1; k >= 0; k--, counted++) {
      const value = values[k];
      if (value !== undefined) sum.add(value);
      if (wanted.has(counted)) actuals.set(counted, sum.value());
    }
    return {
      group,
      windows: lengths.map((length) => {
        const window = windows.get(length) as KpiWindow;
        const actual = actuals.get(length) ?? sum.value();
        const target = set?.windows.find((w) => w.days === length)?.target ?? null;
        if (target === null || set === undefined) return { days: length, window, actual, target: null, attainment: null, pace: null };
        return {
          days: length,
          window,
          actual,
          target,
          attainment: attainmentOf(actual, target, set.direction),
          pace: paceOf(actual, target, set.direction, tolerance, { start: window.start, end: lastDayEnd, startMs: window.startMs, endMs: lastDayEndMs }, asOfMs),
        };
      }),
    };
  });
  return {
    asOf: { end: isoInstant(asOfMs, calendar), endMs: asOfMs },
    groupBy: series.groupBy,
    windows: lengths,
    groups,
    rowsUsed: series.rowsUsed,
    rowsSkipped: series.rowsSkipped,
    skippedReasons: series.skippedReasons,
  };
}
