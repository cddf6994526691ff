// CSV parsing side by side (issue 15 item 4): the CLI's CSV path (src/cli/read-table.ts,
// csv-parse) on a 1M-row activities CSV, against DuckDB's read_csv on the same file and a few
// other well-kept npm parsers (parse only: text in, rows of strings out). Not part of the
// library; run from bench/run.ts (`--parse`) or alone: `npx tsx bench/parse-csv.ts [scale] [runs]`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsvSync } from "csv-parse/sync";
import { parseString } from "@fast-csv/parse";
import Papa from "papaparse";
import { inferSchema, initParser } from "udsv";
import { readInput } from "../src/cli/read-input.js";
import { profileKpiData } from "../src/index.js";
import { readTable } from "../src/cli/read-table.js";
import { runReport } from "../src/cli/report-command.js";
import { openDuckDb, query } from "./duckdb-side.js";
import { generateBenchData } from "./generate.js";

export interface ParseRow {
  readonly parser: string;
  readonly ms: number;
  /** Median CPU time of the process (JS parsers: one thread; DuckDB: all its threads). */
  readonly cpuMs: number;
  readonly rows: number;
  readonly note?: string;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

async function time(fn: () => number | Promise<number>, runs: number): Promise<{ ms: number; cpuMs: number; rows: number }> {
  const samples: number[] = [];
  const cpu: number[] = [];
  const once = async () => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const n = await fn();
    samples.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    return n;
  };
  let rows = await once();
  // A run of over a second is warm enough: it counts as a sample (keeps the suite short).
  if ((samples[0] as number) <= 1000) {
    samples.length = 0;
    cpu.length = 0;
  }
  while (samples.length < runs) rows = await once();
  return { ms: median(samples), cpuMs: median(cpu), rows };
}

/** Writes the generated activities (and the roster) as CSV files under the temp dir. */
export function writeBenchCsv(scale: number): { activities: string; teams: string; bytes: number } {
  const bench = generateBenchData({ scale });
  const dir = join(tmpdir(), "sales-kpi-bench");
  mkdirSync(dir, { recursive: true });
  const lines = ["id,owner,type,at,quantity"];
  for (const a of bench.data.activities ?? []) lines.push(`${a.id},${a.owner},${a.type},${a.at as string},${a.quantity ?? ""}`);
  const activities = join(dir, `activities-${scale}.csv`);
  const text = `${lines.join("\n")}\n`;
  writeFileSync(activities, text);
  const teams = join(dir, `teams-${scale}.csv`);
  writeFileSync(teams, `id,name,team,startedAt,leftAt\n${(bench.data.reps ?? []).map((r) => `${r.id},${r.name ?? ""},${r.team ?? ""},${r.startedAt ?? ""},${r.leftAt ?? ""}`).join("\n")}\n`);
  return { activities, teams, bytes: Buffer.byteLength(text) };
}

