import { lastIndexBefore } from "../core/sorted-search.js";
import { z } from "zod";
import { KpiPeriodSchema } from "../time/time-helpers.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, ONE, toDecimal, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { type Baseline, type BaselineMethod, BaselineMethodSchema, baselineOfWindow, type PeriodValue } from "../baseline/baseline.js";
import { type KpiDirection, KpiDirectionSchema } from "../kpi/kpi-definition.js";
import { DEFAULT_CALENDAR, type KpiCalendar, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf, parseInstant } from "../time/instant.js";
import { isoInstant } from "../time/iso-instant.js";
import { type KpiPeriod, periodOf } from "../time/period.js";
import { meetsTarget } from "./attainment.js";
import { steppedTarget } from "./raise-target.js";
import { type BaselineTarget, targetFromBaselineOf } from "./target-from-baseline.js";

const nonNegative = DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative });

/** How a target plan moves: `"ratchet"` (default) or `"rolling"`. */
export const TargetPolicySchema = z.enum(["ratchet", "rolling"]);
/**
 * `"ratchet"`: the baseline is taken once before the start, the first target is a little better,
 * raised by a step after met periods and never lowered (unless `allowDecrease`). `"rolling"`:
 * each period's target is the baseline of the periods just before it plus the uplift (it falls
 * when performance falls).
 */
export type TargetPolicy = z.infer<typeof TargetPolicySchema>;

/** The options every target plan shares (of {@link planFromSeries} and `targetPlan`). */
export const planOptionShape = {
  /** When the team began working with KPIs: the baseline is taken from the complete periods before it. */
  start: InstantSchema,
  /** Exclusive end: only periods that ended by then are judged; the plan runs to the period holding it. */
  asOf: InstantSchema,
  policy: TargetPolicySchema.default("ratchet"),
  baselinePeriods: z.number().int().min(1).max(1000).default(3),
  method: BaselineMethodSchema.default("mean"),
  /** Periods with data the baseline needs (default `baselinePeriods`). */
  minPeriods: z.number().int().min(1).optional(),
  /** The first target's distance from the baseline (0.1 = 10 % better). */
  uplift: nonNegative.default(0.1),
  /** A raise: a share of the target (`raiseBy: "relative"`, default) or an amount (`"absolute"`). */
  raiseStep: nonNegative.default(0.05),
  raiseBy: z.enum(["relative", "absolute"]).default("relative"),
  /** Met periods in a row before a raise (default 2). */
  raiseAfter: z.number().int().min(1).max(1000).default(2),
  /** Ease a missed target by a step (default false: a target is never lowered). */
  allowDecrease: z.boolean().default(false),
  calendar: KpiCalendarSchema.optional(),
};

/**
 * Options of {@link planFromSeries}: the plan options (`start`, `asOf`, `policy`,
 * `baselinePeriods`, `method`, `minPeriods`, `uplift`, `raiseStep`, `raiseBy`, `raiseAfter`,
 * `allowDecrease`, `calendar`) plus the KPI's `direction` (default higher is better), `rate`
 * (a ratio KPI: targets capped to [0, 1]), `additive` (default true; false for ratios) and a
 * rep's `startedAt` / `leftAt` (periods the rep was not on board for as a whole are not baseline data).
 */
export const PlanFromSeriesOptionsSchema = z
  .strictObject({
    ...planOptionShape,
    direction: KpiDirectionSchema.default("higher-is-better"),
    rate: z.boolean().default(false),
    additive: z.boolean().default(true),
    startedAt: InstantSchema.optional(),
    leftAt: InstantSchema.optional(),
  })
  .refine((options) => options.minPeriods === undefined || options.minPeriods <= options.baselinePeriods, {
    path: ["minPeriods"],
    error: messages.minPeriodsAbovePeriods,
  })
  .refine((options) => options.direction === "higher-is-better" || toDecimal(options.uplift).lt(1), { path: ["uplift"], error: messages.upliftBelowOne });
