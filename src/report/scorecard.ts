import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { baselineOf, BaselineMethodSchema } from "../baseline/baseline.js";
import { baselineWindow, localDays } from "../baseline/baseline-window.js";
import type { Baseline } from "../baseline/baseline.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero, ZERO } from "../core/decimal.js";
import { customIssue, definitionError, KpiInputError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratioOf } from "../core/ratio.js";
import { type EvaluateKpiOptions, evaluateKpiCellsByGroup, type KpiCellsByGroup, type KpiSeries, type KpiSeriesPoint, type KpiSeriesResult } from "../evaluate/kpi-series.js";
import { auditKpiSet } from "../kpi/audit-kpi-set.js";
import { builtinRegistry } from "../kpi/builtin-registry.js";
import { indicatorOf } from "../kpi/classify-indicator.js";
import { type KpiDefinition, type KpiDefinitionInput, KpiDefinitionSchema } from "../kpi/kpi-definition.js";
import { kpiSources } from "../kpi/kpi-sources.js";
import { isoInstant } from "../time/iso-instant.js";
import type { KpiData } from "../model/kpi-data.js";
import { dealColumns } from "../model/deal-columns.js";
import { leadColumns } from "../model/lead-columns.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData, PreparedRep } from "../model/prepared.js";
import { attainmentOf } from "../targets/attainment.js";
import { newRepRamp, perRepBaseline } from "../targets/new-rep-ramp.js";
import { paceCurveOf, paceElapsed } from "../targets/pace.js";
import {
  planOf,
  planOptionShape,
  planTargetAt,
  programStartAfter,
  type ResolvedPlanOptions,
  resolvePlanOptions,
  TargetPolicySchema,
} from "../targets/plan-from-series.js";
import { checkRateTarget, createTargetLookup } from "../targets/resolve-target.js";
import { parseTargets, TargetsSchema } from "../targets/target-schema.js";
import { repsAtTarget } from "../targets/reps-at-target.js";
import { repsOnTrack } from "../targets/reps-on-track.js";
import { targetFromBaseline, targetFromBaselineOf } from "../targets/target-from-baseline.js";
import { type KpiCalendar, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, MAX_INSTANT_MS, parseAsOf, parseInstant } from "../time/instant.js";
import { workingDayOptionShape, workingDayRule } from "../time/working-days.js";
import { addLocalDays } from "../time/local-days.js";
import { type KpiGrain, KpiGrainSchema, type KpiPeriod, periodOf, periodsBetween } from "../time/period.js";
import { dealFunnels } from "./deal-funnel.js";
import { formatValue } from "./format-value.js";
import { scorecardAnalytics } from "./scorecard-analytics.js";
import {
  SCORECARD_QUADRANTS,
  type Scorecard,
  type ScorecardCell,
  type ScorecardFinding,
  type ScorecardKpi,
  type ScorecardLeaderboard,
  type ScorecardPace,
  type ScorecardRep,
  type ScorecardSubject,
} from "./scorecard-types.js";

/** A target given for a KPI: for the team, for every rep alike, and/or per rep id. */
export const ScorecardTargetSchema = z.strictObject({
  team: DecimalLikeSchema.optional(),
  perRep: DecimalLikeSchema.optional(),
  reps: z.record(z.string(), DecimalLikeSchema).optional(),
});
/** A target given for a KPI (see {@link ScorecardTargetSchema}). */
export type ScorecardTarget = ReadonlyInput<z.input<typeof ScorecardTargetSchema>>;

/** Schema of {@link ScorecardOptions}. */
export const ScorecardOptionsSchema = z.strictObject({
  /** The KPIs on the scorecard (catalog entries or your own definitions). */
  kpis: z.array(KpiDefinitionSchema).min(1),
  /** Exclusive end: a date-only value includes that day. The last period that ends by then is reviewed. */
  asOf: InstantSchema,
  grain: KpiGrainSchema.default("month"),
  /** Complete periods before the reviewed one that the baseline is taken over. */
  baselinePeriods: z.number().int().min(1).max(36).default(3),
  baselineMethod: BaselineMethodSchema.default("mean"),
  /** Periods in the sparklines (ending with the reviewed one); default and minimum `baselinePeriods + 1`. */
  historyPeriods: z.number().int().min(2).max(60).optional(),
  /** Uplift over the baseline for targets derived from it (0.1 = 10 % better). */
  uplift: DecimalLikeSchema.default(0.1),
  /**
   * Explicit targets (quotas): rows `{ kpi, owner? | team?, period, value }` (`TargetSchema`), or
   * the older record per KPI id `{ team?, perRep?, reps? }`. An explicit target always wins over
   * a derived one; a team target is the explicit team row, else the sum of the rep targets.
   */
  targets: z
    .union([z.array(z.unknown()) as unknown as typeof TargetsSchema, z.record(z.string(), ScorecardTargetSchema)])
    .optional(),
  /**
   * When the team began working with KPIs: the baseline (nulmeting) is taken once from the
   * complete periods before it. Default: the first date after the data's first complete
   * baseline window.
   */
  programStart: InstantSchema.optional(),
  /**
   * How derived targets move: `"ratchet"` (default: taken once from the baseline, raised by a
   * step after met periods, never lowered) or `"rolling"` (re-derived every period from the
   * periods before it).
   */
  targetPolicy: TargetPolicySchema.default("ratchet"),
  raiseStep: planOptionShape.raiseStep,
  raiseBy: planOptionShape.raiseBy,
  raiseAfter: planOptionShape.raiseAfter,
  allowDecrease: planOptionShape.allowDecrease,
  /** Pace by elapsed calendar time (default) or by working days. */
  paceBy: z.enum(["time", "working-days"]).default("time"),
  ...workingDayOptionShape,
  /** Pace tolerance: share of the target within which a projection is on track. */
  tolerance: DecimalLikeSchema.default(0.05),
  calendar: KpiCalendarSchema.optional(),
  title: z.string().min(1).optional(),
  teamName: z.string().min(1).optional(),
  /** Attach the pipeline analytics (waterfall, stage calibration, forecast backtest, cohort matrix; see `scorecardAnalytics`). Default false: it adds a third or more to the card's time. */
  analytics: z.boolean().optional(),
});
/** Options of {@link scorecard}. */
export type ScorecardOptions = Omit<z.input<typeof ScorecardOptionsSchema>, "kpis"> & { readonly kpis: readonly KpiDefinitionInput[] };

