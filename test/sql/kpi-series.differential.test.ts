// The SQL engine's kpiSeries equals the in-process kpiSeries as exact strings, for every
// catalog KPI the data bag can give, for the team and per rep, as of random instants in random
// calendars — on DuckDB, PGlite and a real server. KPIs the data bag cannot give (eNPS, CAC …)
// are the same KpiDefinitionError on both.
import { expect, test } from "vitest";
import { kpiCatalog, kpiSeries, prepareKpiData } from "../../src/index.js";
import { builtinRegistry } from "../../src/kpi/builtin-registry.js";
import { sqlEngine } from "../../src/sql.js";
import { calendarArb, SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";
import { fc, forEachDatabase, outcome } from "./differential.js";
import { loadKpiData } from "./load-kpi-data.js";

const optionsArb = fc.record({
  range: fc.constantFrom(
    { from: "2026-01-01", to: "2026-04-01" },
    { from: "2026-03-01", to: "2026-05-01" },
    { from: "2025-12-01", to: "2027-01-01" },
    { from: "2026-10-01", to: "2026-11-01" },
  ),
  grain: fc.option(fc.constantFrom("week", "month", "quarter"), { nil: undefined, freq: 2 }),
  asOf: fc.option(fc.constantFrom("2026-03-29", "2026-04-01", "2026-03-29T01:00:00.000Z", "2026-10-25", "2026-12-31T23:00:00Z"), { nil: undefined, freq: 3 }),
  missingAmount: fc.constantFrom("skip", "skip", "error"),
  cohortAgeDays: fc.option(fc.constantFrom(0, 3, 20), { nil: undefined, freq: 3 }),
  oneCurrency: fc.boolean(),
});

/** Every catalog KPI; those with an evaluator are the ones the data bag can give. */
const kpis = kpiCatalog;

test("the catalog has KPIs the data bag cannot give, so the error path is exercised", () => {
  const unavailable = kpis.filter((kpi) => kpi.measure.kind === "builtin" && builtinRegistry[kpi.measure.id].evaluate === undefined);
  expect(unavailable.map((kpi) => kpi.id)).toContain("enps");
});

forEachDatabase("kpiSeries", (db, runs) => {
  test(
    "every catalog KPI, team and per rep, equals the in-process kpiSeries",
    async () => {
      await fc.assert(
        fc.asyncProperty(sqlKpiDataArb(10, 12, 10), calendarArb, optionsArb, async (raw, calendar, options) => {
          const data = options.oneCurrency ? { ...raw, deals: raw.deals.map((deal) => ({ ...deal, currency: "EUR" })) } : raw;
          const { dialect, execute } = db();
          await loadKpiData(execute, dialect, data, calendar);
          const engine = sqlEngine({ dialect, execute, pipeline: SAMPLE_PIPELINE, calendar });
          const prepared = prepareKpiData(data, { calendar });
          for (const kpi of kpis) {
            for (const groupBy of [undefined, "owner" as const]) {
              const call = {
                ...options.range,
                ...(options.grain === undefined ? {} : { grain: options.grain }),
                ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
                ...(groupBy === undefined ? {} : { groupBy, groups: ["newbie"] }),
                missingAmount: options.missingAmount,
                ...(options.cohortAgeDays === undefined ? {} : { cohortAgeDays: options.cohortAgeDays }),
              };
              // A KPI's own grain that is coarser than the range is fine; the in-process call decides.
              const inProcess = await outcome(() => kpiSeries(prepared, kpi, { ...call, calendar }));
              const onDatabase = await outcome(() => engine.kpiSeries(kpi, call));
              expect({ kpi: kpi.id, groupBy, result: onDatabase }).toEqual({ kpi: kpi.id, groupBy, result: inProcess });
            }
          }
        }),
        { numRuns: Math.max(2, Math.ceil(runs / 4)) },
      );
    },
    120_000,
  );
});
