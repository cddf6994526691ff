import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepareKpiData } from "../model/prepare-kpi-data.js";
import type { PreparedKpiData } from "../model/prepared.js";
import { type KpiCalendar, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema } from "../time/instant.js";
import { createPeriodIndex, KpiGrainSchema, type KpiPeriod, periodsBetween } from "../time/period.js";
import { groupKeys } from "./accumulate.js";
import type { Buckets } from "./accumulate.js";
import { type Evaluated, evaluate } from "./evaluate.js";
import { type Measure, MeasureSchema } from "./measure.js";
import { type MeasureRange, resolveRange } from "./range.js";
import type { KpiSeries, KpiSeriesPoint } from "./series.js";

/** Schema of the way a series is grouped: per rep (`owner`), `team` or `source` (channel). */
export const KpiGroupBySchema = z.enum(["owner", "team", "source"]);

/** Schema of {@link MeasureSeriesOptions}. */
export const MeasureSeriesOptionsSchema = z.strictObject({
  /** Start of the range (inclusive). A date-only value is the start of that local day. */
  from: InstantSchema,
  /** End of the range (exclusive). A date-only value is the start of that local day. */
  to: InstantSchema,
  grain: KpiGrainSchema,
  groupBy: KpiGroupBySchema.optional(),
  /** Groups that must appear even without rows (zero-filled), e.g. a new rep. */
  groups: z.array(z.string().min(1)).optional(),
  /** The calendar; default: the prepared data's calendar, else UTC. */
  calendar: KpiCalendarSchema.optional(),
  /** A deal without amount in a sum: `"error"` (default, KpiInputError) or `"skip"` (counted). */
  missingAmount: z.enum(["error", "skip"]).optional(),
});
/** Options of {@link measureSeries}. */
export type MeasureSeriesOptions = ReadonlyInput<z.input<typeof MeasureSeriesOptionsSchema>>;

/**
 * A measure per period (and per rep, team or channel) over `[from, to)`: how many calls
 * each rep made per week, how much revenue was won per month.
 *
 * Formula: for each period P of `grain` that overlaps `[from, to)` and each group G, the
 * measure over the rows whose instant t satisfies `t ∈ P ∩ [from, to)` and whose group is
 * G. Count = Σ quantity (activities) or number of rows; sum = Σ amount (exact Decimal);
 * distinct = number of accounts (with `first`, accounts whose first matching deal ever
 * falls in P); ratio = numerator ÷ denominator per point (a {@link Ratio}).
 *
 * Edge cases: every period appears exactly once per group, zero-filled for additive
 * measures; a ratio with denominator 0 has value `null`. The first and last period are
 * partial when `from`/`to` are not on period boundaries (`range` says what was counted).
 * Groups = `groups` ∪ roster reps (owner) or roster teams (team) that the measure's own
 * owner/team filter admits ∪ keys seen, sorted; a
 * row without the group field (a lead without owner) is skipped and counted as
 * `no-owner`. Deals are counted at `createdAt` or at their effective close (`closedAt`;
 * open deals have none). A sum over more than one currency throws KpiDefinitionError
 * `mixed-currencies`; a deal without amount throws KpiInputError (`deals[i].amount`) unless
 * `missingAmount: "skip"`. `builtin` measures throw KpiDefinitionError: they have their own
 * function. A `distinct` series without `first` is zero-filled but not summable over
 * periods (an account active in two months counts in both).
 *
 * Complexity: O(p) period boundaries + O(n log p) for n rows (one pass, binary search)
 * + O(p · g) points.
 *
 * @example
 * const series = measureSeries(
 *   { activities: [
 *     { owner: "ann", type: "call", at: "2026-01-05" },
 *     { owner: "ann", type: "call", at: "2026-02-10", quantity: 3 },
 *     { owner: "bob", type: "email", at: "2026-02-11" },
 *   ] },
 *   { kind: "count", source: "activities", where: { type: "call" } },
 *   { from: "2026-01-01", to: "2026-04-01", grain: "month" },
 * );
 * series.points.map((p) => `${p.period.label} ${p.value}`);
 * // ["2026-01 1", "2026-02 3", "2026-03 0"]
 */