const GRAIN_ORDER: Readonly<Record<KpiGrain, number>> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/**
 * How many of a KPI's own (shorter) periods a review period holds, as a fraction
 * `[numerator, denominator]` so that dividing by it stays exact: a 31-day month holds 31/7 weeks.
 */
function periodsOfGrainIn(period: KpiPeriod, grain: KpiGrain, calendar: KpiCalendar): readonly [number, number] {
  if (grain === "day") return [localDays(period), 1];
  if (grain === "week") return [localDays(period), 7];
  return [periodsBetween(period.startMs, period.endMs, grain, calendar).length, 1];
}

/** Whole local days from `fromMs` to `toMs` (the age the youngest lead of a cohort has reached). */
function wholeDaysBetween(fromMs: number, toMs: number, timeZone: string): number {
  let days = 0;
  while (days < 3650 && addLocalDays(fromMs, days + 1, timeZone) <= toMs) days++;
  return days;
}

/** The team minus the reps who left before the reviewed period, per period: the team a target is set for. */
function teamWithout(team: readonly KpiSeriesPoint[], gone: readonly CellsByPeriod[], periods: readonly KpiPeriod[], additive: boolean): KpiSeriesPoint[] {
  if (gone.length === 0) return [...team];
  // Period by period, the reps who left in their order (as their points would come).
  const byPeriod = new Map<number, { n: KpiDecimal; d: KpiDecimal; rows: number }>();
  for (let at = 0; at < periods.length; at++) {
    const startMs = (periods[at] as KpiPeriod).startMs;
    for (const cells of gone) {
      const cell = cells[at];
      if (cell === undefined) continue;
      const parts = cell.ratio !== undefined ? { n: cell.ratio.numerator, d: cell.ratio.denominator } : { n: cell.value ?? ZERO, d: ZERO };
      const sum = byPeriod.get(startMs);
      byPeriod.set(startMs, sum === undefined ? { ...parts, rows: cell.rows } : { n: sum.n.plus(parts.n), d: sum.d.plus(parts.d), rows: sum.rows + cell.rows });
    }
  }
  return team.map((point) => {
    const less = byPeriod.get(point.period.startMs);
    if (less === undefined) return point;
    if (point.ratio !== undefined) {
      const parts = ratioOf(withoutNegativeZero(point.ratio.numerator.minus(less.n)), withoutNegativeZero(point.ratio.denominator.minus(less.d)));
      return { ...point, value: parts.value, ratio: parts, rows: point.rows - less.rows };
    }
    if (!additive && point.value === null) return point;
    return { ...point, value: withoutNegativeZero((point.value ?? ZERO).minus(less.n)), rows: point.rows - less.rows };
  });
}

/**
 * What a card reads of a (period, group) value: a team point, or a rep's evaluated cell (the
 * fields its point would carry; the period and its coverage are read by position).
 */
interface CellLike {
  readonly value: KpiDecimal | null;
  readonly ratio?: Ratio | undefined;
  readonly rows: number;
  readonly skipped?: Readonly<Record<string, number>> | undefined;
  readonly mature?: boolean | undefined;
  readonly withoutGroup?: number | undefined;
}

/** One group's values by position in the series' `periods` (the cells read them by position, not by a lookup per read). */
type CellsByPeriod = ReadonlyArray<CellLike | undefined>;

/** The value at position `at` (−1: a period the series does not have). */
const cellAt = (cells: CellsByPeriod, at: number): CellLike | undefined => (at < 0 ? undefined : cells[at]);

/** Points by position in `periods` (`position` maps a period start to it). */
function byPosition(points: readonly KpiSeriesPoint[], position: ReadonlyMap<number, number>, count: number): Array<KpiSeriesPoint | undefined> {
  const out = new Array<KpiSeriesPoint | undefined>(count).fill(undefined);
  for (const point of points) {
    const at = position.get(point.period.startMs);
    if (at !== undefined) out[at] = point;
  }
  return out;
}

/** One KPI evaluated for the card: the team's and each rep's points, and what it needs to be judged. */
interface KpiEntry {
  readonly kpi: KpiDefinition;
  readonly info: ScorecardKpi;
  /** The KPI's series (the team's points; no group points: each rep's cells come from `evaluation`). */
  readonly series: KpiSeriesResult;
  readonly evaluation: KpiCellsByGroup;
  /** Values by position in `series.periods`: the team's (all rows), the team's for targets (without reps who left). */
  readonly teamPoints: CellsByPeriod;
  readonly teamBaselineSeries: KpiSeries;
  /** The target plan's options, resolved once per KPI. */
  readonly plan: ResolvedPlanOptions;
  /** Each rep's target of the reviewed and of the current period (for the team's sum of rep targets). */
  readonly repTargets: Map<string, { readonly reviewed: KpiDecimal | null; readonly current: KpiDecimal | null }>;
  /** The periods the target plan runs over: the programme's baseline window through the current period (`series.periods` from `planFrom` on). */
  readonly planPeriods: readonly KpiPeriod[];
  readonly planFrom: number;
  /** Positions in `series.periods` (−1: not there) of the reviewed, the previous and the current period, and of the history's periods. */
  readonly at: { readonly reviewed: number; readonly previous: number; readonly current: number; readonly history: readonly number[] };
  /** The team's points for its targets (without reps who left before the review), by position. */
  readonly teamBaselinePoints: CellsByPeriod;
  /** The team's programme baseline and the reps on board for its whole window (a new rep ramps to its per-rep share). */
  readonly teamPlanBaseline: Baseline | undefined;
  readonly repsOnBoard: number;
  /** Divides each value of a period when the KPI is read per a shorter grain ("per week" in a monthly review). */
  readonly perGrain: ((value: KpiDecimal | null, period: KpiPeriod) => KpiDecimal | null) | undefined;
  readonly notes: readonly string[];
  /**
   * A cohort conversion whose reviewed cohort has had no whole day by asOf: every cohort would
   * be judged at 0 days (same-day conversions only), so none is judged and every cell is no data.
   */
  readonly unjudged: boolean;
}

function kpiInfo(kpi: KpiDefinition, accumulates: boolean): ScorecardKpi {
  const indicator = indicatorOf(kpi);
  return {
    id: kpi.id,
    name: kpi.name ?? kpi.labels.en,
    kind: kpi.kind,
    unit: kpi.unit,
    direction: kpi.direction,
    controllable: kpi.controllable,
    quadrant: kpi.quadrant ?? (kpi.kind === "action" ? "finding" : "closing"),
    indicator: indicator.indicator,
    indicatorReason: indicator.reason,
    appraisal: kpi.kind !== "insight" && kpi.appraisal !== false,
    additive: accumulates,
  };
}

