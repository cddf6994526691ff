// Internal: the builtin KPIs of deals closed in a period (win rate, average deal size, sales
// cycle length), evaluated in one pass over the deals per call, as of `asOf`.
import type { KpiDecimal } from "../../core/decimal.js";
import { createExactSum, type ExactSum } from "../../core/exact-sum.js";
import { ratio } from "../../core/ratio.js";
import { type DealStateAt, dealStatesAsOf } from "../../model/deal-state-at.js";
import type { PreparedDeal } from "../../model/prepared.js";
import { type CellResult, groupedCells } from "../../measure/grouped-cells.js";
import { medianDays } from "../../pipeline/sales-cycle-length.js";
import { localDayNumbers } from "../../time/local-days.js";
import type { BuiltinContext, BuiltinEvaluator } from "./context.js";
import { dealAmounts } from "./deal-amounts.js";

/**
 * Calls `visit` for each deal won or lost as of `asOf` whose effective close falls in a
 * bucket (the same rule as `winRate`: a deal won, reopened and lost counts once, as lost; one
 * reopened and open at `asOf` not at all). Returns the earliest creation known as of `asOf`.
 */
export function forEachClose(
  context: BuiltinContext,
  visit: (deal: PreparedDeal, state: DealStateAt, bucket: number) => void,
): number | undefined {
  const pipeline = context.data.pipeline;
  let dataStart = Number.POSITIVE_INFINITY;
  if (pipeline === undefined) return undefined;
  const deals = context.data.deals;
  const states = dealStatesAsOf(deals, context.asOfMs, pipeline);
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i] as PreparedDeal;
    if (!(deal.createdAt < context.asOfMs)) continue;
    if (deal.createdAt < dataStart) dataStart = deal.createdAt;
    const state = states[i] as DealStateAt;
    if (state.status !== "won" && state.status !== "lost") continue;
    const bucket = context.buckets.indexOf(state.since);
    if (bucket >= 0) visit(deal, state, bucket);
  }
  return dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart;
}

/** A win-rate cell from its counts: won ÷ (won + lost). Both engines finish with it. */
export function winRateCell(cell: { readonly won: number; readonly lost: number }): CellResult {
  const parts = ratio(cell.won, cell.won + cell.lost);
  return { value: parts.value, ratio: parts };
}

/** An average-deal-size cell: Σ amount ÷ count of the won deals. Both engines finish with it. */
export function dealSizeCell(cell: { readonly sum: ExactSum; readonly count: number }): CellResult {
  const parts = ratio(cell.sum.value(), cell.count);
  return { value: parts.value, ratio: parts };
}

/** A sales-cycle cell from the won deals' days: the mean (Σ days ÷ count) and the median beside it. Both engines finish with it. */
export function cycleCell(cell: { readonly days: readonly number[] }): CellResult {
  let total = 0;
  for (const days of cell.days) total += days;
  const parts = ratio(total, cell.days.length);
  return { value: parts.value, ratio: parts, median: medianDays(cell.days) };
}

/** Win rate: won ÷ (won + lost) over the deals closed in the period (count basis). */
export const winRateEvaluator: BuiltinEvaluator = (context) => {
  const cells = groupedCells(context.periods.length, () => ({ won: 0, lost: 0 }), context.keyOf);
  const dataStartMs = forEachClose(context, (deal, state, bucket) => {
    for (const cell of cells.cellsOf(bucket, deal)) {
      if (state.status === "won") cell.won++;
      else cell.lost++;
    }
  });
  return cells.finish(false, winRateCell, { dataStartMs });
};

function addAmount(sum: ExactSum, deal: PreparedDeal): void {
  if (deal.amountUnits !== undefined) sum.addScaled(deal.amountUnits, deal.amountScale);
  else sum.add(deal.amount as KpiDecimal);
}

/** Average deal size: Σ amount ÷ count over the deals won in the period; deals without amount are skipped and counted. */
export const averageDealSizeEvaluator: BuiltinEvaluator = (context) => {
  const cells = groupedCells(context.periods.length, () => ({ sum: createExactSum(), count: 0 }), context.keyOf);
  const amounts = dealAmounts(context, cells);
  const dataStartMs = forEachClose(context, (deal, state, bucket) => {
    if (state.status !== "won" || !amounts.has(deal, bucket)) return;
    for (const cell of cells.cellsOf(bucket, deal)) {
      addAmount(cell.sum, deal);
      cell.count++;
    }
  });
  const currency = amounts.currency();
  return cells.finish(false, dealSizeCell, { currency, dataStartMs });
};

/**
 * Sales cycle length: local calendar days from creation to win over the deals won in the
 * period; the mean as the value (Σ days ÷ count) and the median beside it.
 */
export const salesCycleLengthEvaluator: BuiltinEvaluator = (context) => {
  const cells = groupedCells(context.periods.length, () => ({ days: [] as number[] }), context.keyOf);
  const localDay = localDayNumbers(context.calendar.timeZone);
  const dataStartMs = forEachClose(context, (deal, state, bucket) => {
    if (state.status !== "won") return;
    const days = localDay(state.since) - localDay(deal.createdAt);
    for (const cell of cells.cellsOf(bucket, deal)) cell.days.push(days);
  });
  return cells.finish(false, cycleCell, { dataStartMs });
};

