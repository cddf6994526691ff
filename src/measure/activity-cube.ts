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
 * The cube of the activity `columns` over `buckets` (which must carry a `key`): one pass, integer
 * arithmetic only (quantities are positive integers, so every sum is exact below 2^53).
 */
export function activityCube(columns: ActivityColumns, buckets: Buckets & { readonly key: string }): ActivityCube {
  const known = cubesOf.get(columns, buckets.key);
  if (known !== undefined) return known;
  const count = buckets.count;
  const typeCount = columns.types.length;
  const size = columns.comboOwner.length * typeCount * count;
  // 32-bit cells while every sum fits (half the memory, so the cube stays in cache), else 64-bit floats (exact below 2^53).
  const rows = columns.length < 2 ** 31 ? new Int32Array(size) : new Float64Array(size);
  const quantity = columns.totalQuantity < 2 ** 31 ? new Int32Array(size) : new Float64Array(size);
  // Locals, not property reads, in the loops; a row's cell is its (owner × team, type) pair's row of `count` buckets.
  const at = columns.at;
  // Defined: a cube that fits has far fewer than 2^31 pairs.
  const pair = columns.pair as Int32Array;
  const q = columns.quantity;
  const length = columns.length;
  const slots = buckets.slots;
  if (slots !== undefined) {
    // The quarter-hour table read inline (a slot holding a boundary asks indexOf).
    const { table, base, slotMs, fromMs, toMs } = slots;
    for (let i = 0; i < length; i++) {
      const ms = at[i] as number;
      if (!(ms >= fromMs && ms < toMs)) continue;
      let bucket = table[Math.floor(ms / slotMs) - base] as number;
      if (bucket === -2) bucket = buckets.indexOf(ms);
      if (bucket < 0) continue;
      const k = (pair[i] as number) * count + bucket;
      rows[k] = (rows[k] as number) + 1;
      quantity[k] = (quantity[k] as number) + (q[i] as number);
    }
  } else {
    for (let i = 0; i < length; i++) {
      const bucket = buckets.indexOf(at[i] as number);
      if (bucket < 0) continue;
      const k = (pair[i] as number) * count + bucket;
      rows[k] = (rows[k] as number) + 1;
      quantity[k] = (quantity[k] as number) + (q[i] as number);
    }
  }
  const cube: ActivityCube = { columns, buckets: count, rows, quantity };
  cubesOf.set(columns, buckets.key, cube);
  return cube;
}

/** Drops the cubes memoised for `columns` (benchmarks measure a cold first call with it). */
export function forgetActivityCubes(columns: ActivityColumns): void {
  cubesOf.forget(columns);
}
