// Internal: a ÷ b at the library's precision, as decimal.js's `div` gives it, with a fast path
// for the quotients the library makes by the ten thousand per scorecard (deal sizes,
// attainments, shares, means): parts that are short integers on decimal.js's limb grid.
import { Decimal } from "decimal.js";
import { KpiDecimal } from "./decimal.js";

/** The significant digits of a quotient: the library's precision. */
const PRECISION = 40;
/** decimal.js's limb: base 10^7 digits. */
const LOG_BASE = 7;
const BASE = 1e7;
/** A numerator's mantissa up to 2^52: its floating quotient by the divisor is off by at most one. */
const MAX_NUMERATOR = 2 ** 52;
/** A divisor's mantissa below 9 × 10^8: a remainder times 10^7 stays an exact integer (below 2^53). */
const MAX_DIVISOR = 9e8;
/** Exponents far inside decimal.js's own bounds (the library's decimals lie within 10^±1000). */
const MAX_EXPONENT = 100_000;

/** A positive finite decimal's digits as an integer `m` with `value = m × 10^shift`, or `undefined` beyond `max`. */
interface Mantissa {
  m: number;
  shift: number;
}
const numeratorParts: Mantissa = { m: 0, shift: 0 };
const divisorParts: Mantissa = { m: 0, shift: 0 };

function mantissaOf(value: Decimal, max: number, into: Mantissa): boolean {
  const limbs = value.d;
  // decimal.js keeps no trailing zero limbs: a value of n limbs has 7(n - 1) digits after its first.
  if (limbs === null || limbs.length > 3 || !(Math.abs(value.e) < MAX_EXPONENT)) return false;
  let m = limbs[0] as number;
  if (m === 0) return false;
  let count = m < 10 ? 1 : m < 100 ? 2 : m < 1e3 ? 3 : m < 1e4 ? 4 : m < 1e5 ? 5 : m < 1e6 ? 6 : 7;
  for (let i = 1; i < limbs.length; i++) {
    if (m >= max / BASE) return false;
    m = m * BASE + (limbs[i] as number);
    count += LOG_BASE;
  }
  if (m >= max) return false;
  into.m = m;
  into.shift = value.e - count + 1;
  return true;
}

/** Powers of ten up to 10^7. */
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7] as const;

/** Decimal digits of a limb (1 to 9,999,999). */
function widthOf(limb: number): number {
  return limb < 10 ? 1 : limb < 100 ? 2 : limb < 1e3 ? 3 : limb < 1e4 ? 4 : limb < 1e5 ? 5 : limb < 1e6 ? 6 : 7;
}

/**
 * `a ÷ b` rounded to 40 significant digits, half-even: the library's Decimal division, equal
 * in value and representation to `a.div(b)` (checked against it by property tests). When the
 * numerator's limbs (decimal.js's groups of seven digits from the decimal point) make an
 * integer below 2^52 and the divisor's one below 9 × 10^8 (the counts, amount sums, targets
 * and shares the library divides by the ten thousand), the division is
 * done on integers, seven digits at a time, straight into decimal.js's base-10^7 limbs, and
 * the remainder decides the rounding; any other quotient (a zero, `b = 0`, longer parts, a
 * numerator of another Decimal class, whose own precision and rounding apply) is decimal.js's
 * own.
 *
 * @example
 * quotient(new KpiDecimal(2), new KpiDecimal(3)).toString(); //=> "0.6666666666666666666666666666666666666667"
 */