/** Options of {@link planFromSeries}. */
export type PlanFromSeriesOptions = ReadonlyInput<z.input<typeof PlanFromSeriesOptionsSchema>>;

/** The plan options, parsed and resolved (what {@link planOf} takes). */
export interface ResolvedPlanOptions {
  readonly startMs: number;
  readonly asOfMs: number;
  readonly policy: TargetPolicy;
  readonly baselinePeriods: number;
  readonly method: BaselineMethod;
  readonly minPeriods: number;
  readonly uplift: KpiDecimal;
  /** The uplift as a percentage, for the plan's reasons ("+10 % on the baseline"): written once per plan's options. */
  readonly upliftPercent: string;
  readonly raiseStep: KpiDecimal;
  readonly raiseBy: "relative" | "absolute";
  readonly raiseAfter: number;
  readonly allowDecrease: boolean;
  readonly direction: KpiDirection;
  /** Targets capped to [0, 1]. */
  readonly rate: boolean;
  readonly additive: boolean;
  readonly startedAt: number | undefined;
  readonly leftAt: number | undefined;
  readonly calendar: KpiCalendar;
}

/** What happened to the target of a period. */
export type TargetChange = "first" | "raised" | "held" | "eased" | "rolling" | "none";

/** One period of a target plan. */
export interface TargetPlanPeriod {
  readonly period: KpiPeriod;
  /** The target of the period; `null` when there is none (no baseline). */
  readonly target: KpiDecimal | null;
  /** The target of the period before (`null` for the first). */
  readonly previous: KpiDecimal | null;
  readonly change: TargetChange;
  /** Why the target is what it is, in words ("raised by a step after 2 met periods"). */
  readonly reason: string;
  /** `"complete"`: ended by `asOf` and judged; `"in-progress"`: the period holding `asOf`. */
  readonly status: "complete" | "in-progress";
  /** The KPI's value in a complete period (`null` in progress, or without value). */
  readonly actual: KpiDecimal | null;
  /** Whether the target was met (`null` in progress, without value or without target). */
  readonly met: boolean | null;
  /** Met periods in a row counted towards the next raise, after this period. */
  readonly metInARow: number;
}

/** A target plan: the baseline taken before the start and the target of every period since. */
export interface TargetPlan {
  readonly policy: TargetPolicy;
  readonly direction: KpiDirection;
  /** The first period of the plan (the one holding `start`) and the `asOf` it was made as of. */
  readonly start: { readonly label: string | null; readonly startMs: number };
  readonly asOfMs: number;
  /** The baseline of the complete periods before the start, and how it was taken. */
  readonly baseline: Baseline;
  readonly baselineReason: string;
  /** The first target (baseline moved by the uplift, capped for rates). */
  readonly firstTarget: BaselineTarget;
  /** One entry per period from the start to the period holding `asOf`. */
  readonly periods: readonly TargetPlanPeriod[];
  /** The period holding `asOf` (`null` when `asOf` is before the start). */
  readonly current: TargetPlanPeriod | null;
  /** The last complete period (`null` when none has ended since the start). */
  readonly lastComplete: TargetPlanPeriod | null;
  /** False when the baseline is insufficient (or 0 for a higher-is-better KPI): no target is invented. */
  readonly sufficient: boolean;
  readonly reason?: string;
}

