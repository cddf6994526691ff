import { describe, expect, it } from "vitest";
import { closeRate, conversionRate, type Lead } from "../../src/index.js";

const march = { from: "2026-03-01", to: "2026-04-01" };

describe("closeRate", () => {
  it("the documented example: 1 of 4 leads qualified in March became a customer = 25%", () => {
    const result = closeRate(
      [
        { id: "a", createdAt: "2026-03-01", reached: { sql: "2026-03-02", quote: "2026-03-10", customer: "2026-03-20" } },
        { id: "b", createdAt: "2026-03-01", reached: { sql: "2026-03-03", quote: "2026-03-12" } },
        { id: "c", createdAt: "2026-03-01", reached: { sql: "2026-03-04" } },
        { id: "d", createdAt: "2026-03-01", reached: { sql: "2026-03-05" } },
      ],
      { period: march, asOf: "2026-06-30" },
    );
    expect(result.value?.toString()).toBe("0.25");
    expect([result.from, result.to, result.mode]).toEqual(["sql", "customer", "cohort"]);
  });

  it("is the cohort conversion from sql to customer: a customer won in April counts for its March qualification", () => {
    const leads: Lead[] = [
      { id: "a", source: "web", createdAt: "2026-02-01", reached: { sql: "2026-03-30", customer: "2026-04-20" } },
      { id: "b", source: "event", createdAt: "2026-02-01", reached: { sql: "2026-02-27", customer: "2026-03-03" } }, // February cohort
      { id: "c", source: "event", createdAt: "2026-02-01", reached: { quote: "2026-03-05" } }, // quote implies sql
    ];
    const result = closeRate(leads, { period: march, asOf: "2026-06-30", groupBy: "source" });
    expect([result.entered, result.converted, result.impliedFrom]).toEqual([2, 1, 1]);
    expect(result.groups.map((g) => [g.group, g.entered, g.converted])).toEqual([
      ["event", 1, 0],
      ["web", 1, 1],
    ]);
    const same = conversionRate(leads, { from: "sql", to: "customer", steps: ["sql", "quote", "customer"], period: march, asOf: "2026-06-30" });
    expect(result.value?.toString()).toBe(same.value?.toString());
  });

  it("other step names and a window", () => {
    const leads: Lead[] = [{ id: "a", createdAt: "2026-03-01", reached: { qualified: "2026-03-02", won: "2026-03-20" } }];
    const within = closeRate(leads, { period: march, asOf: "2026-06-30", qualifiedStep: "qualified", wonStep: "won", windowDays: 18 });
    const outside = closeRate(leads, { period: march, asOf: "2026-06-30", qualifiedStep: "qualified", wonStep: "won", windowDays: 17 });
    expect([within.converted, outside.converted]).toEqual([1, 0]);
  });
});
