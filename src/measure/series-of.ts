// Internal: the one finishing step from evaluated cells to a KpiSeries, shared by
// measureSeries and kpiSeries (and the SQL engine, which hands in cells it aggregated).
import type { KpiDecimal } from "../core/decimal.js";
import type { Ratio } from "../core/ratio.js";
import { createPeriodIndex, type KpiGrain, type KpiPeriod } from "../time/period.js";
import type { Buckets } from "./accumulate.js";
import { groupFields, keyLabel, keyParts } from "./group-key.js";
import type { MeasureRange } from "./range.js";
import type { KpiGroupBy, KpiSeries, KpiSeriesPoint } from "./series.js";

/** One evaluated (period, group) cell: its value with provenance. */
export interface SeriesCell {
  readonly value: KpiDecimal | null;
  readonly ratio: Ratio | undefined;
  readonly rows: number;
  readonly skipped?: Readonly<Record<string, number>>;
  readonly mature?: boolean;
  readonly withoutGroup?: number;
  /** Sales cycle: the median beside the mean in `value`. */
  readonly median?: KpiDecimal | null;
}

/** Cells per group key and for all rows, one per period. */
export interface EvaluatedCells {
  readonly additive: boolean;
  readonly byGroup: ReadonlyMap<string, readonly SeriesCell[]>;
  readonly total: readonly SeriesCell[];
  readonly empty: readonly SeriesCell[];
  readonly rowsUsed: number;
  readonly rowsWithoutGroup: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
  readonly currency: string | undefined;
  readonly dataStartMs: number | undefined;
  /** Per period, the rows counted in the team but in no group (rows without a group key). */
}

/** Buckets over `periods`, counting only instants in `[fromMs, toMs)`. */
export function periodBuckets(periods: readonly KpiPeriod[], fromMs: number, toMs: number): Buckets {
  const index = createPeriodIndex(periods);
  const last = periods[periods.length - 1];
  return {
    count: periods.length,
    indexOf: (ms: number) => (ms >= fromMs && ms < toMs ? index.indexOf(ms) : -1),
    key: `${fromMs}|${toMs}|${periods.map((period) => period.startMs).join(",")}|${last?.endMs ?? ""}`,
  };
}

/** What a series covers. */
export interface SeriesFrame {
  readonly grain: KpiGrain;
  readonly periods: readonly KpiPeriod[];
  readonly range: MeasureRange;
  /** Rows at or after it are not counted: a period reaching past it is partial. */
  readonly asOfMs: number;
  readonly groupBy: KpiGroupBy | readonly KpiGroupBy[] | undefined;
  readonly groups: readonly string[];
}

/**
 * The series of evaluated cells: one point per period (per group when grouped), sorted by
 * period then group; the team points (`group: null`, from all rows) come along in `team`.
 * A period only partly inside `[from, min(to, asOf))` is marked `coverage: "partial"`, one
 * that ends before the source's first row `"before-data"`.
 */
export function seriesOf(evaluated: EvaluatedCells, frame: SeriesFrame): KpiSeries & { readonly team: readonly KpiSeriesPoint[] } {
  const { periods, range } = frame;
  const fields = groupFields(frame.groupBy);
  const endMs = Math.min(range.toMs, frame.asOfMs);
  const coverageOf = (period: KpiPeriod): KpiSeriesPoint["coverage"] => {
    if (evaluated.dataStartMs === undefined || period.endMs <= evaluated.dataStartMs) return "before-data";
    if (period.startMs < range.fromMs || period.endMs > endMs) return "partial";
    return undefined;
  };
  const coverage = periods.map(coverageOf);
  const points: KpiSeriesPoint[] = [];
  const team: KpiSeriesPoint[] = [];
  periods.forEach((period, i) => {
    const cell = evaluated.total[i];
    if (cell !== undefined) {
      const withoutGroup = fields.length === 0 ? undefined : cell.withoutGroup;
      team.push(point(period, null, undefined, cell, coverage[i], withoutGroup));
    }
    if (fields.length === 0) {
      if (cell !== undefined) points.push(point(period, null, undefined, cell, coverage[i], undefined));
      return;
    }
    for (const group of frame.groups) {
      const groupCell = (evaluated.byGroup.get(group) ?? evaluated.empty)[i];
      if (groupCell === undefined) continue;
      const keys = fields.length > 1 ? keyParts(group) : undefined;
      points.push(point(period, fields.length > 1 ? keyLabel(group) : group, keys, groupCell, coverage[i], undefined));
    }
  });
  const skippedReasons: Record<string, number> = { ...evaluated.skippedReasons };
  if (fields.length > 0 && evaluated.rowsWithoutGroup > 0) skippedReasons[`no-${fields.join("-")}`] = evaluated.rowsWithoutGroup;
  const rowsSkipped = Object.values(skippedReasons).reduce((a, b) => a + b, 0);
  const first = periods[0];
  const last = periods[periods.length - 1];
  return {
    grain: frame.grain,
    bounds: {
      start: first?.start ?? range.from,
      end: last?.end ?? range.to,
      startMs: first?.startMs ?? range.fromMs,
      endMs: last?.endMs ?? range.toMs,
    },
    range,
    periods,
    groupBy: fields.length === 0 ? null : fields.length === 1 ? (fields[0] as KpiGroupBy) : fields,
    groups: fields.length > 1 ? frame.groups.map(keyLabel) : frame.groups,
    additive: evaluated.additive,
    points,
    team,
    rowsUsed: evaluated.rowsUsed - (fields.length === 0 ? 0 : evaluated.rowsWithoutGroup),
    rowsSkipped,
    skippedReasons,
    ...(evaluated.currency === undefined ? {} : { currency: evaluated.currency }),
  };
}

function point(
  period: KpiPeriod,
  group: string | null,
  keys: readonly string[] | undefined,
  cell: SeriesCell,
  coverage: KpiSeriesPoint["coverage"],
  withoutGroup: number | undefined,
): KpiSeriesPoint {
  return {
    period,
    group,
    value: cell.value,
    ...(cell.ratio === undefined ? {} : { ratio: cell.ratio }),
    rows: cell.rows,
    ...(keys === undefined ? {} : { keys }),
    ...(cell.skipped === undefined ? {} : { skipped: cell.skipped }),
    ...(withoutGroup === undefined || withoutGroup === 0 ? {} : { withoutGroup }),
    ...(cell.mature === undefined ? {} : { mature: cell.mature }),
    ...(cell.median === undefined ? {} : { median: cell.median }),
    ...(coverage === undefined ? {} : { coverage }),
  };
}
