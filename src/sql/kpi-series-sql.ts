// Internal: kpiSeries on a database. The frame (periods, buckets, as-of, conversion window) is
// the in-process `kpiFrame`; SQL returns only sparse aggregates per (period index, group keys)
// — counts, exact sums, open deals as of each period's end, cohort counts, and the creation and
// win instants of won deals for the cycle — which become the same cells the in-process
// evaluators make; `finishKpiSeries` (groups, growth, series, provenance) is shared.
import { type KpiDecimal, toDecimal } from "../core/decimal.js";
import { customIssue, definitionError, KpiInputError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { ratio } from "../core/ratio.js";
import { createDayDeadlines } from "../conversion/lead-steps.js";
import { resolveConversionSteps } from "../conversion/conversion-rate.js";
import { standardFunnelSteps } from "../conversion/standard-conversions.js";
import {
  type EvaluateKpiOptions,
  evaluateOptionsOf,
  finishKpiSeries,
  type KpiFinish,
  type KpiFrame,
  kpiFrame,
  type KpiSeriesOptions,
  KpiSeriesOptionsSchema,
  type KpiSeriesResult,
  primarySource,
} from "../evaluate/kpi-series.js";
import type { KpiDefinition, KpiDefinitionInput } from "../kpi/kpi-definition.js";
import { KpiDefinitionSchema } from "../kpi/kpi-definition.js";
import type { Accumulated } from "../measure/accumulate.js";
import { evaluateAccumulated } from "../measure/evaluate.js";
import { type GroupSource, groupKeyReader } from "../measure/group-key.js";
import type { AdditiveMeasure, BuiltinMeasureId } from "../measure/measure.js";
import type { EvaluatedCells } from "../measure/series-of.js";
import type { PreparedPipeline, PreparedStage } from "../model/prepared.js";
import { type KpiCalendar, resolveCalendar } from "../time/calendar.js";
import { localDayNumbers } from "../time/local-days.js";
import { periodsBetween } from "../time/period.js";
import { dataStartStatement, measureStatement, type SqlStatement } from "./measure-statement.js";
import { accumulatedFromRows, readCount, readDecimal, readText, rowGroupKey } from "./read-aggregates.js";
import { createSqlParams } from "./sql-dialect.js";
import type { SqlRow } from "./sql-execute.js";
import { dealSnapshotCtes, dealStateAtCtes, periodsRelation, type SqlBucket, type SqlContext, textParam, valuesRelation } from "./sql-relations.js";
import { keyedCells } from "../measure/grouped-cells.js";
import { cycleCell, dealSizeCell, winRateCell } from "../kpi/builtins/deal-outcomes.js";
import { velocityCells } from "../kpi/builtins/forecast-velocity.js";
import type { PipelineSqlEngine, SqlPlan } from "./pipeline-sql.js";
import { rosterFromRows, rosterStatement } from "./roster-sql.js";

/** What a KPI statement needs from the engine: what a pipeline statement needs. */
export type KpiSqlEngine = PipelineSqlEngine;
/** A compiled call: its statements and how their rows become the result. */
export type KpiSqlPlan<T> = SqlPlan<T>;

/** Reads the cells once the statements it added have run. */
type CellsReader = (results: ReadonlyArray<readonly SqlRow[]>) => EvaluatedCells;

/** Everything a cell source needs: the engine, the frame and a way to add statements. */
interface Compile {
  readonly engine: KpiSqlEngine;
  readonly frame: KpiFrame;
  readonly options: EvaluateKpiOptions;
  /** Adds a statement; returns its index in the results. */
  add(statement: SqlStatement): number;
}

/** The frame's buckets as data: each period clipped to `[firstStart, min(to, asOf))`. */
function sqlBuckets(frame: KpiFrame): SqlBucket[] {
  return frame.periods.map((period) => {
    const startMs = Math.max(period.startMs, frame.firstStartMs);
    return { startMs, endMs: Math.max(startMs, Math.min(period.endMs, frame.endMs)) };
  });
}

function rows(results: ReadonlyArray<readonly SqlRow[]>, index: number): readonly SqlRow[] {
  return results[index] ?? [];
}

function dataStartOf(results: ReadonlyArray<readonly SqlRow[]>, index: number): number | undefined {
  const text = readText(rows(results, index)[0] ?? {}, "data_start_ms");
  return text === undefined ? undefined : Number(text);
}

/**
 * `SELECT bucket, group keys, extra keys, COUNT(*), aggregates FROM facts GROUP BY …`: the
 * sparse aggregate rows of `facts` (a relation with a `bucket` column and the group fields).
 * All columns come back as text.
 */
function aggregateStatement(
  context: SqlContext,
  ctes: readonly string[],
  fields: readonly string[],
  keys: Readonly<Record<string, string>>,
  aggregates: Readonly<Record<string, string>>,
): SqlStatement {
  const { spelling } = context;
  const text = spelling.text;
  const nothing = `CAST(NULL AS ${spelling.types.text})`;
  const columns = [
    ["period_index", "f.bucket"],
    ["group_key", fields[0] === undefined ? nothing : `f.${fields[0]}`],
    ["group_key2", fields[1] === undefined ? nothing : `f.${fields[1]}`],
    ...Object.entries(keys),
  ] as const;
  const select = [
    ...columns.map(([name, expression]) => `${text(expression)} AS ${name}`),
    `${text("COUNT(*)")} AS row_count`,
    ...Object.entries(aggregates).map(([name, expression]) => `${text(expression)} AS ${name}`),
  ];
  const groupBy = columns.map((_, i) => String(i + 1)).join(", ");
  return {
    sql: `WITH ${ctes.join(",\n")}\nSELECT ${select.join(", ")}\nFROM facts f GROUP BY ${groupBy}\nORDER BY ${groupBy}`,
    params: context.params.values,
  };
}

function newContext(engine: KpiSqlEngine): SqlContext {
  return { spelling: engine.spelling, layout: engine.layout, params: createSqlParams(engine.spelling) };
}

function pipelineOf(engine: KpiSqlEngine): PreparedPipeline {
  if (engine.pipeline === undefined) throw definitionError("missing-pipeline", ["pipeline"], messages.pipelineRequired);
  return engine.pipeline;
}

/** Reads deal amounts of aggregate rows with the in-process policy: skip and count, or an error; one currency. */
function amountReader(missingAmount: "error" | "skip") {
  const currencies = new Set<string>();
  let missing = 0;
  return {
    /** True when the row's deals have amounts; otherwise they are skipped (or noted for the error). */
    has(row: SqlRow, skip: () => void): boolean {
      if (readCount(row, "missing") === 1) {
        if (missingAmount === "error") missing += readCount(row, "row_count");
        else skip();
        return false;
      }
      currencies.add(readText(row, "currency") ?? "(none)");
      return true;
    },
    currency(): string | undefined {
      if (missing > 0) throw new KpiInputError([customIssue(["deals", "amount"], messages.sqlMissingAmount(missing))]);
      if (currencies.size > 1) throw definitionError("mixed-currencies", ["kpi"], messages.measureMixedCurrencies([...currencies].sort()));
      const only = [...currencies][0];
      return only === "(none)" ? undefined : only;
    },
  };
}

const amountKeys = () => ({ currency: "f.currency", missing: `CASE WHEN f.amount IS NULL THEN 1 ELSE 0 END` }) as const;

// --- measures (count, sum, distinct, ratio) -------------------------------------------------

function measureCells(compile: Compile, measure: Exclude<KpiDefinition["measure"], { kind: "builtin" }>): CellsReader {
  const { engine, frame, options } = compile;
  const buckets = sqlBuckets(frame);
  const grouped = frame.fields.length > 0;
  const leaves: AdditiveMeasure[] = measure.kind === "ratio" ? [measure.numerator, measure.denominator] : [measure];
  const plans = leaves.map((leaf) => {
    groupKeyReader(leaf.source as GroupSource, frame.fields);
    const base = { spelling: engine.spelling, layout: engine.layout, pipeline: engine.pipeline, buckets, asOfMs: frame.asOfMs };
    const main = compile.add(measureStatement(leaf, { ...base, groupBy: frame.fields }));
    const needsTotal = grouped && leaf.kind === "distinct" && leaf.first !== true;
    const total = needsTotal ? compile.add(measureStatement(leaf, { ...base, groupBy: [] })) : undefined;
    const dataStart = compile.add(dataStartStatement(engine, leaf, frame.asOfMs));
    return { leaf, main, total, dataStart };
  });
  return (results) => {
    const accumulated = new Map<AdditiveMeasure, Accumulated>();
    for (const { leaf, main, total, dataStart } of plans) {
      const totalRows = total === undefined ? undefined : rows(results, total);
      accumulated.set(
        leaf,
        accumulatedFromRows(leaf, buckets.length, frame.fields.length, rows(results, main), totalRows, options.missingAmount, dataStartOf(results, dataStart)),
      );
    }
    return evaluateAccumulated(measure, buckets.length, (leaf) => accumulated.get(leaf) as Accumulated);
  };
}

// --- deals closed in a period: win rate, average deal size, sales cycle ----------------------

/** `facts`: the deals won or lost as of `asOf` whose effective close falls in a bucket (`status` filters). */
function closesStatement(compile: Compile, status: readonly ("won" | "lost")[], keys: Readonly<Record<string, string>>, aggregates: Readonly<Record<string, string>>): SqlStatement {
  const { engine, frame } = compile;
  const context = newContext(engine);
  const ctes = dealStateAtCtes(context, pipelineOf(engine), frame.asOfMs);
  ctes.push(
    `facts AS (SELECT periods.idx AS bucket, d.* FROM deal_at d JOIN ${periodsRelation(context, sqlBuckets(frame))} ` +
      `ON d.since_at >= periods.start_at AND d.since_at < periods.end_at WHERE d.status_at IN (${status.map((s) => `'${s}'`).join(", ")}))`,
  );
  return aggregateStatement(context, ctes, frame.fields, keys, aggregates);
}

function winRateCells(compile: Compile): CellsReader {
  const main = compile.add(closesStatement(compile, ["won", "lost"], { status: "f.status_at" }, {}));
  const dataStart = compile.add(dataStartStatement(compile.engine, { source: "deals" }, compile.frame.asOfMs));
  const { frame } = compile;
  return (results) => {
    const cells = keyedCells(frame.periods.length, () => ({ won: 0, lost: 0 }), frame.fields.length > 0);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      const won = readText(row, "status") === "won";
      for (const cell of cells.cellsOf(readCount(row, "period_index"), rowGroupKey(row, frame.fields.length), n)) {
        if (won) cell.won += n;
        else cell.lost += n;
      }
    }
    return cells.finish(false, winRateCell, { dataStartMs: dataStartOf(results, dataStart) });
  };
}