/** Parses and resolves {@link PlanFromSeriesOptions} once (then call {@link planOf} per rep). */
export function resolvePlanOptions(options: PlanFromSeriesOptions): ResolvedPlanOptions {
  const parsed = parseOptions(PlanFromSeriesOptionsSchema, options);
  const calendar = parsed.calendar ?? DEFAULT_CALENDAR;
  const uplift = toDecimal(parsed.uplift);
  return {
    startMs: parseInstant(parsed.start, calendar, ["start"]),
    asOfMs: parseAsOf(parsed.asOf, calendar),
    policy: parsed.policy,
    baselinePeriods: parsed.baselinePeriods,
    method: parsed.method,
    minPeriods: parsed.minPeriods ?? parsed.baselinePeriods,
    uplift,
    upliftPercent: percent(uplift),
    raiseStep: toDecimal(parsed.raiseStep),
    raiseBy: parsed.raiseBy,
    raiseAfter: parsed.raiseAfter,
    allowDecrease: parsed.allowDecrease,
    direction: parsed.direction,
    rate: parsed.rate,
    additive: parsed.additive,
    startedAt: parsed.startedAt === undefined ? undefined : parseInstant(parsed.startedAt, calendar, ["startedAt"]),
    leftAt: parsed.leftAt === undefined ? undefined : parseInstant(parsed.leftAt, calendar, ["leftAt"]),
    calendar,
  };
}

/**
 * A target plan over a series of period values: the baseline (nulmeting) taken once from the
 * complete periods before `start`, the first target a little better than it, raised by a step
 * after met periods and never lowered — the target sequence a sales manager sets by hand.
 *
 * Ratchet (default), with b = {@link baseline} of the `baselinePeriods` periods before the
 * period holding `start`: T₁ = `targetFromBaseline(b, uplift, direction)`; after a complete
 * period with actual a and target T: met (`attainment`) `raiseAfter` times in a row →
 * Tₙₑₓₜ = `raiseTarget(T, step)` (T + step·|T|, or T − step·|T| when lower is better) and the
 * count restarts; not met → T held (the count restarts), or with `allowDecrease` eased by a
 * step. Rolling: Tᵢ = baseline of the `baselinePeriods` periods before period i, moved by the uplift.
 * Rates (`rate: true`) are capped to [0, 1] after every step.
 *
 * Edge cases: only periods that ended by `asOf` are judged or used for a baseline (nothing
 * after `asOf` changes a number); the plan runs to the period holding `asOf`, whose target
 * is known but not judged. An insufficient baseline (a new rep) or a baseline of 0 on a
 * higher-is-better KPI gives null targets with the reason, never an invented number. A complete
 * period without value (a ratio without denominator) holds the target and restarts the count.
 * Under the ratchet without `allowDecrease`, the targets never get easier, whatever the data.
 * Complexity: O(p) (rolling: O(p · baselinePeriods)).
 *
 * @example
 * // calls per month: 100 in Jun–Aug 2026, start 1 Sep, then 110 and 110 (met twice)
 * const months = periodsBetween(Date.UTC(2026, 5, 1), Date.UTC(2026, 11, 1), "month", DEFAULT_CALENDAR);
 * const plan = planFromSeries(months, [100, 100, 100, 110, 110, null], { start: "2026-09-01", asOf: "2026-10-31" });
 * plan.periods.map((p) => `${p.period.label} ${p.target}`); //=> ["2026-09 110", "2026-10 110", "2026-11 115.5"]
 */
export function planFromSeries(periods: readonly KpiPeriod[], values: ReadonlyArray<DecimalLike | null>, options: PlanFromSeriesOptions): TargetPlan {
  const resolved = resolvePlanOptions(options);
  periods = parseDefinition(z.array(KpiPeriodSchema), periods, ["periods"]) as KpiPeriod[];
  values = parseDefinition(z.array(DecimalLikeSchema.nullable()), values, ["values"]);
  if (periods.length !== values.length) throw definitionError("invalid-option", ["values"], messages.planNoPeriods);
  for (let i = 1; i < periods.length; i++) {
    if ((periods[i] as KpiPeriod).startMs !== (periods[i - 1] as KpiPeriod).endMs) throw definitionError("invalid-option", ["periods", i], messages.planPeriodsOrder);
  }
  const parsedValues = values.map((value, i) => (value === null ? null : toDecimal(parseDefinition(DecimalLikeSchema, value, ["values", i]))));
  return planOf(periods, parsedValues, resolved);
}

