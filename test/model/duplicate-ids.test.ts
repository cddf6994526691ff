import { describe, expect, it } from "vitest";
import { KpiInputError, conversionRate, winRate, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import { pipeline } from "../pipeline/fixtures.js";

function inputError(run: () => unknown): KpiInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiInputError) return error;
    throw error;
  }
  throw new Error("expected a KpiInputError");
}

const issuesOf = (error: KpiInputError) => error.issues.map((issue) => [issue.path.join("."), issue.message]);

const won = (id: string, closedAt = "2026-02-01") => ({ id, owner: "ann", stage: "won", amount: "100", createdAt: "2026-01-05", closedAt });
const lost = (id: string) => ({ id, owner: "ann", stage: "lost", amount: "100", createdAt: "2026-01-05", closedAt: "2026-02-01" });

describe("an id used twice in a collection is an input error at the later row", () => {
  it("deals: the later row's id, naming the earlier row", () => {
    const deals = [won("d0"), won("d1"), lost("d2"), won("d3"), won("d4"), won("d5"), won("d6"), lost("d2")];
    const error = inputError(() => prepareKpiData({ pipeline, deals }));
    expect(error.code).toBe("invalid-input");
    expect(issuesOf(error)).toEqual([["deals.7.id", 'duplicate id "d2": also deals[2]']]);
    expect(error.message).toContain('deals[7].id: duplicate id "d2": also deals[2]');
  });

  it("a deal listed twice is not counted twice in the win rate: the data is refused", () => {
    expect(() => winRate([won("d1"), lost("d2"), won("d1", "2026-02-10")], { pipeline, period: { from: "2026-01-01", to: "2026-04-01" } })).toThrow(
      /deals\[2\]\.id: duplicate id "d1": also deals\[0\]/,
    );
  });

  it("reps: a rep listed twice (in two teams) is refused, so the team never depends on row order", () => {
    const error = inputError(() =>
      prepareKpiData({
        reps: [
          { id: "ann", team: "north" },
          { id: "bob", team: "north" },
          { id: "ann", team: "south" },
        ],
      }),
    );
    expect(issuesOf(error)).toEqual([["reps.2.id", 'duplicate id "ann": also reps[0]']]);
  });

  it("leads: a lead listed twice is refused, so conversion counts distinct leads", () => {
    const lead = { id: "l1", createdAt: "2026-01-02", reached: { mql: "2026-01-02", sql: "2026-01-10" } };
    const leads = [lead, { id: "l2", createdAt: "2026-01-03", reached: { mql: "2026-01-03" } }, lead];
    expect(issuesOf(inputError(() => prepareKpiData({ leads })))).toEqual([["leads.2.id", 'duplicate id "l1": also leads[0]']]);
    expect(() => conversionRate(leads, { from: "mql", to: "sql", period: { from: "2026-01-01", to: "2026-02-01" }, asOf: "2026-03-01" })).toThrow(KpiInputError);
  });

  it("activities: only those with an id are checked (the id is optional)", () => {
    const call = { owner: "ann", type: "call", at: "2026-01-05" };
    expect(prepareKpiData({ activities: [call, call, call] }).activities).toHaveLength(3);
    const error = inputError(() => prepareKpiData({ activities: [{ ...call, id: "a1" }, call, { ...call, id: "a2" }, { ...call, id: "a1" }] }));
    expect(issuesOf(error)).toEqual([["activities.3.id", 'duplicate id "a1": also activities[0]']]);
  });

  it("ids are per collection: a deal, a lead, a rep and an activity may share one", () => {
    const prepared = prepareKpiData({
      pipeline,
      reps: [{ id: "x" }],
      deals: [won("x")],
      leads: [{ id: "x", createdAt: "2026-01-01" }],
      activities: [{ id: "x", owner: "x", type: "call", at: "2026-01-01" }],
    });
    expect([prepared.reps.length, prepared.deals.length, prepared.leads.length, prepared.activities.length]).toEqual([1, 1, 1, 1]);
  });

  it("every duplicate is listed, each naming the first row with that id", () => {
    const error = inputError(() => prepareKpiData({ pipeline, deals: [won("d1"), won("d1"), won("d2"), won("d1")] }));
    expect(issuesOf(error)).toEqual([
      ["deals.1.id", 'duplicate id "d1": also deals[0]'],
      ["deals.3.id", 'duplicate id "d1": also deals[0]'],
    ]);
  });
});

describe('with invalidRows: "skip" the later duplicate is left out and listed', () => {
  it("keeps the first row with an id and skips the later ones, in every collection", () => {
    const prepared = prepareKpiData(
      {
        pipeline,
        reps: [
          { id: "ann", team: "north" },
          { id: "ann", team: "south" },
        ],
        deals: [won("d1"), lost("d1")],
        leads: [
          { id: "l1", createdAt: "2026-01-02" },
          { id: "l1", createdAt: "2026-01-03" },
        ],
        activities: [
          { id: "a1", owner: "ann", type: "call", at: "2026-01-05" },
          { id: "a1", owner: "ann", type: "email", at: "2026-01-06" },
        ],
      },
      { invalidRows: "skip" },
    );
    expect(prepared.reps.map((rep) => rep.team)).toEqual(["north"]);
    expect(prepared.deals.map((deal) => deal.stage.id)).toEqual(["won"]);
    expect(prepared.leads.map((lead) => lead.index)).toEqual([0]);
    expect(prepared.activities.map((activity) => activity.type)).toEqual(["call"]);
    expect(prepared.activities[0]?.team).toBe("north");
    expect(prepared.skipped).toEqual([
      { collection: "reps", index: 1, reasons: ['reps[1].id: duplicate id "ann": also reps[0]'] },
      { collection: "activities", index: 1, reasons: ['activities[1].id: duplicate id "a1": also activities[0]'] },
      { collection: "leads", index: 1, reasons: ['leads[1].id: duplicate id "l1": also leads[0]'] },
      { collection: "deals", index: 1, reasons: ['deals[1].id: duplicate id "d1": also deals[0]'] },
    ]);
  });

  it("a skipped invalid row does not claim its id: the next valid row with it is kept", () => {
    const prepared = prepareKpiData({ pipeline, deals: [{ ...won("d1"), createdAt: "yesterday" }, lost("d1")] }, { invalidRows: "skip" });
    expect(prepared.deals.map((deal) => [deal.index, deal.stage.id])).toEqual([[1, "lost"]]);
    expect(prepared.skipped.map((row) => row.index)).toEqual([0]);
  });
});
