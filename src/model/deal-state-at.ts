import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { lastIndexBefore } from "../core/sorted-search.js";
import type { DealRow } from "./deal-row.js";
import { type DealColumns, type DealHistory, type DealStateColumns, dealColumns, dealHistory, impliedMoveAt, NOT_CREATED, OPEN, STATUS_NAMES, statusCode } from "./deal-columns.js";
import type { PreparedPipeline, PreparedStage, PreparedStageMove } from "./prepared.js";
import { MemoPerObject } from "../core/memo-per-object.js";

/** Where a deal stood at an instant: not yet created, open in a stage, won or lost. */
export type DealStatus = "not-created" | "open" | "won" | "lost";

/** The state of one deal at an instant, as {@link dealStateAt} finds it. */
export interface DealStateAt {
  readonly status: DealStatus;
  /** The stage the deal was in; `undefined` only when it was not created yet. */
  readonly stage: PreparedStage | undefined;
  /**
   * When the deal entered this state: the move into its stage, else its creation. For a won
   * or lost deal this is its effective close (the last move into won/lost).
   */
  readonly since: number;
  /** True when the stage is an assumption (no recorded stage at that instant; see rules). */
  readonly stageAssumed: boolean;
}

/** The pipeline's first open stage, the one every deal enters by; `undefined` when it has none. */
function openStageOf(pipeline: PreparedPipeline): PreparedStage | undefined {
  return pipeline.stages.find((stage) => stage.outcome === "open");
}

function firstOpenStage(pipeline: PreparedPipeline): PreparedStage {
  const stage = openStageOf(pipeline);
  if (stage !== undefined) return stage;
  throw definitionError("invalid-definition", ["pipeline", "stages"], messages.pipelineWithoutOpenStage);
}

const moveAt = (move: PreparedStageMove): number => move.at;


/**
 * The state of a prepared deal at the exclusive instant `asOfMs` (everything strictly
 * before it is known), or its current state when `asOfMs` is `undefined`.
 *
 * Rules (DESIGN §3, §6):
 * - `createdAt ≥ asOf`: not created yet.
 * - With stage history: the stage is that of the last move before `asOf`; a deal that moved
 *   from won/lost back into an open stage is open again from that move on (reopened). Before
 *   its first recorded move the deal is in its earliest recorded stage when that is open,
 *   else in the pipeline's first open stage (`stageAssumed`). When the history does not end
 *   in the current stage, the deal is taken to have moved into it at its `closedAt` (closed
 *   deals, not before the last recorded move) or at the last recorded move (open deals).
 * - Without history: a deal open now is open in its current stage since creation; a deal
 *   closed now is closed from its `closedAt` on and, before that, open in the pipeline's
 *   first open stage — the stage every deal enters by, and the same rule as a deal with
 *   history before its first move (`stageAssumed`). Its own `probability` override, if any,
 *   still applies in weighted values.
 *
 * Complexity: O(log h) for a history of h moves (binary search over the sorted history).
 *
 * @example
 * const prepared = prepare({
 *   pipeline: { stages: [{ id: "proposal", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
 *   // proposal on 1 March, won on 10 March, proposal again (reopened) on 20 March
 *   deals: [{ id: "a", owner: "ann", stage: "proposal", createdAt: "2026-02-20", stageHistory: [
 *     { stage: "proposal", at: "2026-03-01" }, { stage: "won", at: "2026-03-10" }, { stage: "proposal", at: "2026-03-20" },
 *   ] }],
 * });
 * const pipeline = prepared.pipeline!; // given above
 * prepared.deals.map((deal) => dealStateAsOf(deal, Date.UTC(2026, 2, 15), pipeline).status); //=> ["won"]
 * prepared.deals.map((deal) => dealStateAsOf(deal, Date.UTC(2026, 2, 25), pipeline).status); //=> ["open"]
 */
