import { describe, expect, it } from "vitest";
import { attainment } from "../../src/targets/attainment.js";
import { raiseTarget } from "../../src/targets/raise-target.js";
import { targetFromBaseline } from "../../src/targets/target-from-baseline.js";
import { KpiDefinitionError } from "../../src/index.js";

describe("raiseTarget", () => {
  it("a met target of 55 goes up 5 % to 57.75; a missed one stays", () => {
    const raised = raiseTarget(55, attainment(58, 55), { step: 0.05 });
    expect(raised.value?.toString()).toBe("57.75");
    expect(raised.previous?.toString()).toBe("55");
    expect(raised.change).toBe("raised");
    const kept = raiseTarget(55, attainment(50, 55), { step: 0.05 });
    expect(kept.value?.toString()).toBe("55");
    expect(kept.change).toBe("kept");
  });

  it("a missed target eases only when allowed", () => {
    const eased = raiseTarget(55, attainment(50, 55), { step: 0.1, allowDecrease: true });
    expect(eased.value?.toString()).toBe("49.5");
    expect(eased.change).toBe("eased");
  });

  it("a missed 36-day sales cycle target eases by 10 % to 39.6 days when allowed (easier is longer), and stays 36 when not", () => {
    const cycle = targetFromBaseline(40, { direction: "lower-is-better" }); // 36 days
    const missed = attainment(45, cycle, "lower-is-better");
    expect(missed.met).toBe(false);
    const eased = raiseTarget(cycle, missed, { step: 0.1, allowDecrease: true });
    expect(eased.value?.toString()).toBe("39.6"); // 36 + 10 % of 36
    expect(eased.change).toBe("eased");
    expect(raiseTarget(cycle, missed, { step: 0.1 }).value?.toString()).toBe("36");
  });

  it("for a lower-is-better KPI raising the bar means a lower number, never below 0", () => {
    const cycle = targetFromBaseline(40, { direction: "lower-is-better" }); // 36 days
    const raised = raiseTarget(cycle, attainment(30, cycle, "lower-is-better"), { step: 0.1 });
    expect(raised.value?.toString()).toBe("32.4");
    const floor = raiseTarget(1, attainment(0, 1, "lower-is-better"), { step: 2, by: "absolute" });
    expect(floor.value?.toString()).toBe("0");
  });

  it("an absolute step raises a target of 0", () => {
    expect(raiseTarget(0, attainment(2, 0), { step: 1, by: "absolute" }).value?.toString()).toBe("1");
    expect(raiseTarget(0, attainment(2, 0), { step: 0.1 }).change).toBe("kept");
  });

  it("refuses a target and an attainment of different directions", () => {
    const cycle = targetFromBaseline(40, { direction: "lower-is-better" });
    expect(() => raiseTarget(cycle, attainment(30, 36, "higher-is-better"))).toThrow(KpiDefinitionError);
  });
});
