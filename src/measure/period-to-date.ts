import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { KpiDecimal } from "../core/decimal.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { type KpiPeriod, KpiGrainSchema, periodOf } from "../time/period.js";
import { groupKeys } from "./accumulate.js";
import { evaluate, type EvaluatedCell } from "./evaluate.js";
import { growth } from "./growth.js";
import { type Measure, MeasureSchema } from "./measure.js";
import { KpiGroupBySchema } from "./measure-series.js";
import { isoInstant, type MeasureRange } from "./range.js";
import type { KpiGroupBy } from "./series.js";

/** Schema of {@link PeriodToDateOptions}. */
export const PeriodToDateOptionsSchema = z.strictObject({
  /** Exclusive end of the current period-to-date; a date-only value includes that whole local day. */
  asOf: InstantSchema,
  grain: KpiGrainSchema,
  groupBy: KpiGroupBySchema.optional(),
  groups: z.array(z.string().min(1)).optional(),
  calendar: KpiCalendarSchema.optional(),
  missingAmount: z.enum(["error", "skip"]).optional(),
});
/** Options of {@link periodToDate}. */
export type PeriodToDateOptions = ReadonlyInput<z.input<typeof PeriodToDateOptionsSchema>>;

/** Period-to-date against the same share of the previous period, for one group (or the team). */
export interface PeriodToDateValue {
  /** The group key, `null` for the team total. */
  readonly group: string | null;
  readonly current: KpiDecimal | null;
  readonly previous: KpiDecimal | null;
  /** For ratio measures: the ratios behind `current` and `previous`. */
  readonly currentRatio?: Ratio;
  readonly previousRatio?: Ratio;
  readonly currentRows: number;
  readonly previousRows: number;
  /** (current − previous) ÷ previous; value null when previous is 0; null when a value is unknown. */
  readonly growth: Ratio | null;
}

/** Result of {@link periodToDate}. */
export interface PeriodToDate {
  readonly grain: KpiPeriod["grain"];
  readonly asOf: string;
  readonly asOfMs: number;
  /** The period that holds the last instant before `asOf`, and the one before it. */
  readonly currentPeriod: KpiPeriod;
  readonly previousPeriod: KpiPeriod;
  /** What was counted: `[start of current period, asOf)` and the same share of the previous period. */
  readonly currentRange: MeasureRange;
  readonly previousRange: MeasureRange;
  /** Elapsed share of the current period: elapsed ms ÷ period length in ms. */
  readonly elapsedShare: Ratio;
  readonly groupBy: KpiGroupBy | null;
  readonly groups: readonly string[];
  readonly total: PeriodToDateValue;
  /** One value per group, sorted by group key; `[]` when not grouped. */
  readonly byGroup: readonly PeriodToDateValue[];
  readonly rowsUsed: number;
  readonly rowsSkipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
}

/**
 * Month-to-date (or week-, quarter-, year-to-date) against the same share of the previous
 * period: "on the 10th we have 40 calls; by the same point last month we had 32" — the
 * value-to-date comparison of Looker's period-over-period.
 *
 * Formula: current = measure over `[start(P), asOf)` where P holds the last instant before
 * `asOf`; share s = (asOf − start(P)) ÷ length(P), in milliseconds; previous = measure over
 * `[start(Q), start(Q) + round(s · length(Q)))` where Q is the period before P; growth =
 * (current − previous) ÷ previous. With `asOf` at the end of P (a complete period) the
 * comparison is of whole periods.
 *
 * Why separate from {@link periodOverPeriod}: a fair comparison needs the previous
 * period's rows cut at the same share, so it takes the data, not a series.
 *
 * Edge cases: previous 0 → growth value null; ratio measures give a growth of the two
 * ratios (null when either is unknown). Months of unequal length are compared by share of
 * time (day 15 of 30 against mid-way through a 31-day month). Groups as in `measureSeries`.
 * Complexity: one pass over the rows, O(n).
 *
 * @example
 * const result = periodToDate(
 *   { activities: [
 *     { owner: "ann", type: "call", at: "2026-03-03", quantity: 4 }, // early March: comparable
 *     { owner: "ann", type: "call", at: "2026-03-25", quantity: 9 }, // later in March: not comparable
 *     { owner: "ann", type: "call", at: "2026-04-05", quantity: 5 },
 *   ] },
 *   { kind: "count", source: "activities" },
 *   { asOf: "2026-04-09", grain: "month" }, // 9 of 30 days of April → first 9.3 days of March
 * );
 * result.total.current?.toString(); //=> "5"
 * result.total.previous?.toString(); //=> "4"
 * result.total.growth?.value?.toString(); //=> "0.25"
 */
export function periodToDate(data: KpiData | PreparedKpiData, measure: Measure, options: PeriodToDateOptions): PeriodToDate {
  const parsedMeasure = parseDefinition(MeasureSchema, measure, ["measure"]);
  const opts = parseOptions(PeriodToDateOptionsSchema, options);
  const prepared = prepare(data, { calendar: opts.calendar });
  const calendar = prepared.calendar;
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const currentPeriod = periodOf(asOfMs - 1, opts.grain, calendar);
  const previousPeriod = periodOf(currentPeriod.startMs - 1, opts.grain, calendar);
  const elapsed = asOfMs - currentPeriod.startMs;
  const length = currentPeriod.endMs - currentPeriod.startMs;
  const previousLength = previousPeriod.endMs - previousPeriod.startMs;
  const previousEnd = previousPeriod.startMs + Math.round((elapsed * previousLength) / length);
  const buckets = {
    count: 2,
    indexOf(ms: number): number {
      if (ms >= currentPeriod.startMs && ms < asOfMs) return 1;
      if (ms >= previousPeriod.startMs && ms < previousEnd) return 0;
      return -1;
    },
  };
  const groupBy = opts.groupBy;
  const evaluated = evaluate(prepared, parsedMeasure, { buckets, groupBy, missingAmount: opts.missingAmount ?? "error", asOfMs });
  const groups = groupKeys(prepared, parsedMeasure, groupBy, opts.groups, evaluated.byGroup.keys());
  const value = (group: string | null, cells: readonly EvaluatedCell[]): PeriodToDateValue => {
    const previous = cells[0] as EvaluatedCell;
    const current = cells[1] as EvaluatedCell;
    return {
      group,
      current: current.value,
      previous: previous.value,
      ...(current.ratio === undefined ? {} : { currentRatio: current.ratio }),
      ...(previous.ratio === undefined ? {} : { previousRatio: previous.ratio }),
      currentRows: current.rows,
      previousRows: previous.rows,
      growth: growth(current.value, previous.value),
    };
  };
  const range = (fromMs: number, toMs: number): MeasureRange => ({
    from: isoInstant(fromMs, calendar),
    to: isoInstant(toMs, calendar),
    fromMs,
    toMs,
  });
  return {
    grain: opts.grain,
    asOf: isoInstant(asOfMs, calendar),
    asOfMs,
    currentPeriod,
    previousPeriod,
    currentRange: range(currentPeriod.startMs, asOfMs),
    previousRange: range(previousPeriod.startMs, previousEnd),
    elapsedShare: ratio(elapsed, length),
    groupBy: groupBy ?? null,
    groups,
    total: value(null, evaluated.total),
    byGroup: groups.map((group) => value(group, evaluated.byGroup.get(group) ?? evaluated.empty)),
    rowsUsed: evaluated.rowsUsed,
    rowsSkipped: Object.values(evaluated.skippedReasons).reduce((a, b) => a + b, 0),
    skippedReasons: { ...evaluated.skippedReasons },
  };
}
