import { describe, expect, it } from "vitest";
import {
  catalogKpi,
  type Deal,
  type KpiData,
  KpiDefinitionError,
  type KpiDefinitionInput,
  kpiSeries,
  type Lead,
  measureSeries,
  prepareKpiData,
} from "../../src/index.js";

import { proposalPipeline as pipeline } from "../pipeline/fixtures.js";
const str = (value: { toString(): string } | null | undefined) => (value === null || value === undefined ? null : value.toString());
const closed = (id: string, owner: string, stage: "won" | "lost", createdAt: string, closedAt: string, amount?: number): Deal => ({
  id,
  owner,
  stage,
  createdAt,
  closedAt,
  ...(amount === undefined ? {} : { amount }),
});

describe("kpiSeries", () => {
  it("a monthly win rate per rep, which no public call gave before: Ann 1 of 2 in January, 2 of 2 in February; the team 3 of 5, 2 of 2", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        closed("a1", "ann", "won", "2026-01-02", "2026-01-10", 100),
        closed("a2", "ann", "lost", "2026-01-02", "2026-01-20", 100),
        closed("a3", "ann", "won", "2026-01-15", "2026-02-03", 100),
        closed("a4", "ann", "won", "2026-01-15", "2026-02-13", 100),
        closed("b1", "bob", "won", "2026-01-03", "2026-01-11", 100),
        closed("b2", "bob", "won", "2026-01-03", "2026-01-12", 100),
        closed("b3", "bob", "lost", "2026-01-03", "2026-01-13", 100),
      ],
    };
    const series = kpiSeries(data, catalogKpi("win-rate"), { from: "2026-01-01", to: "2026-03-01", groupBy: "owner" });
    expect(series.points.map((p) => `${p.period.label} ${p.group} ${p.ratio?.numerator}/${p.ratio?.denominator}`)).toEqual([
      "2026-01 ann 1/2",
      "2026-01 bob 2/3",
      "2026-02 ann 2/2",
      "2026-02 bob 0/0",
    ]);
    expect(series.points[3]?.value).toBeNull();
    expect(series.team.map((p) => `${p.ratio?.numerator}/${p.ratio?.denominator}`)).toEqual(["3/5", "2/2"]);
  });

  it("unowned marketing leads count in the team: 7 unowned MQLs and 3 owned ones that convert are 30 %, not 100 %", () => {
    const leads: Lead[] = [
      ...Array.from({ length: 7 }, (_, i): Lead => ({ id: `m${i}`, createdAt: "2026-03-02", reached: { mql: "2026-03-02" } })),
      ...["ann", "ann", "bob"].map((owner, i): Lead => ({ id: `o${i}`, owner, createdAt: "2026-03-03", reached: { mql: "2026-03-03", sql: "2026-03-10" } })),
    ];
    const series = kpiSeries({ leads }, catalogKpi("conversion-lead-sql"), { from: "2026-03-01", to: "2026-04-01", groupBy: "owner", asOf: "2026-06-01" });
    const team = series.team[0];
    expect(str(team?.value)).toBe("0.3");
    expect(team?.withoutGroup).toBe(7);
    expect(series.points.map((p) => `${p.group} ${p.value}`)).toEqual(["ann 1", "bob 1"]);
  });

  it("a deal won in October and reopened on 1 December: as of 15 November October's revenue counts it, as of 2 December not", () => {
    const deal: Deal = {
      id: "d1",
      owner: "ann",
      amount: 100,
      stage: "proposal",
      createdAt: "2026-09-01",
      stageHistory: [
        { stage: "proposal", at: "2026-09-01" },
        { stage: "won", at: "2026-10-10" },
        { stage: "proposal", at: "2026-12-01" },
      ],
    };
    const data: KpiData = { pipeline, deals: [deal] };
    const revenue = catalogKpi("new-revenue-per-month");
    const options = { from: "2026-10-01", to: "2026-11-01" };
    expect(str(kpiSeries(data, revenue, { ...options, asOf: "2026-11-15" }).team[0]?.value)).toBe("100");
    expect(str(kpiSeries(data, catalogKpi("average-deal-size"), { ...options, asOf: "2026-11-15" }).team[0]?.value)).toBe("100");
    expect(str(kpiSeries(data, revenue, { ...options, asOf: "2026-12-02" }).team[0]?.value)).toBe("0");
    // measureSeries reads the same as of rule (default: the range end, before the reopening)
    expect(str(measureSeries(data, revenue.measure, { ...options, grain: "month" }).points[0]?.value)).toBe("100");
    expect(str(measureSeries(data, revenue.measure, { ...options, grain: "month", asOf: "2026-12-02" }).points[0]?.value)).toBe("0");
  });

  it("the activity mix per rep in one call: groupBy owner and type", () => {
    const data: KpiData = {
      activities: [
        { owner: "ann", type: "call", at: "2026-01-05", quantity: 3 },
        { owner: "ann", type: "email", at: "2026-01-06" },
        { owner: "bob", type: "call", at: "2026-01-07" },
      ],
    };
    const all: KpiDefinitionInput = { ...catalogKpi("calls"), id: "activities", measure: { kind: "count", source: "activities" } };
    const series = kpiSeries(data, all, { from: "2026-01-01", to: "2026-02-01", groupBy: ["owner", "type"] });
    expect(series.points.map((p) => `${p.keys?.join("/")} ${p.value}`)).toEqual(["ann/call 3", "ann/email 1", "bob/call 1"]);
    expect(str(series.team[0]?.value)).toBe("5");
    expect(() => kpiSeries(data, all, { from: "2026-01-01", to: "2026-02-01", groupBy: "product" })).toThrow(KpiDefinitionError);
  });

  it("sales cycle per rep: mean and median of the days from creation to win; a rep of the roster without wins has none", () => {
    const data: KpiData = {
      pipeline,
      reps: [{ id: "ann" }, { id: "bob" }],
      deals: [
        closed("a1", "ann", "won", "2026-01-01", "2026-01-11"),
        closed("a2", "ann", "won", "2026-01-01", "2026-01-21"),
        closed("a3", "ann", "won", "2026-01-01", "2026-03-02"),
        closed("b1", "bob", "lost", "2026-01-01", "2026-03-05"),
      ],
    };
    const series = kpiSeries(data, catalogKpi("sales-cycle"), { from: "2026-01-01", to: "2026-04-01", grain: "quarter", groupBy: "owner" });
    const ann = series.points.find((p) => p.group === "ann");
    expect([str(ann?.value), str(ann?.median)]).toEqual(["30", "20"]);
    const bob = series.points.find((p) => p.group === "bob");
    expect([bob?.value, bob?.median]).toEqual([null, null]);
  });

  it("deals without an amount are counted in the point they would have gone to, not silently dropped", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        { id: "p1", owner: "ann", stage: "proposal", createdAt: "2026-01-05", amount: 1000 },
        { id: "p2", owner: "ann", stage: "proposal", createdAt: "2026-01-06" },
      ],
    };
    const series = kpiSeries(data, catalogKpi("weighted-pipeline-value"), { from: "2026-01-01", to: "2026-02-01", groupBy: "owner", missingAmount: "skip" });
    expect(str(series.team[0]?.value)).toBe("500");
    expect(series.team[0]?.skipped).toEqual({ "missing-amount": 1 });
    expect(series.points[0]?.skipped).toEqual({ "missing-amount": 1 });
    expect(() => kpiSeries(data, catalogKpi("weighted-pipeline-value"), { from: "2026-01-01", to: "2026-02-01" })).toThrow(/amount/);
  });

  it("months before the first row are before the data, not zeros; a KPI without any rows is no data", () => {
    const data: KpiData = { activities: [{ owner: "ann", type: "call", at: "2026-03-05" }] };
    const series = kpiSeries(data, catalogKpi("calls"), { from: "2026-01-01", to: "2026-04-01", grain: "month" });
    expect(series.team.map((p) => p.coverage ?? "complete")).toEqual(["before-data", "before-data", "complete"]);
    const none = kpiSeries({ activities: [] }, catalogKpi("calls"), { from: "2026-01-01", to: "2026-02-01", grain: "month" });
    expect(none.dataStartMs).toBeNull();
    expect(none.team[0]?.coverage).toBe("before-data");
  });

  it("a KPI the data bag cannot give says what to call instead", () => {
    expect(() => kpiSeries({}, catalogKpi("enps"), { from: "2026-01-01", to: "2026-02-01" })).toThrow(/enps\(\)/);
  });

  it("month-over-month growth: the growth of each month on the one before", () => {
    const data: KpiData = {
      pipeline,
      deals: [closed("a", "ann", "won", "2026-01-02", "2026-01-10", 100), closed("b", "ann", "won", "2026-01-02", "2026-02-10", 150)],
    };
    const series = kpiSeries(data, catalogKpi("month-over-month-growth"), { from: "2026-01-01", to: "2026-03-01" });
    expect(series.team.map((p) => `${p.period.label} ${p.value}`)).toEqual(["2026-01 null", "2026-02 0.5"]);
  });

  it("the same answer from raw and from prepared data", () => {
    const data: KpiData = { activities: [{ owner: "ann", type: "call", at: "2026-01-05", quantity: 2 }] };
    const options = { from: "2026-01-01", to: "2026-02-01", groupBy: "owner" as const };
    expect(JSON.stringify(kpiSeries(prepareKpiData(data), catalogKpi("calls"), options))).toBe(JSON.stringify(kpiSeries(data, catalogKpi("calls"), options)));
  });
});
