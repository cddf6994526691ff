// Internal: the pipeline at the end of each period (plain or weighted), as of `asOf`.
import { customIssue, definitionError, KpiInputError, type KpiIssue } from "../../core/errors.js";
import { createExactSum } from "../../core/exact-sum.js";
import { messages } from "../../core/messages.js";
import { dealStateAt } from "../../model/deal-state-at.js";
import { groupedCells } from "../../measure/grouped-cells.js";
import type { BuiltinEvaluator } from "./context.js";

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
    const currencies = new Set<string>();
    const issues: KpiIssue[] = [];
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
          const state = dealStateAt(deal, at, pipeline);
          if (state.status !== "open" || state.stage === undefined) continue;
          if (deal.amount === undefined) {
            if (context.missingAmount === "error") {
              if (issues.length < 100) issues.push(customIssue(["deals", deal.index, "amount"], messages.measureMissingAmount));
            } else cells.skip(bucket, deal, "missing-amount");
            continue;
          }
          currencies.add(deal.currency ?? "(none)");
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
    if (issues.length > 0) throw new KpiInputError(issues);
    if (currencies.size > 1) throw definitionError("mixed-currencies", ["kpi"], messages.measureMixedCurrencies([...currencies].sort()));
    const only = [...currencies][0];
    return cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), {
      currency: only === "(none)" ? undefined : only,
      dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
    });
  };
}
