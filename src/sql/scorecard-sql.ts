// Internal: the scorecard on a database. The scorecard's own core (`scorecardOf`) runs in
// TypeScript over a data source whose questions — the roster, the owners, the first row, each
// KPI's series, the deal funnels — are answered from SQL. The core is synchronous, so it runs
// with a recording source first (placeholder answers), the recorded questions run in SQL, and
// it runs again with the answers until it asks nothing new (a fixed point: three passes, as
// only the first row's instant changes which questions come next).
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { type EvaluateKpiOptions, evaluateKpiCellsByGroup, finishKpiCellsByGroup, type KpiCellsByGroup } from "../evaluate/kpi-series.js";
import type { KpiDefinition } from "../kpi/kpi-definition.js";
import { prepare } from "../model/prepare-kpi-data.js";
import type { PreparedPipeline, PreparedRep } from "../model/prepared.js";
import { funnelsFromReached, funnelSteps } from "../report/deal-funnel.js";
import { type ScorecardData, type ScorecardOptions, ScorecardOptionsSchema, scorecardOf } from "../report/scorecard.js";
import type { Scorecard } from "../report/scorecard-types.js";
import { type KpiCalendar, resolveCalendar } from "../time/calendar.js";
import { type KpiSqlEngine, type KpiSqlPlan, planEvaluateKpi } from "./kpi-series-sql.js";
import type { SqlStatement } from "./measure-statement.js";
import { readCount, readText } from "./read-aggregates.js";
import { createSqlParams } from "./sql-dialect.js";
import type { SqlRow } from "./sql-execute.js";
import { dealStateAtCtes, type SqlContext, textParam, valuesRelation } from "./sql-relations.js";

/** Runs a plan's statements on the engine's connection. */
export type PlanRunner = <T>(plan: KpiSqlPlan<T>) => Promise<T>;

type Funnels = ReturnType<ScorecardData["funnels"]>;

/** One question the scorecard core asks, with how SQL answers it. */
interface Question {
  readonly plan: KpiSqlPlan<unknown>;
}

const MAX_PASSES = 6;

function rosterPlan(engine: KpiSqlEngine): KpiSqlPlan<PreparedRep[]> {
  const { layout, spelling } = engine;
  const c = (column: "id" | "name" | "team" | "started_at" | "left_at"): string => layout.column("reps", column);
  return {
    statements: [
      {
        sql:
          `SELECT ${c("id")} AS id, ${c("name")} AS name, ${c("team")} AS team, ${spelling.text(spelling.epochMs(c("started_at")))} AS started_ms, ` +
          `${spelling.text(spelling.epochMs(c("left_at")))} AS left_ms FROM ${layout.table("reps")}`,
        params: [],
      },
    ],
    finish: (results) =>
      (results[0] ?? []).map((row, index) => {
        const started = readText(row, "started_ms");
        const left = readText(row, "left_ms");
        return {
          index,
          id: readText(row, "id") ?? "",
          name: readText(row, "name"),
          team: readText(row, "team"),
          startedAt: started === undefined ? undefined : Number(started),
          leftAt: left === undefined ? undefined : Number(left),
        };
      }),
  };
}

function ownersPlan(engine: KpiSqlEngine): KpiSqlPlan<string[]> {
  const { layout } = engine;
  const owner = (table: "deals" | "activities" | "leads"): string =>
    `SELECT DISTINCT ${layout.column(table, "owner")} AS owner FROM ${layout.table(table)} WHERE ${layout.column(table, "owner")} IS NOT NULL`;
  return {
    statements: [{ sql: `${owner("deals")} UNION ${owner("activities")} UNION ${owner("leads")}`, params: [] }],
    finish: (results) => (results[0] ?? []).map((row) => readText(row, "owner") ?? ""),
  };
}

function earliestRowPlan(engine: KpiSqlEngine, asOfMs: number): KpiSqlPlan<number | undefined> {
  const { layout, spelling } = engine;
  const first = (table: "activities" | "deals" | "leads", column: string): string =>
    `SELECT MIN(${column}) AS first_at FROM ${layout.table(table)} WHERE ${column} < ${spelling.timestamp(asOfMs)}`;
  const sql =
    `SELECT ${spelling.text(spelling.epochMs("MIN(first_at)"))} AS first_ms FROM (` +
    `${first("activities", layout.column("activities", "at"))} UNION ALL ${first("deals", layout.column("deals", "created_at"))} ` +
    `UNION ALL ${first("leads", layout.column("leads", "created_at"))}) AS firsts`;
  return {
    statements: [{ sql, params: [] }],
    finish: (results) => {
      const text = readText((results[0] ?? [])[0] ?? {}, "first_ms");
      return text === undefined ? undefined : Number(text);
    },
  };
}

/**
 * The deal funnels: per owner, how many deals created in `[fromMs, toMs)` (before `asOfMs`)
 * got how far — won, else the furthest open stage they are in or moved through before `asOfMs`.
 */
