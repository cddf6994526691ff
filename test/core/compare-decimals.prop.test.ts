import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDecimal } from "../../src/core/decimal.js";
import { compareDecimals } from "../../src/core/compare-decimals.js";

/** Decimals near each other as often as not: shared leading digits, exponents, zeros and signs. */
const decimalArb: fc.Arbitrary<KpiDecimal> = fc
  .tuple(
    fc.constantFrom("", "-"),
    fc.constantFrom("1", "12", "1234567", "12345678", "99999999999999", "1000000000000001"),
    fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 30 }),
    fc.integer({ min: -20, max: 20 }),
    fc.boolean(),
  )
  .map(([sign, head, tail, exponent, zero]) => (zero ? new KpiDecimal(0) : new KpiDecimal(`${sign}${head}${tail.join("")}e${exponent}`)));

describe("compareDecimals agrees with decimal.js's comparedTo", () => {
  it("gives a.comparedTo(b) for every pair, and its opposite for (b, a)", () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        expect(compareDecimals(a, b)).toBe(a.comparedTo(b));
        expect(compareDecimals(b, a)).toBe(-a.comparedTo(b) || 0);
      }),
      { numRuns: 5000 },
    );
  });

  it("sorts a list as comparedTo sorts it", () => {
    fc.assert(
      fc.property(fc.array(decimalArb, { maxLength: 40 }), (values) => {
        expect([...values].sort(compareDecimals).map(String)).toEqual([...values].sort((a, b) => a.comparedTo(b)).map(String));
      }),
    );
  });
});
