import { describe, expect, it } from "vitest";
import { measureBaseline } from "../../src/baseline/measure-baseline.js";
import { targetFromBaseline } from "../../src/targets/target-from-baseline.js";
import { type KpiData, type Measure, prepareKpiData } from "../../src/index.js";

const calls: Measure = { kind: "count", source: "activities", where: { type: "call" } };
const calendar = { timeZone: "Europe/Amsterdam" };
const call = (owner: string, at: string, quantity: number) => ({ owner, type: "call", at, quantity });

/** Ann and Bob have sold here for years, Cy was hired on 1 October, Dave has no calls at all. */
const team: KpiData = {
  reps: [
    { id: "ann", name: "Ann", startedAt: "2024-01-01" },
    { id: "bob", name: "Bob", startedAt: "2025-06-01" },
    { id: "cy", name: "Cy", startedAt: "2026-10-01" },
    { id: "dave", name: "Dave", startedAt: "2025-01-01" },
  ],
  activities: [
    call("ann", "2026-07-31T23:30:00+02:00", 99), // July in Amsterdam: before the baseline
    call("ann", "2026-08-10", 40),
    call("ann", "2026-09-10", 50),
    call("ann", "2026-10-10", 59),
    call("ann", "2026-10-31T23:30:00+01:00", 1), // still October in Amsterdam (22:30 UTC)
    call("bob", "2026-08-03", 30),
    call("bob", "2026-09-03", 30),
    call("bob", "2026-10-03", 36),
    call("cy", "2026-10-20", 12),
    call("ann", "2026-11-20", 500), // November is not complete on 23 November: not used
    { owner: "bob", type: "email", at: "2026-09-01", quantity: 7 },
  ],
};

describe("measureBaseline", () => {
  it("a team of three reps with 3 months of history, the one hired last month insufficient; first targets at +10 %", () => {
    const result = measureBaseline(team, calls, { asOf: "2026-11-23", calendar });
    expect(result.team.periods.map((p) => p.label)).toEqual(["2026-08", "2026-09", "2026-10"]);
    // team: Aug 70, Sep 80, Oct 108 (Cy's 12 calls count for the team)
    expect(result.team.values.map(String)).toEqual(["70", "80", "108"]);
    expect(result.team.value?.toString()).toBe("86");
    const byRep = Object.fromEntries(result.byGroup.map((g) => [g.group, g.baseline]));
    expect(result.byGroup.map((g) => g.group)).toEqual(["ann", "bob", "cy", "dave"]);
    expect(byRep.ann?.value?.toString()).toBe("50");
    expect(byRep.bob?.value?.toString()).toBe("32");
    expect(byRep.cy?.sufficient).toBe(false);
    expect(byRep.cy?.value).toBeNull();
    expect(byRep.cy?.periods.map((p) => p.label)).toEqual(["2026-10"]);
    expect(byRep.cy?.reason).toContain("only 1 of the last 3");
    // Dave is in the roster without calls: a baseline of 0, not absent
    expect(byRep.dave?.value?.toString()).toBe("0");
    expect(result.byGroup.find((g) => g.group === "ann")?.name).toBe("Ann");

    const targets = Object.fromEntries(result.byGroup.map((g) => [g.group, targetFromBaseline(g.baseline, { uplift: 0.1 }).value?.toString() ?? null]));
    expect(targets).toEqual({ ann: "55", bob: "35.2", cy: null, dave: "0" });
    expect(targetFromBaseline(result.team).value?.toString()).toBe("94.6");
  });

  it("prepared data gives the same result, and weekly grain works", () => {
    const prepared = prepareKpiData(team, { calendar });
    expect(measureBaseline(prepared, calls, { asOf: "2026-11-23" }).team.value?.toString()).toBe("86");
    const weekly = measureBaseline(team, calls, { asOf: "2026-10-14", grain: "week", periods: 2, calendar, minPeriods: 1 });
    // weeks of 28 Sep and 5 Oct: Bob's 36 (3 Oct) + Ann's 59 (10 Oct) → mean 47.5
    expect(weekly.team.periods.map((p) => p.label)).toEqual(["2026-W40", "2026-W41"]);
    expect(weekly.team.value?.toString()).toBe("47.5");
  });

  it("by team: roster teams appear; a rep who left is not data after leaving", () => {
    const data: KpiData = {
      reps: [
        { id: "ann", team: "north", startedAt: "2024-01-01", leftAt: "2026-09-15" },
        { id: "bob", team: "south", startedAt: "2024-01-01" },
      ],
      activities: [call("ann", "2026-08-10", 40), call("bob", "2026-08-03", 30)],
    };
    const byTeam = measureBaseline(data, calls, { asOf: "2026-10-31", groupBy: "team", minPeriods: 1 });
    expect(byTeam.byGroup.map((g) => [g.group, g.baseline.value?.toFixed(2)])).toEqual([
      ["north", "13.33"],
      ["south", "10.00"],
    ]);
    const byOwner = measureBaseline(data, calls, { asOf: "2026-10-31", minPeriods: 1 });
    const ann = byOwner.byGroup.find((g) => g.group === "ann")?.baseline;
    expect(ann?.value?.toString()).toBe("40");
    expect(ann?.excluded.map((e) => e.reason)).toEqual(["after-leave", "after-leave"]);
  });
});

