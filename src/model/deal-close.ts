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
 * Reads the history through its last move and whether any move is into won or lost
 * (`closedInHistory`), so it serves the history as objects and as columns alike. O(1).
 *
 * @example
 * const prepared = prepare({
 *   pipeline: { stages: [{ id: "proposal", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
 *   // won 10 January, reopened 1 February; the row says won on 15 March (the history lacks the final win)
 *   deals: [{ id: "a", owner: "ann", stage: "won", createdAt: "2026-01-02", closedAt: "2026-03-15", stageHistory: [
 *     { stage: "won", at: "2026-01-10" }, { stage: "proposal", at: "2026-02-01" },
 *   ] }],
 * });
 * const [deal] = prepared.deals;
 * const closedInHistory = deal!.history.some((move) => move.stage.outcome !== "open");
 * new Date(dealCurrentSince(deal!.stage, deal!.history.at(-1), closedInHistory, deal!.createdAt, deal!.closedAt)).toISOString();
 * //=> "2026-03-15T00:00:00.000Z"
 */
export function dealCurrentSince(
  stage: PreparedStage,
  last: PreparedStageMove | undefined,
  closedInHistory: boolean,
  createdAt: number,
  closedAtInput: number | undefined,
): number {
  const closed = stage.outcome !== "open";
  if (last === undefined) return closed ? (closedAtInput ?? Number.NaN) : createdAt;
  if (last.stage === stage || !closed) return last.at;
  if (closedAtInput !== undefined) return closedAtInput >= last.at ? closedAtInput : last.at;
  // No closedAt: the last move is the earliest the deal can have closed, provided it was closed
  // at all in the record (a move into won or lost); otherwise there is no close to speak of.
  return closedInHistory ? last.at : Number.NaN;
}
