// Internal: cohort conversions of leads between two funnel steps (lead → SQL, close rate …),
// per period of entry, as of `asOf`, with the same rules as `conversionRate`.
import { countDecimal } from "../../core/decimal.js";
import { definitionError } from "../../core/errors.js";
import { messages } from "../../core/messages.js";
import { countRatio } from "../../core/ratio.js";
import { createDayDeadlines, effectiveReachOf } from "../../conversion/lead-steps.js";
import { resolveConversionSteps } from "../../conversion/conversion-rate.js";
import { standardFunnelSteps } from "../../conversion/standard-conversions.js";
import { codedGroups } from "../../measure/coded-groups.js";
import { groupedCells, keyedCells } from "../../measure/grouped-cells.js";
import type { KpiGroupBy } from "../../measure/series.js";
import type { Dictionary } from "../../model/dictionary.js";
import { type LeadColumns, leadColumns } from "../../model/lead-columns.js";
import type { BuiltinEvaluator } from "./context.js";

/**
 * Of the leads that reached `from` in the period (the cohort), the share that reached `to`
 * within the window (whole local days, the day of entry included; no window: by `asOf`).
 * With `cohortAgeDays`, every cohort is judged at that age (at most the window), so cohorts of
 * different ages compare fairly. A cell is mature when none of its leads can still convert
 * within the full window by a later `asOf` (an empty cohort once its period has ended).
 */
/** The dictionary a breakdown field of leads is read from. */
function leadDictionary(columns: LeadColumns, field: KpiGroupBy): Dictionary {
  if (field === "owner" || field === "team" || field === "source") return columns[field];
  throw definitionError("invalid-option", ["groupBy"], messages.groupByNotInSource(field, "leads", ["owner", "team", "source"]));
}

export const leadCohortEvaluator: BuiltinEvaluator = (context) => {
  const conversion = context.conversion;
  if (conversion === undefined) throw definitionError("invalid-definition", ["kpi", "conversion"], messages.conversionStepsMissing);
  const { steps, fromIndex, toIndex } = resolveConversionSteps(conversion.from, conversion.to, standardFunnelSteps);
  const periods = context.periods;
  const window =
    context.cohortAgeDays === undefined
      ? conversion.windowDays
      : Math.min(context.cohortAgeDays, conversion.windowDays ?? Number.POSITIVE_INFINITY);
  const first = periods[0];
  const last = periods[periods.length - 1];
  const deadlines = (days: number | undefined) =>
    days === undefined || first === undefined || last === undefined ? undefined : createDayDeadlines(first.startMs, last.endMs, days, context.calendar);
  const days = deadlines(window);
  // Maturity is judged against the full window: a cohort judged at a younger age can still rise.
  const fullWindow = window === conversion.windowDays ? days : deadlines(conversion.windowDays);
  // One pass over the lead columns, counting per (group code, period); then one cell update per count.
  const columns = leadColumns(context.data.leads);
  const reached = steps.map((step) => columns.reachedAt(step));
  const groups = codedGroups(context.fields.map((field) => leadDictionary(columns, field)));
  const bucketCount = periods.length;
  const size = (groups.count + 1) * bucketCount;
  const entered = new Int32Array(size);
  const converted = new Int32Array(size);
  const open = new Int32Array(size);
  const { createdAt } = columns;
  const asOfMs = context.asOfMs;
  const buckets = context.buckets;
  let dataStart = Number.POSITIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) {
    const created = createdAt[i] as number;
    if (created < asOfMs && created < dataStart) dataStart = created;
    const fromAt = effectiveReachOf(reached, i, fromIndex, asOfMs);
    if (Number.isNaN(fromAt)) continue;
    const bucket = buckets.indexOf(fromAt);
    if (bucket < 0) continue;
    const toAt = effectiveReachOf(reached, i, toIndex, asOfMs);
    const deadline = days === undefined ? Number.POSITIVE_INFINITY : days.deadline(fromAt);
    const cell = (groups.codeOf(i) + 1) * bucketCount + bucket;
    entered[cell] = (entered[cell] as number) + 1;
    if (toAt < deadline) converted[cell] = (converted[cell] as number) + 1;
    else if (deadline > asOfMs) open[cell] = (open[cell] as number) + 1;
  }
  const cells = keyedCells(bucketCount, () => ({ entered: 0, converted: 0, open: 0 }), context.keyOf !== undefined);
  for (let cell = 0; cell < size; cell++) {
    const rows = entered[cell] as number;
    if (rows === 0) continue;
    const bucket = cell % bucketCount;
    for (const state of cells.cellsOf(bucket, groups.keyOf(Math.floor(cell / bucketCount) - 1), rows)) {
      state.entered += rows;
      state.converted += converted[cell] as number;
      state.open += open[cell] as number;
    }
  }
  // Per period, once: has it ended, and has the last possible deadline of its leads passed.
  const ends = periods.map((period) => period.endMs <= context.asOfMs);
  const pastLastDeadline = periods.map((period, i) => ends[i] === true && fullWindow !== undefined && fullWindow.deadline(period.endMs - 1) <= context.asOfMs);
  return cells.finish(
    false,
    (cell, bucket) => {
      const parts = countRatio(cell.converted, cell.entered);
      const ended = ends[bucket] === true;
      // With a window every lead's deadline is known: the cohort is mature once the last
      // possible deadline of its period has passed; without one, once no lead is still open.
      // An empty cohort has nothing left to convert.
      const mature = cell.entered === 0 ? ended : fullWindow !== undefined && ended ? pastLastDeadline[bucket] === true : ended && cell.open === 0;
      return { value: parts.value, ratio: parts, mature };
    },
    { dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart },
  );
};

/** Returned leads: the leads sales handed back to marketing in the period (by `returnedAt`). */
export const returnedLeadsEvaluator: BuiltinEvaluator = (context) => {
  const cells = groupedCells(context.periods.length, () => ({ count: 0 }), context.keyOf);
  let dataStart = Number.POSITIVE_INFINITY;
  for (const lead of context.data.leads) {
    if (lead.createdAt < context.asOfMs && lead.createdAt < dataStart) dataStart = lead.createdAt;
    if (lead.returnedAt === undefined) continue;
    const bucket = context.buckets.indexOf(lead.returnedAt);
    if (bucket < 0) continue;
    for (const cell of cells.cellsOf(bucket, lead)) cell.count++;
  }
  return cells.finish(true, (cell) => ({ value: countDecimal(cell.count), ratio: undefined }), {
    dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
  });
};
