import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
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

/**
 * Options of {@link pace}: the target period `[periodStart, periodEnd)` (date-only values are
 * local midnights), `asOf` (exclusive; a date-only value includes that day), `tolerance`
 * (share of the target, default 0.05), the KPI's `direction` (default: the target's own when it
 * comes from `targetFromBaseline`, else higher is better) and the
 * `calendar` for date-only values (default UTC).
 */
export const PaceOptionsSchema = z.strictObject({
  periodStart: InstantSchema,
  periodEnd: InstantSchema,
  asOf: InstantSchema,
  tolerance: DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative }).default(0.05),
  direction: KpiDirectionSchema.optional(),
  calendar: KpiCalendarSchema.optional(),
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
  readonly period: { readonly start: string; readonly end: string; readonly startMs: number; readonly endMs: number };
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

function iso(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HH:mm:ssxxx");
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
 * Edge cases: before the period starts (elapsed 0) nothing can be projected: `projected` is
 * null and the status `"on-track"`; after it ends, projected = actual. A target of 0 has a band of
 * width 0. `periodEnd ≤ periodStart` throws KpiDefinitionError. Complexity: O(1).
 *
 * @example
 * // 40 calls by 15 June (half of June) against 100: projected 80 → "behind"
 * pace(40, 100, { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-15" }).status; // "behind"
 */
export function pace(actual: DecimalLike, targetInput: DecimalLike | BaselineTarget, options: PaceOptions): Pace {
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
  return paceOf(a, t, directionOf(target, parsed.direction), toDecimal(parsed.tolerance), period, asOfMs);
}

/** The work of {@link pace} on parsed values (a period with `endMs > startMs`). */
export function paceOf(a: KpiDecimal, t: KpiDecimal, direction: KpiDirection, tolerance: KpiDecimal, period: Pace["period"], asOfMs: number): Pace {
  const { startMs, endMs } = period;
  const elapsedMs = Math.min(Math.max(asOfMs - startMs, 0), endMs - startMs);
  const elapsed = elapsedMs === endMs - startMs ? ONE : elapsedMs === 0 ? ZERO : toDecimal(toDecimal(elapsedMs).div(endMs - startMs));
  const projected = elapsed.isZero() ? null : withoutNegativeZero(a.div(elapsed));
  const width = t.abs().times(tolerance);
  const low = withoutNegativeZero(t.minus(width));
  const high = withoutNegativeZero(t.plus(width));
  let status: PaceStatus = "on-track";
  if (projected !== null) {
    // projected vs an edge, compared exactly: actual × length vs edge × elapsed time
    const scaled = a.times(endMs - startMs);
    const above = scaled.gt(high.times(elapsedMs));
    const below = scaled.lt(low.times(elapsedMs));
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
