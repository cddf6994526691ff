// Test helper: the databases the differential tests run on — DuckDB in memory, PGlite in
// process, and a real PostgreSQL server when SALES_KPI_PG_URL names one (CI starts it).
import { duckdbExecute, pgExecute, type PgQueryableLike, type SqlExecute } from "../../src/sql.js";

/** One database to load data into and run the engine on. */
export interface TestDatabase {
  readonly name: string;
  readonly dialect: "duckdb" | "postgres";
  readonly execute: SqlExecute;
  close(): Promise<void>;
}

/** DuckDB, in memory. */
export async function openDuckDb(): Promise<TestDatabase> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  return {
    name: "duckdb",
    dialect: "duckdb",
    execute: duckdbExecute(connection),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** PGlite (Postgres compiled to WebAssembly), in process. Its types need Emscripten's, so it is loaded untyped. */
export async function openPglite(): Promise<TestDatabase> {
  const specifier: string = "@electric-sql/pglite";
  const { PGlite } = (await import(specifier)) as { PGlite: new () => PgQueryableLike & { close(): Promise<void> } };
  const db = new PGlite();
  return { name: "pglite", dialect: "postgres", execute: pgExecute(db), close: () => db.close() };
}

/** Why the real server is not available, or undefined when SALES_KPI_PG_URL is set. */
export const postgresServerMissing: string | undefined =
  process.env.SALES_KPI_PG_URL === undefined || process.env.SALES_KPI_PG_URL === ""
    ? "SALES_KPI_PG_URL is not set (.ci/run starts a PostgreSQL server and sets it)"
    : undefined;

/** A real PostgreSQL server through node-postgres, in a fresh schema of its own. */
export async function openPostgresServer(): Promise<TestDatabase> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: process.env.SALES_KPI_PG_URL });
  await client.connect();
  const schema = `sales_kpi_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    name: "postgres-server",
    dialect: "postgres",
    execute: pgExecute(client),
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
