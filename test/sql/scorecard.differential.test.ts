// The SQL engine's scorecard equals the in-process scorecard (as JSON, every Decimal as its
// exact string) on random data with every catalog KPI, and on the real CRM export — on
// DuckDB, PGlite and a real server. `analytics: true` is refused with a KpiDefinitionError.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { readInput } from "../../src/cli/read-input.js";
import { catalogKpi, kpiCatalog, KpiDefinitionError, prepareKpiData, scorecard, toJSON } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";
import { sqlEngine } from "../../src/sql.js";
import { calendarArb, SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";
import { fc, forEachDatabase, outcome } from "./differential.js";
import { openDuckDb } from "./databases.js";
import { bagOfPrepared, loadKpiData } from "./load-kpi-data.js";

const optionsArb = fc.record({
  asOf: fc.constantFrom("2026-04-10", "2026-11-03T12:00:00Z", "2026-07-01", "2027-01-01"),
  grain: fc.constantFrom("month", "month", "quarter"),
  baselinePeriods: fc.constantFrom(1, 3),
  oneCurrency: fc.constantFrom(true, true, true, false),
});

forEachDatabase("scorecard", (db, runs) => {
  test(
    "the scorecard of every catalog KPI equals the in-process scorecard",
    async () => {
      await fc.assert(
        fc.asyncProperty(sqlKpiDataArb(10, 12, 10), calendarArb, optionsArb, async (raw, calendar, { oneCurrency, ...options }) => {
          const data = oneCurrency ? { ...raw, deals: raw.deals.map((deal) => ({ ...deal, currency: "EUR" })) } : raw;
          const { dialect, execute } = db();
          await loadKpiData(execute, dialect, data, calendar);
          const engine = sqlEngine({ dialect, execute, pipeline: SAMPLE_PIPELINE, calendar });
          const card = { kpis: [...kpiCatalog], ...options };
          const inProcess = await outcome(() => toJSON(scorecard(prepareKpiData(data, { calendar }), card)));
          const onDatabase = await outcome(async () => toJSON(await engine.scorecard(card)));
          expect(onDatabase).toEqual(inProcess);
        }),
        { numRuns: Math.max(1, Math.ceil(runs / 5)) },
      );
    },
    120_000,
  );
});

test("analytics need the rows in process: the SQL scorecard refuses them with a KpiDefinitionError", async () => {
  const engine = sqlEngine({ dialect: "duckdb", execute: async () => [], pipeline: SAMPLE_PIPELINE });
  await expect(engine.scorecard({ kpis: [catalogKpi("calls")], asOf: "2026-04-01", analytics: true })).rejects.toBeInstanceOf(KpiDefinitionError);
});

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const folder = path.resolve(root, "../shared/data/crm-sales-opportunities");
const present = existsSync(path.join(folder, "sales_pipeline.csv"));
if (!present) console.warn(`scorecard on the CRM export: skipping, ${folder} is absent`);

test.skipIf(!present)(
  "on the real CRM export (8,800 deals) the DuckDB scorecard equals the in-process one",
  async () => {
    const { prepared } = readInput(
      {
        deals: path.join(folder, "sales_pipeline.csv"),
        teams: path.join(folder, "sales_teams.csv"),
        map: path.join(root, "examples", "crm-sales-opportunities.map.json"),
        pipeline: path.join(root, "examples", "crm-sales-opportunities.pipeline.json"),
      },
      { timeZone: "UTC" },
    );
    const duck = await openDuckDb();
    try {
      await loadKpiData(duck.execute, "duckdb", bagOfPrepared(preparedRows(prepared)));
      const pipeline = JSON.parse(readFileSync(path.join(root, "examples", "crm-sales-opportunities.pipeline.json"), "utf8")) as never;
      const engine = sqlEngine({ dialect: "duckdb", execute: duck.execute, pipeline });
      const kpis = ["win-rate", "average-deal-size", "sales-cycle", "new-revenue-per-month", "weighted-pipeline-value", "new-customers", "units-sold-per-period"].map(catalogKpi);
      const card = { kpis, asOf: "2017-12-31" };
      const expected = JSON.parse(JSON.stringify(toJSON(scorecard(prepared, card)))) as { team: { cells: unknown[] } };
      const actual = JSON.parse(JSON.stringify(toJSON(await engine.scorecard(card)))) as unknown;
      expect(actual).toEqual(expected);
      expect(expected.team.cells.length).toBe(kpis.length);
    } finally {
      await duck.close();
    }
  },
  60_000,
);
