// Internal: cohort conversions of leads between two funnel steps (lead → SQL, close rate …),
// per period of entry, as of `asOf`, with the same rules as `conversionRate`.
import { toDecimal } from "../../core/decimal.js";
import { definitionError } from "../../core/errors.js";
import { messages } from "../../core/messages.js";
import { ratio } from "../../core/ratio.js";
import { createDayDeadlines, effectiveReach } from "../../conversion/lead-steps.js";
import { resolveConversionSteps } from "../../conversion/conversion-rate.js";
import { standardFunnelSteps } from "../../conversion/standard-conversions.js";
import { groupedCells } from "../../measure/grouped-cells.js";
import type { BuiltinEvaluator } from "./context.js";

/**
 * Of the leads that reached `from` in the period (the cohort), the share that reached `to`
 * within the window (whole local days, the day of entry included; no window: by `asOf`).
 * With `cohortAgeDays`, every cohort is judged at that age (at most the window), so cohorts of
 * different ages compare fairly. A cell is mature when none of its leads can still convert
 * within the full window by a later `asOf` (an empty cohort once its period has ended).
 */
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
  const cells = groupedCells(periods.length, () => ({ entered: 0, converted: 0, open: 0 }), context.keyOf);
  let dataStart = Number.POSITIVE_INFINITY;
  for (const lead of context.data.leads) {
    if (lead.createdAt < context.asOfMs && lead.createdAt < dataStart) dataStart = lead.createdAt;
    const fromAt = effectiveReach(lead, steps, fromIndex, context.asOfMs);
    if (Number.isNaN(fromAt)) continue;
    const bucket = context.buckets.indexOf(fromAt);
    if (bucket < 0) continue;
    const toAt = effectiveReach(lead, steps, toIndex, context.asOfMs);
    const deadline = days === undefined ? Number.POSITIVE_INFINITY : days.deadline(fromAt);
    const converted = toAt < deadline;
    const open = !converted && deadline > context.asOfMs;
    for (const cell of cells.cellsOf(bucket, lead)) {
      cell.entered++;
      if (converted) cell.converted++;
      if (open) cell.open++;
    }
  }
  return cells.finish(
    false,
    (cell, bucket) => {
      const parts = ratio(cell.converted, cell.entered);
      const period = periods[bucket];
      const ended = period !== undefined && period.endMs <= context.asOfMs;
      // With a window every lead's deadline is known: the cohort is mature once the last
      // possible deadline of its period has passed; without one, once no lead is still open.
      // An empty cohort has nothing left to convert.
      const mature =
        cell.entered === 0
          ? ended
          : fullWindow !== undefined && period !== undefined && ended
            ? fullWindow.deadline(period.endMs - 1) <= context.asOfMs
            : ended && cell.open === 0;
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
  return cells.finish(true, (cell) => ({ value: toDecimal(cell.count), ratio: undefined }), {
    dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
  });
};