export function quotient(a: Decimal, b: Decimal): KpiDecimal {
  // decimal.js divides at the precision and rounding of the numerator's class: the fast path is KpiDecimal's.
  if (a.constructor !== KpiDecimal || !mantissaOf(a, MAX_NUMERATOR, numeratorParts) || !mantissaOf(b, MAX_DIVISOR, divisorParts)) return a.div(b);
  const n = numeratorParts.m;
  const d = divisorParts.m;
  // q = n ÷ d × 10^shift. decimal.js's limbs sit on a grid of whole 7-digit groups from the
  // decimal point, so both shifts, and their difference, are multiples of 7: the limbs of
  // n ÷ d are the quotient's, scaled by 10^7t.
  const shift = numeratorParts.shift - divisorParts.shift;
  if (shift % LOG_BASE !== 0) return a.div(b);
  const t = shift / LOG_BASE;
  // The integer part of n ÷ d (the float quotient is off by at most one: corrected) ...
  let whole = Math.floor(n / d);
  let rest = n - whole * d;
  if (rest < 0) {
    whole -= 1;
    rest += d;
  } else if (rest >= d) {
    whole += 1;
    rest -= d;
  }
  // ... as three limbs (whole < 2^52 < 10^21).
  const high = Math.floor(whole / BASE);
  const last = whole - high * BASE;
  const top = Math.floor(high / BASE);
  const mid = high - top * BASE;
  // The limbs from the first that is not zero, written to a shared scratch and copied out at
  // their final count (pushes would leave each quotient's array twice its size); limbs[i]
  // stands for limbs[i] × 10^(lead − 7i).
  const limbs = scratch;
  let count = 0;
  let lead = LOG_BASE * (t + 2);
  if (top !== 0) {
    limbs[0] = top;
    limbs[1] = mid;
    limbs[2] = last;
    count = 3;
  } else if (mid !== 0) {
    limbs[0] = mid;
    limbs[1] = last;
    count = 2;
    lead -= LOG_BASE;
  } else if (last !== 0) {
    limbs[0] = last;
    count = 1;
    lead -= 2 * LOG_BASE;
  } else lead -= 3 * LOG_BASE;
  // Significant digits so far.
  let digits = count === 0 ? 0 : widthOf(limbs[0] as number) + LOG_BASE * (count - 1);
  // The fraction, a limb per division, until a digit beyond the 40th is known or nothing is left.
  while (digits <= PRECISION && rest !== 0) {
    const x = rest * BASE;
    const limb = Math.floor(x / d);
    rest = x - limb * d;
    if (count > 0) {
      limbs[count++] = limb;
      digits += LOG_BASE;
    } else if (limb !== 0) {
      limbs[count++] = limb;
      digits = widthOf(limb);
    } else lead -= LOG_BASE;
  }
  if (digits > PRECISION) {
    // Round at the 40th digit: it falls in limb k, whose `drop` last digits go (when none of
    // them does, the next limb is what goes). Half-even needs no tie rule here: within these
    // bounds a quotient that ends has at most 37 significant digits (its reduced divisor
    // 2^i × 5^j is below 9 × 10^8; the longest found, (2^52 − 1) ÷ 2^29, has 36), so what goes
    // is never exactly half a unit with nothing after it; at least half rounds up, as
    // decimal.js rounds it.
    const first = widthOf(limbs[0] as number);
    const k = Math.ceil((PRECISION - first) / LOG_BASE);
    const drop = first + LOG_BASE * k - PRECISION;
    const unit = POWERS[drop] as number;
    const limb = limbs[k] as number;
    const dropped = drop === 0 ? (limbs[k + 1] as number) : limb % unit;
    const half = (drop === 0 ? BASE : unit) / 2;
    const kept = drop === 0 ? limb : limb - dropped;
    count = k + 1;
    limbs[k] = kept + (dropped >= half ? unit : 0);
    // A carry out of a limb goes to the one before; out of the first, a new first limb (kept
    // for safety: a quotient within 10^-40 of a power of ten below it would need n > 10^40).
    for (let i = k; i > 0 && (limbs[i] as number) >= BASE; i--) {
      limbs[i] = (limbs[i] as number) - BASE;
      limbs[i - 1] = (limbs[i - 1] as number) + 1;
    }
    if ((limbs[0] as number) >= BASE) {
      limbs[0] = (limbs[0] as number) - BASE;
      for (let i = count; i > 0; i--) limbs[i] = limbs[i - 1] as number;
      limbs[0] = 1;
      count += 1;
      lead += LOG_BASE;
    }
  }
  while (count > 1 && limbs[count - 1] === 0) count -= 1;
  return fromLimbs(limbs.slice(0, count), lead + widthOf(limbs[0] as number) - 1, a.s * b.s);
}

/** Scratch limbs of one quotient: at most 3 whole limbs and 7 more (40 digits and one beyond). */
const scratch: number[] = new Array<number>(16).fill(0);

/** The Decimal of `limbs` (decimal.js's normal form) whose first digit has exponent `e`, made as its constructor makes one. */
function fromLimbs(limbs: number[], e: number, sign: number): KpiDecimal {
  const out = Object.create(KpiDecimal.prototype) as { constructor: unknown; s: number; e: number; d: number[] };
  out.constructor = KpiDecimal;
  out.s = sign;
  out.e = e;
  out.d = limbs;
  return out as unknown as KpiDecimal;
}
