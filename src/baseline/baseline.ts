import { z } from "zod";
import { compareDecimals } from "../core/compare-decimals.js";
import { quotient } from "../core/quotient.js";
import { isoInstant } from "../time/iso-instant.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { countDecimal, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { lastIndexBefore } from "../core/sorted-search.js";
import { parseOptions } from "../core/parse-input.js";
import type { KpiSeries, KpiSeriesPoint } from "../measure/series.js";
import { DEFAULT_CALENDAR, type KpiCalendar, KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf, parseInstant } from "../time/instant.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";
import { baselineWindow, localDays } from "./baseline-window.js";
import { parseSeries } from "../measure/series-schema.js";

/** How the baseline summarises its periods: `"mean"`, `"median"` or `"trimmed-mean"`. */
export const BaselineMethodSchema = z.enum(["mean", "median", "trimmed-mean"]);
/** `"mean" | "median" | "trimmed-mean"`. */
export type BaselineMethod = z.infer<typeof BaselineMethodSchema>;

/**
 * Options of {@link baseline}: `asOf` (exclusive end; a date-only value includes that day),
 * `periods` (how many complete periods, default 3), `method` (default `"mean"`),
 * `minPeriods` (periods with data needed for a value, default = `periods`), `group` (one
 * group of a grouped series; left out, the groups are added up into the team), `calendar`
 * (the one the series was measured in, default UTC), and the rep's `startedAt` / `leftAt`
 * (periods the rep was not on board for as a whole are not data).
 */
export const BaselineOptionsSchema = z
  .strictObject({
    asOf: InstantSchema,
    periods: z.number().int().min(1).max(1000).default(3),
    method: BaselineMethodSchema.default("mean"),
    minPeriods: z.number().int().min(1).optional(),
    group: z.string().optional(),
    calendar: KpiCalendarSchema.optional(),
    startedAt: InstantSchema.optional(),
    leftAt: InstantSchema.optional(),
  })
  .refine((options) => options.minPeriods === undefined || options.minPeriods <= options.periods, {
    path: ["minPeriods"],
    error: messages.minPeriodsAbovePeriods,
  });

/** Options of {@link baseline} (see {@link BaselineOptionsSchema}). */
export type BaselineOptions = ReadonlyInput<z.input<typeof BaselineOptionsSchema>>;

/**
 * Why a period of the baseline window was not used: it lies outside the series' periods
 * (`not-covered`), only partly inside the range the rows were counted in (`partial`), before
 * the data's first row (`before-data`: no data is not a zero), the rep had not started yet or
 * had left during it, or a ratio had no denominator.
 */
export type BaselineExclusion = "not-covered" | "partial" | "before-data" | "before-start" | "after-leave" | "no-value";

/** A baseline (nulmeting): where the team or a rep starts, with how it was computed. */
export interface Baseline {
  /** The baseline per period; `null` when fewer than `minPeriods` periods have data. */
  readonly value: KpiDecimal | null;
  readonly method: BaselineMethod;
  readonly grain: KpiGrain;
  /** The group (rep, team, source), or `null` for the team-wide baseline. */
  readonly group: string | null;
  /** True for additive series (counts, sums): `total` and daily rates make sense. */
  readonly additive: boolean;
  /** The exclusive end instant the baseline is as of. */
  readonly asOf: { readonly end: string; readonly endMs: number };
  /** The last `periods` complete periods before `asOf`, oldest first. */
  readonly window: readonly KpiPeriod[];
  /** The periods of the window that have data, with their values (same order). */
  readonly periods: readonly KpiPeriod[];
  readonly values: readonly KpiDecimal[];
  /** The periods of the window left out, with why. */
  readonly excluded: ReadonlyArray<{ readonly period: KpiPeriod; readonly reason: BaselineExclusion }>;
  /** Lowest, highest value and population standard deviation over `periods` (null without data). */
  readonly min: KpiDecimal | null;
  readonly max: KpiDecimal | null;
  readonly stdDev: KpiDecimal | null;
  /** Sum of `values` for an additive series (null for ratios). */
  readonly total: KpiDecimal | null;
  /** Local calendar days covered by `periods`. */
  readonly days: number;
  readonly minPeriods: number;
  /** False when fewer than `minPeriods` periods have data (a new rep): then `value` is null. */
  readonly sufficient: boolean;
  /** Why the baseline is not sufficient. */
  readonly reason?: string;
}

/** A period's value as a baseline reads it, and whether it lies before the data or is only partly counted. */
export interface PeriodValue {
  readonly value: KpiDecimal | null;
  readonly coverage?: KpiSeriesPoint["coverage"];
}

