// insertKpiData: a bag into the default layout, on DuckDB and PGlite; what the engine then
// computes equals the in-process result.
import { describe, expect, it } from "vitest";
import { catalogKpi, kpiSeries, KpiInputError } from "../../src/index.js";
import { createTablesSql, insertKpiData, sqlEngine } from "../../src/sql.js";
import { openDuckDb, openPglite, type TestDatabase } from "./databases.js";

const pipeline = {
  stages: [
    { id: "proposal", probability: 0.5, outcome: "open" as const },
    { id: "won", probability: 1, outcome: "won" as const },
    { id: "lost", probability: 0, outcome: "lost" as const },
  ],
};
const data = {
  pipeline,
  reps: [{ id: "ann", team: "north" }, { id: "bob", team: "south" }],
  deals: [
    { id: "d1", owner: "ann", stage: "won", amount: "1200.50", createdAt: "2026-01-05T09:00:00Z", closedAt: "2026-02-10T09:00:00Z", stageHistory: [{ stage: "proposal", at: "2026-01-20T09:00:00Z" }] },
    { id: "d2", owner: "bob", stage: "lost", amount: "300", createdAt: "2026-01-06T09:00:00Z", closedAt: "2026-02-11T09:00:00Z" },
    { id: "d3", owner: "bob", stage: "won", amount: "99.99", createdAt: "2026-01-07T09:00:00Z", closedAt: "2026-02-12T09:00:00Z" },
  ],
  activities: [
    { owner: "ann", type: "call", at: "2026-02-02T09:00:00Z", quantity: 3 },
    { owner: "bob", type: "call", at: "2026-02-03T09:00:00Z" },
  ],
  leads: [{ id: "l1", owner: "ann", createdAt: "2026-02-01T09:00:00Z", reached: { mql: "2026-02-01T09:00:00Z", sql: "2026-02-05T09:00:00Z" } }],
};

async function loaded(open: () => Promise<TestDatabase>): Promise<TestDatabase> {
  const db = await open();
  for (const ddl of createTablesSql(db.dialect)) await db.execute(ddl, []);
  await insertKpiData(data, { dialect: db.dialect, execute: db.execute });
  return db;
}

describe.each([
  ["duckdb", openDuckDb],
  ["pglite", openPglite],
])("insertKpiData on %s", { timeout: 60_000 }, (_name, open) => {
  it("inserts every row, with the roster's team on rows that have none, and the stage history", async () => {
    const db = await loaded(open);
    try {
      const count = async (table: string) => Number((await db.execute(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table}`, []))[0]?.n);
      expect([await count("reps"), await count("deals"), await count("deal_stage_history"), await count("activities"), await count("leads"), await count("lead_steps")]).toEqual([2, 3, 1, 2, 1, 2]);
      const teams = await db.execute(`SELECT id, team FROM deals ORDER BY id`, []);
      expect(teams.map((row) => [row.id, row.team])).toEqual([["d1", "north"], ["d2", "south"], ["d3", "south"]]);
    } finally {
      await db.close();
    }
  });

  it("gives the engine the rows the in-process KPIs read: February's win rate per rep (ann 1 of 1, bob 1 of 2)", async () => {
    const db = await loaded(open);
    try {
      const engine = sqlEngine({ dialect: db.dialect, execute: db.execute, pipeline });
      const options = { from: "2026-02-01", to: "2026-03-01", groupBy: "owner" as const, asOf: "2026-03-01" };
      const sql = await engine.kpiSeries(catalogKpi("win-rate"), options);
      const local = kpiSeries(data, catalogKpi("win-rate"), options);
      expect(sql.points.map((p) => [p.group, p.value?.toString()])).toEqual([["ann", "1"], ["bob", "0.5"]]);
      expect(sql.points.map((p) => p.value?.toString())).toEqual(local.points.map((p) => p.value?.toString()));
    } finally {
      await db.close();
    }
  });
});

describe("insertKpiData on bad input", () => {
  it("throws before inserting anything", async () => {
    const calls: string[] = [];
    const execute = async (sql: string) => {
      calls.push(sql);
      return [];
    };
    await expect(insertKpiData({ activities: [{ owner: "ann", type: "call", at: "not a date" }] }, { dialect: "duckdb", execute })).rejects.toThrow(KpiInputError);
    expect(calls).toEqual([]);
  });
});
