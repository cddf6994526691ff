import type { KpiBounds } from "../time/bounds.js";
import { z } from "zod";
import { isoInstant } from "../time/iso-instant.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, ONE, toDecimal, withoutNegativeZero, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseInput, parseOptions } from "../core/parse-input.js";
import { DEFAULT_CALENDAR, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf, parseInstant } from "../time/instant.js";
import { directionOf, parseTarget, targetValue } from "./attainment.js";
import { type KpiDirection, KpiDirectionSchema } from "../kpi/kpi-definition.js";
import type { BaselineTarget } from "./target-from-baseline.js";
import type { Ratio } from "../core/ratio.js";
import { workingDayOptionShape, type WorkingDayRule, workingDayRule, workingDaysBetween } from "../time/working-days.js";

/**
 * Options of {@link pace}: the target period `[periodStart, periodEnd)` (date-only values are
 * local midnights), `asOf` (exclusive; a date-only value includes that day), `tolerance`
 * (share of the target, default 0.05), the KPI's `direction` (default: the target's own when it
 * comes from `targetFromBaseline`, else higher is better), the
 * `calendar` for date-only values and working days (default UTC), and how elapsed time is
 * measured: `elapsedBy` `"time"` (default: the share of the period's instants) or
 * `"working-days"` (the share of its working days that have ended), with `workingDays`
 * (default Monday–Friday) and `holidays` (`YYYY-MM-DD`).
 */
export const PaceOptionsSchema = z.strictObject({
  periodStart: InstantSchema,
  periodEnd: InstantSchema,
  asOf: InstantSchema,
  tolerance: DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative }).default(0.05),
  direction: KpiDirectionSchema.optional(),
  calendar: KpiCalendarSchema.optional(),
  elapsedBy: z.enum(["time", "working-days"]).default("time"),
  ...workingDayOptionShape,
});
/** Options of {@link pace}. */
export type PaceOptions = ReadonlyInput<z.input<typeof PaceOptionsSchema>>;

/** `"ahead"`, `"on-track"` or `"behind"`. */
export type PaceStatus = "ahead" | "on-track" | "behind";

/** Where a period is heading, from how far it has come. */
export interface Pace {
  readonly actual: KpiDecimal;
  readonly target: KpiDecimal;
  readonly direction: KpiDirection;
  readonly period: KpiBounds;
  readonly asOfMs: number;
  /** Elapsed share of the period at `asOf`, in [0, 1]. */
  readonly elapsed: KpiDecimal;
  /** What the target asks for by now: target × elapsed. */
  readonly expected: KpiDecimal;
  /** actual ÷ elapsed: where the period ends at this pace; `null` before the period starts. */
  readonly projected: KpiDecimal | null;
  readonly tolerance: KpiDecimal;
  /** The on-track band: [target − tolerance·|target|, target + tolerance·|target|]. */
  readonly band: { readonly low: KpiDecimal; readonly high: KpiDecimal };
  readonly status: PaceStatus;
}

/** How far into its period a pace is: a share `elapsed ÷ total` of instants (ms) or of working days. */
export interface PaceElapsed {
  readonly by: "time" | "working-days";
  /** Elapsed ms or working days that have ended, and the period's total of them. */
  readonly elapsed: number;
  readonly total: number;
  /** The share in [0, 1]. */
  readonly share: KpiDecimal;
  /** Working days of the period: all, ended by `asOf`, still to come (the day in progress included). */
  readonly workingDays: { readonly total: number; readonly elapsed: number; readonly remaining: number };
}

/** Pace as a curve: where the period stands, where it lands, and what it takes to land on target. */
export interface PaceCurve extends Pace {
  readonly elapsedBy: "time" | "working-days";
  /** The value so far (= `actual`). */
  readonly toDate: KpiDecimal;
  /** target − projected landing (≤ 0: landing on or above a higher-is-better target); null without projection. */
  readonly gap: KpiDecimal | null;
  /** target − to-date: what is still needed to land exactly on the target. */
  readonly remaining: KpiDecimal;
  readonly workingDays: PaceElapsed["workingDays"];
  /**
   * The required run-rate per remaining working day, as a Ratio with exact parts: numerator =
   * target − to-date, denominator = remaining working days (the day in progress included),
   * value = numerator ÷ denominator, `null` when no working day is left.
   */
  readonly requiredRunRate: Ratio;
}