/** The values per period start of one group, or of all groups added up (the team). */
function valuesByPeriod(series: KpiSeries, group: string | undefined): Map<number, PeriodValue> {
  const out = new Map<number, PeriodValue>();
  if (series.groupBy === null || group !== undefined) {
    for (const point of series.points) {
      // The point itself holds what is read (its value and coverage): no copy per point.
      if (point.group === (group ?? null)) out.set(point.period.startMs, point);
    }
    return out;
  }
  // A grouped series without `group`: the team is the sum over groups (for ratios, the
  // summed numerators over the summed denominators).
  const sums = new Map<number, { n: KpiDecimal; d: KpiDecimal; coverage: KpiSeriesPoint["coverage"] }>();
  for (const point of series.points) {
    const key = point.period.startMs;
    const parts = partsOf(point, series.additive);
    const sum = sums.get(key);
    sums.set(key, sum === undefined ? { ...parts, coverage: point.coverage } : { n: sum.n.plus(parts.n), d: sum.d.plus(parts.d), coverage: sum.coverage });
  }
  for (const [key, { n, d, coverage }] of sums) {
    if (series.additive) out.set(key, { value: withoutNegativeZero(n), coverage });
    else out.set(key, { value: d.isZero() ? null : withoutNegativeZero(n.div(d)), coverage });
  }
  return out;
}

function partsOf(point: KpiSeriesPoint, additive: boolean): { n: KpiDecimal; d: KpiDecimal } {
  if (!additive && point.ratio !== undefined) return { n: point.ratio.numerator, d: point.ratio.denominator };
  return { n: point.value ?? toDecimal(0), d: toDecimal(1) };
}

/** Mean of sorted values; the caller guarantees at least one. */
function mean(values: readonly KpiDecimal[]): KpiDecimal {
  const sum = createExactSum();
  for (const value of values) sum.add(value);
  return withoutNegativeZero(quotient(sum.value(), countDecimal(values.length)));
}

function median(sorted: readonly KpiDecimal[]): KpiDecimal {
  const middle = sorted.length >> 1;
  const upper = sorted[middle] as KpiDecimal;
  if (sorted.length % 2 === 1) return upper;
  return withoutNegativeZero(upper.plus(sorted[middle - 1] as KpiDecimal).div(2));
}

/**
 * `values` in ascending order, stably (as `[...values].sort(compareDecimals)`): an insertion
 * sort, as a baseline's window is a few periods and `Array.prototype.sort` allocates a work
 * copy of its own (one per scorecard cell).
 */
function sortedCopy(values: readonly KpiDecimal[]): KpiDecimal[] {
  if (values.length > 16) return [...values].sort(compareDecimals);
  const out = values.slice();
  for (let i = 1; i < out.length; i++) {
    const value = out[i] as KpiDecimal;
    let j = i - 1;
    while (j >= 0 && compareDecimals(out[j] as KpiDecimal, value) > 0) {
      out[j + 1] = out[j] as KpiDecimal;
      j--;
    }
    out[j + 1] = value;
  }
  return out;
}

function summarise(method: BaselineMethod, sorted: readonly KpiDecimal[]): KpiDecimal {
  switch (method) {
    case "mean":
      return mean(sorted);
    case "median":
      return median(sorted);
    case "trimmed-mean":
      return mean(sorted.length >= 3 ? sorted.slice(1, -1) : sorted);
  }
}

/**
 * The baseline (nulmeting) of a series: where the team or a rep stands before targets are set,
 * from the last complete periods before `asOf`.
 *
 * Window: the last `periods` complete periods before `asOf` (the period holding `asOf` is
 * never used, unless `asOf` is exactly its end). Of these, a period has data when the series
 * covers it wholly (it lies inside the range the rows were counted in, so a series from
 * 16 August does not count half an August), it does not end before the data's first row
 * (months before the data are not zeros), the rep was on board for the whole of it
 * (`startedAt ≤ start`, `leftAt ≥ end`) and, for a ratio series, its value is not null. A
 * zero-filled 0 is data.
 *
 * Value over the n periods with data v₁ ≤ … ≤ vₙ:
 * - `mean` = Σv ÷ n;
 * - `median` = the middle value, or the mean of the two middle values when n is even;
 * - `trimmed-mean` = the mean without the lowest and the highest value when n ≥ 3, else the mean.
 * `stdDev` is the population standard deviation √(Σ(v − mean)² ÷ n); `min`/`max` the extremes.
 *
 * Edge cases: fewer than `minPeriods` (default `periods`) periods with data → `sufficient:
 * false`, `value: null` and a `reason`; `min`, `max`, `stdDev`, `total` still describe the
 * periods that do have data. A grouped series without `group` is added up into the team
 * (ratios: Σ numerators ÷ Σ denominators), so with zero-filled data and the mean the team
 * baseline equals the sum of the rep baselines. Complexity: O(points + n log n).
 *
 * @example
 * const series = measureSeries(
 *   { activities: [
 *     { owner: "ann", type: "call", at: "2026-08-10", quantity: 40 },
 *     { owner: "ann", type: "call", at: "2026-09-10", quantity: 50 },
 *     { owner: "ann", type: "call", at: "2026-10-10", quantity: 60 },
 *     { owner: "ann", type: "call", at: "2026-11-10", quantity: 90 },
 *   ] },
 *   { kind: "count", source: "activities" },
 *   { from: "2026-08-01", to: "2026-12-01", grain: "month" },
 * );
 * // as of 23 November, November is not complete: the mean of August, September and October
 * baseline(series, { asOf: "2026-11-23", periods: 3 }).value?.toString(); //=> "50"
 */