/** Why the card leaves a KPI out: a builtin the library cannot compute (its registry entry says why); undefined for every other KPI. */
function leftOutBecause(kpi: KpiDefinition): string | undefined {
  if (kpi.measure.kind !== "builtin" || builtinRegistry[kpi.measure.id].evaluate !== undefined) return undefined;
  return builtinRegistry[kpi.measure.id].unavailable ?? "";
}

/** Does the KPI add up within a period (counts, sums, returned leads), so that a month-to-date value can be projected? */
function accumulatesWithinPeriod(kpi: KpiDefinition): boolean {
  const measure = kpi.measure;
  if (kpi.transform === "period-over-period") return false;
  if (measure.kind === "builtin") return builtinRegistry[measure.id].shape === "flow";
  if (measure.kind === "ratio") return false;
  return !(measure.kind === "distinct" && measure.first !== true);
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * True when a point counted no row and left some out (every open deal of a rep without an
 * amount): its value is no data, not the 0 of an empty sum.
 */
function allLeftOut(point: CellLike): boolean {
  if (point.rows !== 0 || point.skipped === undefined) return false;
  for (const count of Object.values(point.skipped)) if (count > 0) return true;
  return false;
}

/** The reasons rows were left out of a value, in words. */
function skippedNote(skipped: Readonly<Record<string, number>> | undefined): string | null {
  if (skipped === undefined) return null;
  const parts = Object.entries(skipped)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, count]) => `${plural(count, "row")} not counted (${reason})`);
  return parts.length === 0 ? null : parts.join(", ");
}

/**
 * The monthly scorecard of a team and each rep: for every KPI the actual of the last complete
 * period, its baseline, the target (given, or derived from the baseline), attainment, the
 * trend against the period before and the pace of the current period, grouped in the four
 * quadrants (finding, closing, growing, developing). Per rep also strengths (KPIs at or above
 * target), focus points (below target) and where in the deal funnel the rep loses most; for
 * the team the reps on track and at target and a leaderboard per result KPI. Insight KPIs
 * are shown but never used to appraise; the KPI-set audit's findings are listed.
 *
 * It only composes: each KPI is evaluated once by `kpiSeries` (per rep, the team from all
 * rows, as of `asOf`), then judged by the library's baseline, target, attainment and pace.
 *
 * Periods: with `asOf` in period P, the reviewed period is the one before P (the last
 * complete one), the baseline is taken over the `baselinePeriods` periods before the reviewed
 * one, and pace is measured in P up to `asOf` (KPIs that add up within a period only: counts,
 * sums, returned leads). Formulas: attainment = actual ÷ target (target ÷ actual when lower is
 * better); trend = (actual − previous) ÷ previous, in percentage points for rates; derived
 * target = baseline × (1 ± uplift), a rate's capped to [0, 1].
 *
 * The team: its actual counts every row, rows without an owner included (the cell says how
 * many); its baseline and derived target leave out reps who left before the reviewed period,
 * the team that is judged. A rep who left has no pace after `leftAt`, so does not count in
 * "on track". Cohort conversions are judged at equal age: every cohort, the baseline's
 * included, at the age the reviewed cohort has reached by `asOf` (at most the KPI's window).
 * A KPI read per a shorter grain ("sales conversations per week") shows the mean per such
 * period of the reviewed one; a longer grain is a KpiDefinitionError.
 *
 * Never silent: a period before the data's first row is "no data", not 0; a baseline over
 * such periods is insufficient and says so; rows left out (a deal without amount) are named
 * in every cell they affect, and a cell whose every row was left out is "no data", not the 0
 * of an empty sum; a KPI whose data is not in the bag is "no data" in every cell.
 *
 * Complexity: the data is prepared once; one `kpiSeries` pass per KPI; O(n log p + k · r · p).
 *
 * @example
 * const card = scorecard(
 *   { activities: [
 *     { owner: "ann", type: "call", at: "2026-07-10", quantity: 40 },
 *     { owner: "ann", type: "call", at: "2026-08-10", quantity: 40 },
 *     { owner: "ann", type: "call", at: "2026-09-10", quantity: 40 },
 *     { owner: "ann", type: "call", at: "2026-10-10", quantity: 50 },
 *   ] },
 *   { kpis: [catalogKpi("calls")], asOf: "2026-11-15" },
 * );
 * // as of 15 November the reviewed month is October, with July–September as the baseline
 * card.period.label; //=> "2026-10"
 * // 50 calls against a baseline of 40 and a target 10 % above it: met
 * card.team.cells.map((cell) => [cell.actual?.toString(), cell.baseline?.value?.toString(), cell.target?.toString(), cell.status]);
 * //=> [["50", "40", "44", "met"]]
 */
export function scorecard(data: KpiData | PreparedKpiData, options: ScorecardOptions): Scorecard {
  const opts = parseOptions(ScorecardOptionsSchema, options);
  const prepared = prepare(data, opts.calendar === undefined ? {} : { calendar: opts.calendar });
  return scorecardOf(preparedScorecardData(prepared), opts);
}

/** {@link ScorecardOptions}, parsed. */
export type ParsedScorecardOptions = z.output<typeof ScorecardOptionsSchema>;

/**
 * What the scorecard reads from the data, however the data is held: in process (prepared
 * rows) or in a database (`sales-kpi/sql`, which answers the same questions with SQL).
 */
export interface ScorecardData {
  readonly calendar: KpiCalendar;
  /** The roster. */
  readonly reps: readonly PreparedRep[];
  /** Every owner of a deal, activity or lead (the roster's and others). */
  owners(): Iterable<string>;
  /** The earliest row known as of `asOfMs` over every source (activity, deal created, lead created), if any. */
  earliestRow(asOfMs: number): number | undefined;
  /** One KPI per period and owner: `evaluateKpiCellsByGroup` (each rep's cells by period, the team's points). */
  evaluate(definition: KpiDefinition, options: EvaluateKpiOptions): KpiCellsByGroup;
  /** The deal funnels of the deals created in `[fromMs, toMs)`, as of `asOfMs`: `dealFunnels`. */
  funnels(fromMs: number, toMs: number, asOfMs: number, basis: string): ReturnType<typeof dealFunnels>;
  /** Rows left out while reading the data. */
  readonly skipped: PreparedKpiData["skipped"];
  /** The prepared data, for `analytics` (only in process). */
  readonly prepared: PreparedData | undefined;
}

