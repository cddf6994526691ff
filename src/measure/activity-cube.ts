// Internal: activity counts per (owner × team combination, type, bucket) in one pass over the
// activity columns, shared by every activity measure over the same buckets. The scorecard's
// six activity KPIs (calls, emails, meetings per call …) read one cube instead of making six
// passes over a million rows. Memoised on the (immutable) prepared array.
import type { ActivityColumns } from "../model/activity-columns.js";
import type { Buckets } from "./accumulate.js";
import { MemoPerObject } from "../core/memo-per-object.js";

/** Counts of one cube: per (combo, type, bucket), rows and Σ quantity. */
export interface ActivityCube {
  readonly columns: ActivityColumns;
  readonly buckets: number;
  /** Index `(combo × types + type) × buckets + bucket`. */
  readonly rows: Int32Array | Float64Array;
  readonly quantity: Int32Array | Float64Array;
}

/** At most 4 cubes kept per activity columns (each at most 16 bytes per activity, see {@link cubeFits}). */
const cubesOf = new MemoPerObject<ActivityColumns, string, ActivityCube>(4);

/**
 * Whether a cube over `buckets` pays: it holds combos × types × buckets cells, so it is only
 * built when that is at most one cell per activity (or a few thousand). A sparse case — many
 * reps, many types, daily buckets over years — takes the row pass instead.
 */
export function cubeFits(columns: ActivityColumns, buckets: Buckets): boolean {
  return columns.comboOwner.length * columns.types.length * buckets.count <= Math.max(columns.length, 4096);
}

/**
 * Rows and Σ quantity of a cell packed in one float, `rows + quantity × PACK`, so a row costs one
 * read-modify-write instead of two. Exact while every packed value stays below 2^53: rows below
 * 2^26 and Σ quantity below 2^27 (see {@link packs}).
 */
const PACK = 2 ** 26;
const HOUR_MS = 3_600_000;

/** Whether `columns` can be counted in packed cells: every cell's rows < 2^26 and Σ quantity < 2^27. */
function packs(columns: ActivityColumns): boolean {
  return columns.length < PACK && columns.totalQuantity < 2 * PACK;
}

/**
 * The cube of the activity `columns` over `buckets` (which must carry a `key`): one pass, integer
 * arithmetic only (quantities are positive integers, so every sum is exact below 2^53).
 */
export function activityCube(columns: ActivityColumns, buckets: Buckets & { readonly key: string }): ActivityCube {
  const known = cubesOf.get(columns, buckets.key);
  if (known !== undefined) return known;
  const count = buckets.count;
  const size = columns.comboOwner.length * columns.types.length * count;
  const cube = packs(columns) ? packedCube(columns, buckets, size) : wideCube(columns, buckets, size);
  cubesOf.set(columns, buckets.key, cube);
  return cube;
}

/** The cube in packed cells, unpacked into 32-bit rows and quantities at the end (a cell per pair and bucket, far fewer than rows). */
function packedCube(columns: ActivityColumns, buckets: Buckets, size: number): ActivityCube {
  const count = buckets.count;
  const cells = new Float64Array(size);
  // Locals, not property reads, in the loops; a row's cell is its (owner × team, type) pair's row of `count` buckets.
  const at = columns.at;
  // Defined: a cube that fits has far fewer than 2^31 pairs.
  const pair = columns.pair as Int32Array;
  const q = columns.quantity;
  const length = columns.length;
  const slots = buckets.slots;
  if (slots !== undefined && slots.slotMs === HOUR_MS) {
    // Hour slots read by each row's hour number: no division, and no range check (a slot
    // holding the range's start or end asks indexOf, as one holding a boundary does).
    const { table, base } = slots;
    const size = table.length;
    const hour = columns.hour;
    for (let i = 0; i < length; i++) {
      const slot = (hour[i] as number) - base;
      if (slot >>> 0 >= size) continue;
      let bucket = table[slot] as number;
      if (bucket === -2) bucket = buckets.indexOf(at[i] as number);
      if (bucket < 0) continue;
      const k = (pair[i] as number) * count + bucket;
      cells[k] = (cells[k] as number) + (1 + (q[i] as number) * PACK);
    }
  } else if (slots !== undefined) {
    // The slot table read inline (a slot holding a boundary asks indexOf).
    const { table, base, slotMs, fromMs, toMs } = slots;
    for (let i = 0; i < length; i++) {
      const ms = at[i] as number;
      if (!(ms >= fromMs && ms < toMs)) continue;
      let bucket = table[Math.floor(ms / slotMs) - base] as number;
      if (bucket === -2) bucket = buckets.indexOf(ms);
      if (bucket < 0) continue;
      const k = (pair[i] as number) * count + bucket;
      cells[k] = (cells[k] as number) + (1 + (q[i] as number) * PACK);
    }
  } else {
    for (let i = 0; i < length; i++) {
      const bucket = buckets.indexOf(at[i] as number);
      if (bucket < 0) continue;
      const k = (pair[i] as number) * count + bucket;
      cells[k] = (cells[k] as number) + (1 + (q[i] as number) * PACK);
    }
  }
  const rows = new Int32Array(size);
  const quantity = new Int32Array(size);
  for (let k = 0; k < size; k++) {
    const cell = cells[k] as number;
    const sum = Math.floor(cell / PACK);
    quantity[k] = sum;
    rows[k] = cell - sum * PACK;
  }
  return { columns, buckets: count, rows, quantity };
}

/** The cube in two arrays of 64-bit floats (exact below 2^53): for inputs too large to pack. */
function wideCube(columns: ActivityColumns, buckets: Buckets, size: number): ActivityCube {
  const count = buckets.count;
  const rows = new Float64Array(size);
  const quantity = new Float64Array(size);
  const at = columns.at;
  const pair = columns.pair as Int32Array;
  const q = columns.quantity;
  // Rare (Σ quantity of 2^27 minutes or more): indexOf per row, which reads the slot table itself.
  for (let i = 0; i < columns.length; i++) {
    const bucket = buckets.indexOf(at[i] as number);
    if (bucket < 0) continue;
    const k = (pair[i] as number) * count + bucket;
    rows[k] = (rows[k] as number) + 1;
    quantity[k] = (quantity[k] as number) + (q[i] as number);
  }
  return { columns, buckets: count, rows, quantity };
}

/** Drops the cubes memoised for `columns` (benchmarks measure a cold first call with it). */
export function forgetActivityCubes(columns: ActivityColumns): void {
  cubesOf.forget(columns);
}
