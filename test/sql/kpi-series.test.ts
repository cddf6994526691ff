// Hand-worked examples of engine.kpiSeries on DuckDB (in memory), checkable with a calculator.
import { afterAll, beforeAll, expect, test } from "vitest";
import { catalogKpi, KpiDefinitionError } from "../../src/index.js";
import { sqlEngine } from "../../src/sql.js";
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

const deal = (id: string, owner: string, stage: string, createdAt: string, closedAt: string | undefined, amount: string) => ({
  id,
  owner,
  stage,
  createdAt,
  ...(closedAt === undefined ? {} : { closedAt }),
  amount,
  currency: "EUR",
});

test("win rate in March: Ann won one of two, Bob his one, so the team won two of three", async () => {
  await loadKpiData(duck.execute, "duckdb", {
    reps: [{ id: "ann" }, { id: "bob" }, { id: "cem" }],
    deals: [
      deal("d1", "ann", "won", "2026-02-01", "2026-03-10", "1000.00"),
      deal("d2", "ann", "lost", "2026-02-01", "2026-03-11", "500.00"),
      deal("d3", "bob", "won", "2026-02-01", "2026-03-12", "250.50"),
    ],
  });
  const engine = sqlEngine({ dialect: "duckdb", execute: duck.execute, pipeline: SAMPLE_PIPELINE });
  const series = await engine.kpiSeries(catalogKpi("win-rate"), { from: "2026-03-01", to: "2026-04-01", groupBy: "owner" });
  expect(series.team[0]?.value?.toFixed(4)).toBe("0.6667");
  expect(series.team[0]?.ratio?.numerator.toString()).toBe("2");
  expect(series.team[0]?.ratio?.denominator.toString()).toBe("3");
  // Cem closed nothing: no win rate (null), not 0 %.
  expect(series.points.map((p) => `${p.group} ${p.value?.toString() ?? "null"}`)).toEqual(["ann 0.5", "bob 1", "cem null"]);
  // Average deal size of the won deals: (1000 + 250.50) ÷ 2 = 625.25, to the cent.
  const size = await engine.kpiSeries(catalogKpi("average-deal-size"), { from: "2026-03-01", to: "2026-04-01" });
  expect(size.team[0]?.value?.toString()).toBe("625.25");
});

test("a KPI the data bag cannot give is a KpiDefinitionError that names it", async () => {
  const engine = sqlEngine({ dialect: "duckdb", execute: duck.execute, pipeline: SAMPLE_PIPELINE });
  const error = await engine.kpiSeries(catalogKpi("enps"), { from: "2026-03-01", to: "2026-04-01" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KpiDefinitionError);
  expect((error as Error).message).toMatch(/enps/i);
});