function averageDealSizeCells(compile: Compile): CellsReader {
  const { frame, engine, options } = compile;
  const main = compile.add(closesStatement(compile, ["won"], amountKeys(), { amount_sum: "SUM(f.amount)" }));
  const dataStart = compile.add(dataStartStatement(engine, { source: "deals" }, frame.asOfMs));
  return (results) => {
    const cells = keyedCells(frame.periods.length, () => ({ sum: createExactSum(), count: 0 }), frame.fields.length > 0);
    const amounts = amountReader(options.missingAmount);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      const bucket = readCount(row, "period_index");
      const key = rowGroupKey(row, frame.fields.length);
      if (!amounts.has(row, () => cells.skip(bucket, key, "missing-amount", n))) continue;
      const sum = readDecimal(row, "amount_sum");
      for (const cell of cells.cellsOf(bucket, key, n)) {
        cell.sum.add(sum);
        cell.count += n;
      }
    }
    const currency = amounts.currency();
    return cells.finish(false, dealSizeCell, { currency, dataStartMs: dataStartOf(results, dataStart) });
  };
}

function salesCycleCells(compile: Compile): CellsReader {
  const { frame, engine } = compile;
  const epoch = engine.spelling.epochMs;
  // The instants of each won deal (sparse: one row per distinct pair); local days are counted here.
  const main = compile.add(closesStatement(compile, ["won"], { created_ms: epoch("f.created_at"), won_ms: epoch("f.since_at") }, {}));
  const dataStart = compile.add(dataStartStatement(engine, { source: "deals" }, frame.asOfMs));
  return (results) => {
    const cells = keyedCells(frame.periods.length, () => ({ days: [] as number[] }), frame.fields.length > 0);
    const localDay = localDayNumbers(frame.calendar.timeZone);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      const days = localDay(readCount(row, "won_ms")) - localDay(readCount(row, "created_ms"));
      for (const cell of cells.cellsOf(readCount(row, "period_index"), rowGroupKey(row, frame.fields.length), n)) {
        for (let i = 0; i < n; i++) cell.days.push(days);
      }
    }
    return cells.finish(false, cycleCell, { dataStartMs: dataStartOf(results, dataStart) });
  };
}

