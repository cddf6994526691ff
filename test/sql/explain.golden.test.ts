// Golden SQL: what `engine.explain` prints for each dialect. BigQuery, Snowflake and ClickHouse
// are printed only, so these files are their tests: a change to the compiled SQL shows up as
// a diff to review (`npx vitest run test/sql/explain.golden.test.ts -u` rewrites them).
import { describe, expect, test } from "vitest";
import { catalogKpi, type Measure } from "../../src/index.js";
import { type SqlDialect, sqlEngine } from "../../src/sql.js";
import { SAMPLE_PIPELINE } from "../arbitraries.js";

const dialects: readonly SqlDialect[] = ["duckdb", "postgres", "bigquery", "snowflake", "clickhouse"];
const monthly = { from: "2026-01-01", to: "2026-04-01", grain: "month" as const };

const cases: ReadonlyArray<{ name: string; kpi: Measure; options: object }> = [
  { name: "calls-per-rep", kpi: { kind: "count", source: "activities", where: { type: "call" } }, options: { ...monthly, groupBy: "owner" } },
  { name: "revenue-won", kpi: { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won", currency: "EUR" } }, options: monthly },
  { name: "new-customers", kpi: { kind: "distinct", source: "deals", key: "account", at: "closedAt", first: true, where: { outcome: "won" } }, options: monthly },
  { name: "weighted-pipeline", kpi: { kind: "builtin", id: "weighted-pipeline-value" }, options: { asOf: "2026-03-31" } },
  { name: "win-rate", kpi: { kind: "builtin", id: "win-rate" }, options: { period: { from: "2026-01-01", to: "2026-04-01" }, asOf: "2026-04-01" } },
  {
    name: "lead-to-sql",
    kpi: { kind: "builtin", id: "conversion-lead-sql" },
    options: { period: { from: "2026-03-01", to: "2026-03-04" }, windowDays: 2, asOf: "2026-04-01", groupBy: "team" },
  },
  // KPIs through engine.kpiSeries: the open deals at each period's end and the forecast.
  { name: "kpi-sales-velocity", kpi: catalogKpi("sales-velocity") as never, options: { ...monthly, groupBy: "owner", asOf: "2026-03-15" } },
  { name: "kpi-forecast", kpi: catalogKpi("forecast") as never, options: { ...monthly, asOf: "2026-03-15" } },
];

describe.each(dialects)("explain in %s", (dialect) => {
  const engine = sqlEngine({ dialect, pipeline: SAMPLE_PIPELINE, calendar: { timeZone: "Europe/Amsterdam" } });
  test.each(cases)("$name", async ({ name, kpi, options }) => {
    const { statements } = engine.explain(kpi, options as never);
    const text = statements.map((s, i) => `-- statement ${i + 1}\n${s.sql};\n-- params: ${JSON.stringify(s.params)}\n`).join("\n");
    await expect(text).toMatchFileSnapshot(`./golden/${dialect}/${name}.sql`);
  });
});

test("the printed dialects use the portable subset: no FILTER, no ASOF, no zone names", () => {
  for (const dialect of dialects) {
    const engine = sqlEngine({ dialect, pipeline: SAMPLE_PIPELINE, calendar: { timeZone: "Europe/Amsterdam" } });
    for (const { kpi, options } of cases) {
      for (const { sql } of engine.explain(kpi, options as never).statements) {
        expect(sql).not.toMatch(/\bFILTER\s*\(|\bASOF\b|Amsterdam|AT TIME ZONE/i);
      }
    }
  }
});

test("a month in Amsterdam is sent as its UTC bounds: March 2026 is [28 Feb 23:00, 31 Mar 22:00)", () => {
  const engine = sqlEngine({ dialect: "postgres", calendar: { timeZone: "Europe/Amsterdam" } });
  const [statement] = engine.explain({ kind: "count", source: "activities" }, { from: "2026-03-01", to: "2026-04-01", grain: "month" }).statements;
  expect(statement?.sql).toContain("(0, TIMESTAMPTZ '2026-02-28 23:00:00.000+00', TIMESTAMPTZ '2026-03-31 22:00:00.000+00')");
});

test("printed-only dialects refuse to run", async () => {
  const engine = sqlEngine({ dialect: "bigquery", execute: async () => [] });
  await expect(engine.measureSeries({ kind: "count", source: "activities" }, monthly)).rejects.toThrow(/printed only/);
});