/** A share as a percentage: 0.1 → "10". */
export function percent(share: KpiDecimal): string {
  return share.times(100).toString();
}

function sign(direction: KpiDirection): "+" | "−" {
  return direction === "higher-is-better" ? "+" : "−";
}

/** Caps a rate target to [0, 1]; says so in the reason when it bites. */
function capped(value: KpiDecimal | null, rate: boolean): { value: KpiDecimal | null; note: string } {
  if (!rate || value === null) return { value, note: "" };
  if (value.gt(ONE)) return { value: ONE, note: messages.planCapped("1") };
  if (value.lt(ZERO)) return { value: ZERO, note: messages.planCapped("0") };
  return { value, note: "" };
}

/** What a plan entry's reason says: a text as it is, or the words of a raise or of met periods so far. */
type Why = 0 | 1 | 2;
const WHY_TEXT = 0;
const WHY_RAISED = 1;
const WHY_MET_SO_FAR = 2;

/** The plan's input as one ungrouped series source: periods, values and which lie before the data. */
interface PlanInput {
  readonly periods: readonly KpiPeriod[];
  readonly values: ReadonlyArray<KpiDecimal | null>;
  readonly beforeData: readonly boolean[] | undefined;
}

/** The baseline of the `baselinePeriods` periods before period `index` (before the end when index = length). */
function baselineBefore(input: PlanInput, index: number, options: ResolvedPlanOptions): Baseline {
  const { periods } = input;
  const at = periods[index];
  const last = periods[periods.length - 1];
  // the exclusive instant the baseline is as of: the start of period `index` (its ISO form is at hand)
  const asOfMs = at !== undefined ? at.startMs : last !== undefined ? last.endMs : options.startMs;
  const asOfIso = at !== undefined ? at.start : last !== undefined ? last.end : isoInstant(asOfMs, options.calendar);
  const from = Math.max(0, index - options.baselinePeriods);
  const window = periods.slice(from, index);
  // The input's own periods, read by position: those that ended by asOf are covered (the
  // window's first period that ends after it, and every later one, is not).
  let complete = 0;
  while (complete < window.length && (window[complete] as KpiPeriod).endMs <= options.asOfMs) complete++;
  return baselineOfWindow(
    window,
    (periods[0] as KpiPeriod | undefined)?.grain ?? "month",
    options.additive,
    {
      asOfMs,
      asOfIso,
      periods: options.baselinePeriods,
      method: options.method,
      minPeriods: options.minPeriods,
      group: undefined,
      calendar: options.calendar,
      startedAt: options.startedAt,
      leftAt: options.leftAt,
    },
    (_, at) => {
      if (at >= complete) return undefined;
      return input.beforeData?.[from + at] === true ? BEFORE_DATA : { value: input.values[from + at] ?? null };
    },
  );
}

/** A period that ends before the data's first row: no data, not a zero. */
const BEFORE_DATA: PeriodValue = { value: null, coverage: "before-data" };

/** The first target from a baseline, or why there is none. */
function firstTargetOf(base: Baseline, options: ResolvedPlanOptions): { target: BaselineTarget; note: string; reason?: string } {
  const target = targetFromBaselineOf(base.value, options.uplift, options.direction, base.reason ?? messages.noBaselineValue);
  if (target.value === null) return { target, note: "", reason: messages.planNoTarget(target.reason ?? messages.noBaselineValue) };
  if (options.direction === "higher-is-better" && target.value.isZero()) {
    return { target: { ...target, value: null, sufficient: false, reason: messages.planZeroBaseline }, note: "", reason: messages.planNoTarget(messages.planZeroBaseline) };
  }
  const cap = capped(target.value, options.rate);
  return { target: { ...target, value: cap.value }, note: cap.note };
}

