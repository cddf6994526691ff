// Internal: an activity count measure read from the activity cube (counts per owner × team,
// type and bucket, one pass over the activities shared by every activity measure on the same
// buckets) into typed-array cells: per (owner × team, type) pair its filter and group are
// decided once, and its buckets are added with no object or string key per cell. The same
// cells as the row pass in `accumulate`, which serves where the cube does not fit.
import { countDecimal } from "../core/decimal.js";
import type { Accumulated, AccumulateOptions, Buckets, CellValue } from "./accumulate.js";
import { activityCube, cubeFits } from "./activity-cube.js";
import { addToCells, cellCounts, type CellFinish, finishedCells } from "./cell-counts.js";
import { matcher } from "./filter-matcher.js";
import { groupKeyReader } from "./group-key.js";
import type { AdditiveMeasure } from "./measure.js";
import type { PreparedData } from "../model/prepared.js";
import type { KpiGroupBy } from "./series.js";

/** A pair's group code when the filter leaves it out or it has no rows. */
const LEFT_OUT = -2;
/** A pair's group code without a group key (or when not grouped): counted in the team only. */
const NO_GROUP = -1;

/** Finished as counts: Σ quantity is a whole number. */
const COUNTS: CellFinish = { valueOf: countDecimal };

/**
 * The cells of an activity count (Σ quantity) from the cube over `options.buckets`, or
 * `undefined` when there is no cube for them (buckets without a key, or a cube that would not
 * fit: then the row pass serves).
 */
export function accumulateActivityCube(data: PreparedData, measure: Extract<AdditiveMeasure, { readonly source: "activities" }>, options: AccumulateOptions, fields: readonly KpiGroupBy[]): Accumulated | undefined {
  const buckets = options.buckets;
  if (buckets.key === undefined || buckets.count === 0 || !cubeFits(data.activityColumns, buckets)) return undefined;
  const keyOf = groupKeyReader("activities", fields);
  const owner = matcher(measure.where?.owner);
  const team = matcher(measure.where?.team);
  const type = matcher(measure.where?.type);
  const cube = activityCube(data.activityColumns, buckets as Buckets & { readonly key: string });
  const { comboOwner, comboTeam, types, firstMs } = cube.columns;
  const count = cube.buckets;
  const typeCount = types.length;
  const pairs = comboOwner.length * typeCount;
  // Each (owner × team, type) pair's group code, decided once ({@link LEFT_OUT}, {@link
  // NO_GROUP} or a group's code from 0). Codes are numbered in pair
  // order, so the cells are (groups + 1) × buckets: a breakdown by owner has one row of cells
  // per owner, not one per pair.
  const pairGroup = new Int32Array(pairs).fill(LEFT_OUT);
  const codes = new Map<string, number>();
  const keys: string[] = [];
  for (let combo = 0; combo < comboOwner.length; combo++) {
    const rowOwner = comboOwner[combo] as string;
    const rowTeam = comboTeam[combo];
    if (!owner(rowOwner) || !team(rowTeam)) continue;
    for (let code = 0; code < typeCount; code++) {
      const rowType = types[code] as string;
      const pair = combo * typeCount + code;
      if (!type(rowType) || !hasRows(cube.rows, pair * count, count)) continue;
      pairGroup[pair] = keyOf === undefined ? NO_GROUP : groupCode(keyOf({ owner: rowOwner, team: rowTeam, type: rowType }), codes, keys);
    }
  }
  const cells = cellCounts(keys.length, count);
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  for (let pair = 0; pair < pairs; pair++) {
    const code = pairGroup[pair] as number;
    if (code === LEFT_OUT) continue;
    const group = keyOf === undefined ? undefined : code;
    const base = pair * count;
    for (let bucket = 0; bucket < count; bucket++) {
      const rows = cube.rows[base + bucket] as number;
      if (rows === 0) continue;
      rowsUsed += rows;
      if (addToCells(cells, bucket, cube.quantity[base + bucket] as number, group, rows)) rowsWithoutGroup += rows;
    }
  }
  const byGroup = new Map<string, CellValue[]>();
  keys.forEach((key, group) => byGroup.set(key, finishedCells(cells, group + 1, COUNTS)));
  return {
    byGroup,
    total: finishedCells(cells, 0, COUNTS),
    rowsUsed,
    rowsWithoutGroup,
    skippedReasons: {},
    currency: undefined,
    dataStartMs: firstMs < (options.asOfMs ?? Number.POSITIVE_INFINITY) ? firstMs : undefined,
  };
}

/** Whether the cube row at `base` has rows in any of its `count` buckets. */
function hasRows(rows: Int32Array | Float64Array, base: number, count: number): boolean {
  for (let bucket = 0; bucket < count; bucket++) if ((rows[base + bucket] as number) !== 0) return true;
  return false;
}

/** The code of group `key` ({@link NO_GROUP} for none), numbering a new key next. */
function groupCode(key: string | undefined, codes: Map<string, number>, keys: string[]): number {
  if (key === undefined) return NO_GROUP;
  let code = codes.get(key);
  if (code === undefined) {
    code = keys.length;
    codes.set(key, code);
    keys.push(key);
  }
  return code;
}
