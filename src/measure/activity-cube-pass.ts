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

/** Finished as counts: Σ quantity is a whole number. */
const COUNTS: CellFinish = { valueOf: countDecimal };

/**
 * The cells of an activity count (Σ quantity) from the cube over `options.buckets`, or
 * `undefined` when there is no cube for them (buckets without a key, or a cube that would not
 * fit: then the row pass serves).
 */
export function accumulateActivityCube(data: PreparedData, measure: Extract<AdditiveMeasure, { readonly source: "activities" }>, options: AccumulateOptions, fields: readonly KpiGroupBy[]): Accumulated | undefined {
  const buckets = options.buckets;
  if (buckets.key === undefined || !cubeFits(data.activityColumns, buckets)) return undefined;
  const keyOf = groupKeyReader("activities", fields);
  const owner = matcher(measure.where?.owner);
  const team = matcher(measure.where?.team);
  const type = matcher(measure.where?.type);
  const cube = activityCube(data.activityColumns, buckets as Buckets & { readonly key: string });
  const { comboOwner, comboTeam, types, firstMs } = cube.columns;
  const count = cube.buckets;
  const typeCount = types.length;
  // A group code per key, numbered as pairs with rows first reach it (at most one per pair).
  const codes = new Map<string, number>();
  const keys: string[] = [];
  const cells = cellCounts(keyOf === undefined ? 0 : comboOwner.length * typeCount, count);
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  for (let combo = 0; combo < comboOwner.length; combo++) {
    const rowOwner = comboOwner[combo] as string;
    const rowTeam = comboTeam[combo];
    if (!owner(rowOwner) || !team(rowTeam)) continue;
    for (let code = 0; code < typeCount; code++) {
      const rowType = types[code] as string;
      if (!type(rowType)) continue;
      const base = (combo * typeCount + code) * count;
      // The pair's group code, found at its first bucket with rows: -1 without a key, undefined when not grouped.
      let group: number | undefined;
      for (let bucket = 0; bucket < count; bucket++) {
        const rows = cube.rows[base + bucket] as number;
        if (rows === 0) continue;
        if (group === undefined && keyOf !== undefined) group = groupCode(keyOf({ owner: rowOwner, team: rowTeam, type: rowType }), codes, keys);
        rowsUsed += rows;
        if (addToCells(cells, bucket, cube.quantity[base + bucket] as number, group, rows)) rowsWithoutGroup += rows;
      }
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

/** The code of group `key` (-1 for none), numbering a new key next. */
function groupCode(key: string | undefined, codes: Map<string, number>, keys: string[]): number {
  if (key === undefined) return -1;
  let code = codes.get(key);
  if (code === undefined) {
    code = keys.length;
    codes.set(key, code);
    keys.push(key);
  }
  return code;
}
