// Hand-worked examples of engine.kpiSeries on DuckDB (in memory), checkable with a calculator.
import { afterAll, beforeAll, expect, test } from "vitest";
import { catalogKpi, KpiDefinitionError, toJSON } from "../../src/index.js";
import { sqlEngine } from "../../src/sql.js";
import { SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";
import { fc, outcome } from "./differential.js";
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

test("tables and columns of your own: renamed through `tables` and `columns`, every KPI and the scorecard come out the same", async () => {
  const [sample] = fc.sample(sqlKpiDataArb(10, 12, 10), { seed: 17, numRuns: 1 });
  const data = { ...(sample as NonNullable<typeof sample>), deals: (sample?.deals ?? []).map((deal) => ({ ...deal, currency: "EUR" })) };
  await loadKpiData(duck.execute, "duckdb", data);
  // The same rows under other names: every table renamed, one column of each renamed.
  for (const [view, select] of [
    ["crm_reps", `SELECT id AS rep_id, name, team, started_at, left_at FROM reps`],
    ["crm_deals", `SELECT id, owner AS owner_id, team, account, product, amount, currency, stage, created_at, closed_at, expected_close_at, probability, source FROM deals`],
    ["crm_moves", `SELECT deal_id AS opportunity, stage, "at", seq FROM deal_stage_history`],
    ["crm_activities", `SELECT id, owner, team, type AS kind, "at", quantity FROM activities`],
    ["crm_leads", `SELECT id, owner, team, source, created_at AS entered_at, returned_at FROM leads`],
    ["crm_steps", `SELECT lead_id, step AS milestone, "at" FROM lead_steps`],
  ] as const) {
    await duck.execute(`CREATE OR REPLACE VIEW ${view} AS ${select}`, []);
  }
  const plain = sqlEngine({ dialect: "duckdb", execute: duck.execute, pipeline: SAMPLE_PIPELINE });
  const renamed = sqlEngine({
    dialect: "duckdb",
    execute: duck.execute,
    pipeline: SAMPLE_PIPELINE,
    tables: { reps: "crm_reps", deals: "crm_deals", deal_stage_history: "crm_moves", activities: "crm_activities", leads: "crm_leads", lead_steps: "crm_steps" },
    columns: {
      reps: { id: "rep_id" },
      deals: { owner: "owner_id" },
      deal_stage_history: { deal_id: "opportunity" },
      activities: { type: "kind" },
      leads: { created_at: "entered_at" },
      lead_steps: { step: "milestone" },
    },
  });
  const kpis = ["calls", "win-rate", "weighted-pipeline-value", "sales-cycle", "forecast", "conversion-lead-sql", "returned-leads", "new-customers"].map(catalogKpi);
  const options = { from: "2026-01-01", to: "2027-01-01", groupBy: "owner" as const, missingAmount: "skip" as const, asOf: "2026-10-25" };
  for (const kpi of kpis) {
    const expected = await outcome(() => plain.kpiSeries(kpi, options));
    expect("value" in expected).toBe(true);
    expect({ kpi: kpi.id, result: await outcome(() => renamed.kpiSeries(kpi, options)) }).toEqual({ kpi: kpi.id, result: expected });
  }
  const card = { kpis, asOf: "2026-11-03" };
  expect(await outcome(async () => toJSON(await renamed.scorecard(card)))).toEqual(await outcome(async () => toJSON(await plain.scorecard(card))));
});