describe("measureBaseline doc example", () => {
  it("Ann 30 calls a month, Cy hired in October: team 34, Ann 30, Cy none", () => {
    const data: KpiData = {
      reps: [{ id: "ann", startedAt: "2025-01-01" }, { id: "cy", startedAt: "2026-10-01" }],
      activities: [
        { owner: "ann", type: "call", at: "2026-08-10", quantity: 30 },
        { owner: "ann", type: "call", at: "2026-09-10", quantity: 30 },
        { owner: "ann", type: "call", at: "2026-10-10", quantity: 30 },
        { owner: "cy", type: "call", at: "2026-10-20", quantity: 12 },
      ],
    };
    const result = measureBaseline(data, { kind: "count", source: "activities" }, { asOf: "2026-11-23" });
    expect(result.team.value?.toString()).toBe("34");
    expect(result.byGroup.map((g) => [g.group, g.baseline.value?.toString() ?? null])).toEqual([
      ["ann", "30"],
      ["cy", null],
    ]);
  });
});

describe("measureBaseline team", () => {
  it("leads without an owner count for the team, not for any rep", () => {
    const data: KpiData = {
      reps: [{ id: "ann", startedAt: "2024-01-01" }],
      leads: [
        { id: "l1", owner: "ann", createdAt: "2026-10-02", reached: { sql: "2026-10-03" } },
        { id: "l2", createdAt: "2026-10-05", reached: { sql: "2026-10-06" } },
      ],
    };
    const result = measureBaseline(data, { kind: "count", source: "leads", step: "sql" }, { asOf: "2026-10-31", periods: 1 });
    expect(result.team.value?.toString()).toBe("2");
    expect(result.byGroup.map((g) => [g.group, g.baseline.value?.toString()])).toEqual([["ann", "1"]]);
  });

  it("new customers: an account won by two reps counts once for the team", () => {
    const data: KpiData = {
      pipeline: { stages: [{ id: "open", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
      reps: [{ id: "ann", startedAt: "2024-01-01" }, { id: "bob", startedAt: "2024-01-01" }],
      deals: [
        { id: "d1", owner: "ann", account: "acme", stage: "won", amount: 10, createdAt: "2026-09-01", closedAt: "2026-10-02" },
        { id: "d2", owner: "bob", account: "acme", stage: "won", amount: 10, createdAt: "2026-09-01", closedAt: "2026-10-03" },
      ],
    };
    const measure: Measure = { kind: "distinct", source: "deals", key: "account", at: "closedAt", where: { outcome: "won" } };
    const result = measureBaseline(data, measure, { asOf: "2026-10-31", periods: 1 });
    expect(result.team.value?.toString()).toBe("1");
    expect(result.byGroup.map((g) => g.baseline.value?.toString())).toEqual(["1", "1"]);
  });
});
