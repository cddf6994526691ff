import { z } from "zod";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import type { Accumulated } from "../measure/accumulate.js";
import { evaluateAccumulated } from "../measure/evaluate.js";
import { type AdditiveMeasure, type Measure, MeasureSchema } from "../measure/measure.js";
import { type MeasureSeriesOptions, MeasureSeriesOptionsSchema } from "../measure/measure-series.js";
import { groupKeys } from "../measure/accumulate.js";
import { type GroupSource, groupFields, groupKeyReader } from "../measure/group-key.js";
import { resolveRange } from "../measure/range.js";
import { seriesOf } from "../measure/series-of.js";
import { parseAsOf } from "../time/instant.js";
import { periodsBetween } from "../time/period.js";
import type { KpiSeries } from "../measure/series.js";
import { type Pipeline, PipelineSchema } from "../model/pipeline.js";
import { preparePipeline } from "../model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../model/prepared.js";
import { type KpiCalendar, type KpiCalendarInput, KpiCalendarSchema, resolveCalendar } from "../time/calendar.js";
import type { PipelineValueResult, WeightedPipelineValueOptions } from "../pipeline/weighted-pipeline-value.js";
import type { WinRateOptions, WinRateResult } from "../pipeline/win-rate.js";
import { dataStartStatement, measureStatement, type SqlStatement } from "./measure-statement.js";
import { planWeightedPipelineValue, planWinRate } from "./pipeline-sql.js";
import { planConversionRate } from "./conversion-sql.js";
import { planKpiSeries } from "./kpi-series-sql.js";
import { sqlScorecard } from "./scorecard-sql.js";
import type { ScorecardOptions } from "../report/scorecard.js";
import type { Scorecard } from "../report/scorecard-types.js";
import { type KpiSeriesOptions, KpiSeriesOptionsSchema, type KpiSeriesResult } from "../evaluate/kpi-series.js";
import type { KpiDefinitionInput } from "../kpi/kpi-definition.js";
import type { ConversionRateOptions, ConversionRateResult } from "../conversion/conversion-rate.js";
import { standardConversions, standardFunnelSteps } from "../conversion/standard-conversions.js";
import { accumulatedFromRows, readText } from "./read-aggregates.js";
import { dialectSpelling, type SqlDialect, SqlDialectSchema } from "./sql-dialect.js";
import type { SqlExecute, SqlRow } from "./sql-execute.js";
import type { SqlBucket } from "./sql-relations.js";
import {
  type SqlColumnNames,
  SqlColumnNamesSchema,
  sqlLayout,
  type SqlTableNames,
  SqlTableNamesSchema,
} from "./table-layout.js";
import { rosterFromRows, rosterStatement } from "./roster-sql.js";

/** Schema of {@link SqlEngineOptions}. */
export const SqlEngineOptionsSchema = z.strictObject({
  dialect: SqlDialectSchema,
  execute: z.custom<SqlExecute>((value) => typeof value === "function", { error: "expected a function (sql, params) => Promise<rows>" }).optional(),
  tables: SqlTableNamesSchema.optional(),
  columns: SqlColumnNamesSchema.optional(),
  calendar: KpiCalendarSchema.optional(),
  pipeline: PipelineSchema.optional(),
});

/** Options of {@link sqlEngine}. */
export interface SqlEngineOptions {
  /** `"duckdb"` and `"postgres"` run; `"bigquery"`, `"snowflake"`, `"clickhouse"` are printed by `explain` only. */
  readonly dialect: SqlDialect;
  /** Your connection: `duckdbExecute(connection)`, `pgExecute(pool)` or your own `(sql, params) => Promise<rows>`. */
  readonly execute?: SqlExecute;
  /** Table names when yours differ from the default layout (`{ deals: "crm.opportunities" }`). */
  readonly tables?: SqlTableNames;
  /** Column names when yours differ (`{ deals: { owner: "owner_id" } }`). */
  readonly columns?: SqlColumnNames;
  /** The calendar periods are computed in (default UTC); an option's own `calendar` wins. */
  readonly calendar?: KpiCalendarInput;
  /** The pipeline the deals' stages belong to (needed by every deal measure). */
  readonly pipeline?: ReadonlyInput<Pipeline>;
}

/** Options of {@link SqlEngine.explain}: those of the function that computes the KPI. */
export type SqlExplainOptions =
  | MeasureSeriesOptions
  | WeightedPipelineValueOptions
  | WinRateOptions
  | Omit<ConversionRateOptions, "from" | "to" | "steps">;

