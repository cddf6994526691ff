import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { measureSeries } from "../measure/measure-series.js";
import { KpiGroupBySchema } from "../measure/measure-series.js";
import { leafMeasures, type Measure, MeasureSchema } from "../measure/measure.js";
import type { KpiGroupBy, KpiSeries, KpiSeriesPoint } from "../measure/series.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { KpiGrainSchema } from "../time/period.js";
import { isoInstant } from "../measure/range.js";
import { type Baseline, BaselineMethodSchema, baselineOf, type ResolvedBaselineOptions } from "./baseline.js";
import { baselineWindow } from "./baseline-window.js";

/**
 * Options of {@link measureBaseline}: `asOf`, `grain` (default `"month"`), `periods` (default 3),
 * `method` (default `"mean"`), `minPeriods` (default = `periods`), `groupBy` (default
 * `"owner"`: one baseline per rep), `groups` that must appear even without rows, the
 * `calendar` and `missingAmount` (as for `measureSeries`).
 */
export const MeasureBaselineOptionsSchema = z
  .strictObject({
    asOf: InstantSchema,
    grain: KpiGrainSchema.default("month"),
    periods: z.number().int().min(1).max(1000).default(3),
    method: BaselineMethodSchema.default("mean"),
    minPeriods: z.number().int().min(1).optional(),
    groupBy: KpiGroupBySchema.default("owner"),
    groups: z.array(z.string().min(1)).optional(),
    calendar: KpiCalendarSchema.optional(),
    missingAmount: z.enum(["error", "skip"]).optional(),
  })
  .refine((options) => options.minPeriods === undefined || options.minPeriods <= options.periods, {
    path: ["minPeriods"],
    error: messages.minPeriodsAbovePeriods,
  });
/** Options of {@link measureBaseline}. */
export type MeasureBaselineOptions = ReadonlyInput<z.input<typeof MeasureBaselineOptionsSchema>>;

/** The baseline of one group (rep, team or source). */
export interface GroupBaseline {
  readonly group: string;
  /** The rep's name from the roster, when grouped by owner. */
  readonly name?: string;
  readonly baseline: Baseline;
}

/** The team baseline and one per group, measured in one call. */
export interface MeasureBaseline {
  readonly groupBy: KpiGroupBy;
  readonly team: Baseline;
  /** One per group, sorted by group key; every roster rep appears, even without rows. */
  readonly byGroup: readonly GroupBaseline[];
  /** Provenance of the measured rows (of the team series). */
  readonly rowsUsed: number;
  readonly rowsSkipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
}

/** Splits a grouped series into one series per group, in one pass over its points. */
function splitByGroup(series: KpiSeries): Map<string, KpiSeries> {
  const points = new Map<string, KpiSeriesPoint[]>(series.groups.map((group) => [group, []]));
  for (const point of series.points) if (point.group !== null) points.get(point.group)?.push(point);
  const out = new Map<string, KpiSeries>();
  for (const [group, list] of points) out.set(group, { ...series, groups: [group], points: list });
  return out;
}

/**
 * The baseline (nulmeting) of a measure for the team and for each rep (or team, or source) in
 * one call: where everyone starts before targets are set.
 *
 * Measures the last `periods` complete periods of `grain` before `asOf` with `measureSeries`,
 * grouped, and takes {@link baseline} of each group. The team is the sum of the groups for
 * counts and sums when every row has a group; otherwise (distinct accounts, leads without
 * owner) the team is measured over every row in a second pass. Grouped by owner, every roster rep appears (zero-filled),
 * and a rep's `startedAt` / `leftAt` from the roster decide which periods are data: a rep hired
 * last month has one period and, with `minPeriods` 3, is insufficient (`value: null`).
 *
 * Edge cases: see {@link baseline}; ratio measures give a ratio baseline per period (periods
 * without denominator left out). With zero-filled data, the mean and reps that were on board for
 * every period, the team baseline equals the sum of the rep baselines.
 * Complexity: one (at most two) one-pass series over the rows, O(n log p + p·g).
 *
 * @example
 * const data = {
 *   reps: [{ id: "ann", startedAt: "2025-01-01" }, { id: "cy", startedAt: "2026-10-01" }],
 *   activities: [
 *     { owner: "ann", type: "call", at: "2026-08-10", quantity: 30 },
 *     { owner: "ann", type: "call", at: "2026-09-10", quantity: 30 },
 *     { owner: "ann", type: "call", at: "2026-10-10", quantity: 30 },
 *     { owner: "cy", type: "call", at: "2026-10-20", quantity: 12 },
 *   ],
 * };
 * const result = measureBaseline(data, { kind: "count", source: "activities" }, { asOf: "2026-11-23" });
 * result.team.value?.toString(); //=> "34"
 * result.byGroup.map((g) => [g.group, g.baseline.value?.toString() ?? null]); //=> [["ann", "30"], ["cy", null]]
 */
export function measureBaseline(data: KpiData | PreparedKpiData, measure: Measure, options: MeasureBaselineOptions): MeasureBaseline {
  const parsed = parseOptions(MeasureBaselineOptionsSchema, options);
  const prepared = prepare(data, { calendar: parsed.calendar });
  const calendar = prepared.calendar;
  const asOfMs = parseAsOf(parsed.asOf, calendar);
  const window = baselineWindow(asOfMs, parsed.grain, parsed.periods, calendar);
  const from = new Date((window[0] as (typeof window)[number]).startMs);
  const to = new Date((window[window.length - 1] as (typeof window)[number]).endMs);
  const common = { from, to, grain: parsed.grain, calendar, ...(parsed.missingAmount === undefined ? {} : { missingAmount: parsed.missingAmount }) };
  const grouped = measureSeries(prepared, measure, { ...common, groupBy: parsed.groupBy, ...(parsed.groups === undefined ? {} : { groups: parsed.groups }) });
  // Counts and sums add up over groups: when every row has a group, the team is the sum of the
  // groups and needs no second pass. Distinct counts (an account sold by two reps) do not.
  const summable = leafMeasures(parseDefinition(MeasureSchema, measure, ["measure"])).every((leaf) => leaf.kind === "count" || leaf.kind === "sum");
  const teamSeries = summable && (grouped.skippedReasons[`no-${parsed.groupBy}`] ?? 0) === 0 ? grouped : measureSeries(prepared, measure, common);

  const baselineOptions: ResolvedBaselineOptions = {
    asOfMs,
    asOfIso: isoInstant(asOfMs, calendar),
    periods: parsed.periods,
    method: parsed.method,
    minPeriods: parsed.minPeriods ?? parsed.periods,
    group: undefined,
    calendar,
    startedAt: undefined,
    leftAt: undefined,
    window,
  };
  const reps = new Map(prepared.reps.map((rep) => [rep.id, rep]));
  const byGroup: GroupBaseline[] = [];
  for (const [group, series] of splitByGroup(grouped)) {
    const rep = parsed.groupBy === "owner" ? reps.get(group) : undefined;
    const result = baselineOf(series, { ...baselineOptions, group, startedAt: rep?.startedAt, leftAt: rep?.leftAt });
    byGroup.push(rep?.name === undefined ? { group, baseline: result } : { group, name: rep.name, baseline: result });
  }
  return {
    groupBy: parsed.groupBy,
    team: baselineOf(teamSeries, baselineOptions),
    byGroup,
    rowsUsed: teamSeries.rowsUsed,
    rowsSkipped: teamSeries.rowsSkipped,
    skippedReasons: teamSeries.skippedReasons,
  };
}