export function baseline(input: KpiSeries, options: BaselineOptions): Baseline {
  const series = parseSeries(input, ["series"]);
  const parsed = parseOptions(BaselineOptionsSchema, options);
  const calendar = parsed.calendar ?? DEFAULT_CALENDAR;
  const asOfMs = parseAsOf(parsed.asOf, calendar);
  if (parsed.group !== undefined) {
    if (series.groupBy === null) throw definitionError("invalid-option", ["group"], messages.groupOnUngroupedSeries);
    if (!series.groups.includes(parsed.group)) {
      throw definitionError("invalid-option", ["group"], messages.groupNotInSeries(parsed.group));
    }
  }
  return baselineOf(series, {
    asOfMs,
    asOfIso: isoInstant(asOfMs, calendar),
    periods: parsed.periods,
    method: parsed.method,
    minPeriods: parsed.minPeriods ?? parsed.periods,
    group: parsed.group,
    calendar,
    startedAt: parsed.startedAt === undefined ? undefined : parseInstant(parsed.startedAt, calendar, ["startedAt"]),
    leftAt: parsed.leftAt === undefined ? undefined : parseInstant(parsed.leftAt, calendar, ["leftAt"]),
  });
}

/** {@link baseline}'s options, parsed and resolved. */
export interface ResolvedBaselineOptions {
  readonly asOfMs: number;
  readonly asOfIso: string;
  readonly periods: number;
  readonly method: BaselineMethod;
  readonly minPeriods: number;
  readonly group: string | undefined;
  readonly calendar: KpiCalendar;
  readonly startedAt: number | undefined;
  readonly leftAt: number | undefined;
  /** The window, when the caller has computed it already (see `baselineWindow`). */
  readonly window?: readonly KpiPeriod[];
}

/**
 * The window of complete periods read off the series' own periods when they reach `asOf`
 * (no time-zone work); `undefined` when the series does not reach that far back or forward.
 */
function windowFromSeries(series: KpiSeries, asOfMs: number, count: number): KpiPeriod[] | undefined {
  const periods = series.periods;
  const found = lastIndexBefore(periods, (period) => period.startMs, asOfMs);
  const holding = periods[found];
  if (holding === undefined || asOfMs - 1 >= holding.endMs) return undefined;
  const end = holding.endMs === asOfMs ? found + 1 : found;
  return end - count < 0 ? undefined : periods.slice(end - count, end);
}

/** A baseline's own copy of its values, read by its standard deviation: a hidden (non-enumerable) property. */
const OWN_VALUES = Symbol("sales-kpi.baseline.values");

/**
 * A baseline's standard deviation, found when first read (a 40-digit square root is most of a
 * baseline's cost, and a target plan reads only the value): an enumerable accessor, so JSON,
 * spreads and equality see it, that then becomes a plain writable property (a frozen baseline
 * keeps the accessor, which computes it again). One pair of functions for every baseline, added
 * to the object as a new property: an object literal with accessors of its own is a
 * dictionary-mode object (1.1 kB instead of 190 B, and slower to read), a scorecard makes 2,500.
 */
