import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { measureBaseline } from "../../src/baseline/measure-baseline.js";
import { evaluateRolling } from "../../src/targets/evaluate-rolling.js";
import { rollingTargets } from "../../src/targets/rolling-targets.js";
import { KpiDefinitionError, type KpiData, type Measure } from "../../src/index.js";
import { seriesOf } from "../baseline/series-fixture.js";

const calls: Measure = { kind: "count", source: "activities", where: { type: "call" } };
const calendar = { timeZone: "Europe/Amsterdam" };
const call = (owner: string, at: string, quantity: number) => ({ owner, type: "call", at, quantity });

// Ann: 62, 60, 62 calls in Aug, Sep, Oct 2026 = 184 calls in 92 days = 2 a day.
const ann: KpiData = {
  reps: [{ id: "ann", startedAt: "2024-01-01" }, { id: "bob", startedAt: "2024-01-01" }],
  activities: [
    call("ann", "2026-08-10", 62),
    call("ann", "2026-09-10", 60),
    call("ann", "2026-10-05", 29),
    call("ann", "2026-10-11T23:30:00+02:00", 1), // the evening before the window
    call("ann", "2026-10-12T00:30:00+02:00", 32), // the first hour of the 30-day window (22:30 UTC on the 11th)
    call("ann", "2026-11-10T23:30:00+01:00", 33), // the last hour of the window
    call("ann", "2026-11-11T00:10:00+01:00", 5), // after asOf
    call("bob", "2026-10-20", 10),
  ],
};

