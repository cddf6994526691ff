import { Decimal } from "decimal.js";
import { z } from "zod";
import { messages } from "./messages.js";

/**
 * The library's own Decimal constructor: 40 significant digits, rounding half-even.
 * Every amount and ratio the library returns is an instance of it. It is a
 * `Decimal.clone`, so the global `Decimal` configuration is never read or changed.
 *
 * @example
 * new KpiDecimal("0.1").plus("0.2").toString(); //=> "0.3"
 */
export const KpiDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/** An exact decimal value as returned by the library (an instance of {@link KpiDecimal}). */
export type KpiDecimal = Decimal;

/**
 * What the library accepts where a number is meant: a finite `number`, a plain decimal
 * string (`"1234.50"`, `"-3"`, `"1e3"`) or a `Decimal` (of any clone).
 */
export type DecimalLike = number | string | Decimal;

const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * True when `value` is a finite number, a plain decimal string or a finite Decimal.
 *
 * @example
 * isDecimalLike("1234.50"); //=> true
 * isDecimalLike("12,50"); //=> false
 * isDecimalLike(Number.NaN); //=> false
 */
export function isDecimalLike(value: unknown): value is DecimalLike {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") return DECIMAL_STRING.test(value);
  return Decimal.isDecimal(value) && (value as Decimal).isFinite();
}

/**
 * Schema of a {@link DecimalLike}: a finite number, a plain decimal string, or a Decimal.
 * NaN, ±Infinity, empty strings and other text are rejected with
 * "expected a decimal string or number".
 */
export const DecimalLikeSchema: z.ZodType<DecimalLike, DecimalLike> = z
  .custom<DecimalLike>(isDecimalLike, { error: messages.decimalLike })
  // For z.toJSONSchema(…, { unrepresentable: "any" }): the JSON forms (a Decimal is not JSON).
  .meta({
    description: "A decimal: a finite number or a plain decimal string such as \"1234.50\" or \"1e3\".",
    anyOf: [{ type: "string", pattern: DECIMAL_STRING.source }, { type: "number" }],
  });

/**
 * Turns a {@link DecimalLike} into a {@link KpiDecimal}, exactly: `"0.1"` stays 0.1, a number
 * is read through its shortest round-trip string (so `0.1` is 0.1, not 0.1000000000000000055…).
 * Never returns `-0`.
 *
 * @throws TypeError when the value is NaN, ±Infinity, empty or not a decimal.
 * @example
 * toDecimal("1234.50").toString(); //=> "1234.5"
 * toDecimal(0.1).plus(0.2).toString(); //=> "0.3"
 */
export function toDecimal(value: DecimalLike): KpiDecimal {
  if (!isDecimalLike(value)) {
    throw new TypeError(`${messages.decimalLike}, got ${describe(value)}`);
  }
  const result = new KpiDecimal(value);
  return result.isZero() ? ZERO : result;
}

/** Replaces a negative zero by zero, so no `-0` ever leaves the library. */
export function withoutNegativeZero(value: Decimal): KpiDecimal {
  return value.isZero() ? ZERO : value;
}

/** Decimal zero of the library's clone. */
export const ZERO: KpiDecimal = new KpiDecimal(0);
/** Decimal one of the library's clone. */
export const ONE: KpiDecimal = new KpiDecimal(1);

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return typeof value;
}
