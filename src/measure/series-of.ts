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
  const key = `${fromMs}|${toMs}|${periods.map((period) => period.startMs).join(",")}|${last?.endMs ?? ""}`;
  const table = slotTable(periods, fromMs, toMs);
  if (table === undefined) return { count: periods.length, indexOf: (ms: number) => (ms >= fromMs && ms < toMs ? index.indexOf(ms) : -1), key };
  const { slots, base, slotMs } = table;
  return {
    count: periods.length,
    indexOf(ms: number): number {
      if (!(ms >= fromMs && ms < toMs)) return -1;
      const bucket = slots[Math.floor(ms / slotMs) - base] as number;
      return bucket === BOUNDARY ? index.indexOf(ms) : bucket;
    },
    key,
    slots: { table: slots, base, slotMs, fromMs, toMs },
  };
}

/** A bucket per slot (an hour or a quarter hour). */
export type SlotTable = Int8Array | Int16Array | Int32Array;

/**
 * Slot widths, widest first: an hour when every period boundary is a whole hour (UTC and most
 * zones: rows then read the table by their prepared hour number, with no division), else a
 * quarter hour (every modern zone's offsets are whole quarter hours).
 */
const SLOT_WIDTHS = [3_600_000, 900_000] as const;
/** A slot holding a boundary: looked up by binary search. */
const BOUNDARY = -2;
/** Beyond this many slots (about 7 years of quarter hours, 1 MB) the table is not worth its memory: binary search. */
const MAX_SLOTS = 262_144;

/** The widest slot that every period boundary starts (a quarter hour when none does: boundaries inside a slot are searched). */
function slotWidth(periods: readonly KpiPeriod[]): number {
  const fits = (width: number) => periods.every((period) => period.startMs % width === 0 && period.endMs % width === 0);
  return SLOT_WIDTHS.find(fits) ?? 900_000;
}

/**
 * The bucket of each slot of `[fromMs, toMs)`: a row's bucket is one array read instead of a
 * binary search. A slot that holds a period boundary is marked {@link BOUNDARY} and searched,
 * so any boundary (a zone with a seconds offset) stays exact; so is a slot that holds the
 * range's own start or end (an `asOf` mid-hour), so that a row's slot alone decides, without
 * comparing its instant with the range (slots beyond the table are outside it).
 */
function slotTable(periods: readonly KpiPeriod[], fromMs: number, toMs: number): { slots: SlotTable; base: number; slotMs: number } | undefined {
  if (periods.length === 0 || !(toMs > fromMs) || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) return undefined;
  const slotMs = slotWidth(periods);
  const base = Math.floor(fromMs / slotMs);
  const size = Math.ceil(toMs / slotMs) - base;
  if (size > MAX_SLOTS) return undefined;
  // The narrowest integers that hold every bucket: two years of quarter hours in bytes (70 kB), of hours 18 kB.
  const slots = (periods.length < 2 ** 7 ? new Int8Array(size) : periods.length < 2 ** 15 ? new Int16Array(size) : new Int32Array(size)).fill(-1);
  const mark = (ms: number): void => {
    const slot = Math.floor(ms / slotMs) - base;
    if (ms % slotMs !== 0 && slot >= 0 && slot < size) slots[slot] = BOUNDARY;
  };
  periods.forEach((period, i) => {
    const first = Math.max(0, Math.ceil(period.startMs / slotMs) - base);
    const end = Math.min(size, Math.floor(period.endMs / slotMs) - base);
    if (end > first) slots.fill(i, first, end);
  });
  for (const period of periods) {
    mark(period.startMs);
    mark(period.endMs);
  }
  mark(fromMs);
  mark(toMs);
  return { slots, base, slotMs };
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
 * The coverage of each period's points: `"before-data"` when it ends by the source's first
 * row (`dataStartMs`; every period when there is none), `"partial"` when it lies only partly
 * inside `[from, min(to, asOf))`, else none.
 */
export function periodCoverage(dataStartMs: number | undefined, periods: readonly KpiPeriod[], range: MeasureRange, asOfMs: number): Array<KpiSeriesPoint["coverage"]> {
  const endMs = Math.min(range.toMs, asOfMs);
  return periods.map((period) => {
    if (dataStartMs === undefined || period.endMs <= dataStartMs) return "before-data";
    if (period.startMs < range.fromMs || period.endMs > endMs) return "partial";
    return undefined;
  });
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
  const coverage = periodCoverage(evaluated.dataStartMs, periods, range, frame.asOfMs);
  const team: KpiSeriesPoint[] = [];
  // Per group, once (not per period): its label, its key parts and its cells.
  const two = fields.length > 1;
  const labels = two ? frame.groups.map(keyLabel) : frame.groups;
  // Shared by the group's points, so frozen.
  const keyLists = two ? frame.groups.map((group) => Object.freeze(keyParts(group))) : undefined;
  const groupCells = frame.groups.map((group) => evaluated.byGroup.get(group) ?? evaluated.empty);
  // Points written in order into an array of their most (a point per period and group), cut
  // to those written at the end: pushing 40,000 points copies the array's store each time it
  // grows (a sixth of a count series' allocation).
  const points: KpiSeriesPoint[] = new Array<KpiSeriesPoint>(periods.length * (fields.length === 0 ? 1 : labels.length));
  let written = 0;
  periods.forEach((period, i) => {
    const cell = evaluated.total[i];
    if (cell !== undefined) {
      const withoutGroup = fields.length === 0 ? undefined : cell.withoutGroup;
      team.push(point(period, null, undefined, cell, coverage[i], withoutGroup));
    }
    if (fields.length === 0) {
      if (cell !== undefined) points[written++] = point(period, null, undefined, cell, coverage[i], undefined);
      return;
    }
    for (let g = 0; g < labels.length; g++) {
      const groupCell = (groupCells[g] as readonly SeriesCell[])[i];
      if (groupCell === undefined) continue;
      points[written++] = point(period, labels[g] as string, keyLists?.[g], groupCell, coverage[i], undefined);
    }
  });
  points.length = written;
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
    groups: labels,
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
  // Keys in the order the point type lists them (JSON output reads in this order). Tens of
  // thousands of points per series: the common shapes are one literal each, as a property
  // added to an object after its literal goes to a backing store of its own, an allocation
  // per point (a count series' points: period, group, value, rows, and keys and coverage).
  const value = cell.value;
  const rows = cell.rows;
  if (cell.ratio === undefined && cell.skipped === undefined && (withoutGroup === undefined || withoutGroup === 0) && cell.mature === undefined && cell.median === undefined) {
    if (keys === undefined) return coverage === undefined ? { period, group, value, rows } : { period, group, value, rows, coverage };
    return coverage === undefined ? { period, group, value, rows, keys } : { period, group, value, rows, keys, coverage };
  }
  const out = (cell.ratio === undefined ? { period, group, value, rows } : { period, group, value, ratio: cell.ratio, rows }) as {
    -readonly [K in keyof KpiSeriesPoint]: KpiSeriesPoint[K];
  };
  if (keys !== undefined) out.keys = keys;
  if (cell.skipped !== undefined) out.skipped = cell.skipped;
  if (withoutGroup !== undefined && withoutGroup !== 0) out.withoutGroup = withoutGroup;
  if (cell.mature !== undefined) out.mature = cell.mature;
  if (cell.median !== undefined) out.median = cell.median;
  if (coverage !== undefined) out.coverage = coverage;
  return out;
}
