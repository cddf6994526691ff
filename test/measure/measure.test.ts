import { describe, expect, it } from "vitest";
import { KpiDefinitionSchema, MeasureSchema } from "../../src/index.js";

describe("MeasureSchema", () => {
  it("accepts the measures of DESIGN §5 (the doc example among them)", () => {
    const measures = [
      { kind: "count", source: "activities", where: { type: "call" } },
      { kind: "count", source: "deals", at: "createdAt", where: { source: ["web", "event"] } },
      { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } },
      { kind: "distinct", source: "deals", key: "account", at: "closedAt", first: true, where: { outcome: "won" } },
      { kind: "count", source: "leads", step: "sql" },
      { kind: "count", source: "leads", at: "createdAt", where: { owner: "ann" } },
      { kind: "ratio", numerator: { kind: "count", source: "activities", where: { type: "meeting" } }, denominator: { kind: "count", source: "activities", where: { type: "call" } } },
      { kind: "builtin", id: "win-rate" },
    ];
    for (const measure of measures) expect(MeasureSchema.safeParse(measure).success).toBe(true);
  });

  it("rejects what makes no sense, with the path of the problem", () => {
    const cases: Array<[unknown, PropertyKey[]]> = [
      [{ kind: "count", source: "leads" }, ["step"]],
      [{ kind: "count", source: "leads", step: "sql", at: "createdAt" }, ["step"]],
      [{ kind: "count", source: "activities", where: { outcome: "won" } }, ["where"]],
      [{ kind: "sum", source: "deals", field: "amount", at: "expectedCloseAt" }, ["at"]],
      [{ kind: "builtin", id: "magic" }, ["id"]],
      [{ kind: "ratio", numerator: { kind: "builtin", id: "win-rate" }, denominator: { kind: "count", source: "activities" } }, ["numerator", "kind"]],
    ];
    for (const [measure, path] of cases) {
      const result = MeasureSchema.safeParse(measure);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(path);
    }
  });
});

describe("KpiDefinitionSchema", () => {
  it("parses the doc example and needs Dutch labels", () => {
    const calls = {
      id: "calls", labels: { en: "Calls", nl: "Telefoongesprekken" }, kind: "action", unit: "count",
      direction: "higher-is-better", controllable: true, formula: "number of calls",
      measure: { kind: "count", source: "activities", where: { type: "call" } },
    };
    expect(KpiDefinitionSchema.parse(calls).labels.nl).toBe("Telefoongesprekken");
    expect(KpiDefinitionSchema.safeParse({ ...calls, labels: { en: "Calls" } }).error?.issues[0]?.path).toEqual(["labels", "nl"]);
  });
});
