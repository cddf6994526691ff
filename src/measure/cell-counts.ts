// Internal: the running cells of a pass over columns (rows and a value per group code and
// bucket, in typed arrays: no object per cell while passing) and their finished values. The
// deal columns pass and the activity cube pass both count into these.
import type { KpiDecimal } from "../core/decimal.js";
import type { CellValue } from "./accumulate.js";

/** The running cells of a pass: (group code + 1) × bucket, the total's buckets first. */
export interface CellCounts {
  readonly bucketCount: number;
  readonly rows: Int32Array;
  readonly values: Float64Array;
  /** Per bucket, the rows counted in the total without a group. */
  readonly withoutGroup: Int32Array;
  /** 1 for each group code with a row. */
  readonly seen: Uint8Array;
}

/** Empty cells for `groupCount` group codes over `bucketCount` buckets. */
export function cellCounts(groupCount: number, bucketCount: number): CellCounts {
  const cellCount = (groupCount + 1) * bucketCount;
  return { bucketCount, rows: new Int32Array(cellCount), values: new Float64Array(cellCount), withoutGroup: new Int32Array(bucketCount), seen: new Uint8Array(groupCount) };
}

/**
 * Adds `rows` rows of `amount` in all to `bucket`: the total's cell, and its group's (`group`:
 * its code, -1 without one, `undefined` when not grouped). True when they were counted without a group.
 */
export function addToCells(cells: CellCounts, bucket: number, amount: number, group: number | undefined, rows = 1): boolean {
  const counts = cells.rows;
  const values = cells.values;
  counts[bucket] = (counts[bucket] as number) + rows;
  values[bucket] = (values[bucket] as number) + amount;
  if (group === undefined) return false;
  if (group < 0) {
    cells.withoutGroup[bucket] = (cells.withoutGroup[bucket] as number) + rows;
    return true;
  }
  const cell = (group + 1) * cells.bucketCount + bucket;
  cells.seen[group] = 1;
  counts[cell] = (counts[cell] as number) + rows;
  values[cell] = (values[cell] as number) + amount;
  return false;
}

/** What a row of cells is finished with: each value's Decimal, and the rows left out per cell (if any are counted). */
export interface CellFinish {
  readonly valueOf: (value: number) => KpiDecimal;
  readonly skipped?: { readonly counts: Int32Array; readonly reason: string };
}

/**
 * The finished cells of row `row` (0: the total, `code + 1`: a group's), one per bucket: rows,
 * value, the rows left out (`skipped`, when any) and, in the total, the rows without a group.
 */
export function finishedCells(cells: CellCounts, row: number, finish: CellFinish): CellValue[] {
  const { bucketCount, rows, values, withoutGroup } = cells;
  const isTotal = row === 0;
  // One cell per bucket, written at its index (no store copied as the array grows).
  const out: CellValue[] = new Array<CellValue>(bucketCount);
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const cell = row * bucketCount + bucket;
    const value: { rows: number; value: KpiDecimal; skipped?: Readonly<Record<string, number>>; withoutGroup?: number } = {
      rows: rows[cell] as number,
      value: finish.valueOf(values[cell] as number),
    };
    const left = finish.skipped?.counts[cell] ?? 0;
    if (left > 0) value.skipped = { [(finish.skipped as { readonly reason: string }).reason]: left };
    if (isTotal && withoutGroup[bucket] !== 0) value.withoutGroup = withoutGroup[bucket] as number;
    out[bucket] = value;
  }
  return out;
}
