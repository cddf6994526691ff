import { z } from "zod";
import type { KpiDecimal } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { parseOptions } from "../core/parse-input.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { Deal } from "../model/deal.js";
import { PipelineSchema } from "../model/pipeline.js";
import { prepare } from "../model/prepare-kpi-data.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { formatLocalInstant } from "../time/zone-clock.js";
import { messages } from "../core/messages.js";
import type { PreparedDeal, PreparedPipeline, PreparedStage } from "../model/prepared.js";

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

function firstOpenStage(pipeline: PreparedPipeline): PreparedStage {
  for (const stage of pipeline.stages) if (stage.outcome === "open") return stage;
  throw definitionError("invalid-definition", ["pipeline", "stages"], messages.pipelineWithoutOpenStage);
}

/** The instant of the implied move into the current stage when history does not end there. */
function impliedMoveAt(deal: PreparedDeal): number | undefined {
  const last = deal.history[deal.history.length - 1];
  if (last === undefined || last.stage === deal.stage) return undefined;
  if (deal.stage.outcome !== "open" && deal.closedAt !== undefined) return Math.max(deal.closedAt, last.at);
  return last.at;
}

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
 * // history: proposal on 1 Mar, won on 10 Mar, proposal again (reopened) on 20 Mar
 * dealStateAsOf(deal, Date.UTC(2026, 2, 15), pipeline).status; // "won"
 * dealStateAsOf(deal, Date.UTC(2026, 2, 25), pipeline).status; // "open"
 */
export function dealStateAsOf(deal: PreparedDeal, asOfMs: number | undefined, pipeline: PreparedPipeline): DealStateAt {
  const history = deal.history;
  if (asOfMs === undefined) {
    const implied = impliedMoveAt(deal);
    const last = history[history.length - 1];
    const since =
      deal.stage.outcome !== "open" && deal.closedAt !== undefined
        ? (implied ?? deal.closedAt)
        : (implied ?? (last !== undefined && last.stage === deal.stage ? last.at : deal.createdAt));
    return { status: deal.stage.outcome, stage: deal.stage, since, stageAssumed: false };
  }
  if (!(deal.createdAt < asOfMs)) return { status: "not-created", stage: undefined, since: deal.createdAt, stageAssumed: false };
  // After the move into its current state (found once, in preparation) the deal is in it:
  // no need to look at the history. Same result as the rules below.
  if (asOfMs > deal.currentSince) return { status: deal.stage.outcome, stage: deal.stage, since: deal.currentSince, stageAssumed: false };

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
  let lo = 0;
  let hi = history.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((history[mid] as { at: number }).at < asOfMs) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) {
    const earliest = (history[0] as { stage: PreparedStage }).stage;
    if (earliest.outcome === "open") return { status: "open", stage: earliest, since: deal.createdAt, stageAssumed: false };
    return { status: "open", stage: firstOpenStage(pipeline), since: deal.createdAt, stageAssumed: true };
  }
  const move = history[found] as { stage: PreparedStage; at: number };
  return { status: move.stage.outcome, stage: move.stage, since: move.at, stageAssumed: false };
}

/** Schema of {@link DealStateAtOptions}. */
export const DealStateAtOptionsSchema = z.strictObject({
  /** The pipeline the deal's stages are in. */
  pipeline: PipelineSchema,
  /** The instant (exclusive; a date-only value includes that day); left out: the deal's current state. */
  asOf: InstantSchema.optional(),
  calendar: KpiCalendarSchema.optional(),
});
/** Options of {@link dealStateAt}. */
export type DealStateAtOptions = ReadonlyInput<z.input<typeof DealStateAtOptionsSchema>>;

/** The state of one deal as of an instant (see {@link dealStateAt}). */
export interface DealState {
  readonly status: DealStatus;
  /** The stage the deal was in; `undefined` only when it was not created yet. */
  readonly stage: { readonly id: string; readonly label: string | undefined; readonly outcome: "open" | "won" | "lost"; readonly probability: KpiDecimal } | undefined;
  /** When the deal entered this state (epoch ms): the move into its stage, else its creation; for a won or lost deal its effective close. */
  readonly since: number;
  /** `since` as an ISO date-time in the calendar's zone. */
  readonly sinceIso: string;
  /** True when the stage is an assumption (no recorded stage at that instant). */
  readonly stageAssumed: boolean;
}

/**
 * The state of one deal as of `asOf`, by the one as-of rule every KPI uses: its stage, outcome
 * and close are those of its history before `asOf` (a reopened deal is open again after the
 * reopening; before its first recorded move a deal is in the pipeline's first open stage).
 * Without `asOf`, its current state.
 *
 * @throws KpiInputError for an invalid deal (paths `deals[0]…`); KpiDefinitionError for bad options.
 * @example
 * const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] };
 * dealStateAt({ id: "d1", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-10" }, { pipeline, asOf: "2026-03-05" }).status;
 * //=> "open"
 */
export function dealStateAt(deal: ReadonlyInput<Deal>, options: DealStateAtOptions): DealState {
  const opts = parseOptions(DealStateAtOptionsSchema, options);
  const data = prepare([deal], { pipeline: opts.pipeline, calendar: opts.calendar }, "deals");
  const prepared = data.deals[0] as PreparedDeal;
  const asOfMs = opts.asOf === undefined ? undefined : parseAsOf(opts.asOf, data.calendar);
  const state = dealStateAsOf(prepared, asOfMs, data.pipeline as PreparedPipeline);
  const stage = state.stage;
  return {
    status: state.status,
    stage: stage === undefined ? undefined : { id: stage.id, label: stage.label, outcome: stage.outcome, probability: stage.probability },
    since: state.since,
    sinceIso: formatLocalInstant(state.since, data.calendar.timeZone),
    stageAssumed: state.stageAssumed,
  };
}
