import type { PreparedDeal } from "../model/prepared.js";
import type { DealStateAt } from "../model/deal-state-at.js";
import { dealStateAsOf } from "../model/deal-state-at.js";
import type { DealPeriodBounds } from "./deal-period.js";
import type { PipelineContext } from "./pipeline-snapshot.js";

/**
 * Calls `visit` for every deal that is won or lost at `asOf` (or now) and whose effective
 * close — the last move into won/lost — lies in `[period.start, min(period.end, asOf))`. A
 * deal won, reopened and lost is visited once, as lost, at its last close; a deal reopened
 * and open at `asOf` is not visited. O(n log h).
 */
export function forEachClosedInPeriod(
  context: PipelineContext,
  period: DealPeriodBounds,
  visit: (deal: PreparedDeal, state: DealStateAt & { readonly status: "won" | "lost" }) => void,
): void {
  const pipeline = context.data.pipeline;
  if (pipeline === undefined) return;
  const endMs = context.asOfMs === undefined ? period.endMs : Math.min(period.endMs, context.asOfMs);
  for (const deal of context.data.deals) {
    // A deal closed in the period was created before the period ends.
    if (!(deal.createdAt < endMs)) continue;
    const state = dealStateAsOf(deal, context.asOfMs, pipeline);
    if (state.status !== "won" && state.status !== "lost") continue;
    if (state.since >= period.startMs && state.since < endMs) visit(deal, state as DealStateAt & { readonly status: "won" | "lost" });
  }
}
