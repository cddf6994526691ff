import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { baseline, BaselineMethodSchema } from "../baseline/baseline.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, withoutNegativeZero, ZERO } from "../core/decimal.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";
import { auditKpiSet } from "../kpi/audit-kpi-set.js";
import { classifyIndicator } from "../kpi/classify-indicator.js";
import { type KpiDefinition, type KpiDefinitionInput, KpiDefinitionSchema } from "../kpi/kpi-definition.js";
import { measureSeries } from "../measure/measure-series.js";
import { periodOverPeriod } from "../measure/period-over-period.js";
import type { KpiSeries, KpiSeriesPoint } from "../measure/series.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepareKpiData } from "../model/prepare-kpi-data.js";
import { type PreparedKpiData, type PreparedRep, withRows } from "../model/prepared.js";
import { attainment } from "../targets/attainment.js";
import { pace } from "../targets/pace.js";
import { repsAtTarget } from "../targets/reps-at-target.js";
import { repsOnTrack } from "../targets/reps-on-track.js";
import { targetFromBaseline } from "../targets/target-from-baseline.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { KpiGrainSchema, periodOf, periodsBetween } from "../time/period.js";
import { builtinKpiSeries, builtinNotOnScorecard } from "./builtin-kpi-series.js";
import { dealFunnels } from "./deal-funnel.js";
import { repBaseline } from "./rep-baseline.js";
import { paceWithElapsed } from "./rep-pace.js";
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
  /** Given targets per KPI id; KPIs without one get a target from their baseline. */
  targets: z.record(z.string(), ScorecardTargetSchema).optional(),
  /** Pace tolerance: share of the target within which a projection is on track. */
  tolerance: DecimalLikeSchema.default(0.05),
  calendar: KpiCalendarSchema.optional(),
  title: z.string().min(1).optional(),
  teamName: z.string().min(1).optional(),
});
/** Options of {@link scorecard}. */
export type ScorecardOptions = Omit<z.input<typeof ScorecardOptionsSchema>, "kpis"> & { readonly kpis: readonly KpiDefinitionInput[] };

interface KpiValues {
  readonly kpi: KpiDefinition;
  readonly info: ScorecardKpi;
  /** Grouped by owner over the history periods (+ the current period when it accumulates). */
  readonly series: KpiSeries;
  /** The same, added up over the reps (ratios: Σ numerators ÷ Σ denominators). */
  readonly team: KpiSeries;
  /** Points by period start: of the team, and of each rep. */
  readonly teamPoints: ReadonlyMap<number, KpiSeriesPoint>;
  readonly repPoints: ReadonlyMap<string, ReadonlyMap<number, KpiSeriesPoint>>;
  /** Cohort conversions: by period start, whether each rep's cohort is mature (see `BuiltinSeries`). */
  readonly maturity: ReadonlyMap<number, ReadonlyMap<string, boolean>> | undefined;
}

function kpiValues(
  kpi: KpiDefinition,
  info: ScorecardKpi,
  series: KpiSeries,
  team: KpiSeries,
  maturity?: ReadonlyMap<number, ReadonlyMap<string, boolean>>,
): KpiValues {
  const repPoints = new Map<string, Map<number, KpiSeriesPoint>>();
  for (const point of series.points) {
    if (point.group === null) continue;
    let points = repPoints.get(point.group);
    if (points === undefined) {
      points = new Map();
      repPoints.set(point.group, points);
    }
    points.set(point.period.startMs, point);
  }
  const teamPoints = new Map(team.points.map((point) => [point.period.startMs, point]));
  return { kpi, info, series, team, teamPoints, repPoints, maturity };
}

function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** The ungrouped team series of a series grouped by owner. */
function teamSeries(series: KpiSeries): KpiSeries {
  const sums = new Map<number, { n: KpiDecimal; d: KpiDecimal; rows: number }>();
  for (const point of series.points) {
    const parts =
      point.ratio !== undefined ? { n: point.ratio.numerator, d: point.ratio.denominator } : { n: point.value ?? ZERO, d: toDecimal(1) };
    const sum = sums.get(point.period.startMs);
    sums.set(
      point.period.startMs,
      sum === undefined ? { ...parts, rows: point.rows } : { n: sum.n.plus(parts.n), d: sum.d.plus(parts.d), rows: sum.rows + point.rows },
    );
  }
  const isRatio = series.points.some((point) => point.ratio !== undefined);
  const points: KpiSeriesPoint[] = series.periods.map((period) => {
    const sum = sums.get(period.startMs) ?? { n: ZERO, d: isRatio ? ZERO : toDecimal(1), rows: 0 };
    if (isRatio) {
      const parts: Ratio = ratio(sum.n, sum.d);
      return { period, group: null, value: parts.value, ratio: parts, rows: sum.rows };
    }
    return { period, group: null, value: withoutNegativeZero(sum.n), rows: sum.rows };
  });
  return { ...series, groupBy: null, groups: [], points };
}

