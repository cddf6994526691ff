import { builtinRegistry } from "../../src/kpi/builtin-registry.js";
import { describe, expect, it } from "vitest";
import { BuiltinMeasureIdSchema, catalogKpi, closeRate, conversionRate, KpiDefinitionError, KpiDefinitionSchema, kpiCatalog, measureSeries, standardConversions, standardFunnelSteps, type Lead } from "../../src/index.js";

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

  it("conversion entries name the steps their builtin converts between (close rate is SQL → customer, lead → SQL is MQL → SQL)", () => {
    const conversionIds = Object.keys(standardConversions) as Array<keyof typeof standardConversions>;
    // …and carry the builtin registry's window, so cohorts are compared at equal age.
    for (const id of conversionIds) {
      expect(catalogKpi(id).conversion, id).toEqual({ ...standardConversions[id], windowDays: builtinRegistry[id].conversion?.windowDays });
    }
    expect(catalogKpi("close-rate").conversion).toEqual({ from: "sql", to: "customer", windowDays: 90 });
    expect(catalogKpi("conversion-lead-sql").conversion).toEqual({ from: "mql", to: "sql", windowDays: 30 });
  });

  it("conversion formulas say what is computed: a cohort of leads reaching the from step in the period, the share reaching the to step", () => {
    const stepWords: Record<string, string> = { mql: "(MQL", sql: "(SQL", quote: "quote", customer: "customer" };
    for (const id of Object.keys(standardConversions) as Array<keyof typeof standardConversions>) {
      const { formula, conversion } = catalogKpi(id);
      expect(formula, id).toMatch(/cohort/);
      expect(formula, id).toContain(stepWords[conversion?.from ?? ""]);
      expect(formula, id).toContain(stepWords[conversion?.to ?? ""]);
      expect(formula, id).not.toMatch(/created in the period|deals won/);
    }
  });

  it("close rate as the catalog describes it: 4 leads became SQL in March, 1 became a customer → 25%, the same as SQL → customer", () => {
    const leads: Lead[] = [
      { id: "a", createdAt: "2026-02-20", reached: { mql: "2026-02-25", sql: "2026-03-02", quote: "2026-03-10", customer: "2026-03-20" } },
      { id: "b", createdAt: "2026-03-01", reached: { sql: "2026-03-03", quote: "2026-03-12" } },
      { id: "c", createdAt: "2026-03-01", reached: { mql: "2026-03-01", sql: "2026-03-04" } },
      { id: "d", createdAt: "2026-03-01", reached: { sql: "2026-03-05" } },
      // created and MQL in March, SQL only in April: not in the March SQL cohort
      { id: "e", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-04-02", customer: "2026-04-20" } },
    ];
    const options = { period: { from: "2026-03-01", to: "2026-04-01" }, asOf: "2026-06-30" };
    expect(closeRate(leads, options).value?.toString()).toBe("0.25");
    const { from, to } = catalogKpi("close-rate").conversion ?? { from: "", to: "" };
    expect(conversionRate(leads, { from, to, steps: [...standardFunnelSteps], ...options }).value?.toString()).toBe("0.25");
    // Lead → SQL is MQL → SQL within 30 days: the March MQLs are c and e, and b and d (MQL implied by
    // their March SQL); a was an MQL in February. e became an SQL 31 days after its MQL: too late.
    const leadSql = catalogKpi("conversion-lead-sql").conversion ?? { from: "", to: "" };
    expect(leadSql.windowDays).toBe(30);
    const result = conversionRate(leads, { ...leadSql, steps: [...standardFunnelSteps], ...options });
    expect([result.entered, result.converted]).toEqual([4, 3]);
  });

  it("rep turnover's formula names the average headcount it divides by: (start + end) ÷ 2", () => {
    expect(catalogKpi("rep-turnover").formula).toMatch(/start.*end.*÷ 2/);
  });
});
