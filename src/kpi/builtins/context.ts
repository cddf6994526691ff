// Internal: what a builtin KPI's evaluator is given. The data is prepared once; the buckets
// and the group key reader are built once per kpiSeries call.
import type { PreparedData } from "../../model/prepared.js";
import type { Buckets } from "../../measure/accumulate.js";
import type { GroupKeyReader } from "../../measure/group-key.js";
import type { KpiGroupBy } from "../../measure/series.js";
import type { EvaluatedCells } from "../../measure/series-of.js";
import type { KpiCalendar } from "../../time/calendar.js";
import type { KpiPeriod } from "../../time/period.js";

/** The evaluation frame of a builtin KPI. */
export interface BuiltinContext {
  readonly data: PreparedData;
  readonly calendar: KpiCalendar;
  /** The periods, oldest first; `buckets` maps an instant to one of them (or -1). */
  readonly periods: readonly KpiPeriod[];
  /** Instants in `[from, min(to, asOf))` to their period index. */
  readonly buckets: Buckets;
  /** The group key of a row, or `undefined` when not grouped. */
  readonly keyOf: GroupKeyReader | undefined;
  /** The breakdown fields `keyOf` reads (none when not grouped). */
  readonly fields: readonly KpiGroupBy[];
  /** Exclusive: everything known before it, nothing after. */
  readonly asOfMs: number;
  readonly missingAmount: "error" | "skip";
  /** Conversions: the funnel steps and the window in whole local days (`undefined`: none). */
  readonly conversion?: { readonly from: string; readonly to: string; readonly windowDays: number | undefined };
  /**
   * Conversions: judge every cohort at this age in whole local days (at most the window), so
   * that a young cohort is compared with older ones at the same age.
   */
  readonly cohortAgeDays?: number;
}

/** Evaluates a builtin KPI into per-period (and per-group) cells. */
export type BuiltinEvaluator = (context: BuiltinContext) => EvaluatedCells;
