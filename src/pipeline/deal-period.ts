import type { KpiBounds } from "../time/bounds.js";
import { z } from "zod";
import { isoInstant } from "../time/iso-instant.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiCalendar } from "../time/calendar.js";
import { type InstantInput, InstantSchema, parseInstant } from "../time/instant.js";
import type { KpiPeriod } from "../time/period.js";

/**
 * The period a deal KPI is measured over: `from`/`to` instants (a date-only value is the
 * start of that local day, so `to` is exclusive), or a {@link KpiPeriod}.
 */
export type DealPeriodInput = { readonly from: InstantInput; readonly to: InstantInput } | KpiPeriod;

/** Schema of {@link DealPeriodInput}. */
export const DealPeriodInputSchema = z.union([
  z.strictObject({ from: InstantSchema, to: InstantSchema }),
  z.object({ label: z.string(), start: z.string(), end: z.string(), startMs: z.number(), endMs: z.number() }),
]);

/** The resolved half-open period `[start, end)` of a result: ISO (calendar offset), epoch ms, label. */
export interface DealPeriodBounds extends KpiBounds {
  readonly label: string;
}

/** An `asOf` instant in a result: ISO with the calendar's offset and epoch ms. */
export interface AsOfBounds {
  readonly asOf: string;
  readonly asOfMs: number;
}

/** ISO 8601 with the calendar's offset at that instant (see `isoInstant`). */
export const isoInCalendar = isoInstant;

/** Resolves a {@link DealPeriodInput} into its bounds; `to` must lie after `from`. */
export function resolveDealPeriod(input: DealPeriodInput, calendar: KpiCalendar): DealPeriodBounds {
  if ("startMs" in input) {
    return { label: input.label, start: input.start, end: input.end, startMs: input.startMs, endMs: input.endMs };
  }
  const startMs = parseInstant(input.from, calendar, ["period", "from"]);
  const endMs = parseInstant(input.to, calendar, ["period", "to"]);
  if (!(endMs > startMs)) throw definitionError("invalid-option", ["period", "to"], messages.emptyRange);
  const start = isoInCalendar(startMs, calendar);
  const end = isoInCalendar(endMs, calendar);
  const label = typeof input.from === "string" && typeof input.to === "string" ? `${input.from}/${input.to}` : `${start}/${end}`;
  return { label, start, end, startMs, endMs };
}
