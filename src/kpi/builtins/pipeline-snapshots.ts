// Internal: the pipeline at the end of each period (plain or weighted), as of `asOf`.
import { createExactSum } from "../../core/exact-sum.js";
import { dealStateAsOf } from "../../model/deal-state-at.js";
import { groupedCells } from "../../measure/grouped-cells.js";
import type { BuiltinEvaluator } from "./context.js";
import { dealAmounts } from "./deal-amounts.js";

/**
 * The pipeline of each period: Σ amount (weighted: Σ amount × p, p = the deal's own
 * probability, else its stage's) of the deals open at the period's end, or at `asOf` when that
 * comes first. Each deal is read as of that instant (DESIGN §6). Deals without an amount are
 * skipped and counted per period (policy `"skip"`) or an error.
 */
export function pipelineSnapshotEvaluator(weighted: boolean): BuiltinEvaluator {
  return (context) => {
    const pipeline = context.data.pipeline;
    const periods = context.periods;
    const cells = groupedCells(periods.length, () => ({ sum: createExactSum() }), context.keyOf);
    const snapshotAt = periods.map((period) => Math.min(period.endMs, context.asOfMs));
    const amounts = dealAmounts(context, cells);
    let dataStart = Number.POSITIVE_INFINITY;
    if (pipeline !== undefined) {
      for (const deal of context.data.deals) {
        if (!(deal.createdAt < context.asOfMs)) continue;
        if (deal.createdAt < dataStart) dataStart = deal.createdAt;
        for (let bucket = 0; bucket < periods.length; bucket++) {
          const at = snapshotAt[bucket] as number;
          if (!(deal.createdAt < at)) continue;
          // Settled in its current (closed) state before the snapshot: not in the pipeline.
          if (at > deal.currentSince && deal.stage.outcome !== "open") continue;
          const state = dealStateAsOf(deal, at, pipeline);
          if (state.status !== "open" || state.stage === undefined) continue;
          if (!amounts.has(deal, bucket)) continue;
          const probability = deal.probability ?? state.stage.probability;
          const probabilityUnits = deal.probability === undefined ? state.stage.probabilityUnits : deal.probabilityUnits;
          const probabilityScale = deal.probability === undefined ? state.stage.probabilityScale : deal.probabilityScale;
          for (const cell of cells.cellsOf(bucket, deal)) {
            if (!weighted) {
              if (deal.amountUnits !== undefined) cell.sum.addScaled(deal.amountUnits, deal.amountScale);
              else cell.sum.add(deal.amount);
            } else if (deal.amountUnits !== undefined && probabilityUnits !== undefined) {
              cell.sum.addScaledProduct(deal.amountUnits, deal.amountScale, probabilityUnits, probabilityScale);
            } else {
              cell.sum.addProduct(deal.amount, probability);
            }
          }
        }
      }
    }
    const currency = amounts.currency();
    return cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), {
      currency,
      dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
    });
  };
}
