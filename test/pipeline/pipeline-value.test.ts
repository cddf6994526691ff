import { describe, expect, it } from "vitest";
import { KpiDefinitionError, pipelineValue, winRate } from "../../src/index.js";
import { pipeline } from "./fixtures.js";

describe("pipelineValue", () => {
  it("matches its documented example: the open deals at full amount, 10000 + 5000", () => {
    const docPipeline = {
      stages: [
        { id: "qualify", probability: 0.1, outcome: "open" as const },
        { id: "proposal", probability: 0.5, outcome: "open" as const },
        { id: "won", probability: 1, outcome: "won" as const },
        { id: "lost", probability: 0, outcome: "lost" as const },
      ],
    };
    const result = pipelineValue(
      [
        { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-05" },
        { id: "b", owner: "bob", stage: "qualify", amount: "5000", createdAt: "2026-01-06" },
        { id: "c", owner: "ann", stage: "won", amount: "8000", createdAt: "2026-01-02", closedAt: "2026-02-01" },
      ],
      { pipeline: docPipeline, asOf: "2026-03-31" },
    );
    expect(result.total.toString()).toBe("15000");
    expect(result.weighted).toBe(false);
    expect(result.byOwner.map((o) => [o.owner, o.total.toString()])).toEqual([
      ["ann", "10000"],
      ["bob", "5000"],
    ]);
  });

  it("rejects options that make no sense with a KpiDefinitionError naming the option", () => {
    const run = (options: object) => {
      try {
        pipelineValue([], { pipeline, ...options });
      } catch (error) {
        return error as KpiDefinitionError;
      }
      throw new Error("expected an error");
    };
    expect(run({ staleAfterDays: -1 }).issues[0]?.path).toEqual(["staleAfterDays"]);
    expect(run({ missingAmount: "guess" }).code).toBe("invalid-definition");
    expect(run({ rates: { USD: "abc" } }).issues[0]?.path).toEqual(["rates", "USD"]);
    expect(() => winRate([], { pipeline, period: { from: "2026-02-01", to: "2026-01-01" } })).toThrow(KpiDefinitionError);
    expect(() => winRate([], { pipeline, period: { from: "2026-01-01", to: "2026-02-01" }, basis: "won" as "closed" })).toThrow(KpiDefinitionError);
    expect(() => pipelineValue([], { pipeline, staleAfterDays: 10 })).toThrow(/asOf/);
  });
});
