import type { PreparedStage, PreparedStageMove } from "./prepared.js";

/** 0 for an open stage, 1 for a won or lost one: at one instant a deal closes after its open moves. */
function closedRank(stage: PreparedStage): number {
  return stage.outcome === "open" ? 0 : 1;
}

/**
 * The order of a deal's stage history: by instant; moves at the same instant by the funnel —
 * open stages first, in pipeline order, then won and lost stages, in pipeline order. Stage
 * ids are unique in a pipeline, so this is a total order on distinct moves and the sorted
 * history (and every result read from it) does not depend on the order of the input rows
 * (DESIGN §2, §3: "history entries may come in any order").
 *
 * A CRM that logs several moves in one second (or a date-only export that puts a day's moves
 * on one instant) thus reads as a deal that went down the funnel and closed last: proposal,
 * won and lost on one day is lost; won and proposal on one day is won.
 *
 * @example
 * const prepared = prepare({
 *   pipeline: { stages: [{ id: "proposal", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
 *   deals: [{ id: "a", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-10", stageHistory: [
 *     { stage: "proposal", at: "2026-03-10" }, { stage: "won", at: "2026-03-10" },
 *   ] }],
 * });
 * // a proposal and a win on the same day, listed win first: the proposal comes first
 * const moves = prepared.deals.flatMap((deal) => deal.history).reverse();
 * moves.map((move) => move.stage.id); //=> ["won", "proposal"]
 * moves.sort(compareStageMoves).map((move) => move.stage.id); //=> ["proposal", "won"]
 */
export function compareStageMoves(a: PreparedStageMove, b: PreparedStageMove): number {
  return compareMoveParts(a.at, a.stage, b.at, b.stage);
}

/** {@link compareStageMoves} on the parts of two moves (for moves held as columns). */
export function compareMoveParts(atA: number, stageA: PreparedStage, atB: number, stageB: PreparedStage): number {
  return atA - atB || closedRank(stageA) - closedRank(stageB) || stageA.index - stageB.index;
}
