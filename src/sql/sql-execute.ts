/** One row as a driver returns it: column name → value (strings, numbers, bigints or null). */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * Runs one statement on the user's own connection and resolves to its rows. `params` are
 * positional, in the dialect's placeholder style (`$1`, `$2` for DuckDB and Postgres).
 * The engine only ever reads text, so any driver that returns column values as strings or
 * numbers will do.
 */
export type SqlExecute = (sql: string, params: readonly unknown[]) => Promise<readonly SqlRow[]>;