describe("evaluateRolling", () => {
  it("a rolling 30-day window across the end of summer time is 30 local days: 12 Oct – 10 Nov in Amsterdam", () => {
    const annBaseline = measureBaseline(ann, calls, { asOf: "2026-10-31", calendar }).byGroup.find((g) => g.group === "ann")?.baseline;
    if (annBaseline === undefined) throw new Error("ann has a baseline");
    const targets = rollingTargets(annBaseline, { windows: [30] });
    expect(targets.dailyRate?.toString()).toBe("2");
    expect(targets.windows[0]?.target?.toString()).toBe("66"); // 2 × 30 + 10 %

    const result = evaluateRolling(ann, calls, targets, { asOf: "2026-11-10", calendar, groupBy: "owner" });
    const window = result.groups.find((g) => g.group === "ann")?.windows[0];
    expect(window?.window.start).toBe("2026-10-12T00:00:00+02:00");
    expect(window?.window.end).toBe("2026-11-11T00:00:00+01:00");
    // 30 local days hold 30 × 24 + 1 hours (25 October has 25)
    expect(((window?.window.endMs ?? 0) - (window?.window.startMs ?? 0)) / 3_600_000).toBe(721);
    expect(window?.actual.toString()).toBe("65"); // 32 + 33
    expect(window?.attainment?.met).toBe(false);
    expect(window?.attainment?.ratio?.toFixed(4)).toBe("0.9848");
    // the window is complete, so the projection is the actual: 65 lies in [62.7, 69.3]
    expect(window?.pace?.projected?.toString()).toBe("65");
    expect(window?.pace?.status).toBe("on-track");
    // Bob gets the same targets (one set for everyone): 10 calls, behind
    expect(result.groups.find((g) => g.group === "bob")?.windows[0]?.pace?.status).toBe("behind");
  });

  it("30/60/90 at once from one day-grain series; per-rep targets from a Map; a rep without targets gets none", () => {
    const targets = rollingTargets(baseline(seriesOf("2026-09-01", "2026-10-01", "month", [30]), { asOf: "2026-09-30", periods: 1 }), { uplift: 0 });
    const result = evaluateRolling(ann, calls, new Map([["ann", targets]]), { asOf: "2026-11-10", calendar, groupBy: "owner" });
    const annWindows = result.groups.find((g) => g.group === "ann")?.windows ?? [];
    // 60 days: 12 Sep – 10 Nov = 29 + 1 + 32 + 33; 90 days: 13 Aug – 10 Nov adds 10 Sep (60), not 10 Aug
    expect(annWindows.map((w) => [w.days, w.window.firstDay, w.actual.toString(), w.target?.toString()])).toEqual([
      [30, "2026-10-12", "65", "30"],
      [60, "2026-09-12", "95", "60"],
      [90, "2026-08-13", "155", "90"],
    ]);
    expect(annWindows.every((w) => w.pace?.status === "ahead")).toBe(true);
    const bob = result.groups.find((g) => g.group === "bob")?.windows ?? [];
    expect(bob.map((w) => [w.actual.toString(), w.target, w.pace])).toEqual([
      ["10", null, null],
      ["10", null, null],
      ["10", null, null],
    ]);
  });

  it("a datetime asOf mid-day paces the partial last day", () => {
    const targets = rollingTargets(baseline(seriesOf("2026-09-01", "2026-10-01", "month", [30]), { asOf: "2026-09-30", periods: 1 }), { windows: [1], uplift: 0 });
    const result = evaluateRolling({ activities: [call("ann", "2026-11-10T08:00:00Z", 1)] }, calls, targets, { asOf: "2026-11-10T12:00:00Z" });
    const day = result.groups[0]?.windows[0];
    expect(day?.actual.toString()).toBe("1");
    expect(day?.pace?.elapsed.toString()).toBe("0.5");
    expect(day?.pace?.projected?.toString()).toBe("2");
    expect(day?.pace?.status).toBe("ahead");
  });

  it("targets per rep (a Map) without groupBy is an error naming groupBy, not every target silently missing", () => {
    const targets = rollingTargets(baseline(seriesOf("2026-09-01", "2026-10-01", "month", [30]), { asOf: "2026-09-30", periods: 1 }), { uplift: 0 });
    const perRep = new Map([["ann", targets], ["bob", targets]]);
    let error: unknown;
    try {
      evaluateRolling(ann, calls, perRep, { asOf: "2026-11-10", calendar });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KpiDefinitionError);
    expect((error as KpiDefinitionError).code).toBe("invalid-option");
    expect((error as KpiDefinitionError).issues.map((issue) => issue.path)).toEqual([["groupBy"]]);
    expect((error as KpiDefinitionError).message).toContain("groupBy: the targets are given per group (a Map)");
    // a Map whose key is "" is no way around it either
    expect(() => evaluateRolling(ann, calls, new Map([["", targets]]), { asOf: "2026-11-10", calendar })).toThrow(KpiDefinitionError);
    // with groupBy the same Map works; one set of targets without groupBy is for everyone
    expect(evaluateRolling(ann, calls, perRep, { asOf: "2026-11-10", calendar, groupBy: "owner" }).groups).toHaveLength(2);
    expect(evaluateRolling(ann, calls, targets, { asOf: "2026-11-10", calendar }).groups[0]?.windows[0]?.target?.toString()).toBe("30");
  });

  it("a misspelt option is an error naming it: groupby instead of groupBy would have evaluated everyone as one group", () => {
    const september = baseline(seriesOf("2026-09-01", "2026-10-01", "month", [30]), { asOf: "2026-09-30", periods: 1 });
    const targets = rollingTargets(september, { uplift: 0 });
    const misspelt = { asOf: "2026-11-10", calendar, groupby: "owner" };
    expect(() => evaluateRolling(ann, calls, targets, misspelt)).toThrow(KpiDefinitionError);
    expect(() => evaluateRolling(ann, calls, targets, misspelt)).toThrow('groupby: unknown option; did you mean "groupBy"?');
    const upliftTypo = { windows: [30], uplfit: 0 };
    expect(() => rollingTargets(september, upliftTypo)).toThrow('uplfit: unknown option; did you mean "uplift"?');
  });

  it("refuses a ratio measure", () => {
    const targets = rollingTargets(baseline(seriesOf("2026-09-01", "2026-10-01", "month", [30]), { asOf: "2026-09-30", periods: 1 }));
    const ratio: Measure = { kind: "ratio", numerator: calls, denominator: calls };
    expect(() => evaluateRolling(ann, ratio, targets, { asOf: "2026-11-10" })).toThrow(KpiDefinitionError);
  });
});

describe("evaluateRolling doc example", () => {
  it("45 calls in the last 30 days against 60: 75 %, behind", () => {
    const targets = rollingTargets(baseline(seriesOf("2026-09-01", "2026-10-01", "month", [60]), { asOf: "2026-09-30", periods: 1 }), { windows: [30], uplift: 0 });
    const result = evaluateRolling(
      { activities: [{ owner: "ann", type: "call", at: "2026-11-20", quantity: 45 }] },
      { kind: "count", source: "activities" },
      targets,
      { asOf: "2026-11-23" },
    );
    const last30 = result.groups[0]?.windows[0];
    expect(last30?.window.firstDay).toBe("2026-10-25");
    expect([last30?.actual.toString(), last30?.target?.toString(), last30?.attainment?.ratio?.toString(), last30?.pace?.status]).toEqual(["45", "60", "0.75", "behind"]);
  });
});
