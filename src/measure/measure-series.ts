import { madeSeries } from "./series-schema.js";
import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { KpiGrainSchema, periodsBetween } from "../time/period.js";
import { groupKeys } from "./accumulate.js";
import { evaluate } from "./evaluate.js";
import { type Measure, MeasureSchema } from "./measure.js";
import { resolveRange } from "./range.js";
import type { KpiSeries } from "./series.js";
import { periodBuckets, seriesOf } from "./series-of.js";

/**
 * Schema of the way a series is grouped: per rep (`owner`), `team`, `source` (channel),
 * activity `type` or deal `product`.
 */
export const KpiGroupBySchema = z.enum(["owner", "team", "source", "type", "product"]);

/** One breakdown field, or two at once (`["owner", "type"]`: the activity mix per rep). */
export const KpiBreakdownSchema = z.union([
  KpiGroupBySchema,
  z
    .tuple([KpiGroupBySchema, KpiGroupBySchema])
    .refine(([a, b]) => a !== b, { error: messages.groupByTwice }),
]);

/** Schema of {@link MeasureSeriesOptions}. */
export const MeasureSeriesOptionsSchema = z.strictObject({
  /** Start of the range (inclusive). A date-only value is the start of that local day. */
  from: InstantSchema,
  /** End of the range (exclusive). A date-only value is the start of that local day. */
  to: InstantSchema,
  grain: KpiGrainSchema,
  groupBy: KpiBreakdownSchema.optional(),
  /** Groups that must appear even without rows (zero-filled), e.g. a new rep. */
  groups: z.array(z.string().min(1)).optional(),
  /** The calendar; default: the prepared data's calendar, else UTC. */
  calendar: KpiCalendarSchema.optional(),
  /** A deal without amount in a sum: `"error"` (default, KpiInputError) or `"skip"` (counted). */
  missingAmount: z.enum(["error", "skip"]).optional(),
  /**
   * What is known: deals are read as of this exclusive instant (their outcome, stage and close
   * from their history before it) and no row at or after it is counted. Default: `to`.
   */
  asOf: InstantSchema.optional(),
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
 * series.points.map((p) => `${p.period.label} ${p.value}`); //=> ["2026-01 1", "2026-02 3", "2026-03 0"]
 */
export function measureSeries(data: KpiData | PreparedKpiData, measure: Measure, options: MeasureSeriesOptions): KpiSeries {
  const parsedMeasure = parseDefinition(MeasureSchema, measure, ["measure"]);
  const opts = parseOptions(MeasureSeriesOptionsSchema, options);
  const prepared = prepare(data, { calendar: opts.calendar });
  const calendar = prepared.calendar;
  const range = resolveRange(opts.from, opts.to, calendar);
  const asOfMs = opts.asOf === undefined ? range.toMs : parseAsOf(opts.asOf, calendar);
  const periods = periodsBetween(range.fromMs, range.toMs, opts.grain, calendar);
  const evaluated = evaluate(prepared, parsedMeasure, {
    buckets: periodBuckets(periods, range.fromMs, Math.min(range.toMs, asOfMs)),
    groupBy: opts.groupBy,
    missingAmount: opts.missingAmount ?? "error",
    asOfMs,
  });
  const groups = groupKeys(prepared, parsedMeasure, opts.groupBy, opts.groups, evaluated.byGroup.keys());
  return madeSeries(seriesOf(evaluated, { grain: opts.grain, periods, range, asOfMs, groupBy: opts.groupBy, groups }));
}

