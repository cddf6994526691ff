import { z } from "zod";
import { parseOptions } from "../core/parse-input.js";
import type { KpiData } from "../model/kpi-data.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedKpiData } from "../model/prepared.js";
import type { SqlExecute } from "./sql-execute.js";

/** Schema of {@link InsertKpiDataOptions}. */
export const InsertKpiDataOptionsSchema = z.strictObject({
  /** The engines that run: `"duckdb"` or `"postgres"`. */
  dialect: z.enum(["duckdb", "postgres"]),
  execute: z.custom<SqlExecute>((value) => typeof value === "function", { error: "expected a function (sql, params) => Promise<rows>" }),
});
/** Options of {@link insertKpiData}. */
export interface InsertKpiDataOptions {
  readonly dialect: "duckdb" | "postgres";
  /** Your connection: `duckdbExecute(connection)`, `pgExecute(pool)` or your own. */
  readonly execute: SqlExecute;
}

/** Rows per INSERT statement. */
const BATCH = 500;
const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function insert(execute: SqlExecute, table: string, columns: ReadonlyArray<readonly [string, string]>, rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + BATCH).map((row) => `(${row.map((value, i) => `CAST($${params.push(value)} AS ${(columns[i] as readonly [string, string])[1]})`).join(", ")})`);
    await execute(`INSERT INTO ${table} (${columns.map(([name]) => quote(name)).join(", ")}) VALUES ${tuples.join(", ")}`, params);
  }
}

/**
 * Inserts a data bag (raw, checked by `prepareKpiData`, or prepared) into the default table
 * layout of `createTablesSql(dialect)`, which must exist: reps, deals with their stage
 * history, activities, and leads with their steps. Instants go in as UTC ISO strings cast to
 * TIMESTAMPTZ, amounts as exact decimal strings; a row's team is the one preparation gave it
 * (its own, else its owner's in the roster). For loading a test database, or an export, into
 * DuckDB or Postgres; with your own tables, map them with `sqlEngine`'s `tables`/`columns`.
 *
 * @throws KpiInputError / KpiDefinitionError as `prepareKpiData` does, before anything is inserted.
 * @example
 * const { DuckDBInstance } = await import("@duckdb/node-api");
 * const connection = await (await DuckDBInstance.create(":memory:")).connect();
 * const execute = duckdbExecute(connection);
 * for (const statement of createTablesSql("duckdb")) await execute(statement, []);
 * await insertKpiData({ activities: [{ owner: "ann", type: "call", at: "2026-01-05T10:00:00Z" }] }, { dialect: "duckdb", execute });
 * (await execute("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM activities", []))[0]?.n; //=> 1
 */
export async function insertKpiData(data: KpiData | PreparedKpiData, options: InsertKpiDataOptions): Promise<void> {
  const { execute } = parseOptions(InsertKpiDataOptionsSchema, options);
  const prepared = prepare(data);
  const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
  const T = "VARCHAR";
  const TS = "TIMESTAMPTZ";
  await insert(execute, "reps", [["id", T], ["name", T], ["team", T], ["started_at", TS], ["left_at", TS]], prepared.reps.map((r) => [r.id, r.name ?? null, r.team ?? null, iso(r.startedAt), iso(r.leftAt)]));
  await insert(
    execute,
    "deals",
    [["id", T], ["owner", T], ["team", T], ["account", T], ["product", T], ["amount", "DECIMAL(18,2)"], ["currency", T], ["stage", T], ["created_at", TS], ["closed_at", TS], ["expected_close_at", TS], ["probability", "DECIMAL(7,6)"], ["source", T]],
    prepared.deals.map((d) => [
      d.id, d.owner, d.team ?? null, d.account ?? null, d.product ?? null, d.amount?.toFixed() ?? null, d.currency ?? null, d.stage.id,
      iso(d.createdAt), iso(d.closedAt), iso(d.expectedCloseAt), d.probability?.toFixed() ?? null, d.source ?? null,
    ]),
  );
  await insert(execute, "deal_stage_history", [["deal_id", T], ["stage", T], ["at", TS], ["seq", "BIGINT"]], prepared.deals.flatMap((d) => d.history.map((move, seq) => [d.id, move.stage.id, iso(move.at), String(seq)])));
  await insert(execute, "activities", [["id", T], ["owner", T], ["team", T], ["type", T], ["at", TS], ["quantity", "BIGINT"]], prepared.activities.map((a) => [a.id ?? null, a.owner, a.team ?? null, a.type, iso(a.at), String(a.quantity)]));
  await insert(execute, "leads", [["id", T], ["owner", T], ["team", T], ["source", T], ["created_at", TS], ["returned_at", TS]], prepared.leads.map((l) => [l.id, l.owner ?? null, l.team ?? null, l.source ?? null, iso(l.createdAt), iso(l.returnedAt)]));
  await insert(execute, "lead_steps", [["lead_id", T], ["step", T], ["at", TS]], prepared.leads.flatMap((l) => [...l.reached].map(([step, at]) => [l.id, step, iso(at)])));
}
