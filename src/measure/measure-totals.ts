import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { KpiDecimal } from "../core/decimal.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { Ratio } from "../core/ratio.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { groupKeys } from "./accumulate.js";
import { evaluate, type EvaluatedCell } from "./evaluate.js";
import { type Measure, MeasureSchema } from "./measure.js";
import { KpiGroupBySchema } from "./measure-series.js";
import { type MeasureRange, rangeBuckets, resolveRange } from "./range.js";
import type { KpiGroupBy } from "./series.js";

/** Schema of {@link MeasureTotalsOptions}. */
export const MeasureTotalsOptionsSchema = z.strictObject({
  from: InstantSchema,
  to: InstantSchema,
  groupBy: KpiGroupBySchema.optional(),
  groups: z.array(z.string().min(1)).optional(),
  calendar: KpiCalendarSchema.optional(),
  missingAmount: z.enum(["error", "skip"]).optional(),
  /** Deals are read as of this exclusive instant and no row at or after it counts. Default: `to`. */
  asOf: InstantSchema.optional(),
});
/** Options of {@link measureTotals}. */
export type MeasureTotalsOptions = ReadonlyInput<z.input<typeof MeasureTotalsOptionsSchema>>;

/** The value of a measure over the whole range for one group (or the team). */
export interface MeasureTotal {
  /** The group key, `null` for the team total. */
  readonly group: string | null;
  /** The value; for a ratio `ratio.value` (null when the denominator is 0). */
  readonly value: KpiDecimal | null;
  readonly ratio?: Ratio;
  readonly rows: number;
}

/** Result of {@link measureTotals}. */
export interface MeasureTotals {
  readonly range: MeasureRange;
  readonly groupBy: KpiGroupBy | null;
  readonly groups: readonly string[];
  readonly additive: boolean;
  /** One total per group, sorted by group key; `[]` when not grouped. */
  readonly byGroup: readonly MeasureTotal[];
  /** The team total over every row in range (also rows without a group key). */
  readonly total: MeasureTotal;
  readonly rowsUsed: number;
  /** Rows in the team total that have no group key (a lead without owner): in no group. */
  readonly rowsWithoutGroup: number;
  readonly rowsSkipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
  readonly currency?: string;
}

/**
 * A measure over one whole range `[from, to)`, per group and for the team: how many calls
 * each rep made in the last 30 days. The building block for windows and baselines.
 *
 * Formula: the measure of {@link measureSeries} over the rows with instant in
 * `[from, to)` (no periods). For count and sum the team total equals the sum of the group
 * totals plus the rows without a group key (`rowsWithoutGroup`); a `distinct` team total
 * counts an account once even when several reps sold to it.
 *
 * Edge cases as for `measureSeries` (zero-filled groups, null ratio for a zero
 * denominator, mixed currencies and missing amounts, builtins rejected).
 * Complexity: O(n) for n rows.
 *
 * @example
 * const totals = measureTotals(
 *   { activities: [
 *     { owner: "ann", type: "call", at: "2026-01-05", quantity: 2 },
 *     { owner: "bob", type: "call", at: "2026-01-06" },
 *   ], reps: [{ id: "ann" }, { id: "bob" }, { id: "cem" }] },
 *   { kind: "count", source: "activities", where: { type: "call" } },
 *   { from: "2026-01-01", to: "2026-02-01", groupBy: "owner" },
 * );
 * totals.byGroup.map((t) => `${t.group} ${t.value}`); //=> ["ann 2", "bob 1", "cem 0"]
 * totals.total.value?.toString(); //=> "3"
 */
export function measureTotals(data: KpiData | PreparedKpiData, measure: Measure, options: MeasureTotalsOptions): MeasureTotals {
  const parsedMeasure = parseDefinition(MeasureSchema, measure, ["measure"]);
  const opts = parseOptions(MeasureTotalsOptionsSchema, options);
  const prepared = prepare(data, { calendar: opts.calendar });
  const range = resolveRange(opts.from, opts.to, prepared.calendar);
  const groupBy = opts.groupBy;
  const asOfMs = opts.asOf === undefined ? range.toMs : parseAsOf(opts.asOf, prepared.calendar);
  const evaluated = evaluate(prepared, parsedMeasure, {
    buckets: rangeBuckets(range.fromMs, Math.min(range.toMs, asOfMs)),
    groupBy,
    missingAmount: opts.missingAmount ?? "error",
    asOfMs,
  });
  const groups = groupKeys(prepared, parsedMeasure, groupBy, opts.groups, evaluated.byGroup.keys());
  const total = (group: string | null, cell: EvaluatedCell | undefined): MeasureTotal => {
    const c = cell as EvaluatedCell;
    return c.ratio === undefined ? { group, value: c.value, rows: c.rows } : { group, value: c.value, ratio: c.ratio, rows: c.rows };
  };
  const rowsSkipped = Object.values(evaluated.skippedReasons).reduce((a, b) => a + b, 0);
  return {
    range,
    groupBy: groupBy ?? null,
    groups,
    additive: evaluated.additive,
    byGroup: groups.map((group) => total(group, (evaluated.byGroup.get(group) ?? evaluated.empty)[0])),
    total: total(null, evaluated.total[0]),
    rowsUsed: evaluated.rowsUsed,
    rowsWithoutGroup: evaluated.rowsWithoutGroup,
    rowsSkipped,
    skippedReasons: { ...evaluated.skippedReasons },
    ...(evaluated.currency === undefined ? {} : { currency: evaluated.currency }),
  };
}
