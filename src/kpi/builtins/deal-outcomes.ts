// Internal: the builtin KPIs of deals closed in a period (win rate, average deal size, sales
// cycle length), as of `asOf`, finished from one shared pass over the deals (`closedDeals`).
import { customIssue, KpiInputError } from "../../core/errors.js";
import { createExactSum, type ExactSum } from "../../core/exact-sum.js";
import { messages } from "../../core/messages.js";
import { countDecimal, toDecimal } from "../../core/decimal.js";
import { countRatio, ratioOf } from "../../core/ratio.js";
import { type CellResult, keyedCells } from "../../measure/grouped-cells.js";
import { medianDays } from "../../pipeline/sales-cycle-length.js";
import type { BuiltinEvaluator } from "./context.js";
import { closedDeals } from "./closed-deals.js";
import { oneCurrency } from "../../model/deal-columns.js";

/** A win-rate cell from its counts: won ÷ (won + lost). Both engines finish with it. */
export function winRateCell(cell: { readonly won: number; readonly lost: number }): CellResult {
  const parts = countRatio(cell.won, cell.won + cell.lost);
  return { value: parts.value, ratio: parts };
}

/** An average-deal-size cell: Σ amount ÷ count of the won deals. Both engines finish with it. */
export function dealSizeCell(cell: { readonly sum: ExactSum; readonly count: number }): CellResult {
  const parts = ratioOf(cell.sum.value(), countDecimal(cell.count));
  return { value: parts.value, ratio: parts };
}

/** A sales-cycle cell from the won deals' days: the mean (Σ days ÷ count) and the median beside it. Both engines finish with it. */
export function cycleCell(cell: { readonly days: ArrayLike<number> }): CellResult {
  // Index loops (not for…of) in these per-cell helpers: a cold iterator allocates a result per element.
  let total = 0;
  for (let i = 0; i < cell.days.length; i++) total += cell.days[i] as number;
  const parts = ratioOf(toDecimal(total), countDecimal(cell.days.length));
  return { value: parts.value, ratio: parts, median: medianDays(cell.days) };
}

/** Win rate: won ÷ (won + lost) over the deals closed in the period (count basis). */
export const winRateEvaluator: BuiltinEvaluator = (context) => {
  const closed = closedDeals(context);
  const cells = keyedCells(context.periods.length, () => ({ won: 0, lost: 0 }), context.keyOf !== undefined);
  for (const { bucket, key, won, lost } of closed.cells) {
    for (const cell of cells.cellsOf(bucket, key, won + lost)) {
      cell.won += won;
      cell.lost += lost;
    }
  }
  return cells.finish(false, winRateCell, { dataStartMs: closed.dataStartMs });
};

/** Average deal size: Σ amount ÷ count over the deals won in the period; deals without amount are skipped and counted. */
export const averageDealSizeEvaluator: BuiltinEvaluator = (context) => {
  const closed = closedDeals(context);
  const cells = keyedCells(context.periods.length, () => ({ sum: createExactSum(), count: 0 }), context.keyOf !== undefined);
  for (const { bucket, key, wonAmount, wonWithAmount, wonWithoutAmount } of closed.cells) {
    if (wonWithoutAmount > 0 && context.missingAmount === "skip") cells.skip(bucket, key, "missing-amount", wonWithoutAmount);
    if (wonWithAmount === 0) continue;
    for (const cell of cells.cellsOf(bucket, key, wonWithAmount)) {
      cell.sum.addSum(wonAmount);
      cell.count += wonWithAmount;
    }
  }
  if (context.missingAmount === "error" && closed.withoutAmount.length > 0) {
    throw new KpiInputError(closed.withoutAmount.map((index) => customIssue(["deals", index, "amount"], messages.measureMissingAmount)));
  }
  const currency = oneCurrency(closed.currencies, ["kpi"]);
  return cells.finish(false, dealSizeCell, { currency, dataStartMs: closed.dataStartMs });
};

/** A cycle cell's days before its first closed cell. */
const NO_DAYS: ArrayLike<number> = Object.freeze([]);

/**
 * Sales cycle length: local calendar days from creation to win over the deals won in the
 * period; the mean as the value (Σ days ÷ count) and the median beside it.
 */
export const salesCycleLengthEvaluator: BuiltinEvaluator = (context) => {
  const closed = closedDeals(context);
  // A group's cell gets one closed cell's days: it reads them where they are (read-only, shared);
  // only a cell that gets a second (the team's) copies them into its own list.
  const cells = keyedCells(context.periods.length, (): { days: ArrayLike<number>; own: number[] | undefined } => ({ days: NO_DAYS, own: undefined }), context.keyOf !== undefined);
  for (const { bucket, key, wonDays } of closed.cells) {
    if (wonDays.length === 0) continue;
    for (const cell of cells.cellsOf(bucket, key, wonDays.length)) {
      if (cell.days.length === 0) {
        cell.days = wonDays;
        continue;
      }
      if (cell.own === undefined) cell.days = cell.own = Array.from(cell.days);
      for (let i = 0; i < wonDays.length; i++) cell.own.push(wonDays[i] as number);
    }
  }
  return cells.finish(false, cycleCell, { dataStartMs: closed.dataStartMs });
};