/** The scorecard's questions answered from prepared data. */
export function preparedScorecardData(prepared: PreparedData): ScorecardData {
  return {
    calendar: prepared.calendar,
    reps: prepared.reps,
    *owners() {
      // The columns' dictionaries: each owner once per source, not once per row.
      yield* dealColumns(prepared.deals).owner.values;
      yield* prepared.activityColumns.comboOwner;
      yield* leadColumns(prepared.leads).owner.values;
    },
    earliestRow: (asOfMs) => earliestRow(prepared, asOfMs),
    evaluate: (definition, options) => evaluateKpiCellsByGroup(prepared, definition, options),
    funnels: (fromMs, toMs, asOfMs, basis) => dealFunnels(prepared.deals, prepared.pipeline, fromMs, toMs, asOfMs, basis),
    skipped: prepared.skipped,
    prepared,
  };
}

/** The scorecard of parsed options over any {@link ScorecardData}: the one core of `scorecard` and the SQL engine's. */
export function scorecardOf(source: ScorecardData, opts: ParsedScorecardOptions): Scorecard {
  const calendar = source.calendar;
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const asOfIso = isoInstant(asOfMs, calendar);
  const shownAsOf = typeof opts.asOf === "string" ? opts.asOf : asOfIso;
  const grain = opts.grain;
  const currentPeriod = periodOf(asOfMs, grain, calendar);
  // The card reads the period holding asOf (its pace): it must lie within the library's years.
  if (!(currentPeriod.endMs <= MAX_INSTANT_MS)) throw new KpiInputError([customIssue(["asOf"], messages.asOfPeriodPastRange(currentPeriod.label))]);
  const reviewed = periodOf(currentPeriod.startMs - 1, grain, calendar);
  const historyCount = Math.max(opts.historyPeriods ?? opts.baselinePeriods + 1, opts.baselinePeriods + 1);
  // Step back from the reviewed period one period at a time (period lengths vary by month and DST).
  let startMs = reviewed.startMs;
  for (let i = 1; i < historyCount; i++) startMs = periodOf(startMs - 1, grain, calendar).startMs;
  const history = periodsBetween(startMs, reviewed.endMs, grain, calendar);
  const baselinePeriods = history.slice(-1 - opts.baselinePeriods, -1);
  const previousStartMs = periodOf(reviewed.startMs - 1, grain, calendar).startMs;
  const notes: string[] = [];
  // The uplift must make sense for every direction on the card (checked once, named `uplift`).
  for (const direction of new Set(opts.kpis.map((kpi) => kpi.direction))) targetFromBaseline(1, { uplift: opts.uplift as DecimalLike, direction });

  // The reps: the roster (less those who left before the reviewed period) and every owner in the data.
  const roster = new Map<string, PreparedRep>();
  for (const rep of source.reps) roster.set(rep.id, rep);
  const repIds = new Set<string>();
  const gone: string[] = [];
  for (const rep of source.reps) {
    if (rep.leftAt === undefined || rep.leftAt > reviewed.startMs) repIds.add(rep.id);
    else gone.push(rep.id);
  }
  if (gone.length > 0) {
    notes.push(`${plural(gone.length, "rep")} who left before ${reviewed.label} left out of the reps and of the team's baselines and targets (their rows still count in the team's actuals)`);
  }
  for (const owner of source.owners()) if (!roster.has(owner)) repIds.add(owner);
  const reps = [...repIds].sort();
  const goneSorted = [...gone].sort();

  // The programme start: given, or the first date after the data's first complete baseline window.
  const firstRow = source.earliestRow(asOfMs);
  const programStartMs =
    opts.programStart !== undefined
      ? parseInstant(opts.programStart, calendar, ["programStart"])
      : firstRow === undefined
        ? reviewed.startMs
        : Math.min(programStartAfter(firstRow, grain, opts.baselinePeriods, calendar), reviewed.startMs);
  const planWindow = baselineWindow(programStartMs, grain, opts.baselinePeriods, calendar);
  const planWindowStart = planWindow[0]?.startMs ?? programStartMs;
  // What the cells' baselines are taken over: under the ratchet the plan's, taken once before
  // the programme start; under "rolling" the periods before the reviewed one.
  const shownBaselinePeriods = opts.targetPolicy === "rolling" ? baselinePeriods : planWindow;
  const evaluateFrom = Math.min(history[0]?.startMs ?? reviewed.startMs, planWindowStart);
  const targetRows = Array.isArray(opts.targets) ? parseTargets(opts.targets, calendar, ["targets"]) : undefined;
  const explicitTargets = targetRows === undefined ? undefined : createTargetLookup(targetRows);
  const givenTargets = Array.isArray(opts.targets) ? undefined : (opts.targets as Record<string, z.output<typeof ScorecardTargetSchema>> | undefined);

  // Equal age for cohorts: the whole local days the reviewed cohort's youngest lead has had by asOf.
  const reviewedCohortAge = wholeDaysBetween(reviewed.endMs, asOfMs, calendar.timeZone);

  const tolerance = toDecimal(opts.tolerance as DecimalLike);
  const elapsed = paceElapsed(
    { start: currentPeriod.start, end: currentPeriod.end, startMs: currentPeriod.startMs, endMs: currentPeriod.endMs },
    asOfMs,
    opts.paceBy,
    calendar.timeZone,
    workingDayRule({ workingDays: opts.workingDays, holidays: opts.holidays }),
  );
  const currentBounds = { start: currentPeriod.start, end: currentPeriod.end, startMs: currentPeriod.startMs, endMs: currentPeriod.endMs };
  const baselineAsOf = { asOfMs: reviewed.startMs, asOfIso: isoInstant(reviewed.startMs, calendar) };
  // The plan entries a cell reads: the reviewed period's target and the current one's.
  const readPlanEntries = [reviewed.startMs, currentPeriod.startMs];

  const cellFor = (entry: KpiEntry, group: string | null, given: DecimalLike | undefined, rep: PreparedRep | undefined): ScorecardCell => {
    const kpi = entry.kpi;
    const direction = kpi.direction;
    const points: CellsByPeriod = group === null ? entry.teamPoints : entry.evaluation.cellsOf(group);
    // The team's targets are set for the team as it is now: without the reps who left before the review.
    const planPoints = group === null ? entry.teamBaselinePoints : points;
    const unjudged = entry.unjudged;
    const coverage = entry.evaluation.coverage;
    const periods = entry.series.periods;
    /** The value at position `at`: no data before the source's first row, or when every row of it was left out. */
    const valueAt = (cells: CellsByPeriod, at: number): KpiDecimal | null => {
      const point = cellAt(cells, at);
      if (unjudged || point === undefined || coverage[at] === "before-data" || allLeftOut(point)) return null;
      return entry.perGrain === undefined ? point.value : entry.perGrain(point.value, periods[at] as KpiPeriod);
    };
    /** Whether there is a value at position `at` whose period ends before the source's first row. */
    const beforeDataAt = (cells: CellsByPeriod, at: number): boolean => cellAt(cells, at) !== undefined && coverage[at] === "before-data";
    const cellNotes: string[] = [...entry.notes];
    const noData = entry.series.dataStartMs === null;
    const actualPoint = cellAt(points, entry.at.reviewed);
    const actual = valueAt(points, entry.at.reviewed);
    const previous = valueAt(points, entry.at.previous);
    if (noData) cellNotes.push(`no data: the data has no ${kpiSources(kpi.measure).join(" or ")} rows for this KPI`);
    else if (unjudged) cellNotes.push(messages.scorecardCohortUnjudgedCell);
    else if (beforeDataAt(points, entry.at.reviewed)) cellNotes.push(`no data: ${reviewed.label} is before the first row`);
    // An unjudged cell's one note is why it has no value (its rows' counts stay in `skipped` and `withoutOwner`).
    if (!unjudged && actualPoint !== undefined && allLeftOut(actualPoint)) cellNotes.push("no data: every row of it was left out");
    const skipped = unjudged ? null : skippedNote(actualPoint?.skipped);
    if (skipped !== null) cellNotes.push(skipped);
    const withoutOwner = group === null ? (actualPoint?.withoutGroup ?? 0) : 0;
    if (withoutOwner > 0 && !unjudged) cellNotes.push(`includes ${plural(withoutOwner, "row")} without an owner`);
    const isRate = kpi.unit === "ratio";
    const trend = actual === null || previous === null || isRate ? null : ratioOf(withoutNegativeZero(actual.minus(previous)), previous);
    const trendPoints = isRate && actual !== null && previous !== null ? withoutNegativeZero(actual.minus(previous)) : null;
    const mature = unjudged ? null : (actualPoint?.mature ?? null);
    if (mature === false) cellNotes.push("the cohort can still convert: the value may rise");

    // The baseline: the library's own, over the window before the reviewed period.
    // Under the ratchet the baseline is the plan's (taken once); the rolling one only for "rolling".
    const baselineSeries = (): KpiSeries =>
      entry.perGrain === undefined
        ? group === null
          ? entry.teamBaselineSeries
          : entry.evaluation.seriesOfGroup(group)
        : scaledSeries(group === null ? entry.teamBaselineSeries : entry.evaluation.seriesOfGroup(group), entry.perGrain);
    const rollingBase = entry.plan.policy === "ratchet" || unjudged ? undefined : baselineOf(baselineSeries(), {
      ...baselineAsOf,
      periods: opts.baselinePeriods,
      method: opts.baselineMethod,
      minPeriods: opts.baselinePeriods,
      group: group ?? undefined,
      calendar,
      startedAt: rep?.startedAt,
      leftAt: rep?.leftAt,
      window: baselinePeriods,
    });
    // The derived target: the target plan (ratchet or rolling) over the subject's own values.
    const planPeriods = entry.planPeriods;
    const planValues = planPeriods.map((_, k) => valueAt(planPoints, entry.planFrom + k));
    const beforeData = planPeriods.map((_, k) => beforeDataAt(planPoints, entry.planFrom + k));
    // The KPI's plan options hold no rep dates: a copy only for a rep with dates of their own.
    const planOptions = rep?.startedAt === undefined && rep?.leftAt === undefined ? entry.plan : { ...entry.plan, startedAt: rep.startedAt, leftAt: rep.leftAt };
    const plan = planOf(planPeriods, planValues, planOptions, beforeData, readPlanEntries);
    const reviewedPlan = planTargetAt(plan, reviewed.startMs);
    const currentPlan = planTargetAt(plan, currentPeriod.startMs);
    const base = rollingBase ?? plan.baseline;
    const additive = entry.series.additive;
    const resolve = (period: KpiPeriod, derived: KpiDecimal | null, which: "reviewed" | "current") => {
      if (given !== undefined) return { value: toDecimal(given), source: "given" as const, note: undefined };
      if (explicitTargets === undefined) return { value: derived, source: derived === null ? ("none" as const) : ("plan" as const), note: undefined };
      const derivedByRep = group === null ? new Map([...entry.repTargets].map(([id, targets]) => [id, targets[which]])) : undefined;
      const resolved = explicitTargets.resolve({
        kpi: kpi.id,
        ...(group === null ? { reps } : { owner: group }),
        period,
        derived,
        ...(derivedByRep === undefined ? {} : { derivedByRep }),
        additive,
        rate: kpi.unit === "ratio",
      });
      const source = resolved.source === "derived" ? ("plan" as const) : resolved.source;
      return { value: resolved.value, source, note: resolved.note };
    };
    const reviewedTarget = resolve(reviewed, reviewedPlan?.target ?? null, "reviewed");
    const currentTarget = resolve(currentPeriod, currentPlan?.target ?? null, "current");
    // Read only by the team's explicit-target lookup (its sum of rep targets).
    if (group !== null && explicitTargets !== undefined) entry.repTargets.set(group, { reviewed: reviewedTarget.value, current: currentTarget.value });
    const target = reviewedTarget.value;
    let targetSource: ScorecardCell["targetSource"] = reviewedTarget.source;
    if (targetSource === "plan" && entry.plan.policy === "rolling") targetSource = "baseline";
    if (reviewedTarget.note !== undefined) cellNotes.push(reviewedTarget.note);
    const targetReason = targetSource === "plan" || targetSource === "baseline" ? (reviewedPlan?.reason ?? null) : null;
    if (target === null) {
      // Unjudged: no data, so no target either, and the cell's note already says why.
      if (!unjudged) {
        const reason = reviewedPlan?.reason ?? plan.reason ?? plan.baselineReason;
        const beforeFirstRow = plan.baseline.excluded.filter((excluded) => excluded.reason === "before-data").length;
        cellNotes.push(
          beforeFirstRow > 0
            ? `no target: insufficient baseline, ${plural(beforeFirstRow, "period")} of the window lie before the first row`
            : reason.startsWith("no target") ? reason : `no target: ${reason}`,
        );
      }
    } else if (isRate && target.eq(1) && base.value !== null && targetFromBaselineOf(base.value, entry.plan.uplift, direction).value?.gt(1) === true) {
      cellNotes.push("target capped at 100 %");
    }
    // A new rep within the ramp gets the 30/60/90 plan from the team's per-rep baseline.
    let ramp: ScorecardCell["ramp"] = null;
    // (A rep who started more than 92 days before asOf is past any 90-day ramp: not looked at.)
    if (group !== null && rep?.startedAt !== undefined && asOfMs - rep.startedAt < 92 * 86_400_000 && entry.info.additive && entry.teamPlanBaseline !== undefined && entry.teamPlanBaseline.value !== null && entry.repsOnBoard > 0) {
      const newRep = newRepRamp(perRepBaseline(entry.teamPlanBaseline, entry.repsOnBoard), { startedAt: new Date(rep.startedAt), asOf: new Date(asOfMs), calendar });
      if (newRep.status === "ramping" && newRep.currentMilestone !== null) {
        ramp = { day: newRep.day, rampDays: newRep.rampDays, milestone: newRep.currentMilestone.day, target: newRep.currentMilestone.target, by: newRep.currentMilestone.end };
        cellNotes.push(`new rep: day ${newRep.day} of ${newRep.rampDays}, ramp target ${formatValue(newRep.currentMilestone.target ?? null, kpi.unit)} by day ${newRep.currentMilestone.day}`);
      }
    }
    const reached = actual === null || target === null ? null : attainmentOf(actual, target, direction);
    const status: ScorecardCell["status"] =
      reached === null ? null : reached.met ? "met" : direction === "higher-is-better" ? "below-target" : "above-target";
    let paceCell: ScorecardCell["pace"] = null;
    // No pace before the current period has begun (asOf on a period boundary), nor for a rep who has left.
    const leftBeforeAsOf = rep?.leftAt !== undefined && rep.leftAt < asOfMs;
    if (leftBeforeAsOf && entry.info.additive) cellNotes.push("no pace: the rep has left");
    const paceTarget = currentTarget.value;
    if (entry.info.additive && paceTarget !== null && asOfMs > currentPeriod.startMs && !leftBeforeAsOf && !noData) {
      const toDate = valueAt(points, entry.at.current) ?? ZERO;
      const result = paceCurveOf(toDate, paceTarget, direction, tolerance, currentBounds, asOfMs, elapsed);
      paceCell = {
        status: result.status,
        toDate,
        projected: result.projected,
        target: paceTarget,
        gap: result.gap,
        remaining: result.remaining,
        requiredRunRate: result.requiredRunRate,
        workingDays: result.workingDays,
        elapsedBy: result.elapsedBy,
      };
    }
    return {
      kpiId: kpi.id,
      actual,
      actualRatio: actual === null ? null : (actualPoint?.ratio ?? null),
      mature,
      previous,
      trend,
      trendPoints,
      // Unjudged: the series was judged at 0 days, so its baseline is not shown either.
      baseline: unjudged
        ? { value: null, sufficient: false, reason: messages.scorecardCohortUnjudgedBaseline }
        : { value: base.value, sufficient: base.sufficient, ...(base.reason === undefined ? {} : { reason: base.reason }) },
      target,
      targetSource,
      targetReason,
      ramp,
      attainment: reached === null ? null : { ratio: reached.ratio, met: reached.met, gap: reached.gap },
      status,
      pace: paceCell,
      history: entry.at.history.map((at) => valueAt(points, at)),
      skipped: { ...(actualPoint?.skipped ?? {}) },
      withoutOwner,
      noData: noData || unjudged || beforeDataAt(points, entry.at.reviewed),
      notes: cellNotes,
      note: cellNotes.length === 0 ? null : cellNotes.join("; "),
    };
  };

  // The target plan's options, parsed and resolved once per direction (the only option that
  // its checks read beside the card's own); each KPI adds whether it is a rate and additive.
  const planOptionsByDirection = new Map<KpiDefinition["direction"], ResolvedPlanOptions>();
  const planOptionsFor = (direction: KpiDefinition["direction"]): ResolvedPlanOptions => {
    let resolved = planOptionsByDirection.get(direction);
    if (resolved === undefined) {
      resolved = resolvePlanOptions({
        start: new Date(programStartMs),
        asOf: new Date(asOfMs),
        policy: opts.targetPolicy,
        baselinePeriods: opts.baselinePeriods,
        method: opts.baselineMethod,
        uplift: opts.uplift as DecimalLike,
        raiseStep: opts.raiseStep as DecimalLike,
        raiseBy: opts.raiseBy,
        raiseAfter: opts.raiseAfter,
        allowDecrease: opts.allowDecrease,
        direction,
        calendar,
      });
      planOptionsByDirection.set(direction, resolved);
    }
    return resolved;
  };
  // Checked before any KPI is evaluated, so that with several errors the card names the same
  // one whatever order its cells are judged in: first a KPI read per a longer period than the
  // card's (in the card's order), then the first explicit target row (in the rows' order) of a
  // rate KPI on the card that is not a share from 0 to 1, whatever its period.
  const evaluated = opts.kpis.filter((kpi) => leftOutBecause(kpi) === undefined);
  for (const kpi of evaluated) {
    if (kpi.grain !== undefined && GRAIN_ORDER[kpi.grain] > GRAIN_ORDER[grain]) {
      throw definitionError("invalid-definition", ["kpis", opts.kpis.indexOf(kpi), "grain"], messages.kpiGrainCoarser(kpi.id, kpi.grain, grain));
    }
  }
  const rateIds = new Set(evaluated.filter((kpi) => kpi.unit === "ratio").map((kpi) => kpi.id));
  for (const row of targetRows ?? []) if (rateIds.has(row.kpi)) checkRateTarget(row);

  // Each KPI is judged as soon as it is evaluated (its rep cells, then the team's, which may sum
  // the rep targets), so that its series can be dropped before the next KPI is evaluated: the
  // card holds one KPI's points at a time, not thirteen (fewer survivors for the collector).
  const judged: Array<{ readonly info: ScorecardKpi; readonly repCells: readonly ScorecardCell[]; readonly teamCell: ScorecardCell }> = [];
  for (const kpi of opts.kpis) {
    const name = kpi.name ?? kpi.labels.en;
    const leftOut = leftOutBecause(kpi);
    if (leftOut !== undefined) {
      notes.push(`${name} left out: ${leftOut}`);
      continue;
    }
    const accumulates = accumulatesWithinPeriod(kpi);
    const kpiNotes: string[] = [];
    let perGrain: KpiEntry["perGrain"];
    if (kpi.grain !== undefined && kpi.grain !== grain) {
      if (accumulates) {
        const kpiGrain = kpi.grain;
        const factors = new Map<number, readonly [number, number]>();
        perGrain = (value, period) => {
          if (value === null) return null;
          let factor = factors.get(period.startMs);
          if (factor === undefined) {
            factor = periodsOfGrainIn(period, kpiGrain, calendar);
            factors.set(period.startMs, factor);
          }
          return toDecimal(value.times(factor[1]).div(factor[0]));
        };
        kpiNotes.push(`mean per ${kpi.grain} of the ${grain}`);
      } else {
        kpiNotes.push(`over the whole ${grain} (the KPI is read per ${kpi.grain}; a ${kpi.measure.kind === "ratio" ? "ratio" : "rate"} over a longer period is the same ratio)`);
      }
    }
    const conversion = kpi.measure.kind === "builtin" ? builtinRegistry[kpi.measure.id].conversion : undefined;
    const evaluation = source.evaluate(kpi, {
      from: evaluateFrom,
      to: currentPeriod.endMs,
      grain,
      groupBy: "owner",
      groups: [...reps, ...goneSorted],
      asOf: asOfMs,
      missingAmount: "skip",
      cohortAgeDays: conversion === undefined ? undefined : reviewedCohortAge,
    });
    const series = evaluation.series;
    const unjudged = conversion !== undefined && reviewedCohortAge === 0;
    if (unjudged) kpiNotes.push(messages.scorecardCohortUnjudged(reviewed.label, shownAsOf));
    else if (series.windowDays !== undefined && series.windowDays !== null) {
      const window = kpi.conversion?.windowDays ?? conversion?.windowDays;
      kpiNotes.push(
        series.windowDays === window
          ? `cohorts converting within ${plural(series.windowDays, "day")}`
          : `every cohort judged at ${plural(series.windowDays, "day")} (the reviewed one's age as of ${shownAsOf}, window ${window} days)`,
      );
    }
    // A snapshot (the pipeline at each period end) meets an open deal at every end it is open
    // at: its note counts the rows left out at the reviewed period's end (deals, not deal ×
    // period end); a flow's counts every row of the periods evaluated.
    const snapshot = kpi.measure.kind === "builtin" && builtinRegistry[kpi.measure.id].shape === "snapshot";
    const notCounted = snapshot ? (series.team.find((point) => point.period.startMs === reviewed.startMs)?.skipped ?? {}) : series.skippedReasons;
    for (const [reason, count] of Object.entries(notCounted)) {
      if (reason.startsWith("no-") || count === 0) continue;
      notes.push(`${name}: ${plural(count, "row")} not counted (${reason})${snapshot ? ` at the end of ${reviewed.label}` : ""}`);
    }
    const position = new Map(series.periods.map((period, at) => [period.startMs, at]));
    const periodCount = series.periods.length;
    const teamBaselinePoints = teamWithout(
      series.team,
      goneSorted.map((id) => evaluation.cellsOf(id)),
      series.periods,
      series.additive,
    );
    const plan: ResolvedPlanOptions = { ...planOptionsFor(kpi.direction), rate: kpi.unit === "ratio", additive: series.additive };
    // The periods are in order: the plan's are a tail of them.
    let planFrom = series.periods.findIndex((period) => period.startMs >= planWindowStart);
    if (planFrom < 0) planFrom = periodCount;
    const planPeriods = series.periods.slice(planFrom);
    const teamBaselineByPosition = byPosition(teamBaselinePoints, position, periodCount);
    const teamValues = planPeriods.map((_, k) => {
      const point = teamBaselineByPosition[planFrom + k];
      if (point === undefined || point.coverage === "before-data") return null;
      return perGrain === undefined ? point.value : perGrain(point.value, point.period);
    });
    // Only its baseline is read: no entries.
    const teamPlan = planOf(planPeriods, teamValues, plan, planPeriods.map((_, k) => teamBaselineByPosition[planFrom + k]?.coverage === "before-data"), []);
    const windowStart = planPeriods[0]?.startMs ?? planWindowStart;
    const repsOnBoard = reps.filter((id) => {
      const rep = roster.get(id);
      return rep !== undefined && (rep.startedAt === undefined || rep.startedAt <= windowStart);
    }).length;
    const entry: KpiEntry = {
      plan,
      repTargets: new Map(),
      planPeriods,
      planFrom,
      at: {
        reviewed: position.get(reviewed.startMs) ?? -1,
        previous: position.get(previousStartMs) ?? -1,
        current: position.get(currentPeriod.startMs) ?? -1,
        history: history.map((period) => position.get(period.startMs) ?? -1),
      },
      teamBaselinePoints: teamBaselineByPosition,
      teamPlanBaseline: teamPlan.baseline,
      repsOnBoard,
      kpi,
      info: { ...kpiInfo(kpi, accumulates), ...(series.currency === undefined ? {} : { currency: series.currency }) },
      series,
      evaluation,
      teamPoints: byPosition(series.team, position, periodCount),
      teamBaselineSeries: { ...series, groupBy: null, groups: [], points: teamBaselinePoints },
      perGrain,
      notes: kpiNotes,
      unjudged,
    };
    const given = givenTargets?.[kpi.id];
    const repCells = reps.map((id) => cellFor(entry, id, given?.reps?.[id] ?? given?.perRep, roster.get(id)));
    const teamCell = cellFor(entry, null, given?.team ?? (kpi.target?.value as DecimalLike | undefined), undefined);
    judged.push({ info: entry.info, repCells, teamCell });
  }

  const funnelFrom = baselinePeriods[0]?.startMs ?? reviewed.startMs;
  const funnels = source.funnels(
    funnelFrom,
    reviewed.endMs,
    asOfMs,
    `deals created ${baselinePeriods[0]?.label ?? reviewed.label} … ${reviewed.label}, as they stand as of ${shownAsOf}`,
  );

  const kpis = judged.map((kpi) => kpi.info);
  const repCards: ScorecardRep[] = reps.map((id, r) => {
    const rep = roster.get(id);
    const cells = judged.map((kpi) => kpi.repCells[r] as ScorecardCell);
    const strengths: string[] = [];
    const focusPoints: string[] = [];
    const paces: boolean[] = [];
    cells.forEach((cell, index) => {
      // Every appraisal KPI with a target is judged, as in the at-target counts (a baseline of 0
      // gives none); insight KPIs explain, they never make a strength or a focus point.
      if (cell.attainment !== null && kpis[index]?.appraisal === true) (cell.attainment.met ? strengths : focusPoints).push(cell.kpiId);
      if (cell.pace !== null && kpis[index]?.appraisal === true) paces.push(cell.pace.status !== "behind");
    });
    return {
      id,
      name: rep?.name ?? id,
      team: rep?.team ?? null,
      cells,
      funnel: funnels.byOwner.get(id) ?? null,
      strengths,
      focusPoints,
      onTrack: paces.length === 0 ? null : paces.every(Boolean),
    };
  });

  const teamCells = judged.map((kpi) => kpi.teamCell);
  // Per appraisal KPI: the reps with a pace (on track or not) and with a target (met or not).
  const counts = kpis.flatMap((kpi, index) => {
    if (!kpi.appraisal) return [];
    const paces: Record<string, { status: ScorecardPace["status"] }> = {};
    const attainments: Record<string, { met: boolean }> = {};
    for (const rep of repCards) {
      const cell = rep.cells[index];
      if (cell?.pace != null) paces[rep.id] = cell.pace;
      if (cell?.attainment != null) attainments[rep.id] = cell.attainment;
    }
    const atTarget = repsAtTarget(attainments);
    const onTrack = repsOnTrack(paces);
    if (atTarget.total === 0 && onTrack.total === 0) return [];
    return [{ kpiId: kpi.id, onTrack: onTrack.count, withPace: onTrack.total, atTarget: atTarget.count, withTarget: atTarget.total }];
  });
  // Over all appraisal KPIs: on track on every one with a pace, at target on every one with a target.
  const overallPace: Record<string, { status: ScorecardPace["status"] }> = {};
  const overallMet: Record<string, { met: boolean }> = {};
  for (const rep of repCards) {
    if (rep.onTrack !== null) overallPace[rep.id] = { status: rep.onTrack ? "on-track" : "behind" };
    const judged = rep.cells.filter((cell, index) => kpis[index]?.appraisal === true && cell.attainment !== null);
    if (judged.length > 0) overallMet[rep.id] = { met: judged.every((cell) => cell.attainment?.met === true) };
  }
  const teamOnTrack = repsOnTrack(overallPace);
  const teamAtTarget = repsAtTarget(overallMet);
  const leaderboards = kpis.flatMap((kpi, index) => (kpi.kind === "result" && kpi.appraisal ? [rankLeaderboard(kpi, index, repCards)] : []));

  const teamName = opts.teamName ?? teamNameOf(source.reps);
  const team: ScorecardSubject = { id: "team", name: teamName, cells: teamCells, funnel: funnels.team };
  const audit: ScorecardFinding[] = auditKpiSet(opts.kpis).map((finding) => ({
    code: finding.code,
    severity: finding.severity,
    kpiIds: [...finding.kpiIds],
    message: finding.message,
  }));
  for (const skipped of source.skipped) notes.push(`${skipped.collection}[${skipped.index}] skipped: ${skipped.reasons.join("; ")}`);

  return {
    title: opts.title ?? `Sales scorecard ${reviewed.label}`,
    asOf: shownAsOf,
    asOfMs,
    calendar,
    grain,
    period: reviewed,
    currentPeriod,
    baselinePeriods: shownBaselinePeriods,
    history,
    kpis,
    quadrants: SCORECARD_QUADRANTS.map((quadrant) => ({ quadrant, kpiIds: kpis.filter((kpi) => kpi.quadrant === quadrant).map((kpi) => kpi.id) })),
    team: {
      ...team,
      counts,
      repsOnTrack: teamOnTrack.count,
      repsWithPace: teamOnTrack.total,
      repsAtTarget: teamAtTarget.count,
      repsWithTarget: teamAtTarget.total,
      headline: {
        onTrack: `reps on track on every appraisal KPI with a pace: ${teamOnTrack.count} of ${teamOnTrack.total}`,
        atTarget: `reps at target on every appraisal KPI with a target: ${teamAtTarget.count} of ${teamAtTarget.total}`,
      },
      leaderboards,
    },
    reps: repCards,
    audit,
    notes,
    ...(opts.analytics === true ? { analytics: scorecardAnalytics(analyticsData(source), { asOfMs, asOf: shownAsOf, grain, period: reviewed, baselinePeriods, history, kpiIds: kpis.map((kpi) => kpi.id) }) } : {}),
  };
}

