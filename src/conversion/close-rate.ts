import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { parseOptions } from "../core/parse-input.js";
import type { Lead } from "../model/lead.js";
import type { PreparedData, PreparedKpiData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema } from "../time/instant.js";
import { conversionRate, type ConversionRateResult } from "./conversion-rate.js";
import { LeadPeriodSchema } from "./lead-steps.js";

/** Schema of {@link CloseRateOptions}. */
export const CloseRateOptionsSchema = z.strictObject({
  /** `[from, to)`: the period in which the leads became qualified (the cohort). */
  period: LeadPeriodSchema,
  asOf: InstantSchema,
  /** The step at which a lead is qualified. Default `"sql"`. */
  qualifiedStep: z.string().min(1).default("sql"),
  /** The step at which the lead's deal is won. Default `"customer"`. */
  wonStep: z.string().min(1).default("customer"),
  /** Count a win only within this many whole local days after qualification. */
  windowDays: z.number().int().min(0).max(3660).optional(),
  groupBy: z.enum(["owner", "team", "source"]).optional(),
  /** The funnel in order (default `["sql", "quote", "customer"]` for the default steps, else `[qualifiedStep, wonStep]`). */
  steps: z.array(z.string().min(1)).optional(),
  calendar: KpiCalendarSchema.optional(),
});

/** Options of {@link closeRate}. */
export type CloseRateOptions = ReadonlyInput<z.input<typeof CloseRateOptionsSchema>>;

/**
 * Close rate: of the leads qualified in the period, the share that became a customer (won
 * deal). "We qualified 40 leads in March; 10 of them have become customers: 25%."
 *
 * How deals link to leads: the lead's own funnel record is the link. A lead reaching the
 * `wonStep` (default `customer`) *is* its won deal, so the close rate is lead-based:
 * closeRate = leads that reached `customer` ÷ leads that reached `sql` in the period, as a
 * cohort — exactly `conversionRate(leads, { from: qualifiedStep, to: wonStep, mode: "cohort" })`
 * with the same window, `asOf`, `mature`/`open` counts and groups. Each lead counts once,
 * however many deals it produced, so the rate is always in [0, 1]. (For deal-based win
 * rates over deals, use the pipeline's win rate.) A lead that became a customer without a
 * recorded SQL counts as qualified at the moment it won (`impliedFrom`).
 *
 * Complexity: one pass over the leads (see {@link conversionRate}).
 *
 * @throws KpiDefinitionError for bad options; KpiInputError for invalid lead rows.
 * @example
 * const result = closeRate(
 *   [
 *     { id: "a", createdAt: "2026-03-01", reached: { sql: "2026-03-02", quote: "2026-03-10", customer: "2026-03-20" } },
 *     { id: "b", createdAt: "2026-03-01", reached: { sql: "2026-03-03", quote: "2026-03-12" } },
 *     { id: "c", createdAt: "2026-03-01", reached: { sql: "2026-03-04" } },
 *     { id: "d", createdAt: "2026-03-01", reached: { sql: "2026-03-05" } },
 *   ],
 *   { period: { from: "2026-03-01", to: "2026-04-01" }, asOf: "2026-06-30" },
 * );
 * result.value?.toString(); //=> "0.25"
 */
export function closeRate(leads: readonly Lead[] | PreparedKpiData, options: CloseRateOptions): ConversionRateResult {
  const opts = parseOptions(CloseRateOptionsSchema, options);
  const defaultSteps = opts.qualifiedStep === "sql" && opts.wonStep === "customer" ? ["sql", "quote", "customer"] : [opts.qualifiedStep, opts.wonStep];
  return conversionRate(leads, {
    from: opts.qualifiedStep,
    to: opts.wonStep,
    period: opts.period,
    mode: "cohort",
    windowDays: opts.windowDays,
    asOf: opts.asOf,
    groupBy: opts.groupBy,
    steps: opts.steps ?? defaultSteps,
    calendar: opts.calendar,
  });
}