function funnelsPlan(engine: KpiSqlEngine, pipeline: PreparedPipeline | undefined, fromMs: number, toMs: number, asOfMs: number, basis: string): KpiSqlPlan<Funnels> {
  const steps = pipeline === undefined ? undefined : funnelSteps(pipeline);
  if (pipeline === undefined || steps === undefined) return { statements: [], finish: () => ({ team: null, byOwner: new Map() }) };
  const { spelling, layout } = engine;
  const context: SqlContext = { spelling, layout, params: createSqlParams(spelling) };
  const open = steps.slice(0, -1);
  const openPosition = new Map(open.map((stage, position) => [stage.index, position]));
  const h = (column: "deal_id" | "stage" | "at"): string => `h.${layout.column("deal_stage_history", column)}`;
  const ts = spelling.timestamp;
  const ctes = dealStateAtCtes(context, pipeline, asOfMs);
  ctes.push(
    `open_positions AS (SELECT * FROM ${valuesRelation(spelling, "open_positions", ["stage_id", "position"], open.map((stage, position) => [textParam(context, stage.id), String(position)]))})`,
    `furthest_moves AS (SELECT ${h("deal_id")} AS deal_id, MAX(op.position) AS position FROM ${layout.table("deal_stage_history")} h ` +
      `JOIN open_positions op ON op.stage_id = ${h("stage")} WHERE ${h("at")} < ${ts(asOfMs)} GROUP BY ${h("deal_id")})`,
  );
  const text = spelling.text;
  const sql =
    `WITH ${ctes.join(",\n")}\n` +
    `SELECT d.owner AS owner, d.status_at AS status_at, ${text("d.stage_idx_at")} AS stage_idx, ${text("fm.position")} AS moved_to, ${text("COUNT(*)")} AS row_count\n` +
    `FROM deal_at d LEFT JOIN furthest_moves fm ON fm.deal_id = d.id WHERE d.created_at >= ${ts(fromMs)} AND d.created_at < ${ts(toMs)}\n` +
    `GROUP BY d.owner, d.status_at, d.stage_idx_at, fm.position ORDER BY 1, 2, 3, 4`;
  const statement: SqlStatement = { sql, params: context.params.values };
  const wonStep = steps.length - 1;
  return {
    statements: [statement],
    finish: (results) =>
      funnelsFromReached(
        pipeline,
        (results[0] ?? []).map((row: SqlRow) => {
          const moved = readText(row, "moved_to");
          const current = openPosition.get(readCount(row, "stage_idx")) ?? 0;
          const reached = readText(row, "status_at") === "won" ? wonStep : Math.max(current, moved === undefined ? 0 : Number(moved));
          return { owner: readText(row, "owner") ?? "", reached, count: readCount(row, "row_count") };
        }),
        basis,
      ),
  };
}

/**
 * `scorecard` on the database: same options and result, `analytics` aside (a
 * KpiDefinitionError: it needs the rows in process). The rows are trusted as valid, so the
 * notes list no skipped rows.
 */
export async function sqlScorecard(engine: KpiSqlEngine, run: PlanRunner, options: ScorecardOptions): Promise<Scorecard> {
  const opts = parseOptions(ScorecardOptionsSchema, options);
  if (opts.analytics === true) throw definitionError("invalid-option", ["analytics"], messages.analyticsNeedsRows);
  const calendar: KpiCalendar = opts.calendar ?? engine.calendar ?? resolveCalendar(undefined);
  const reps = await run(rosterPlan(engine));
  const owners = await run(ownersPlan(engine));
  // Placeholder answers for the first pass: the same functions on no rows.
  const empty = prepare({}, { calendar });
  const answers = new Map<string, unknown>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const questions = new Map<string, Question>();
    const ask = <T>(key: string, plan: () => KpiSqlPlan<T>, placeholder: () => T): T => {
      if (answers.has(key)) return answers.get(key) as T;
      if (!questions.has(key)) questions.set(key, { plan: plan() });
      return placeholder();
    };
    const source: ScorecardData = {
      calendar,
      reps,
      owners: () => owners,
      earliestRow: (asOfMs) => ask(`first ${asOfMs}`, () => earliestRowPlan(engine, asOfMs), () => undefined),
      evaluate: (definition: KpiDefinition, evaluateOptions: EvaluateKpiOptions): KpiCellsByGroup =>
        ask(
          `kpi ${JSON.stringify([definition, evaluateOptions])}`,
          () => planEvaluateKpi(engine, calendar, definition, evaluateOptions, finishKpiCellsByGroup),
          () => evaluateKpiCellsByGroup(empty, definition, evaluateOptions),
        ),
      funnels: (fromMs, toMs, asOfMs, basis) =>
        ask(`funnels ${JSON.stringify([fromMs, toMs, asOfMs, basis])}`, () => funnelsPlan(engine, engine.pipeline, fromMs, toMs, asOfMs, basis), () => ({
          team: null,
          byOwner: new Map(),
        })),
      skipped: [],
      prepared: undefined,
    };
    const card = scorecardOf(source, opts);
    if (questions.size === 0) return card;
    // The first row decides the programme start, hence every KPI's range: answer it alone
    // first, so that no KPI is computed for a range the next pass would not ask for.
    const firsts = [...questions].filter(([key]) => key.startsWith("first "));
    for (const [key, question] of firsts.length > 0 ? firsts : questions) answers.set(key, await run(question.plan));
  }
  throw definitionError("invalid-option", ["kpis"], messages.sqlScorecardNoFixedPoint(MAX_PASSES));
}
