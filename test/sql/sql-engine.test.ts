// Hand-worked examples of the SQL engine on DuckDB (in memory), each checkable with a
// calculator, plus the doc-comment examples of `sales-kpi/sql`.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { conversionRate, measureSeries, weightedPipelineValue, winRate } from "../../src/index.js";
import { createTablesSql, pgExecute, sqlEngine } from "../../src/sql.js";
import { SAMPLE_PIPELINE } from "../arbitraries.js";
import { openDuckDb, type TestDatabase } from "./databases.js";
import { loadKpiData } from "./load-kpi-data.js";

let duck: TestDatabase;
beforeAll(async () => {
  duck = await openDuckDb();
});
afterAll(async () => {
  await duck.close();
});

const engineOn = (db: TestDatabase, calendar?: { timeZone: string }) =>
  sqlEngine({ dialect: db.dialect, execute: db.execute, pipeline: SAMPLE_PIPELINE, ...(calendar === undefined ? {} : { calendar }) });

describe("doc examples", () => {
  test("createTablesSql: the reps table in DuckDB", () => {
    expect(createTablesSql("duckdb")[0]).toBe(
      'CREATE TABLE "reps" ("id" VARCHAR NOT NULL, "name" VARCHAR, "team" VARCHAR, "started_at" TIMESTAMPTZ, "left_at" TIMESTAMPTZ)',
    );
    expect(createTablesSql("clickhouse")[0]).toContain("ENGINE = MergeTree ORDER BY tuple()");
  });

  test("sqlEngine: calls per month, January to March", async () => {
    const data = {
      activities: [
        { owner: "ann", type: "call", at: "2026-01-05" },
        { owner: "ann", type: "call", at: "2026-02-10", quantity: 3 },
        { owner: "bob", type: "email", at: "2026-02-11" },
      ],
    };
    await loadKpiData(duck.execute, "duckdb", data);
    const series = await engineOn(duck).measureSeries({ kind: "count", source: "activities", where: { type: "call" } }, { from: "2026-01-01", to: "2026-04-01", grain: "month" });
    expect(series.points.map((p) => `${p.period.label} ${p.value}`)).toEqual(["2026-01 1", "2026-02 3", "2026-03 0"]);
  });

  test("duckdbExecute and pgExecute: one row back", async () => {
    expect((await duck.execute("SELECT 1 + 1 AS two", [])).length).toBe(1);
    // pgExecute only calls `query(text, values)`: a pg Client, a Pool or PGlite (the differential tests use the last two).
    const seen: unknown[] = [];
    const client = { query: async (text: string, values?: unknown[]) => (seen.push([text, values]), { rows: [{ one: "1" }] }) };
    expect((await pgExecute(client)("SELECT 1 AS one", [])).length).toBe(1);
    expect(seen).toEqual([["SELECT 1 AS one", []]]);
  });
});