/**
 * The elapsed share of a period at `asOfMs`, by time or by working days, computed once for
 * every rep and KPI of a scorecard. By time: (asOf − start) ÷ (end − start), clamped. By
 * working days: working days that ended by `asOf` ÷ working days of the period (a period
 * without working days: 0 before its end, 1 from its end).
 */
export function paceElapsed(period: Pace["period"], asOfMs: number, by: "time" | "working-days", timeZone: string, rule: WorkingDayRule): PaceElapsed {
  const { startMs, endMs } = period;
  const clampedAsOf = Math.min(Math.max(asOfMs, startMs), endMs);
  const total = workingDaysBetween(startMs, endMs, timeZone, rule);
  const ended = clampedAsOf === endMs ? total : workingDaysBetween(startMs, clampedAsOf, timeZone, rule);
  const workingDays = { total, elapsed: ended, remaining: total - ended };
  if (by === "time") {
    const elapsedMs = clampedAsOf - startMs;
    const length = endMs - startMs;
    const share = elapsedMs === length ? ONE : elapsedMs === 0 ? ZERO : toDecimal(toDecimal(elapsedMs).div(length));
    return { by, elapsed: elapsedMs, total: length, share, workingDays };
  }
  if (total === 0) {
    const done = asOfMs >= endMs;
    return { by, elapsed: done ? 1 : 0, total: 1, share: done ? ONE : ZERO, workingDays };
  }
  const share = ended === total ? ONE : ended === 0 ? ZERO : toDecimal(toDecimal(ended).div(total));
  return { by, elapsed: ended, total, share, workingDays };
}

/** The work of {@link pace} on parsed values, with the elapsed share computed once ({@link paceElapsed}). */
export function paceCurveOf(a: KpiDecimal, t: KpiDecimal, direction: KpiDirection, tolerance: KpiDecimal, period: Pace["period"], asOfMs: number, elapsed: PaceElapsed): PaceCurve {
  const base = paceWith(a, t, direction, tolerance, period, asOfMs, elapsed.elapsed, elapsed.total, elapsed.share);
  const remaining = withoutNegativeZero(t.minus(a));
  const days = elapsed.workingDays.remaining;
  return {
    ...base,
    elapsedBy: elapsed.by,
    toDate: a,
    gap: base.projected === null ? null : withoutNegativeZero(t.minus(base.projected)),
    remaining,
    workingDays: elapsed.workingDays,
    requiredRunRate: { numerator: remaining, denominator: toDecimal(days), value: days === 0 ? null : toDecimal(remaining.div(days)) },
  };
}

function iso(ms: number, timeZone: string): string {
  return isoInstant(ms, { timeZone });
}

/**
 * Pace: at the current rate, will the period end at its target? Projects the actual linearly to
 * the end of the period and says whether the rep or team is ahead, on track or behind.
 *
 * Formula: elapsed = (asOf − periodStart) ÷ (periodEnd − periodStart), clamped to [0, 1]
 * (in instants, so a 23-hour DST day weighs 23 hours); projected = actual ÷ elapsed;
 * band = target ± tolerance × |target|. Higher is better: projected above the band → ahead,
 * below → behind; lower is better the other way round. A projection exactly on an edge of the
 * band is on track (the band is closed).
 *
 * With `elapsedBy: "working-days"`, elapsed = working days ended by `asOf` ÷ working days of
 * the period (the day in progress counts as remaining). Either way the result also gives the
 * curve: `toDate`, `gap` = target − projected, `remaining` = target − to-date, the period's
 * working days (total, ended, remaining) and the `requiredRunRate` per remaining working day =
 * (target − to-date) ÷ remaining working days (a Ratio: numerator and denominator exact).
 *
 * Edge cases: before the period starts (elapsed 0) nothing can be projected: `projected` is
 * null and the status `"on-track"`; after it ends, projected = actual. A target of 0 has a band of
 * width 0. No working day left: the run-rate's value is null. `periodEnd ≤ periodStart`
 * throws KpiDefinitionError. Complexity: O(days of the period).
 *
 * @example
 * // 40 calls by 15 June (half of June) against 100: projected 80 → "behind"
 * pace(40, 100, { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-15" }); //=> { projected: 80, status: "behind", ... }
 */
