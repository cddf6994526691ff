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
 * // proposal (index 1) and won (index 3) on the same day: proposal first
 * compareStageMoves({ stage: won, at: day }, { stage: proposal, at: day }) > 0; // true
 */
export function compareStageMoves(a: PreparedStageMove, b: PreparedStageMove): number {
  return a.at - b.at || closedRank(a.stage) - closedRank(b.stage) || a.stage.index - b.stage.index;
}

/** True when `moves` are already in {@link compareStageMoves} order (most CRM exports are). O(h). */
export function isInStageMoveOrder(moves: readonly PreparedStageMove[]): boolean {
  for (let i = 1; i < moves.length; i++) {
    const previous = moves[i - 1] as PreparedStageMove;
    const move = moves[i] as PreparedStageMove;
    if (move.at < previous.at || (move.at === previous.at && compareStageMoves(previous, move) > 0)) return false;
  }
  return true;
}