/**
 * The work of {@link planFromSeries} on parsed values: `periods` consecutive, `values` one per
 * period (values of periods that end after `asOfMs` are ignored). The scorecard calls this
 * once per KPI and rep with options resolved once ({@link resolvePlanOptions}). `beforeData[i]`
 * marks a period that ends before the data's first row (no data, not a zero; the baseline
 * names it `before-data`).
 *
 * `only` (period starts): the entries the caller reads, such as a scorecard's reviewed and
 * current periods. The plan still walks every period (a target depends on all before it), but
 * makes the entry and its reason's words only for these; `periods`, `current` and
 * `lastComplete` are then taken among them.
 */
export function planOf(
  periods: readonly KpiPeriod[],
  values: ReadonlyArray<KpiDecimal | null>,
  options: ResolvedPlanOptions,
  beforeData?: readonly boolean[],
  only?: readonly number[],
): TargetPlan {
  const input: PlanInput = { periods, values, beforeData };
  let startIndex = periods.findIndex((period) => period.endMs > options.startMs);
  if (startIndex < 0) startIndex = periods.length;
  const base = baselineBefore(input, startIndex, options);
  const baselineReason = base.sufficient ? messages.planBaseline(base.periods.length, base.method) : (base.reason ?? messages.noBaselineValue);
  const first = firstTargetOf(base, options);
  const plan: TargetPlanPeriod[] = [];
  const upliftText = options.upliftPercent;
  // The target's value as the periods go (the BaselineTarget it starts from is `first.target`).
  let target: KpiDecimal | null = first.target.value;
  let change: TargetChange = first.reason === undefined ? "first" : "none";
  // Why the period's target is what it is, as data; put into words only for an entry that is
  // made (`words`): a reason per period of every plan is most of a scorecard's strings.
  let why: Why = WHY_TEXT;
  let whyText = first.reason ?? messages.planFirstTarget(sign(options.direction), upliftText) + first.note;
  let whyMet = 0;
  const words = (): string =>
    why === WHY_RAISED ? messages.planRaised(whyMet) + whyText : why === WHY_MET_SO_FAR ? messages.planHeldMetSoFar(whyMet, options.raiseAfter) : whyText;
  let previous: KpiDecimal | null = null;
  let metInARow = 0;
  const steps = { step: options.raiseStep, by: options.raiseBy } as const;
  for (let i = startIndex; i < periods.length; i++) {
    const period = periods[i] as KpiPeriod;
    // the plan runs to the period holding asOf (or starting exactly at it)
    if (period.startMs > options.asOfMs) break;
    if (options.policy === "rolling") {
      const rolling = i === startIndex ? first : firstTargetOf(baselineBefore(input, i, options), options);
      target = rolling.target.value;
      change = rolling.reason === undefined ? (i === startIndex ? "first" : "rolling") : "none";
      why = WHY_TEXT;
      whyText = rolling.reason ?? messages.planRolling(options.baselinePeriods, sign(options.direction), upliftText) + rolling.note;
    }
    const complete = period.endMs <= options.asOfMs;
    const actual = complete ? (values[i] ?? null) : null;
    // Only whether it was met moves a plan (no attainment ratio needed per period).
    const judged = complete && actual !== null && target !== null ? meetsTarget(actual, target, options.direction) : null;
    // The entry shows the period as it stands before the step below sets up the next one.
    const kept = only === undefined || only.includes(period.startMs);
    const periodTarget = target;
    const periodChange = change;
    const reason = kept ? words() : "";
    // what follows for the next period (ratchet)
    if (judged === null) {
      if (complete) metInARow = 0;
      // Without a target the reason (and the change) carries over.
      if (target !== null) {
        why = WHY_TEXT;
        whyText = messages.planHeldNoValue;
      }
      change = target === null ? change : "held";
    } else if (judged) {
      metInARow++;
      if (metInARow >= options.raiseAfter) {
        const cap = capped(steppedTarget(target as KpiDecimal, true, options.direction, steps), options.rate);
        change = cap.value !== null && !cap.value.eq(target as KpiDecimal) ? "raised" : "held";
        target = cap.value;
        why = WHY_RAISED;
        whyMet = metInARow;
        whyText = cap.note;
        metInARow = 0;
      } else {
        change = "held";
        why = WHY_MET_SO_FAR;
        whyMet = metInARow;
      }
    } else {
      metInARow = 0;
      change = "held";
      why = WHY_TEXT;
      whyText = messages.planHeldNotMet;
      if (options.allowDecrease) {
        const cap = capped(steppedTarget(target as KpiDecimal, false, options.direction, steps), options.rate);
        target = cap.value;
        change = "eased";
        whyText = messages.planEased + cap.note;
      }
    }
    if (kept) {
      plan.push({
        period,
        target: periodTarget,
        previous,
        change: periodChange,
        reason,
        status: complete ? "complete" : "in-progress",
        actual,
        met: judged,
        metInARow,
      });
    }
    previous = periodTarget;
    if (!complete) break;
  }
  const current = plan.find((entry) => entry.period.startMs <= options.asOfMs && options.asOfMs < entry.period.endMs) ?? null;
  const completed = plan.filter((entry) => entry.status === "complete");
  const startPeriod = periods[startIndex];
  const result: TargetPlan = {
    policy: options.policy,
    direction: options.direction,
    start: { label: startPeriod?.label ?? null, startMs: startPeriod?.startMs ?? options.startMs },
    asOfMs: options.asOfMs,
    baseline: base,
    baselineReason,
    firstTarget: first.target,
    periods: plan,
    current,
    lastComplete: completed[completed.length - 1] ?? null,
    sufficient: first.reason === undefined,
  };
  // Set, not a copy with it (one object per plan): the last key, as before.
  if (first.reason !== undefined) (result as { reason?: string }).reason = first.reason;
  return result;
}

