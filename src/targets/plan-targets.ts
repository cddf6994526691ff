import { formatLocalInstant } from "../time/zone-clock.js";
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema, type KpiDecimal, ONE, toDecimal } from "../core/decimal.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseInput, parseOptions } from "../core/parse-input.js";
import { BaselineSchema } from "../baseline/baseline-schema.js";
import type { Baseline } from "../baseline/baseline.js";
import { DEFAULT_CALENDAR, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseInstant } from "../time/instant.js";
import { addLocalDays } from "../time/local-days.js";
import { dailyRateOf, WindowDaysSchema } from "./rolling-targets.js";

/**
 * Options of {@link planTargets}: the `start` (first day of the plan; a date-only value is
 * that local day), `milestones` in days (increasing, default `[30, 60, 90]`), `ramp` factors
 * (one per milestone, for the days since the previous milestone; default all 1) and the
 * `calendar` (default UTC).
 */
export const PlanTargetsOptionsSchema = z
  .strictObject({
    start: InstantSchema,
    milestones: z.array(WindowDaysSchema).min(1).default([30, 60, 90]),
    ramp: z.array(DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative })).optional(),
    calendar: KpiCalendarSchema.optional(),
  })
  .refine((options) => options.milestones.every((days, i) => i === 0 || days > (options.milestones[i - 1] as number)), {
    path: ["milestones"],
    error: messages.increasingMilestones,
  })
  .refine((options) => options.ramp === undefined || options.ramp.length === options.milestones.length, {
    path: ["ramp"],
    error: messages.rampLength,
  });
/** Options of {@link planTargets}. */
export type PlanTargetsOptions = ReadonlyInput<z.input<typeof PlanTargetsOptionsSchema>>;

/** One milestone of a 30/60/90-day plan. */
export interface PlanMilestone {
  /** Days since the start. */
  readonly day: number;
  /** The last local day of the milestone (`YYYY-MM-DD`) and the exclusive end instant. */
  readonly lastDay: string;
  readonly end: string;
  readonly endMs: number;
  /** The ramp factor of the days since the previous milestone. */
  readonly ramp: KpiDecimal;
  /** Cumulative target from the start up to and including `lastDay` (`null` without baseline). */
  readonly target: KpiDecimal | null;
}

/** A 30/60/90-day plan: cumulative targets from a start date. */
export interface PlanTargets {
  readonly start: string;
  readonly startMs: number;
  readonly dailyRate: KpiDecimal | null;
  readonly milestones: readonly PlanMilestone[];
  readonly sufficient: boolean;
  readonly reason?: string;
}

/**
 * A 30/60/90-day plan for a new rep: cumulative targets at day 30, 60 and 90 from the start,
 * ramping up to the full rate of the baseline you give (for instance an experienced rep's, or
 * the team's baseline per rep).
 *
 * Formula: r = the baseline's daily rate (value × periods ÷ local days, as in
 * {@link rollingTargets}); with milestones m₁ < m₂ < … and ramp factors f₁, f₂, …:
 * target at mᵢ = Σ_{j ≤ i} r × (mⱼ − mⱼ₋₁) × fⱼ (m₀ = 0). Ramp `[0.5, 0.75, 1]` asks half the
 * rate in the first 30 days, three quarters in the next 30, the full rate after.
 *
 * Edge cases: an insufficient baseline gives null targets with the reason; a ratio baseline
 * throws KpiDefinitionError. Milestone days are local calendar days (DST-safe).
 * Complexity: O(m).
 *
 * @example
 * const meetings = measureSeries(
 *   { activities: [
 *     { owner: "ann", type: "meeting", at: "2026-09-10", quantity: 60 },
 *     { owner: "ann", type: "meeting", at: "2026-10-10", quantity: 62 },
 *     { owner: "ann", type: "meeting", at: "2026-11-10", quantity: 60 },
 *   ] },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-09-01", to: "2026-12-01", grain: "month" },
 * );
 * // 182 meetings in the 91 days of September–November: 2 a day; at half, three quarters, then the full rate:
 * // 30 days × 2 × 0.5 = 30, then + 30 × 2 × 0.75 = 75, then + 30 × 2 × 1 = 135
 * const rate = baseline(meetings, { asOf: "2026-12-01", periods: 3 });
 * planTargets(rate, { start: "2026-12-01", ramp: [0.5, 0.75, 1] }).milestones.map((m) => m.target?.toString()); //=> ["30", "75", "135"]
 */
export function planTargets(baselineInput: Baseline, options: PlanTargetsOptions): PlanTargets {
  const baseline = parseInput(BaselineSchema, baselineInput, ["baseline"]);
  const parsed = parseOptions(PlanTargetsOptionsSchema, options);
  const calendar = parsed.calendar ?? DEFAULT_CALENDAR;
  const rate = dailyRateOf(baseline);
  const startMs = parseInstant(parsed.start, calendar, ["start"]);
  const start = new TZDate(startMs, calendar.timeZone);
  const cumulative = createExactSum();
  let previous = 0;
  const milestones = parsed.milestones.map((day, i) => {
    const factor = parsed.ramp?.[i];
    const ramp = factor === undefined ? ONE : toDecimal(factor);
    if (rate !== null) cumulative.add(rate.times(day - previous).times(ramp));
    previous = day;
    // Day boundaries stay day boundaries: from a day starting at 01:00 (DST at midnight) the end is a midnight.
    const end = new TZDate(addLocalDays(startMs, day, calendar.timeZone), calendar.timeZone);
    return {
      day,
      lastDay: format(addDays(start, day - 1), "yyyy-MM-dd"),
      end: formatLocalInstant(end.getTime(), calendar.timeZone),
      endMs: end.getTime(),
      ramp,
      target: rate === null ? null : cumulative.value(),
    };
  });
  const result: PlanTargets = {
    start: formatLocalInstant(start.getTime(), calendar.timeZone),
    startMs,
    dailyRate: rate,
    milestones,
    sufficient: rate !== null,
  };
  return rate === null ? { ...result, reason: baseline.reason ?? messages.noBaselineValue } : result;
}

