import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { baselineWindow } from "../baseline/baseline-window.js";
import { type KpiDefinition, KpiDefinitionSchema } from "../kpi/kpi-definition.js";
import { KpiGroupBySchema } from "../measure/measure-series.js";
import type { KpiGroupBy } from "../measure/series.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { parseAsOf, parseInstant } from "../time/instant.js";
import { KpiGrainSchema, periodOf, periodsBetween } from "../time/period.js";
import { toDecimal } from "../core/decimal.js";
import { kpiPeriodValues } from "./kpi-period-values.js";
import { percent, planOf, planOptionShape, type ResolvedPlanOptions, type TargetPlan } from "./plan-from-series.js";

/**
 * Options of {@link targetPlan}: the plan options (`start`, `asOf`, `policy` = `"ratchet"` |
 * `"rolling"`, `baselinePeriods` = 3, `method` = `"mean"`, `minPeriods`, `uplift` = 0.1,
 * `raiseStep` = 0.05, `raiseBy` = `"relative"`, `raiseAfter` = 2, `allowDecrease` = false,
 * `calendar`), the `grain` (default the KPI's own, else `"month"`), `groupBy` (`"owner"` or
 * `"team"`: one plan per rep or team besides the team-wide one), `groups` that must appear,
 * and `missingAmount` (as for `measureSeries`).
 */
export const TargetPlanOptionsSchema = z
  .strictObject({
    ...planOptionShape,
    grain: KpiGrainSchema.optional(),
    groupBy: KpiGroupBySchema.optional(),
    groups: z.array(z.string().min(1)).optional(),
    missingAmount: z.enum(["error", "skip"]).optional(),
  })
  .refine((options) => options.minPeriods === undefined || options.minPeriods <= options.baselinePeriods, {
    path: ["minPeriods"],
    error: messages.minPeriodsAbovePeriods,
  });
/** Options of {@link targetPlan}. */
export type TargetPlanOptions = ReadonlyInput<z.input<typeof TargetPlanOptionsSchema>>;

/** The plan of one rep, team or source. */
export interface GroupTargetPlan {
  readonly group: string;
  readonly name?: string;
  readonly plan: TargetPlan;
}

/** Result of {@link targetPlan}: the team-wide plan and, with `groupBy`, one per group. */
export interface TargetPlans {
  readonly kpiId: string;
  readonly groupBy: KpiGroupBy | null;
  readonly team: TargetPlan;
  /** One per group, sorted by group key (every roster rep, grouped by owner). */
  readonly byGroup: readonly GroupTargetPlan[];
}

/**
 * The target plan of a KPI, as a sales manager sets it: the baseline (nulmeting) taken once
 * from the complete periods before the team started working with KPIs (`start`), the first
 * target a little better than it, raised by a step after met periods and never lowered — per
 * period from the start to the period holding `asOf`, each with the reason it is what it is.
 *
 * Measures the KPI per period of `grain` from the baseline window before `start` up to `asOf`
 * (for the team over every row; per rep or team with `groupBy`) and plans each with
 * {@link planFromSeries} (formula and edge cases there). The KPI's `direction` decides which
 * way is better; a KPI with unit `"ratio"` has rate targets, capped to [0, 1], computed on the
 * ratio itself (not on an uplifted count). Grouped by owner, a rep's `startedAt` / `leftAt`
 * from the roster decide which baseline periods are data: a rep hired after the baseline window
 * has no target (use `newRepRamp`). Measures and builtins alike are evaluated by the KPI engine
 * (`kpiSeries`), as of `asOf`; a period before the data's first row is no data, not a zero.
 * Complexity: one pass over the KPI's source, then O(p) per group.
 *
 * @example
 * const data = { activities: [
 *   { owner: "ann", type: "call", at: "2026-06-10", quantity: 100 },
 *   { owner: "ann", type: "call", at: "2026-07-10", quantity: 100 },
 *   { owner: "ann", type: "call", at: "2026-08-10", quantity: 100 },
 *   { owner: "ann", type: "call", at: "2026-09-10", quantity: 60 },
 * ] };
 * const calls = { id: "calls", labels: { en: "Calls", nl: "Belletjes" }, kind: "action", unit: "count",
 *   direction: "higher-is-better", controllable: true, formula: "calls", measure: { kind: "count", source: "activities" } } as const;
 * targetPlan(data, calls, { start: "2026-09-01", asOf: "2026-10-15" }).team.periods.map((p) => `${p.period.label} ${p.target} ${p.reason}`);
 * //=> ["2026-09 110 first target: baseline + 10 %", "2026-10 110 held: not met"]
 */
export function targetPlan(data: KpiData | PreparedKpiData, kpi: KpiDefinition, options: TargetPlanOptions): TargetPlans {
  const definition = parseDefinition(KpiDefinitionSchema, kpi, ["kpi"]) as KpiDefinition;
  const parsed = parseOptions(TargetPlanOptionsSchema, options);
  const prepared = prepare(data, { calendar: parsed.calendar });
  const calendar = prepared.calendar;
  const direction = definition.direction;
  const uplift = toDecimal(parsed.uplift);
  if (direction === "lower-is-better" && !uplift.lt(1)) throw definitionError("invalid-option", ["uplift"], messages.upliftBelowOne);
  const grain = parsed.grain ?? definition.grain ?? "month";
  const startMs = parseInstant(parsed.start, calendar, ["start"]);
  const asOfMs = parseAsOf(parsed.asOf, calendar);
  const window = baselineWindow(startMs, grain, parsed.baselinePeriods, calendar);
  const fromMs = (window[0] as (typeof window)[number]).startMs;
  const current = periodOf(Math.max(asOfMs, startMs), grain, calendar);
  const periods = periodsBetween(fromMs, current.endMs, grain, calendar);
  const values = kpiPeriodValues(prepared, definition, periods, {
    fromMs,
    toMs: Math.min(asOfMs, current.endMs),
    grain,
    ...(parsed.groupBy === undefined ? {} : { groupBy: parsed.groupBy }),
    ...(parsed.groups === undefined ? {} : { groups: parsed.groups }),
    ...(parsed.missingAmount === undefined ? {} : { missingAmount: parsed.missingAmount }),
  });
  const resolved: ResolvedPlanOptions = {
    startMs,
    asOfMs,
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
    direction,
    rate: definition.unit === "ratio",
    additive: values.additive,
    startedAt: undefined,
    leftAt: undefined,
    calendar,
  };
  const reps = new Map(prepared.reps.map((rep) => [rep.id, rep]));
  const byGroup: GroupTargetPlan[] = [];
  for (const [group, groupValues] of [...values.byGroup].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const rep = parsed.groupBy === "owner" ? reps.get(group) : undefined;
    const plan = planOf(periods, groupValues, { ...resolved, startedAt: rep?.startedAt, leftAt: rep?.leftAt }, values.beforeData);
    byGroup.push(rep?.name === undefined ? { group, plan } : { group, name: rep.name, plan });
  }
  return { kpiId: definition.id, groupBy: parsed.groupBy ?? null, team: planOf(periods, values.team, resolved, values.beforeData), byGroup };
}
