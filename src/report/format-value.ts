import { Decimal } from "decimal.js";
import { KpiDecimal } from "../core/decimal.js";
import { customIssue, KpiInputError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition } from "../core/parse-input.js";
import { KpiUnitSchema } from "../kpi/kpi-definition.js";
import type { ScorecardCell, ScorecardKpi } from "./scorecard-types.js";

const DASH = "–";

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith("-");
  const body = negative ? fixed.slice(1) : fixed;
  const [whole = "", fraction] = body.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
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
 * decimal. `null` is shown as "–".
 * Rounding is half-even and happens only here. From 10^15 on a value is shown in exponent
 * form with four significant digits ("1.235e+18"), so the text stays short whatever the size.
 *
 * @throws KpiInputError when `value` is not null or a finite decimal; KpiDefinitionError for an unknown unit.
 *
 * @example
 * formatValue(toDecimal("0.4256"), "ratio"); //=> "42.6%"
 * formatValue(toDecimal("12345.5"), "currency"); //=> "12,346"
 */
export function formatValue(input: Decimal | null, unitInput: ScorecardKpi["unit"]): string {
  const unit = parseDefinition(KpiUnitSchema, unitInput, ["unit"]);
  if (input === null) return DASH;
  const value = readValue(input);
  switch (unit) {
    case "count":
      return groupThousands(fixed(value, value.isInteger() ? 0 : 1));
    case "currency":
      return groupThousands(fixed(value, value.abs().gte(100) || value.isInteger() ? 0 : 2));
    case "ratio":
      return `${fixed(value.times(100), 1)}%`;
    case "number":
      return groupThousands(fixed(value, 2).replace(/\.?0+$/, ""));
    case "days":
      return `${fixed(value, 1)} d`;
    case "hours":
      return `${fixed(value, 1)} h`;
    case "score":
      return fixed(value, 1);
    default:
      return fixed(value, 2);
  }
}

/**
 * The change against the previous period: for a rate in percentage points ("+25.6 pp"), else
 * the relative growth as a signed percentage ("+12.5%"); "–" when there is none.
 */
export function formatChange(cell: Pick<ScorecardCell, "trend" | "trendPoints">): string {
  if (cell.trendPoints !== null) {
    const text = fixed(cell.trendPoints.times(100), 1);
    return `${cell.trendPoints.isPositive() && !cell.trendPoints.isZero() && text !== "0.0" ? "+" : ""}${text} pp`;
  }
  return formatTrend(cell.trend);
}

/** A growth ratio as a signed percentage ("+12.5%", "-3.0%"), "–" when there is none. */
export function formatTrend(trend: ScorecardCell["trend"]): string {
  if (trend === null || trend.value === null) return DASH;
  const text = fixed(trend.value.times(100), 1);
  return `${trend.value.isPositive() && !trend.value.isZero() ? "+" : ""}${text}%`;
}

/** An attainment ratio as a percentage of target ("104.2%"), "–" when there is none. */
export function formatAttainment(cell: ScorecardCell): string {
  if (cell.attainment === null || cell.attainment.ratio === null) return DASH;
  return `${fixed(cell.attainment.ratio.times(100), 1)}%`;
}

/** The pace status in words, "–" when there is none. */
export function formatPace(cell: ScorecardCell): string {
  return cell.pace === null ? DASH : cell.pace.status;
}

/**
 * The verdict in words that respect the KPI's direction: "met", "below target" (higher is
 * better), "above target" (lower is better), or "–" without a target.
 */
export function formatStatus(cell: Pick<ScorecardCell, "status">): string {
  switch (cell.status) {
    case null:
      return DASH;
    case "met":
      return "met";
    case "below-target":
      return "below target";
    case "above-target":
      return "above target";
  }
}

/** Capitalises a quadrant name for headings. */
export function quadrantTitle(quadrant: string): string {
  return quadrant.charAt(0).toUpperCase() + quadrant.slice(1);
}
