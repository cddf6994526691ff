import { z } from "zod";
import { DecimalValueSchema } from "../core/decimal.js";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";
import { RatioSchema } from "../core/ratio.js";
import { KpiGrainSchema } from "../time/period.js";
import { KpiPeriodSchema, PeriodListSchema } from "../time/time-helpers.js";
import type { KpiSeries, KpiSeriesPoint } from "./series.js";

const BoundsSchema = z.object({ start: z.string(), end: z.string(), startMs: z.number().int(), endMs: z.number().int() });
const RangeSchema = z.object({ from: z.string(), to: z.string(), fromMs: z.number().int(), toMs: z.number().int() });

const PointSchema = z.object({
  period: KpiPeriodSchema,
  group: z.string().nullable(),
  value: DecimalValueSchema.nullable(),
  ratio: RatioSchema.optional(),
  rows: z.number().int().min(0),
  /** Kept: a baseline leaves out a period only partly inside the range, or before the data. */
  coverage: z.enum(["partial", "before-data"]).optional(),
});

/**
 * Schema of a {@link KpiSeries} passed back in (to `baseline`, `periodOverPeriod`,
 * `leadIndicatorCheck`, `quarterlyTargets`' weights): the fields those functions read, with
 * every point in one of the series' periods and of a grain that matches. Fields it does not
 * know are kept out of the parsed copy; the caller's object is never changed.
 */
export const KpiSeriesSchema = z
  .object({
    grain: KpiGrainSchema,
    bounds: BoundsSchema,
    range: RangeSchema.optional(),
    currency: z.string().optional(),
    periods: PeriodListSchema,
    groupBy: z.union([z.string(), z.array(z.string())]).nullable(),
    groups: z.array(z.string()),
    additive: z.boolean(),
    points: z.array(PointSchema),
    rowsUsed: z.number().int().min(0),
    rowsSkipped: z.number().int().min(0),
    skippedReasons: z.record(z.string(), z.number().int().min(0)),
  })
  .superRefine((series, context) => {
    const starts = new Set(series.periods.map((period) => period.startMs));
    series.periods.forEach((period, i) => {
      if (period.grain !== series.grain) context.addIssue({ code: "custom", path: ["periods", i, "grain"], message: messages.seriesGrain(series.grain) });
    });
    series.points.forEach((point, i) => {
      if (!starts.has(point.period.startMs)) context.addIssue({ code: "custom", path: ["points", i, "period"], message: messages.pointPeriod });
      if ((point.group === null) !== (series.groupBy === null)) context.addIssue({ code: "custom", path: ["points", i, "group"], message: messages.pointGroup });
    });
  }) as unknown as z.ZodType<KpiSeries, KpiSeries>;

/** Series the library made (and froze): passed back in, they need no parsing. */
const madeHere = new WeakSet<object>();

function freezeAll(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  // Decimals are values: never changed by their methods, and not ours to freeze.
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return;
  Object.freeze(value);
  // Without a copy of the values per object (a series has tens of thousands of points).
  if (Array.isArray(value)) for (const inner of value) freezeAll(inner);
  else for (const key in value) freezeAll((value as Record<string, unknown>)[key]);
}

/**
 * The points of a series, frozen field by field: a series has tens of thousands of them, and
 * the generic walk (a `for…in` per object) was a sixth of a closed-deal KPI's time. The
 * fields that hold objects are the point's period, ratio, keys and skipped counts, and none
 * of those holds a plain object in turn (a period has text and numbers; a ratio, Decimals;
 * keys, text; skipped, counts), so each is frozen as it is.
 */
function freezePoints(points: readonly KpiSeriesPoint[] | undefined): void {
  if (points === undefined || Object.isFrozen(points)) return;
  Object.freeze(points);
  // A period is shared by a run of points (they come period by period): it is frozen when it
  // differs from the last one frozen, not once per point (freezing a frozen object again costs
  // nearly as much as the first time). An index loop: a cold for…of allocates an iterator
  // result per point.
  let period: object | undefined;
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as KpiSeriesPoint;
    Object.freeze(point);
    if (point.period !== period) Object.freeze((period = point.period));
    if (point.ratio !== undefined) Object.freeze(point.ratio);
    if (point.keys !== undefined) Object.freeze(point.keys);
    if (point.skipped !== undefined) Object.freeze(point.skipped);
  }
}

/**
 * A series as the library returns it: frozen through (points, periods, ratios; Decimals are
 * immutable values already) and remembered, so `baseline(series, …)` for 200 reps does not
 * re-check 5,000 points 200 times. A frozen series cannot have changed since it was made.
 */
export function madeSeries<T extends KpiSeries>(series: T): T {
  freezePoints(series.points);
  freezePoints(series.team);
  freezeAll(series);
  madeHere.add(series);
  return series;
}

/** Parses a series passed back in with {@link KpiSeriesSchema}, unless the library made it (see {@link madeSeries}). */
export function parseSeries(input: unknown, path: ReadonlyArray<PropertyKey>): KpiSeries {
  if (typeof input === "object" && input !== null && madeHere.has(input)) return input as KpiSeries;
  return parseInput(KpiSeriesSchema, input, path);
}
