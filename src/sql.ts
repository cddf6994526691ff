// `sales-kpi/sql`: the same KPIs where the data lives (DESIGN §12). Explicit named re-exports only.
export { sqlEngine, SqlEngineOptionsSchema } from "./sql/sql-engine.js";
export type { SqlEngine, SqlEngineOptions, SqlExplanation } from "./sql/sql-engine.js";
export { createTablesSql, defaultTableLayout } from "./sql/table-layout.js";
export { insertKpiData, InsertKpiDataOptionsSchema } from "./sql/insert-kpi-data.js";
export type { InsertKpiDataOptions } from "./sql/insert-kpi-data.js";
export type { SqlTable, SqlColumn, SqlTableNames, SqlColumnNames } from "./sql/table-layout.js";
export { SqlDialectSchema } from "./sql/sql-dialect.js";
export type { SqlDialect } from "./sql/sql-dialect.js";
export type { SqlExecute, SqlRow } from "./sql/sql-execute.js";
export { duckdbExecute } from "./sql/duckdb-execute.js";
export type { DuckDbConnectionLike } from "./sql/duckdb-execute.js";
export { pgExecute } from "./sql/pg-execute.js";
export type { PgQueryableLike } from "./sql/pg-execute.js";
