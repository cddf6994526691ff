import { describe, expect, it } from "vitest";
import { type Deal, periodOf, resolveCalendar, winRate } from "../../src/index.js";
import { deal, lostDeal, pipeline, wonDeal } from "./fixtures.js";

const q1 = { from: "2026-01-01", to: "2026-04-01" };

describe("winRate", () => {
  it("3 won and 1 lost closed in Q1 is 75 %; deals closed outside Q1 and open deals do not count", () => {
    const deals: Deal[] = [
      wonDeal("w1", "1000", "2026-01-02", "2026-01-20"),
      wonDeal("w2", "2000", "2026-01-02", "2026-02-20"),
      wonDeal("w3", "6000", "2026-01-02", "2026-03-31"),
      lostDeal("l1", "9000", "2026-01-02", "2026-02-01"),
      wonDeal("april", "1000", "2026-01-02", "2026-04-01"),
      lostDeal("december", "1000", "2025-11-02", "2025-12-31"),
      deal({ id: "open", stage: "proposal", amount: "1000" }),
    ];
    const result = winRate(deals, { pipeline, period: q1 });
    expect(result.value?.toString()).toBe("0.75");
    expect(result.ratio.numerator.toString()).toBe("3");
    expect(result.ratio.denominator.toString()).toBe("4");
    expect([result.won, result.lost, result.open, result.dealCount]).toEqual([3, 1, 0, 4]);
    expect(result.period).toMatchObject({ label: "2026-01-01/2026-04-01", startMs: Date.UTC(2026, 0, 1), endMs: Date.UTC(2026, 3, 1) });

    const byValue = winRate(deals, { pipeline, period: q1, by: "value" });
    expect(byValue.value?.toString()).toBe("0.5"); // 9000 won of 18000 closed
  });

  it("a deal won, reopened and lost counts once, as lost", () => {
    const deals: Deal[] = [
      deal({
        id: "r",
        stage: "lost",
        amount: "5000",
        closedAt: "2026-03-10",
        stageHistory: [
          { stage: "proposal", at: "2026-01-05" },
          { stage: "won", at: "2026-02-01" },
          { stage: "negotiation", at: "2026-02-15" },
          { stage: "lost", at: "2026-03-10" },
        ],
      }),
      wonDeal("w", "1000", "2026-01-02", "2026-01-20"),
    ];
    const result = winRate(deals, { pipeline, period: q1 });
    expect([result.won, result.lost]).toEqual([1, 1]);
    expect(result.value?.toString()).toBe("0.5");
    // As it was known on 10 February the reopened deal was still won.
    const then = winRate(deals, { pipeline, period: q1, asOf: "2026-02-10" });
    expect([then.won, then.lost]).toEqual([2, 0]);
  });

  it("a deal won and reopened, open at asOf, drops out", () => {
    const deals: Deal[] = [
      deal({
        id: "r",
        stage: "negotiation",
        amount: "5000",
        stageHistory: [
          { stage: "won", at: "2026-02-01" },
          { stage: "negotiation", at: "2026-02-15" },
        ],
      }),
      lostDeal("l", "1000", "2026-01-02", "2026-01-20"),
    ];
    const result = winRate(deals, { pipeline, period: q1 });
    expect([result.won, result.lost]).toEqual([0, 1]);
    expect(result.value?.toString()).toBe("0");
  });

  it("is null, not NaN, with no closed deals", () => {
    const result = winRate([deal({ id: "open", stage: "proposal", amount: "1" })], { pipeline, period: q1 });
    expect(result.value).toBeNull();
    expect(result.ratio.denominator.toString()).toBe("0");
    expect(winRate([], { pipeline, period: q1 }).value).toBeNull();
  });

  it("created basis: won ÷ every deal created in the period, reported with the open count", () => {
    const deals: Deal[] = [
      wonDeal("w", "1000", "2026-01-10", "2026-05-01"),
      lostDeal("l", "1000", "2026-02-10", "2026-02-20"),
      deal({ id: "o1", stage: "proposal", amount: "1000", createdAt: "2026-03-01" }),
      deal({ id: "o2", stage: "proposal", amount: "1000", createdAt: "2026-03-02" }),
      deal({ id: "later", stage: "proposal", amount: "1000", createdAt: "2026-04-02" }),
    ];
    const result = winRate(deals, { pipeline, period: q1, basis: "created" });
    expect([result.won, result.lost, result.open]).toEqual([1, 1, 2]);
    expect(result.value?.toString()).toBe("0.25");
    // Before the win was known the cohort rate was lower: it rises as the cohort matures.
    const early = winRate(deals, { pipeline, period: q1, basis: "created", asOf: "2026-04-15" });
    expect([early.won, early.lost, early.open]).toEqual([0, 1, 3]);
  });

  it("accepts a KpiPeriod and reads periods in the calendar's zone", () => {
    const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });
    const march = periodOf(Date.UTC(2026, 2, 15), "month", calendar);
    // won at 23:30 on 31 March in Amsterdam: March
    const deals: Deal[] = [wonDeal("w", "1", "2026-03-01T10:00:00+01:00", "2026-03-31T23:30:00+02:00")];
    const result = winRate(deals, { pipeline, period: march, calendar: { timeZone: "Europe/Amsterdam" } });
    expect(result.won).toBe(1);
    expect(result.period.label).toBe("2026-03");
    const utcApril = winRate(deals, { pipeline, period: { from: "2026-04-01", to: "2026-05-01" } });
    expect(utcApril.won).toBe(0); // in UTC it is still 31 March 21:30
  });
});
