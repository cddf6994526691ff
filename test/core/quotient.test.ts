import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { KpiDecimal } from "../../src/core/decimal.js";
import { quotient } from "../../src/core/quotient.js";

const q = (a: string, b: string) => quotient(new KpiDecimal(a), new KpiDecimal(b));

describe("quotient: a ÷ b to 40 significant digits, half-even", () => {
  it("an average deal size of 1,000.00 over 3 won deals: 333.33…, forty digits, the last rounded down", () => {
    expect(q("1000.00", "3").toString()).toBe("333.3333333333333333333333333333333333333");
  });

  it("a win rate of 2 of 3: 0.66…67, the fortieth digit rounded up", () => {
    expect(q("2", "3").toString()).toBe("0.6666666666666666666666666666666666666667");
  });

  it("an attainment of 45 calls against a target of 40: exactly 1.125, no digits made up", () => {
    const value = q("45", "40");
    expect(value.toString()).toBe("1.125");
    expect(value.d).toEqual([1, 1250000]);
    expect(value.e).toBe(0);
  });

  it("a share of 1 of 7 reps: 0.142857 repeating, forty digits", () => {
    expect(q("1", "7").toString()).toBe("0.1428571428571428571428571428571428571429");
  });

  it("a negative gap divided: the sign of the quotient is the signs' product", () => {
    expect(q("-10", "4").toString()).toBe("-2.5");
    expect(q("10", "-4").toString()).toBe("-2.5");
    expect(q("-10", "-4").toString()).toBe("2.5");
  });

  it("a rounding carry on the integer path: 301 ÷ 9999991 (checked with Python's decimal module at 40 digits, half-even)", () => {
    // The 41st digits are …7737649|963…: rounding up carries through the two nines into
    // the limb before, which then ends in zeros that decimal.js's form does not keep.
    expect(q("301", "9999991").toString()).toBe("0.000030100027090024381021942919748627773765");
    expect(q("301", "9999991").d).toEqual(new KpiDecimal(301).div(9999991).d);
  });

  it("a carry through forty nines: 0.99…99 rounded up to 1 keeps decimal.js's form", () => {
    // 999999999999999 ÷ 999999999999998.9 is just above 1 and rounds to 40 digits; a quotient
    // of parts too long for the integer path is decimal.js's own.
    const n = new KpiDecimal("9999999999999999999");
    const d = new KpiDecimal("9999999999999999998");
    expect(quotient(n, d).toString()).toBe(n.div(d).toString());
    expect(q("99999999", "99999999.00000001").toString()).toBe(new KpiDecimal("99999999").div("99999999.00000001").toString());
  });

  it("large and small scales: millions over a few cents, cents over millions (checked with Python's decimal module at 40 digits, half-even)", () => {
    expect(q("12345678.91", "0.07").toString()).toBe("176366841.5714285714285714285714285714286");
    expect(q("0.07", "12345678").toString()).toBe("5.670000464940038125083126256816353058941e-9");
  });

  it("is decimal.js's own division for a zero numerator and a zero divisor", () => {
    expect(q("0", "5").isZero()).toBe(true);
    expect(q("5", "0").isFinite()).toBe(false);
  });

  it("returns an instance of the library's Decimal that computes on as one", () => {
    const value = q("1", "3");
    expect(value).toBeInstanceOf(KpiDecimal);
    expect(value.constructor).toBe(KpiDecimal);
    expect(value.times(3).toString()).toBe(new KpiDecimal(1).div(3).times(3).toString());
    expect(value.plus(1).toString()).toBe("1.333333333333333333333333333333333333333");
  });

  it("divides a numerator of another Decimal class at that class's precision, as its div does", () => {
    const Short = Decimal.clone({ precision: 20 });
    const value = quotient(new Short(2), new KpiDecimal(3));
    expect(value.toString()).toBe("0.66666666666666666667");
    expect(value.constructor).toBe(Short);
  });
});
