// Internal: reads the sparse aggregate rows of a measure statement back into the cells the
// in-process engine accumulates (`Accumulated`), exactly: counts as safe integers, sums as
// KpiDecimal from their text. Everything after this is the in-process finishing code.
import { type KpiDecimal, toDecimal, ZERO } from "../core/decimal.js";
import { customIssue, definitionError, KpiInputError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { Accumulated, CellValue } from "../measure/accumulate.js";
import type { AdditiveMeasure } from "../measure/measure.js";
import { KEY_SEPARATOR } from "../measure/group-key.js";
import type { SqlRow } from "./sql-execute.js";

/** A column value read as text (drivers may give strings, numbers or bigints). */
export function readText(row: SqlRow, column: string): string | undefined {
  const value = row[column];
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  throw definitionError("invalid-option", ["execute"], messages.sqlUnexpectedValue(column, typeof value));
}

/** A count column read exactly (a safe integer). */
export function readCount(row: SqlRow, column: string): number {
  const text = readText(row, column);
  const count = text === undefined ? 0 : Number(text);
  if (!Number.isSafeInteger(count)) throw definitionError("invalid-option", ["execute"], messages.sqlUnexpectedValue(column, String(text)));
  return count;
}

/** A decimal column read exactly (NULL = 0, as an empty SQL SUM). */
export function readDecimal(row: SqlRow, column: string): KpiDecimal {
  const text = readText(row, column);
  return text === undefined ? ZERO : toDecimal(text);
}

interface MutableCell {
  rows: number;
  value: KpiDecimal;
  skipped: Record<string, number> | undefined;
  withoutGroup: number;
}

function addSkipped(cell: MutableCell, reason: string, count: number): void {
  cell.skipped ??= {};
  cell.skipped[reason] = (cell.skipped[reason] ?? 0) + count;
}

/** The group key of a row: one field, or two joined as `groupKeyReader` joins them; undefined when one is missing. */
function groupKeyOf(row: SqlRow, fields: number): string | undefined {
  const first = readText(row, "group_key");
  if (fields < 2) return first;
  const second = readText(row, "group_key2");
  return first === undefined || second === undefined ? undefined : first + KEY_SEPARATOR + second;
}

/**
 * The cells of `measure` from its statement's rows, as `accumulate` would have made them.
 * `totalRows` are the rows of the same statement without grouping, needed only for a
 * `distinct` count without `first` (distinct accounts do not add up over groups); otherwise
 * the total is the sum over the groups. Throws as `accumulate` does: KpiInputError for a
 * missing amount (unless skipped), KpiDefinitionError `mixed-currencies`.
 */
export function accumulatedFromRows(
  measure: AdditiveMeasure,
  bucketCount: number,
  fields: number,
  rows: readonly SqlRow[],
  totalRows: readonly SqlRow[] | undefined,
  missingAmount: "error" | "skip",
  dataStartMs: number | undefined,
): Accumulated {
  const grouped = fields > 0;
  const newCells = (): MutableCell[] => Array.from({ length: bucketCount }, () => ({ rows: 0, value: ZERO, skipped: undefined, withoutGroup: 0 }));
  const byGroup = new Map<string, MutableCell[]>();
  const total = newCells();
  const skippedReasons: Record<string, number> = {};
  const currencies = new Set<string>();
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  let missing = 0;
  const separateTotal = totalRows !== undefined;
  const groupCells = (key: string): MutableCell[] => {
    let cells = byGroup.get(key);
    if (cells === undefined) byGroup.set(key, (cells = newCells()));
    return cells;
  };

  for (const row of rows) {
    const bucket = readCount(row, "period_index");
    const count = readCount(row, "row_count");
    const reason = readText(row, "skip_reason");
    const key = grouped ? groupKeyOf(row, fields) : undefined;
    if (reason !== undefined) {
      if (reason === "missing-amount" && missingAmount === "error") {
        missing += count;
        continue;
      }
      if (!separateTotal) {
        skippedReasons[reason] = (skippedReasons[reason] ?? 0) + count;
        addSkipped(total[bucket] as MutableCell, reason, count);
      }
      if (key !== undefined) addSkipped(groupCells(key)[bucket] as MutableCell, reason, count);
      continue;
    }
    const value = readDecimal(row, "measure_value");
    if (measure.kind === "sum") currencies.add(readText(row, "currency_key") ?? "(none)");
    if (!separateTotal) {
      rowsUsed += count;
      const cell = total[bucket] as MutableCell;
      cell.rows += count;
      cell.value = cell.value.plus(value);
    }
    if (!grouped) continue;
    if (key === undefined) {
      rowsWithoutGroup += count;
      (total[bucket] as MutableCell).withoutGroup += count;
      continue;
    }
    const cell = groupCells(key)[bucket] as MutableCell;
    cell.rows += count;
    cell.value = cell.value.plus(value);
  }
  for (const row of totalRows ?? []) {
    const bucket = readCount(row, "period_index");
    const count = readCount(row, "row_count");
    const reason = readText(row, "skip_reason");
    if (reason !== undefined) {
      skippedReasons[reason] = (skippedReasons[reason] ?? 0) + count;
      addSkipped(total[bucket] as MutableCell, reason, count);
      continue;
    }
    rowsUsed += count;
    const cell = total[bucket] as MutableCell;
    cell.rows += count;
    cell.value = cell.value.plus(readDecimal(row, "measure_value"));
  }
  if (missing > 0) throw new KpiInputError([customIssue(["deals", "amount"], messages.sqlMissingAmount(missing))]);
  if (currencies.size > 1) throw definitionError("mixed-currencies", ["measure"], messages.measureMixedCurrencies([...currencies].sort()));
  const currency = currencies.size === 1 ? [...currencies][0] : undefined;
  const finish = (cells: readonly MutableCell[]): CellValue[] =>
    cells.map((cell) => ({
      rows: cell.rows,
      value: cell.value,
      ...(cell.skipped === undefined ? {} : { skipped: cell.skipped }),
      ...(cell.withoutGroup === 0 ? {} : { withoutGroup: cell.withoutGroup }),
    }));
  const finishedGroups = new Map<string, CellValue[]>();
  for (const [key, cells] of byGroup) finishedGroups.set(key, finish(cells));
  return {
    byGroup: finishedGroups,
    total: finish(total),
    rowsUsed,
    rowsWithoutGroup,
    skippedReasons,
    currency: currency === "(none)" ? undefined : currency,
    dataStartMs,
  };
}

/** The group key of an aggregate row (`group_key`, `group_key2`), as `groupKeyReader` makes it; `undefined` when ungrouped or a field is NULL. */
export function rowGroupKey(row: SqlRow, fields: number): string | undefined {
  if (fields === 0) return undefined;
  const first = readText(row, "group_key");
  if (fields < 2) return first;
  const second = readText(row, "group_key2");
  return first === undefined || second === undefined ? undefined : first + KEY_SEPARATOR + second;
}
