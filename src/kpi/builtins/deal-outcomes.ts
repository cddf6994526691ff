// Internal: the builtin KPIs of deals closed in a period (win rate, average deal size, sales
// cycle length), as of `asOf`, finished from one shared pass over the deals (`closedDeals`).
import { customIssue, KpiInputError } from "../../core/errors.js";
import { createExactSum, type ExactSum } from "../../core/exact-sum.js";
import { messages } from "../../core/messages.js";
import { countDecimal, toDecimal, ZERO } from "../../core/decimal.js";
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

/** An average-deal-size cell: Σ amount ÷ count of the won deals (a cell without a sum has none: 0 ÷ 0, no value). Both engines finish with it. */
export function dealSizeCell(cell: { readonly sum: ExactSum | undefined; readonly count: number }): CellResult {
  const parts = ratioOf(cell.sum === undefined ? ZERO : cell.sum.value(), countDecimal(cell.count));
  return { value: parts.value, ratio: parts };
}

/**
 * A sales-cycle cell from the won deals' days: the mean (Σ days ÷ count) and the median beside
 * it (`sorted`: the days are ascending). Both engines finish with it.
 */
export function cycleCell(cell: { readonly days: ArrayLike<number>; readonly sorted?: boolean }): CellResult {
  // Index loops (not for…of) in these per-cell helpers: a cold iterator allocates a result per element.
  let total = 0;
  for (let i = 0; i < cell.days.length; i++) total += cell.days[i] as number;
  const parts = ratioOf(toDecimal(total), countDecimal(cell.days.length));
  return { value: parts.value, ratio: parts, median: medianDays(cell.days, cell.sorted === true) };
}

/** Win rate: won ÷ (won + lost) over the deals closed in the period (count basis). */
export const winRateEvaluator: BuiltinEvaluator = (context) => {
  const closed = closedDeals(context);
  const cells = keyedCells(context.periods.length, () => ({ won: 0, lost: 0 }), context.keyOf !== undefined);
  for (let c = 0; c < closed.cells.length; c++) {
    const { bucket, key, won, lost } = closed.cells[c] as (typeof closed.cells)[number];
    const states = cells.cellsOf(bucket, key, won + lost);
    for (let i = 0; i < states.length; i++) {
      const cell = states[i] as { won: number; lost: number };
      cell.won += won;
      cell.lost += lost;
    }
  }
  return cells.finish(false, winRateCell, { dataStartMs: closed.dataStartMs });
};

/**
 * A deal-size cell's running sum: it reads its first closed cell's sum where the pass left it
 * (read-only, shared) and makes its own only when a second comes (the team's).
 */
class SizeState {
  sum: ExactSum | undefined = undefined;
  owned = false;
  count = 0;

  add(sum: ExactSum, count: number): void {
    if (this.sum === undefined) this.sum = sum;
    else {
      if (!this.owned) {
        const own = createExactSum();
        own.addSum(this.sum);
        this.sum = own;
        this.owned = true;
      }
      this.sum.addSum(sum);
    }
    this.count += count;
  }
}

/** Average deal size: Σ amount ÷ count over the deals won in the period; deals without amount are skipped and counted. */
export const averageDealSizeEvaluator: BuiltinEvaluator = (context) => {
  const closed = closedDeals(context);
  const cells = keyedCells(context.periods.length, () => new SizeState(), context.keyOf !== undefined);
  // Index loops: a for…of allocates an iterator result per step while cold.
  for (let c = 0; c < closed.cells.length; c++) {
    const { bucket, key, wonAmount, wonWithAmount, wonWithoutAmount } = closed.cells[c] as (typeof closed.cells)[number];
    if (wonWithoutAmount > 0 && context.missingAmount === "skip") cells.skip(bucket, key, "missing-amount", wonWithoutAmount);
    if (wonWithAmount === 0) continue;
    const states = cells.cellsOf(bucket, key, wonWithAmount);
    for (let i = 0; i < states.length; i++) (states[i] as SizeState).add(wonAmount, wonWithAmount);
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
  // Each cell reads its days where the closed-deal pass left them (read-only, shared): a group's
  // are its closed cell's (sorted), the team's its period's run (every group's and the deals
  // without one: all closed cells of the period). A group that gets a second closed cell (two
  // values that spell the same key) copies them into its own list.
  const cells = keyedCells(context.periods.length, (): CycleState => ({ days: NO_DAYS, sorted: true }), context.keyOf !== undefined);
  // Index loops: a for…of allocates an iterator result per step while cold.
  for (let c = 0; c < closed.cells.length; c++) {
    const { bucket, key, wonDays } = closed.cells[c] as (typeof closed.cells)[number];
    if (wonDays.length === 0) continue;
    const states = cells.cellsOf(bucket, key, wonDays.length);
    // The team's: its period's run, sorted cell by cell, not as a whole.
    const team = states[0] as CycleState;
    team.days = closed.periodDays[bucket] as Float64Array;
    team.sorted = false;
    const group = states[1];
    if (group === undefined) continue;
    if (group.days.length === 0) group.days = wonDays;
    else {
      const own = Array.from(group.days);
      for (let i = 0; i < wonDays.length; i++) own.push(wonDays[i] as number);
      group.days = own;
      group.sorted = false;
    }
  }
  return cells.finish(false, cycleCell, { dataStartMs: closed.dataStartMs });
};

/** A sales-cycle cell's days and whether they are ascending. */
interface CycleState {
  days: ArrayLike<number>;
  sorted: boolean;
}
