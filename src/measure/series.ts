import type { KpiBounds } from "../time/bounds.js";
import type { KpiDecimal } from "../core/decimal.js";
import type { Ratio } from "../core/ratio.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";

/**
 * What a series is grouped by: one series per owner (rep), team, lead/deal source (channel),
 * activity type or deal product.
 */
export type KpiGroupBy = "owner" | "team" | "source" | "type" | "product";

/**
 * One point of a series: the value of a measure in one period (and group).
 * For additive measures (count, sum, distinct) `value` is a Decimal and empty periods are 0.
 * For ratio measures `ratio` holds numerator and denominator and `value` is `ratio.value`
 * (null when the denominator is 0).
 */
export interface KpiSeriesPoint {
  readonly period: KpiPeriod;
  /** The group key, or `null` for the ungrouped (team-wide) series. */
  readonly group: string | null;
  readonly value: KpiDecimal | null;
  readonly ratio?: Ratio;
  /** Rows that contributed to this point. */
  readonly rows: number;
  /** Grouped by two fields: the value of each, in `groupBy` order (`group` joins them with " · "). */
  readonly keys?: readonly string[];
  /** Rows of this period (and group) left out, by reason (e.g. `missing-amount`), when any. */
  readonly skipped?: Readonly<Record<string, number>>;
  /** Team points of a grouped series: rows counted in the team that have no group key (a lead without owner). */
  readonly withoutGroup?: number;
  /**
   * Cohort KPIs: false while a lead of the cohort can still convert within the window by a
   * later `asOf` (the value can still rise).
   */
  readonly mature?: boolean;
  /**
   * `"partial"` when the period is only partly inside the measured range or before `asOf`,
   * `"before-data"` when it ends before the source's first row: such a value is not a
   * complete period's and a baseline does not use it. Absent when complete.
   */
  readonly coverage?: "partial" | "before-data";
  /** Sales cycle length: the median days, beside the mean in `value` (null without deals). */
  readonly median?: KpiDecimal | null;
}

/**
 * A measure evaluated per period (and group) over `[from, to)`, with provenance.
 * Points are sorted by period, then group key; every period appears once per group.
 */
export interface KpiSeries {
  readonly grain: KpiGrain;
  /** The covered range: start of the first period, end of the last. */
  readonly bounds: KpiBounds;
  /**
   * The exact range rows were counted in, `[from, to)`. When `from`/`to` are not on period
   * boundaries the first/last period is partial: rows before `from` or at/after `to` are
   * not counted even though their period is in the series.
   */
  readonly range?: { readonly from: string; readonly to: string; readonly fromMs: number; readonly toMs: number };
  /** The currency of a sum of amounts (when the deals state one). */
  readonly currency?: string;
  readonly periods: readonly KpiPeriod[];
  /** The breakdown: one field, two fields (`["owner", "type"]`), or `null` when not grouped. */
  readonly groupBy: KpiGroupBy | readonly KpiGroupBy[] | null;
  /** The groups, sorted; `[]` when not grouped. */
  readonly groups: readonly string[];
  /**
   * True for count/sum/distinct measures (zero-filled, summable); false for ratios. A
   * `distinct` measure without `first` is zero-filled but not summable over periods or
   * groups (an account active in two months, or with two reps, counts in each).
   */
  readonly additive: boolean;
  readonly points: readonly KpiSeriesPoint[];
  /**
   * The team: one point per period over ALL rows, rows without a group key included (their
   * count in `withoutGroup`). For an ungrouped series the same as `points`.
   */
  readonly team?: readonly KpiSeriesPoint[];
  /** Rows that fell in the range and passed the filters. */
  readonly rowsUsed: number;
  /** Rows left out, with why (counted, never silent). */
  readonly rowsSkipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
}
