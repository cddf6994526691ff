// `sales-kpi report --engine duckdb`: the scorecard computed by DuckDB (`sales-kpi/sql`). The
// activities file — the one that grows to tens of millions of rows — is read by DuckDB itself
// (CSV or Parquet) and never enters the process; deals, leads and the roster are read and
// mapped as in memory (every mapping feature), loaded into DuckDB, and the pipeline analytics
// (waterfall, calibration, backtest, cohorts) are computed from them in process. The output is
// byte for byte that of the in-memory run.
import path from "node:path";
import { CliError, EXIT_DATA } from "./cli-error.js";
import { createTablesSql, type DuckDbConnectionLike, duckdbExecute, insertKpiData, KpiDefinitionError, type Scorecard, type SqlExecute, scorecard, sqlEngine } from "./library.js";
import type { MappingFile } from "./mapping.js";
import { readMapping } from "./read-input.js";
import { asFlagError, dataRange, finishReport, type ReportRun, type ReportSettings, reportInput, scorecardOptionsFor, withTargetsRead } from "./report-command.js";

/** The part of `@duckdb/node-api` the CLI uses. */
interface DuckDbModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckDbConnectionLike & { closeSync(): void }>; closeSync(): void }> };
}

/** Loads the optional peer dependency, or says how to get it. */
async function loadDuckDb(): Promise<DuckDbModule> {
  const specifier = "@duckdb/node-api";
  try {
    return (await import(specifier)) as DuckDbModule;
  } catch {
    throw new CliError("--engine duckdb needs the optional package @duckdb/node-api: npm install @duckdb/node-api");
  }
}

const ACTIVITY_FIELDS = ["id", "owner", "team", "type", "at", "quantity"] as const;

/** The activities file's column of each field: a mapping's plain column name, else the field's own name. */
function activityColumns(mapping: MappingFile | undefined): Record<(typeof ACTIVITY_FIELDS)[number], string> {
  const section = mapping?.activities;
  for (const key of Object.keys(section ?? {})) {
    if (key !== "fields") throw new CliError(`--engine duckdb: the mapping's activities.${key} is not supported (use the in-memory engine)`);
  }
  const fields = (section?.fields ?? {}) as Record<string, unknown>;
  const out = {} as Record<(typeof ACTIVITY_FIELDS)[number], string>;
  for (const name of Object.keys(fields)) {
    if (!(ACTIVITY_FIELDS as readonly string[]).includes(name)) throw new CliError(`mapping: activities.fields.${name}: unknown field (known: ${ACTIVITY_FIELDS.join(", ")})`, EXIT_DATA);
  }
  for (const name of ACTIVITY_FIELDS) {
    const given = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (given !== undefined && typeof given !== "string") {
      throw new CliError(`--engine duckdb: the mapping's activities.fields.${name} must be a column name (value maps, date formats and ifEmpty need the in-memory engine)`);
    }
    out[name] = given ?? name;
  }
  return out;
}

const sqlText = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The activities file into `activities`, read by DuckDB: CSV (`read_csv`, all text) or Parquet.
 * Types take the catalog's spelling ignoring case, an empty quantity is 1, a row's team falls
 * back to its owner's in the roster (as in memory). Instants must carry an offset (`Z`,
 * `+01:00`), or be plain local date-times under `--time-zone UTC`.
 */
