// Internal: evaluates any computable measure (additive, or a ratio of two additive ones)
// into per-(group, bucket) points, on top of the one-pass `accumulate`.
import { type KpiDecimal, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { type Ratio, ratio } from "../core/ratio.js";
import type { PreparedKpiData } from "../model/prepared.js";
import { type Accumulated, accumulate, type Buckets, type CellValue, mergeReasons } from "./accumulate.js";
import type { AdditiveMeasure, Measure } from "./measure.js";
import type { KpiGroupBy } from "./series.js";

/** The value of a measure in one bucket (and group). */
export interface EvaluatedCell {
  readonly value: KpiDecimal | null;
  readonly ratio: Ratio | undefined;
  readonly rows: number;
}

/** A measure evaluated over buckets. */
export interface Evaluated {
  readonly additive: boolean;
  /** Per group key seen in the data, one cell per bucket. */
  readonly byGroup: ReadonlyMap<string, readonly EvaluatedCell[]>;
  /** One cell per bucket over all rows. */
  readonly total: readonly EvaluatedCell[];
  /** An all-zero cell list for a group without rows. */
  readonly empty: readonly EvaluatedCell[];
  readonly rowsUsed: number;
  readonly rowsWithoutGroup: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
  readonly currency: string | undefined;
}

const EMPTY_CELL: CellValue = { value: ZERO, rows: 0 };

/** Evaluates `measure` (already parsed) over `buckets`; rejects builtins. */
export function evaluate(
  data: PreparedKpiData,
  measure: Measure,
  buckets: Buckets,
  groupBy: KpiGroupBy | undefined,
  missingAmount: "error" | "skip",
): Evaluated {
  if (measure.kind === "builtin") {
    throw definitionError("invalid-definition", ["measure", "id"], messages.builtinMeasure(measure.id));
  }
  const options = { buckets, groupBy, missingAmount };
  return evaluateAccumulated(measure, buckets.count, (leaf) => accumulate(data, leaf, options));
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
    const asCells = (cells: readonly CellValue[]): EvaluatedCell[] =>
      cells.map((cell) => ({ value: cell.value, ratio: undefined, rows: cell.rows }));
    const byGroup = new Map<string, EvaluatedCell[]>();
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
    };
  }
  const numerator = accumulateLeaf(measure.numerator);
  const denominator = accumulateLeaf(measure.denominator);
  const empty = Array.from({ length: buckets.count }, () => EMPTY_CELL);
  const combine = (n: readonly CellValue[], d: readonly CellValue[]): EvaluatedCell[] =>
    n.map((cell, i) => {
      const other = d[i] ?? EMPTY_CELL;
      const r = ratio(cell.value, other.value);
      return { value: r.value, ratio: r, rows: cell.rows + other.rows };
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
  };
}
