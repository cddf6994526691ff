import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { targetFromBaseline } from "../../src/targets/target-from-baseline.js";
import { KpiDefinitionError } from "../../src/index.js";
import { seriesOf } from "../baseline/series-fixture.js";

describe("targetFromBaseline", () => {
  it("a baseline of 50 calls a month gives a first target of 55 at the default +10 %", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", [40, 50, 60]);
    const target = targetFromBaseline(baseline(series, { asOf: "2026-10-31" }));
    expect(target.value?.toString()).toBe("55");
    expect(target.baseline?.toString()).toBe("50");
    expect(target.sufficient).toBe(true);
  });

  it("a sales cycle of 32 days (lower is better) gets a target of 28.8 days", () => {
    expect(targetFromBaseline(32, { uplift: 0.1, direction: "lower-is-better" }).value?.toString()).toBe("28.8");
  });

  it("a new rep without enough history gets no target, and the reason", () => {
    const series = seriesOf("2026-08-01", "2026-11-01", "month", { bob: [0, 0, 9] });
    const target = targetFromBaseline(baseline(series, { asOf: "2026-10-31", group: "bob", startedAt: "2026-10-01" }));
    expect(target.value).toBeNull();
    expect(target.sufficient).toBe(false);
    expect(target.reason).toContain("only 1 of the last 3");
  });

  it("rejects an uplift of 100 % or more on a lower-is-better KPI, and negative uplifts", () => {
    expect(() => targetFromBaseline(10, { uplift: 1, direction: "lower-is-better" })).toThrow(KpiDefinitionError);
    expect(() => targetFromBaseline(10, { uplift: -0.1 })).toThrow(KpiDefinitionError);
  });
});
