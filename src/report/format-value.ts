import { Decimal } from "decimal.js";
import { KpiDecimal } from "../core/decimal.js";
import { customIssue, KpiInputError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition } from "../core/parse-input.js";
import { KpiUnitSchema } from "../kpi/kpi-definition.js";
import { type NumberStyle, type ReportLabels, type ReportLocale, ReportLocaleSchema, reportLabels } from "./report-labels.js";
import type { ScorecardCell, ScorecardKpi } from "./scorecard-types.js";

const DASH = "–";

function groupThousands(fixed: string, style: NumberStyle): string {
  if (/e/.test(fixed)) return localise(fixed, style);
  const negative = fixed.startsWith("-");
  const body = negative ? fixed.slice(1) : fixed;
  const [whole = "", fraction] = body.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `${style.decimal}${fraction}`}`;
}

/** A plain decimal text ("-3.5", "1.235e+18") with the locale's decimal mark. */
function localise(text: string, style: NumberStyle): string {
  return style.decimal === "." ? text : text.replace(".", style.decimal);
}

/** From this size on a value is shown in exponent form ("1.235e+18"): a fixed form would be a wall of digits. */
const EXPONENT_FROM = new KpiDecimal("1e15");

function fixed(value: Decimal, places: number): string {
  if (value.abs().gte(EXPONENT_FROM)) return value.toSignificantDigits(4).toExponential();
  // toFixed rounds with the clone's rounding mode (half-even); never show "-0".
  const text = value.toFixed(places);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The longest decimal text {@link formatValue} reads. */
const MAX_TEXT = 100;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A value to show: a finite Decimal (of any size: results may pass 10^18), number or decimal text; else a KpiInputError. */
function readValue(value: unknown): Decimal {
  if (value instanceof Decimal && value.isFinite()) return value;
  if (typeof value === "number" && Number.isFinite(value)) return new KpiDecimal(value);
  if (typeof value === "string" && value.length <= MAX_TEXT && DECIMAL_TEXT.test(value)) {
    const decimal = new KpiDecimal(value);
    if (decimal.isFinite()) return decimal;
  }
  throw new KpiInputError([customIssue(["value"], messages.valueToShow, undefined)]);
}

/**
 * Formats a KPI value for people: counts as whole numbers (one decimal when not whole),
 * money with thousands separators (no cents from 100 up), ratios as percentages with one
 * decimal, plain quotients (`number`) with up to two decimals, days, scores and hours with one
 * decimal. `null` is shown as "–" (a dash in every locale: the cell has no value).
 * Rounding is half-even and happens only here, on the Decimal (never a float). From 10^15 on
 * a value is shown in exponent form with four significant digits ("1.235e+18"), so the text
 * stays short whatever the size. `locale` `"nl"` writes the Dutch (nl-NL) style: "1.234,5",
 * "42,6 %", "3,5 d", "2,0 u".
 *
 * @throws KpiInputError when `value` is not null or a finite decimal; KpiDefinitionError for an unknown unit or locale.
 *
 * @example
 * formatValue(toDecimal("0.4256"), "ratio"); //=> "42.6%"
 * formatValue(toDecimal("12345.5"), "currency"); //=> "12,346"
 * formatValue(toDecimal("-1234.56"), "number", "nl"); //=> "-1.234,56"
 */
export function formatValue(input: Decimal | null, unitInput: ScorecardKpi["unit"], locale: ReportLocale = "en"): string {
  const unit = parseDefinition(KpiUnitSchema, unitInput, ["unit"]);
  const style = reportLabels(parseDefinition(ReportLocaleSchema, locale, ["locale"])).number;
  if (input === null) return DASH;
  const value = readValue(input);
  switch (unit) {
    case "count":
      return groupThousands(fixed(value, value.isInteger() ? 0 : 1), style);
    case "currency":
      return groupThousands(fixed(value, value.abs().gte(100) || value.isInteger() ? 0 : 2), style);
    case "ratio":
      return `${localise(fixed(value.times(100), 1), style)}${style.percent}`;
    case "number":
      return groupThousands(fixed(value, 2).replace(/\.?0+$/, ""), style);
    case "days":
      return `${localise(fixed(value, 1), style)}${style.days}`;
    case "hours":
      return `${localise(fixed(value, 1), style)}${style.hours}`;
    case "score":
      return localise(fixed(value, 1), style);
    default:
      return localise(fixed(value, 2), style);
  }
}

/**
 * The change against the previous period: for a rate in percentage points ("+25.6 pp"), else
 * the relative growth as a signed percentage ("+12.5%"); "–" when there is none.
 */
export function formatChange(cell: Pick<ScorecardCell, "trend" | "trendPoints">, labels: ReportLabels = reportLabels()): string {
  if (cell.trendPoints !== null) {
    const text = fixed(cell.trendPoints.times(100), 1);
    return `${cell.trendPoints.isPositive() && !cell.trendPoints.isZero() && text !== "0.0" ? "+" : ""}${localise(text, labels.number)}${labels.number.points}`;
  }
  return formatTrend(cell.trend, labels);
}

/** A growth ratio as a signed percentage ("+12.5%", "-3.0%"), "–" when there is none. */
export function formatTrend(trend: ScorecardCell["trend"], labels: ReportLabels = reportLabels()): string {
  if (trend === null || trend.value === null) return DASH;
  const text = fixed(trend.value.times(100), 1);
  return `${trend.value.isPositive() && !trend.value.isZero() ? "+" : ""}${localise(text, labels.number)}${labels.number.percent}`;
}

/** An attainment ratio as a percentage of target ("104.2%"), "–" when there is none. */
export function formatAttainment(cell: ScorecardCell, labels: ReportLabels = reportLabels()): string {
  if (cell.attainment === null || cell.attainment.ratio === null) return DASH;
  return `${localise(fixed(cell.attainment.ratio.times(100), 1), labels.number)}${labels.number.percent}`;
}

/** The pace status in words, "–" when there is none. */
export function formatPace(cell: ScorecardCell, labels: ReportLabels = reportLabels()): string {
  return cell.pace === null ? DASH : labels.pace[cell.pace.status];
}

/**
 * The verdict in words that respect the KPI's direction: "met", "below target" (higher is
 * better), "above target" (lower is better), or "–" without a target.
 */
export function formatStatus(cell: Pick<ScorecardCell, "status">, labels: ReportLabels = reportLabels()): string {
  return cell.status === null ? DASH : labels.status[cell.status];
}

/** A quadrant's name for headings ("Closing"; an unknown one capitalised). */
export function quadrantTitle(quadrant: string, labels: ReportLabels = reportLabels()): string {
  return Object.hasOwn(labels.quadrants, quadrant) ? (labels.quadrants[quadrant] as string) : quadrant.charAt(0).toUpperCase() + quadrant.slice(1);
}