/** The prepared data analytics read; a source without it (a database) cannot give analytics. */
function analyticsData(source: ScorecardData): PreparedData {
  if (source.prepared === undefined) throw definitionError("invalid-option", ["analytics"], messages.analyticsNeedsRows);
  return source.prepared;
}

/** The earliest row known as of `asOfMs` over every source (activity, deal created, lead created), if any. */
function earliestRow(data: PreparedData, asOfMs: number): number | undefined {
  let first = Number.POSITIVE_INFINITY;
  first = Math.min(first, data.activityColumns.firstMs);
  // Index loops: for…of over a Float64Array boxes every element.
  const deals = dealColumns(data.deals).createdAt;
  for (let i = 0; i < deals.length; i++) if ((deals[i] as number) < first) first = deals[i] as number;
  const leads = leadColumns(data.leads).createdAt;
  for (let i = 0; i < leads.length; i++) if ((leads[i] as number) < first) first = leads[i] as number;
  return first < asOfMs ? first : undefined;
}

/** The team's name: the roster's one team when all reps share it, else "Team". */
function teamNameOf(reps: readonly PreparedRep[]): string {
  const teams = new Set(reps.map((rep) => rep.team).filter((team): team is string => team !== undefined));
  return teams.size === 1 ? ([...teams][0] as string) : "Team";
}

/** A series whose values are divided per the KPI's shorter grain (ratios untouched: they have no per-period scale). */
function scaledSeries(series: KpiSeries, perGrain: NonNullable<KpiEntry["perGrain"]>): KpiSeries {
  return { ...series, points: series.points.map((point) => ({ ...point, value: perGrain(point.value, point.period) })) };
}

function rankLeaderboard(kpi: ScorecardKpi, index: number, reps: readonly ScorecardRep[]): ScorecardLeaderboard {
  const rows = reps.map((rep) => ({ repId: rep.id, value: rep.cells[index]?.actual ?? null }));
  const better = kpi.direction === "higher-is-better" ? 1 : -1;
  rows.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.repId.localeCompare(b.repId) : 1) : -1;
    const order = b.value.comparedTo(a.value) * better;
    return order !== 0 ? order : a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0;
  });
  let rank = 0;
  const entries = rows.map((row, position) => {
    const previous = rows[position - 1];
    const tied = previous !== undefined && previous.value !== null && row.value !== null && previous.value.eq(row.value);
    if (!tied) rank = position + 1;
    return { rank, repId: row.repId, value: row.value };
  });
  return { kpiId: kpi.id, entries };
}

