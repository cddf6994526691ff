import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR, KpiDefinitionError, periodsBetween } from "../../src/index.js";
import { toDecimal } from "../../src/core/decimal.js";
import { planFromSeries, resolvePlanOptions, planOf } from "../../src/targets/plan-from-series.js";
import { targetPlan } from "../../src/targets/target-plan.js";

const months = periodsBetween(Date.UTC(2026, 5, 1), Date.UTC(2027, 0, 1), "month", DEFAULT_CALENDAR); // Jun..Dec 2026
const show = (plan: ReturnType<typeof planFromSeries>) => plan.periods.map((p) => `${p.period.label} ${p.target?.toString() ?? "none"}`);

const calls = {
  id: "calls",
  labels: { en: "Calls", nl: "Belletjes" },
  kind: "action",
  unit: "count",
  direction: "higher-is-better",
  controllable: true,
  formula: "calls",
  measure: { kind: "count", source: "activities", where: { type: "call" } },
} as const;

describe("target plan (ratchet)", () => {
  it("a rep dropping from 100 calls to 60: the target holds at 110 and is never lowered", () => {
    // Jun–Aug 100 calls a month (baseline 100), start 1 September, then 60 a month
    const plan = planFromSeries(months, [100, 100, 100, 60, 60, 60, 60], { start: "2026-09-01", asOf: "2026-12-31" });
    expect(plan.baseline.value?.toString()).toBe("100");
    expect(plan.baselineReason).toBe("baseline of 3 complete periods before the start (mean)");
    expect(show(plan)).toEqual(["2026-09 110", "2026-10 110", "2026-11 110", "2026-12 110"]);
    expect(plan.periods.map((p) => p.reason)).toEqual(["first target: baseline + 10 %", "held: not met", "held: not met", "held: not met"]);
    expect(plan.periods.map((p) => p.met)).toEqual([false, false, false, false]);
  });

  it("the same rep under the rolling policy sees 110 → 95.3 → 80.7 → 66 (the issue's numbers)", () => {
    const plan = planFromSeries(months, [100, 100, 100, 60, 60, 60, 60], { start: "2026-09-01", asOf: "2026-12-31", policy: "rolling" });
    expect(plan.periods.map((p) => p.target?.toFixed(1))).toEqual(["110.0", "95.3", "80.7", "66.0"]);
  });

  it("a rep at 100 who meets 110 twice is raised by the step (110 → 115.5)", () => {
    const plan = planFromSeries(months, [100, 100, 100, 110, 112, 90, 0], { start: "2026-09-01", asOf: "2026-12-01" });
    expect(show(plan)).toEqual(["2026-09 110", "2026-10 110", "2026-11 115.5", "2026-12 115.5"]);
    expect(plan.periods.map((p) => p.change)).toEqual(["first", "held", "raised", "held"]);
    expect(plan.periods[1]?.reason).toBe("held: met 1 of the 2 periods in a row needed for a raise");
    expect(plan.periods[2]?.reason).toBe("raised by a step after 2 met periods");
    expect(plan.periods[3]?.reason).toBe("held: not met");
    // December holds asOf (1 December, a date-only value, includes that day): in progress, not judged
    expect(plan.current?.period.label).toBe("2026-12");
    expect(plan.current?.status).toBe("in-progress");
    expect(plan.current?.actual).toBeNull();
    expect(plan.lastComplete?.period.label).toBe("2026-11");
  });

  it("raiseAfter 1 raises after every met month; an absolute step adds the amount", () => {
    const plan = planFromSeries(months, [100, 100, 100, 120, 120, 120, 0], { start: "2026-09-01", asOf: "2026-12-01", raiseAfter: 1, raiseStep: 2, raiseBy: "absolute" });
    expect(show(plan)).toEqual(["2026-09 110", "2026-10 112", "2026-11 114", "2026-12 116"]);
  });

  it("a sales cycle (lower is better) starts 10 % below the baseline and is tightened after met months", () => {
    const plan = planFromSeries(months, [40, 40, 40, 30, 30, 50, 0], { start: "2026-09-01", asOf: "2026-12-01", direction: "lower-is-better" });
    expect(plan.periods[0]?.reason).toBe("first target: baseline − 10 %");
    expect(show(plan)).toEqual(["2026-09 36", "2026-10 36", "2026-11 34.2", "2026-12 34.2"]);
  });

  it("allowDecrease eases a missed target by a step", () => {
    const plan = planFromSeries(months, [100, 100, 100, 60, 60, 60, 60], { start: "2026-09-01", asOf: "2026-11-30", allowDecrease: true });
    expect(show(plan)).toEqual(["2026-09 110", "2026-10 104.5", "2026-11 99.275", "2026-12 94.31125"]);
    expect(plan.periods[1]?.change).toBe("eased");
  });

  it("a win-rate target is a rate, capped at 1", () => {
    const plan = planFromSeries(months, ["0.95", "0.95", "0.95", 1, 1, 1, 1], { start: "2026-09-01", asOf: "2026-12-01", rate: true, additive: false, uplift: 0.1, raiseAfter: 1 });
    expect(show(plan)).toEqual(["2026-09 1", "2026-10 1", "2026-11 1", "2026-12 1"]);
    expect(plan.periods[0]?.reason).toBe("first target: baseline + 10 %; capped at 1 (a rate lies in [0, 1])");
  });

  it("a new rep without three months of history gets no target, with the reason", () => {
    const plan = planFromSeries(months, [null, 5, 8, 9, 10, 11, 0], { start: "2026-09-01", asOf: "2026-12-01", startedAt: "2026-07-15" });
    expect(plan.sufficient).toBe(false);
    expect(plan.periods.every((p) => p.target === null)).toBe(true);
    expect(plan.reason).toMatch(/^no target: only 1 of the last 3 complete periods have data/);
  });

  it("a zero baseline gives no target (doing nothing would meet it)", () => {
    const plan = planFromSeries(months, [0, 0, 0, 5, 5, 5, 5], { start: "2026-09-01", asOf: "2026-12-01" });
    expect(plan.sufficient).toBe(false);
    expect(plan.reason).toBe("no target: the baseline is 0, so a target derived from it would be met by doing nothing");
  });

  it("nothing after asOf changes a number: values of periods not ended by asOf are ignored", () => {
    const a = planFromSeries(months, [100, 100, 100, 110, 110, 999, 999], { start: "2026-09-01", asOf: "2026-10-31" });
    const b = planFromSeries(months, [100, 100, 100, 110, 110, 0, null], { start: "2026-09-01", asOf: "2026-10-31" });
    expect(show(a)).toEqual(show(b));
    expect(show(a)).toEqual(["2026-09 110", "2026-10 110", "2026-11 115.5"]);
  });

  it("the baseline is not taken before its window has ended (asOf before the start)", () => {
    const plan = planFromSeries(months, [100, 100, 100, 0, 0, 0, 0], { start: "2026-09-01", asOf: "2026-08-15" });
    expect(plan.sufficient).toBe(false);
    expect(plan.periods).toEqual([]);
  });

  it("planOf with options resolved once gives the same plan", () => {
    const values = [100, 100, 100, 110, 112, 90, 0];
    const options = { start: "2026-09-01", asOf: "2026-12-01" } as const;
    const viaCore = planOf(months, values.map((v) => toDecimal(v)), resolvePlanOptions(options));
    expect(viaCore).toEqual(planFromSeries(months, values, options));
  });

  it("rejects bad options with their path", () => {
    expect(() => planFromSeries(months, [1, 2, 3, 4, 5, 6, 7], { start: "2026-09-01", asOf: "2026-12-01", raiseAfter: 0 })).toThrow(KpiDefinitionError);
    expect(() => planFromSeries(months, [1, 2, 3, 4, 5, 6, 7], { start: "2026-09-01", asOf: "2026-12-01", direction: "lower-is-better", uplift: 1 })).toThrow(/uplift/);
    expect(() => planFromSeries(months, [1, 2], { start: "2026-09-01", asOf: "2026-12-01" })).toThrow(/values/);
  });
});