describe("hand-worked examples", () => {
  test("a deal won at 23:30 on 31 March in Amsterdam counts in March, to the cent", async () => {
    const data = {
      pipeline: SAMPLE_PIPELINE,
      deals: [
        { id: "a", owner: "ann", amount: "1000.10", currency: "EUR", stage: "won", createdAt: "2026-03-01T09:00:00Z", closedAt: "2026-03-31T21:30:00Z" },
        { id: "b", owner: "ann", amount: "0.20", currency: "EUR", stage: "won", createdAt: "2026-03-01T09:00:00Z", closedAt: "2026-03-31T22:30:00Z" },
      ],
    };
    const calendar = { timeZone: "Europe/Amsterdam" };
    await loadKpiData(duck.execute, "duckdb", data, calendar);
    const measure = { kind: "sum", source: "deals", field: "amount", at: "closedAt" } as const;
    const options = { from: "2026-03-01", to: "2026-05-01", grain: "month" } as const;
    const series = await engineOn(duck, calendar).measureSeries(measure, options);
    expect(series.points.map((p) => `${p.period.label} ${p.value}`)).toEqual(["2026-03 1000.1", "2026-04 0.2"]);
    expect(JSON.stringify(series)).toBe(JSON.stringify(measureSeries(data, measure, { ...options, calendar })));
  });

  test("a deal won, reopened and lost counts once, as lost; as of before the reopening it was won", async () => {
    const data = {
      pipeline: SAMPLE_PIPELINE,
      deals: [
        {
          id: "a",
          owner: "ann",
          amount: "500",
          currency: "EUR",
          stage: "lost",
          createdAt: "2026-01-05",
          closedAt: "2026-03-20",
          stageHistory: [
            { stage: "proposal", at: "2026-01-10" },
            { stage: "won", at: "2026-02-01" },
            { stage: "proposal", at: "2026-02-15" },
            { stage: "lost", at: "2026-03-20" },
          ],
        },
        { id: "b", owner: "bob", amount: "300", currency: "EUR", stage: "won", createdAt: "2026-01-06", closedAt: "2026-03-01" },
      ],
    };
    await loadKpiData(duck.execute, "duckdb", data);
    const engine = engineOn(duck);
    const q1 = { period: { from: "2026-01-01", to: "2026-04-01" } };
    const now = await engine.winRate(q1);
    expect([now.won, now.lost, now.value?.toString()]).toEqual([1, 1, "0.5"]);
    const beforeReopening = await engine.winRate({ ...q1, asOf: "2026-02-10" });
    expect([beforeReopening.won, beforeReopening.lost, beforeReopening.value?.toString()]).toEqual([1, 0, "1"]);
    expect(JSON.stringify(beforeReopening)).toBe(JSON.stringify(winRate(data.deals, { ...q1, asOf: "2026-02-10", pipeline: SAMPLE_PIPELINE })));
  });

  test("weighted pipeline on 20 February: the reopened deal is open in proposal, the other assumed in qualify (500 × 0.5 + 300 × 0.1 = 280)", async () => {
    const pipeline = await engineOn(duck).weightedPipelineValue({ asOf: "2026-02-20" });
    expect([pipeline.total.toString(), pipeline.unweightedTotal.toString(), pipeline.dealCount]).toEqual(["280", "800", 2]);
    expect([pipeline.won.dealCount, pipeline.dealsWithAssumedStage, pipeline.dealsWithoutHistory]).toEqual([0, 1, 1]);
  });

  test("moves at one instant follow the funnel: proposal and won on one day is won", async () => {
    const data = {
      pipeline: SAMPLE_PIPELINE,
      deals: [
        {
          id: "a",
          owner: "ann",
          amount: "100",
          currency: "EUR",
          stage: "won",
          createdAt: "2026-01-05",
          closedAt: "2026-01-10",
          stageHistory: [
            { stage: "won", at: "2026-01-10T10:00:00Z" },
            { stage: "proposal", at: "2026-01-10T10:00:00Z" },
          ],
        },
      ],
    };
    await loadKpiData(duck.execute, "duckdb", data);
    const engine = engineOn(duck);
    const asOf = "2026-01-11";
    const result = await engine.weightedPipelineValue({ asOf });
    expect([result.dealCount, result.won.dealCount]).toEqual([0, 1]);
    expect(JSON.stringify(result)).toBe(JSON.stringify(weightedPipelineValue(data.deals, { asOf, pipeline: SAMPLE_PIPELINE })));
  });

  test("a lead reaching sql exactly at the end of a 1-day window has not converted within it", async () => {
    const data = {
      leads: [
        { id: "in-time", createdAt: "2026-03-02", reached: { mql: "2026-03-02T00:00:00Z", sql: "2026-03-03T23:59:59.999Z" } },
        { id: "too-late", createdAt: "2026-03-02", reached: { mql: "2026-03-02T00:00:00Z", sql: "2026-03-04T00:00:00Z" } },
      ],
    };
    await loadKpiData(duck.execute, "duckdb", data);
    const options = { from: "mql", to: "sql", period: { from: "2026-03-01", to: "2026-04-01" }, windowDays: 1, asOf: "2026-06-30" };
    const result = await engineOn(duck).conversionRate(options);
    expect([result.entered, result.converted, result.lapsed, result.value?.toString()]).toEqual([2, 1, 1, "0.5"]);
    expect(JSON.stringify(result)).toBe(JSON.stringify(conversionRate(data.leads, options)));
  });

  test("a sum over two currencies is refused, as in process", async () => {
    const data = {
      pipeline: SAMPLE_PIPELINE,
      deals: [
        { id: "a", owner: "ann", amount: "1", currency: "EUR", stage: "qualify", createdAt: "2026-01-05" },
        { id: "b", owner: "ann", amount: "1", currency: "USD", stage: "qualify", createdAt: "2026-01-06" },
      ],
    };
    await loadKpiData(duck.execute, "duckdb", data);
    const measure = { kind: "sum", source: "deals", field: "amount", at: "createdAt" } as const;
    await expect(engineOn(duck).measureSeries(measure, { from: "2026-01-01", to: "2026-02-01", grain: "month" })).rejects.toMatchObject({ code: "mixed-currencies" });
    const eur = await engineOn(duck).measureSeries({ ...measure, where: { currency: "EUR" } }, { from: "2026-01-01", to: "2026-02-01", grain: "month" });
    expect([eur.currency, eur.points[0]?.value?.toString()]).toEqual(["EUR", "1"]);
  });

  test("options the SQL engine cannot honour are refused, never ignored", async () => {
    await expect(engineOn(duck).weightedPipelineValue({ staleAfterDays: 30, asOf: "2026-01-01" })).rejects.toThrow(/staleAfterDays/);
    await expect(engineOn(duck).winRate({ period: { from: "2026-01-01", to: "2026-02-01" }, currency: "EUR", fx: () => 1 })).rejects.toThrow(/fx/);
    expect(() => sqlEngine({ dialect: "oracle" as never })).toThrow();
  });
});
