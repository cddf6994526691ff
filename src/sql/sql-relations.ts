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
 * `name AS (…)`: per partition of the stage moves (`h` joined to `stages s` in `from`), the first
 * or last move in funnel order — by `at`, then open stages before won/lost, then funnel
 * position, then `seq` — with columns `partition…, picked…, rn` (`rn = 1` on that move).
 * Portable: `ROW_NUMBER()` over the partition. DuckDB: one row per partition by
 * `arg_max`/`arg_min` on the same order as a struct (a hash aggregate instead of a sort; the
 * same move, as the differential tests check).
 */
function pickMove(
  context: SqlContext,
  name: string,
  which: "first" | "last",
  partition: ReadonlyArray<readonly [string, string]>,
  picked: ReadonlyArray<readonly [string, string]>,
  from: string,
  fastPath = true,
): string {
  const { layout } = context;
  const h = (column: "at" | "seq"): string => `h.${layout.column("deal_stage_history", column)}`;
  const columns = [...partition, ...picked];
  if (fastPath && context.spelling.dialect === "duckdb") {
    const key = `{'at': ${h("at")}, 'closed_rank': s.closed_rank, 'stage_idx': s.stage_idx, 'seq': ${h("seq")}}`;
    const pick = which === "last" ? "arg_max" : "arg_min";
    return (
      `${name} AS (SELECT ${partition.map(([alias, expression]) => `${expression} AS ${alias}`).join(", ")}, ` +
      `${picked.map(([alias, expression]) => `${pick}(${expression}, ${key}) AS ${alias}`).join(", ")}, 1 AS rn ` +
      `${from} GROUP BY ${partition.map(([, expression]) => expression).join(", ")})`
    );
  }
  const direction = which === "last" ? " DESC" : "";
  return (
    `${name} AS (SELECT ${columns.map(([alias, expression]) => `${expression} AS ${alias}`).join(", ")}, ` +
    `ROW_NUMBER() OVER (PARTITION BY ${partition.map(([, expression]) => expression).join(", ")} ORDER BY ${h("at")}${direction}, s.closed_rank${direction}, s.stage_idx${direction}, ${h("seq")}${direction}) AS rn ` +
    `${from})`
  );
}

/**
 * Common table expressions for deals as `prepareKpiData` sees them: `deal_rows(id, owner,
 * team, account, product, amount, currency, stage, stage_idx, outcome, source, probability,
 * created_at, expected_close_at, closed_at, has_history, last_move_at)` where `closed_at` is the effective close (DESIGN §3): the last
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
    pickMove(context, "ranked_moves", "last", [["deal_id", h("deal_id")]], [["stage", h("stage")], ["event_at", h("at")]], `FROM ${layout.table("deal_stage_history")} h JOIN stages s ON s.stage_id = ${h("stage")}`),
    `last_moves AS (SELECT deal_id, stage, event_at FROM ranked_moves WHERE rn = 1)`,
    `deal_rows AS (SELECT ${d("id")} AS id, ${d("owner")} AS owner, COALESCE(${d("team")}, r.${layout.column("reps", "team")}) AS team, ` +
      `${d("account")} AS account, ${d("product")} AS product, ${d("amount")} AS amount, ${d("currency")} AS currency, ` +
      `${d("stage")} AS stage, s.stage_idx AS stage_idx, s.outcome AS outcome, ${d("source")} AS source, ${d("probability")} AS probability, ` +
      `${d("created_at")} AS created_at, ${d("expected_close_at")} AS expected_close_at, ` +
      `CASE WHEN s.outcome = 'open' THEN NULL WHEN lm.event_at IS NULL THEN ${d("closed_at")} WHEN lm.stage = ${d("stage")} THEN lm.event_at ` +
      `WHEN ${d("closed_at")} IS NOT NULL AND ${d("closed_at")} >= lm.event_at THEN ${d("closed_at")} ELSE lm.event_at END AS closed_at, ` +
      `CASE WHEN lm.event_at IS NULL THEN 0 ELSE 1 END AS has_history, lm.event_at AS last_move_at ` +
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

/**
 * `deal_at`: every deal created before `asOfMs` with its state as of then (`dealStateAt`,
 * DESIGN §3: only moves with `at < asOf` count): `status_at` (open, won, lost), `stage_idx_at`,
 * `since_at` (when it entered that state; for won/lost the effective close), `stage_assumed`
 * (1 when no recorded stage applies and the pipeline's first open stage is assumed). A deal
 * is in its current state once `asOf` is after `current_since` (its effective close, or the
 * last move of an open deal, else its creation); before that, the last recorded move before
 * `asOf` decides (ties: open stages before won/lost, then funnel order, then `seq`); before
 * its first move it is in that move's stage when open, else assumed in the first open stage.
 * Without `asOfMs`: every deal in its current state. Builds on {@link dealCtes}.
 */
