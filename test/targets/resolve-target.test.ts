import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR, KpiInputError, periodOf, resolveCalendar } from "../../src/index.js";
import { resolveTarget } from "../../src/targets/resolve-target.js";
import { parseTargets, TargetSchema, TargetsSchema } from "../../src/targets/target-schema.js";

const september = periodOf(Date.UTC(2017, 8, 10), "month", DEFAULT_CALENDAR);

describe("explicit targets (quotas)", () => {
  it("the CLI issue's row parses; the doc example", () => {
    expect(TargetSchema.parse({ kpi: "new-revenue-per-month", owner: "Darcel Schlecht", period: "2017-09", value: 12345 }).owner).toBe("Darcel Schlecht");
    const targets = [
      { kpi: "revenue", owner: "ann", period: "2026-09", value: 100 },
      { kpi: "revenue", owner: "bob", period: "2026-09", value: 50 },
    ];
    const sep2026 = periodOf(Date.UTC(2026, 8, 1), "month", DEFAULT_CALENDAR);
    expect(resolveTarget(targets, { kpi: "revenue", period: sep2026, reps: ["ann", "bob"] }).value?.toString()).toBe("150");
  });

  it("a rep's quota wins over the plan's derived target", () => {
    const rows = [{ kpi: "new-revenue-per-month", owner: "Darcel Schlecht", period: "2017-09", value: 12345 }];
    const result = resolveTarget(rows, { kpi: "new-revenue-per-month", owner: "Darcel Schlecht", period: september, derived: 9000 });
    expect([result.value?.toString(), result.source, result.row]).toEqual(["12345", "explicit", 0]);
    // another month, another rep: the derived target
    expect(resolveTarget(rows, { kpi: "new-revenue-per-month", owner: "Someone Else", period: september, derived: 9000 }).source).toBe("derived");
    expect(resolveTarget(rows, { kpi: "new-revenue-per-month", owner: "Someone Else", period: september })).toEqual({ value: null, source: "none" });
  });

  it("a team target is its own row; when the reps' quotas add up to something else, the cell says so", () => {
    const rows = [
      { kpi: "revenue", team: "north", period: "2017-09", value: 1000 },
      { kpi: "revenue", owner: "ann", period: "2017-09", value: 600 },
      { kpi: "revenue", owner: "bob", period: "2017-09", value: 300 },
    ];
    const result = resolveTarget(rows, { kpi: "revenue", team: "north", period: september, reps: ["ann", "bob"] });
    expect(result.value?.toString()).toBe("1000");
    expect(result.source).toBe("explicit");
    expect(result.note).toBe("the team target (1000) differs from the sum of the rep targets (900)");
  });

  it("without a team row the team target is the sum of the reps' targets (explicit or derived)", () => {
    const rows = [{ kpi: "revenue", owner: "ann", period: "2017-09", value: 600 }];
    const result = resolveTarget(rows, { kpi: "revenue", period: september, reps: ["ann", "bob"], derivedByRep: { bob: 250 }, derived: 700 });
    expect([result.value?.toString(), result.source]).toEqual(["850", "sum-of-reps"]);
    expect(result.parts?.map((p) => [p.rep, p.value?.toString(), p.source])).toEqual([
      ["ann", "600", "explicit"],
      ["bob", "250", "derived"],
    ]);
    // bob without any target: no sum, the team's own derived target, with why
    const partial = resolveTarget(rows, { kpi: "revenue", period: september, reps: ["ann", "bob"], derived: 700 });
    expect([partial.value?.toString(), partial.source, partial.note]).toEqual(["700", "derived", 'no sum of the rep targets: "bob" has no target']);
  });

  it("a ratio KPI never sums rep targets, and its explicit target must be a rate", () => {
    const rows = [{ kpi: "win-rate", owner: "ann", period: "2017-09", value: "0.3" }];
    const team = resolveTarget(rows, { kpi: "win-rate", period: september, reps: ["ann"], additive: false, derived: "0.25" });
    expect([team.value?.toString(), team.source]).toEqual(["0.25", "derived"]);
    expect(() => resolveTarget([{ kpi: "win-rate", owner: "ann", period: "2017-09", value: 30 }], { kpi: "win-rate", owner: "ann", period: september, rate: true })).toThrow(/targets\[0\]\.value/);
  });

  it("a period given as [from, to) matches the period with those bounds, in the calendar's zone", () => {
    const amsterdam = resolveCalendar({ timeZone: "Europe/Amsterdam" });
    const month = periodOf(Date.parse("2017-09-10T12:00:00Z"), "month", amsterdam);
    const rows = [{ kpi: "calls", owner: "ann", period: ["2017-09-01", "2017-10-01"] as [string, string], value: 80 }];
    expect(resolveTarget(rows, { kpi: "calls", owner: "ann", period: month, calendar: amsterdam }).value?.toString()).toBe("80");
    // the UTC month has other bounds than the Amsterdam one: no match
    expect(resolveTarget(rows, { kpi: "calls", owner: "ann", period: periodOf(Date.parse("2017-09-10T12:00:00Z"), "month", DEFAULT_CALENDAR), calendar: amsterdam }).source).toBe("none");
  });

  it("bad rows are input errors with paths", () => {
    const bad = (rows: unknown) => {
      try {
        parseTargets(rows as never, DEFAULT_CALENDAR);
      } catch (error) {
        expect(error).toBeInstanceOf(KpiInputError);
        return (error as KpiInputError).issues.map((i) => i.path.join("."));
      }
      throw new Error("expected an error");
    };
    expect(bad([{ kpi: "x", owner: "a", team: "b", period: "2017-09", value: 1 }])).toEqual(["targets.0.team"]);
    expect(bad([{ kpi: "x", period: "2017/09", value: 1 }])).toEqual(["targets.0.period"]);
    expect(bad([{ kpi: "x", period: "2017-09", value: "ten" }])).toEqual(["targets.0.value"]);
    expect(bad([{ kpi: "x", period: ["2017-10-01", "2017-09-01"], value: 1 }])).toEqual(["targets.0.period"]);
    expect(bad([{ kpi: "x", period: "2017-09", value: 1 }, { kpi: "x", period: "2017-09", value: 2 }])).toEqual(["targets.1"]);
    expect(TargetsSchema.safeParse([{ kpi: "x", period: "FY2027-M03", value: 1 }, { kpi: "x", period: "2026-W53", value: 1 }, { kpi: "x", period: "2026-09-14", value: 1 }]).success).toBe(true);
  });
});
