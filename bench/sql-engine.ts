// The SQL engine's benchmark (`npm run bench:sql`): the full scorecard in process vs on DuckDB
// (`sales-kpi/sql`), at 1M and 10M generated activities, and on DuckDB alone at 50M activities
// read from Parquet on disk. Each measurement runs in a child process of its own, so its peak
// memory (max RSS) is its own. Data goes under $SALES_KPI_BENCH_DIR (default
// /tmp/sales-kpi-sql-bench), never into the repository. Not part of the library.
//
//   npm run bench:sql                    1M, 10M and 50M
//   npm run bench:sql -- --sizes 1       1M only (about a minute)
//   SALES_KPI_BENCH_DUCKDB_MEMORY=1GB    DuckDB's memory_limit (default: DuckDB's own, 80 % of RAM)
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { catalogKpi, resolveCalendar, scorecard, toJSON } from "../src/index.js";
import { createTablesSql, duckdbExecute, sqlEngine } from "../src/sql.js";
import { parseInstant } from "../src/time/instant.js";
import { benchPipeline, generateBenchData, BENCH_SCORECARD_KPIS } from "./generate.js";

const ROOT = process.env.SALES_KPI_BENCH_DIR ?? "/tmp/sales-kpi-sql-bench";
const KPIS = BENCH_SCORECARD_KPIS;
const TABLES = ["reps", "deals", "deal_stage_history", "activities", "leads", "lead_steps"] as const;

