// Internal: evaluates any computable measure (additive, or a ratio of two additive ones)
// into per-(group, bucket) points, on top of the one-pass `accumulate`.
import { ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { ratioOf } from "../core/ratio.js";
import type { PreparedData } from "../model/prepared.js";
import { type Accumulated, accumulate, type AccumulateOptions, type CellValue, mergeReasons } from "./accumulate.js";
import { checkGroupBy, type GroupSource, groupFields } from "./group-key.js";
import type { AdditiveMeasure, Measure } from "./measure.js";
import type { EvaluatedCells, SeriesCell } from "./series-of.js";

/** The value of a measure in one bucket (and group): a series cell. */
export type EvaluatedCell = SeriesCell;

/** A measure evaluated over buckets: the cells of a series. */
export type Evaluated = EvaluatedCells;

const EMPTY_CELL: CellValue = { value: ZERO, rows: 0 };

/** Evaluates `measure` (already parsed) over `options.buckets`; rejects builtins. */
export function evaluate(data: PreparedData, measure: Measure, options: AccumulateOptions): Evaluated {
  if (measure.kind === "builtin") {
    throw definitionError("invalid-definition", ["measure", "id"], messages.builtinMeasure(measure.id));
  }
  // Every part's breakdown is checked before any part reads a row: a ratio whose denominator
  // cannot be grouped so fails with that definition error, not with its numerator's data.
  const fields = groupFields(options.groupBy);
  for (const leaf of measure.kind === "ratio" ? [measure.numerator, measure.denominator] : [measure]) checkGroupBy(leaf.source as GroupSource, fields);
  return evaluateAccumulated(measure, options.buckets.count, (leaf) => accumulate(data, leaf, options));
}

/**
 * Finishes a measure (already parsed, not a builtin) from the accumulated cells of its
 * additive parts, however they were accumulated: in process by `accumulate`, or by a
 * database (`sales-kpi/sql`), so both engines zero-fill and divide with the same code.
 */
export function evaluateAccumulated(
  measure: Exclude<Measure, { kind: "builtin" }>,
  bucketCount: number,
  accumulateLeaf: (leaf: AdditiveMeasure) => Accumulated,
): Evaluated {
  const buckets = { count: bucketCount };
  if (measure.kind !== "ratio") {
    const result = accumulateLeaf(measure);
    // An additive cell is a series cell without a ratio: passed on as it is (no copy per cell).
    const asCells = (cells: readonly CellValue[]): readonly EvaluatedCell[] => cells as readonly (CellValue & { readonly ratio?: undefined })[] as readonly EvaluatedCell[];
    const byGroup = new Map<string, readonly EvaluatedCell[]>();
    for (const [key, cells] of result.byGroup) byGroup.set(key, asCells(cells));
    return {
      additive: true,
      byGroup,
      total: asCells(result.total),
      empty: asCells(Array.from({ length: buckets.count }, () => EMPTY_CELL)),
      rowsUsed: result.rowsUsed,
      rowsWithoutGroup: result.rowsWithoutGroup,
      skippedReasons: result.skippedReasons,
      currency: result.currency,
      dataStartMs: result.dataStartMs,
    };
  }
  const numerator = accumulateLeaf(measure.numerator);
  const denominator = accumulateLeaf(measure.denominator);
  const empty = Array.from({ length: buckets.count }, () => EMPTY_CELL);
  const combine = (n: readonly CellValue[], d: readonly CellValue[]): EvaluatedCell[] =>
    n.map((cell, i) => {
      const other = d[i] ?? EMPTY_CELL;
      const r = ratioOf(cell.value, other.value);
      const skipped = mergedSkips(cell.skipped, other.skipped);
      const withoutGroup = (cell.withoutGroup ?? 0) + (other.withoutGroup ?? 0);
      return {
        value: r.value,
        ratio: r,
        rows: cell.rows + other.rows,
        ...(skipped === undefined ? {} : { skipped }),
        ...(withoutGroup === 0 ? {} : { withoutGroup }),
      };
    });
  const byGroup = new Map<string, EvaluatedCell[]>();
  const keys = new Set([...numerator.byGroup.keys(), ...denominator.byGroup.keys()]);
  for (const key of keys) byGroup.set(key, combine(numerator.byGroup.get(key) ?? empty, denominator.byGroup.get(key) ?? empty));
  const skippedReasons: Record<string, number> = {};
  mergeReasons(skippedReasons, numerator.skippedReasons);
  mergeReasons(skippedReasons, denominator.skippedReasons);
  return {
    additive: false,
    byGroup,
    total: combine(numerator.total, denominator.total),
    empty: combine(empty, empty),
    rowsUsed: numerator.rowsUsed + denominator.rowsUsed,
    rowsWithoutGroup: numerator.rowsWithoutGroup + denominator.rowsWithoutGroup,
    skippedReasons,
    currency: undefined,
    dataStartMs: earliest(numerator.dataStartMs, denominator.dataStartMs),
  };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function mergedSkips(
  a: Readonly<Record<string, number>> | undefined,
  b: Readonly<Record<string, number>> | undefined,
): Readonly<Record<string, number>> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: Record<string, number> = { ...a };
  mergeReasons(out, b);
  return out;
}
