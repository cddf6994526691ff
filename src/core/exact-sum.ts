import type { Decimal } from "decimal.js";
import { KpiDecimal, withoutNegativeZero, ZERO } from "./decimal.js";

/**
 * An exact running sum of money amounts. A local accumulator (never shared state): create one
 * per result, add each amount, read `value()` once.
 *
 * Exact by construction: amounts are kept as scaled integers (`units × 10^-scale`) in a plain
 * JS number while the total stays within `Number.MAX_SAFE_INTEGER`, in a BigInt beyond that,
 * and in a Decimal for the rare amount that has no such form (more than 15 significant
 * digits, or a scale above 22) — a Decimal wide enough to stay exact. `value()` converts to a
 * {@link KpiDecimal} once: the exact total rounded once to the clone's 40 significant digits,
 * which equals adding the Decimals one by one with `plus` whenever no partial sum needs more
 * than 40 digits (money always). Never returns `-0`.
 *
 * Cost: a few float operations per amount while in safe range (no allocation).
 */
export interface ExactSum {
  /** Adds a Decimal amount (of any Decimal clone). */
  add(amount: Decimal): void;
  /**
   * Adds `units × 10^-scale`. `units` must be a safe integer and `scale` a whole number ≥ 0
   * (see {@link toScaledInteger}).
   */
  addScaled(units: number, scale: number): void;
  /** Adds the exact product `amount × factor` (e.g. amount × probability). */
  addProduct(amount: Decimal, factor: Decimal): void;
  /**
   * Adds the exact product `(aUnits × 10^-aScale) × (bUnits × 10^-bScale)` of two scaled
   * integers (safe integers, scales ≥ 0).
   */
  addScaledProduct(aUnits: number, aScale: number, bUnits: number, bScale: number): void;
  /** Adds the running total of another ExactSum, exactly, without turning it into a Decimal (roll-ups). */
  addSum(other: ExactSum): void;
  /** The exact total as a {@link KpiDecimal}; `0` (never `-0`) when nothing was added. */
  value(): KpiDecimal;
}

/** A number as an exact scaled integer: the value is `units × 10^-scale`. */
export interface ScaledInteger {
  /** A safe integer. */
  readonly units: number;
  /** A whole number from 0 to {@link MAX_FAST_SCALE}. */
  readonly scale: number;
}

/** The largest scale the fast path handles (10^22 is the largest power of ten a float holds exactly). */
export const MAX_FAST_SCALE = 22;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const POW10: readonly number[] = Array.from({ length: MAX_FAST_SCALE + 1 }, (_, i) => 10 ** i);
const BIG_POW10: bigint[] = [];
/**
 * A wide Decimal for the rare amounts without a fast form, so that they too add up exactly
 * (at 40 digits, adding 1e30 and 1e-30 would round) and the total is rounded once, at the end.
 */
const WideDecimal = KpiDecimal.clone({ precision: 1000 });
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function bigPow10(exponent: number): bigint {
  let power = BIG_POW10[exponent];
  if (power === undefined) {
    power = 10n ** BigInt(exponent);
    BIG_POW10[exponent] = power;
  }
  return power;
}

/**
 * Reads a finite number or a plain decimal string as an exact scaled integer, or `undefined`
 * when it has none within safe range (then use the Decimal). A number is read through its
 * shortest round-trip string, as `toDecimal` reads it, so `0.1` is `{ units: 1, scale: 1 }`.
 * Trailing zeros are kept (`"12.50"` → `{ units: 1250, scale: 2 }`); `-0` gives units `0`.
 *
 * @example
 * toScaledInteger("1234.56"); //=> { units: 123456, scale: 2 }
 * toScaledInteger(0.25); //=> { units: 25, scale: 2 }
 */
export function toScaledInteger(value: number | string): ScaledInteger | undefined {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return { units: value === 0 ? 0 : value, scale: 0 };
    if (!Number.isFinite(value)) return undefined;
    return parseScaled(String(value));
  }
  return parseScaled(value);
}

