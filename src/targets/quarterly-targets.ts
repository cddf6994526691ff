import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { KpiSeries } from "../measure/series.js";
import { DEFAULT_CALENDAR, KpiCalendarSchema } from "../time/calendar.js";
import { type KpiPeriod, periodOf, periodsBetween } from "../time/period.js";
import type { KpiCalendar } from "../time/calendar.js";
import { civilDayStartMs } from "../time/civil-day.js";
import { retailYearEndDay } from "../time/retail-calendar.js";
import { KpiSeriesSchema } from "../measure/series-schema.js";

const weight = DecimalLikeSchema.refine((value) => toDecimal(value).gte(0), { error: messages.nonNegative });

/**
 * Options of {@link quarterlyTargets}: the fiscal `year` (named by the calendar year in which it
 * ends, as `FY2027`), `weights` (four non-negative numbers, or a previous year's series whose
 * quarter totals give the seasonality; default equal), `fiscalYearStartMonth` (default the
 * calendar's, else 1), `scale` (decimals of Q1..Q3, default 2 = cents) and the `calendar`
 * (its time zone places the quarter boundaries).
 */
export const QuarterlyTargetsOptionsSchema = z.strictObject({
  year: z.number().int().min(1000).max(9999),
  weights: z.union([z.tuple([weight, weight, weight, weight]), KpiSeriesSchema]).optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
  scale: z.number().int().min(0).max(20).default(2),
  calendar: KpiCalendarSchema.optional(),
});
/** Options of {@link quarterlyTargets}. */
export type QuarterlyTargetsOptions = ReadonlyInput<z.input<typeof QuarterlyTargetsOptionsSchema>>;

/** One quarter's part of an annual target. */
export interface QuarterTarget {
  /** 1..4 within the (fiscal) year. */
  readonly quarter: 1 | 2 | 3 | 4;
  /** The quarter as a period (`2027-Q1`, or `FY2027-Q1` for a fiscal year). */
  readonly period: KpiPeriod;
  /** The quarter's share of the year (weights normalised to sum 1). */
  readonly share: KpiDecimal;
  readonly target: KpiDecimal;
}

/** An annual target split over four quarters. */
export interface QuarterlyTargets {
  readonly annual: KpiDecimal;
  /** `2027` or `FY2027`. */
  readonly year: string;
  readonly scale: number;
  /** `"equal"`, `"weights"` or `"series"`: where the shares came from. */
  readonly weighting: "equal" | "weights" | "series";
  readonly quarters: readonly QuarterTarget[];
}

/** Quarter totals of a (previous year's) series, by the quarter of the fiscal year each period starts in. */
function seasonality(series: KpiSeries, fiscalYearStartMonth: number, calendar: KpiCalendar): KpiDecimal[] {
  if (!series.additive) throw definitionError("invalid-option", ["weights"], messages.notAdditive);
  const sums = [createExactSum(), createExactSum(), createExactSum(), createExactSum()];
  for (const point of series.points) {
    // the local month of the period start, read from its ISO form (no time-zone work); in a
    // retail calendar the retail quarter holding the period's start
    const month = Number(point.period.start.slice(5, 7));
    const quarter =
      calendar.retail === undefined ? Math.floor(((month - fiscalYearStartMonth + 12) % 12) / 3) : Number(periodOf(point.period.startMs, "quarter", calendar).label.slice(-1)) - 1;
    if (point.value !== null) sums[quarter]?.add(point.value);
  }
  return sums.map((sum) => sum.value());
}