export async function parseBench(scale: number, runs: number, threads: number): Promise<{ rows: ParseRow[]; file: string; bytes: number }> {
  const files = writeBenchCsv(scale);
  const file = files.activities;
  const out: ParseRow[] = [];
  const add = async (parser: string, fn: () => number | Promise<number>, note?: string) => {
    process.stderr.write(`  parse: ${parser}…\n`);
    const timed = await time(fn, runs);
    out.push({ parser, ms: timed.ms, cpuMs: timed.cpuMs, rows: timed.rows, ...(note === undefined ? {} : { note }) });
  };
  const text = () => readFileSync(file, "utf8");

  await add(
    "CLI readTable (quote-free: records found in the text; else csv-parse)",
    () => {
      const table = readTable(file, "activities");
      return table.byLine?.length ?? table.records.length;
    },
    "what the CLI does today (line offsets; cells cut out as each record is mapped)",
  );
  await add(
    "CLI readInput: readTable + mapTable + prepareKpiData",
    () => profileKpiData(readInput({ activities: file, teams: files.teams }, { timeZone: "UTC" }).prepared).rows.activities,
    "CSV file → prepared data",
  );
  try {
    await add(
      "CLI runReport: activities + roster CSV → markdown scorecard (UTC)",
      () => runReport({ files: { activities: file, teams: files.teams }, timeZone: "UTC", asOf: "2026-11-15", grain: "month", format: "md" }, false).card.reps.length,
      "rows = reps on the card; compare with DuckDB read_csv + counts",
    );
  } catch (error) {
    out.push({ parser: "CLI runReport", ms: Number.NaN, cpuMs: Number.NaN, rows: 0, note: `skipped: ${(error as Error).message.slice(0, 80)}` });
  }
  await add("csv-parse sync, columns: true", () => (parseCsvSync(text(), { columns: true }) as unknown[]).length);
  await add("csv-parse sync, arrays (no columns, no trim/info)", () => (parseCsvSync(text()) as unknown[]).length - 1);
  await add("papaparse, header: true", () => Papa.parse(text(), { header: true, skipEmptyLines: true }).data.length);
  await add("papaparse, arrays", () => Papa.parse(text(), { skipEmptyLines: true }).data.length - 1);
  await add("udsv stringArrs", () => {
    const csv = text();
    const parser = initParser(inferSchema(csv));
    return parser.stringArrs(csv).length;
  });
  await add("udsv stringObjs", () => {
    const csv = text();
    const parser = initParser(inferSchema(csv));
    return parser.stringObjs(csv).length;
  });
  await add(
    "@fast-csv/parse, headers: true",
    () =>
      new Promise<number>((resolve, reject) => {
        let n = 0;
        parseString(text(), { headers: true })
          .on("data", () => n++)
          .on("error", reject)
          .on("end", () => resolve(n));
      }),
  );
  const side = await openDuckDb(threads);
  try {
    await add(
      `DuckDB read_csv → table (types auto-detected, ${threads} threads)`,
      async () => {
        await side.connection.run(`CREATE OR REPLACE TABLE csv_activities AS SELECT * FROM read_csv('${file}', header = true)`);
        return Number((await query(side, "SELECT count(*) FROM csv_activities"))[0]?.[0]);
      },
      "at parsed as TIMESTAMP WITH TIME ZONE",
    );
    await add(`DuckDB read_csv → table (explicit types, ${threads} threads)`, async () => {
      await side.connection.run(
        `CREATE OR REPLACE TABLE csv_activities AS SELECT * FROM read_csv('${file}', header = true, auto_detect = false, columns = {'id': 'VARCHAR', 'owner': 'VARCHAR', 'type': 'VARCHAR', 'at': 'TIMESTAMPTZ', 'quantity': 'INTEGER'})`,
      );
      return Number((await query(side, "SELECT count(*) FROM csv_activities"))[0]?.[0]);
    });
    await add(`DuckDB read_csv + activity counts by owner × type × month (${threads} threads)`, async () => {
      const rows = await query(
        side,
        `SELECT owner, type, date_trunc('month', "at") m, SUM(coalesce(quantity, 1)) FROM read_csv('${file}', header = true) GROUP BY ALL`,
      );
      return rows.length;
    }, "straight from the file, no table kept");
  } finally {
    side.close();
  }
  return { rows: out, file, bytes: files.bytes };
}

export function formatParse(result: { rows: readonly ParseRow[]; file: string; bytes: number }, runs: number): string {
  const header = ["parser", "wall", "CPU", "rows", "rows/s (CPU)", "note"];
  const body = result.rows.map((r) => [
    r.parser,
    `${r.ms.toFixed(0)} ms`,
    `${r.cpuMs.toFixed(0)} ms`,
    r.rows.toLocaleString("en-US"),
    `${(((r.rows / r.cpuMs) * 1000) / 1e6).toFixed(2)} M/s`,
    r.note ?? "",
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...body.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  return [
    `CSV parsing of ${result.file} (${(result.bytes / 1024 / 1024).toFixed(0)} MB), median of ${runs} runs; JS parsers include reading the file as UTF-8 text`,
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}

// Run directly (`npx tsx bench/parse-csv.ts`, or `node scripts/run-bundled.mjs bench/parse-csv.ts`), not when
// bundled into `npm run bench`, whose bundle shares one import.meta.url.
if (/[\\/_]parse-csv\.(ts|mjs)$/.test(process.argv[1] ?? "")) {
  const [scaleText = "1", runsText = "3"] = process.argv.slice(2);
  const result = await parseBench(Number(scaleText), Number(runsText), 2);
  console.log(formatParse(result, Number(runsText)));
}
