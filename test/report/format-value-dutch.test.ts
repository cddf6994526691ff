// The Dutch (nl-NL) number style of the report: "1.234,56", "45,3 %", "-3,5 d", checked by
// hand; and, as a property, the same rounding as the English style with only the marks moved.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatValue, KpiDecimal, KpiDefinitionError } from "../../src/index.js";
import { decimalStringArb } from "../arbitraries.js";

const d = (value: string) => new KpiDecimal(value);

describe("formatValue in Dutch", () => {
  it("groups thousands with a point and writes the fraction after a comma", () => {
    expect(formatValue(d("1234.56"), "number", "nl")).toBe("1.234,56");
    expect(formatValue(d("1234567"), "count", "nl")).toBe("1.234.567");
    expect(formatValue(d("1131573"), "currency", "nl")).toBe("1.131.573");
    expect(formatValue(d("12.5"), "currency", "nl")).toBe("12,50");
  });

  it("writes a percentage with a space before the sign: 0.453 is 45,3 %", () => {
    expect(formatValue(d("0.453"), "ratio", "nl")).toBe("45,3 %");
    expect(formatValue(d("511").div(651), "ratio", "nl")).toBe("78,5 %"); // 78.49…%
  });

  it("keeps the minus sign and never shows -0", () => {
    expect(formatValue(d("-1234.5"), "count", "nl")).toBe("-1.234,5");
    expect(formatValue(d("-0.004"), "number", "nl")).toBe("0");
    expect(formatValue(d("-0.0004"), "ratio", "nl")).toBe("0,0 %");
    expect(formatValue(d("-3.25"), "days", "nl")).toBe("-3,2 d");
  });

  it("rounds half to even, as in English: 2,25 → 2,2 and 2,35 → 2,4 hours", () => {
    expect(formatValue(d("2.25"), "hours", "nl")).toBe("2,2 u");
    expect(formatValue(d("2.35"), "hours", "nl")).toBe("2,4 u");
    expect(formatValue(d("0.12345"), "ratio", "nl")).toBe("12,3 %");
    expect(formatValue(d("1234.565"), "number", "nl")).toBe("1.234,56");
  });

  it("shows no value as a dash, in Dutch too (a missing target is not missing data)", () => {
    expect(formatValue(null, "currency", "nl")).toBe("–");
    expect(formatValue(null, "ratio", "nl")).toBe("–");
  });

  it("writes huge values in short exponent form with a decimal comma", () => {
    expect(formatValue(d("1234567890123456789"), "currency", "nl")).toBe("1,235e+18");
  });

  it("rejects an unknown locale as a definition error", () => {
    expect(() => formatValue(d("1"), "count", "de" as never)).toThrow(KpiDefinitionError);
  });

  it("gives the English digits with the marks swapped, for every value and unit (property)", () => {
    const units = ["count", "currency", "ratio", "number", "days", "hours", "score"] as const;
    fc.assert(
      fc.property(decimalStringArb, fc.constantFrom(...units), (text, unit) => {
        const english = formatValue(d(text), unit);
        const dutch = formatValue(d(text), unit, "nl");
        const swapped = english
          .replace(/[.,]/g, (mark) => (mark === "." ? "," : "."))
          .replace(/%$/, " %")
          .replace(/ h$/, " u");
        expect(dutch).toBe(swapped);
      }),
    );
  });
});
