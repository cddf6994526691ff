import { z } from "zod";
import type { KpiDecimal } from "../core/decimal.js";
import { parseOptions } from "../core/parse-input.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { Deal } from "../model/deal.js";
import { type DealStatus, dealStateAsOf } from "../model/deal-state-at.js";
import { PipelineSchema } from "../model/pipeline.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { formatLocalInstant } from "../time/zone-clock.js";
import type { DealRow } from "../model/deal-row.js";

export type { DealStateAt, DealStatus } from "../model/deal-state-at.js";
export { dealStateAsOf } from "../model/deal-state-at.js";

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
 * const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" as const }, { id: "won", probability: 1, outcome: "won" as const }] };
 * dealStateAt({ id: "d1", owner: "ann", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-10" }, { pipeline, asOf: "2026-03-05" }).status;
 * //=> "open"
 */
export function dealStateAt(deal: ReadonlyInput<Deal>, options: DealStateAtOptions): DealState {
  const opts = parseOptions(DealStateAtOptionsSchema, options);
  const data = prepare([deal], { pipeline: opts.pipeline, calendar: opts.calendar }, "deals");
  const prepared = data.deals[0] as DealRow;
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
