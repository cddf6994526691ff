import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { planTargets } from "../../src/targets/plan-targets.js";
import { KpiDefinitionError } from "../../src/index.js";
import { seriesOf } from "../baseline/series-fixture.js";

const twoADay = baseline(seriesOf("2026-09-01", "2026-11-01", "month", [60, 62]), { asOf: "2026-10-31", periods: 2 });

describe("planTargets", () => {
  it("a new rep ramping 50 %, 75 %, 100 % of 2 meetings a day: 30, 75, 135 by day 30, 60, 90", () => {
    const plan = planTargets(twoADay, { start: "2026-12-01", ramp: [0.5, 0.75, 1] });
    expect(plan.dailyRate?.toString()).toBe("2");
    expect(plan.milestones.map((m) => [m.day, m.lastDay, m.target?.toString()])).toEqual([
      [30, "2026-12-30", "30"],
      [60, "2027-01-29", "75"],
      [90, "2027-02-28", "135"],
    ]);
  });

  it("without ramp the plan is the full rate; milestones are local days across DST", () => {
    const plan = planTargets(twoADay, { start: "2026-03-01", milestones: [30], calendar: { timeZone: "Europe/Amsterdam" } });
    expect(plan.milestones[0]?.target?.toString()).toBe("60");
    expect(plan.milestones[0]?.lastDay).toBe("2026-03-30");
    expect(plan.milestones[0]?.end).toBe("2026-03-31T00:00:00+02:00");
  });

  it("a plan starting 6 September 2026 in Santiago, a day without midnight, ends its 30 days at midnight of 6 October", () => {
    const plan = planTargets(twoADay, { start: "2026-09-06", milestones: [1, 30], calendar: { timeZone: "America/Santiago" } });
    expect(plan.start).toBe("2026-09-06T01:00:00-03:00");
    expect(plan.milestones.map((m) => [m.lastDay, m.end])).toEqual([
      ["2026-09-06", "2026-09-07T00:00:00-03:00"],
      ["2026-10-05", "2026-10-06T00:00:00-03:00"],
    ]);
  });

  it("rejects milestones out of order and a ramp of the wrong length", () => {
    expect(() => planTargets(twoADay, { start: "2026-12-01", milestones: [60, 30] })).toThrow(KpiDefinitionError);
    expect(() => planTargets(twoADay, { start: "2026-12-01", ramp: [0.5] })).toThrow(KpiDefinitionError);
  });
});