export function dealStateAsOf(deal: DealRow, asOfMs: number | undefined, pipeline: PreparedPipeline): DealStateAt {
  if (asOfMs === undefined) {
    const implied = impliedMoveAt(deal);
    const lastStage = deal.lastMoveStage;
    const since =
      deal.stage.outcome !== "open" && deal.closedAt !== undefined
        ? (implied ?? deal.closedAt)
        : (implied ?? (lastStage !== undefined && lastStage === deal.stage ? deal.lastMoveAt : deal.createdAt));
    return { status: deal.stage.outcome, stage: deal.stage, since, stageAssumed: false };
  }
  if (!(deal.createdAt < asOfMs)) return { status: "not-created", stage: undefined, since: deal.createdAt, stageAssumed: false };
  // After the move into its current state (found once, in preparation) the deal is in it:
  // no need to look at the history (nor to make its moves as objects). Same result as the rules below.
  if (asOfMs > deal.currentSince) return { status: deal.stage.outcome, stage: deal.stage, since: deal.currentSince, stageAssumed: false };
  const history = deal.history;

  if (history.length === 0) {
    if (deal.stage.outcome === "open") return { status: "open", stage: deal.stage, since: deal.createdAt, stageAssumed: false };
    const closedAt = deal.closedAt as number;
    if (closedAt < asOfMs) return { status: deal.stage.outcome, stage: deal.stage, since: closedAt, stageAssumed: false };
    return { status: "open", stage: firstOpenStage(pipeline), since: deal.createdAt, stageAssumed: true };
  }

  const last = history[history.length - 1] as { stage: PreparedStage; at: number };
  // Fast path: every recorded move lies before asOf and the history ends in the current stage.
  if (last.at < asOfMs && last.stage === deal.stage) return { status: last.stage.outcome, stage: last.stage, since: last.at, stageAssumed: false };
  const implied = impliedMoveAt(deal);
  if (implied !== undefined && implied < asOfMs) {
    return { status: deal.stage.outcome, stage: deal.stage, since: implied, stageAssumed: false };
  }
  // Last move strictly before asOf.
  const found = lastIndexBefore(history, moveAt, asOfMs);
  if (found < 0) {
    const earliest = (history[0] as { stage: PreparedStage }).stage;
    if (earliest.outcome === "open") return { status: "open", stage: earliest, since: deal.createdAt, stageAssumed: false };
    return { status: "open", stage: firstOpenStage(pipeline), since: deal.createdAt, stageAssumed: true };
  }
  const move = history[found] as { stage: PreparedStage; at: number };
  return { status: move.stage.outcome, stage: move.stage, since: move.at, stageAssumed: false };
}

// The status codes as module constants of this file: read in the per-deal hot path, where an
// imported binding can cost a property read through a getter (CommonJS interop).
const NOT_CREATED_CODE = NOT_CREATED;
const OPEN_CODE = OPEN;

/** A deal's state as codes, written by {@link readStateAsOf} (one reused object, no allocation per read). */
export interface StateCodes {
  /** NOT_CREATED, OPEN, WON or LOST. */
  status: number;
  /** The stage's pipeline position; -1 when not created. */
  stage: number;
  since: number;
  assumed: boolean;
}

/** A reusable {@link StateCodes}. */
export function stateCodes(): StateCodes {
  return { status: NOT_CREATED, stage: -1, since: 0, assumed: false };
}

/**
 * {@link dealStateAsOf} of deal `i` read from the deal columns into `out`: the same rules,
 * step by step, over typed arrays (the history as offsets into one array of moves), for
 * passes that read many deals at many instants. `firstOpen` is the pipeline position of its
 * first open stage (-1 when it has none: then a state that needs it throws, as
 * `dealStateAsOf` does). The two are checked against each other by property tests.
 */
export function readStateAsOf(columns: DealColumns, history: DealHistory, i: number, asOfMs: number, firstOpen: number, pipeline: PreparedPipeline, out: StateCodes): StateCodes {
  const created = columns.createdAt[i] as number;
  if (!(created < asOfMs)) return into(out, NOT_CREATED_CODE, -1, created, false);
  const current = columns.currentStage[i] as number;
  const currentStatus = columns.currentStatus[i] as number;
  const currentSince = columns.currentSince[i] as number;
  if (asOfMs > currentSince) return into(out, currentStatus, current, currentSince, false);
  const start = history.historyStart[i] as number;
  const end = history.historyStart[i + 1] as number;
  if (start === end) {
    if (currentStatus === OPEN_CODE) return into(out, OPEN_CODE, current, created, false);
    // Closed, and not yet as of asOf (its close is currentSince, not before asOf).
    return assumedOpen(out, firstOpen, created, pipeline);
  }
  const moveAt = history.moveAt;
  const moveStage = history.moveStage;
  const stages = pipeline.stages;
  const lastAt = moveAt[end - 1] as number;
  const lastStage = moveStage[end - 1] as number;
  if (lastAt < asOfMs && lastStage === current) return into(out, statusCode((stages[lastStage] as PreparedStage).outcome), lastStage, lastAt, false);
  const implied = history.impliedAt[i] as number;
  if (implied < asOfMs) return into(out, currentStatus, current, implied, false);
  // Last move strictly before asOf (binary search over this deal's moves).
  let lo = start;
  let hi = end - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((moveAt[mid] as number) < asOfMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) {
    const earliest = moveStage[start] as number;
    if ((stages[earliest] as PreparedStage).outcome === "open") return into(out, OPEN_CODE, earliest, created, false);
    return assumedOpen(out, firstOpen, created, pipeline);
  }
  const stage = moveStage[found] as number;
  return into(out, statusCode((stages[stage] as PreparedStage).outcome), stage, moveAt[found] as number, false);
}

