// Internal: the relations every compiled statement starts from — a calendar (or stages) sent
// as data, and the rows of deals, activities and leads with the same normalisation as
// `prepareKpiData` (a row's team, else its owner's team in the roster; a deal's outcome from
// the pipeline; its effective close from the stage history).
import type { PreparedPipeline } from "../model/prepared.js";
import type { DialectSpelling, SqlParams } from "./sql-dialect.js";
import type { SqlLayout } from "./table-layout.js";

/** What compiling a statement needs. */
export interface SqlContext {
  readonly spelling: DialectSpelling;
  readonly layout: SqlLayout;
  readonly params: SqlParams;
}

/**
 * A literal relation `alias(columns)` of `rows` (SQL expressions), as a FROM item:
 * `(VALUES ...) AS alias(c1, c2)` in DuckDB, Postgres and Snowflake, `UNNEST([STRUCT(...)])`
 * in BigQuery, a `UNION ALL` of SELECTs in ClickHouse.
 */
export function valuesRelation(spelling: DialectSpelling, alias: string, columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  if (spelling.dialect === "bigquery") {
    const structs = rows.map((row, r) => `STRUCT(${row.map((value, i) => (r === 0 ? `${value} AS ${columns[i]}` : value)).join(", ")})`);
    return `UNNEST([${structs.join(", ")}]) AS ${alias}`;
  }
  if (spelling.dialect === "clickhouse") {
    const selects = rows.map((row, r) => `SELECT ${row.map((value, i) => (r === 0 ? `${value} AS ${columns[i]}` : value)).join(", ")}`);
    return `(${selects.join(" UNION ALL ")}) AS ${alias}`;
  }
  return `(VALUES ${rows.map((row) => `(${row.join(", ")})`).join(", ")}) AS ${alias}(${columns.join(", ")})`;
}

/** One half-open bucket `[startMs, endMs)` in UTC epoch ms. */
export interface SqlBucket {
  readonly startMs: number;
  readonly endMs: number;
}

/** The calendar as data: `periods(idx, start_at, end_at)`, one row per bucket. */
export function periodsRelation(context: SqlContext, buckets: readonly SqlBucket[]): string {
  const { spelling } = context;
  const rows = buckets.map((bucket, i) => [String(i), spelling.timestamp(bucket.startMs), spelling.timestamp(bucket.endMs)]);
  return valuesRelation(spelling, "periods", ["idx", "start_at", "end_at"], rows);
}

/** A text parameter, cast so that every engine types it as text (also inside VALUES). */
export function textParam(context: SqlContext, value: string): string {
  return `CAST(${context.params.add(value)} AS ${context.spelling.types.text})`;
}

/** The pipeline as data: `stages(stage_id, stage_idx, closed_rank, outcome)`. */
export function stagesRelation(context: SqlContext, pipeline: PreparedPipeline): string {
  const rows = pipeline.stages.map((stage) => [
    textParam(context, stage.id),
    String(stage.index),
    stage.outcome === "open" ? "0" : "1",
    `'${stage.outcome}'`,
  ]);
  return valuesRelation(context.spelling, "stages", ["stage_id", "stage_idx", "closed_rank", "outcome"], rows);
}

/**
 * Common table expressions for deals as `prepareKpiData` sees them: `deal_rows(id, owner,
 * team, account, product, amount, currency, stage, stage_idx, outcome, source, probability,
 * created_at, closed_at)` where `closed_at` is the effective close (DESIGN §3): the last
 * move of the history (ordered by at, then open stages before won/lost, then funnel order,
 * then seq) when it is into the current stage; else the row's `closed_at` when not before
 * that last move; else the last move; no history: the row's `closed_at`. NULL for a deal
 * open now. Also `stages` and `last_moves(deal_id, stage, at)`.
 */