function parseScaled(text: string): ScaledInteger | undefined {
  const fast = parsePlainDecimal(text);
  if (fast !== undefined) return fast;
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const integerDigits = match[2] ?? "";
  const fractionDigits = match[3] ?? "";
  if (integerDigits.length + fractionDigits.length === 0) return undefined;
  const digits = integerDigits + fractionDigits;
  let units = Number(digits);
  if (!Number.isSafeInteger(units)) return undefined;
  let scale = fractionDigits.length - (match[4] === undefined ? 0 : Number(match[4]));
  if (scale < 0) {
    if (-scale > MAX_FAST_SCALE) return units === 0 ? { units: 0, scale: 0 } : undefined;
    units *= POW10[-scale] as number;
    if (units > MAX_SAFE) return undefined;
    scale = 0;
  }
  if (scale > MAX_FAST_SCALE) return units === 0 ? { units: 0, scale: 0 } : undefined;
  if (units === 0) return { units: 0, scale: 0 };
  return { units: match[1] === "-" ? -units : units, scale };
}

/**
 * The hot path of {@link parseScaled}: `[-]digits[.digits]` with at most 15 digits (always a
 * safe integer), read character by character; `undefined` for anything else.
 */
function parsePlainDecimal(text: string): ScaledInteger | undefined {
  const length = text.length;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let units = 0;
  let digits = 0;
  let scale = -1;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 /* . */ && scale < 0) {
      scale = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    units = units * 10 + digit;
    digits++;
    if (scale >= 0) scale++;
  }
  if (digits === 0 || digits > 15 || scale === 0) return undefined;
  if (units === 0) return { units: 0, scale: 0 };
  return { units: negative ? -units : units, scale: scale < 0 ? 0 : scale };
}

/** Digits of decimal.js's base-10^7 words. */
const WORD_DIGITS = 7;

/**
 * The {@link KpiDecimal} of `units × 10^-scale`, equal in every field to `toDecimal` of the
 * same value (`ZERO` for zero) but built from the integer directly: a tenth of the cost of
 * decimal.js reading the digits back from a string. Writes decimal.js's documented
 * representation, as `new KpiDecimal(text)` would: sign `s`; exponent `e`, the power of ten of
 * the leading digit; digits `d` in base-10^7 words aligned so that the first word holds
 * `(e + 1) mod 7` digits (7 when that is 0 and `e` < 0), trailing zeros dropped and the last
 * word padded with zeros to 7 digits.
 * `units` must be a safe integer and `scale` a whole number (see {@link toScaledInteger}).
 *
 * @example
 * scaledToDecimal(123456, 2).toString(); //=> "1234.56"
 * scaledToDecimal(-5, 0).toString(); //=> "-5"
 */
export function scaledToDecimal(units: number, scale: number): KpiDecimal {
  if (units === 0) return ZERO;
  let digits = units < 0 ? -units : units;
  let exponentShift = scale;
  // Exact: a safe integer divisible by 10 divided by 10.
  while (remainder(digits, 10) === 0) {
    digits /= 10;
    exponentShift--;
  }
  const count = decimalDigits(digits);
  const exponent = count - 1 - exponentShift;
  // Digits in the first word, as decimal.js aligns them.
  let first = (exponent + 1) % WORD_DIGITS;
  if (exponent < 0) first += WORD_DIGITS;
  let words: number[];
  if (first >= count) {
    words = [digits * (POW10[first - count] as number)];
  } else {
    // Split from the top with exact remainders (a float division could round up to the next word).
    let low = count - first;
    let rest = digits;
    let head = -1;
    if (first > 0) {
      const power = POW10[low] as number;
      rest = remainder(digits, power);
      head = (digits - rest) / power;
    }
    let w1 = -1;
    let w2 = -1;
    while (low > WORD_DIGITS) {
      low -= WORD_DIGITS;
      const power = POW10[low] as number;
      const lower = remainder(rest, power);
      const word = (rest - lower) / power;
      if (w1 < 0) w1 = word;
      else w2 = word;
      rest = lower;
    }
    const last = rest * (POW10[WORD_DIGITS - low] as number);
    // At most 16 digits: a head word, up to two full words, the padded last word.
    if (head < 0) words = w1 < 0 ? [last] : w2 < 0 ? [w1, last] : [w1, w2, last];
    else words = w1 < 0 ? [head, last] : w2 < 0 ? [head, w1, last] : [head, w1, w2, last];
  }
  // The instance as decimal.js's constructor leaves it: own `constructor`, then s, e, d.
  const decimal = Object.create(KpiDecimal.prototype) as { constructor: unknown; s: number; e: number; d: number[] };
  decimal.constructor = KpiDecimal;
  decimal.s = units < 0 ? -1 : 1;
  decimal.e = exponent;
  decimal.d = words;
  return decimal as unknown as KpiDecimal;
}