/**
 * The default programme start when none is given: right after the data's first complete
 * baseline window — the first period of `grain` that the data covers as a whole (the one
 * starting at or after `firstMs`, the earliest instant in the data) and the
 * `baselinePeriods − 1` after it; the plan starts with the period after them.
 *
 * @example
 * // data from 10 January 2026, 3-month baseline window Feb–Apr: the plan starts 1 May
 * new Date(programStartAfter(Date.UTC(2026, 0, 10), "month", 3, DEFAULT_CALENDAR)).toISOString(); //=> "2026-05-01T00:00:00.000Z"
 */
export function programStartAfter(firstMs: number, grain: KpiPeriod["grain"], baselinePeriods: number, calendar: KpiCalendar): number {
  const holding = periodOf(firstMs, grain, calendar);
  let startMs = holding.startMs === firstMs ? holding.startMs : holding.endMs;
  for (let i = 0; i < baselinePeriods; i++) startMs = periodOf(startMs, grain, calendar).endMs;
  return startMs;
}

/**
 * The entry of a plan for the period starting at `periodStartMs` (the reviewed or the current
 * period of a scorecard), or null when the plan has none (before its start, after `asOf`).
 * Complexity: O(log p).
 *
 * @example
 * // calls per month: 100 in Jun–Aug 2026, start 1 Sep, then 110 and 110 (met twice)
 * const months = periodsBetween(Date.UTC(2026, 5, 1), Date.UTC(2026, 11, 1), "month", DEFAULT_CALENDAR);
 * const plan = planFromSeries(months, [100, 100, 100, 110, 110, null], { start: "2026-09-01", asOf: "2026-10-31" });
 * planTargetAt(plan, Date.UTC(2026, 9, 1))?.target?.toString(); //=> "110"
 */
export function planTargetAt(plan: TargetPlan, periodStartMs: number): TargetPlanPeriod | null {
  const entry = plan.periods[lastIndexBefore(plan.periods, (p) => p.period.startMs, periodStartMs + 1)];
  return entry !== undefined && entry.period.startMs === periodStartMs ? entry : null;
}