// --- the pipeline at each period's end --------------------------------------------------------

/** `facts`: the deals open at each bucket's snapshot (its period's end, or `asOf` when that comes first). */
function snapshotStatement(compile: Compile): SqlStatement {
  const { engine, frame } = compile;
  const context = newContext(engine);
  const snapshots = frame.periods.map((period) => Math.min(period.endMs, frame.asOfMs));
  const ctes = dealSnapshotCtes(context, pipelineOf(engine), snapshots);
  ctes.push(`facts AS (SELECT snap_idx AS bucket, d.* FROM deal_snap d WHERE d.status_at = 'open')`);
  return aggregateStatement(
    context,
    ctes,
    frame.fields,
    { ...amountKeys(), stage_idx: "f.stage_idx_at", probability: "f.probability" },
    { amount_sum: "SUM(f.amount)" },
  );
}

/** The probability a row's deals are weighted with: their own, else their stage's at the snapshot. */
function probabilityOf(row: SqlRow, pipeline: PreparedPipeline): KpiDecimal {
  const own = readText(row, "probability");
  return own === undefined ? (pipeline.stages[readCount(row, "stage_idx")] as PreparedStage).probability : toDecimal(own);
}

function pipelineCells(compile: Compile, weighted: boolean): CellsReader {
  const { frame, engine, options } = compile;
  const pipeline = pipelineOf(engine);
  const main = compile.add(snapshotStatement(compile));
  const dataStart = compile.add(dataStartStatement(engine, { source: "deals" }, frame.asOfMs));
  return (results) => {
    const cells = keyedCells(frame.periods.length, () => ({ sum: createExactSum() }), frame.fields.length > 0);
    const amounts = amountReader(options.missingAmount);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      const bucket = readCount(row, "period_index");
      const key = rowGroupKey(row, frame.fields.length);
      if (!amounts.has(row, () => cells.skip(bucket, key, "missing-amount", n))) continue;
      const sum = readDecimal(row, "amount_sum");
      const probability = probabilityOf(row, pipeline);
      for (const cell of cells.cellsOf(bucket, key, n)) {
        // Σ amount × p over deals of one probability = p × Σ amount, exactly.
        if (weighted) cell.sum.addProduct(sum, probability);
        else cell.sum.add(sum);
      }
    }
    const currency = amounts.currency();
    return cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), { currency, dataStartMs: dataStartOf(results, dataStart) });
  };
}

