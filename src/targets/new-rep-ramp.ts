import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseInput, parseOptions } from "../core/parse-input.js";
import type { Baseline } from "../baseline/baseline.js";
import { BaselineSchema } from "../baseline/baseline-schema.js";
import { DEFAULT_CALENDAR, KpiCalendarSchema } from "../time/calendar.js";
import { localCivilDay } from "../time/civil-day.js";
import { InstantSchema, MAX_INSTANT_MS, parseAsOf, parseInstant } from "../time/instant.js";
import { addLocalDays } from "../time/local-days.js";
import { isoInstant } from "../time/iso-instant.js";
import { type PlanMilestone, planTargets, type PlanTargets } from "./plan-targets.js";
import { WindowDaysSchema } from "./rolling-targets.js";

/**
 * Options of {@link newRepRamp}: the rep's `startedAt`, `asOf`, how long a new rep ramps
 * (`rampDays`, default 90), and the 30/60/90 plan's `milestones` (default `[30, 60, 90]`),
 * `ramp` factors (default all 1) and `calendar`.
 */
export const NewRepRampOptionsSchema = z.strictObject({
  startedAt: InstantSchema,
  asOf: InstantSchema,
  rampDays: WindowDaysSchema.default(90),
  milestones: z.array(WindowDaysSchema).min(1).optional(),
  ramp: z.array(DecimalLikeSchema).optional(),
  calendar: KpiCalendarSchema.optional(),
});
/** Options of {@link newRepRamp}. */
export type NewRepRampOptions = ReadonlyInput<z.input<typeof NewRepRampOptionsSchema>>;

/** Where a new rep stands in the ramp, and the ramp plan while it lasts. */
export interface NewRepRamp {
  /** `"not-started"` (asOf at or before `startedAt`), `"ramping"` (within `rampDays`), `"ramped"`. */
  readonly status: "not-started" | "ramping" | "ramped";
  readonly inRamp: boolean;
  /** The day of the ramp `asOf` falls on (1 = the first day); 0 before the start. */
  readonly day: number;
  readonly rampDays: number;
  /** The exclusive end of the ramp: the start of day `rampDays + 1`. */
  readonly rampEnd: { readonly end: string; readonly endMs: number };
  /** The per-rep baseline the plan ramps up to. */
  readonly baseline: Baseline;
  /** The 30/60/90 plan from `startedAt` (`planTargets`), while ramping; else null. */
  readonly plan: PlanTargets | null;
  /** The first milestone that has not ended by `asOf` (what the rep works towards now). */
  readonly currentMilestone: PlanMilestone | null;
}

/**
 * The team's baseline per rep: every value of the team baseline divided by the number of reps
 * it was measured over (`reps`, those on board for the whole window), so a new rep ramps to
 * what an average rep of the team does. Throws KpiDefinitionError when `reps` < 1.
 *
 * @example
 * const calls = measureSeries(
 *   { activities: [{ owner: "ann", type: "call", at: "2026-09-10", quantity: 200 }] },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-09-01", to: "2026-10-01", grain: "month" },
 * );
 * // the team made 200 calls in September with 4 reps: 50 per rep
 * perRepBaseline(baseline(calls, { asOf: "2026-10-01", periods: 1 }), 4).value?.toString(); //=> "50"
 */
export function perRepBaseline(teamInput: Baseline, reps: number): Baseline {
  const team = parseInput(BaselineSchema, teamInput, ["baseline"]);
  if (!Number.isInteger(reps) || reps < 1) throw definitionError("invalid-option", ["reps"], messages.rampNoTeamReps);
  const divide = (value: KpiDecimal | null): KpiDecimal | null => (value === null ? null : withoutNegativeZero(toDecimal(value.div(reps))));
  return {
    ...team,
    value: divide(team.value),
    values: team.values.map((value) => divide(value) as KpiDecimal),
    min: divide(team.min),
    max: divide(team.max),
    stdDev: divide(team.stdDev),
    total: divide(team.total),
  };
}

/**
 * A new rep's ramp: within `rampDays` (default 90) of `startedAt` a rep has no baseline of
 * their own, so instead of a target from a baseline they get the 30/60/90-day plan
 * (`planTargets`) ramping up to the team's per-rep baseline ({@link perRepBaseline}).
 *
 * Rules: day = local days from the day of `startedAt` to the day holding the last instant
 * before `asOf`, plus one; ramping when `startedAt < asOf ≤ rampEnd` (rampEnd = start of local
 * day `rampDays + 1`). The plan's cumulative targets are `planTargets`' (formula there);
 * `currentMilestone` is the first milestone ending after `asOf`.
 *
 * Edge cases: before the start the status is `"not-started"` with no plan; after the ramp,
 * `"ramped"` and no plan (the rep's own baseline takes over). An insufficient per-rep
 * baseline gives a plan with null targets and the reason; a ratio baseline throws
 * KpiDefinitionError (a ramp adds up counts and sums). Complexity: O(milestones).
 *
 * @example
 * const calls = measureSeries(
 *   { activities: [{ owner: "ann", type: "call", at: "2026-09-10", quantity: 60 }] },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-09-01", to: "2026-10-01", grain: "month" },
 * );
 * const perRep = baseline(calls, { asOf: "2026-10-01", periods: 1 }); // 60 calls a month
 * // hired 1 October 2026; as of 15 November (day 46): ramping, working towards day 60
 * newRepRamp(perRep, { startedAt: "2026-10-01", asOf: "2026-11-15" }).currentMilestone?.day; //=> 60
 */
export function newRepRamp(baselineInput: Baseline, options: NewRepRampOptions): NewRepRamp {
  const baseline = parseInput(BaselineSchema, baselineInput, ["baseline"]);
  const parsed = parseOptions(NewRepRampOptionsSchema, options);
  const calendar = parsed.calendar ?? DEFAULT_CALENDAR;
  const startMs = parseInstant(parsed.startedAt, calendar, ["startedAt"]);
  const asOfMs = parseAsOf(parsed.asOf, calendar);
  const rampEndMs = addLocalDays(startMs, parsed.rampDays, calendar.timeZone);
  if (!(rampEndMs < MAX_INSTANT_MS)) throw definitionError("invalid-option", ["rampDays"], messages.instant);
  const rampEnd = { end: isoInstant(rampEndMs, calendar), endMs: rampEndMs };
  const started = asOfMs > startMs;
  const day = started ? localCivilDay(asOfMs - 1, calendar.timeZone) - localCivilDay(startMs, calendar.timeZone) + 1 : 0;
  const status = !started ? "not-started" : asOfMs <= rampEndMs ? "ramping" : "ramped";
  const plan =
    status === "ramping"
      ? planTargets(baseline, {
          start: parsed.startedAt,
          ...(parsed.milestones === undefined ? {} : { milestones: parsed.milestones }),
          ...(parsed.ramp === undefined ? {} : { ramp: parsed.ramp }),
          calendar,
        })
      : null;
  const currentMilestone = plan?.milestones.find((milestone) => milestone.endMs > asOfMs) ?? null;
  return { status, inRamp: status === "ramping", day, rampDays: parsed.rampDays, rampEnd, baseline, plan, currentMilestone };
}
