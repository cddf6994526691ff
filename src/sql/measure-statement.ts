// Internal: one additive measure (count, sum, distinct) compiled to one statement that returns
// sparse aggregates per (period index, group key, currency, skip reason): row count and the
// exact count or sum as text. Zero-fill, totals and ratios are done in TypeScript.
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { AdditiveMeasure, FilterValue } from "../measure/measure.js";
import type { KpiGroupBy } from "../measure/series.js";
import type { PreparedPipeline } from "../model/prepared.js";
import { createSqlParams, type DialectSpelling } from "./sql-dialect.js";
import { activityCtes, dealStateAtCtes, leadCtes, periodsRelation, type SqlBucket, type SqlContext, textParam } from "./sql-relations.js";
import type { SqlLayout } from "./table-layout.js";

/** One statement and its positional parameters. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** `column = $1` or `column IN ($1, $2)`; a NULL never matches (as in process). */
function filterSql(context: SqlContext, column: string, filter: FilterValue | undefined): string | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === "string") return `${column} = ${textParam(context, filter)}`;
  return `${column} IN (${filter.map((value) => textParam(context, value)).join(", ")})`;
}

function and(conditions: ReadonlyArray<string | undefined>): string {
  const kept = conditions.filter((c): c is string => c !== undefined);
  return kept.length === 0 ? "" : ` WHERE ${kept.join(" AND ")}`;
}

/** The group filters (`owner`, `team`, `source`) of a `where`, on relation alias `f`. */
function groupConditions(context: SqlContext, where: { owner?: FilterValue; team?: FilterValue; source?: FilterValue } | undefined): Array<string | undefined> {
  return [filterSql(context, "f.owner", where?.owner), filterSql(context, "f.team", where?.team), filterSql(context, "f.source", where?.source)];
}

/** What a leaf statement needs beyond the measure. */
export interface MeasureStatementOptions {
  readonly spelling: DialectSpelling;
  readonly layout: SqlLayout;
  readonly pipeline: PreparedPipeline | undefined;
  readonly buckets: readonly SqlBucket[];
  /** The breakdown fields (none, one or two); `[]` for one group (the total). */
  readonly groupBy: readonly KpiGroupBy[];
  /** Deals are read as of this exclusive instant (outcome, stage and close from their history before it). */
  readonly asOfMs: number;
}

/**
 * The statement of one additive measure. Result columns, all text: `period_index`,
 * `group_key` and `group_key2` (the breakdown fields' values; NULL when ungrouped or the row
 * lacks it), `currency_key` (sums only),
 * `skip_reason` (`missing-amount`, `no-account`, else NULL), `row_count`, `measure_value`.
 */
