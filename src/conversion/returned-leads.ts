import { z } from "zod";
import { messages } from "../core/messages.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { toDecimal } from "../core/decimal.js";
import { parseOptions } from "../core/parse-input.js";
import type { KpiSeries, KpiSeriesPoint } from "../measure/series.js";
import type { Lead } from "../model/lead.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema } from "../time/instant.js";
import { createPeriodIndex, KpiGrainSchema, periodsBetween } from "../time/period.js";
import { compareKeys, groupKeyOf, isoInstant, resolveBounds, rosterGroups, skippedLeadRows } from "./lead-steps.js";

/** Schema of {@link ReturnedLeadsOptions}. */
export const ReturnedLeadsOptionsSchema = z.strictObject({
  /** Start of the range (date-only = start of that local day). */
  from: InstantSchema,
  /** Exclusive end of the range. */
  to: InstantSchema,
  grain: KpiGrainSchema.default("month"),
  groupBy: z.enum(["owner", "team", "source"]).optional(),
  calendar: KpiCalendarSchema.optional(),
});

/** Options of {@link returnedLeads}. */
export type ReturnedLeadsOptions = ReadonlyInput<z.input<typeof ReturnedLeadsOptionsSchema>>;

/**
 * Returned leads: how many leads sales handed back to marketing in each period (a lead the
 * sales team judged not ready). A lead counts in the period that holds its `returnedAt`;
 * each lead counts once (it has one `returnedAt`).
 *
 * Returns a {@link KpiSeries} (additive, zero-filled: a month without returns is 0, not
 * missing) over the periods of `grain` covering `[from, to)`, so it feeds `baseline` like
 * any measured series. With `groupBy`, one point per period and group (leads without the
 * field in `"(none)"`; roster reps or teams appear with zeros). The periods are whole: a
 * `from` in mid-month starts with that whole month (`bounds` shows the covered range).
 * `rowsUsed` = returned leads in the covered range; leads never returned are not rows of
 * this KPI.
 *
 * Complexity: one pass over the leads, binary search per returned lead over the
 * precomputed period boundaries.
 *
 * @throws KpiDefinitionError for bad options or an empty range; KpiInputError for invalid lead rows.
 * @example
 * const series = returnedLeads(
 *   [
 *     { id: "a", createdAt: "2026-01-05", returnedAt: "2026-01-20" },
 *     { id: "b", createdAt: "2026-01-06", returnedAt: "2026-03-02" },
 *     { id: "c", createdAt: "2026-01-07" },
 *   ],
 *   { from: "2026-01-01", to: "2026-04-01", grain: "month" },
 * );
 * series.points.map((p) => `${p.period.label}: ${p.value?.toString()}`); //=> ["2026-01: 1", "2026-02: 0", "2026-03: 1"]
 */
export function returnedLeads(leads: readonly Lead[] | PreparedKpiData, options: ReturnedLeadsOptions): KpiSeries {
  const opts = parseOptions(ReturnedLeadsOptionsSchema, options);
  const prepared = prepare(leads, { calendar: opts.calendar }, "leads");
  const calendar = prepared.calendar;
  const range = resolveBounds({ from: opts.from, to: opts.to }, calendar, []);
  const periods = periodsBetween(range.startMs, range.endMs, opts.grain, calendar);
  const index = createPeriodIndex(periods);
  const groupBy = opts.groupBy;
  const total = new Array<number>(periods.length).fill(0);
  const groups = new Map<string, number[]>();
  if (groupBy !== undefined) for (const key of rosterGroups(prepared, groupBy)) groups.set(key, new Array<number>(periods.length).fill(0));
  let rowsUsed = 0;

  for (const lead of prepared.leads) {
    if (lead.returnedAt === undefined) continue;
    const i = index.indexOf(lead.returnedAt);
    if (i < 0) continue;
    rowsUsed++;
    total[i] = (total[i] as number) + 1;
    if (groupBy !== undefined) {
      const key = groupKeyOf(lead, groupBy);
      let counts = groups.get(key);
      if (counts === undefined) {
        counts = new Array<number>(periods.length).fill(0);
        groups.set(key, counts);
      }
      counts[i] = (counts[i] as number) + 1;
    }
  }

  const keys = [...groups.keys()].sort(compareKeys);
  const points: KpiSeriesPoint[] = [];
  periods.forEach((period, i) => {
    if (groupBy === undefined) {
      const count = total[i] as number;
      points.push({ period, group: null, value: toDecimal(count), rows: count });
      return;
    }
    for (const key of keys) {
      const count = (groups.get(key) as number[])[i] as number;
      points.push({ period, group: key, value: toDecimal(count), rows: count });
    }
  });
  const first = periods[0];
  const last = periods[periods.length - 1];
  const startMs = first?.startMs ?? range.startMs;
  const endMs = last?.endMs ?? range.endMs;
  const skipped = skippedLeadRows(prepared);
  return {
    grain: opts.grain,
    bounds: { start: isoInstant(startMs, calendar), end: isoInstant(endMs, calendar), startMs, endMs },
    periods,
    groupBy: groupBy ?? null,
    groups: keys,
    additive: true,
    points,
    rowsUsed,
    rowsSkipped: skipped,
    skippedReasons: skipped > 0 ? { [messages.invalidLeadRow]: skipped } : {},
  };
}