// --- forecast and sales velocity ---------------------------------------------------------------

function forecastCells(compile: Compile): CellsReader {
  const { frame, engine, options } = compile;
  const pipeline = pipelineOf(engine);
  const context = newContext(engine);
  const ctes = dealStateAtCtes(context, pipeline, frame.asOfMs);
  const columns = "d.owner, d.team, d.source, d.product, d.status_at, d.stage_idx_at, d.probability, d.currency, d.amount";
  const full = frame.periods.map((period) => ({ startMs: period.startMs, endMs: period.endMs }));
  ctes.push(
    `facts AS (SELECT periods.idx AS bucket, ${columns} FROM deal_at d JOIN ${periodsRelation(context, sqlBuckets(frame))} ` +
      `ON d.since_at >= periods.start_at AND d.since_at < periods.end_at WHERE d.status_at = 'won' ` +
      `UNION ALL SELECT periods.idx AS bucket, ${columns} FROM deal_at d JOIN ${periodsRelation(context, full)} ` +
      `ON d.expected_close_at >= periods.start_at AND d.expected_close_at < periods.end_at WHERE d.status_at = 'open')`,
  );
  const main = compile.add(
    aggregateStatement(context, ctes, frame.fields, { ...amountKeys(), status: "f.status_at", stage_idx: "f.stage_idx_at", probability: "f.probability" }, { amount_sum: "SUM(f.amount)" }),
  );
  const noCloseContext = newContext(engine);
  const noCloseCtes = dealStateAtCtes(noCloseContext, pipeline, frame.asOfMs);
  const noClose = compile.add({
    sql: `WITH ${noCloseCtes.join(",\n")}\nSELECT ${engine.spelling.text("COUNT(*)")} AS row_count FROM deal_at WHERE status_at = 'open' AND expected_close_at IS NULL`,
    params: noCloseContext.params.values,
  });
  const dataStart = compile.add(dataStartStatement(engine, { source: "deals" }, frame.asOfMs));
  return (results) => {
    const cells = keyedCells(frame.periods.length, () => ({ sum: createExactSum() }), frame.fields.length > 0);
    const amounts = amountReader(options.missingAmount);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      const bucket = readCount(row, "period_index");
      const key = rowGroupKey(row, frame.fields.length);
      if (!amounts.has(row, () => cells.skip(bucket, key, "missing-amount", n))) continue;
      const sum = readDecimal(row, "amount_sum");
      const won = readText(row, "status") === "won";
      const probability = won ? undefined : probabilityOf(row, pipeline);
      for (const cell of cells.cellsOf(bucket, key, n)) {
        if (probability === undefined) cell.sum.add(sum);
        else cell.sum.addProduct(sum, probability);
      }
    }
    const currency = amounts.currency();
    const evaluated = cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), { currency, dataStartMs: dataStartOf(results, dataStart) });
    const withoutExpectedClose = readCount(rows(results, noClose)[0] ?? {}, "row_count");
    return withoutExpectedClose === 0
      ? evaluated
      : { ...evaluated, skippedReasons: { ...evaluated.skippedReasons, "no-expected-close": withoutExpectedClose } };
  };
}

