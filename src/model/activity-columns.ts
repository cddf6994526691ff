// Internal: prepared activities as columns — typed arrays of instants and quantities, and
// dictionary codes for owner × team and type — built once per prepared array (in
// preparation), so passes over a million activities read numbers, not row objects.
import { DictionaryBuilder } from "./dictionary.js";
import type { PreparedActivity } from "./prepared.js";

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
  /** Σ quantity over all activities (a bound on every cell of a count). */
  readonly totalQuantity: number;
}

const columnsOf = new WeakMap<readonly PreparedActivity[], ActivityColumns>();

/** The columns of `activities`, built once per array. */
export function activityColumns(activities: readonly PreparedActivity[]): ActivityColumns {
  const known = columnsOf.get(activities);
  if (known !== undefined) return known;
  const length = activities.length;
  const at = new Float64Array(length);
  const quantity = new Float64Array(length);
  const combo = new Int32Array(length);
  const type = new DictionaryBuilder(length);
  const comboOwner: string[] = [];
  const comboTeam: Array<string | undefined> = [];
  const comboCodes = new Map<string, Map<string | undefined, number>>();
  let firstMs = Number.POSITIVE_INFINITY;
  let totalQuantity = 0;
  let lastOwner: string | undefined;
  let lastTeam: string | undefined;
  let lastCombo = -1;
  for (let i = 0; i < length; i++) {
    const row = activities[i] as PreparedActivity;
    at[i] = row.at;
    if (row.at < firstMs) firstMs = row.at;
    quantity[i] = row.quantity;
    totalQuantity += row.quantity;
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
    type.set(i, row.type);
  }
  const { codes: typeCodes, values: types } = type.done();
  const columns: ActivityColumns = { length, at, quantity, combo, type: typeCodes, comboOwner, comboTeam, types, firstMs, totalQuantity };
  columnsOf.set(activities, columns);
  return columns;
}