const STD_DEV: PropertyDescriptor = {
  get(this: { readonly [OWN_VALUES]: readonly KpiDecimal[] }): KpiDecimal | null {
    const value = standardDeviation(this[OWN_VALUES]);
    settle(this, value);
    return value;
  },
  set(this: object, value: KpiDecimal | null): void {
    settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** Turns a lazily found property into a plain one (in place; a frozen or sealed object keeps its getter). */
function settle(baseline: object, value: KpiDecimal | null): void {
  try {
    Object.defineProperty(baseline, "stdDev", { value, writable: true, enumerable: true, configurable: true });
  } catch {
    // Not configurable any more: the getter keeps answering with the value found.
  }
}

/** The population standard deviation √(Σ (x − mean)² ÷ n); `null` without values. */
function standardDeviation(values: readonly KpiDecimal[]): KpiDecimal | null {
  if (values.length === 0) return null;
  const average = mean(values);
  const squares = createExactSum();
  for (const value of values) squares.add(value.minus(average).pow(2));
  return withoutNegativeZero(squares.value().div(values.length).sqrt());
}

/** The baseline from resolved options (the work of {@link baseline}, without parsing). */
export function baselineOf(series: KpiSeries, options: ResolvedBaselineOptions): Baseline {
  const window = options.window ?? windowFromSeries(series, options.asOfMs, options.periods) ?? baselineWindow(options.asOfMs, series.grain, options.periods, options.calendar);
  // Whether a period of the window is one of the series' (a Set only for a long series: most
  // baselines here read a window series of a few periods, one per scorecard cell).
  const starts = series.periods.length > 32 ? new Set(series.periods.map((period) => period.startMs)) : undefined;
  const isSeriesStart = (ms: number): boolean => (starts === undefined ? series.periods.some((period) => period.startMs === ms) : starts.has(ms));
  const byPeriod = valuesByPeriod(series, options.group);
  const range = series.range;
  return baselineOfWindow(window, series.grain, series.additive, options, (period) => {
    const covered = period.startMs >= series.bounds.startMs && period.endMs <= series.bounds.endMs;
    if (covered && !isSeriesStart(period.startMs)) {
      throw definitionError("calendar-mismatch", ["calendar"], messages.calendarNotSeries);
    }
    const point = covered ? byPeriod.get(period.startMs) : undefined;
    // A period only partly inside the range the rows were counted in is partial, whatever its point says.
    if (point !== undefined && point.coverage === undefined && range !== undefined && (period.startMs < range.fromMs || period.endMs > range.toMs)) return PARTIAL;
    return point;
  });
}

/** A window period only partly counted. */
const PARTIAL: PeriodValue = { value: null, coverage: "partial" };

/**
 * The baseline over `window` of a KPI of `grain` (`additive`: its total is the sum), each
 * period's value and coverage read by `pointOf` (the period and its position in `window`;
 * `undefined`: the source does not cover the period). The one definition behind
 * {@link baselineOf} (a series) and a target plan's baselines (its values by position, with
 * no series made for them). `options.window` is not read.
 */
export function baselineOfWindow(
  window: readonly KpiPeriod[],
  grain: KpiSeries["grain"],
  additive: boolean,
  options: ResolvedBaselineOptions,
  pointOf: (period: KpiPeriod, at: number) => PeriodValue | undefined,
): Baseline {
  const { asOfMs, startedAt, leftAt, minPeriods } = options;
  const periods: KpiPeriod[] = [];
  const values: KpiDecimal[] = [];
  const excluded: Array<{ period: KpiPeriod; reason: BaselineExclusion }> = [];
  for (let at = 0; at < window.length; at++) {
    const period = window[at] as KpiPeriod;
    let reason: BaselineExclusion | undefined;
    const point = pointOf(period, at);
    if (point === undefined) reason = "not-covered";
    else if (point.coverage === "before-data") reason = "before-data";
    else if (point.coverage === "partial") reason = "partial";
    else if (startedAt !== undefined && startedAt > period.startMs) reason = "before-start";
    else if (leftAt !== undefined && leftAt < period.endMs) reason = "after-leave";
    else if (point.value === null) reason = "no-value";
    if (reason !== undefined || point === undefined || point.value === null) {
      excluded.push({ period, reason: reason ?? "no-value" });
      continue;
    }
    periods.push(period);
    values.push(point.value);
  }

  const sorted = sortedCopy(values);
  const sufficient = values.length >= minPeriods;
  let total: KpiDecimal | null = null;
  if (additive) {
    const sum = createExactSum();
    for (const value of values) sum.add(value);
    total = sum.value();
  }
  const result = {
    value: sufficient ? summarise(options.method, sorted) : null,
    method: options.method,
    grain,
    group: options.group ?? null,
    additive,
    asOf: { end: options.asOfIso, endMs: asOfMs },
    window,
    periods,
    values,
    excluded,
    min: sorted[0] ?? null,
    max: sorted[sorted.length - 1] ?? null,
  } as Partial<{ -readonly [K in keyof Baseline]: Baseline[K] }>;
  // Added one by one in the order of the type (JSON reads in it): see STD_DEV.
  Object.defineProperty(result, "stdDev", STD_DEV);
  result.total = total;
  result.days = periods.reduce((days, period) => days + localDays(period), 0);
  result.minPeriods = minPeriods;
  result.sufficient = sufficient;
  // Its own copy of the values, so a caller who changes `values` does not change the deviation.
  Object.defineProperty(result, OWN_VALUES, { value: values.slice() });
  if (!sufficient) result.reason = messages.baselineInsufficient(values.length, minPeriods, options.periods);
  return result as Baseline;
}