export function pace(actual: DecimalLike, targetInput: DecimalLike | BaselineTarget, options: PaceOptions): PaceCurve {
  const target = parseTarget(targetInput);
  const parsed = parseOptions(PaceOptionsSchema, options);
  const calendar = parsed.calendar ?? DEFAULT_CALENDAR;
  const a = toDecimal(parseInput(DecimalLikeSchema, actual, ["actual"]));
  const t = targetValue(target);
  const startMs = parseInstant(parsed.periodStart, calendar, ["periodStart"]);
  const endMs = parseInstant(parsed.periodEnd, calendar, ["periodEnd"]);
  if (!(endMs > startMs)) throw definitionError("invalid-option", ["periodEnd"], messages.periodEndBeforeStart);
  const asOfMs = parseAsOf(parsed.asOf, calendar);
  const period = { start: iso(startMs, calendar.timeZone), end: iso(endMs, calendar.timeZone), startMs, endMs };
  const elapsed = paceElapsed(period, asOfMs, parsed.elapsedBy, calendar.timeZone, workingDayRule(parsed));
  return paceCurveOf(a, t, directionOf(target, parsed.direction), toDecimal(parsed.tolerance), period, asOfMs, elapsed);
}

/** The work of {@link pace} on parsed values (a period with `endMs > startMs`). */
export function paceOf(a: KpiDecimal, t: KpiDecimal, direction: KpiDirection, tolerance: KpiDecimal, period: Pace["period"], asOfMs: number): Pace {
  const { startMs, endMs } = period;
  const elapsedMs = Math.min(Math.max(asOfMs - startMs, 0), endMs - startMs);
  const elapsed = elapsedMs === endMs - startMs ? ONE : elapsedMs === 0 ? ZERO : toDecimal(toDecimal(elapsedMs).div(endMs - startMs));
  return paceWith(a, t, direction, tolerance, period, asOfMs, elapsedMs, endMs - startMs, elapsed);
}

/** Projection and status from an elapsed share `part ÷ whole` (ms or working days). */
function paceWith(a: KpiDecimal, t: KpiDecimal, direction: KpiDirection, tolerance: KpiDecimal, period: Pace["period"], asOfMs: number, part: number, whole: number, elapsed: KpiDecimal): Pace {
  // actual ÷ share, as the scorecard's paceWithElapsed computes it (a property test holds them equal)
  const projected = elapsed.isZero() ? null : withoutNegativeZero(a.div(elapsed));
  const width = t.abs().times(tolerance);
  const low = withoutNegativeZero(t.minus(width));
  const high = withoutNegativeZero(t.plus(width));
  let status: PaceStatus = "on-track";
  if (projected !== null) {
    // projected vs an edge, compared exactly: actual × whole vs edge × part
    const scaled = a.times(whole);
    const above = scaled.gt(high.times(part));
    const below = scaled.lt(low.times(part));
    if (direction === "higher-is-better") status = above ? "ahead" : below ? "behind" : "on-track";
    else status = below ? "ahead" : above ? "behind" : "on-track";
  }
  return {
    actual: a,
    target: t,
    direction,
    period,
    asOfMs,
    elapsed,
    expected: withoutNegativeZero(t.times(elapsed)),
    projected,
    tolerance,
    band: { low, high },
    status,
  };
}
