import type { SqlExecute, SqlRow } from "./sql-execute.js";

/** The part of a `@duckdb/node-api` `DuckDBConnection` that {@link duckdbExecute} uses. */
export interface DuckDbConnectionLike {
  runAndReadAll(sql: string, values?: never): Promise<{ getRowObjectsJson(): unknown[] }>;
}

/**
 * An executor for a `@duckdb/node-api` connection. The package is an optional peer
 * dependency: this adapter never imports it, it only calls the connection you pass.
 * Rows are read with `getRowObjectsJson()`, so DECIMAL and BIGINT values arrive as exact
 * strings.
 *
 * @example
 * // With `@duckdb/node-api`: const connection = await (await DuckDBInstance.create(":memory:")).connect();
 * // here a stand-in connection that answers every query with one row:
 * const connection = { runAndReadAll: async () => ({ getRowObjectsJson: () => [{ two: 2 }] }) };
 * const execute = duckdbExecute(connection);
 * (await execute("SELECT 1 + 1 AS two", [])).length;
 * //=> 1
 */
export function duckdbExecute(connection: DuckDbConnectionLike): SqlExecute {
  return async (sql, params) => {
    const reader = await connection.runAndReadAll(sql, (params.length === 0 ? undefined : [...params]) as never);
    return reader.getRowObjectsJson() as SqlRow[];
  };
}
