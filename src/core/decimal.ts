import { Decimal } from "decimal.js";
import { z } from "zod";
import { customIssue, KpiInputError } from "./errors.js";
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

/** Decimals the library reads are smaller than this in size: 10^18 (DECIMAL(38, s) holds them with 20 decimals to spare). */
export const MAX_DECIMAL = new KpiDecimal("1e18");
/** The most significant digits a decimal read may have: the library's precision, 40. */
export const MAX_SIGNIFICANT_DIGITS = 40;
/** The most decimals an amount of money may have: 10 (a DECIMAL(28, 10) holds every amount). */
export const MAX_AMOUNT_DECIMALS = 10;
/** Longest decimal text read (a 40-digit value with sign, point and exponent fits easily). */
const MAX_TEXT_LENGTH = 100;

/** The smallest size other than 0 a decimal read may have: 10^-1000 (a quotient by it stays finite). */
export const MIN_NONZERO_DECIMAL = new KpiDecimal("1e-1000");

/** True when a finite Decimal lies within the library's bounds: size below 10^18 and 0 or at least 10^-1000, at most 40 significant digits. */
function withinBounds(value: Decimal): boolean {
  if (!value.isFinite()) return false;
  const size = value.abs();
  return size.lt(MAX_DECIMAL) && (size.isZero() || size.gte(MIN_NONZERO_DECIMAL)) && value.sd() <= MAX_SIGNIFICANT_DIGITS;
}

/**
 * The value as a {@link KpiDecimal} when it is a {@link DecimalLike} within the bounds, else
 * `undefined`. Never throws: a Decimal of any clone is read through its own `toString`, and
 * an object that only looks like a Decimal (its tag) is read as the text it gives.
 */
function readDecimal(value: unknown): KpiDecimal | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    const decimal = new KpiDecimal(value);
    return withinBounds(decimal) ? decimal : undefined;
  }
  let text: unknown = value;
  if (typeof value === "object" && value !== null) {
    if (value instanceof Decimal) {
      // The library's own: already the value it would read back from its text (no round trip).
      if (value.constructor === KpiDecimal) return withinBounds(value) ? value : undefined;
      if (!value.isFinite()) return undefined;
      text = value.toString();
    } else if (Decimal.isDecimal(value)) {
      // Another copy of decimal.js, or a forgery: only its text counts.
      try {
        text = String(value);
      } catch {
        return undefined;
      }
    } else {
      return undefined;
    }
  }
  if (typeof text !== "string" || text.length > MAX_TEXT_LENGTH || !DECIMAL_STRING.test(text)) return undefined;
  const decimal = new KpiDecimal(text);
  return withinBounds(decimal) ? decimal : undefined;
}

/**
 * True when `value` is a finite number, a plain decimal string or a finite Decimal, within the bounds ({@link MAX_DECIMAL}). Never throws.
 *
 * @example
 * [isDecimalLike("1234.50"), isDecimalLike(12), isDecimalLike("12,5"), isDecimalLike(Number.NaN), isDecimalLike("1e18")]; //=> [true, true, false, false, false]
 */
export function isDecimalLike(value: unknown): value is DecimalLike {
  // The common case without allocating: a number of ordinary size.
  if (typeof value === "number") {
    const size = Math.abs(value);
    if (size < 1e15) return true;
  }
  return readDecimal(value) !== undefined;
}

/**
 * True when `value` is an amount of money the library reads: a {@link DecimalLike} below
 * 10^18 in size with at most {@link MAX_AMOUNT_DECIMALS} decimals.
 */
export function isAmount(value: unknown): value is DecimalLike {
  if (typeof value === "number" && Number.isSafeInteger(value)) return true;
  const decimal = readDecimal(value);
  return decimal !== undefined && decimal.decimalPlaces() <= MAX_AMOUNT_DECIMALS;
}

/** Schema of an amount of money: a {@link DecimalLike} below 10^18 in size with at most 10 decimals. */
export const AmountSchema: z.ZodType<DecimalLike, DecimalLike> = z
  .custom<DecimalLike>(isAmount, { error: messages.amount })
  .meta({
    description: "A decimal amount: a finite number or a plain decimal string such as \"1234.50\", below 10^18 in size, at most 10 decimals.",
    anyOf: [{ type: "string", pattern: DECIMAL_STRING.source }, { type: "number" }],
  });

/**
 * Schema of a {@link DecimalLike}: a finite number, a plain decimal string, or a Decimal.
 * NaN, ±Infinity, empty strings, other text and values outside the bounds (size 10^18 or
 * more, or more than 40 significant digits) are rejected.
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
 * @throws KpiInputError (at `path`) when the value is NaN, ±Infinity, empty, not a decimal, or
 *   outside the bounds of {@link isDecimalLike}.
 * @example
 * toDecimal("1234.50").toString();
 * //=> "1234.5"
 */
export function toDecimal(value: DecimalLike, path: ReadonlyArray<PropertyKey> = []): KpiDecimal {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value >= 0 && value < 4096 ? countDecimal(value) : new KpiDecimal(value);
  const result = readDecimal(value);
  if (result === undefined) throw new KpiInputError([customIssue(Array.isArray(path) && path.every((key) => typeof key === "string" || typeof key === "number") ? path : [], `${messages.decimalLike}, got ${describe(value)}`)]);
  return result.isZero() ? ZERO : result;
}

/** Replaces a negative zero by zero, so no `-0` ever leaves the library. */
export function withoutNegativeZero(value: Decimal): KpiDecimal {
  return value.isZero() ? ZERO : value;
}

const SMALL_COUNTS: KpiDecimal[] = [];
const SMALL_COUNT_OF = new Map<KpiDecimal, number>();

/**
 * A count (a sum of quantities) as a Decimal, as {@link toDecimal} reads it; whole counts
 * below 4,096 are made once and shared (Decimals are immutable values), since the cells of a
 * grouped series repeat small counts a lot.
 */
export function countDecimal(count: number): KpiDecimal {
  if (!(count >= 0 && count < 4096 && Number.isInteger(count))) return toDecimal(count);
  let value = SMALL_COUNTS[count];
  if (value === undefined) {
    value = count === 0 ? ZERO : new KpiDecimal(count);
    SMALL_COUNTS[count] = value;
    SMALL_COUNT_OF.set(value, count);
  }
  return value;
}

/** The count a shared Decimal of {@link countDecimal} stands for; `undefined` for any other Decimal. */
export function sharedCountOf(value: KpiDecimal): number | undefined {
  return SMALL_COUNT_OF.get(value);
}

/** Decimal zero of the library's clone. */
export const ZERO: KpiDecimal = new KpiDecimal(0);
/** Decimal one of the library's clone. */
export const ONE: KpiDecimal = new KpiDecimal(1);

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (value === null) return "null";
  if (typeof value === "object" && Decimal.isDecimal(value)) return "a Decimal";
  return typeof value;
}

/**
 * Schema of a decimal inside a result passed back in (a series point, a baseline, a target):
 * any {@link DecimalLike} within the bounds, read as a {@link KpiDecimal}.
 */
export const DecimalValueSchema = DecimalLikeSchema.transform((value) => toDecimal(value));
