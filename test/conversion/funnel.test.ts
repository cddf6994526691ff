import { describe, expect, it } from "vitest";
import { funnel, KpiDefinitionError, type Lead, standardFunnelSteps } from "../../src/index.js";

const march = { from: "2026-03-01", to: "2026-04-01" };

describe("funnel", () => {
  it("the documented example: 3 MQLs, 2 SQLs, 1 customer who skipped the quote step", () => {
    const result = funnel(
      [
        { id: "a", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-05", customer: "2026-04-02" } },
        { id: "b", createdAt: "2026-03-01", reached: { mql: "2026-03-03", sql: "2026-03-09" } },
        { id: "c", createdAt: "2026-03-01", reached: { mql: "2026-03-04" } },
      ],
      ["mql", "sql", "quote", "customer"],
      { period: march, asOf: "2026-06-30", listSkippedSteps: true },
    );
    expect(result.steps.map((s) => s.count)).toEqual([3, 2, 1, 1]);
    expect(result.overall.value?.toFixed(4)).toBe("0.3333");
    expect(result.skippedSteps).toEqual([{ lead: "a", missing: ["quote"] }]);
    expect(result.steps.map((s) => s.implied)).toEqual([0, 0, 1, 0]);
    expect(result.steps.map((s) => s.fromPrevious?.value?.toFixed(4) ?? null)).toEqual([null, "0.6667", "0.5000", "1.0000"]);
    expect(result.entered).toBe(3);
  });

  it("a lead reaching customer without quote counts at every earlier step, so counts never rise", () => {
    const leads: Lead[] = [
      { id: "skipper", createdAt: "2026-03-01", reached: { customer: "2026-03-20" } },
      { id: "careful", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-03", quote: "2026-03-04" } },
    ];
    const result = funnel(leads, standardFunnelSteps, { period: march, asOf: "2026-06-30", listSkippedSteps: true });
    expect(result.steps.map((s) => [s.step, s.count, s.implied])).toEqual([
      ["mql", 2, 1],
      ["sql", 2, 1],
      ["quote", 2, 1],
      ["customer", 1, 0],
    ]);
    expect(result.skippedSteps).toEqual([{ lead: "skipper", missing: ["mql", "sql", "quote"] }]);
    expect(result.overall.value?.toString()).toBe("0.5");
  });

  it("entry by creation: leads created in March, whatever step they reached (or none)", () => {
    const leads: Lead[] = [
      { id: "new-unworked", createdAt: "2026-03-05" },
      { id: "new-mql", createdAt: "2026-03-06", reached: { mql: "2026-04-02" } },
      { id: "february", createdAt: "2026-02-20", reached: { mql: "2026-03-02" } },
    ];
    const byCreation = funnel(leads, ["mql", "sql"], { period: march, asOf: "2026-06-30", entry: "created" });
    expect(byCreation.entered).toBe(2);
    expect(byCreation.steps.map((s) => s.count)).toEqual([1, 0]);
    const byFirstStep = funnel(leads, ["mql", "sql"], { period: march, asOf: "2026-06-30" });
    expect(byFirstStep.entered).toBe(1);
    expect(byFirstStep.steps.map((s) => s.count)).toEqual([1, 0]);
    // 1 → 0: the step ratio is 0, the next would be 0/0 = null.
    expect(byFirstStep.overall.value?.toString()).toBe("0");
  });

  it("an empty funnel has null ratios, never NaN", () => {
    const result = funnel([], ["mql", "sql"], { period: march, asOf: "2026-06-30" });
    expect(result.steps.map((s) => s.count)).toEqual([0, 0]);
    expect(result.overall.value).toBeNull();
    expect(result.steps[1]?.fromPrevious?.value).toBeNull();
    expect(result.skippedSteps).toBeNull();
  });

  it("groups by owner, sorted, with leads without owner under (none)", () => {
    const leads: Lead[] = [
      { id: "a", owner: "bob", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-03" } },
      { id: "b", owner: "ann", createdAt: "2026-03-01", reached: { mql: "2026-03-02" } },
      { id: "c", createdAt: "2026-03-01", reached: { mql: "2026-03-02" } },
    ];
    const result = funnel(leads, ["mql", "sql"], { period: march, asOf: "2026-06-30", groupBy: "owner" });
    expect(result.groups.map((g) => [g.group, g.steps.map((s) => s.count)])).toEqual([
      ["(none)", [1, 0]],
      ["ann", [1, 0]],
      ["bob", [1, 1]],
    ]);
  });

  it("rejects an empty or repeated step list", () => {
    expect(() => funnel([], [], { period: march, asOf: "2026-06-30" })).toThrow(KpiDefinitionError);
    expect(() => funnel([], ["mql", "sql", "mql"], { period: march, asOf: "2026-06-30" })).toThrow(/steps\[2\]: step "mql" appears more than once/);
  });
});
