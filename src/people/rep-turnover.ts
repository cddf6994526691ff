import type { KpiBounds } from "../time/bounds.js";
import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { resolveBounds } from "../conversion/lead-steps.js";
import { type KpiDecimal, toDecimal } from "../core/decimal.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import type { Rep } from "../model/rep.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema } from "../time/instant.js";

/** Schema of {@link RepTurnoverOptions}. */
export const RepTurnoverOptionsSchema = z.strictObject({
  /** `[from, to)`: the period whose leavers are counted (date-only = start of that local day). */
  period: z.strictObject({ from: InstantSchema, to: InstantSchema }),
  calendar: KpiCalendarSchema.optional(),
});

/** Options of {@link repTurnover}. */
export type RepTurnoverOptions = ReadonlyInput<z.input<typeof RepTurnoverOptionsSchema>>;

/** Result of {@link repTurnover}. */
export interface RepTurnoverResult {
  /** leavers ÷ average headcount; value null when the average headcount is 0. May exceed 1. */
  readonly ratio: Ratio;
  readonly value: KpiDecimal | null;
  /** Reps whose `leftAt` lies in the period. */
  readonly leavers: number;
  /** Their ids, sorted. */
  readonly leaverIds: readonly string[];
  /** Reps on the roster at the start of the period. */
  readonly headcountStart: number;
  /** Reps on the roster at the end of the period (still there at its last instant). */
  readonly headcountEnd: number;
  /** (headcountStart + headcountEnd) ÷ 2. */
  readonly averageHeadcount: KpiDecimal;
  readonly period: KpiBounds;
  /** Reps in the roster. */
  readonly rows: number;
  /** Rep rows left out by the preparation (`invalidRows: "skip"`). */
  readonly rowsSkipped: number;
}

/**
 * Rep turnover: the share of the sales team that left in the period. "We averaged 10 reps
 * this year and 2 left: turnover 20%."
 *
 * The common HR definition (as used by SHRM and the US BLS): turnover = leavers in the
 * period ÷ average headcount, with average headcount = (headcount at the start +
 * headcount at the end) ÷ 2. A leaver is a rep whose `leftAt` lies in `[from, to)`. A rep
 * is on the roster at an instant when `startedAt` (if given; no `startedAt` = there from
 * the beginning) is at or before it and `leftAt` (if given) is after it; the end headcount
 * is taken at the last instant of the period, so a rep leaving exactly at `to` still counts.
 * A rep who joins and leaves inside the period is a leaver but in neither headcount. The
 * value may exceed 1 (more leavers than the average team) and is `null` when the average
 * headcount is 0. Not annualised: compare periods of the same length.
 *
 * Complexity: one pass over the roster, plus a sort of the leaver ids.
 *
 * @throws KpiInputError for invalid rep rows (such as `leftAt` before `startedAt`).
 * @throws KpiDefinitionError for bad options or an empty period.
 * @example
 * const result = repTurnover(
 *   [
 *     { id: "ann", startedAt: "2024-01-01" },
 *     { id: "bob", startedAt: "2024-01-01", leftAt: "2026-06-30" },
 *     { id: "cas", startedAt: "2026-03-01" },
 *     { id: "dee", startedAt: "2025-05-01" },
 *   ],
 *   { period: { from: "2026-01-01", to: "2027-01-01" } },
 * );
 * [result.headcountStart, result.headcountEnd, result.leavers]; //=> [3, 3, 1]
 * result.value?.toFixed(4); //=> "0.3333"
 */
export function repTurnover(reps: readonly Rep[] | PreparedKpiData, options: RepTurnoverOptions): RepTurnoverResult {
  const opts = parseOptions(RepTurnoverOptionsSchema, options);
  const prepared = prepare(reps, { calendar: opts.calendar }, "reps");
  const calendar = prepared.calendar;
  const period = resolveBounds(opts.period, calendar);
  const { startMs, endMs } = period;
  let headcountStart = 0;
  let headcountEnd = 0;
  const leaverIds: string[] = [];
  const onRosterAt = (started: number | undefined, left: number | undefined, ms: number): boolean =>
    (started === undefined || started <= ms) && (left === undefined || left > ms);
  for (const rep of prepared.reps) {
    if (onRosterAt(rep.startedAt, rep.leftAt, startMs)) headcountStart++;
    if (onRosterAt(rep.startedAt, rep.leftAt, endMs - 1)) headcountEnd++;
    if (rep.leftAt !== undefined && rep.leftAt >= startMs && rep.leftAt < endMs) leaverIds.push(rep.id);
  }
  leaverIds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const averageHeadcount = toDecimal(headcountStart + headcountEnd).div(2);
  const r = ratio(leaverIds.length, averageHeadcount);
  let rowsSkipped = 0;
  for (const row of prepared.skipped) if (row.collection === "reps") rowsSkipped++;
  return {
    ratio: r,
    value: r.value,
    leavers: leaverIds.length,
    leaverIds,
    headcountStart,
    headcountEnd,
    averageHeadcount: r.denominator,
    period,
    rows: prepared.reps.length,
    rowsSkipped,
  };
}
