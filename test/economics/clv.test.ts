import { describe, expect, it } from "vitest";
import { clv, KpiInputError } from "../../src/index.js";

describe("clv", () => {
  it("the documented example: €500 a month at 60% margin with 2% monthly churn = €15,000", () => {
    const result = clv({ averageRevenuePerAccount: "500", grossMargin: "0.6", churnRate: "0.02" });
    expect(result.value?.toString()).toBe("15000");
    expect(result.marginPerPeriod.toString()).toBe("300");
    expect(result.expectedLifetimePeriods?.toString()).toBe("50");
  });

  it("no churn: unbounded, so null, never Infinity", () => {
    const result = clv({ averageRevenuePerAccount: "500", grossMargin: "0.6", churnRate: 0 });
    expect(result.value).toBeNull();
    expect(result.expectedLifetimePeriods).toBeNull();
  });

  it("full churn: one period's margin", () => {
    expect(clv({ averageRevenuePerAccount: 120, grossMargin: 1, churnRate: 1 }).value?.toString()).toBe("120");
  });

  it("margin or churn outside [0, 1] and negative ARPA are input errors naming the field", () => {
    expect(() => clv({ averageRevenuePerAccount: 100, grossMargin: 1.2, churnRate: 0.1 })).toThrow(/grossMargin/);
    expect(() => clv({ averageRevenuePerAccount: 100, grossMargin: 0.5, churnRate: -0.1 })).toThrow(/churnRate/);
    expect(() => clv({ averageRevenuePerAccount: -1, grossMargin: 0.5, churnRate: 0.1 })).toThrow(KpiInputError);
  });
});
