// Internal: parsing the `[from, to)` range of measure options.
import { isoInstant } from "../time/iso-instant.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiCalendar } from "../time/calendar.js";
import { type InstantInput, parseInstant } from "../time/instant.js";

/** A resolved half-open range `[from, to)`, as ISO date-times in the calendar's zone and epoch ms. */
export interface MeasureRange {
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export { isoInstant } from "../time/iso-instant.js";

/**
 * Reads `from` and `to` (date-only values are the start of that local day, so
 * `to: "2026-12-01"` ends before 1 December) and checks `to` is after `from`.
 */
export function resolveRange(from: InstantInput, to: InstantInput, calendar: KpiCalendar): MeasureRange {
  const fromMs = parseInstant(from, calendar, ["from"]);
  const toMs = parseInstant(to, calendar, ["to"]);
  if (!(toMs > fromMs)) throw definitionError("invalid-option", ["to"], messages.emptyRange);
  return { from: isoInstant(fromMs, calendar), to: isoInstant(toMs, calendar), fromMs, toMs };
}

/** Buckets for a single range: index 0 inside `[fromMs, toMs)`, else -1. */
export function rangeBuckets(fromMs: number, toMs: number): { count: number; indexOf(ms: number): number } {
  return { count: 1, indexOf: (ms) => (ms >= fromMs && ms < toMs ? 0 : -1) };
}
