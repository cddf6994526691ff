import type { PreparedStage, PreparedStageMove } from "./prepared.js";

/**
 * When a deal entered its current state (DESIGN §3): for a deal now won or lost this is its
 * effective close, the one instant every KPI reads (`measureSeries` at `closedAt`, `winRate`,
 * `dealStateAsOf`, `salesCycleLength`, the scorecard), so they never put one win in different
 * months.
 *
 * Rules, for the moves sorted as `prepareKpiData` sorts them:
 * - History ends with a move into the current stage: that move.
 * - History ends elsewhere (the move into the current stage is missing, e.g. won, reopened,
 *   then won again without the CRM recording the second win): the move is implied — at the
 *   row's `closedAt` for a closed deal, when given and not before the last move; else at the
 *   last move. An earlier close in the history is never the close: the deal was reopened
 *   after it.
 * - No history: the row's `closedAt` (closed deal) or `createdAt` (open deal).
 *
 * Returns `NaN` for a closed deal without any close instant: no `closedAt` and no move into a
 * won or lost stage in its history (an input error). Does not check `closedAt ≥ createdAt`.
 *
 * Complexity: O(1) when the history ends in the current stage or the deal is open, else O(h)
 * to look for a recorded close. Allocates nothing.
 *
 * @example
 * // won 10 Jan, reopened 1 Feb, row says won on 15 Mar (history lacks the final win)
 * dealCurrentSince(won, [wonJan10, proposalFeb1], createdAt, Date.UTC(2026, 2, 15)); // 15 March
 */
export function dealCurrentSince(
  stage: PreparedStage,
  moves: readonly PreparedStageMove[],
  createdAt: number,
  closedAtInput: number | undefined,
): number {
  const last = moves[moves.length - 1];
  const closed = stage.outcome !== "open";
  if (last === undefined) return closed ? (closedAtInput ?? Number.NaN) : createdAt;
  if (last.stage === stage || !closed) return last.at;
  if (closedAtInput !== undefined) return closedAtInput >= last.at ? closedAtInput : last.at;
  // No closedAt: the last move is the earliest the deal can have closed, provided it was closed
  // at all in the record (a move into won or lost); otherwise there is no close to speak of.
  for (const move of moves) if (move.stage.outcome !== "open") return last.at;
  return Number.NaN;
}
