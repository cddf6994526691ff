import { z } from "zod";
import { type DialectSpelling, dialectSpelling, quoteName, type SqlDialect, SqlDialectSchema } from "./sql-dialect.js";
import { parseDefinition } from "../core/parse-input.js";

/** The default layout: each table with its columns (snake_case), in DDL order. */
export const defaultTableLayout = {
  reps: ["id", "name", "team", "started_at", "left_at"],
  deals: [
    "id",
    "owner",
    "team",
    "account",
    "product",
    "amount",
    "currency",
    "stage",
    "created_at",
    "closed_at",
    "expected_close_at",
    "probability",
    "source",
  ],
  deal_stage_history: ["deal_id", "stage", "at", "seq"],
  activities: ["id", "owner", "team", "type", "at", "quantity"],
  leads: ["id", "owner", "team", "source", "created_at", "returned_at"],
  lead_steps: ["lead_id", "step", "at"],
} as const;

/** A table of the default layout. */
export type SqlTable = keyof typeof defaultTableLayout;
/** A column of table `T` in the default layout. */
export type SqlColumn<T extends SqlTable> = (typeof defaultTableLayout)[T][number];

/** Renames tables of the default layout (`{ deals: "crm.opportunities" }`). */
export type SqlTableNames = { readonly [T in SqlTable]?: string };
/** Renames columns per table (`{ deals: { owner: "owner_id" } }`). */
export type SqlColumnNames = { readonly [T in SqlTable]?: { readonly [C in SqlColumn<T>]?: string } };

const NameSchema = z.string().min(1);
/** Schema of {@link SqlTableNames}. */
export const SqlTableNamesSchema = z.strictObject(
  Object.fromEntries(Object.keys(defaultTableLayout).map((table) => [table, NameSchema.optional()])) as Record<SqlTable, z.ZodOptional<z.ZodString>>,
);
/** Schema of {@link SqlColumnNames}. */
export const SqlColumnNamesSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(defaultTableLayout).map(([table, columns]) => [
      table,
      z.strictObject(Object.fromEntries(columns.map((column) => [column, NameSchema.optional()]))).optional(),
    ]),
  ) as Record<SqlTable, z.ZodOptional<z.ZodObject>>,
);

/** Resolved names: the quoted table and column names the statements use. */
export interface SqlLayout {
  table(table: SqlTable): string;
  column<T extends SqlTable>(table: T, column: SqlColumn<T>): string;
}

/** The quoted names of the default layout with the caller's renames applied. */
export function sqlLayout(spelling: DialectSpelling, tables: SqlTableNames = {}, columns: SqlColumnNames = {}): SqlLayout {
  return {
    table: (table) => quoteName(spelling, tables[table] ?? table),
    column: (table, column) => {
      const renamed = (columns[table] as Record<string, string | undefined> | undefined)?.[column];
      return spelling.quote(renamed ?? column);
    },
  };
}

type ColumnKind = "text" | "instant" | "money" | "probability" | "integer";

/** Column types and nullability of the default layout (`!` = NOT NULL). */
const columnTypes: { readonly [T in SqlTable]: { readonly [C in SqlColumn<T>]: `${ColumnKind}${"" | "!"}` } } = {
  reps: { id: "text!", name: "text", team: "text", started_at: "instant", left_at: "instant" },
  deals: {
    id: "text!",
    owner: "text!",
    team: "text",
    account: "text",
    product: "text",
    amount: "money",
    currency: "text",
    stage: "text!",
    created_at: "instant!",
    closed_at: "instant",
    expected_close_at: "instant",
    probability: "probability",
    source: "text",
  },
  deal_stage_history: { deal_id: "text!", stage: "text!", at: "instant!", seq: "integer!" },
  activities: { id: "text", owner: "text!", team: "text", type: "text!", at: "instant!", quantity: "integer!" },
  leads: { id: "text!", owner: "text", team: "text", source: "text", created_at: "instant!", returned_at: "instant" },
  lead_steps: { lead_id: "text!", step: "text!", at: "instant!" },
};

/** Schema of the argument of {@link createTablesSql}. */
export const CreateTablesSqlDialectSchema = SqlDialectSchema;

/**
 * The DDL of the default table layout in `dialect`, one `CREATE TABLE` statement per table,
 * so that a user (or a test) can load data for `sqlEngine`:
 * `reps(id, name, team, started_at, left_at)`, `deals(id, owner, team, account, product,
 * amount, currency, stage, created_at, closed_at, expected_close_at, probability, source)`,
 * `deal_stage_history(deal_id, stage, at, seq)`, `activities(id, owner, team, type, at,
 * quantity)`, `leads(id, owner, team, source, created_at, returned_at)`,
 * `lead_steps(lead_id, step, at)`.
 *
 * Types: instants TIMESTAMPTZ (BigQuery TIMESTAMP, Snowflake TIMESTAMP_TZ, ClickHouse
 * DateTime64(3, 'UTC')); money DECIMAL(18,2) / NUMERIC(18,2) (exact, read back as strings);
 * probabilities DECIMAL(7,6); counts and `seq` BIGINT. No keys or indexes beyond NOT NULL:
 * add your own (an index on `deal_stage_history(deal_id)` helps as-of queries).
 *
 * @example
 * createTablesSql("duckdb")[0];
 * //=> 'CREATE TABLE "reps" ("id" VARCHAR NOT NULL, "name" VARCHAR, "team" VARCHAR, "started_at" TIMESTAMPTZ, "left_at" TIMESTAMPTZ)'
 */
export function createTablesSql(dialect: SqlDialect): string[] {
  const spelling = dialectSpelling(parseDefinition(CreateTablesSqlDialectSchema, dialect, ["dialect"]));
  return (Object.keys(defaultTableLayout) as SqlTable[]).map((table) => {
    const types = columnTypes[table] as Record<string, string>;
    const columns = (defaultTableLayout[table] as readonly string[]).map((column) => {
      const spec = types[column] as string;
      const required = spec.endsWith("!");
      const type = spelling.types[spec.replace("!", "") as ColumnKind];
      return `${spelling.quote(column)} ${required ? `${type} NOT NULL` : spelling.nullable(type)}`;
    });
    return `CREATE TABLE ${spelling.quote(table)} (${columns.join(", ")})${spelling.tableSuffix}`;
  });
}
