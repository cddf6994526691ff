import { describe, expect, it } from "vitest";
import { KpiDefinitionError, measureBaseline } from "../../src/index.js";
import { newRepRamp, perRepBaseline } from "../../src/targets/new-rep-ramp.js";

// a team of 4 reps, 200 calls in each of Jul, Aug, Sep 2026 (92 days, 600 calls)
const team = measureBaseline(
  { activities: ["07", "08", "09"].map((m) => ({ owner: "ann", type: "call", at: `2026-${m}-10`, quantity: 200 })) },
  { kind: "count", source: "activities" },
  { asOf: "2026-09-30", groupBy: "owner" },
).team;

describe("new rep ramp", () => {
  it("the team's per-rep baseline: 200 calls a month over 4 reps is 50", () => {
    expect(team.value?.toString()).toBe("200");
    const perRep = perRepBaseline(team, 4);
    expect(perRep.value?.toString()).toBe("50");
    expect(perRep.total?.toString()).toBe("150");
    expect(() => perRepBaseline(team, 0)).toThrow(KpiDefinitionError);
  });

  it("hired 1 October, as of 15 November (day 46): ramping towards the day-60 milestone (the doc example)", () => {
    const ramp = newRepRamp(perRepBaseline(team, 4), { startedAt: "2026-10-01", asOf: "2026-11-15", ramp: ["0.5", "0.75", 1] });
    expect([ramp.status, ramp.day, ramp.currentMilestone?.day]).toEqual(["ramping", 46, 60]);
    // per rep 150 calls over 92 days; 30 days at half rate, 30 at three quarters, 30 at full
    const rate = 150 / 92;
    expect(ramp.plan?.milestones.map((m) => Number(m.target?.toFixed(6)))).toEqual([15 * rate, 37.5 * rate, 67.5 * rate].map((v) => Number(v.toFixed(6))));
  });

  it("day 90 is the last day of the ramp; day 91 the rep is ramped; before the start not started", () => {
    const perRep = perRepBaseline(team, 4);
    expect(newRepRamp(perRep, { startedAt: "2026-10-01", asOf: "2026-12-29" }).status).toBe("ramping"); // day 90
    expect(newRepRamp(perRep, { startedAt: "2026-10-01", asOf: "2026-12-29" }).day).toBe(90);
    const ramped = newRepRamp(perRep, { startedAt: "2026-10-01", asOf: "2026-12-30" });
    expect([ramped.status, ramped.plan]).toEqual(["ramped", null]);
    expect(newRepRamp(perRep, { startedAt: "2026-10-01", asOf: "2026-09-30T12:00:00Z" }).status).toBe("not-started");
  });
});
