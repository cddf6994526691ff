import { ratio } from "../core/ratio.js";
import { dealColumns, dealHistory, WON } from "../model/deal-columns.js";
import { dealStatesAsOf } from "../model/deal-state-at.js";
import type { PreparedPipeline } from "../model/prepared.js";
import type { ScorecardFunnel } from "./scorecard-types.js";
import type { DealRow } from "../model/deal-row.js";

/**
 * Deals through the pipeline: how many of the deals created in `[fromMs, toMs)` reached each
 * open stage (in funnel order) and how many were won, per owner and for all of them, and the
 * step with the lowest conversion — where the rep loses most.
 *
 * A deal reached a stage when it is or was in it (its stage history or current stage), or in a
 * later open stage, or was won (reaching a later step implies the earlier ones, so counts never
 * rise along the funnel). A lost deal without history reached only the first stage. Deals
 * are read as of `asOfMs`: their state then and the moves before it.
 * Complexity: O(n · h) for n deals with h moves.
 */
export function dealFunnels(
  deals: readonly DealRow[],
  pipeline: PreparedPipeline | undefined,
  fromMs: number,
  toMs: number,
  asOfMs: number,
  basis: string,
): { team: ScorecardFunnel | null; byOwner: Map<string, ScorecardFunnel> } {
  const byOwner = new Map<string, ScorecardFunnel>();
  if (pipeline === undefined) return { team: null, byOwner };
  const open = pipeline.stages.filter((stage) => stage.outcome === "open");
  const won = pipeline.stages.find((stage) => stage.outcome === "won");
  if (open.length === 0 || won === undefined) return { team: null, byOwner };
  const won_ = WON;
  // Funnel position of each stage (by its pipeline index); -1 for won and lost.
  const openPosition = new Int32Array(pipeline.stages.length).fill(-1);
  open.forEach((stage, position) => (openPosition[stage.index] = position));
  const wonStep = open.length;
  const stepCount = open.length + 1;

  // As of asOf: each deal's state then (shared with the KPIs read at the same instant), and only the moves made before it.
  const { status, stage } = dealStatesAsOf(deals, asOfMs, pipeline);
  const { createdAt, owner } = dealColumns(deals);
  const { historyStart, moveAt, moveStage } = dealHistory(deals);
  const counts = new Int32Array(owner.values.length * stepCount);
  for (let i = 0; i < deals.length; i++) {
    const created = createdAt[i] as number;
    if (created < fromMs || created >= toMs || !(created < asOfMs)) continue;
    let reached = 0;
    if (status[i] === won_) reached = wonStep;
    else {
      const current = (stage[i] as number) < 0 ? -1 : (openPosition[stage[i] as number] as number);
      if (current >= 0) reached = current;
      // The moves from the history columns (sorted as `history`): no move objects made.
      const end = historyStart[i + 1] as number;
      for (let k = historyStart[i] as number; k < end; k++) {
        if (!((moveAt[k] as number) < asOfMs)) break;
        const position = openPosition[moveStage[k] as number] as number;
        if (position > reached) reached = position;
      }
    }
    const at = (owner.codes[i] as number) * stepCount + reached;
    counts[at] = (counts[at] as number) + 1;
  }
  const reachedBy: Array<{ owner: string; reached: number; count: number }> = [];
  owner.values.forEach((id, code) => {
    for (let reached = 0; reached < stepCount; reached++) {
      const count = counts[code * stepCount + reached] as number;
      if (count > 0) reachedBy.push({ owner: id, reached, count });
    }
  });
  return funnelsFromReached(pipeline, reachedBy, basis);
}

/** The funnel steps of `pipeline`: its open stages in funnel order, then won; `undefined` when it has no open or no won stage. */
export function funnelSteps(pipeline: PreparedPipeline): PreparedPipeline["stages"][number][] | undefined {
  const open = pipeline.stages.filter((stage) => stage.outcome === "open");
  const won = pipeline.stages.find((stage) => stage.outcome === "won");
  return open.length === 0 || won === undefined ? undefined : [...open, won];
}

/**
 * The funnels from how far each owner's deals got (`reached`: the index of the last funnel
 * step reached, {@link funnelSteps}; `count` deals): each deal counts in every step up to it.
 */
export function funnelsFromReached(
  pipeline: PreparedPipeline,
  reachedBy: Iterable<{ readonly owner: string; readonly reached: number; readonly count: number }>,
  basis: string,
): { team: ScorecardFunnel | null; byOwner: Map<string, ScorecardFunnel> } {
  const byOwner = new Map<string, ScorecardFunnel>();
  const steps = funnelSteps(pipeline);
  if (steps === undefined) return { team: null, byOwner };
  const counts = new Map<string, number[]>();
  const team = new Array<number>(steps.length).fill(0);
  for (const { owner, reached, count } of reachedBy) {
    let ownerCounts = counts.get(owner);
    if (ownerCounts === undefined) {
      ownerCounts = new Array<number>(steps.length).fill(0);
      counts.set(owner, ownerCounts);
    }
    for (let step = 0; step <= reached; step++) {
      ownerCounts[step] = (ownerCounts[step] ?? 0) + count;
      team[step] = (team[step] ?? 0) + count;
    }
  }

  const build = (values: readonly number[]): ScorecardFunnel => {
    const conversions = steps.slice(1).map((step, index) => ({
      from: (steps[index] as (typeof steps)[number]).id,
      to: step.id,
      ratio: ratio(values[index + 1] ?? 0, values[index] ?? 0),
    }));
    let weakest: ScorecardFunnel["weakest"] = null;
    for (const conversion of conversions) {
      if (conversion.ratio.value === null) continue;
      if (weakest === null || (weakest.ratio.value !== null && conversion.ratio.value.lt(weakest.ratio.value))) weakest = conversion;
    }
    return {
      basis,
      steps: steps.map((step, index) => ({ id: step.id, label: step.label ?? step.id, count: values[index] ?? 0 })),
      conversions,
      weakest,
    };
  };
  for (const [owner, values] of counts) byOwner.set(owner, build(values));
  return { team: build(team), byOwner };
}
