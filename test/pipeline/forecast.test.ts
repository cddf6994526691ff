import { describe, expect, it } from "vitest";
import { type Deal, forecast } from "../../src/index.js";
import { deal, lostDeal, pipeline, wonDeal } from "./fixtures.js";

const q1 = { from: "2026-01-01", to: "2026-04-01" };

describe("forecast", () => {
  it("won so far plus weighted open deals expected in the period: 8000 + 10000 × 0.5 = 13000; lost deals never count", () => {
    const deals: Deal[] = [
      wonDeal("won", "8000", "2026-01-01", "2026-01-20"),
      lostDeal("lost", "40000", "2026-01-01", "2026-02-01"),
      deal({ id: "march", stage: "proposal", amount: "10000", expectedCloseAt: "2026-03-15" }),
      deal({ id: "may", stage: "proposal", amount: "10000", expectedCloseAt: "2026-05-15" }),
      deal({ id: "unknown", stage: "proposal", amount: "10000" }),
    ];
    const result = forecast(deals, { pipeline, asOf: "2026-02-15", period: q1 });
    expect(result.total.toString()).toBe("13000");
    expect(result.won).toMatchObject({ dealCount: 1 });
    expect(result.open.dealCount).toBe(1);
    expect(result.openWithoutExpectedClose).toBe(1);
    expect(result.lostInPeriod).toBe(1);
  });

  it("a deal lost after asOf was open then and counts with its probability", () => {
    const deals: Deal[] = [
      { ...lostDeal("later-lost", "10000", "2026-01-01", "2026-03-01"), expectedCloseAt: "2026-03-15", stageHistory: [{ stage: "negotiation", at: "2026-01-02" }, { stage: "lost", at: "2026-03-01" }] },
    ];
    expect(forecast(deals, { pipeline, asOf: "2026-02-15", period: q1 }).total.toString()).toBe("8000");
    expect(forecast(deals, { pipeline, asOf: "2026-03-15", period: q1 }).total.toString()).toBe("0");
  });
});
