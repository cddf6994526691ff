/** A number as the renderers write it: "1,234", "-3.5", "42.6%", "+12.5%", "+25.6 pp", "3.0 d", "1.235e+18". */
const RENDERED_NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?(?:%| d| h| pp)?$/;
/** The same in the Dutch style (`locale: "nl"`): "1.234", "-3,5", "42,6 %", "+25,6 %-punt", "3,0 d", "2,0 u". */
const RENDERED_DUTCH_NUMBER = /^[-+]?\d[\d.]*(?:,\d+)?(?:e[-+]?\d+)?(?: %| %-punt| d| u)?$/;

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
  return RENDERED_NUMBER.test(text) || RENDERED_DUTCH_NUMBER.test(text) ? text : `'${text}`;
}
