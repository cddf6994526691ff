import { describe, expect, it } from "vitest";
import { catalogKpi, classifyIndicator, KpiDefinitionError, type KpiDefinitionInput } from "../../src/index.js";

const base = {
  labels: { en: "x", nl: "x" },
  unit: "count",
  direction: "higher-is-better",
  controllable: true,
  formula: "x",
} as const;

describe("classifyIndicator", () => {
  it("calls are a lead indicator (action KPI)", () => {
    expect(classifyIndicator(catalogKpi("calls"))).toMatchObject({ indicator: "lead", overridden: false });
  });

  it("won revenue is a lag indicator (result KPI)", () => {
    expect(classifyIndicator(catalogKpi("new-revenue-per-month")).indicator).toBe("lag");
  });

  it("meetings per call is a lead indicator: an insight computed only from activities", () => {
    const result = classifyIndicator(catalogKpi("meetings-per-call"));
    expect(result.indicator).toBe("lead");
    expect(result.reason).toContain("only from activities");
  });

  it("win rate is a lag indicator: an insight computed from won deals", () => {
    const result = classifyIndicator(catalogKpi("win-rate"));
    expect(result.indicator).toBe("lag");
    expect(result.reason).toContain('builtin "win-rate"');
  });

  it("revenue per call is lag: one of its measures uses deals", () => {
    const kpi: KpiDefinitionInput = {
      ...base,
      id: "revenue-per-call",
      kind: "insight",
      measure: {
        kind: "ratio",
        numerator: { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } },
        denominator: { kind: "count", source: "activities", where: { type: "call" } },
      },
    };
    expect(classifyIndicator(kpi)).toMatchObject({ indicator: "lag" });
  });

  it("an override wins and carries its reason; without a reason it is refused", () => {
    const kpi: KpiDefinitionInput = {
      ...base,
      id: "pipeline",
      kind: "result",
      measure: { kind: "builtin", id: "pipeline-value" },
      indicator: "lead",
      indicatorReason: "pipeline built now is revenue next quarter",
    };
    expect(classifyIndicator(kpi)).toEqual({ indicator: "lead", reason: "pipeline built now is revenue next quarter", overridden: true });
    const { indicatorReason: _dropped, ...withoutReason } = kpi;
    try {
      classifyIndicator(withoutReason);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KpiDefinitionError);
      expect((error as KpiDefinitionError).issues[0]?.path).toEqual(["kpi", "indicatorReason"]);
    }
  });
});
