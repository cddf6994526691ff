import { describe, expect, it } from "vitest";
import { attainment } from "../../src/targets/attainment.js";
import { targetFromBaseline } from "../../src/targets/target-from-baseline.js";
import { KpiDefinitionError, KpiInputError } from "../../src/index.js";

describe("attainment", () => {
  it("45 calls against a target of 50: 90 %, not met, 5 short", () => {
    const result = attainment(45, 50, "higher-is-better");
    expect(result.ratio?.toString()).toBe("0.9");
    expect(result.met).toBe(false);
    expect(result.gap.toString()).toBe("5");
  });

  it("a sales cycle of 30 days against a target of 35 (lower is better) is met", () => {
    const result = attainment(30, 35, "lower-is-better");
    expect(result.ratio?.toFixed(4)).toBe("1.1667");
    expect(result.met).toBe(true);
    expect(result.gap.toString()).toBe("-5");
  });

  it("exactly on target is met with ratio 1 and gap 0 in both directions", () => {
    for (const direction of ["higher-is-better", "lower-is-better"] as const) {
      const result = attainment("1234.50", "1234.5", direction);
      expect(result.ratio?.toString()).toBe("1");
      expect(result.met).toBe(true);
      expect(result.gap.isZero() && !result.gap.isNegative()).toBe(true);
    }
  });

  it("a target of 0 has no ratio; a higher-is-better target of 0 is met by any actual of 0 or more", () => {
    expect(attainment(0, 0).ratio).toBeNull();
    expect(attainment(0, 0).met).toBe(true);
    expect(attainment(3, 0).met).toBe(true);
    // lower is better: no returned leads at all meets any target, but has no ratio
    expect(attainment(0, 4, "lower-is-better")).toMatchObject({ ratio: null, met: true });
    expect(attainment(2, 0, "lower-is-better").ratio?.toString()).toBe("0");
    expect(attainment(2, 0, "lower-is-better").met).toBe(false);
  });

  it("takes a target made from a baseline, and refuses one without value", () => {
    expect(attainment(60, targetFromBaseline(50)).met).toBe(true);
    expect(() => attainment(60, { value: null, direction: "higher-is-better", baseline: null, uplift: targetFromBaseline(1).uplift, sufficient: false })).toThrow(KpiDefinitionError);
    expect(() => attainment("abc", 5)).toThrow(KpiInputError);
  });
});

describe("attainment direction", () => {
  it("a target from a lower-is-better baseline is judged lower-is-better without saying so again", () => {
    const cycle = targetFromBaseline(40, { direction: "lower-is-better" }); // 36 days
    expect(attainment(30, cycle).met).toBe(true);
    expect(attainment(30, cycle).direction).toBe("lower-is-better");
    expect(() => attainment(30, cycle, "higher-is-better")).toThrow(KpiDefinitionError);
  });
});
