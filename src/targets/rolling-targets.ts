import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseInput, parseOptions } from "../core/parse-input.js";
import { BaselineSchema } from "../baseline/baseline-schema.js";
import type { Baseline } from "../baseline/baseline.js";
import { type KpiDirection, KpiDirectionSchema } from "../kpi/kpi-definition.js";
import { moveInDirection } from "./target-from-baseline.js";

/** Whole days of 1 or more. */
export const WindowDaysSchema = z.number().int({ error: messages.positiveWholeDays }).min(1, { error: messages.positiveWholeDays });

/**
 * Options of {@link rollingTargets}: the window lengths in days (default `[30, 60, 90]`), the
 * `uplift` over the baseline (default 0.1) and the KPI's `direction` (default higher is better).
 */
export const RollingTargetsOptionsSchema = z
  .strictObject({
    windows: z.array(WindowDaysSchema).min(1, { error: messages.windowsMissing }).default([30, 60, 90]),
    uplift: DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative }).default(0.1),
    direction: KpiDirectionSchema.default("higher-is-better"),
  })
  .refine((options) => options.direction === "higher-is-better" || toDecimal(options.uplift).lt(1), {
    path: ["uplift"],
    error: messages.upliftBelowOne,
  });
/** Options of {@link rollingTargets}. */
export type RollingTargetsOptions = ReadonlyInput<z.input<typeof RollingTargetsOptionsSchema>>;

/** The target of one rolling window. */
export interface RollingWindowTarget {
  readonly days: number;
  /** The baseline scaled to the window: daily rate × days (`null` without baseline). */
  readonly baseline: KpiDecimal | null;
  readonly target: KpiDecimal | null;
}

/** Rolling targets per window length, from one baseline. */
export interface RollingTargets {
  /** Baseline per local day: value × periods ÷ days of those periods. */
  readonly dailyRate: KpiDecimal | null;
  readonly direction: KpiDirection;
  readonly uplift: KpiDecimal;
  /** The baseline periods and their local days. */
  readonly basis: { readonly periods: readonly string[]; readonly days: number; readonly value: KpiDecimal | null };
  /** One per window, in the order given (duplicates removed). */
  readonly windows: readonly RollingWindowTarget[];
  readonly sufficient: boolean;
  readonly reason?: string;
}

/**
 * The daily rate of an additive baseline: value × n ÷ days, with n the periods with data and days
 * their local calendar days. For the mean this is the total over the periods ÷ their days.
 * `null` when the baseline has no value.
 */
export function dailyRateOf(baseline: Baseline): KpiDecimal | null {
  if (!baseline.additive) throw definitionError("invalid-option", ["baseline"], messages.notAdditive);
  if (baseline.value === null || baseline.days === 0) return null;
  // the mean: Σ values ÷ days, without the rounding of the mean in between
  const spread = baseline.method === "mean" && baseline.total !== null ? baseline.total : baseline.value.times(baseline.periods.length);
  return withoutNegativeZero(spread.div(baseline.days));
}

/**
 * Rolling 30/60/90-day targets: the baseline as a rate per day, scaled to each window and
 * raised by the uplift, to compare with the last 30, 60 and 90 days at any moment.
 *
 * Formula: daily rate r = baseline value × n ÷ D, where n is the number of baseline periods
 * with data and D their number of local calendar days (for the mean: Σ values ÷ D; for the
 * median or trimmed mean the chosen value per period, spread over the average period length).
 * Window of w days: baseline_w = r × w; target_w = baseline_w moved by the uplift in the KPI's
 * direction (× (1 + uplift), or × (1 − uplift) when lower is better).
 *
 * Edge cases: a ratio baseline throws KpiDefinitionError (a ratio per day cannot be added up);
 * an insufficient baseline gives `dailyRate: null` and null targets with the reason. For a
 * constant daily rate the targets are proportional to the window lengths. Complexity: O(w).
 *
 * @example
 * const calls = measureSeries(
 *   { activities: ["2026-08-10", "2026-09-10", "2026-10-10"].map((at) => ({ owner: "ann", type: "call", at, quantity: 62 })) },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-08-01", to: "2026-11-01", grain: "month" },
 * );
 * // 62 calls a month over August–October: 186 calls in 92 days, so 186 ÷ 92 × 30 in 30 days
 * const callsBaseline = baseline(calls, { asOf: "2026-11-01", periods: 3 });
 * rollingTargets(callsBaseline, { windows: [30], uplift: 0 }).windows[0]?.target?.toFixed(2); //=> "60.65"
 */
export function rollingTargets(baselineInput: Baseline, options: RollingTargetsOptions = {}): RollingTargets {
  const baseline = parseInput(BaselineSchema, baselineInput, ["baseline"]);
  const parsed = parseOptions(RollingTargetsOptionsSchema, options);
  const uplift = toDecimal(parsed.uplift);
  const rate = dailyRateOf(baseline);
  const windows = [...new Set(parsed.windows)].map((days) => {
    const scaled = rate === null ? null : rate.times(days);
    return { days, baseline: scaled, target: scaled === null ? null : moveInDirection(scaled, uplift, parsed.direction) };
  });
  const result: RollingTargets = {
    dailyRate: rate,
    direction: parsed.direction,
    uplift,
    basis: { periods: baseline.periods.map((period) => period.label), days: baseline.days, value: baseline.value },
    windows,
    sufficient: rate !== null,
  };
  return rate === null ? { ...result, reason: baseline.reason ?? messages.noBaselineValue } : result;
}
