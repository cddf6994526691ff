// `sales-kpi report --engine duckdb`: byte for byte the in-memory report, on the shipped CRM
// export (../shared/data/crm-sales-opportunities, skipped when absent) and on the basic
// fixture whose activities DuckDB reads itself, from CSV and from Parquet.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCli } from "./run-cli.js";

const SHARED = join(ROOT, "..", "shared", "data", "crm-sales-opportunities");
const hasShared = existsSync(join(SHARED, "sales_pipeline.csv"));
if (!hasShared) console.warn(`engine-duckdb test: the CRM export part is skipped: ${SHARED} is absent`);
const CONFIG = join(ROOT, "examples", "crm-sales-opportunities.config.json");
const BASIC = join(ROOT, "test", "cli", "fixtures", "basic");

describe("report --engine duckdb", { timeout: 120_000 }, () => {
  beforeAll(() => buildCli(), 120_000);

  it.skipIf(!hasShared)("on the CRM export: the same Markdown and JSON, byte for byte, and the same notes on stderr", () => {
    for (const format of ["md", "json"]) {
      const memory = runCli(["report", "--config", CONFIG, "--format", format]);
      const duck = runCli(["report", "--config", CONFIG, "--format", format, "--engine", "duckdb"]);
      expect(memory.status).toBe(0);
      expect(duck.status).toBe(0);
      expect(duck.stdout.length).toBeGreaterThan(10_000);
      expect(duck.stdout).toBe(memory.stdout);
      expect(duck.stderr).toBe(memory.stderr);
    }
  });

  it("DuckDB reads the activities itself, from CSV or Parquet: the same report", async () => {
    const memory = runCli(["report", "--format", "json"], BASIC);
    expect(memory.status).toBe(0);
    expect(runCli(["report", "--format", "json", "--engine", "duckdb"], BASIC).stdout).toBe(memory.stdout);
    const out = join(ROOT, "test-output", "engine-duckdb");
    mkdirSync(out, { recursive: true });
    const parquet = join(out, "activities.parquet");
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${join(BASIC, "activities.csv")}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const config = JSON.parse(readFileSync(join(BASIC, "sales-kpi.config.json"), "utf8")) as Record<string, unknown>;
    const file = join(out, "sales-kpi.config.json");
    writeFileSync(file, JSON.stringify({ ...config, $schema: undefined, deals: join(BASIC, "deals.csv"), teams: join(BASIC, "teams.csv"), pipeline: join(BASIC, "pipeline.json"), activities: parquet }));
    const fromParquet = runCli(["report", "--config", file, "--format", "json", "--engine", "duckdb"], out);
    expect(fromParquet.stderr).not.toContain("error");
    expect(fromParquet.stdout).toBe(memory.stdout);
  });

  it("a mapping feature DuckDB cannot apply to activities is refused in one line", () => {
    const out = join(ROOT, "test-output", "engine-duckdb");
    mkdirSync(out, { recursive: true });
    const map = join(out, "types.map.json");
    writeFileSync(map, JSON.stringify({ activities: { fields: { type: { column: "type", values: { Phone: "call" } } } } }));
    const run = runCli(["report", "--map", map, "--engine", "duckdb"], BASIC);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("--engine duckdb: the mapping's activities.fields.type must be a column name");
  });
});