/**
 * `x mod p` for a safe integer `x ≥ 0` and a power of ten `p ≥ 10`: what `x % p` gives, by a
 * division instead of the floating-point remainder (`%` on numbers past 2^31 is a call to
 * `fmod`, several times slower). Exact: with `x = n·p + f`, the quotient `x / p = n + f/p` is
 * below 2^53 / p, so half its unit in the last place is below 1/p, nearer than the next whole
 * number `n + 1` (at least 1/p away); and `n` is a number, so rounding never goes below it:
 * `floor(x / p)` is `n`, and `x − n·p` is `f`, each step a whole number below 2^53.
 */
export function remainder(x: number, p: number): number {
  return x - Math.floor(x / p) * p;
}

/** Number of decimal digits of a positive safe integer. */
function decimalDigits(value: number): number {
  let count = 1;
  while (count < 16 && value >= (POW10[count] as number)) count++;
  return count;
}

/** Creates an {@link ExactSum} starting at 0. */
export function createExactSum(): ExactSum {
  return new ScaledSum();
}

/**
 * The accumulator: `total = (small + large) × 10^-scale + rest`, where `small` is a safe
 * integer, `large` a BigInt used only after `small` would overflow, and `rest` a wide Decimal
 * used only for amounts without a fast form.
 */
class ScaledSum implements ExactSum {
  private small = 0;
  private scale = 0;
  private large = 0n;
  private hasLarge = false;
  private rest: Decimal | undefined = undefined;
  /** Scratch output of {@link ScaledSum.read}, to avoid allocating per amount. */
  private readUnits = 0;
  private readScale = 0;

  add(amount: Decimal): void {
    if (this.read(amount)) this.addScaled(this.readUnits, this.readScale);
    else this.rest = this.rest === undefined ? new WideDecimal(amount) : this.rest.plus(amount);
  }

  addScaled(units: number, scale: number): void {
    if (scale !== this.scale) {
      if (scale > this.scale) this.raiseScale(scale);
      else {
        this.addAtScale(units, this.scale - scale);
        return;
      }
    }
    const next = this.small + units;
    if (next <= MAX_SAFE && next >= -MAX_SAFE) this.small = next;
    else this.spill(units);
  }

  addProduct(amount: Decimal, factor: Decimal): void {
    if (this.read(amount)) {
      const aUnits = this.readUnits;
      const aScale = this.readScale;
      if (this.read(factor)) {
        this.addScaledProduct(aUnits, aScale, this.readUnits, this.readScale);
        return;
      }
    }
    const product = new WideDecimal(amount).times(factor);
    this.rest = this.rest === undefined ? product : this.rest.plus(product);
  }

  addScaledProduct(aUnits: number, aScale: number, bUnits: number, bScale: number): void {
    const product = aUnits * bUnits;
    if (product <= MAX_SAFE && product >= -MAX_SAFE) {
      this.addScaled(product === 0 ? 0 : product, aScale + bScale);
      return;
    }
    const scale = aScale + bScale;
    if (scale > this.scale) this.raiseScale(scale);
    this.addLarge(BigInt(aUnits) * BigInt(bUnits) * bigPow10(this.scale - scale));
  }

  addSum(other: ExactSum): void {
    if (!(other instanceof ScaledSum)) {
      this.add(other.value());
      return;
    }
    if (other.scale > this.scale) this.raiseScale(other.scale);
    const shift = this.scale - other.scale;
    if (other.small !== 0) this.addAtScale(other.small, shift);
    if (other.hasLarge) this.addLarge(other.large * bigPow10(shift));
    if (other.rest !== undefined) this.rest = this.rest === undefined ? other.rest : this.rest.plus(other.rest);
  }

