import { describe, expect, it } from "vitest";
import { KpiDecimal } from "../../src/core/decimal.js";
import { compareDecimals } from "../../src/core/compare-decimals.js";

const cmp = (a: string, b: string) => compareDecimals(new KpiDecimal(a), new KpiDecimal(b));

describe("compareDecimals", () => {
  it("45 calls against a target of 40: above it; 40 against 40: on it; 39.99 against 40: below it", () => {
    expect(cmp("45", "40")).toBe(1);
    expect(cmp("40", "40.00")).toBe(0);
    expect(cmp("39.99", "40")).toBe(-1);
  });

  it("a gap below zero against one above it, and two gaps below zero (the larger size is the smaller value)", () => {
    expect(cmp("-0.01", "0.01")).toBe(-1);
    expect(cmp("-250", "-25")).toBe(-1);
    expect(cmp("-25", "-250")).toBe(1);
  });

  it("zero against positives and negatives, and against itself", () => {
    expect(cmp("0", "0.0001")).toBe(-1);
    expect(cmp("0", "-0.0001")).toBe(1);
    expect(cmp("0", "0")).toBe(0);
  });

  it("values equal in their first limbs: the longer, when positive, is larger", () => {
    expect(cmp("1.00000001", "1")).toBe(1);
    expect(cmp("-1.00000001", "-1")).toBe(-1);
  });

  it("leaves infinities to decimal.js", () => {
    expect(compareDecimals(new KpiDecimal(Infinity), new KpiDecimal(1))).toBe(1);
    expect(compareDecimals(new KpiDecimal(1), new KpiDecimal(-Infinity))).toBe(1);
  });
});
