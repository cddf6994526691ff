// Test helper: runs the same call in process and on a database and reduces both to plain
// JSON (Decimals as their exact strings), or to the error's class and code.
import fc from "fast-check";
import { afterAll, beforeAll, describe, test } from "vitest";
import { type TestDatabase, openDuckDb, openPglite, openPostgresServer, postgresServerMissing } from "./databases.js";

/** A result as plain JSON, or the error a call threw (class and code: messages may differ). */
export type Outcome = { readonly value: unknown } | { readonly error: string; readonly code: string | undefined };

/** Runs `call` and reduces its result or error to an {@link Outcome}. */
export async function outcome(call: () => unknown): Promise<Outcome> {
  try {
    return { value: JSON.parse(JSON.stringify(await call())) as unknown };
  } catch (error) {
    if (!(error instanceof Error) || !("code" in error)) throw error;
    return { error: error.name, code: (error as { code?: string }).code };
  }
}

/** Runs per property and database: bounded so that the whole differential suite stays well under two minutes (PGlite is the slowest). */
const RUNS = Number(process.env.SALES_KPI_SQL_RUNS ?? 15);

const targets: ReadonlyArray<{ name: string; open: () => Promise<TestDatabase>; missing: string | undefined; runs: number }> = [
  { name: "duckdb", open: openDuckDb, missing: undefined, runs: RUNS },
  { name: "pglite", open: openPglite, missing: undefined, runs: Math.ceil(RUNS / 3) },
  { name: "postgres-server", open: openPostgresServer, missing: postgresServerMissing, runs: Math.ceil(RUNS / 2) },
];

/**
 * Declares `body` once per database (DuckDB, PGlite, the real server), each with a database
 * of its own. A database that cannot be had is skipped, saying why.
 */
export function forEachDatabase(title: string, body: (db: () => TestDatabase, runs: number) => void): void {
  for (const target of targets) {
    describe(`${title} on ${target.name}`, () => {
      if (target.missing !== undefined) {
        console.log(`sales-kpi/sql: ${title} on ${target.name} skipped: ${target.missing}`);
        test.skip(`${target.name}: ${target.missing}`, () => {});
        return;
      }
      let db: TestDatabase | undefined;
      beforeAll(async () => {
        db = await target.open();
      }, 60_000);
      afterAll(async () => {
        await db?.close();
      });
      body(() => db as TestDatabase, target.runs);
    });
  }
}


export { fc };
