import { describe, expect, it } from "vitest";
import { auditKpiSet, catalogKpi, KpiDefinitionError, type KpiDefinitionInput } from "../../src/index.js";

const calls = catalogKpi("calls");
const meetings = catalogKpi("meetings");
const revenue = catalogKpi("new-revenue-per-month");
const codes = (kpis: KpiDefinitionInput[], options = {}) => auditKpiSet(kpis, options).map((f) => f.code);

describe("auditKpiSet", () => {
  it("revenue and win rate only: lag-heavy and no action KPI (the doc example)", () => {
    const findings = auditKpiSet([revenue, catalogKpi("win-rate")]);
    expect(findings.map((f) => f.code)).toEqual(["lag-heavy", "no-action-kpi"]);
    expect(findings[0]?.kpiIds).toEqual(["new-revenue-per-month", "win-rate"]);
    expect(findings[0]?.message).toContain("only 0 of 2");
  });

  it("a balanced set has no findings; an empty set has none either", () => {
    expect(codes([calls, meetings, revenue])).toEqual([]);
    expect(codes([])).toEqual([]);
  });

  it("too-many-kpis: 8 KPIs for the reps, 3 for management; untagged ones count for both", () => {
    const actions = ["calls", "emails", "meetings", "first-meetings", "follow-up-meetings", "qualified-proposals"].map((id) => ({ ...catalogKpi(id), audience: "reps" }));
    const shared = [{ ...catalogKpi("training-hours") }, { ...catalogKpi("coaching-sessions") }];
    const management = [{ ...revenue, audience: "management" }];
    const findings = auditKpiSet([...actions, ...shared, ...management]);
    const tooMany = findings.filter((f) => f.code === "too-many-kpis");
    expect(tooMany.map((f) => [f.audience, f.kpiIds.length])).toEqual([["reps", 8]]);
    expect(codes([...actions, ...shared, ...management], { maxKpis: 8 })).not.toContain("too-many-kpis");
  });

  it("lag-heavy: fewer than half are lead indicators (1 of 3)", () => {
    const findings = auditKpiSet([calls, revenue, catalogKpi("win-rate")]);
    expect(findings.map((f) => f.code)).toEqual(["lag-heavy"]);
    expect(findings[0]?.kpiIds).toEqual(["new-revenue-per-month", "win-rate"]);
  });

  it("no-action-kpi: only an insight lead KPI and a result", () => {
    expect(codes([catalogKpi("meetings-per-call"), revenue])).toEqual(["no-action-kpi"]);
  });

  it("insight-used-for-appraisal: judging reps on win rate", () => {
    const findings = auditKpiSet([calls, meetings, { ...catalogKpi("win-rate"), appraisal: true }]);
    expect(findings.map((f) => [f.code, f.severity, f.kpiIds])).toEqual([["insight-used-for-appraisal", "error", ["win-rate"]]]);
  });

  it("target-without-baseline: a target of 100 calls without a nulmeting", () => {
    const findings = auditKpiSet([{ ...calls, target: { value: 100 } }, meetings]);
    expect(findings.map((f) => [f.code, f.kpiIds])).toEqual([["target-without-baseline", ["calls"]]]);
  });

  it("uncontrollable-target: a target on new leads, which marketing brings in", () => {
    const findings = auditKpiSet([calls, meetings, { ...catalogKpi("new-leads-per-month"), target: { value: 50 }, baseline: { value: 45 } }]);
    expect(findings.map((f) => [f.code, f.kpiIds])).toEqual([["uncontrollable-target", ["new-leads-per-month"]]]);
  });

  it("target-far-above-baseline: 140 calls on a baseline of 100 is 40% up (> 30%), 130 is not", () => {
    const far = auditKpiSet([{ ...calls, target: { value: 140 }, baseline: { value: 100 } }, meetings]);
    expect(far.map((f) => f.code)).toEqual(["target-far-above-baseline"]);
    expect(far[0]?.message).toContain("30%");
    expect(codes([{ ...calls, target: { value: 130 }, baseline: { value: 100 } }, meetings])).toEqual([]);
    expect(codes([{ ...calls, target: { value: 140 }, baseline: { value: 100 } }, meetings], { maxUplift: 0.5 })).toEqual([]);
  });

  it("target-far-above-baseline for lower-is-better: a sales cycle target of 30 days on a baseline of 60 is too far below", () => {
    const cycle = { ...catalogKpi("sales-cycle"), target: { value: 30 }, baseline: { value: 60 } };
    expect(codes([calls, meetings, cycle])).toEqual(["target-far-above-baseline"]);
    expect(codes([calls, meetings, { ...cycle, target: { value: 50 } }])).toEqual([]);
  });

  it("ambiguous-conversion: lead→SQL (MQL → SQL) without a written definition of SQL", () => {
    const conversion = catalogKpi("conversion-lead-sql");
    const findings = auditKpiSet([calls, meetings, { ...conversion, stepDefinitions: { mql: "a contact marketing judged ready for sales" } }]);
    expect(findings.map((f) => [f.code, f.kpiIds])).toEqual([["ambiguous-conversion", ["conversion-lead-sql"]]]);
    expect(findings[0]?.message).toContain('"sql"');
    const defined = { ...conversion, stepDefinitions: { mql: "a contact marketing judged ready for sales", sql: "accepted by sales after a discovery call" } };
    expect(codes([calls, meetings, defined])).toEqual([]);
  });

  it("ambiguous-conversion for a builtin conversion without `conversion`: the steps the builtin computes (close rate: sql → customer)", () => {
    const { conversion: _closeSteps, ...closeRate } = catalogKpi("close-rate");
    const { conversion: _leadSteps, ...leadSql } = catalogKpi("conversion-lead-sql");
    const definitions = { sql: "accepted by sales after a discovery call", customer: "signed the first order", mql: "marketing judged it ready for sales" };
    expect(codes([calls, meetings, { ...closeRate, stepDefinitions: definitions }, { ...leadSql, stepDefinitions: definitions }])).toEqual([]);
    const findings = auditKpiSet([calls, meetings, { ...closeRate, stepDefinitions: { sql: definitions.sql } }]);
    expect(findings[0]?.message).toContain('"customer"');
  });

  it("a ratio of two lead counts is a conversion KPI too", () => {
    const kpi: KpiDefinitionInput = {
      id: "mql-to-sql", labels: { en: "MQL → SQL", nl: "MQL → SQL" }, kind: "insight", unit: "ratio", direction: "higher-is-better",
      controllable: true, formula: "SQLs ÷ MQLs", indicator: "lead", indicatorReason: "tested",
      measure: { kind: "ratio", numerator: { kind: "count", source: "leads", step: "sql" }, denominator: { kind: "count", source: "leads", step: "mql" } },
    };
    expect(codes([calls, kpi])).toEqual(["ambiguous-conversion"]);
  });

  it("refuses two KPIs with the same id", () => {
    expect(() => auditKpiSet([calls, calls])).toThrow(KpiDefinitionError);
  });
});
