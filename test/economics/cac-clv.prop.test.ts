import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cac, clv } from "../../src/index.js";

const moneyArb = fc.integer({ min: 0, max: 100_000_000 }).map((cents) => (cents / 100).toFixed(2));
const shareArb = fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 10_000).toString());

describe("cac and clv properties", { timeout: 30_000 }, () => {
  it("cac × new customers gives back the spend; no customers gives null", () => {
    fc.assert(
      fc.property(moneyArb, moneyArb, fc.integer({ min: 0, max: 500 }), (sales, marketing, customers) => {
        const result = cac({ salesSpend: sales, marketingSpend: marketing }, customers);
        expect(result.spend.eq(result.salesSpend?.plus(result.marketingSpend ?? 0) ?? -1)).toBe(true);
        if (customers === 0) expect(result.value).toBeNull();
        else expect(result.value?.times(customers).minus(result.spend).abs().lte("1e-30")).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("clv × churn = ARPA × margin, and more churn never raises CLV", () => {
    fc.assert(
      fc.property(moneyArb, shareArb, shareArb, shareArb, (arpa, margin, churnA, churnB) => {
        const low = Number(churnA) <= Number(churnB) ? churnA : churnB;
        const high = low === churnA ? churnB : churnA;
        const a = clv({ averageRevenuePerAccount: arpa, grossMargin: margin, churnRate: low });
        const b = clv({ averageRevenuePerAccount: arpa, grossMargin: margin, churnRate: high });
        if (Number(low) === 0) expect(a.value).toBeNull();
        else {
          expect(a.value?.times(low).minus(a.marginPerPeriod).abs().lte("1e-25")).toBe(true);
          expect(b.value?.lte(a.value as NonNullable<typeof a.value>)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
