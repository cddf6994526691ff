import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiInputError, prepareKpiData, profileKpiData } from "../../src/index.js";
import { activityArb, dealsArb, leadsArb, REP_ROSTER, SAMPLE_PIPELINE } from "../arbitraries.js";

const pipeline = {
  stages: [
    { id: "proposal", probability: 0.5, outcome: "open" as const },
    { id: "won", probability: 1, outcome: "won" as const },
    { id: "lost", probability: 0, outcome: "lost" as const },
  ],
};

describe("profileKpiData", () => {
  const data = {
    pipeline,
    reps: [
      { id: "ann", name: "Ann", team: "north" },
      { id: "bob", team: "south" },
      { id: "eve", name: "Eve", team: "north" },
    ],
    deals: [
      // created 2 March, moved to proposal 5 March, won 20 April: the latest instant of all
      { id: "d1", owner: "ann", stage: "won", amount: "100", currency: "EUR", account: "acme", createdAt: "2026-03-02T09:00:00Z", closedAt: "2026-04-20T09:00:00Z", stageHistory: [{ stage: "proposal", at: "2026-03-05T09:00:00Z" }] },
      { id: "d2", owner: "bob", stage: "proposal", currency: "USD", product: "gtx", createdAt: "2026-03-10T09:00:00Z" },
    ],
    activities: [
      { owner: "ann", type: "email", at: "2026-03-03T09:00:00Z" },
      { owner: "bob", type: "call", at: "2026-03-04T09:00:00Z" },
      { owner: "zed", type: "call", at: "2026-03-01T09:00:00Z" },
    ],
    // a lead of a team no rep is in, reached SQL on 1 March, before its creation row says… created 28 February
    leads: [{ id: "l1", team: "west", source: "web", createdAt: "2026-02-28T09:00:00Z", reached: { mql: "2026-02-28T09:00:00Z", sql: "2026-03-01T09:00:00Z" } }],
  };

  it("counts rows, finds the first and last instant over deals' history, activities and leads", () => {
    const profile = profileKpiData(data);
    expect(profile.rows).toEqual({ reps: 3, deals: 2, activities: 3, leads: 1 });
    expect(new Date(profile.firstMs ?? 0).toISOString()).toBe("2026-02-28T09:00:00.000Z");
    expect(new Date(profile.lastMs ?? 0).toISOString()).toBe("2026-04-20T09:00:00.000Z");
  });

  it("lists teams of the roster and of rows, owners per collection, types by rows then name, currencies and the deals' optional fields", () => {
    const profile = profileKpiData(data);
    expect(profile.teams).toEqual(["north", "south", "west"]);
    expect(profile.owners).toEqual({ deals: ["ann", "bob"], activities: ["ann", "bob", "zed"], leads: [] });
    expect(profile.activityTypes).toEqual([
      { type: "call", rows: 2 },
      { type: "email", rows: 1 },
    ]);
    expect(profile.currencies).toEqual(["EUR", "USD"]);
    expect(profile.dealsWith).toEqual({ amount: 1, account: 1, product: 1, source: 0 });
    // Eve owns no deal: what the CLI's "reps without deals" note reads
    expect(profile.reps.filter((rep) => !profile.owners.deals.includes(rep.id)).map((rep) => rep.name)).toEqual(["Eve"]);
  });

  it("reads raw date-only instants in the calendar given, as the KPIs would", () => {
    const raw = { activities: [{ owner: "ann", type: "call", at: "2026-03-31" }] };
    expect(new Date(profileKpiData(raw).firstMs ?? 0).toISOString()).toBe("2026-03-31T00:00:00.000Z");
    expect(new Date(profileKpiData(raw, { calendar: { timeZone: "Europe/Amsterdam" } }).firstMs ?? 0).toISOString()).toBe("2026-03-30T22:00:00.000Z");
  });

  it("names skipped rows when invalid rows are skipped, and throws on them otherwise", () => {
    const bad = { activities: [{ owner: "ann", type: "call", at: "2026-03-31" }, { owner: "ann", type: "call", at: "not a date" }] };
    const profile = profileKpiData(bad, { invalidRows: "skip" });
    expect([profile.rows.activities, profile.skipped.map((row) => [row.collection, row.index])]).toEqual([1, [["activities", 1]]]);
    expect(() => profileKpiData(bad)).toThrow(KpiInputError);
  });

  it("profiles prepared data the same as the raw bag it came from", () => {
    expect(profileKpiData(prepareKpiData(data))).toEqual(profileKpiData(data));
  });

  it("says an empty bag has no rows and no instants", () => {
    expect(profileKpiData({})).toMatchObject({ rows: { reps: 0, deals: 0, activities: 0, leads: 0 }, firstMs: null, lastMs: null, teams: [] });
  });
});

describe("profileKpiData properties", () => {
  it("does not depend on row order, and raw and prepared data give the same profile", () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 25 }), dealsArb(12), leadsArb(10), fc.integer(), (activities, deals, leads, seed) => {
        const reps = REP_ROSTER.map((rep) => ({ ...rep }));
        const bag = { pipeline: SAMPLE_PIPELINE, reps, activities, deals, leads };
        const shuffle = <T>(rows: readonly T[]): T[] => rows.map((row, i) => ({ row, key: Math.sin(seed + i) })).sort((a, b) => a.key - b.key).map(({ row }) => row);
        const shuffled = { ...bag, activities: shuffle(activities), deals: shuffle(deals), leads: shuffle(leads) };
        const profile = profileKpiData(bag);
        const { reps: _a, skipped: _b, ...orderFree } = profile;
        const { reps: _c, skipped: _d, ...orderFreeShuffled } = profileKpiData(shuffled);
        expect(orderFreeShuffled).toEqual(orderFree);
        expect(profileKpiData(prepareKpiData(bag))).toEqual(profile);
        // Counts add up: every activity row is in one type, every instant inside [first, last].
        expect(profile.activityTypes.reduce((sum, t) => sum + t.rows, 0)).toBe(activities.length);
        if (profile.firstMs !== null && profile.lastMs !== null) expect(profile.firstMs).toBeLessThanOrEqual(profile.lastMs);
      }),
      { numRuns: 150 },
    );
  });
});