async function loadActivities(execute: SqlExecute, file: string, settings: ReportSettings, mapping: MappingFile | undefined, activityTypes: readonly string[]): Promise<void> {
  const columns = activityColumns(mapping);
  const parquet = /\.parquet$/i.test(file);
  if (!parquet && settings.delimiter !== undefined && settings.delimiter !== "auto" && settings.delimiter !== ",") {
    throw new CliError(`--engine duckdb reads comma-separated activity files only (--delimiter ${settings.delimiter} needs the in-memory engine)`);
  }
  const source = parquet ? `read_parquet(${sqlText(file)})` : `read_csv(${sqlText(file)}, header = true, all_varchar = true)`;
  const described = await execute(`DESCRIBE SELECT * FROM ${source}`, []);
  const present = new Set(described.map((row) => String(row.column_name)));
  for (const [field, column] of Object.entries(columns)) {
    if (!present.has(column) && (field === "owner" || field === "type" || field === "at")) {
      throw new CliError(`${file}: column "${column}" is missing (${column === field ? "required" : `mapped to field ${field}`}); columns are: ${[...present].join(", ")}`, EXIT_DATA);
    }
  }
  const text = (field: (typeof ACTIVITY_FIELDS)[number]): string => (present.has(columns[field]) ? `NULLIF(TRIM(CAST(${quote(columns[field])} AS VARCHAR)), '')` : "NULL");
  const spellings = activityTypes.map((type) => `WHEN ${sqlText(type.toLowerCase())} THEN ${sqlText(type)}`).join(" ");
  const type = spellings === "" ? text("type") : `CASE LOWER(${text("type")}) ${spellings} ELSE ${text("type")} END`;
  const withOffset = `'^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)$'`;
  const at = text("at");
  const problems = await execute(
    `SELECT COUNT(*) FILTER (WHERE ${text("owner")} IS NULL) AS no_owner, COUNT(*) FILTER (WHERE ${at} IS NULL) AS no_at, ` +
      `COUNT(*) FILTER (WHERE ${at} IS NOT NULL AND NOT regexp_full_match(${at}, ${withOffset})) AS local_at FROM ${source}`,
    [],
  );
  const count = (name: string): number => Number(problems[0]?.[name] ?? 0);
  if (count("no_owner") > 0 || count("no_at") > 0) {
    throw new CliError(`${file}: ${count("no_owner")} activities without owner and ${count("no_at")} without at (--engine duckdb cannot skip them; use the in-memory engine with --invalid-rows)`, EXIT_DATA);
  }
  if (count("local_at") > 0 && settings.timeZone !== "UTC") {
    throw new CliError(`--engine duckdb: ${count("local_at")} activity times in ${file} have no offset; give them one (2026-03-01T10:00:00+01:00) or use the in-memory engine`);
  }
  const instant = `CASE WHEN regexp_full_match(${at}, ${withOffset}) THEN CAST(${at} AS TIMESTAMPTZ) ELSE timezone('UTC', CAST(${at} AS TIMESTAMP)) END`;
  await execute(
    `INSERT INTO activities SELECT ${text("id")}, ${text("owner")}, ${text("team")}, ${type}, ${instant}, COALESCE(CAST(${text("quantity")} AS BIGINT), 1) FROM ${source}`,
    [],
  );
}

/** `sales-kpi report --engine duckdb` (see the file comment). */
export async function runReportOnDuckDb(settings: ReportSettings, color: boolean): Promise<ReportRun> {
  if (settings.team !== undefined) throw new CliError("--engine duckdb does not support --team yet (use the in-memory engine)");
  if (settings.invalidRows === "skip" && settings.files.activities !== undefined) throw new CliError("--engine duckdb cannot skip invalid activity rows (--invalid-rows skip needs the in-memory engine)");
  const activitiesFile = settings.files.activities;
  const { activities: _activities, ...inMemory } = settings.files;
  const read = reportInput({ ...settings, files: inMemory }, activitiesFile === undefined ? [] : ["activities"]);
  const { input, kpis } = read;
  const duckdb = await loadDuckDb();
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const execute = duckdbExecute(connection);
    for (const ddl of createTablesSql("duckdb")) await execute(ddl, []);
    await insertKpiData(input.prepared, { dialect: "duckdb", execute });
    let range = dataRange(read.profile);
    const typeCounts = new Map<string, number>();
    if (activitiesFile !== undefined) {
      const mapping = settings.files.map === undefined ? undefined : typeof settings.files.map === "string" ? readMapping(settings.files.map) : settings.files.map;
      await loadActivities(execute, path.resolve(activitiesFile), settings, mapping, read.activityTypes);
      const [span] = await execute(`SELECT CAST(epoch_ms(MIN("at")) AS VARCHAR) AS first_ms, CAST(epoch_ms(MAX("at")) AS VARCHAR) AS last_ms FROM activities`, []);
      if (span?.first_ms !== null && span?.first_ms !== undefined) {
        const first = Number(span.first_ms);
        const last = Number(span.last_ms);
        range = range === undefined ? { first, last } : { first: Math.min(range.first, first), last: Math.max(range.last, last) };
      }
      for (const row of await execute(`SELECT "type" AS type, CAST(COUNT(*) AS VARCHAR) AS n FROM activities GROUP BY "type"`, [])) typeCounts.set(String(row.type), Number(row.n));
    }
    const options = scorecardOptionsFor(withTargetsRead(settings, read), kpis);
    let base: Scorecard;
    try {
      const pipeline = read.profile.pipeline;
      const engine = sqlEngine({ dialect: "duckdb", execute, calendar: input.prepared.calendar, ...(pipeline === undefined ? {} : { pipeline }) });
      const card = await engine.scorecard({ ...options, analytics: false });
      // The pipeline analytics read only deals and leads, which are in memory.
      const { analytics } = scorecard(input.prepared, options);
      const skipped = input.prepared.skipped.map((row) => `${row.collection}[${row.index}] skipped: ${row.reasons.join("; ")}`);
      base = { ...card, notes: [...input.notes, ...card.notes, ...skipped], ...(analytics === undefined ? {} : { analytics }) };
    } catch (error) {
      throw (error instanceof KpiDefinitionError ? asFlagError(error, settings) : undefined) ?? error;
    }
    return finishReport(settings, color, read, base, range, typeCounts);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