export function measureSeries(data: KpiData | PreparedKpiData, measure: Measure, options: MeasureSeriesOptions): KpiSeries {
  const parsedMeasure = parseDefinition(MeasureSchema, measure, ["measure"]);
  const opts = parseOptions(MeasureSeriesOptionsSchema, options);
  const prepared = prepareKpiData(data, { calendar: opts.calendar });
  const frame = measureSeriesFrame(opts, prepared.calendar);
  const evaluated = evaluate(prepared, parsedMeasure, frame.buckets, opts.groupBy, opts.missingAmount ?? "error");
  return finishMeasureSeries(frame, parsedMeasure, opts, prepared, evaluated);
}

/** Parsed {@link MeasureSeriesOptions}. */
export type ParsedMeasureSeriesOptions = z.output<typeof MeasureSeriesOptionsSchema>;

/** The range, periods and buckets of a series, before any row is read. */
export interface MeasureSeriesFrame {
  readonly range: MeasureRange;
  readonly periods: readonly KpiPeriod[];
  readonly buckets: Buckets;
}

/** Resolves `[from, to)` and the periods of `grain` in `calendar` (shared with `sales-kpi/sql`). */
export function measureSeriesFrame(opts: ParsedMeasureSeriesOptions, calendar: KpiCalendar): MeasureSeriesFrame {
  const range = resolveRange(opts.from, opts.to, calendar);
  const periods = periodsBetween(range.fromMs, range.toMs, opts.grain, calendar);
  const index = createPeriodIndex(periods);
  const buckets = {
    count: periods.length,
    indexOf: (ms: number) => (ms >= range.fromMs && ms < range.toMs ? index.indexOf(ms) : -1),
  };
  return { range, periods, buckets };
}

/**
 * Turns an evaluated measure into the series: groups (roster, requested, seen), zero-filled
 * points, provenance. The one finishing step of both engines (in process and `sales-kpi/sql`).
 */
export function finishMeasureSeries(
  frame: MeasureSeriesFrame,
  parsedMeasure: Measure,
  opts: ParsedMeasureSeriesOptions,
  roster: Pick<PreparedKpiData, "reps">,
  evaluated: Evaluated,
): KpiSeries {
  const { range, periods } = frame;
  const groupBy = opts.groupBy;
  const groups = groupKeys(roster, parsedMeasure, groupBy, opts.groups, evaluated.byGroup.keys());

  const points: KpiSeriesPoint[] = [];
  periods.forEach((period, i) => {
    if (groupBy === undefined) {
      const cell = evaluated.total[i];
      if (cell !== undefined) points.push(point(period, null, cell));
      return;
    }
    for (const group of groups) {
      const cell = (evaluated.byGroup.get(group) ?? evaluated.empty)[i];
      if (cell !== undefined) points.push(point(period, group, cell));
    }
  });
  const skippedReasons: Record<string, number> = { ...evaluated.skippedReasons };
  if (groupBy !== undefined && evaluated.rowsWithoutGroup > 0) skippedReasons[`no-${groupBy}`] = evaluated.rowsWithoutGroup;
  const rowsSkipped = Object.values(skippedReasons).reduce((a, b) => a + b, 0);
  const first = periods[0];
  const last = periods[periods.length - 1];
  return {
    grain: opts.grain,
    bounds: {
      start: first?.start ?? range.from,
      end: last?.end ?? range.to,
      startMs: first?.startMs ?? range.fromMs,
      endMs: last?.endMs ?? range.toMs,
    },
    range,
    periods,
    groupBy: groupBy ?? null,
    groups,
    additive: evaluated.additive,
    points,
    rowsUsed: evaluated.rowsUsed - (groupBy === undefined ? 0 : evaluated.rowsWithoutGroup),
    rowsSkipped,
    skippedReasons,
    ...(evaluated.currency === undefined ? {} : { currency: evaluated.currency }),
  };
}

function point(
  period: KpiSeriesPoint["period"],
  group: string | null,
  cell: { value: KpiSeriesPoint["value"]; ratio: KpiSeriesPoint["ratio"]; rows: number },
): KpiSeriesPoint {
  return cell.ratio === undefined
    ? { period, group, value: cell.value, rows: cell.rows }
    : { period, group, value: cell.value, ratio: cell.ratio, rows: cell.rows };
}
