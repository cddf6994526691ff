import { Decimal } from "decimal.js";
import { parseScorecard } from "./scorecard-schema.js";
import type { Scorecard } from "./scorecard-types.js";

/** `T` with every Decimal replaced by its plain decimal string (recursively). */
export type Jsonified<T> = T extends Decimal
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Jsonified<T[K]> }
      : T;

/**
 * The JSON form of a {@link Scorecard}: the same fields and nesting, every Decimal as a plain
 * decimal string in fixed notation (`"1234.5"`, `"0.4256"`, never `"1e-7"`), ratios as
 * `{ numerator, denominator, value }` with `value` null for a zero denominator, periods with
 * ISO bounds and labels. `format` and `version` name the shape; a breaking change (a field
 * removed, renamed or retyped) raises the version, while added fields keep it: readers ignore
 * fields they do not know.
 */
export type ScorecardJson = { readonly format: "sales-kpi/scorecard"; readonly version: 1 } & Jsonified<Scorecard>;

function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) {
    const text = (value as Decimal).toFixed();
    return text === "-0" ? "0" : text;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = plain(inner);
    return out;
  }
  return value;
}

/**
 * Turns a scorecard into plain JSON data (see {@link ScorecardJson}): ready for
 * `JSON.stringify`, a dashboard or a test snapshot. Exact: no number is rounded.
 *
 * @example
 * const card = scorecard({ activities: [{ owner: "ann", type: "call", at: "2026-10-10", quantity: 12 }] }, { kpis: [catalogKpi("calls")], asOf: "2026-11-15" });
 * const json = toJSON(card); // JSON.stringify(json, null, 2) for a file
 * [json.format, json.version, json.title]; //=> ["sales-kpi/scorecard", 1, "Sales scorecard 2026-10"]
 * json.team.cells.map((cell) => [cell.kpiId, cell.actual]); //=> [["calls", "12"]]
 */
export function toJSON(input: Scorecard): ScorecardJson {
  const scorecard = parseScorecard(input, false);
  return { format: "sales-kpi/scorecard", version: 1, ...(plain(scorecard) as Jsonified<Scorecard>) };
}
