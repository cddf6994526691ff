import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { DecimalLikeSchema, KpiDecimal, KpiInputError, ratio, toDecimal } from "../../src/index.js";

describe("toDecimal", () => {
  it("keeps decimal strings exact: 0.1 + 0.2 is 0.3", () => {
    expect(toDecimal("0.1").plus(toDecimal("0.2")).toString()).toBe("0.3");
    expect(toDecimal(0.1).plus(0.2).toString()).toBe("0.3");
  });

  it("reads exponent notation and signs", () => {
    expect(toDecimal("1e3").toString()).toBe("1000");
    expect(toDecimal("-3").toString()).toBe("-3");
    expect(toDecimal("+.5").toString()).toBe("0.5");
  });

  it("accepts a Decimal of another clone and returns one of the library's clone", () => {
    const foreign = new (Decimal.clone({ precision: 5 }))("123456.789");
    const own = toDecimal(foreign);
    expect(own).toBeInstanceOf(KpiDecimal);
    expect(own.toString()).toBe("123456.789");
  });

  it("never returns -0", () => {
    expect(toDecimal("-0").isNegative()).toBe(false);
    expect(toDecimal(-0).isNegative()).toBe(false);
  });

  it.each([["NaN"], ["Infinity"], [""], [" 12"], ["12,50"], ["1.2.3"], ["abc"], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY]])(
    "rejects %j with a clear error",
    (value) => {
      expect(() => toDecimal(value as string)).toThrow(/expected a decimal string or number/);
      expect(DecimalLikeSchema.safeParse(value).success).toBe(false);
    },
  );

  it("rejects a Decimal that is NaN or infinite", () => {
    expect(() => toDecimal(new Decimal(Number.NaN))).toThrow(KpiInputError);
    expect(DecimalLikeSchema.safeParse(new Decimal(Number.POSITIVE_INFINITY)).success).toBe(false);
  });

  it("holds the library's own Decimals to the same bounds as any other: NaN, 10^18 and more, and -0", () => {
    const own = new KpiDecimal("1234.5");
    expect(toDecimal(own).toString()).toBe("1234.5");
    expect(() => toDecimal(new KpiDecimal(Number.NaN))).toThrow(KpiInputError);
    expect(() => toDecimal(new KpiDecimal("1e18"))).toThrow(KpiInputError);
    expect(() => toDecimal(new Decimal("1e18"))).toThrow(KpiInputError);
    expect(toDecimal(new KpiDecimal("999999999999999999.5")).toString()).toBe("999999999999999999.5");
    expect(toDecimal(new KpiDecimal("-0")).isNegative()).toBe(false);
  });

  it("uses the library's own precision and half-even rounding, not the global Decimal's", () => {
    expect(KpiDecimal.precision).toBe(40);
    expect(KpiDecimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect(new KpiDecimal(1).div(3).toString()).toBe(`0.${"3".repeat(40)}`);
    expect(Decimal.precision).toBe(20);
  });
});

describe("ratio", () => {
  it("3 meetings from 4 calls is 0.75", () => {
    const r = ratio(3, 4);
    expect(r.value?.toString()).toBe("0.75");
    expect(r.numerator.toString()).toBe("3");
    expect(r.denominator.toString()).toBe("4");
  });

  it("is null, not NaN or Infinity, when nothing was in the denominator", () => {
    expect(ratio(3, 0).value).toBeNull();
    expect(ratio(0, 0).value).toBeNull();
    expect(ratio(0, 5).value?.toString()).toBe("0");
  });
});
