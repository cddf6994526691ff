import { describe, expect, it } from "vitest";
import { type Deal, averageDealSize, salesCycleLength, salesVelocity } from "../../src/index.js";
import { deal, lostDeal, pipeline, wonDeal } from "./fixtures.js";

const q1 = { from: "2026-01-01", to: "2026-04-01" };

describe("salesVelocity", () => {
  it("10 open deals × 50 % × 3000 ÷ 30 days = 500 a day", () => {
    const deals: Deal[] = [
      wonDeal("a", "1000", "2026-01-01", "2026-01-11"),
      wonDeal("b", "2000", "2026-01-01", "2026-01-21"),
      wonDeal("c", "6000", "2026-01-01", "2026-03-02"),
      lostDeal("x", "1", "2026-01-01", "2026-02-01"),
      lostDeal("y", "1", "2026-01-01", "2026-02-01"),
      lostDeal("z", "1", "2026-01-01", "2026-02-01"),
      ...Array.from({ length: 10 }, (_, i) => deal({ id: `open${i}`, stage: "proposal", amount: "1" })),
    ];
    const result = salesVelocity(deals, { pipeline, asOf: "2026-03-31", period: q1 });
    expect(result.openDeals).toBe(10);
    expect(result.winRate.value?.toString()).toBe("0.5");
    expect(result.averageDealSize.value?.toString()).toBe("3000");
    expect(result.salesCycleLength.mean?.toString()).toBe("30");
    expect(result.value?.toString()).toBe("500");
  });

  it("is null when a part is undefined, and shows which", () => {
    const result = salesVelocity([deal({ id: "o", stage: "proposal", amount: "1" })], { pipeline, period: q1 });
    expect(result.value).toBeNull();
    expect(result.winRate.value).toBeNull();
    const sameDay = salesVelocity([wonDeal("a", "1", "2026-01-01T09:00:00Z", "2026-01-01T17:00:00Z")], { pipeline, period: q1 });
    expect(sameDay.salesCycleLength.mean?.toString()).toBe("0");
    expect(sameDay.value).toBeNull();
  });
});
