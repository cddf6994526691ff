import { describe, expect, it } from "vitest";
import { BuiltinMeasureIdSchema, catalogKpi, KpiDefinitionError, KpiDefinitionSchema, kpiCatalog, measureSeries } from "../../src/index.js";

const DESIGN_LIST = [
  "first-meetings", "follow-up-meetings", "qualified-proposals", "new-customers", "revenue-per-channel", "contract-renewals",
  "customer-satisfaction", "pipeline-value", "weighted-pipeline-value", "rep-turnover", "training-hours", "coaching-sessions",
  "reps-on-track", "reps-at-target", "close-rate", "returned-leads", "cross-up-sell", "sales-cycle", "cac", "average-deal-size",
  "new-accounts-per-channel", "new-revenue-per-month", "new-leads-per-month", "sales-conversations-per-week",
  "conversion-lead-sql", "conversion-sql-customer", "conversion-quote-customer", "month-over-month-growth", "win-rate",
  "units-sold-per-period", "enps",
];

describe("kpiCatalog", () => {
  it("holds every KPI named in DESIGN §4, each a valid definition with unique id and Dutch label", () => {
    const ids = kpiCatalog.map((kpi) => kpi.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of DESIGN_LIST) expect(ids).toContain(id);
    for (const kpi of kpiCatalog) {
      expect(KpiDefinitionSchema.safeParse(kpi).success).toBe(true);
      expect(kpi.labels.nl.length).toBeGreaterThan(0);
      expect(kpi.formula.length).toBeGreaterThan(0);
    }
    expect(kpiCatalog.find((kpi) => kpi.id === "first-meetings")?.labels.nl).toBe("Eerste afspraken");
  });

  it("uses every builtin id, and measureSeries refuses to pretend to compute them", () => {
    const builtins = new Set(kpiCatalog.flatMap((kpi) => (kpi.measure.kind === "builtin" ? [kpi.measure.id] : [])));
    expect([...builtins].sort()).toEqual([...BuiltinMeasureIdSchema.options].sort());
    expect(() => measureSeries({}, catalogKpi("win-rate").measure, { from: "2026-01-01", to: "2026-02-01", grain: "month" })).toThrow(KpiDefinitionError);
  });

  it("computes the non-builtin entries from data", () => {
    const series = measureSeries(
      { activities: [{ owner: "ann", type: "first-meeting", at: "2026-01-05" }, { owner: "ann", type: "call", at: "2026-01-05" }] },
      catalogKpi("first-meetings").measure,
      { from: "2026-01-01", to: "2026-02-01", grain: "month" },
    );
    expect(series.points[0]?.value?.toString()).toBe("1");
  });

  it("catalogKpi finds an entry or throws; entries are frozen", () => {
    expect(catalogKpi("win-rate").kind).toBe("insight");
    expect(() => catalogKpi("nope")).toThrow(KpiDefinitionError);
    expect(Object.isFrozen(catalogKpi("calls").labels)).toBe(true);
  });
});