describe("targetPlan on data", () => {
  const data = {
    reps: [{ id: "ann" }, { id: "bob" }, { id: "cy", startedAt: "2026-10-01" }],
    activities: [
      ...["06", "07", "08"].flatMap((m) => [
        { owner: "ann", type: "call", at: `2026-${m}-10`, quantity: 100 },
        { owner: "bob", type: "call", at: `2026-${m}-10`, quantity: 50 },
      ]),
      { owner: "ann", type: "call", at: "2026-09-10", quantity: 60 },
      { owner: "bob", type: "call", at: "2026-09-10", quantity: 60 },
      { owner: "cy", type: "call", at: "2026-10-03", quantity: 20 },
      // after asOf: must not change anything
      { owner: "ann", type: "call", at: "2026-10-20", quantity: 500 },
    ],
  };

  it("the doc example: 100 calls a month, then 60 — the target holds at 110", () => {
    const doc = { activities: data.activities.filter((a) => a.owner === "ann" && a.quantity !== 500) };
    expect(targetPlan(doc, calls, { start: "2026-09-01", asOf: "2026-10-15" }).team.periods.map((p) => `${p.period.label} ${p.target} ${p.reason}`)).toEqual([
      "2026-09 110 first target: baseline + 10 %",
      "2026-10 110 held: not met",
    ]);
  });

  it("one plan per rep and one for the team; a rep hired after the baseline window has none", () => {
    const plans = targetPlan(data, calls, { start: "2026-09-01", asOf: "2026-10-15", groupBy: "owner" });
    expect(plans.team.baseline.value?.toString()).toBe("150");
    expect(plans.team.periods.map((p) => p.target?.toString())).toEqual(["165", "165"]);
    expect(plans.byGroup.map((g) => [g.group, g.plan.periods.map((p) => p.target?.toString() ?? null)])).toEqual([
      ["ann", ["110", "110"]],
      ["bob", ["55", "55"]],
      ["cy", [null, null]],
    ]);
    // bob met 55 with 60 in September: one of two
    expect(plans.byGroup[1]?.plan.periods[1]?.reason).toBe("held: met 1 of the 2 periods in a row needed for a raise");
  });

  it("months before the data's first row are no data, not zeros: no baseline from them", () => {
    const late = { activities: [{ owner: "ann", type: "call", at: "2026-08-10", quantity: 100 }, { owner: "ann", type: "call", at: "2026-09-10", quantity: 100 }] };
    const plan = targetPlan(late, calls, { start: "2026-09-01", asOf: "2026-10-15" }).team;
    expect(plan.sufficient).toBe(false);
    expect(plan.baseline.values.map(String)).toEqual(["100"]);
    expect(plan.baseline.excluded.map((e) => `${e.period.label} ${e.reason}`)).toEqual(["2026-06 before-data", "2026-07 before-data"]);
  });

  it("works on a retail calendar (4-5-4 months)", () => {
    const retail = { retail: { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearLabel: "start" } } as const;
    const plans = targetPlan(data, calls, { start: "2026-09-01", asOf: "2026-10-15", calendar: retail });
    expect(plans.team.periods[0]?.period.label).toMatch(/^FY2026-M\d\d$/);
    expect(plans.team.baseline.window).toHaveLength(3);
  });

  it("a builtin KPI (win rate) through the KPI engine: its target is a rate, capped at 1", async () => {
    const { catalogKpi } = await import("../../src/index.js");
    const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }, { id: "lost", probability: 0, outcome: "lost" }] } as const;
    const deal = (id: string, stage: "won" | "lost", month: string) => ({ id, owner: "ann", amount: 100, stage, createdAt: `2026-${month}-01`, closedAt: `2026-${month}-15` });
    const deals = [
      ...["06", "07", "08"].flatMap((m) => [deal(`w${m}`, "won", m), deal(`l${m}`, "lost", m)]),
      deal("w09a", "won", "09"),
      deal("w09b", "won", "09"),
    ];
    const plan = targetPlan({ pipeline, deals }, catalogKpi("win-rate"), { start: "2026-09-01", asOf: "2026-10-15", raiseAfter: 1 }).team;
    // win rate 0.5 in Jun–Aug; first target 0.55, met by 1.0 in September → raised by 5 %
    expect(plan.periods.map((p) => `${p.period.label} ${p.target}`)).toEqual(["2026-09 0.55", "2026-10 0.5775"]);
  });
});

