import { describe, expect, it } from "vitest";
import { cac, KpiInputError } from "../../src/index.js";

describe("cac", () => {
  it("the documented example: €40,000 sales + €20,000 marketing for 12 new customers = €5,000", () => {
    const result = cac({ salesSpend: "40000", marketingSpend: "20000" }, 12);
    expect(result.value?.toString()).toBe("5000");
    expect(result.spend.toString()).toBe("60000");
    expect(result.salesSpend?.toString()).toBe("40000");
    expect(result.ratio.denominator.toString()).toBe("12");
  });

  it("one spend amount, exact decimals: €1,000.10 for 3 customers", () => {
    expect(cac("1000.10", 3).value?.toFixed(6)).toBe("333.366667");
    expect(cac(0.1, 1).value?.toString()).toBe("0.1");
  });

  it("no new customers: null, never 0 or Infinity", () => {
    expect(cac("1000", 0).value).toBeNull();
  });

  it("negative spend or a fractional customer count are input errors", () => {
    expect(() => cac("-5", 1)).toThrow(KpiInputError);
    expect(() => cac({ salesSpend: "5", marketingSpend: "-1" }, 1)).toThrow(/spend\.marketingSpend/);
    expect(() => cac("5", 1.5)).toThrow(/newCustomers/);
    expect(() => cac("abc", 1)).toThrow(KpiInputError);
  });
});