function salesVelocityCells(compile: Compile): CellsReader {
  const { frame } = compile;
  const open = compile.add(snapshotStatement(compile));
  const rateOf = winRateCells(compile);
  const sizeOf = averageDealSizeCells(compile);
  const cycleOf = salesCycleCells(compile);
  return (results) => {
    const openCells = keyedCells(frame.periods.length, () => ({ count: 0 }), frame.fields.length > 0);
    for (const row of rows(results, open)) {
      const n = readCount(row, "row_count");
      for (const cell of openCells.cellsOf(readCount(row, "period_index"), rowGroupKey(row, frame.fields.length), n)) cell.count += n;
    }
    const counts = openCells.finish(true, (cell) => ({ value: toDecimal(cell.count), ratio: undefined }));
    const rate = rateOf(results);
    const size = sizeOf(results);
    const cycle = cycleOf(results);
    // As the in-process velocity: open deals × win rate × deal size ÷ mean cycle, per cell.
    return velocityCells(counts, rate, size, cycle);
  };
}

// --- leads: returned leads and cohort conversions -----------------------------------------------

/** `lead_base(id, owner, team, source, created_at, returned_at)`: the lead's team, else its owner's in the roster. */
function leadBase(context: SqlContext): string {
  const { layout } = context;
  const l = (column: "id" | "owner" | "team" | "source" | "created_at" | "returned_at"): string => `l.${layout.column("leads", column)}`;
  return (
    `lead_base AS (SELECT ${l("id")} AS id, ${l("owner")} AS owner, COALESCE(${l("team")}, r.${layout.column("reps", "team")}) AS team, ` +
    `${l("source")} AS source, ${l("created_at")} AS created_at, ${l("returned_at")} AS returned_at ` +
    `FROM ${layout.table("leads")} l LEFT JOIN ${layout.table("reps")} r ON r.${layout.column("reps", "id")} = ${l("owner")})`
  );
}

function returnedLeadsCells(compile: Compile): CellsReader {
  const { engine, frame } = compile;
  const context = newContext(engine);
  const ctes = [
    leadBase(context),
    `facts AS (SELECT periods.idx AS bucket, b.* FROM lead_base b JOIN ${periodsRelation(context, sqlBuckets(frame))} ` +
      `ON b.returned_at >= periods.start_at AND b.returned_at < periods.end_at)`,
  ];
  const main = compile.add(aggregateStatement(context, ctes, frame.fields, {}, {}));
  const dataStart = compile.add(dataStartStatement(engine, { source: "leads" }, frame.asOfMs));
  return (results) => {
    const cells = keyedCells(frame.periods.length, () => ({ count: 0 }), frame.fields.length > 0);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      for (const cell of cells.cellsOf(readCount(row, "period_index"), rowGroupKey(row, frame.fields.length), n)) cell.count += n;
    }
    return cells.finish(true, (cell) => ({ value: toDecimal(cell.count), ratio: undefined }), { dataStartMs: dataStartOf(results, dataStart) });
  };
}