/** What `explain` prints: the statements a call would run, with their parameters. */
export interface SqlExplanation {
  readonly statements: ReadonlyArray<{ readonly sql: string; readonly params: readonly unknown[] }>;
}

/** The SQL engine: the library's functions, run where the data lives. */
export interface SqlEngine {
  readonly dialect: SqlDialect;
  /**
   * `kpiSeries` on the database: any catalog or custom KPI (measure or builtin) per period and
   * group, as of a date, with the team over all rows; same options, same result. A builtin the
   * data bag cannot give (eNPS, CAC, rep turnover …) is the same KpiDefinitionError as in process.
   */
  kpiSeries(kpi: KpiDefinitionInput, options: KpiSeriesOptions): Promise<KpiSeriesResult>;
  /**
   * `scorecard` on the database: same options, same result. The scorecard's own TypeScript
   * runs over answers from SQL (roster, owners, first row, each KPI's `kpiSeries`, the deal
   * funnels). Not supported: `analytics: true` (a KpiDefinitionError; it needs the rows in
   * process). The rows are trusted as valid, so no skipped rows are noted.
   */
  scorecard(options: ScorecardOptions): Promise<Scorecard>;
  /** `measureSeries` on the database: same options, same result. */
  measureSeries(measure: Measure, options: MeasureSeriesOptions): Promise<KpiSeries>;
  /**
   * `weightedPipelineValue` on the database: the open deals as of `asOf` from the stage
   * history, same options and result. Not supported: `fx` (use `rates`), `staleAfterDays`,
   * a `missingAmount` function. A skipped deal has `index: -1` (rows have no position).
   */
  weightedPipelineValue(options?: WeightedPipelineValueOptions): Promise<PipelineValueResult>;
  /** `pipelineValue` on the database (Σ amount of the open deals; the same restrictions). */
  pipelineValue(options?: WeightedPipelineValueOptions): Promise<PipelineValueResult>;
  /** `winRate` on the database: same options and result (not supported: `fx`, a `missingAmount` function). */
  winRate(options: WinRateOptions): Promise<WinRateResult>;
  /** `conversionRate` on the database: cohort (or period) counts per group in SQL, same options and result. */
  conversionRate(options: ConversionRateOptions): Promise<ConversionRateResult>;
  /**
   * The statements a call would run, with their parameters, without running them (any
   * dialect, BigQuery, Snowflake and ClickHouse included). `kpi` is a measure or a KPI
   * definition; `options` are those of the function that computes it: `measureSeries`
   * options for count, sum, distinct and ratio measures; for builtins, the options of
   * `weightedPipelineValue` (`weighted-pipeline-value`, `pipeline-value`), `winRate`
   * (`win-rate`) or `conversionRate` without `from`/`to` (`conversion-lead-sql`,
   * `conversion-sql-customer`, `conversion-quote-customer`, `close-rate`). A KPI definition
   * (with `id`) given `kpiSeries` options explains as `engine.kpiSeries` (any evaluable KPI).
   */
  explain(kpi: Measure | { readonly measure: Measure }, options: SqlExplainOptions | KpiSeriesOptions): SqlExplanation;
}

/** Everything a compiled call needs from the engine. */
interface EngineContext {
  readonly dialect: SqlDialect;
  readonly execute: SqlExecute | undefined;
  readonly spelling: ReturnType<typeof dialectSpelling>;
  readonly layout: ReturnType<typeof sqlLayout>;
  readonly calendar: KpiCalendar | undefined;
  readonly pipeline: PreparedPipeline | undefined;
}

/** A compiled call: its statements, and how their rows become the result. */
export interface Plan<T> {
  readonly statements: readonly SqlStatement[];
  finish(results: ReadonlyArray<readonly SqlRow[]>): T;
}

async function run<T>(engine: EngineContext, plan: Plan<T>): Promise<T> {
  if (engine.dialect !== "duckdb" && engine.dialect !== "postgres") {
    throw definitionError("invalid-option", ["dialect"], messages.sqlNotExecutable(engine.dialect));
  }
  const execute = engine.execute;
  if (execute === undefined) throw definitionError("invalid-option", ["execute"], messages.sqlExecuteRequired);
  const results: Array<readonly SqlRow[]> = [];
  // One statement at a time: a single connection cannot run two at once.
  for (const statement of plan.statements) results.push(await execute(statement.sql, statement.params));
  return plan.finish(results);
}

