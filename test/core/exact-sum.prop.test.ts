import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiDecimal, toDecimal } from "../../src/core/decimal.js";
import { createExactSum, remainder, toScaledInteger } from "../../src/core/exact-sum.js";

const TWO_POW_53 = 2n ** 53n;
const ExactDecimal = Decimal.clone({ precision: 500 });
const REALISTIC_PROBABILITIES: readonly number[] = [0, 1, 0.1, 0.25, 0.333, 0.5, 0.8, 0.95];

/** A decimal string `units × 10^-scale` with units anywhere up to 2^60, weighted near 2^53. */
const amountArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 9n }) },
      { weight: 2, arbitrary: fc.bigInt({ min: TWO_POW_53 - 1000n, max: TWO_POW_53 + 1000n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 60n }) },
      { weight: 1, arbitrary: fc.constantFrom(0n, 1n, TWO_POW_53 - 1n, TWO_POW_53, TWO_POW_53 + 1n) },
    ),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([negative, units, scale]) => {
    const text = units.toString().padStart(scale + 1, "0");
    const whole = text.slice(0, text.length - scale);
    const fraction = text.slice(text.length - scale);
    return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
  });

function decimalSum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((total, value) => total.plus(value), new KpiDecimal(0));
}

function isNegativeZero(value: Decimal): boolean {
  return value.isZero() && value.isNegative();
}