export function dealStateAtCtes(context: SqlContext, pipeline: PreparedPipeline, asOfMs: number | undefined): string[] {
  const { layout, spelling } = context;
  const ctes = dealCtes(context, pipeline);
  ctes.push(
    `deal_current AS (SELECT dr.*, CASE WHEN dr.outcome = 'open' THEN COALESCE(dr.last_move_at, dr.created_at) ELSE dr.closed_at END AS current_since FROM deal_rows dr)`,
  );
  const stateColumns = "id, owner, team, account, product, amount, currency, source, probability, created_at, expected_close_at, has_history";
  if (asOfMs === undefined) {
    ctes.push(
      `deal_at AS (SELECT ${stateColumns}, outcome AS status_at, stage_idx AS stage_idx_at, current_since AS since_at, 0 AS stage_assumed FROM deal_current)`,
    );
    return ctes;
  }
  const asOf = spelling.timestamp(asOfMs);
  const h = (column: "deal_id" | "stage" | "at" | "seq"): string => `h.${layout.column("deal_stage_history", column)}`;
  const firstOpen = pipeline.stages.find((stage) => stage.outcome === "open");
  ctes.push(
    pickMove(
      context,
      "moves_before",
      "last",
      [["deal_id", h("deal_id")]],
      [["stage_idx", "s.stage_idx"], ["outcome", "s.outcome"], ["event_at", h("at")]],
      `FROM ${layout.table("deal_stage_history")} h JOIN stages s ON s.stage_id = ${h("stage")} WHERE ${h("at")} < ${asOf}`,
    ),
    pickMove(context, "first_moves", "first", [["deal_id", h("deal_id")]], [["stage_idx", "s.stage_idx"], ["outcome", "s.outcome"]], `FROM ${layout.table("deal_stage_history")} h JOIN stages s ON s.stage_id = ${h("stage")}`),
    `deal_at_stage AS (SELECT c.*, CASE WHEN ${asOf} > c.current_since THEN c.stage_idx WHEN mb.stage_idx IS NOT NULL THEN mb.stage_idx ` +
      `WHEN fm.outcome = 'open' THEN fm.stage_idx ELSE ${firstOpen === undefined ? "NULL" : String(firstOpen.index)} END AS stage_idx_at, ` +
      `CASE WHEN ${asOf} > c.current_since THEN c.current_since WHEN mb.stage_idx IS NOT NULL THEN mb.event_at ELSE c.created_at END AS since_at, ` +
      `CASE WHEN ${asOf} > c.current_since OR mb.stage_idx IS NOT NULL OR fm.outcome = 'open' THEN 0 ELSE 1 END AS stage_assumed ` +
      `FROM deal_current c LEFT JOIN moves_before mb ON mb.deal_id = c.id AND mb.rn = 1 LEFT JOIN first_moves fm ON fm.deal_id = c.id AND fm.rn = 1 ` +
      `WHERE c.created_at < ${asOf})`,
    `deal_at AS (SELECT ${stateColumns.split(", ").map((c) => `a.${c}`).join(", ")}, s.outcome AS status_at, a.stage_idx_at AS stage_idx_at, a.since_at AS since_at, a.stage_assumed AS stage_assumed ` +
      `FROM deal_at_stage a JOIN stages s ON s.stage_idx = a.stage_idx_at)`,
  );
  return ctes;
}

