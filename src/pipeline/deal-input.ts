import type { Deal } from "../model/deal.js";
import type { Pipeline } from "../model/pipeline.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import type { KpiCalendarInput } from "../time/calendar.js";

/**
 * What every pipeline function takes as its first argument: raw deals (then `pipeline` is
 * needed in the options) or data prepared once by `prepareKpiData` (which carries it).
 */
export type PipelineDealsInput = readonly Deal[] | PreparedKpiData;

/** A deal left out of a result, with why. */
export interface SkippedDeal {
  /** Position of the deal in the input array. */
  readonly index: number;
  /** The deal's id, when it could be read. */
  readonly id: string | undefined;
  readonly reason: string;
}

/** Prepares the deals at the boundary (returns prepared data unchanged, checking the calendar). */
export function prepareDeals(
  input: PipelineDealsInput,
  options: { readonly pipeline?: Pipeline | undefined; readonly calendar?: KpiCalendarInput | undefined },
): PreparedData {
  return prepare(input, { pipeline: options.pipeline, calendar: options.calendar }, "deals");
}

/** The deals that preparation already left out (`invalidRows: "skip"`), as {@link SkippedDeal}s. */
export function skippedInPreparation(data: PreparedData): SkippedDeal[] {
  return data.skipped
    .filter((row) => row.collection === "deals")
    .map((row) => ({ index: row.index, id: undefined, reason: row.reasons.join("; ") }));
}
