import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { KpiSeries } from "../measure/series.js";
import { DEFAULT_CALENDAR, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseInstant } from "../time/instant.js";
import { type KpiPeriod, periodsBetween } from "../time/period.js";
import { workingDayOptionShape, workingDayRule, workingDaysBetween } from "../time/working-days.js";
import { allocate } from "./allocate.js";

const weight = DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative });

/**
 * Options of {@link splitTarget}: the whole's range `[from, to)` (a quarter, a year), the
 * grain to split `into` (`"month"`, `"week"`, `"day"` or `"quarter"`), `by` (`"equal"`
 * default, `"working-days"`, `"weights"` with `weights`, or `"seasonality"` with `series`, a
 * previous year's series in the same grain), `workingDays` / `holidays` (for working days),
 * `scale` (decimals of the parts, default 2) and the `calendar` (retail calendars included).
 */
export const SplitTargetOptionsSchema = z
  .strictObject({
    from: InstantSchema,
    to: InstantSchema,
    into: z.enum(["day", "week", "month", "quarter"]),
    by: z.enum(["equal", "working-days", "weights", "seasonality"]).default("equal"),
    weights: z.array(weight).optional(),
    series: z.custom<KpiSeries>((value) => typeof value === "object" && value !== null && "points" in value && "periods" in value).optional(),
    scale: z.number().int().min(0).max(20).default(2),
    calendar: KpiCalendarSchema.optional(),
    ...workingDayOptionShape,
  })
  .refine((options) => options.by !== "weights" || options.weights !== undefined, { path: ["weights"], error: messages.splitNeedsWeights })
  .refine((options) => options.by !== "seasonality" || options.series !== undefined, { path: ["series"], error: messages.splitNeedsSeries });
/** Options of {@link splitTarget}. */
export type SplitTargetOptions = ReadonlyInput<z.input<typeof SplitTargetOptionsSchema>>;

/** One part of a split target. */
export interface SplitPart {
  /** The period of the part (a week may reach outside the whole: see `range`). */
  readonly period: KpiPeriod;
  /** The part of the period inside the whole, `[startMs, endMs)`. */
  readonly range: { readonly startMs: number; readonly endMs: number };
  readonly weight: KpiDecimal;
  /** weight ÷ Σ weights. */
  readonly share: KpiDecimal;
  readonly target: KpiDecimal;
}

/** A target split over the periods of its range. */
export interface SplitTarget {
  readonly total: KpiDecimal;
  readonly by: "equal" | "working-days" | "weights" | "seasonality";
  /** Decimals of the parts (`scale`, or the total's own when it has more). */
  readonly scale: number;
  readonly parts: readonly SplitPart[];
}

/** The value of each period of a (previous year's) series, summed over its groups, in period order. */
function seriesTotals(series: KpiSeries): KpiDecimal[] {
  if (!series.additive) throw definitionError("invalid-option", ["series"], messages.notAdditive);
  const index = new Map(series.periods.map((period, i) => [period.startMs, i]));
  const sums = series.periods.map(() => createExactSum());
  for (const point of series.points) {
    const i = index.get(point.period.startMs);
    if (i !== undefined && point.value !== null) sums[i]?.add(point.value);
  }
  return sums.map((sum) => sum.value());
}

/**
 * Splits a quarterly or annual target into months, weeks or days that add up exactly: equally,
 * by working days, by weights, or by the seasonality of the same periods last year.
 *
 * Formula: the parts are the periods of `into` that overlap `[from, to)`, each clipped to it;
 * weightᵢ = 1 (equal), the working days of the clipped part (working-days), `weights[i]`, or
 * the i-th period total of `series` (seasonality: last year's months for this year's months,
 * paired in order); partᵢ ≈ total × weightᵢ ÷ Σ weights at `scale` decimals, by largest
 * remainder: each part is its share rounded towards zero, and the units of the last decimal
 * left over go one each to the parts with the largest remainders (the earlier part on a tie).
 * So Σ parts = total exactly, each part is within one unit of the last decimal of its exact
 * share, and a part of weight 0 gets 0.
 *
 * Edge cases: weights that add up to 0 (no working day, an empty last year) throw
 * KpiDefinitionError; so does a weights list or series with another number of periods than
 * parts. A total with more decimals than `scale` is split at its own scale. Weeks of a month
 * are clipped to the month (a week across the month end counts only its days inside).
 * Complexity: O(parts log parts + days).
 *
 * @example
 * // a Q3 2026 quota of 1000 by working days: July 23, August 21, September 22 (66 in all)
 * splitTarget(1000, { from: "2026-07-01", to: "2026-10-01", into: "month", by: "working-days" }).parts.map((p) => p.target.toString());
 * //=> ["348.49", "318.18", "333.33"]
 */
export function splitTarget(total: DecimalLike, options: SplitTargetOptions): SplitTarget {
  const parsed = parseOptions(SplitTargetOptionsSchema, options);
  const whole = toDecimal(parseDefinition(DecimalLikeSchema, total, ["total"]));
  const calendar = parsed.calendar ?? DEFAULT_CALENDAR;
  const fromMs = parseInstant(parsed.from, calendar, ["from"]);
  const toMs = parseInstant(parsed.to, calendar, ["to"]);
  if (!(toMs > fromMs)) throw definitionError("invalid-option", ["to"], messages.emptyRange);
  const periods = periodsBetween(fromMs, toMs, parsed.into, calendar);
  if (periods.length === 0) throw definitionError("invalid-option", ["into"], messages.splitNoParts);
  const ranges = periods.map((period) => ({ startMs: Math.max(period.startMs, fromMs), endMs: Math.min(period.endMs, toMs) }));
  let weights: KpiDecimal[];
  switch (parsed.by) {
    case "equal":
      weights = periods.map(() => toDecimal(1));
      break;
    case "working-days": {
      const rule = workingDayRule(parsed);
      weights = ranges.map((range) => toDecimal(workingDaysBetween(range.startMs, range.endMs, calendar.timeZone, rule)));
      break;
    }
    case "weights":
      weights = (parsed.weights ?? []).map((w) => toDecimal(w));
      if (weights.length !== periods.length) throw definitionError("invalid-option", ["weights"], messages.splitWeightsLength(periods.length));
      break;
    case "seasonality":
      weights = seriesTotals(parsed.series as KpiSeries);
      if (weights.length !== periods.length) throw definitionError("invalid-option", ["series"], messages.splitSeriesLength(periods.length, weights.length));
      break;
  }
  const sum = weights.reduce((acc, w) => acc.plus(w), ZERO);
  if (!sum.gt(0)) throw definitionError("invalid-option", [parsed.by === "working-days" ? "workingDays" : parsed.by === "seasonality" ? "series" : "weights"], parsed.by === "working-days" ? messages.splitNoWorkingDays : messages.weightsSumZero);
  const { parts, scale } = allocate(whole, weights, parsed.scale);
  return {
    total: whole,
    by: parsed.by,
    scale,
    parts: periods.map((period, i) => ({
      period,
      range: ranges[i] as SplitPart["range"],
      weight: weights[i] as KpiDecimal,
      share: toDecimal((weights[i] as KpiDecimal).div(sum)),
      target: parts[i] as KpiDecimal,
    })),
  };
}