function kpiInfo(kpi: KpiDefinition, accumulates: boolean): ScorecardKpi {
  const indicator = classifyIndicator(kpi);
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

/**
 * The monthly scorecard of a team and each rep: for every KPI the actual of the last complete
 * period, its baseline, the target (given, or derived from the baseline), attainment, the
 * trend against the period before and the pace of the current period, grouped in the four
 * quadrants (finding, closing, growing, developing). Per rep also strengths (KPIs at or above
 * target), focus points (below target) and where in the deal funnel the rep loses most; for
 * the team the reps on track and at target and a leaderboard per result KPI. Insight KPIs
 * are shown but never used to appraise (they do not count for on track / at target or
 * leaderboards); the KPI-set audit's findings are listed.
 *
 * Periods: with `asOf` in period P, the reviewed period is the one before P (the last
 * complete one), the baseline is taken over the `baselinePeriods` periods before the reviewed
 * one, and pace is measured in P up to `asOf` (additive KPIs only: counts and sums).
 * Formulas: attainment = actual ÷ target (target ÷ actual when lower is better); trend =
 * (actual − previous) ÷ previous; derived target = baseline × (1 ± uplift). The team value
 * of a KPI is the sum over the reps (ratios: Σ numerators ÷ Σ denominators), so rows without
 * an owner are not counted (noted). Cohort conversion KPIs (close rate, lead → SQL …) are
 * cohorts of the reviewed period as known at `asOf`: when some of its leads can still
 * convert, the cell says so with `mature: false` (renderers mark the value with †).
 *
 * Edge cases: a rep without enough history (started during the baseline window) has an
 * insufficient baseline and no derived target; neither does a baseline of 0 on a
 * higher-is-better KPI (its target of 0 would be met by doing nothing), so such a cell counts
 * neither for strengths and focus points nor for reps at target; a given target is always
 * judged as given. A ratio with no denominator is null; reps who
 * left before the reviewed period are left out; builtin KPIs the scorecard cannot compute
 * from the data (eNPS, CAC, …) are left out with a note.
 *
 * Complexity: the data is prepared once; one `measureSeries` (grouped by owner) per measure
 * KPI; builtin deal KPIs one pass over each rep's deals per period. O(n log p + k · r · p).
 *
 * @example
 * const card = scorecard(sample.data, { kpis: kpiCatalog.filter((k) => ["calls", "win-rate"].includes(k.id)), asOf: "2026-11-15", calendar });
 * card.period.label; // "2026-10"
 */
export function scorecard(data: KpiData | PreparedKpiData, options: ScorecardOptions): Scorecard {
  const opts = parseOptions(ScorecardOptionsSchema, options);
  const prepared = prepareKpiData(data, opts.calendar === undefined ? {} : { calendar: opts.calendar });
  const calendar = prepared.calendar;
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const asOfIso = isoInstant(asOfMs);
  const grain = opts.grain;
  const currentPeriod = periodOf(asOfMs, grain, calendar);
  const reviewed = periodOf(currentPeriod.startMs - 1, grain, calendar);
  // By default the sparklines cover the baseline and the reviewed period: builtin deal KPIs cost
  // one call per rep and period, so every extra period costs 200 calls on a 200-rep team.
  const historyCount = Math.max(opts.historyPeriods ?? opts.baselinePeriods + 1, opts.baselinePeriods + 1);
  // Step back from the reviewed period one period at a time (period lengths vary by month and DST).
  let startMs = reviewed.startMs;
  for (let i = 1; i < historyCount; i++) startMs = periodOf(startMs - 1, grain, calendar).startMs;
  const history = periodsBetween(startMs, reviewed.endMs, grain, calendar);
  const baselinePeriods = history.slice(-1 - opts.baselinePeriods, -1);
  const notes: string[] = [];

  // The reps: the roster (minus those who left before the reviewed period) and every owner in the data.
  const roster = new Map<string, PreparedRep>();
  for (const rep of prepared.reps) roster.set(rep.id, rep);
  const repIds = new Set<string>();
  for (const rep of prepared.reps) if (rep.leftAt === undefined || rep.leftAt > reviewed.startMs) repIds.add(rep.id);
  const left = prepared.reps.length - repIds.size;
  if (left > 0) notes.push(`${left} rep${left === 1 ? "" : "s"} who left before ${reviewed.label} left out`);
  for (const deal of prepared.deals) if (!roster.has(deal.owner)) repIds.add(deal.owner);
  for (const activity of prepared.activities) if (!roster.has(activity.owner)) repIds.add(activity.owner);
  for (const lead of prepared.leads) if (lead.owner !== undefined && !roster.has(lead.owner)) repIds.add(lead.owner);
  const reps = [...repIds].sort();

  // Each owner's deals that closed (closedAt, or a move into won/lost) within the history.
  const closedDealsByOwner = new Map<string, PreparedKpiData>();
  {
    const split = new Map<string, PreparedKpiData["deals"][number][]>();
    const inHistory = (ms: number | undefined) => ms !== undefined && ms >= startMs && ms < reviewed.endMs;
    for (const deal of prepared.deals) {
      if (!inHistory(deal.closedAt) && !deal.history.some((move) => move.stage.outcome !== "open" && inHistory(move.at))) continue;
      const list = split.get(deal.owner);
      if (list === undefined) split.set(deal.owner, [deal]);
      else list.push(deal);
    }
    for (const [owner, deals] of split) closedDealsByOwner.set(owner, withRows(prepared, { deals }));
  }

  // One series per KPI, grouped by owner.
  const values: KpiValues[] = [];
  for (const kpi of opts.kpis) {
    if (kpi.measure.kind === "builtin") {
      const evaluator = builtinKpiSeries[kpi.measure.id];
      if (evaluator === undefined) {
        notes.push(`${kpi.name ?? kpi.labels.en} left out: ${builtinNotOnScorecard[kpi.measure.id] ?? "no scorecard computation for this builtin KPI"}`);
        continue;
      }
      const { series, accumulates, maturity } = evaluator({ prepared, closedDealsByOwner, periods: history, reps, asOf: asOfIso });
      values.push(kpiValues(kpi, kpiInfo(kpi, accumulates), series, teamSeries(series), maturity));
      continue;
    }
    const growthKpi = kpi.transform === "period-over-period";
    const accumulates = kpi.measure.kind !== "ratio" && !growthKpi && !(kpi.measure.kind === "distinct" && kpi.measure.first !== true);
    const to = accumulates ? asOfMs : reviewed.endMs;
    let series = measureSeries(prepared, kpi.measure, {
      from: isoInstant(growthKpi ? periodOf(startMs - 1, grain, calendar).startMs : startMs),
      to: isoInstant(to),
      grain,
      groupBy: "owner",
      groups: reps,
      missingAmount: "skip",
    });
    for (const [reason, count] of Object.entries(series.skippedReasons)) {
      notes.push(`${kpi.name ?? kpi.labels.en}: ${count} row${count === 1 ? "" : "s"} not counted (${reason})`);
    }
    if (kpi.groupBy !== undefined) notes.push(`${kpi.name ?? kpi.labels.en}: shown in total per rep, not per ${kpi.groupBy}`);
    let team = teamSeries(series);
    if (growthKpi) {
      // The KPI is the growth of its measure: the value of a period is its growth on the one before.
      const toGrowth = (input: KpiSeries): KpiSeries => {
        const growth = periodOverPeriod(input);
        const points: KpiSeriesPoint[] = growth.points.map((point) => {
          const parts = point.growth ?? ratio(0, 0);
          return { period: point.period, group: point.group, value: parts.value, ratio: parts, rows: 0 };
        });
        return { ...input, periods: input.periods.slice(1), additive: false, points };
      };
      series = toGrowth(series);
      team = toGrowth(team);
    }
    values.push(kpiValues(kpi, kpiInfo(kpi, accumulates), series, team));
  }

  const previousStartMs = periodOf(reviewed.startMs - 1, grain, calendar).startMs;
  // The elapsed share of the current period is the same for every KPI and rep: one pace() call.
  const paceOptions = { periodStart: currentPeriod.start, periodEnd: currentPeriod.end, asOf: asOfIso, calendar };
  const elapsed = pace(0, 1, paceOptions).elapsed;
  const uplift = toDecimal(opts.uplift as DecimalLike);
  const tolerance = toDecimal(opts.tolerance as DecimalLike);
  const reviewedAt = isoInstant(reviewed.startMs);

  const cellFor = (entry: KpiValues, group: string | null, given: DecimalLike | undefined, rep: PreparedRep | undefined): ScorecardCell => {
    const series = group === null ? entry.team : entry.series;
    const points = (group === null ? entry.teamPoints : entry.repPoints.get(group)) ?? new Map<number, KpiSeriesPoint>();
    const actualPoint = points.get(reviewed.startMs);
    const previousPoint = points.get(previousStartMs);
    const actual = actualPoint?.value ?? null;
    const previous = previousPoint?.value ?? null;
    const trend = actual === null || previous === null ? null : ratio(actual.minus(previous), previous);
    // Cohort conversions: the team's cohort is mature when every rep's is.
    const cohorts = entry.maturity?.get(reviewed.startMs);
    const mature = cohorts === undefined ? null : group === null ? [...cohorts.values()].every(Boolean) : (cohorts.get(group) ?? true);
    // The team's baseline by the library's baseline(); each rep's by the same rules over the
    // window already known (see repBaseline), so k KPIs × r reps cost no time-zone work.
    const base =
      group === null
        ? baseline(series, { asOf: reviewedAt, periods: opts.baselinePeriods, method: opts.baselineMethod, calendar })
        : repBaseline(points, baselinePeriods, opts.baselineMethod, opts.baselinePeriods, rep?.startedAt, rep?.leftAt);
    let target: KpiDecimal | null = null;
    let targetSource: ScorecardCell["targetSource"] = "none";
    let note: string | null = null;
    if (given !== undefined) {
      target = toDecimal(given);
      targetSource = "given";
    } else if (base.value === null) {
      note = `no target: the baseline needs ${opts.baselinePeriods} periods with data`;
    } else if (base.value.isZero() && entry.kpi.direction === "higher-is-better") {
      // 0 × (1 + uplift) is 0, which doing nothing meets: no target to be judged by.
      note = "no target: the baseline is 0, so a target derived from it would be met by doing nothing";
    } else {
      target = targetFromBaseline(base.value, { uplift, direction: entry.kpi.direction }).value;
      targetSource = "baseline";
    }
    const reached = actual === null || target === null ? null : attainment(actual, target, entry.kpi.direction);
    let paceCell: ScorecardCell["pace"] = null;
    // No pace before the current period has begun (asOf exactly on a period boundary).
    if (entry.info.additive && target !== null && asOfMs > currentPeriod.startMs) {
      const toDate = points.get(currentPeriod.startMs)?.value ?? ZERO;
      if (group === null) {
        const result = pace(toDate, target, { ...paceOptions, tolerance, direction: entry.kpi.direction });
        paceCell = { status: result.status, toDate, projected: result.projected };
      } else {
        paceCell = paceWithElapsed(toDate, target, elapsed, tolerance, entry.kpi.direction);
      }
    }
    return {
      kpiId: entry.kpi.id,
      actual,
      actualRatio: actualPoint?.ratio ?? null,
      mature,
      previous,
      trend,
      baseline: { value: base.value, sufficient: base.sufficient },
      target,
      targetSource,
      attainment: reached === null ? null : { ratio: reached.ratio, met: reached.met, gap: reached.gap },
      pace: paceCell,
      history: history.map((period) => points.get(period.startMs)?.value ?? null),
      note,
    };
  };

  const funnelFrom = baselinePeriods[0]?.startMs ?? reviewed.startMs;
  const funnels = dealFunnels(
    prepared.deals,
    prepared.pipeline,
    funnelFrom,
    reviewed.endMs,
    `deals created ${baselinePeriods[0]?.label ?? reviewed.label} … ${reviewed.label}, as they stand now`,
  );

  const kpis = values.map((entry) => entry.info);
  const repCards: ScorecardRep[] = reps.map((id) => {
    const rep = roster.get(id);
    const cells = values.map((entry) => {
      const given = opts.targets?.[entry.kpi.id];
      return cellFor(entry, id, given?.reps?.[id] ?? given?.perRep, rep);
    });
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

  const teamCells = values.map((entry) => {
    const given = opts.targets?.[entry.kpi.id]?.team ?? (entry.kpi.target?.value as DecimalLike | undefined);
    return cellFor(entry, null, given, undefined);
  });
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

  const team: ScorecardSubject = { id: "team", name: opts.teamName ?? "Team", cells: teamCells, funnel: funnels.team };
  const audit: ScorecardFinding[] = auditKpiSet(opts.kpis).map((finding) => ({
    code: finding.code,
    severity: finding.severity,
    kpiIds: [...finding.kpiIds],
    message: finding.message,
  }));
  for (const skipped of prepared.skipped) notes.push(`${skipped.collection}[${skipped.index}] skipped: ${skipped.reasons.join("; ")}`);

  return {
    title: opts.title ?? `Sales scorecard ${reviewed.label}`,
    asOf: typeof opts.asOf === "string" ? opts.asOf : asOfIso,
    asOfMs,
    calendar,
    grain,
    period: reviewed,
    currentPeriod,
    baselinePeriods,
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
      leaderboards,
    },
    reps: repCards,
    audit,
    notes,
  };
}

