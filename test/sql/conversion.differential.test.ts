// The SQL engine's conversionRate equals the in-process one (cohort and period mode, with and
// without a window of whole local days, grouped or not), as of random instants — on DuckDB,
// PGlite and a real server. Leads without owner fall in "(none)" in both.
import { expect, test } from "vitest";
import { conversionRate, prepareKpiData } from "../../src/index.js";
import { sqlEngine } from "../../src/sql.js";
import { calendarArb, SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";
import { fc, forEachDatabase, outcome } from "./differential.js";
import { loadKpiData } from "./load-kpi-data.js";

const callArb = fc.record(
  {
    step: fc.constantFrom(["mql", "sql"], ["sql", "customer"], ["mql", "customer"]),
    steps: fc.constant(["mql", "sql", "customer"]),
    period: fc.constantFrom(
      { from: "2026-01-01", to: "2026-04-01" },
      { from: "2026-03-01", to: "2026-04-01" },
      { from: "2026-10-01", to: "2026-11-01" },
      { from: "2026-01-01", to: "2027-01-01" },
    ),
    mode: fc.constantFrom("cohort", "cohort", "period"),
    windowDays: fc.option(fc.constantFrom(0, 1, 7, 30), { nil: undefined }),
    asOf: fc.constantFrom("2026-03-29", "2026-04-05", "2026-10-25T01:30:00Z", "2026-12-31", "2027-03-01"),
    groupBy: fc.option(fc.constantFrom("owner", "team", "source"), { nil: undefined }),
  },
  { requiredKeys: ["step", "period", "mode", "asOf"] },
);

forEachDatabase("conversionRate", (db, runs) => {
  test(
    "cohort and period conversion counts equal the in-process result",
    async () => {
      await fc.assert(
        fc.asyncProperty(sqlKpiDataArb(4, 3, 25), calendarArb, fc.array(callArb, { minLength: 2, maxLength: 5 }), async (data, calendar, calls) => {
          const { dialect, execute } = db();
          await loadKpiData(execute, dialect, data, calendar);
          const engine = sqlEngine({ dialect, execute, pipeline: SAMPLE_PIPELINE, calendar });
          const prepared = prepareKpiData(data, { calendar });
          for (const { step, steps, mode, windowDays, groupBy, ...rest } of calls) {
            const options = {
              ...rest,
              from: step[0] as string,
              to: step[1] as string,
              mode,
              ...(steps === undefined ? {} : { steps }),
              ...(mode === "cohort" && windowDays !== undefined ? { windowDays } : {}),
              ...(groupBy === undefined ? {} : { groupBy }),
            };
            expect(await outcome(() => engine.conversionRate(options))).toEqual(await outcome(() => conversionRate(prepared, options)));
          }
        }),
        { numRuns: runs },
      );
    },
    120_000,
  );
});