describe("createExactSum", () => {
  it("add equals the Decimal sum exactly, also near and beyond 2^53 minor units and with mixed scales", () => {
    fc.assert(
      fc.property(fc.array(amountArb, { maxLength: 40 }), (texts) => {
        const values = texts.map((text) => new KpiDecimal(text));
        const sum = createExactSum();
        for (const value of values) sum.add(value);
        const result = sum.value();
        expect(result.eq(decimalSum(values))).toBe(true);
        expect(isNegativeZero(result)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("addScaled from toScaledInteger equals the Decimal sum exactly", () => {
    fc.assert(
      fc.property(fc.array(amountArb, { maxLength: 40 }), (texts) => {
        const sum = createExactSum();
        for (const text of texts) {
          const scaled = toScaledInteger(text);
          if (scaled === undefined) sum.add(new KpiDecimal(text));
          else sum.addScaled(scaled.units, scaled.scale);
        }
        const expected = decimalSum(texts.map((text) => new KpiDecimal(text)));
        expect(sum.value().eq(expected)).toBe(true);
        expect(isNegativeZero(sum.value())).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("amount × probability products equal the Decimal products summed", () => {
    const probabilityArb = fc.oneof(
      fc.constantFrom(...REALISTIC_PROBABILITIES),
      fc.constantFrom(...REALISTIC_PROBABILITIES),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(amountArb, probabilityArb), { maxLength: 30 }), (pairs) => {
        const viaDecimals = createExactSum();
        const viaScaled = createExactSum();
        // Exact products and partial sums, rounded once; and the plain 40-digit Decimal sum.
        let exact: Decimal = new ExactDecimal(0);
        let sequential: Decimal = new KpiDecimal(0);
        for (const [text, probability] of pairs) {
          const amount = new KpiDecimal(text);
          const factor = toDecimal(probability);
          exact = exact.plus(new ExactDecimal(amount).times(factor));
          sequential = sequential.plus(amount.times(factor));
          viaDecimals.addProduct(amount, factor);
          const a = toScaledInteger(text);
          const b = toScaledInteger(probability);
          if (a === undefined || b === undefined) viaScaled.addProduct(amount, factor);
          else viaScaled.addScaledProduct(a.units, a.scale, b.units, b.scale);
        }
        const expected = new KpiDecimal(0).plus(exact);
        expect(viaDecimals.value().eq(expected)).toBe(true);
        expect(viaScaled.value().eq(expected)).toBe(true);
        // Probabilities with few decimals (as pipelines have) never need more than 40 digits.
        if (pairs.every(([, probability]) => REALISTIC_PROBABILITIES.includes(probability))) {
          expect(viaScaled.value().eq(sequential)).toBe(true);
        }
        expect(isNegativeZero(viaDecimals.value())).toBe(false);
        expect(isNegativeZero(viaScaled.value())).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("adding sums of the parts (addSum) equals the sum of everything, for any split", () => {
    const wideArb = fc.oneof(amountArb, fc.constantFrom("1e-30", "123456789012345678901234567890", "-0"));
    fc.assert(
      fc.property(fc.array(fc.tuple(wideArb, fc.integer({ min: 0, max: 3 })), { maxLength: 30 }), (entries) => {
        const whole = createExactSum();
        const parts = [createExactSum(), createExactSum(), createExactSum(), createExactSum()];
        for (const [text, part] of entries) {
          whole.add(new KpiDecimal(text));
          parts[part]?.add(new KpiDecimal(text));
        }
        const merged = createExactSum();
        for (const part of parts) merged.addSum(part);
        expect(merged.value().eq(whole.value())).toBe(true);
        expect(isNegativeZero(merged.value())).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("sums amounts that have no fast form (many digits, tiny or huge exponents) exactly", () => {
    const wideArb = fc.oneof(
      amountArb,
      fc.constantFrom("1e-30", "-1e-30", "123456789012345678901234567890", "1e30", "0.1234567890123456789", "-0", "5e-7"),
    );
    const counterexample = ["-90071992547.40993", "90071992547.39992", "1e-30"];
    fc.assert(
      fc.property(fc.array(wideArb, { maxLength: 20 }), (texts) => {
        const values = texts.map((text) => new KpiDecimal(text));
        const sum = createExactSum();
        for (const value of values) sum.add(value);
        // The exact sum (no partial sum rounded), rounded once to 40 significant digits.
        const exact = values.reduce<Decimal>((total, value) => total.plus(value), new ExactDecimal(0));
        expect(sum.value().eq(new KpiDecimal(0).plus(exact))).toBe(true);
      }),
      { numRuns: 200, examples: [[counterexample]] },
    );
  });

  it("reads Decimals of another clone at the library's precision", () => {
    const sum = createExactSum();
    sum.add(new Decimal("0.1"));
    sum.add(new Decimal("1e-35"));
    sum.add(new Decimal("2"));
    expect(sum.value().toString()).toBe("2.10000000000000000000000000000000001");
  });

  it("an empty sum and a sum that cancels out are 0, not -0", () => {
    expect(createExactSum().value().toString()).toBe("0");
    const sum = createExactSum();
    sum.add(new KpiDecimal("-0"));
    sum.add(new KpiDecimal("-12.5"));
    sum.add(new KpiDecimal("12.50"));
    expect(isNegativeZero(sum.value())).toBe(false);
    expect(sum.value().toString()).toBe("0");
  });

  it("a million cents beyond 2^53 still add up exactly", () => {
    const sum = createExactSum();
    const big = new KpiDecimal("90071992547409.91"); // 2^53 - 1 cents
    for (let i = 0; i < 1000; i++) sum.add(big);
    expect(sum.value().toString()).toBe("90071992547409910");
  });
});

describe("toScaledInteger", () => {
  it("reads a number through its shortest round-trip string, like toDecimal", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const scaled = toScaledInteger(value);
        if (scaled === undefined) return;
        expect(Number.isSafeInteger(scaled.units)).toBe(true);
        expect(new KpiDecimal(scaled.units).div(new KpiDecimal(10).pow(scaled.scale)).eq(toDecimal(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("reads plain decimal strings exactly, or gives up", () => {
    fc.assert(
      fc.property(fc.oneof(amountArb, fc.constantFrom("1e3", ".5", "5.", "+3", "-0.00", "1E-2", "12e-30")), (text) => {
        const scaled = toScaledInteger(text);
        if (scaled === undefined) return;
        expect(Object.is(scaled.units, -0)).toBe(false);
        expect(new KpiDecimal(scaled.units).div(new KpiDecimal(10).pow(scaled.scale)).eq(new KpiDecimal(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(toScaledInteger("1234.50")).toEqual({ units: 123450, scale: 2 });
    expect(toScaledInteger(0.1)).toEqual({ units: 1, scale: 1 });
    expect(toScaledInteger("9007199254740993")).toBeUndefined();
  });
});

describe("remainder by a power of ten without %", () => {
  it("equals BigInt's remainder for every safe integer and power of ten from 10 to 10^15", () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeNat(), fc.constantFrom(0, 9, 10, 2 ** 31, 2 ** 53 - 1, 2 ** 53 - 10, 9_000_000_000_000_000)), fc.integer({ min: 1, max: 15 }), (x, k) => {
        expect(remainder(x, 10 ** k)).toBe(Number(BigInt(x) % 10n ** BigInt(k)));
      }),
      { numRuns: 2000 },
    );
  });

  it("just below a multiple of p at the top of the safe range, where x / p is nearest the next whole number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1000 }), (k, below) => {
        const p = 10 ** k;
        // A multiple of p at most p·top (the largest within the safe integers), less 1: f = p − 1.
        const top = Math.floor(Number.MAX_SAFE_INTEGER / p);
        const x = (top - 1 - (below % top)) * p + p - 1;
        expect(remainder(x, p)).toBe(Number(BigInt(x) % BigInt(p)));
        expect(remainder(x, p)).toBe(p - 1);
      }),
      { examples: [[1, 0], [7, 0], [15, 0]] },
    );
  });
});