  value(): KpiDecimal {
    let total: Decimal;
    if (this.hasLarge) {
      // Construction keeps every digit; the sum below rounds once to the clone's precision.
      total = new KpiDecimal(`${this.large + BigInt(this.small)}e-${this.scale}`);
    } else if (this.small === 0) {
      total = ZERO;
    } else {
      total = scaledToDecimal(this.small, this.scale);
    }
    if (this.rest !== undefined) total = new WideDecimal(total).plus(this.rest);
    if (this.hasLarge || this.rest !== undefined) total = ZERO.plus(total);
    return withoutNegativeZero(total);
  }

  /** Adds `units × 10^shift` at the current scale. */
  private addAtScale(units: number, shift: number): void {
    if (shift <= MAX_FAST_SCALE) {
      const shifted = units * (POW10[shift] as number);
      if (shifted <= MAX_SAFE && shifted >= -MAX_SAFE) {
        const next = this.small + shifted;
        if (next <= MAX_SAFE && next >= -MAX_SAFE) this.small = next;
        else this.spill(shifted);
        return;
      }
    }
    this.addLarge(BigInt(units) * bigPow10(shift));
  }

  /** Moves the safe-integer part into the BigInt and restarts it at `units` (a safe integer). */
  private spill(units: number): void {
    this.addLarge(BigInt(this.small));
    this.small = units;
  }

  private addLarge(units: bigint): void {
    this.large += units;
    this.hasLarge = true;
  }

  /** Moves the accumulator to a finer scale, keeping its value. */
  private raiseScale(scale: number): void {
    const shift = scale - this.scale;
    this.scale = scale;
    if (this.hasLarge) this.large *= bigPow10(shift);
    if (this.small === 0) return;
    if (shift <= MAX_FAST_SCALE) {
      const shifted = this.small * (POW10[shift] as number);
      if (shifted <= MAX_SAFE && shifted >= -MAX_SAFE) {
        this.small = shifted;
        return;
      }
    }
    this.addLarge(BigInt(this.small) * bigPow10(shift));
    this.small = 0;
  }

  /**
   * Reads a finite Decimal as a scaled integer into `readUnits`/`readScale`; false when it has
   * no safe form. Uses decimal.js's documented representation: sign `s`, exponent `e` (power
   * of ten of the leading digit) and digits `d` in base-10^7 words, the first without leading
   * zeros, the words aligned so that value = Σ d[i] × 10^(e − k0 + 1 − 7i), k0 = digits of d[0].
   */
  private read(amount: Decimal): boolean {
    const words = amount.d;
    if (words === null || words === undefined) return false;
    const count = words.length;
    if (count > 3) return false;
    const first = words[0] as number;
    if (count === 1 && first === 0) {
      this.readUnits = 0;
      this.readScale = 0;
      return true;
    }
    // Power of ten of the last word's lowest digit.
    let exponent = amount.e - digitCount(first) + 1 - 7 * (count - 1);
    let last = words[count - 1] as number;
    let lastDigits = count === 1 ? digitCount(first) : 7;
    while (exponent < 0 && last % 10 === 0) {
      last = (last / 10) | 0;
      lastDigits--;
      exponent++;
    }
    let units: number;
    if (count === 1) units = last;
    else if (count === 2) units = first * (POW10[lastDigits] as number) + last;
    else units = (first * 1e7 + (words[1] as number)) * (POW10[lastDigits] as number) + last;
    if (units > MAX_SAFE) return false;
    if (exponent > 0) {
      if (exponent > MAX_FAST_SCALE) return false;
      units *= POW10[exponent] as number;
      if (units > MAX_SAFE) return false;
      exponent = 0;
    } else if (-exponent > MAX_FAST_SCALE) return false;
    this.readUnits = amount.s < 0 ? -units : units;
    this.readScale = -exponent;
    return true;
  }
}

function digitCount(word: number): number {
  return word < 10 ? 1 : word < 100 ? 2 : word < 1e3 ? 3 : word < 1e4 ? 4 : word < 1e5 ? 5 : word < 1e6 ? 6 : 7;
}
