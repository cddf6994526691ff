import type { SqlExecute, SqlRow } from "./sql-execute.js";

/** The part of a `pg` `Client` or `Pool` (or a PGlite database) that {@link pgExecute} uses. */
export interface PgQueryableLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * An executor for a node-postgres `Client` or `Pool` (PGlite's database object has the same
 * `query`, so it works too). `pg` is an optional peer dependency: this adapter never imports
 * it, it only calls the object you pass. The engine casts every value it reads to TEXT, so
 * NUMERIC sums and BIGINT counts arrive as exact strings whatever the type parsers are.
 *
 * @example
 * // With `pg`: const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * // here a stand-in pool that answers every query with one row:
 * const pool = { query: async () => ({ rows: [{ one: 1 }] }) };
 * const execute = pgExecute(pool);
 * (await execute("SELECT 1 AS one", [])).length;
 * //=> 1
 */
export function pgExecute(clientOrPool: PgQueryableLike): SqlExecute {
  return async (sql, params) => {
    const result = await clientOrPool.query(sql, [...params]);
    return result.rows as SqlRow[];
  };
}
