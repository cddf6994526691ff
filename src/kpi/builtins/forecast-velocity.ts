// Internal: forecast and sales velocity per period and group, composed of the deal evaluators.
import { toDecimal } from "../../core/decimal.js";
import { createExactSum } from "../../core/exact-sum.js";
import { dealStateAsOf, dealStatesAsOf, stateAt } from "../../model/deal-state-at.js";
import type { PreparedDeal } from "../../model/prepared.js";
import { groupedCells } from "../../measure/grouped-cells.js";
import type { EvaluatedCells, SeriesCell } from "../../measure/series-of.js";
import { createPeriodIndex } from "../../time/period.js";
import type { BuiltinEvaluator } from "./context.js";
import { dealAmounts } from "./deal-amounts.js";
import { averageDealSizeEvaluator, salesCycleLengthEvaluator, winRateEvaluator } from "./deal-outcomes.js";

/**
 * Forecast of each period, as known at `asOf` (the same rule as `forecast`): Σ amount of the
 * deals won in the period so far + Σ amount × p of the deals open at `asOf` whose
 * `expectedCloseAt` falls in the period (overdue ones included). Open deals without an expected
 * close are in no period: counted as `no-expected-close`. Lost deals never count.
 */
export const forecastEvaluator: BuiltinEvaluator = (context) => {
  const pipeline = context.data.pipeline;
  const periods = context.periods;
  const index = createPeriodIndex(periods);
  const cells = groupedCells(periods.length, () => ({ sum: createExactSum() }), context.keyOf);
  const amounts = dealAmounts(context, cells);
  let withoutExpectedClose = 0;
  let dataStart = Number.POSITIVE_INFINITY;
  if (pipeline !== undefined) {
    const deals = context.data.deals;
    const states = dealStatesAsOf(deals, context.asOfMs, pipeline);
    for (let i = 0; i < deals.length; i++) {
      const deal = deals[i] as PreparedDeal;
      if (!(deal.createdAt < context.asOfMs)) continue;
      if (deal.createdAt < dataStart) dataStart = deal.createdAt;
      const state = stateAt(states, i, pipeline);
      let bucket = -1;
      if (state.status === "won") bucket = context.buckets.indexOf(state.since);
      else if (state.status === "open") {
        if (deal.expectedCloseAt === undefined) {
          withoutExpectedClose++;
          continue;
        }
        bucket = index.indexOf(deal.expectedCloseAt);
      }
      if (bucket < 0 || state.stage === undefined) continue;
      if (!amounts.has(deal, bucket)) continue;
      for (const cell of cells.cellsOf(bucket, deal)) {
        if (state.status === "won") cell.sum.add(deal.amount);
        else cell.sum.addProduct(deal.amount, deal.probability ?? state.stage.probability);
      }
    }
  }
  const currency = amounts.currency();
  const evaluated = cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), {
    currency,
    dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
  });
  return withoutExpectedClose === 0
    ? evaluated
    : { ...evaluated, skippedReasons: { ...evaluated.skippedReasons, "no-expected-close": withoutExpectedClose } };
};

/**
 * Sales velocity of each period: deals open at the period's end (or at `asOf`, when that comes
 * first) × win rate × average deal size ÷ mean sales cycle, the last three over the deals closed
 * in the period — `salesVelocity`'s formula, read per period. `null` when a part is undefined.
 */
export const salesVelocityEvaluator: BuiltinEvaluator = (context) => {
  const pipeline = context.data.pipeline;
  const periods = context.periods;
  const open = groupedCells(periods.length, () => ({ count: 0 }), context.keyOf);
  const snapshotAt = periods.map((period) => Math.min(period.endMs, context.asOfMs));
  if (pipeline !== undefined) {
    for (const deal of context.data.deals) {
      for (let bucket = 0; bucket < periods.length; bucket++) {
        const at = snapshotAt[bucket] as number;
        if (!(deal.createdAt < at)) continue;
        if (dealStateAsOf(deal, at, pipeline).status !== "open") continue;
        for (const cell of open.cellsOf(bucket, deal)) cell.count++;
      }
    }
  }
  const counts = open.finish(true, (cell) => ({ value: toDecimal(cell.count), ratio: undefined }));
  const rate = winRateEvaluator(context);
  const size = averageDealSizeEvaluator(context);
  const cycle = salesCycleLengthEvaluator(context);
  return velocityCells(counts, rate, size, cycle);
};

/**
 * Sales velocity per cell from its parts: open deals × win rate × average deal size ÷ mean
 * cycle length (days); no value when a part has none or the cycle is 0. Both engines finish
 * with it (in process from the evaluators, the SQL engine from its aggregate rows).
 */
export function velocityCells(counts: EvaluatedCells, rate: EvaluatedCells, size: EvaluatedCells, cycle: EvaluatedCells): EvaluatedCells {
  const combine = (n: readonly SeriesCell[], r: readonly SeriesCell[], s: readonly SeriesCell[], c: readonly SeriesCell[]): SeriesCell[] =>
    n.map((cell, i) => {
      const winRate = r[i]?.value;
      const dealSize = s[i]?.value;
      const days = c[i]?.value;
      const value =
        cell.value === null || winRate == null || dealSize == null || days == null || days.isZero()
          ? null
          : toDecimal(cell.value.times(winRate).times(dealSize).div(days));
      const skipped = s[i]?.skipped;
      return { value, ratio: undefined, rows: (r[i]?.rows ?? 0) + cell.rows, ...(skipped === undefined ? {} : { skipped }) };
    });
  const keys = new Set([...counts.byGroup.keys(), ...rate.byGroup.keys(), ...size.byGroup.keys(), ...cycle.byGroup.keys()]);
  const byGroup = new Map<string, SeriesCell[]>();
  for (const key of keys) {
    byGroup.set(
      key,
      combine(counts.byGroup.get(key) ?? counts.empty, rate.byGroup.get(key) ?? rate.empty, size.byGroup.get(key) ?? size.empty, cycle.byGroup.get(key) ?? cycle.empty),
    );
  }
  return {
    additive: false,
    byGroup,
    total: combine(counts.total, rate.total, size.total, cycle.total),
    empty: combine(counts.empty, rate.empty, size.empty, cycle.empty),
    rowsUsed: rate.rowsUsed,
    rowsWithoutGroup: rate.rowsWithoutGroup,
    skippedReasons: size.skippedReasons,
    currency: size.currency,
    dataStartMs: rate.dataStartMs,
  };
}