function planMeasureSeries(engine: EngineContext, measure: Measure, options: MeasureSeriesOptions): Plan<KpiSeries> {
  const parsedMeasure = parseDefinition(MeasureSchema, measure, ["measure"]);
  const opts = parseOptions(MeasureSeriesOptionsSchema, options);
  if (parsedMeasure.kind === "builtin") {
    throw definitionError("invalid-definition", ["measure", "id"], messages.builtinMeasure(parsedMeasure.id));
  }
  const calendar = opts.calendar ?? engine.calendar ?? resolveCalendar(undefined);
  // The same frame as in process: periods of [from, to), rows counted before min(to, asOf).
  const range = resolveRange(opts.from, opts.to, calendar);
  const asOfMs = opts.asOf === undefined ? range.toMs : parseAsOf(opts.asOf, calendar);
  const periods = periodsBetween(range.fromMs, range.toMs, opts.grain, calendar);
  const endMs = Math.min(range.toMs, asOfMs);
  // The calendar as data: each period clipped to [from, min(to, asOf)), in UTC epoch ms.
  const buckets: SqlBucket[] = periods.map((period) => ({
    startMs: Math.max(period.startMs, range.fromMs),
    endMs: Math.max(Math.max(period.startMs, range.fromMs), Math.min(period.endMs, endMs)),
  }));
  const fields = groupFields(opts.groupBy);
  const grouped = fields.length > 0;
  const leaves: AdditiveMeasure[] = parsedMeasure.kind === "ratio" ? [parsedMeasure.numerator, parsedMeasure.denominator] : [parsedMeasure];
  const statements: SqlStatement[] = [];
  const leafPlans = leaves.map((leaf) => {
    // Same breakdown checks (and errors) as in process.
    groupKeyReader(leaf.source as GroupSource, fields);
    const base = { spelling: engine.spelling, layout: engine.layout, pipeline: engine.pipeline, buckets, asOfMs };
    const main = statements.push(measureStatement(leaf, { ...base, groupBy: fields })) - 1;
    // Distinct accounts do not add up over groups: the total needs its own statement.
    const needsTotal = grouped && leaf.kind === "distinct" && leaf.first !== true;
    const total = needsTotal ? statements.push(measureStatement(leaf, { ...base, groupBy: [] })) - 1 : undefined;
    const dataStart = statements.push(dataStartStatement(engine, leaf, asOfMs)) - 1;
    return { leaf, main, total, dataStart };
  });
  const needsRoster = fields.length === 1 && (fields[0] === "owner" || fields[0] === "team");
  const roster = needsRoster ? statements.push(rosterStatement(engine.layout)) - 1 : undefined;
  return {
    statements,
    finish(results) {
      const accumulated = new Map<AdditiveMeasure, Accumulated>();
      for (const { leaf, main, total, dataStart } of leafPlans) {
        const rows = results[main] ?? [];
        const totalRows = total === undefined ? undefined : (results[total] ?? []);
        const startText = readText((results[dataStart] ?? [])[0] ?? {}, "data_start_ms");
        const dataStartMs = startText === undefined ? undefined : Number(startText);
        accumulated.set(leaf, accumulatedFromRows(leaf, buckets.length, fields.length, rows, totalRows, opts.missingAmount ?? "error", dataStartMs));
      }
      const evaluated = evaluateAccumulated(parsedMeasure, buckets.length, (leaf) => accumulated.get(leaf) as Accumulated);
      const reps = roster === undefined ? [] : rosterFromRows(results[roster] ?? []);
      const groups = groupKeys({ reps }, parsedMeasure, opts.groupBy, opts.groups, evaluated.byGroup.keys());
      return seriesOf(evaluated, { grain: opts.grain, periods, range, asOfMs, groupBy: opts.groupBy, groups });
    },
  };
}

/** A KPI definition with `kpiSeries` options explains as `engine.kpiSeries`; anything else as the function that computes its measure. */
function planExplained(engine: EngineContext, kpi: Measure | { readonly measure: Measure }, options: SqlExplainOptions | KpiSeriesOptions): Plan<unknown> {
  if ("id" in kpi && "measure" in kpi && KpiSeriesOptionsSchema.safeParse(options).success) {
    return planKpiSeries(engine, kpi as unknown as KpiDefinitionInput, options as KpiSeriesOptions);
  }
  return planKpi(engine, parseDefinition(MeasureSchema, measureOf(kpi), ["measure"]), options as SqlExplainOptions);
}

function measureOf(kpi: Measure | { readonly measure: Measure }): Measure {
  return "measure" in kpi ? kpi.measure : kpi;
}