function into(out: StateCodes, status: number, stage: number, since: number, assumed: boolean): StateCodes {
  out.status = status;
  out.stage = stage;
  out.since = since;
  out.assumed = assumed;
  return out;
}

/** Open in the pipeline's first open stage since creation, an assumption (throws when the pipeline has none). */
function assumedOpen(out: StateCodes, firstOpen: number, created: number, pipeline: PreparedPipeline): StateCodes {
  if (firstOpen < 0) firstOpenStage(pipeline);
  return into(out, OPEN_CODE, firstOpen, created, true);
}

/** The pipeline position of its first open stage; -1 when it has none. */
export function firstOpenPosition(pipeline: PreparedPipeline): number {
  return openStageOf(pipeline)?.index ?? -1;
}

/** At most 4 as-of instants remembered per deals array (the scorecard reads its deal KPIs at one). */
const statesOf = new MemoPerObject<readonly DealRow[], number, DealStateColumns>(4);

/**
 * {@link dealStateAsOf} for every deal of `deals` (same positions), as columns, computed once
 * per (deals array, `asOfMs`) and shared: the deal KPIs of a scorecard, all read as of the
 * same instant, find each deal's state once instead of once per KPI. A deal created before
 * `asOfMs` and in its current state since before it (most deals, for a recent `asOf`) is read
 * from the deal columns; only the others search their history.
 */
export function dealStatesAsOf(deals: readonly DealRow[], asOfMs: number, pipeline: PreparedPipeline): DealStateColumns {
  const known = statesOf.get(deals, asOfMs);
  if (known !== undefined) return known;
  const columns = dealColumns(deals);
  const length = deals.length;
  if (allCurrentBefore(columns, asOfMs)) {
    // Every deal was created and in its current state before asOf (the common "as of now"):
    // the states are the current columns themselves (no copy; neither is ever written to).
    const current: DealStateColumns = { status: columns.currentStatus, since: columns.currentSince, stage: columns.currentStage, assumed: new Uint8Array(length) };
    statesOf.set(deals, asOfMs, current);
    return current;
  }
  const status = new Uint8Array(length);
  const since = new Float64Array(length);
  const stage = new Int32Array(length);
  const assumed = new Uint8Array(length);
  const { createdAt, currentSince, currentStatus, currentStage } = columns;
  const firstOpen = firstOpenPosition(pipeline);
  const read = stateCodes();
  // Deals not yet in their current state are read from the history columns (preparation's
  // own move columns for the prepared deals: nothing to lay out), looked up once per call.
  let history: DealHistory | undefined;
  for (let i = 0; i < length; i++) {
    const created = createdAt[i] as number;
    if (!(created < asOfMs)) {
      // status stays NOT_CREATED
      since[i] = created;
      stage[i] = -1;
    } else if (asOfMs > (currentSince[i] as number)) {
      status[i] = currentStatus[i] as number;
      since[i] = currentSince[i] as number;
      stage[i] = currentStage[i] as number;
    } else {
      readStateAsOf(columns, (history ??= dealHistory(deals)), i, asOfMs, firstOpen, pipeline, read);
      status[i] = read.status;
      since[i] = read.since;
      stage[i] = read.stage;
      assumed[i] = read.assumed ? 1 : 0;
    }
  }
  const states: DealStateColumns = { status, since, stage, assumed };
  statesOf.set(deals, asOfMs, states);
  return states;
}

/** Whether every deal was created before `asOfMs` and entered its current state before it. */
function allCurrentBefore(columns: DealColumns, asOfMs: number): boolean {
  const { createdAt, currentSince } = columns;
  for (let i = 0; i < createdAt.length; i++) {
    if (!((createdAt[i] as number) < asOfMs && asOfMs > (currentSince[i] as number))) return false;
  }
  return true;
}

/** State `i` of state columns as a {@link DealStateAt} (for code that reads one deal at a time). */
export function stateAt(states: DealStateColumns, i: number, pipeline: PreparedPipeline): DealStateAt {
  const stage = states.stage[i] as number;
  return {
    status: STATUS_NAMES[states.status[i] as number] as DealStatus,
    stage: stage < 0 ? undefined : pipeline.stages[stage],
    since: states.since[i] as number,
    stageAssumed: states.assumed[i] === 1,
  };
}

/** Drops the states memoised for `deals` (benchmarks measure a cold first call with it). */
export function forgetDealStates(deals: readonly DealRow[]): void {
  statesOf.forget(deals);
}
