// The library never mutates its input, so its input types accept read-only data: `as const`
// literals and `readonly` arrays type-check (`npm run typecheck` compiles this file) and run.
import { describe, expect, it } from "vitest";
import { type Deal, type KpiData, type Lead, conversionRate, measureTotals, weightedPipelineValue, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));

const data = {
  pipeline: { stages: [{ id: "open", probability: 0.25, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
  reps: [{ id: "anna", team: "north" }],
  deals: [
    { id: "d1", owner: "anna", stage: "open", amount: "400", createdAt: "2026-01-05", stageHistory: [{ stage: "open", at: "2026-01-05" }] },
    { id: "d2", owner: "anna", stage: "won", amount: 100, createdAt: "2026-01-06", closedAt: "2026-02-01" },
  ],
  activities: [{ owner: "anna", type: "call", at: "2026-01-07", quantity: 3 }],
  leads: [{ id: "l1", createdAt: "2026-01-02", reached: { mql: "2026-01-03", sql: "2026-01-09" } }],
} as const satisfies KpiData;

function totalWeighted(deals: readonly Deal[]): string {
  return weightedPipelineValue(deals, { pipeline: data.pipeline, asOf: "2026-03-01" }).total.toString();
}

describe("read-only input", () => {
  it("as const data and readonly arrays are accepted and give the same results", () => {
    expect(totalWeighted(data.deals)).toBe("100");
    const callsAndMeetings = { kind: "count", source: "activities", where: { type: ["call", "meeting"] } } as const;
    expect(measureTotals(data, callsAndMeetings, { from: "2026-01-01", to: "2026-02-01" }).total.value?.toString()).toBe("3");
    const leads: readonly Lead[] = data.leads;
    const rate = conversionRate(leads, { from: "mql", to: "sql", period: { from: "2026-01-01", to: "2026-02-01" }, asOf: "2026-03-01" });
    expect(rate.value?.toString()).toBe("1");
    expect(prepareKpiData(data).deals).toHaveLength(2);
  });
});
