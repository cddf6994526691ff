import { describe, expect, it } from "vitest";
import { type Deal, averageDealSize, KpiDefinitionError } from "../../src/index.js";
import { deal, lostDeal, pipeline, wonDeal } from "./fixtures.js";

const q1 = { from: "2026-01-01", to: "2026-04-01" };

describe("averageDealSize", () => {
  it("is the mean amount of the deals won in Q1: 1000, 2000 and 6000 → 3000", () => {
    const deals: Deal[] = [
      wonDeal("a", "1000", "2026-01-01", "2026-01-11"),
      wonDeal("b", "2000", "2026-01-01", "2026-01-21"),
      wonDeal("c", "6000", "2026-01-01", "2026-03-02"),
      lostDeal("lost", "50000", "2026-01-01", "2026-02-01"),
      wonDeal("april", "50000", "2026-01-01", "2026-04-02"),
      deal({ id: "open", stage: "proposal", amount: "50000" }),
    ];
    const result = averageDealSize(deals, { pipeline, period: q1 });
    expect(result.value?.toString()).toBe("3000");
    expect(result.total.toString()).toBe("9000");
    expect(result.dealCount).toBe(3);
    expect(averageDealSize([], { pipeline, period: q1 }).value).toBeNull();
  });

  it("converts each won deal at its close and never mixes currencies", () => {
    const deals: Deal[] = [
      { ...wonDeal("eur", "1000", "2026-01-01", "2026-01-11"), currency: "EUR" },
      { ...wonDeal("usd", "1000", "2026-01-01", "2026-02-01"), currency: "USD" },
    ];
    const fx = (_currency: string, atMs: number) => (atMs === Date.UTC(2026, 1, 1) ? "0.5" : undefined);
    expect(averageDealSize(deals, { pipeline, period: q1, currency: "EUR", fx }).value?.toString()).toBe("750");
    expect(() => averageDealSize(deals, { pipeline, period: q1 })).toThrow(KpiDefinitionError);
  });
});