/** The plan of any KPI the engine computes: a measure series, or a builtin by id. */
function planKpi(engine: EngineContext, measure: Measure, options: SqlExplainOptions): Plan<unknown> {
  if (measure.kind !== "builtin") return planMeasureSeries(engine, measure, options as MeasureSeriesOptions);
  switch (measure.id) {
    case "weighted-pipeline-value":
      return planWeightedPipelineValue(engine, options as WeightedPipelineValueOptions, true);
    case "pipeline-value":
      return planWeightedPipelineValue(engine, options as WeightedPipelineValueOptions, false);
    case "win-rate":
      return planWinRate(engine, options as WinRateOptions);
    case "conversion-lead-sql":
    case "conversion-sql-customer":
    case "conversion-quote-customer":
    case "close-rate":
      return planConversionRate(engine, { ...(options as ConversionRateOptions), ...standardConversions[measure.id], steps: [...standardFunnelSteps] });
    default:
      throw definitionError("invalid-definition", ["measure", "id"], messages.sqlUnsupportedBuiltin(measure.id));
  }
}

/**
 * The library's KPIs run where the data lives (DESIGN §12): `kpiSeries` (any catalog KPI),
 * the whole `scorecard`, `measureSeries`, the pipeline, win rate and conversions. Each call compiles to a few
 * statements that push down only sparse additive aggregates per (period, group) — counts
 * and exact DECIMAL/NUMERIC sums, read back as text — and hands them to the same
 * TypeScript that finishes the in-process result (zero-fill, groups, ratios). SQL never
 * divides or rounds; the calendar is sent as data (each period's `[start, end)` in UTC),
 * so the database never sees a time-zone name.
 *
 * `dialect` `"duckdb"` and `"postgres"` are executed through `execute`; `"bigquery"`,
 * `"snowflake"` and `"clickhouse"` are printed by `explain` only. The data is read from the
 * default layout of {@link createTablesSql} (rename with `tables` and `columns`) and is
 * trusted as valid: the engine does not re-check rows the way `prepareKpiData` does (a deal
 * whose stage is not in `pipeline` is left out). Text keys are compared as code points
 * (`COLLATE "C"` on Postgres) where order matters.
 *
 * @example
 * // Your connection's executor (duckdbExecute, pgExecute), here one that returns no rows:
 * const engine = sqlEngine({ dialect: "duckdb", execute: async () => [] });
 * const calls = { kind: "count" as const, source: "activities" as const, where: { type: "call" } };
 * // the statements it sends: the period bounds as data, then the sparse counts per period
 * engine.explain(calls, { from: "2026-01-01", to: "2026-04-01", grain: "month" }).statements.length;
 * //=> 2
 * const series = await engine.measureSeries(calls, { from: "2026-01-01", to: "2026-04-01", grain: "month" });
 * series.points.map((p) => `${p.period.label} ${p.value}`);
 * //=> ["2026-01 0", "2026-02 0", "2026-03 0"]
 */
export function sqlEngine(options: SqlEngineOptions): SqlEngine {
  const opts = parseOptions(SqlEngineOptionsSchema, options);
  const spelling = dialectSpelling(opts.dialect);
  const engine: EngineContext = {
    dialect: opts.dialect,
    execute: opts.execute,
    spelling,
    layout: sqlLayout(spelling, opts.tables, opts.columns as SqlColumnNames | undefined),
    calendar: opts.calendar,
    pipeline: opts.pipeline === undefined ? undefined : preparePipeline(opts.pipeline),
  };
  /** Plans and runs a call; planning errors (bad options) reject the promise too. */
  const call = <T>(plan: () => Plan<T>): Promise<T> => {
    try {
      return run(engine, plan());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    dialect: opts.dialect,
    kpiSeries: (kpi, seriesOptions) => call(() => planKpiSeries(engine, kpi, seriesOptions)),
    scorecard: async (scorecardOptions) => sqlScorecard(engine, (plan) => run(engine, plan), scorecardOptions),
    measureSeries: (measure, seriesOptions) => call(() => planMeasureSeries(engine, measure, seriesOptions)),
    weightedPipelineValue: (pipelineOptions = {}) => call(() => planWeightedPipelineValue(engine, pipelineOptions, true)),
    pipelineValue: (pipelineOptions = {}) => call(() => planWeightedPipelineValue(engine, pipelineOptions, false)),
    winRate: (winRateOptions) => call(() => planWinRate(engine, winRateOptions)),
    conversionRate: (conversionOptions) => call(() => planConversionRate(engine, conversionOptions)),
    explain: (kpi, explainOptions) => ({
      statements: planExplained(engine, kpi, explainOptions).statements.map((s) => ({
        sql: s.sql,
        params: [...s.params],
      })),
    }),
  };
}
