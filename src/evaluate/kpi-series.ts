import { z } from "zod";
import { ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { ratio } from "../core/ratio.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { builtinRegistry } from "../kpi/builtin-registry.js";
import type { BuiltinContext, BuiltinEvaluator } from "../kpi/builtins/context.js";
import { type KpiDefinition, type KpiDefinitionInput, KpiDefinitionSchema } from "../kpi/kpi-definition.js";
import { groupKeys } from "../measure/accumulate.js";
import { evaluate } from "../measure/evaluate.js";
import { type GroupSource, groupFields, groupKeyReader } from "../measure/group-key.js";
import { growth } from "../measure/growth.js";
import { KpiBreakdownSchema } from "../measure/measure-series.js";
import { madeSeries } from "../measure/series-schema.js";
import { type MeasureRange, resolveRange } from "../measure/range.js";
import type { KpiGroupBy, KpiSeries, KpiSeriesPoint } from "../measure/series.js";
import { type EvaluatedCells, periodBuckets, periodCoverage, type SeriesCell, type SeriesFrame, seriesOf } from "../measure/series-of.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { type KpiCalendar, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { type KpiGrain, KpiGrainSchema, type KpiPeriod, periodOf, periodsBetween } from "../time/period.js";

/** Schema of {@link KpiSeriesOptions}. */
export const KpiSeriesOptionsSchema = z.strictObject({
  /** Start of the range (inclusive). A date-only value is the start of that local day. */
  from: InstantSchema,
  /** End of the range (exclusive). */
  to: InstantSchema,
  /** Default: the KPI's own `grain`, else `"month"`. */
  grain: KpiGrainSchema.optional(),
  /** One field or two (`["owner", "type"]`): `owner`, `team`, `source`, `type` (activities), `product` (deals). */
  groupBy: KpiBreakdownSchema.optional(),
  /** Groups that must appear even without rows (a new rep). */
  groups: z.array(z.string().min(1)).optional(),
  /** What is known: deals are read as of this exclusive instant, no row at or after it counts. Default: `to`. */
  asOf: InstantSchema.optional(),
  calendar: KpiCalendarSchema.optional(),
  /** A deal without amount where one is needed: `"error"` (default) or `"skip"` (counted per point). */
  missingAmount: z.enum(["error", "skip"]).optional(),
  /**
   * Conversion KPIs: judge every cohort at this age in whole local days (at most the KPI's
   * window), so a young cohort is compared with older ones at equal age.
   */
  cohortAgeDays: z.number().int().min(0).max(100_000).optional(),
});
/** Options of {@link kpiSeries}. */
export type KpiSeriesOptions = ReadonlyInput<z.input<typeof KpiSeriesOptionsSchema>>;

/** A KPI evaluated per period and group, with the team over all rows. */
/** The series shape a KPI is evaluated into, for its readers (the scorecard composes with it). */
export type { KpiSeries, KpiSeriesPoint };

export interface KpiSeriesResult extends KpiSeries {
  /** The KPI evaluated. */
  readonly kpi: { readonly id: string; readonly unit: KpiDefinition["unit"]; readonly direction: KpiDefinition["direction"] };
  /** The team: one point per period over ALL rows (rows without a group key included, counted in `withoutGroup`). */
  readonly team: readonly KpiSeriesPoint[];
  /** The exclusive instant the data is read as of. */
  readonly asOf: { readonly end: string; readonly endMs: number };
  /** The earliest row of the KPI's source known as of `asOf`; `null` without rows ("no data"). */
  readonly dataStartMs: number | null;
  /** Conversions: the window the cohorts were judged at, in whole local days (`null`: none). */
  readonly windowDays?: number | null;
}

/**
 * Any KPI (a measure or a builtin: win rate, deal size, cycle, pipeline, conversions, returned
 * leads) per period and per rep, team, channel, activity type or product, as of a date: the
 * one engine behind the scorecard, the CLI and the SQL engine.
 *
 * Formula: the KPI's own definition (its measure, or its builtin in the registry) over the rows
 * of each period `P ∩ [from, min(to, asOf))`, every deal read as of `asOf`. The team value is
 * computed from ALL rows, so a lead without owner counts in the team (and in `withoutGroup`);
 * for an additive KPI the team equals Σ groups + rows without a group, for a ratio KPI Σ
 * numerators ÷ Σ denominators. A pipeline KPI is the pipeline at each period's end (or at
 * `asOf` when that comes first).
 *
 * Provenance per point: `rows` used, `skipped` by reason, `mature` for cohort conversions,
 * `coverage` `"partial"` (period not wholly inside the range, or reaching past `asOf`) or
 * `"before-data"` (it ends before the source's first row: no data, not a zero).
 *
 * Edge cases: a builtin the data bag cannot give (eNPS, CAC, rep turnover …) is a
 * KpiDefinitionError that says what to call instead; a zero denominator gives `null`.
 * Complexity: one pass over the KPI's source per call (pipeline: per period), O(n log p).
 *
 * @example
 * const series = kpiSeries(
 *   { leads: [
 *     { id: "a", createdAt: "2026-01-05", reached: { mql: "2026-01-05", sql: "2026-01-10" } },
 *     { id: "b", owner: "ann", createdAt: "2026-01-06", reached: { mql: "2026-01-06" } },
 *   ] },
 *   catalogKpi("conversion-lead-sql"),
 *   { from: "2026-01-01", to: "2026-02-01", groupBy: "owner", asOf: "2026-04-01" },
 * );
 * series.team[0]?.value?.toString(); //=> "0.5"
 */
export function kpiSeries(data: KpiData | PreparedKpiData, kpi: KpiDefinitionInput, options: KpiSeriesOptions): KpiSeriesResult {
  const definition = parseDefinition(KpiDefinitionSchema, kpi, ["kpi"]);
  const opts = parseOptions(KpiSeriesOptionsSchema, options);
  const prepared = prepare(data, { calendar: opts.calendar });
  return madeSeries(evaluateKpi(prepared, definition, evaluateOptionsOf(definition, opts)));
}

/** The options `kpiSeries` evaluates with, from its parsed public options (the defaults: the KPI's grain, else month; missing amounts an error). */
export function evaluateOptionsOf(definition: KpiDefinition, opts: z.output<typeof KpiSeriesOptionsSchema>): EvaluateKpiOptions {
  return {
    from: opts.from,
    to: opts.to,
    grain: opts.grain ?? definition.grain ?? "month",
    groupBy: opts.groupBy,
    groups: opts.groups,
    asOf: opts.asOf,
    missingAmount: opts.missingAmount ?? "error",
    cohortAgeDays: opts.cohortAgeDays,
  };
}

/** {@link kpiSeries}'s options, parsed. */
export interface EvaluateKpiOptions {
  readonly from: z.output<typeof InstantSchema> | number;
  readonly to: z.output<typeof InstantSchema> | number;
  readonly grain: KpiGrain;
  readonly groupBy: z.output<typeof KpiBreakdownSchema> | undefined;
  readonly groups: readonly string[] | undefined;
  readonly asOf: z.output<typeof InstantSchema> | number | undefined;
  readonly missingAmount: "error" | "skip";
  readonly cohortAgeDays: number | undefined;
}

/** The source whose rows a KPI counts (its group keys and data start are read off them). */
export function primarySource(definition: KpiDefinition): GroupSource {
  const measure = definition.measure;
  if (measure.kind === "builtin") {
    const source = builtinRegistry[measure.id].sources[0];
    return source === "leads" || source === "activities" ? source : "deals";
  }
  return measure.kind === "ratio" ? measure.numerator.source : measure.source;
}

/**
 * What one KPI evaluation covers, worked out once from the definition and parsed options:
 * the range, the as-of instant, the periods (with the one before the first for a growth KPI)
 * and their buckets, the breakdown fields and, for a builtin, its registry entry and
 * conversion window. The cells may then come from any source (the in-process evaluators, or
 * a database's aggregates in `sales-kpi/sql`); {@link finishKpiSeries} turns them into the result.
 */
export interface KpiFrame {
  readonly calendar: KpiCalendar;
  readonly range: MeasureRange;
  readonly asOfMs: number;
  readonly grain: KpiGrain;
  /** `transform: "period-over-period"`: `periods` starts one period early. */
  readonly growth: boolean;
  /** The evaluated periods (for a growth KPI, the one before the first shown included). */
  readonly periods: readonly KpiPeriod[];
  /** The start of the first evaluated period's counted part. */
  readonly firstStartMs: number;
  /** The end of the counted part of the last period: `min(to, asOf)`. */
  readonly endMs: number;
  readonly fields: readonly KpiGroupBy[];
  /** A builtin's conversion steps and window, as the definition overrides them. */
  readonly conversion: { readonly from: string; readonly to: string; readonly windowDays: number | undefined } | undefined;
  /** Conversions: the window the cohorts are judged at (`null`: none); `undefined` for other KPIs. */
  readonly windowDays: number | null | undefined;
}

/**
 * The frame of `definition` under `options` (see {@link KpiFrame}). Throws KpiDefinitionError
 * for a builtin the data bag cannot give (it says what to call instead).
 */
export function kpiFrame(calendar: KpiCalendar, definition: KpiDefinition, options: EvaluateKpiOptions): KpiFrame {
  const fromInput = typeof options.from === "number" ? new Date(options.from) : options.from;
  const toInput = typeof options.to === "number" ? new Date(options.to) : options.to;
  const range = resolveRange(fromInput, toInput, calendar);
  const asOfMs =
    options.asOf === undefined ? range.toMs : typeof options.asOf === "number" ? options.asOf : parseAsOf(options.asOf, calendar);
  const grain = options.grain;
  const growthKpi = definition.transform === "period-over-period";
  // A growth KPI needs the period before the first one.
  const firstStart = growthKpi ? periodOf(periodOf(range.fromMs, grain, calendar).startMs - 1, grain, calendar).startMs : range.fromMs;
  const periods = periodsBetween(firstStart, range.toMs, grain, calendar);
  const fields = groupFields(options.groupBy);
  const measure = definition.measure;
  let conversion: KpiFrame["conversion"];
  let windowDays: number | null | undefined;
  if (measure.kind === "builtin") {
    const entry = builtinRegistry[measure.id];
    if (entry.evaluate === undefined) {
      throw definitionError("invalid-definition", ["kpi", "measure", "id"], messages.builtinUnavailable(measure.id, entry.unavailable ?? ""));
    }
    conversion =
      entry.conversion === undefined
        ? undefined
        : {
            from: definition.conversion?.from ?? entry.conversion.from,
            to: definition.conversion?.to ?? entry.conversion.to,
            windowDays: definition.conversion?.windowDays ?? entry.conversion.windowDays,
          };
    if (conversion !== undefined) {
      windowDays =
        options.cohortAgeDays === undefined ? conversion.windowDays : Math.min(options.cohortAgeDays, conversion.windowDays ?? Number.POSITIVE_INFINITY);
    }
  }
  return { calendar, range, asOfMs, grain, growth: growthKpi, periods, firstStartMs: firstStart, endMs: Math.min(range.toMs, asOfMs), fields, conversion, windowDays };
}

/**
 * {@link kpiSeries} on prepared data and parsed options: the inner function the scorecard
 * (and every caller inside the library) uses, with no re-parsing or re-preparing.
 */
export function evaluateKpi(prepared: PreparedData, definition: KpiDefinition, options: EvaluateKpiOptions): KpiSeriesResult;
export function evaluateKpi<T>(prepared: PreparedData, definition: KpiDefinition, options: EvaluateKpiOptions, finish: KpiFinish<T>): T;
export function evaluateKpi<T>(
  prepared: PreparedData,
  definition: KpiDefinition,
  options: EvaluateKpiOptions,
  finish: KpiFinish<T> = finishKpiSeries as KpiFinish<T>,
): T {
  const frame = kpiFrame(prepared.calendar, definition, options);
  // Instants in `[firstStartMs, endMs)` to their period index (built here: the SQL engine has no rows to bucket).
  const buckets = periodBuckets(frame.periods, frame.firstStartMs, frame.endMs);
  const measure = definition.measure;
  let evaluated: EvaluatedCells;
  if (measure.kind === "builtin") {
    const entry = builtinRegistry[measure.id];
    const context: BuiltinContext = {
      data: prepared,
      calendar: frame.calendar,
      periods: frame.periods,
      buckets,
      keyOf: groupKeyReader(primarySource(definition), frame.fields),
      fields: frame.fields,
      asOfMs: frame.asOfMs,
      missingAmount: options.missingAmount,
      ...(frame.conversion === undefined ? {} : { conversion: frame.conversion }),
      ...(options.cohortAgeDays === undefined ? {} : { cohortAgeDays: options.cohortAgeDays }),
    };
    evaluated = (entry.evaluate as BuiltinEvaluator)(context);
  } else {
    evaluated = evaluate(prepared, measure, { buckets, groupBy: frame.fields, missingAmount: options.missingAmount, asOfMs: frame.asOfMs });
  }
  return finish(prepared, definition, options, frame, evaluated);
}

/**
 * {@link evaluateKpi} for a reader of each group's cells by period position (the scorecard):
 * the same evaluation, finished by {@link finishKpiCellsByGroup} instead of into points.
 */
export function evaluateKpiCellsByGroup(prepared: PreparedData, definition: KpiDefinition, options: EvaluateKpiOptions): KpiCellsByGroup {
  return evaluateKpi(prepared, definition, options, finishKpiCellsByGroup);
}

/** A finishing step from evaluated cells: {@link finishKpiSeries} or {@link finishKpiCellsByGroup}. */
export type KpiFinish<T> = (
  roster: Pick<PreparedData, "reps">,
  definition: KpiDefinition,
  options: Pick<EvaluateKpiOptions, "groups">,
  frame: KpiFrame,
  cells: EvaluatedCells,
) => T;

/**
 * The finishing step of every KPI evaluation, whatever gave the cells: the groups (the
 * caller's, the roster's and those seen), growth for a period-over-period KPI, the series
 * with its provenance, and the KPI's own fields. `roster` needs only the reps' ids and teams.
 */
export function finishKpiSeries(
  roster: Pick<PreparedData, "reps">,
  definition: KpiDefinition,
  options: Pick<EvaluateKpiOptions, "groups">,
  frame: KpiFrame,
  cells: EvaluatedCells,
): KpiSeriesResult {
  const shown = shownCells(frame, cells);
  const groups = groupKeys(roster, definition.measure, frame.fields, options.groups, cells.byGroup.keys());
  return resultOf(definition, frame, shown, seriesOf(shown, seriesFrame(frame, groups)));
}

/**
 * A KPI evaluated per period and group, for a reader that takes each group's cells by period
 * position (the scorecard) instead of points: `series` is the KPI's series with the team's
 * points but no group points (its `points` and `groups` are empty), and `cellsOf(group)` gives
 * the cells its points would be made of. A scorecard reads 50,000 such cells once each; made
 * into points first, they were a tenth of its time and of its allocation.
 */
export interface KpiCellsByGroup {
  readonly series: KpiSeriesResult;
  /** Per period of `series.periods`, the coverage its points carry (`"partial"`, `"before-data"`). */
  readonly coverage: ReadonlyArray<KpiSeriesPoint["coverage"]>;
  /**
   * The cells of `group`, one per period of `series.periods` (as `kpiSeries` with `groups`
   * holding it would make its points of them: `value`, `ratio`, `rows`, `skipped`, `mature`).
   */
  cellsOf(group: string): ReadonlyArray<SeriesCell | undefined>;
  /** `group`'s series: `series` with that group's points (what `kpiSeries` gives with `groups: [group]`, less the other groups). */
  seriesOfGroup(group: string): KpiSeries;
}

/** The finishing step of {@link finishKpiSeries} for a reader of cells: see {@link KpiCellsByGroup}. */
export const finishKpiCellsByGroup: KpiFinish<KpiCellsByGroup> = (_roster, definition, _options, frame, cells) => {
  const shown = shownCells(frame, cells);
  const teamOnly = seriesOf(shown, seriesFrame(frame, []));
  const series = resultOf(definition, frame, shown, teamOnly);
  return {
    series,
    coverage: periodCoverage(shown.dataStartMs, teamOnly.periods, frame.range, frame.asOfMs),
    cellsOf: (group) => shown.byGroup.get(group) ?? shown.empty,
    seriesOfGroup: (group) => ({ ...series, ...seriesOf(shown, seriesFrame(frame, [group])) }),
  };
};

/** The cells as shown: a growth KPI's growth on the period before, less the first period. */
function shownCells(frame: KpiFrame, cells: EvaluatedCells): EvaluatedCells {
  return frame.growth ? dropFirst(growthCells(cells)) : cells;
}

/** The series frame of `frame`'s shown periods, with points for `groups`. */
function seriesFrame(frame: KpiFrame, groups: readonly string[]): SeriesFrame {
  return {
    grain: frame.grain,
    periods: frame.growth ? frame.periods.slice(1) : frame.periods,
    range: frame.range,
    asOfMs: frame.asOfMs,
    groupBy: frame.fields,
    groups,
  };
}

/** The KPI's result from its series: the series and the KPI's own fields. */
function resultOf(definition: KpiDefinition, frame: KpiFrame, shown: EvaluatedCells, series: ReturnType<typeof seriesOf>): KpiSeriesResult {
  return {
    ...series,
    kpi: { id: definition.id, unit: definition.unit, direction: definition.direction },
    team: series.team,
    asOf: { end: new Date(frame.asOfMs).toISOString(), endMs: frame.asOfMs },
    dataStartMs: shown.dataStartMs ?? null,
    ...(frame.windowDays === undefined ? {} : { windowDays: frame.windowDays }),
  };
}

/** Each cell's growth on the cell before it (the first cell has none). */
function growthCells(evaluated: EvaluatedCells): EvaluatedCells {
  const grow = (cells: readonly SeriesCell[]): SeriesCell[] =>
    cells.map((cell, i) => {
      const previous = i === 0 ? undefined : cells[i - 1];
      const parts = previous === undefined ? undefined : growth(cell.value, previous.value);
      const r = parts ?? ratio(ZERO, ZERO);
      return { value: r.value, ratio: r, rows: cell.rows + (previous?.rows ?? 0) };
    });
  const byGroup = new Map<string, SeriesCell[]>();
  for (const [key, cells] of evaluated.byGroup) byGroup.set(key, grow(cells));
  return { ...evaluated, additive: false, byGroup, total: grow(evaluated.total), empty: grow(evaluated.empty) };
}

function dropFirst(evaluated: EvaluatedCells): EvaluatedCells {
  const byGroup = new Map<string, readonly SeriesCell[]>();
  for (const [key, cells] of evaluated.byGroup) byGroup.set(key, cells.slice(1));
  return { ...evaluated, byGroup, total: evaluated.total.slice(1), empty: evaluated.empty.slice(1) };
}
