import { describe, expect, it } from "vitest";
import { type KpiData, KpiDefinitionError, KpiInputError, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));

const pipeline = {
  stages: [
    { id: "qualify", probability: 0.2, outcome: "open" as const },
    { id: "proposal", probability: 0.6, outcome: "open" as const },
    { id: "won", probability: 1, outcome: "won" as const },
    { id: "lost", probability: 0, outcome: "lost" as const },
  ],
};

function inputError(run: () => unknown): KpiInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiInputError) return error;
    throw error;
  }
  throw new Error("expected a KpiInputError");
}

describe("prepareKpiData", () => {
  it("reads date-only values as the start of the local day and amounts as exact Decimals", () => {
    const prepared = prepareKpiData(
      {
        pipeline,
        deals: [{ id: "d1", owner: "ann", stage: "won", amount: "1234.50", createdAt: "2026-03-01", closedAt: "2026-03-31T23:30:00+02:00" }],
      },
      { calendar: { timeZone: "Europe/Amsterdam" } },
    );
    const deal = prepared.deals[0]!;
    expect(deal.createdAt).toBe(Date.parse("2026-02-28T23:00:00Z"));
    expect(deal.closedAt).toBe(Date.parse("2026-03-31T21:30:00Z"));
    expect(deal.amount?.toString()).toBe("1234.5");
    expect(deal.stage.outcome).toBe("won");
  });

  it("names the row index and field of a bad amount", () => {
    const error = inputError(() =>
      prepareKpiData({
        pipeline,
        deals: [
          { id: "d1", owner: "ann", stage: "qualify", createdAt: "2026-01-01", amount: 10 },
          { id: "d2", owner: "ann", stage: "qualify", createdAt: "2026-01-01", amount: "ten" },
        ],
      }),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues.map((issue) => issue.path)).toEqual([["deals", 1, "amount"]]);
    expect(error.message).toContain("deals[1].amount: expected an amount: a decimal string or number");
  });

  it("lists every bad row, not just the first", () => {
    const error = inputError(() =>
      prepareKpiData({
        activities: [
          { owner: "ann", type: "call", at: "2026-02-30" },
          { owner: "ann", type: "call", at: "2026-02-01T10:00:00" },
          { owner: "", type: "call", at: "2026-02-01", quantity: 0 },
        ],
      }),
    );
    const paths = error.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["activities.0.at", "activities.1.at", "activities.2.owner", "activities.2.quantity"]));
  });

  it("rejects a won deal closed before it was created, and one without a close date", () => {
    const error = inputError(() =>
      prepareKpiData({
        pipeline,
        deals: [
          { id: "d1", owner: "ann", stage: "won", createdAt: "2026-03-10", closedAt: "2026-03-01" },
          { id: "d2", owner: "ann", stage: "lost", createdAt: "2026-03-10" },
        ],
      }),
    );
    expect(error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["deals.0.closedAt", "closedAt is before createdAt"],
      ["deals.1.closedAt", 'deal is in closed stage "lost" but has no closedAt'],
    ]);
  });

  it("rejects a stage that is not in the pipeline, also in the history", () => {
    const error = inputError(() =>
      prepareKpiData({
        pipeline,
        deals: [{ id: "d1", owner: "ann", stage: "demo", createdAt: "2026-03-10", stageHistory: [{ stage: "pitch", at: "2026-03-11" }] }],
      }),
    );
    expect(error.issues.map((issue) => issue.path.join("."))).toEqual(["deals.0.stage", "deals.0.stageHistory.0.stage"]);
  });

  it("takes the effective close of a deal won, reopened and lost from its last move into a closed stage", () => {
    const prepared = prepareKpiData({
      pipeline,
      deals: [
        {
          id: "d1",
          owner: "ann",
          stage: "lost",
          createdAt: "2026-01-05",
          closedAt: "2026-02-01",
          stageHistory: [
            { stage: "lost", at: "2026-03-20" },
            { stage: "qualify", at: "2026-01-05" },
            { stage: "won", at: "2026-02-01" },
            { stage: "proposal", at: "2026-02-15" },
          ],
        },
      ],
    });
    const deal = prepared.deals[0]!;
    expect(deal.history.map((move) => move.stage.id)).toEqual(["qualify", "won", "proposal", "lost"]);
    expect(deal.closedAt).toBe(Date.UTC(2026, 2, 20));
  });

  it("needs a pipeline for deals, and a valid one", () => {
    expect(() => prepareKpiData({ deals: [{ id: "d", owner: "a", stage: "won", createdAt: "2026-01-01" }] })).toThrow(KpiDefinitionError);
    expect(() => prepareKpiData({ pipeline: { stages: [{ id: "won", probability: 0.9, outcome: "won" }] } })).toThrow(/won stage has probability 1/);
    expect(() =>
      prepareKpiData({
        pipeline: {
          stages: [
            { id: "a", probability: 0.1, outcome: "open" },
            { id: "a", probability: 0.2, outcome: "open" },
          ],
        },
      }),
    ).toThrow(/appears more than once/);
  });

  it("skips bad rows and counts them when asked to", () => {
    const prepared = prepareKpiData(
      { activities: [{ owner: "ann", type: "call", at: "2026-01-01" }, { owner: "ann", type: "call", at: "yesterday" }] },
      { invalidRows: "skip" },
    );
    expect(prepared.activities).toHaveLength(1);
    expect(prepared.skipped).toEqual([{ collection: "activities", index: 1, reasons: [expect.stringMatching(/^activities\[1\]\.at: /)] }]);
  });

  it("fills a row's team from the roster", () => {
    const prepared = prepareKpiData({
      reps: [{ id: "ann", team: "North" }],
      activities: [
        { owner: "ann", type: "call", at: "2026-01-01" },
        { owner: "ann", type: "call", at: "2026-01-01", team: "Special" },
        { owner: "bob", type: "call", at: "2026-01-01" },
      ],
    });
    expect(prepared.activities.map((a) => a.team)).toEqual(["North", "Special", undefined]);
  });

  it("returns prepared data as it is, and refuses it with another calendar", () => {
    const prepared = prepareKpiData({}, { calendar: { timeZone: "Europe/Amsterdam" } });
    expect(prepareKpiData(prepared)).toBe(prepared);
    expect(() => prepareKpiData(prepared, { calendar: { timeZone: "UTC" } })).toThrow(KpiDefinitionError);
  });

  it("never mutates its input", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        {
          id: "d1",
          owner: "ann",
          stage: "won",
          createdAt: "2026-01-05",
          closedAt: "2026-02-01",
          stageHistory: [
            { stage: "won", at: "2026-02-01" },
            { stage: "qualify", at: "2026-01-05" },
          ],
        },
      ],
      leads: [{ id: "l1", createdAt: "2026-01-01", reached: { mql: "2026-01-01" } }],
    };
    const before = structuredClone(data);
    prepareKpiData(data);
    expect(data).toEqual(before);
  });
});
