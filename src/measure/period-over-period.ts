import { z } from "zod";
import type { KpiDecimal } from "../core/decimal.js";
import { parseOptions } from "../core/parse-input.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { Ratio } from "../core/ratio.js";
import type { KpiPeriod } from "../time/period.js";
import { growth } from "./growth.js";
import type { KpiGroupBy, KpiSeries, KpiSeriesPoint } from "./series.js";
import { parseSeries } from "./series-schema.js";

/** The growth of one period (and group) against the period before it. */
export interface PeriodGrowth {
  readonly period: KpiPeriod;
  readonly previousPeriod: KpiPeriod;
  /** The group key, `null` for an ungrouped series. */
  readonly group: string | null;
  readonly current: KpiDecimal | null;
  readonly previous: KpiDecimal | null;
  /** (current − previous) ÷ previous; value null when previous is 0; null when a value is unknown. */
  readonly growth: Ratio | null;
  /**
   * True when this period or the previous one is only partly inside the series' range, so
   * the comparison is not like for like (use `periodToDate` for a fair month-to-date).
   */
  readonly partial: boolean;
}

/**
 * Options of {@link periodOverPeriod}: `compareWith` `"previous"` (default: the period before)
 * or `"last-year"`: days and weeks against the period that starts 364 local days earlier (the
 * same weekday last year, 52 weeks back); months, quarters and years against the period with
 * the same label one year earlier (`2026-03` ← `2025-03`, retail `FY2024-M03` ← `FY2023-M03`).
 */
export const PeriodOverPeriodOptionsSchema = z.strictObject({
  compareWith: z.enum(["previous", "last-year"]).default("previous"),
});
/** Options of {@link periodOverPeriod}. */
export type PeriodOverPeriodOptions = ReadonlyInput<z.input<typeof PeriodOverPeriodOptionsSchema>>;

/** The key of the period a period is compared with last year: its start 364 days back, or its label a year back. */
function lastYearKey(period: KpiPeriod): string {
  if (period.grain === "day" || period.grain === "week") {
    const day = new Date(Date.parse(period.start.slice(0, 10)) - 364 * 86_400_000).toISOString().slice(0, 10);
    return `start:${day}`;
  }
  const match = /^(FY)?(\d{4})(.*)$/.exec(period.label);
  return match === null ? "" : `label:${match[1] ?? ""}${Number(match[2]) - 1}${match[3] ?? ""}`;
}

function ownKey(period: KpiPeriod): string {
  return period.grain === "day" || period.grain === "week" ? `start:${period.start.slice(0, 10)}` : `label:${period.label}`;
}

/** Result of {@link periodOverPeriod}. */
export interface PeriodOverPeriod {
  readonly grain: KpiSeries["grain"];
  /** What each period was compared with (see {@link PeriodOverPeriodOptions}). */
  readonly compareWith: "previous" | "last-year";
  readonly groupBy: KpiGroupBy | readonly KpiGroupBy[] | null;
  readonly groups: readonly string[];
  /** One point per period after the first, per group; sorted by period, then group. */
  readonly points: readonly PeriodGrowth[];
}

/**
 * Growth per period against the period before it: "revenue grew 12% on last month".
 *
 * Formula: growth_t = (value_t − value_{t−1}) ÷ value_{t−1}, as a {@link Ratio}, per group.
 * Pure on the series: the first period has no previous one and gets no point.
 *
 * Edge cases: previous value 0 → ratio value `null` (growth from nothing is not a
 * number); a ratio series point with a null value → growth `null`. A period that the
 * series' range cuts short (a month in progress) is flagged `partial: true`; to compare a
 * month in progress fairly with the same share of the previous month, use `periodToDate`,
 * which needs the rows and so takes the data. Scaling a series by k > 0 leaves growth unchanged.
 * Complexity: O(points).
 *
 * @example
 * const series = measureSeries(
 *   { activities: [
 *     { owner: "ann", type: "call", at: "2026-01-05", quantity: 4 },
 *     { owner: "ann", type: "call", at: "2026-02-05", quantity: 5 },
 *   ] },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-01-01", to: "2026-04-01", grain: "month" },
 * );
 * periodOverPeriod(series).points.map((p) => p.growth?.value?.toString() ?? null); //=> ["0.25", "-1"]
 */
export function periodOverPeriod(input: KpiSeries, options: PeriodOverPeriodOptions = {}): PeriodOverPeriod {
  const series = parseSeries(input, ["series"]);
  const { compareWith } = parseOptions(PeriodOverPeriodOptionsSchema, options);
  const range = series.range;
  const isPartial = (period: KpiPeriod): boolean =>
    range !== undefined && (period.startMs < range.fromMs || period.endMs > range.toMs);
  const periodIndex = new Map<number, number>();
  series.periods.forEach((period, i) => periodIndex.set(period.startMs, i));
  // the index of the period each period is compared with (-1: none in the series)
  const byKey = new Map<string, number>();
  if (compareWith === "last-year") series.periods.forEach((period, i) => byKey.set(ownKey(period), i));
  const compared = series.periods.map((period, i) => (compareWith === "previous" ? i - 1 : (byKey.get(lastYearKey(period)) ?? -1)));
  const byGroup = new Map<string | null, Map<number, KpiSeriesPoint>>();
  for (const point of series.points) {
    let points = byGroup.get(point.group);
    if (points === undefined) {
      points = new Map();
      byGroup.set(point.group, points);
    }
    const i = periodIndex.get(point.period.startMs);
    if (i !== undefined) points.set(i, point);
  }
  const out: PeriodGrowth[] = [];
  for (const point of series.points) {
    const i = periodIndex.get(point.period.startMs);
    if (i === undefined) continue;
    const j = compared[i] ?? -1;
    if (j < 0) continue;
    const previous = byGroup.get(point.group)?.get(j);
    const previousPeriod = series.periods[j];
    if (previous === undefined || previousPeriod === undefined) continue;
    out.push({
      period: point.period,
      previousPeriod,
      group: point.group,
      current: point.value,
      previous: previous.value,
      growth: growth(point.value, previous.value),
      partial: isPartial(point.period) || isPartial(previousPeriod),
    });
  }
  return { grain: series.grain, compareWith, groupBy: series.groupBy, groups: series.groups, points: out };
}
