import type { KpiDecimal } from "../core/decimal.js";
import type { Ratio } from "../core/ratio.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";

/** What a series is grouped by: one series per owner (rep), team or lead/deal source. */
export type KpiGroupBy = "owner" | "team" | "source";

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
}

/**
 * A measure evaluated per period (and group) over `[from, to)`, with provenance.
 * Points are sorted by period, then group key; every period appears once per group.
 */
export interface KpiSeries {
  readonly grain: KpiGrain;
  /** The covered range: start of the first period, end of the last. */
  readonly bounds: { readonly start: string; readonly end: string; readonly startMs: number; readonly endMs: number };
  /**
   * The exact range rows were counted in, `[from, to)`. When `from`/`to` are not on period
   * boundaries the first/last period is partial: rows before `from` or at/after `to` are
   * not counted even though their period is in the series.
   */
  readonly range?: { readonly from: string; readonly to: string; readonly fromMs: number; readonly toMs: number };
  /** The currency of a sum of amounts (when the deals state one). */
  readonly currency?: string;
  readonly periods: readonly KpiPeriod[];
  readonly groupBy: KpiGroupBy | null;
  /** The groups, sorted; `[]` when not grouped. */
  readonly groups: readonly string[];
  /**
   * True for count/sum/distinct measures (zero-filled, summable); false for ratios. A
   * `distinct` measure without `first` is zero-filled but not summable over periods or
   * groups (an account active in two months, or with two reps, counts in each).
   */
  readonly additive: boolean;
  readonly points: readonly KpiSeriesPoint[];
  /** Rows that fell in the range and passed the filters. */
  readonly rowsUsed: number;
  /** Rows left out, with why (counted, never silent). */
  readonly rowsSkipped: number;
  readonly skippedReasons: Readonly<Record<string, number>>;
}