function leadCohortCells(compile: Compile): CellsReader {
  const { engine, frame } = compile;
  const conversion = frame.conversion;
  if (conversion === undefined) throw definitionError("invalid-definition", ["kpi", "conversion"], messages.conversionStepsMissing);
  const { steps, fromIndex, toIndex } = resolveConversionSteps(conversion.from, conversion.to, standardFunnelSteps);
  const periods = frame.periods;
  const first = periods[0];
  const last = periods[periods.length - 1];
  const window = frame.windowDays ?? undefined;
  const deadlines = (days: number | undefined) =>
    days === undefined || first === undefined || last === undefined ? undefined : createDayDeadlines(first.startMs, last.endMs, days, frame.calendar);
  const days = deadlines(window);
  const fullWindow = window === conversion.windowDays ? days : deadlines(conversion.windowDays);
  const context = newContext(engine);
  const { layout, spelling } = engine;
  const ts = spelling.timestamp;
  const s = (column: "lead_id" | "step" | "at"): string => `st.${layout.column("lead_steps", column)}`;
  const list = (names: readonly string[]): string => names.map((name) => textParam(context, name)).join(", ");
  const ctes = [
    leadBase(context),
    `reached AS (SELECT ${s("lead_id")} AS lead_id, ${s("step")} AS step, MIN(${s("at")}) AS event_at FROM ${layout.table("lead_steps")} st ` +
      `WHERE ${s("at")} < ${ts(frame.asOfMs)} AND ${s("step")} IN (${list(steps)}) GROUP BY ${s("lead_id")}, ${s("step")})`,
    `lead_reach AS (SELECT b.id, b.owner, b.team, b.source, ` +
      `MIN(CASE WHEN rs.step IN (${list(steps.slice(fromIndex))}) THEN rs.event_at END) AS from_at, ` +
      `MIN(CASE WHEN rs.step IN (${list(steps.slice(toIndex))}) THEN rs.event_at END) AS to_at ` +
      `FROM lead_base b JOIN reached rs ON rs.lead_id = b.id GROUP BY b.id, b.owner, b.team, b.source)`,
  ];
  let join = "";
  let converted = "lr.to_at IS NOT NULL";
  let open = `NOT (${converted})`;
  if (days !== undefined && first !== undefined && last !== undefined) {
    // The window deadline of each local day of the periods, as data (no zone name in SQL).
    const dayRows = periodsBetween(first.startMs, last.endMs, "day", frame.calendar).map((day) => [ts(day.startMs), ts(day.endMs), ts(days.deadline(day.startMs))]);
    join = ` JOIN ${valuesRelation(spelling, "days", ["start_at", "end_at", "deadline"], dayRows)} ON lr.from_at >= days.start_at AND lr.from_at < days.end_at`;
    converted = `lr.to_at IS NOT NULL AND lr.to_at < days.deadline`;
    open = `NOT (${converted}) AND days.deadline > ${ts(frame.asOfMs)}`;
  }
  ctes.push(
    `facts AS (SELECT periods.idx AS bucket, lr.owner, lr.team, lr.source, CASE WHEN ${converted} THEN 1 ELSE 0 END AS converted, ` +
      `CASE WHEN ${open} THEN 1 ELSE 0 END AS still_open ` +
      `FROM lead_reach lr JOIN ${periodsRelation(context, sqlBuckets(frame))} ON lr.from_at >= periods.start_at AND lr.from_at < periods.end_at${join})`,
  );
  const main = compile.add(aggregateStatement(context, ctes, frame.fields, {}, { converted: "SUM(f.converted)", still_open: "SUM(f.still_open)" }));
  const dataStart = compile.add(dataStartStatement(engine, { source: "leads" }, frame.asOfMs));
  return (results) => {
    const cells = keyedCells(periods.length, () => ({ entered: 0, converted: 0, open: 0 }), frame.fields.length > 0);
    for (const row of rows(results, main)) {
      const n = readCount(row, "row_count");
      const convertedCount = readCount(row, "converted");
      const openCount = readCount(row, "still_open");
      for (const cell of cells.cellsOf(readCount(row, "period_index"), rowGroupKey(row, frame.fields.length), n)) {
        cell.entered += n;
        cell.converted += convertedCount;
        cell.open += openCount;
      }
    }
    const asOfMs = frame.asOfMs;
    return cells.finish(
      false,
      (cell, bucket) => {
        const parts = ratio(cell.converted, cell.entered);
        const period = periods[bucket];
        const ended = period !== undefined && period.endMs <= asOfMs;
        // As in process: mature once no lead of the cohort can still convert within the full window.
        const mature =
          cell.entered === 0
            ? ended
            : fullWindow !== undefined && period !== undefined && ended
              ? fullWindow.deadline(period.endMs - 1) <= asOfMs
              : ended && cell.open === 0;
        return { value: parts.value, ratio: parts, mature };
      },
      { dataStartMs: dataStartOf(results, dataStart) },
    );
  };
}