/**
 * `deal_snap(snap_idx, id, owner, team, account, product, amount, currency, source,
 * probability, created_at, status_at, stage_idx_at)`: each deal as it stood at each snapshot
 * instant (one row per deal and snapshot it was created before), by the same rule as
 * {@link dealStateAtCtes} (only moves with `at` before the snapshot count). `snapshots` are
 * epoch ms, one per index. Builds on {@link dealCtes}.
 */
export function dealSnapshotCtes(context: SqlContext, pipeline: PreparedPipeline, snapshots: readonly number[]): string[] {
  const { layout, spelling } = context;
  const ctes = dealCtes(context, pipeline);
  const h = (column: "deal_id" | "stage" | "at" | "seq"): string => `h.${layout.column("deal_stage_history", column)}`;
  const firstOpen = pipeline.stages.find((stage) => stage.outcome === "open");
  const rows = snapshots.map((ms, i) => [String(i), spelling.timestamp(ms)]);
  ctes.push(
    `snaps AS (SELECT * FROM ${valuesRelation(spelling, "snaps", ["snap_idx", "snap_at"], rows)})`,
    `deal_current AS (SELECT dr.*, CASE WHEN dr.outcome = 'open' THEN COALESCE(dr.last_move_at, dr.created_at) ELSE dr.closed_at END AS current_since FROM deal_rows dr)`,
    pickMove(
      context,
      "snap_moves",
      "last",
      [["deal_id", h("deal_id")], ["snap_idx", "snaps.snap_idx"]],
      [["stage_idx", "s.stage_idx"]],
      `FROM ${layout.table("deal_stage_history")} h JOIN stages s ON s.stage_id = ${h("stage")} JOIN snaps ON ${h("at")} < snaps.snap_at ` +
        // After a deal's current state began, its history is not needed (the current state applies).
        `JOIN deal_current dc ON dc.id = ${h("deal_id")} AND snaps.snap_at <= dc.current_since`,
      // A window over moves × snapshots spills to disk under a memory limit; a hash aggregate of that size does not.
      false,
    ),
    pickMove(context, "snap_first_moves", "first", [["deal_id", h("deal_id")]], [["stage_idx", "s.stage_idx"], ["outcome", "s.outcome"]], `FROM ${layout.table("deal_stage_history")} h JOIN stages s ON s.stage_id = ${h("stage")}`),
    `snap_stage AS (SELECT c.id, c.owner, c.team, c.account, c.product, c.amount, c.currency, c.source, c.probability, c.created_at, snaps.snap_idx AS snap_idx, ` +
      `CASE WHEN snaps.snap_at > c.current_since THEN c.stage_idx WHEN mb.stage_idx IS NOT NULL THEN mb.stage_idx ` +
      `WHEN fm.outcome = 'open' THEN fm.stage_idx ELSE ${firstOpen === undefined ? "NULL" : String(firstOpen.index)} END AS stage_idx_at ` +
      `FROM deal_current c JOIN snaps ON c.created_at < snaps.snap_at ` +
      `LEFT JOIN snap_moves mb ON mb.deal_id = c.id AND mb.snap_idx = snaps.snap_idx AND mb.rn = 1 ` +
      `LEFT JOIN snap_first_moves fm ON fm.deal_id = c.id AND fm.rn = 1)`,
    `deal_snap AS (SELECT a.*, s.outcome AS status_at FROM snap_stage a JOIN stages s ON s.stage_idx = a.stage_idx_at)`,
  );
  return ctes;
}
