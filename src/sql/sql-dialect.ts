// Internal: how each SQL dialect spells the few things the compiled statements need. The
// statements stay in a portable subset (CASE, range joins, window functions, GROUP BY);
// only types, literals, placeholders and identifier quoting differ.
import { z } from "zod";

/** Schema of the SQL dialects: DuckDB and Postgres are executed; BigQuery, Snowflake and ClickHouse printed. */
export const SqlDialectSchema = z.enum(["duckdb", "postgres", "bigquery", "snowflake", "clickhouse"]);
/** `"duckdb" | "postgres" | "bigquery" | "snowflake" | "clickhouse"`. */
export type SqlDialect = z.infer<typeof SqlDialectSchema>;

/** The spellings of one dialect. */
export interface DialectSpelling {
  readonly dialect: SqlDialect;
  /** Quotes one identifier part. */
  quote(name: string): string;
  /** The placeholder of the n-th parameter (from 1). */
  placeholder(n: number): string;
  /** An instant (epoch ms) as a UTC timestamp literal. */
  timestamp(ms: number): string;
  /** `expression` cast to text, so every driver reads it back as an exact string. */
  text(expression: string): string;
  /** An instant expression as whole epoch milliseconds. */
  epochMs(expression: string): string;
  /** Binary (code point) comparison of a text expression, for deterministic tie-breaks. */
  binary(expression: string): string;
  /** Column types of the default layout. */
  readonly types: { readonly text: string; readonly instant: string; readonly money: string; readonly probability: string; readonly integer: string };
  /** A column type that may be NULL (ClickHouse needs `Nullable(...)`). */
  nullable(type: string): string;
  /** What follows `CREATE TABLE name (...)` (ClickHouse needs an engine). */
  readonly tableSuffix: string;
}

/** `2026-03-31 22:00:00.000` for an epoch ms instant (UTC). */
function utcText(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

const doubleQuote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const backQuote = (name: string): string => `\`${name.replaceAll("`", "\\`")}\``;

const spellings: Record<SqlDialect, DialectSpelling> = {
  duckdb: {
    dialect: "duckdb",
    epochMs: (e) => `epoch_ms(${e})`,
    quote: doubleQuote,
    placeholder: (n) => `$${n}`,
    timestamp: (ms) => `TIMESTAMPTZ '${utcText(ms)}+00'`,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    binary: (e) => e,
    types: { text: "VARCHAR", instant: "TIMESTAMPTZ", money: "DECIMAL(18,2)", probability: "DECIMAL(7,6)", integer: "BIGINT" },
    nullable: (t) => t,
    tableSuffix: "",
  },
  postgres: {
    dialect: "postgres",
    epochMs: (e) => `CAST(EXTRACT(EPOCH FROM ${e}) * 1000 AS BIGINT)`,
    quote: doubleQuote,
    placeholder: (n) => `$${n}`,
    timestamp: (ms) => `TIMESTAMPTZ '${utcText(ms)}+00'`,
    text: (e) => `CAST(${e} AS TEXT)`,
    binary: (e) => `${e} COLLATE "C"`,
    types: { text: "TEXT", instant: "TIMESTAMPTZ", money: "NUMERIC(18,2)", probability: "NUMERIC(7,6)", integer: "BIGINT" },
    nullable: (t) => t,
    tableSuffix: "",
  },
  bigquery: {
    dialect: "bigquery",
    epochMs: (e) => `UNIX_MILLIS(${e})`,
    quote: backQuote,
    placeholder: (n) => `@p${n}`,
    timestamp: (ms) => `TIMESTAMP '${utcText(ms)}+00'`,
    text: (e) => `CAST(${e} AS STRING)`,
    binary: (e) => e,
    types: { text: "STRING", instant: "TIMESTAMP", money: "NUMERIC(18,2)", probability: "NUMERIC(7,6)", integer: "INT64" },
    nullable: (t) => t,
    tableSuffix: "",
  },
  snowflake: {
    dialect: "snowflake",
    epochMs: (e) => `DATE_PART(EPOCH_MILLISECOND, ${e})`,
    quote: doubleQuote,
    placeholder: () => "?",
    timestamp: (ms) => `CAST('${utcText(ms)} +00:00' AS TIMESTAMP_TZ)`,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    binary: (e) => `COLLATE(${e}, 'utf8')`,
    types: { text: "VARCHAR", instant: "TIMESTAMP_TZ", money: "NUMBER(18,2)", probability: "NUMBER(7,6)", integer: "BIGINT" },
    nullable: (t) => t,
    tableSuffix: "",
  },
  clickhouse: {
    dialect: "clickhouse",
    epochMs: (e) => `toUnixTimestamp64Milli(${e})`,
    quote: backQuote,
    placeholder: (n) => `{p${n}:String}`,
    timestamp: (ms) => `toDateTime64('${utcText(ms)}', 3, 'UTC')`,
    text: (e) => `toString(${e})`,
    binary: (e) => e,
    types: { text: "String", instant: "DateTime64(3, 'UTC')", money: "Decimal(18,2)", probability: "Decimal(7,6)", integer: "Int64" },
    nullable: (t) => `Nullable(${t})`,
    tableSuffix: " ENGINE = MergeTree ORDER BY tuple()",
  },
};

/** The spellings of `dialect`. */
export function dialectSpelling(dialect: SqlDialect): DialectSpelling {
  return spellings[dialect];
}

/** Quotes a possibly qualified name (`crm.deals` → `"crm"."deals"`). */
export function quoteName(spelling: DialectSpelling, name: string): string {
  return name.split(".").map((part) => spelling.quote(part)).join(".");
}

/** The parameters of one statement, handing out their placeholders. */
export interface SqlParams {
  readonly values: unknown[];
  /** The placeholder for `value` (added to the parameters). */
  add(value: unknown): string;
}

/** A fresh parameter list for one statement in `spelling`. */
export function createSqlParams(spelling: DialectSpelling): SqlParams {
  const values: unknown[] = [];
  return {
    values,
    add(value) {
      values.push(value);
      return spelling.placeholder(values.length);
    },
  };
}
