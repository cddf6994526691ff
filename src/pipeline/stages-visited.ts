import type { PreparedPipeline, PreparedStage } from "../model/prepared.js";
import { dealStateAsOf } from "../model/deal-state-at.js";
import type { DealRow } from "../model/deal-row.js";

/**
 * The stages a prepared deal was in before the exclusive instant `asOfMs`, in funnel order:
 * every stage of a recorded move before `asOfMs` (moves at one instant each count), plus the
 * stage it was in between its changes as {@link dealStateAt} reads it — so the assumed first
 * open stage of a deal whose history starts with a close, and the implied move into the
 * current stage, count too. Empty when the deal was not created before `asOfMs`.
 *
 * Reads the state through `dealStateAt` as of each instant where it may change (creation is
 * followed by the first change; each change is probed as of the next one, and as of
 * `asOfMs`), so it follows the one as-of rule. O(h log h) for h moves.
 */
export function stagesVisited(deal: DealRow, asOfMs: number, pipeline: PreparedPipeline): PreparedStage[] {
  if (!(deal.createdAt < asOfMs)) return [];
  const seen = new Set<PreparedStage>();
  // The state as of an instant is the state during the interval just before it: probing as
  // of every instant at which something may happen (and asOf) covers every interval.
  const probes = new Set<number>([asOfMs]);
  for (const move of deal.history) {
    if (!(move.at < asOfMs)) break;
    seen.add(move.stage);
    if (move.at > deal.createdAt) probes.add(move.at);
  }
  if (deal.currentSince > deal.createdAt && deal.currentSince < asOfMs) probes.add(deal.currentSince);
  if (deal.closedAt !== undefined && deal.closedAt > deal.createdAt && deal.closedAt < asOfMs) probes.add(deal.closedAt);
  for (const probe of probes) {
    const stage = dealStateAsOf(deal, probe, pipeline).stage;
    if (stage !== undefined) seen.add(stage);
  }
  return [...seen].sort((a, b) => a.index - b.index);
}
