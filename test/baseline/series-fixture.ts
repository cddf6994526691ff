import {
  type KpiCalendar,
  KpiDecimal,
  type KpiGrain,
  type KpiSeries,
  type KpiSeriesPoint,
  parseInstant,
  periodsBetween,
  ratio,
  resolveCalendar,
} from "../../src/index.js";

/**
 * Builds a series by hand, as measureSeries would return it: `values[group][i]` is the value
 * of period i; `null` as the group key is the ungrouped series. Ratio series take
 * [numerator, denominator] pairs.
 */
export function seriesOf(
  from: string,
  to: string,
  grain: KpiGrain,
  values: Readonly<Record<string, ReadonlyArray<number | string>>> | ReadonlyArray<number | string>,
  calendarInput: Partial<KpiCalendar> = {},
): KpiSeries {
  const calendar = resolveCalendar(calendarInput);
  const fromMs = parseInstant(from, calendar);
  const toMs = parseInstant(to, calendar);
  const periods = periodsBetween(fromMs, toMs, grain, calendar);
  const grouped = !Array.isArray(values);
  const byGroup: Record<string, ReadonlyArray<number | string>> = grouped
    ? (values as Record<string, ReadonlyArray<number | string>>)
    : { "": values as ReadonlyArray<number | string> };
  const groups = Object.keys(byGroup).sort();
  const points: KpiSeriesPoint[] = [];
  periods.forEach((period, i) => {
    for (const group of groups) {
      const raw = byGroup[group]?.[i] ?? 0;
      points.push({ period, group: grouped ? group : null, value: new KpiDecimal(raw), rows: 1 });
    }
  });
  const first = periods[0];
  const last = periods[periods.length - 1];
  return {
    grain,
    bounds: { start: first?.start ?? from, end: last?.end ?? to, startMs: first?.startMs ?? fromMs, endMs: last?.endMs ?? toMs },
    periods,
    groupBy: grouped ? "owner" : null,
    groups: grouped ? groups : [],
    additive: true,
    points,
    rowsUsed: points.length,
    rowsSkipped: 0,
    skippedReasons: {},
  };
}

/** A ratio series: each entry is [numerator, denominator]. */
export function ratioSeriesOf(from: string, to: string, grain: KpiGrain, parts: ReadonlyArray<readonly [number, number]>): KpiSeries {
  const base = seriesOf(from, to, grain, parts.map(() => 0));
  const points = base.points.map((point, i) => {
    const [n, d] = parts[i] ?? [0, 0];
    const r = ratio(n, d);
    return { ...point, value: r.value, ratio: r };
  });
  return { ...base, additive: false, points };
}