/**
 * Splits an annual target into Q1..Q4 of a (fiscal) year: equally, by weights, or by the
 * seasonality of a previous year's series — the four parts always add up exactly to the annual target.
 *
 * Formula: shareᵢ = wᵢ ÷ Σw; Q1..Q3 = annual × shareᵢ rounded half-even to `scale` decimals
 * (default 2, cents); Q4 = annual − (Q1 + Q2 + Q3), so Σ = annual exactly and any rounding
 * remainder lands on Q4. With a series as weights, wᵢ is the series total of the periods that
 * start in fiscal quarter i (every group and year in the series adds up).
 *
 * Edge cases: weights that add up to 0 (or a series without any value) throw
 * KpiDefinitionError; negative weights are rejected. When Q4's weight is 0 it still carries the
 * rounding remainder (at most 1.5 units of the last decimal, may be negative). Quarter periods
 * are local to the calendar's time zone; the fiscal year `FY2027` starting in April runs from
 * April 2026 to March 2027. In a retail calendar (`calendar.retail`) `year` names the retail
 * year (`FY2024`) and the quarters are its 13-week quarters (14 for Q4 of a 53-week year).
 * Complexity: O(points) for a series, else O(1).
 *
 * @example
 * quarterlyTargets(100, { year: 2027, fiscalYearStartMonth: 4 }).quarters.map((q) => `${q.period.label} ${q.target}`);
 * //=> ["FY2027-Q1 25", "FY2027-Q2 25", "FY2027-Q3 25", "FY2027-Q4 25"]
 */
export function quarterlyTargets(annualTarget: DecimalLike, options: QuarterlyTargetsOptions): QuarterlyTargets {
  const parsed = parseOptions(QuarterlyTargetsOptionsSchema, options);
  const annual = toDecimal(parseDefinition(DecimalLikeSchema, annualTarget, ["annualTarget"]));
  const base = parsed.calendar ?? DEFAULT_CALENDAR;
  const fiscalYearStartMonth = parsed.fiscalYearStartMonth ?? base.fiscalYearStartMonth;
  const calendar = { ...base, fiscalYearStartMonth };
  const firstYear = fiscalYearStartMonth === 1 ? parsed.year : parsed.year - 1;
  let startMs = new TZDate(firstYear, fiscalYearStartMonth - 1, 1, calendar.timeZone).getTime();
  let endMs = new TZDate(firstYear + 1, fiscalYearStartMonth - 1, 1, calendar.timeZone).getTime();
  if (calendar.retail !== undefined) {
    // the retail year named FY<year>: by the calendar year it ends in, or (yearLabel "start") the one before
    const endYear = calendar.retail.yearLabel === "end" ? parsed.year : parsed.year + 1;
    startMs = civilDayStartMs(retailYearEndDay(endYear - 1, calendar.retail) + 1, calendar.timeZone);
    endMs = civilDayStartMs(retailYearEndDay(endYear, calendar.retail) + 1, calendar.timeZone);
  }
  const periods = periodsBetween(startMs, endMs, "quarter", calendar);

  let weighting: QuarterlyTargets["weighting"] = "equal";
  let weights = [1, 1, 1, 1].map((w) => toDecimal(w));
  if (Array.isArray(parsed.weights)) {
    weighting = "weights";
    weights = parsed.weights.map((w) => toDecimal(w));
  } else if (parsed.weights !== undefined) {
    weighting = "series";
    weights = seasonality(parsed.weights as KpiSeries, fiscalYearStartMonth, calendar);
  }
  const total = weights.reduce((sum, w) => sum.plus(w), toDecimal(0));
  if (!total.gt(0)) throw definitionError("invalid-option", ["weights"], messages.weightsSumZero);

  const parts: KpiDecimal[] = [];
  const allocated = createExactSum();
  for (let i = 0; i < 3; i++) {
    const part = withoutNegativeZero(annual.times(weights[i] as KpiDecimal).div(total).toDecimalPlaces(parsed.scale, KpiDecimal.ROUND_HALF_EVEN));
    parts.push(part);
    allocated.add(part);
  }
  parts.push(withoutNegativeZero(annual.minus(allocated.value())));
  return {
    annual,
    year: fiscalYearStartMonth === 1 && calendar.retail === undefined ? String(parsed.year) : `FY${parsed.year}`,
    scale: parsed.scale,
    weighting,
    quarters: parts.map((target, i) => ({
      quarter: (i + 1) as 1 | 2 | 3 | 4,
      period: periods[i] as KpiPeriod,
      share: toDecimal((weights[i] as KpiDecimal).div(total)),
      target,
    })),
  };
}
