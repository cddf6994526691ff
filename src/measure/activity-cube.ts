// Internal: activities in columns, and their counts per (owner × team combination, type,
// bucket) in one pass, shared by every activity measure over the same buckets. The scorecard's
// six activity KPIs (calls, emails, meetings per call …) read one cube instead of making six
// passes over a million row objects. Both are memoised on the (immutable) prepared array.
import type { PreparedActivity } from "../model/prepared.js";
import type { Buckets } from "./accumulate.js";

/** Activities as columns: instants, quantities and dictionary codes. */
export interface ActivityColumns {
  readonly length: number;
  readonly at: Float64Array;
  readonly quantity: Float64Array;
  /** Code of the row's (owner, team) pair: `comboOwner[code]`, `comboTeam[code]`. */
  readonly combo: Int32Array;
  /** Code of the row's type: `types[code]`. */
  readonly type: Int32Array;
  readonly comboOwner: readonly string[];
  readonly comboTeam: ReadonlyArray<string | undefined>;
  readonly types: readonly string[];
  /** The earliest instant of any activity (`+∞` without rows). */
  readonly firstMs: number;
}

/** Counts of one cube: per (combo, type, bucket), rows and Σ quantity. */
export interface ActivityCube {
  readonly columns: ActivityColumns;
  readonly buckets: number;
  /** Index `(combo × types + type) × buckets + bucket`. */
  readonly rows: Float64Array;
  readonly quantity: Float64Array;
}

const columnsOf = new WeakMap<readonly PreparedActivity[], ActivityColumns>();
const cubesOf = new WeakMap<readonly PreparedActivity[], Map<string, ActivityCube>>();
/** Cubes kept per activities array (each is small: combos × types × buckets numbers). */
const MAX_CUBES = 8;

/** The columns of `activities`, built once per array. */
export function activityColumns(activities: readonly PreparedActivity[]): ActivityColumns {
  const known = columnsOf.get(activities);
  if (known !== undefined) return known;
  const length = activities.length;
  const at = new Float64Array(length);
  const quantity = new Float64Array(length);
  const combo = new Int32Array(length);
  const type = new Int32Array(length);
  const comboOwner: string[] = [];
  const comboTeam: Array<string | undefined> = [];
  const types: string[] = [];
  const typeCodes = new Map<string, number>();
  const comboCodes = new Map<string, Map<string | undefined, number>>();
  let firstMs = Number.POSITIVE_INFINITY;
  let lastOwner: string | undefined;
  let lastTeam: string | undefined;
  let lastCombo = -1;
  let lastType: string | undefined;
  let lastTypeCode = -1;
  for (let i = 0; i < length; i++) {
    const row = activities[i] as PreparedActivity;
    at[i] = row.at;
    if (row.at < firstMs) firstMs = row.at;
    quantity[i] = row.quantity;
    // Exports come sorted by rep more often than not: reuse the previous row's codes.
    if (lastCombo < 0 || row.owner !== lastOwner || row.team !== lastTeam) {
      let teams = comboCodes.get(row.owner);
      if (teams === undefined) {
        teams = new Map();
        comboCodes.set(row.owner, teams);
      }
      let code = teams.get(row.team);
      if (code === undefined) {
        code = comboOwner.length;
        comboOwner.push(row.owner);
        comboTeam.push(row.team);
        teams.set(row.team, code);
      }
      lastOwner = row.owner;
      lastTeam = row.team;
      lastCombo = code;
    }
    combo[i] = lastCombo;
    if (row.type !== lastType) {
      let code = typeCodes.get(row.type);
      if (code === undefined) {
        code = types.length;
        types.push(row.type);
        typeCodes.set(row.type, code);
      }
      lastType = row.type;
      lastTypeCode = code;
    }
    type[i] = lastTypeCode;
  }
  const columns: ActivityColumns = { length, at, quantity, combo, type, comboOwner, comboTeam, types, firstMs };
  columnsOf.set(activities, columns);
  return columns;
}

/**
 * The cube of `activities` over `buckets` (which must carry a `key`): one pass, integer
 * arithmetic only (quantities are positive integers, so every sum is exact below 2^53).
 */
export function activityCube(activities: readonly PreparedActivity[], buckets: Buckets & { readonly key: string }): ActivityCube {
  let cubes = cubesOf.get(activities);
  const known = cubes?.get(buckets.key);
  if (known !== undefined) return known;
  const columns = activityColumns(activities);
  const count = buckets.count;
  const typeCount = columns.types.length;
  const size = columns.comboOwner.length * typeCount * count;
  const rows = new Float64Array(size);
  const quantity = new Float64Array(size);
  const { at, combo, type } = columns;
  const q = columns.quantity;
  for (let i = 0; i < columns.length; i++) {
    const bucket = buckets.indexOf(at[i] as number);
    if (bucket < 0) continue;
    const k = ((combo[i] as number) * typeCount + (type[i] as number)) * count + bucket;
    rows[k] = (rows[k] as number) + 1;
    quantity[k] = (quantity[k] as number) + (q[i] as number);
  }
  const cube: ActivityCube = { columns, buckets: count, rows, quantity };
  if (cubes === undefined) {
    cubes = new Map();
    cubesOf.set(activities, cubes);
  }
  if (cubes.size >= MAX_CUBES) cubes.delete(cubes.keys().next().value as string);
  cubes.set(buckets.key, cube);
  return cube;
}

/** Drops the cubes memoised for `activities` (benchmarks measure a cold first call with it). */
export function forgetActivityCubes(activities: readonly PreparedActivity[]): void {
  cubesOf.delete(activities);
}