interface Measured {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly rssBeforeMb: number;
  readonly rows: string;
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function dirOf(millions: number): string {
  return path.join(ROOT, `activities-${millions}m`);
}

/** Writes the generated data at `scale` (1 = 1M activities) as Parquet files in the default layout. */
async function writeData(scale: number): Promise<void> {
  const dir = dirOf(scale);
  mkdirSync(dir, { recursive: true });
  const bench = generateBenchData({ scale, usdShare: 0 });
  const calendar = resolveCalendar(bench.calendar);
  const instant = (value: unknown): string => (value === undefined || value === null ? "" : new Date(parseInstant(value as string, calendar)).toISOString());
  const text = (value: unknown): string => (value === undefined || value === null ? "" : String(value));
  const writeCsv = (table: string, header: readonly string[], rows: Iterable<readonly string[]>): void => {
    const file = path.join(dir, `${table}.csv`);
    writeFileSync(file, `${header.join(",")}\n`);
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(row.join(","));
      if (chunk.length === 100_000) {
        appendFileSync(file, `${chunk.join("\n")}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) appendFileSync(file, `${chunk.join("\n")}\n`);
  };
  const data = bench.data;
  writeCsv("reps", ["id", "name", "team", "started_at", "left_at"], (data.reps ?? []).map((r) => [r.id, text(r.name), text(r.team), instant(r.startedAt), instant(r.leftAt)]));
  writeCsv(
    "deals",
    ["id", "owner", "team", "account", "product", "amount", "currency", "stage", "created_at", "closed_at", "expected_close_at", "probability", "source"],
    (data.deals ?? []).map((d) => [
      text(d.id), d.owner, text(d.team), text(d.account), text(d.product), text(d.amount), text(d.currency), d.stage,
      instant(d.createdAt), instant(d.closedAt), instant(d.expectedCloseAt), text(d.probability), text(d.source),
    ]),
  );
  writeCsv(
    "deal_stage_history",
    ["deal_id", "stage", "at", "seq"],
    (function* () {
      for (const d of data.deals ?? []) {
        let seq = 0;
        for (const move of d.stageHistory ?? []) yield [text(d.id), move.stage, instant(move.at), String(seq++)];
      }
    })(),
  );
  writeCsv("activities", ["id", "owner", "team", "type", "at", "quantity"], (data.activities ?? []).map((a) => [text(a.id), a.owner, text(a.team), a.type, instant(a.at), String(a.quantity ?? 1)]));
  writeCsv("leads", ["id", "owner", "team", "source", "created_at", "returned_at"], (data.leads ?? []).map((l) => [l.id, text(l.owner), text(l.team), text(l.source), instant(l.createdAt), instant(l.returnedAt)]));
  writeCsv(
    "lead_steps",
    ["lead_id", "step", "at"],
    (function* () {
      for (const l of data.leads ?? []) for (const [step, at] of Object.entries(l.reached ?? {})) yield [l.id, step, instant(at)];
    })(),
  );
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const ddl of createTablesSql("duckdb")) await connection.run(ddl);
  for (const table of TABLES) {
    const csv = path.join(dir, `${table}.csv`);
    await connection.run(`INSERT INTO ${table} SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)`);
    await connection.run(`COPY ${table} TO '${path.join(dir, `${table}.parquet`)}' (FORMAT parquet)`);
    rmSync(csv);
  }
  connection.closeSync();
  instance.closeSync();
  writeFileSync(path.join(dir, "bench.json"), JSON.stringify({ asOf: bench.asOf, calendar: bench.calendar }));
}

/** 50M activities: the 10M set's activities five times over (each copy a few seconds later), its other tables as they are. */
async function writeFiftyMillion(): Promise<void> {
  const from = dirOf(10);
  const dir = dirOf(50);
  mkdirSync(dir, { recursive: true });
  for (const table of TABLES) if (table !== "activities") copyFileSync(path.join(from, `${table}.parquet`), path.join(dir, `${table}.parquet`));
  copyFileSync(path.join(from, "bench.json"), path.join(dir, "bench.json"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT a.id || '-' || CAST(k.range AS VARCHAR) AS id, a.owner, a.team, a.type, a.at + to_seconds(k.range) AS at, a.quantity ` +
      `FROM read_parquet('${path.join(from, "activities.parquet")}') a, range(5) k) TO '${path.join(dir, "activities.parquet")}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
}

function benchOf(dir: string): { asOf: string; calendar: { timeZone: string } } {
  return JSON.parse(readFileSync(path.join(dir, "bench.json"), "utf8")) as { asOf: string; calendar: { timeZone: string } };
}

/** The in-process scorecard on the generated data of `scale` (generated here: its rows are part of the memory). */
function runInProcess(scale: number, out: string): Measured {
  const bench = generateBenchData({ scale, usdShare: 0 });
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const start = performance.now();
  const card = scorecard(bench.data, { kpis: KPIS.map(catalogKpi), asOf: bench.asOf, calendar: bench.calendar });
  const ms = performance.now() - start;
  writeFileSync(out, JSON.stringify(toJSON(card)));
  return { ms, maxRssMb: maxRssMb(), rssBeforeMb, rows: `${bench.data.activities?.length ?? 0} activities, ${bench.data.deals?.length ?? 0} deals, ${bench.data.leads?.length ?? 0} leads` };
}

/** The DuckDB engine's scorecard over the Parquet files of `dir` (views: DuckDB reads them from disk). */
async function runDuckDb(dir: string, out: string): Promise<Measured> {
  const { asOf, calendar } = benchOf(dir);
  const memoryLimit = process.env.SALES_KPI_BENCH_DUCKDB_MEMORY;
  const instance = await DuckDBInstance.create(":memory:", { threads: "2", ...(memoryLimit === undefined ? {} : { memory_limit: memoryLimit }) });
  const connection = await instance.connect();
  for (const table of TABLES) await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${path.join(dir, `${table}.parquet`)}')`);
  const count = async (table: string): Promise<string> => String((await connection.runAndReadAll(`SELECT COUNT(*) AS n FROM ${table}`)).getRowObjects()[0]?.n);
  const rows = `${await count("activities")} activities, ${await count("deals")} deals, ${await count("leads")} leads`;
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const engine = sqlEngine({ dialect: "duckdb", execute: duckdbExecute(connection), pipeline: benchPipeline, calendar });
  const start = performance.now();
  const card = await engine.scorecard({ kpis: KPIS.map(catalogKpi), asOf });
  const ms = performance.now() - start;
  writeFileSync(out, JSON.stringify(toJSON(card)));
  connection.closeSync();
  instance.closeSync();
  return { ms, maxRssMb: maxRssMb(), rssBeforeMb, rows };
}

/** Runs one step in a child process (its own peak memory) and returns what it printed as JSON. */
function child(...args: string[]): Measured | undefined {
  const here = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, ["--import", "tsx", "--max-old-space-size=16000", here, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const last = output.trim().split("\n").pop();
  return last === undefined || last === "" ? undefined : (JSON.parse(last) as Measured);
}

function line(label: string, m: Measured | undefined): string {
  if (m === undefined) return `| ${label} | – | – |`;
  return `| ${label} | ${(m.ms / 1000).toFixed(1)} s | ${m.maxRssMb.toLocaleString("en-US")} MB (${m.rssBeforeMb.toLocaleString("en-US")} MB before the scorecard) |`;
}

async function main(argv: readonly string[]): Promise<void> {
  const [mode, arg, out] = argv;
  if (mode === "write") return writeData(Number(arg));
  if (mode === "write50") return writeFiftyMillion();
  if (mode === "inprocess") return void console.log(JSON.stringify(runInProcess(Number(arg), out as string)));
  if (mode === "duckdb") return void console.log(JSON.stringify(await runDuckDb(arg as string, out as string)));

  const sizesArg = argv.indexOf("--sizes");
  const sizes = sizesArg >= 0 ? (argv[sizesArg + 1] ?? "").split(",").map(Number) : [1, 10, 50];
  const rows: string[] = ["| scorecard, 13 KPIs, team + 200 reps | time | peak memory (max RSS) |", "|---|---|---|"];
  for (const size of sizes.filter((s) => s !== 50)) {
    const dir = dirOf(size);
    if (!existsSync(path.join(dir, "bench.json"))) {
      console.error(`writing ${size}M activities as Parquet under ${dir} …`);
      child("write", String(size));
    }
    console.error(`${size}M: in process …`);
    const inProcess = child("inprocess", String(size), path.join(dir, "inprocess.json"));
    console.error(`${size}M: DuckDB engine …`);
    const duck = child("duckdb", dir, path.join(dir, "duckdb.json"));
    const same = readFileSync(path.join(dir, "inprocess.json"), "utf8") === readFileSync(path.join(dir, "duckdb.json"), "utf8");
    rows.push(line(`${size}M activities in process (${inProcess?.rows ?? ""})`, inProcess));
    rows.push(line(`${size}M activities on DuckDB (Parquet on disk)${same ? ", same scorecard" : ", SCORECARDS DIFFER"}`, duck));
  }
  if (sizes.includes(50)) {
    if (!existsSync(path.join(dirOf(10), "bench.json"))) child("write", "10");
    if (!existsSync(path.join(dirOf(50), "bench.json"))) {
      console.error("writing 50M activities as Parquet …");
      child("write50");
    }
    console.error("50M: DuckDB engine …");
    const duck = child("duckdb", dirOf(50), path.join(dirOf(50), "duckdb.json"));
    rows.push(line(`50M activities on DuckDB (Parquet on disk; ${duck?.rows ?? ""})`, duck));
  }
  console.log(rows.join("\n"));
}

await main(process.argv.slice(2));