export function measureStatement(measure: AdditiveMeasure, options: MeasureStatementOptions): SqlStatement {
  const { spelling, layout, buckets, groupBy } = options;
  const params = createSqlParams(spelling);
  const context: SqlContext = { spelling, layout, params };
  const text = spelling.text;
  const ctes: string[] = [];
  let facts: string;
  let conditions: Array<string | undefined>;
  let value: string;
  let skip = "NULL";
  let currency = "NULL";

  if (measure.source === "activities") {
    ctes.push(...activityCtes(context));
    facts = "activity_rows";
    conditions = [filterSql(context, "f.type", measure.where?.type), ...groupConditions(context, measure.where)];
    value = "SUM(b.quantity)";
  } else if (measure.source === "leads") {
    ctes.push(...leadCtes(context, measure.step));
    facts = "lead_rows";
    conditions = groupConditions(context, measure.where);
    value = "COUNT(*)";
  } else {
    const pipeline = options.pipeline;
    if (pipeline === undefined) throw definitionError("missing-pipeline", ["pipeline"], messages.pipelineRequired);
    ctes.push(...dealStateAtCtes(context, pipeline, options.asOfMs));
    // Deals as known at asOf: outcome, stage and close from the history before it.
    ctes.push(
      `deal_rows_at AS (SELECT a.id, a.owner, a.team, a.account, a.product, a.amount, a.currency, a.source, a.created_at, ` +
        `a.status_at AS outcome, s.stage_id AS stage, CASE WHEN a.status_at = 'open' THEN NULL ELSE a.since_at END AS closed_at ` +
        `FROM deal_at a JOIN stages s ON s.stage_idx = a.stage_idx_at)`,
    );
    const where = measure.where;
    const at = measure.at === "createdAt" ? "created_at" : "closed_at";
    const property = [
      `${at} IS NOT NULL`,
      filterSql(context, "outcome", where?.outcome),
      filterSql(context, "stage", where?.stage),
      filterSql(context, "product", where?.product),
      filterSql(context, "currency", where?.currency),
    ].filter((c): c is string => c !== undefined);
    const columns = `id, owner, team, source, product, account, amount, currency, ${at} AS event_at`;
    if (measure.kind === "distinct" && measure.first === true) {
      // New customers: the first matching deal of each account over ALL time (by instant,
      // then id, then owner, compared as code points) decides; only then group filters apply.
      ctes.push(`candidates AS (SELECT ${columns} FROM deal_rows_at WHERE ${property.join(" AND ")})`);
      ctes.push(
        `firsts AS (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY account ORDER BY event_at, ${spelling.binary("id")}, ${spelling.binary("owner")}) AS rn ` +
          `FROM candidates c WHERE account IS NOT NULL)`,
      );
      ctes.push(
        `deal_facts AS (SELECT owner, team, source, product, amount, account, event_at, CAST(NULL AS ${spelling.types.text}) AS skip_reason FROM firsts WHERE rn = 1 ` +
          `UNION ALL SELECT owner, team, source, product, amount, account, event_at, 'no-account' AS skip_reason FROM candidates WHERE account IS NULL)`,
      );
      skip = "f.skip_reason";
      value = "COUNT(*)";
    } else {
      ctes.push(`deal_facts AS (SELECT ${columns} FROM deal_rows_at WHERE ${property.join(" AND ")})`);
      if (measure.kind === "sum") {
        skip = "CASE WHEN f.amount IS NULL THEN 'missing-amount' END";
        currency = "f.currency";
        value = "SUM(b.amount)";
      } else if (measure.kind === "distinct") {
        skip = "CASE WHEN f.account IS NULL THEN 'no-account' END";
        value = "COUNT(DISTINCT b.account)";
      } else {
        value = "COUNT(*)";
      }
    }
    facts = "deal_facts";
    conditions = groupConditions(context, where);
  }

  const nothing = `CAST(NULL AS ${spelling.types.text})`;
  const group = groupBy[0] === undefined ? nothing : `f.${groupBy[0]}`;
  const group2 = groupBy[1] === undefined ? nothing : `f.${groupBy[1]}`;
  const carried = measure.source === "activities" ? ", f.quantity AS quantity" : measure.source === "deals" ? ", f.amount AS amount, f.account AS account" : "";
  ctes.push(
    `bucketed AS (SELECT periods.idx AS idx, ${group} AS group_key, ${group2} AS group_key2, ${currency} AS currency_key, ${skip} AS skip_reason${carried} ` +
      `FROM ${facts} f JOIN ${periodsRelation(context, buckets)} ON f.event_at >= periods.start_at AND f.event_at < periods.end_at` +
      `${and(conditions)})`,
  );
  const sql =
    `WITH ${ctes.join(",\n")}\n` +
    `SELECT ${text("b.idx")} AS period_index, b.group_key AS group_key, b.group_key2 AS group_key2, b.currency_key AS currency_key, b.skip_reason AS skip_reason, ` +
    `${text("COUNT(*)")} AS row_count, ${text(value)} AS measure_value\n` +
    `FROM bucketed b GROUP BY b.idx, b.group_key, b.group_key2, b.currency_key, b.skip_reason\n` +
    `ORDER BY 1, 2, 3, 4, 5`;
  return { sql, params: params.values };
}

/** The earliest row of the measure's source known before `asOf`, as epoch ms (for "before the data"). */
export function dataStartStatement(engine: { readonly spelling: DialectSpelling; readonly layout: SqlLayout }, leaf: { readonly source: "activities" | "deals" | "leads" }, asOfMs: number): SqlStatement {
  const { layout, spelling } = engine;
  const [table, column] =
    leaf.source === "activities"
      ? (["activities", layout.column("activities", "at")] as const)
      : leaf.source === "leads"
        ? (["leads", layout.column("leads", "created_at")] as const)
        : (["deals", layout.column("deals", "created_at")] as const);
  return {
    sql: `SELECT ${spelling.text(spelling.epochMs(`MIN(${column})`))} AS data_start_ms FROM ${layout.table(table)} WHERE ${column} < ${spelling.timestamp(asOfMs)}`,
    params: [],
  };
}