// --- the plan ------------------------------------------------------------------------------------

const builtinCells: Partial<Record<BuiltinMeasureId, (compile: Compile) => CellsReader>> = {
  "pipeline-value": (compile) => pipelineCells(compile, false),
  "weighted-pipeline-value": (compile) => pipelineCells(compile, true),
  "win-rate": winRateCells,
  "average-deal-size": averageDealSizeCells,
  "sales-cycle-length": salesCycleCells,
  "sales-velocity": salesVelocityCells,
  forecast: forecastCells,
  "close-rate": leadCohortCells,
  "conversion-lead-sql": leadCohortCells,
  "conversion-sql-customer": leadCohortCells,
  "conversion-quote-customer": leadCohortCells,
  "returned-leads": returnedLeadsCells,
};

/**
 * The plan of `evaluateKpi` on a database: parsed definition and options, the calendar the
 * data is read in. Throws (while planning) as in process for a KPI the data bag cannot give
 * or a breakdown the source lacks.
 */
export function planEvaluateKpi(engine: KpiSqlEngine, calendar: KpiCalendar, definition: KpiDefinition, options: EvaluateKpiOptions): KpiSqlPlan<KpiSeriesResult>;
export function planEvaluateKpi<T>(engine: KpiSqlEngine, calendar: KpiCalendar, definition: KpiDefinition, options: EvaluateKpiOptions, finish: KpiFinish<T>): KpiSqlPlan<T>;
export function planEvaluateKpi<T>(
  engine: KpiSqlEngine,
  calendar: KpiCalendar,
  definition: KpiDefinition,
  options: EvaluateKpiOptions,
  finish: KpiFinish<T> = finishKpiSeries as KpiFinish<T>,
): KpiSqlPlan<T> {
  const frame = kpiFrame(calendar, definition, options);
  const statements: SqlStatement[] = [];
  // A statement asked for twice (velocity's three closed-deal readers, their data start) runs once.
  const known = new Map<string, number>();
  const add = (statement: SqlStatement): number => {
    const key = JSON.stringify([statement.sql, statement.params]);
    let index = known.get(key);
    if (index === undefined) {
      index = statements.push(statement) - 1;
      known.set(key, index);
    }
    return index;
  };
  const compile: Compile = { engine, frame, options, add };
  const measure = definition.measure;
  let cellsOf: CellsReader;
  if (measure.kind === "builtin") {
    // Same breakdown check (and error) as the in-process evaluator's key reader.
    groupKeyReader(primarySource(definition), frame.fields);
    const compileCells = builtinCells[measure.id];
    if (compileCells === undefined) throw definitionError("invalid-definition", ["kpi", "measure", "id"], messages.sqlUnsupportedBuiltin(measure.id));
    cellsOf = compileCells(compile);
  } else {
    cellsOf = measureCells(compile, measure);
  }
  const roster =
    frame.fields.length > 0
      ? compile.add(rosterStatement(engine.layout))
      : undefined;
  return {
    statements,
    finish(results) {
      const cells = cellsOf(results);
      const reps = roster === undefined ? [] : rosterFromRows(rows(results, roster));
      return finish({ reps }, definition, options, frame, cells);
    },
  };
}

/** `kpiSeries` on a database: same options, same result. */
export function planKpiSeries(engine: KpiSqlEngine, kpi: KpiDefinitionInput, options: KpiSeriesOptions): KpiSqlPlan<KpiSeriesResult> {
  const definition = parseDefinition(KpiDefinitionSchema, kpi, ["kpi"]);
  const opts = parseOptions(KpiSeriesOptionsSchema, options);
  const calendar = opts.calendar ?? engine.calendar ?? resolveCalendar(undefined);
  return planEvaluateKpi(engine, calendar, definition, evaluateOptionsOf(definition, opts));
}