export function dealCtes(context: SqlContext, pipeline: PreparedPipeline): string[] {
  const { layout } = context;
  const d = (column: Parameters<SqlLayout["column"]>[1] & string): string => `d.${layout.column("deals", column as never)}`;
  const h = (column: "deal_id" | "stage" | "at" | "seq"): string => `h.${layout.column("deal_stage_history", column)}`;
  return [
    `stages AS (SELECT * FROM ${stagesRelation(context, pipeline)})`,
    `ranked_moves AS (SELECT ${h("deal_id")} AS deal_id, ${h("stage")} AS stage, ${h("at")} AS event_at, ` +
      `ROW_NUMBER() OVER (PARTITION BY ${h("deal_id")} ORDER BY ${h("at")} DESC, s.closed_rank DESC, s.stage_idx DESC, ${h("seq")} DESC) AS rn ` +
      `FROM ${layout.table("deal_stage_history")} h JOIN stages s ON s.stage_id = ${h("stage")})`,
    `last_moves AS (SELECT deal_id, stage, event_at FROM ranked_moves WHERE rn = 1)`,
    `deal_rows AS (SELECT ${d("id")} AS id, ${d("owner")} AS owner, COALESCE(${d("team")}, r.${layout.column("reps", "team")}) AS team, ` +
      `${d("account")} AS account, ${d("product")} AS product, ${d("amount")} AS amount, ${d("currency")} AS currency, ` +
      `${d("stage")} AS stage, s.stage_idx AS stage_idx, s.outcome AS outcome, ${d("source")} AS source, ${d("probability")} AS probability, ` +
      `${d("created_at")} AS created_at, ` +
      `CASE WHEN s.outcome = 'open' THEN NULL WHEN lm.event_at IS NULL THEN ${d("closed_at")} WHEN lm.stage = ${d("stage")} THEN lm.event_at ` +
      `WHEN ${d("closed_at")} IS NOT NULL AND ${d("closed_at")} >= lm.event_at THEN ${d("closed_at")} ELSE lm.event_at END AS closed_at ` +
      `FROM ${layout.table("deals")} d JOIN stages s ON s.stage_id = ${d("stage")} ` +
      `LEFT JOIN ${layout.table("reps")} r ON r.${layout.column("reps", "id")} = ${d("owner")} ` +
      `LEFT JOIN last_moves lm ON lm.deal_id = ${d("id")})`,
  ];
}

/** `activity_rows(owner, team, type, at, quantity)`: the row's team, else the owner's in the roster. */
export function activityCtes(context: SqlContext): string[] {
  const { layout } = context;
  const a = (column: "owner" | "team" | "type" | "at" | "quantity"): string => `a.${layout.column("activities", column)}`;
  return [
    `activity_rows AS (SELECT ${a("owner")} AS owner, COALESCE(${a("team")}, r.${layout.column("reps", "team")}) AS team, ` +
      `${a("type")} AS type, ${a("at")} AS event_at, ${a("quantity")} AS quantity ` +
      `FROM ${layout.table("activities")} a LEFT JOIN ${layout.table("reps")} r ON r.${layout.column("reps", "id")} = ${a("owner")})`,
  ];
}

/**
 * `lead_rows(id, owner, team, source, at)`: leads with `at` = when they first reached `step`
 * (the earliest `lead_steps` row; leads that never did are left out), or their creation.
 */
export function leadCtes(context: SqlContext, step: string | undefined): string[] {
  const { layout } = context;
  const l = (column: "id" | "owner" | "team" | "source" | "created_at"): string => `l.${layout.column("leads", column)}`;
  const s = (column: "lead_id" | "step" | "at"): string => layout.column("lead_steps", column);
  const team = `COALESCE(${l("team")}, r.${layout.column("reps", "team")})`;
  const reps = `LEFT JOIN ${layout.table("reps")} r ON r.${layout.column("reps", "id")} = ${l("owner")}`;
  const columns = `${l("id")} AS id, ${l("owner")} AS owner, ${team} AS team, ${l("source")} AS source`;
  if (step === undefined) {
    return [`lead_rows AS (SELECT ${columns}, ${l("created_at")} AS event_at FROM ${layout.table("leads")} l ${reps})`];
  }
  return [
    `reached AS (SELECT ${s("lead_id")} AS lead_id, MIN(${s("at")}) AS event_at FROM ${layout.table("lead_steps")} ` +
      `WHERE ${s("step")} = ${textParam(context, step)} GROUP BY ${s("lead_id")})`,
    `lead_rows AS (SELECT ${columns}, st.event_at AS event_at FROM ${layout.table("leads")} l JOIN reached st ON st.lead_id = ${l("id")} ${reps})`,
  ];
}
