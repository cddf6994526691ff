import { type NumberStyle, ReportLocaleSchema, reportLabels } from "./report-labels.js";

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A number as the renderers write it in `style`: "1,234", "-3.5", "42.6%", "+25.6 pp", "3.0 d", "1.235e+18" (en); "1.234", "-3,5", "42,6 %", "+25,6 %-punt" (nl). */
function renderedNumber(style: NumberStyle): RegExp {
  const suffixes = [style.percent, style.points, style.days, style.hours].map(escape).join("|");
  return new RegExp(`^[-+]?\\d[\\d${escape(style.group)}]*(?:${escape(style.decimal)}\\d+)?(?:e[-+]?\\d+)?(?:${suffixes})?$`);
}

/** One pattern per report locale, from the number styles the renderers use (so they cannot drift apart). */
const RENDERED_NUMBERS = ReportLocaleSchema.options.map((locale) => renderedNumber(reportLabels(locale).number));

/**
 * A cell that a spreadsheet would read as a formula, made inert: text starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV
 * injection), unless it is a plain number as the renderers write it ("-3.0%" stays).
 *
 * @example
 * neutraliseFormula("=HYPERLINK(\"http://x\")"); //=> "'=HYPERLINK(\"http://x\")"
 * neutraliseFormula("-3.0%"); //=> "-3.0%"
 * neutraliseFormula("+25.6 pp"); //=> "+25.6 pp"
 * neutraliseFormula("-1.234,5 %"); //=> "-1.234,5 %"
 */
export function neutraliseFormula(text: string): string {
  const first = text.charAt(0);
  if (first !== "=" && first !== "+" && first !== "-" && first !== "@" && first !== "\t" && first !== "\r") return text;
  return RENDERED_NUMBERS.some((pattern) => pattern.test(text)) ? text : `'${text}`;
}
