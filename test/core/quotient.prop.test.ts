import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDecimal } from "../../src/core/decimal.js";
import { quotient } from "../../src/core/quotient.js";

/** A decimal text: a sign, 1 to `digits` significant digits (leading digit not 0) and an exponent. */
const decimalText = (digits: number, exponent: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.boolean(),
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: digits - 1 }),
      fc.integer({ min: -exponent, max: exponent }),
    )
    .map(([negative, first, rest, e]) => `${negative ? "-" : ""}${first}${rest.join("")}e${e}`);

/** Parts the library divides: counts, amounts, targets (few digits) and, now and then, long ones. */
const part = (digits: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: decimalText(digits, 20) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 5000 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 29 }).map((k) => String(2 ** k)) },
    { weight: 1, arbitrary: fc.constantFrom("0", "1", "-1", "9999999", "10000000", "99999999", "999999999", "4503599627370495", "4503599627370496") },
    { weight: 1, arbitrary: decimalText(40, 40) },
  );

/** The same Decimal: value, sign, exponent, limbs and constructor (not only equal in value). */
function sameDecimal(actual: KpiDecimal, expected: KpiDecimal): void {
  expect({ s: actual.s, e: actual.e, d: actual.d, text: actual.toString() }).toEqual({ s: expected.s, e: expected.e, d: expected.d, text: expected.toString() });
  expect(actual.constructor).toBe(expected.constructor);
}

describe("quotient agrees with decimal.js's division", () => {
  it("is a.div(b) in value and representation, for every pair of parts", () => {
    fc.assert(
      fc.property(part(17), part(10), (a, b) => {
        const x = new KpiDecimal(a);
        const y = new KpiDecimal(b);
        sameDecimal(quotient(x, y), x.div(y));
      }),
      { numRuns: 5000 },
    );
  });

  it("is a.div(b) for amounts with cents over counts (deal sizes, means)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 53n }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 1_000_000 }), (units, scale, count) => {
        const x = new KpiDecimal(`${units}e-${scale}`);
        const y = new KpiDecimal(count);
        sameDecimal(quotient(x, y), x.div(y));
      }),
      { numRuns: 3000 },
    );
  });

  it("rounds where a.div(b) rounds: quotients close to a rounding boundary", () => {
    // n ÷ d with n = d × m ± 1 lands next to a terminating value: the guard digits are 9s or 0s.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 899_999_999 }), fc.integer({ min: 1, max: 9_999_999 }), fc.constantFrom(-1, 1), fc.integer({ min: -30, max: 30 }), (d, m, delta, e) => {
        const x = new KpiDecimal(`${BigInt(d) * BigInt(m) + BigInt(delta)}e${e}`);
        const y = new KpiDecimal(d);
        sameDecimal(quotient(x, y), x.div(y));
      }),
      { numRuns: 3000 },
    );
  });

  it("multiplied back by the divisor, gives the numerator to within half a unit of the 40th digit", () => {
    fc.assert(
      fc.property(decimalText(15, 12), decimalText(8, 12), (a, b) => {
        const x = new KpiDecimal(a);
        const y = new KpiDecimal(b);
        const value = quotient(x, y);
        const Exact = KpiDecimal.clone({ precision: 200 });
        const error = new Exact(value).times(new Exact(y)).minus(new Exact(x)).abs();
        const unit = new Exact(10).pow(value.e - 39).times(new Exact(y).abs());
        expect(error.lte(unit.div(2))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