describe("programStartAfter and the planFromSeries doc example", () => {
  it("data from 10 January: the baseline window is Feb–Apr and the plan starts 1 May", async () => {
    const { programStartAfter } = await import("../../src/targets/plan-from-series.js");
    expect(new Date(programStartAfter(Date.UTC(2026, 0, 10), "month", 3, DEFAULT_CALENDAR)).toISOString()).toBe("2026-05-01T00:00:00.000Z");
    // data from the very first instant of January: January counts
    expect(new Date(programStartAfter(Date.UTC(2026, 0, 1), "month", 3, DEFAULT_CALENDAR)).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("the planFromSeries doc example", () => {
    const months = periodsBetween(Date.UTC(2026, 5, 1), Date.UTC(2026, 11, 1), "month", DEFAULT_CALENDAR);
    const plan = planFromSeries(months, [100, 100, 100, 110, 110, null], { start: "2026-09-01", asOf: "2026-10-31" });
    expect(plan.periods.map((p) => `${p.period.label} ${p.target}`)).toEqual(["2026-09 110", "2026-10 110", "2026-11 115.5"]);
  });
});

describe("targetPlan for a ratio KPI", () => {
  it("meetings per call: the target is a ratio (baseline 0.2 → 0.22), not an uplifted count", () => {
    const perMonth = (m: string, calls: number, meetings: number) => [
      { owner: "ann", type: "call", at: `2026-${m}-10`, quantity: calls },
      { owner: "ann", type: "meeting", at: `2026-${m}-11`, quantity: meetings },
    ];
    const data = { activities: [...perMonth("06", 50, 10), ...perMonth("07", 100, 20), ...perMonth("08", 50, 10), ...perMonth("09", 100, 25)] };
    const kpi = {
      id: "meetings-per-call", labels: { en: "Meetings per call", nl: "Afspraken per belletje" }, kind: "insight", unit: "ratio",
      direction: "higher-is-better", controllable: true, formula: "meetings ÷ calls",
      measure: { kind: "ratio", numerator: { kind: "count", source: "activities", where: { type: "meeting" } }, denominator: { kind: "count", source: "activities", where: { type: "call" } } },
    } as const;
    const plan = targetPlan(data, kpi, { start: "2026-09-01", asOf: "2026-10-15", raiseAfter: 1, raiseStep: 5 }).team;
    expect(plan.baseline.value?.toString()).toBe("0.2");
    // September 0.25 meets 0.22; a step of 500 % would pass 1: capped
    expect(plan.periods.map((p) => [p.period.label, p.target?.toString(), p.reason])).toEqual([
      ["2026-09", "0.22", "first target: baseline + 10 %"],
      ["2026-10", "1", "raised by a step after 1 met period; capped at 1 (a rate lies in [0, 1])"],
    ]);
  });
});

describe("planTargetAt", () => {
  it("finds the entry of a period by its start, or null", async () => {
    const { planTargetAt } = await import("../../src/targets/plan-from-series.js");
    const plan = planFromSeries(months, [100, 100, 100, 110, 110, null, null], { start: "2026-09-01", asOf: "2026-10-31" });
    expect(planTargetAt(plan, Date.UTC(2026, 9, 1))?.target?.toString()).toBe("110");
    expect(planTargetAt(plan, Date.UTC(2026, 10, 1))?.target?.toString()).toBe("115.5");
    expect(planTargetAt(plan, Date.UTC(2026, 11, 1))).toBeNull();
    expect(planTargetAt(plan, Date.UTC(2026, 7, 1))).toBeNull();
  });
});
