// The benchmark suite: `npm run bench` (not a test). Times each operation with tinybench on
// the synthetic data set of bench/generate.ts at two sizes (100,000 and 1,000,000
// activities), and measures each operation's peak heap in a child process run with
// `--trace-gc` (the heap just before every GC during the operation, and at its end).
//
//   npm run bench                      both sizes, timings and memory
//   npm run bench -- --scales 0.1      only the small size
//   npm run bench -- --only scorecard  operations whose name contains "scorecard"
//   npm run bench -- --no-memory       timings only
//   npm run bench -- --side-by-side-only  only the DuckDB side-by-side (+ limit loop) and CSV parsing
//   npm run bench -- --no-side-by-side    without DuckDB;  --no-parse  without the CSV parsing part
//   npm run bench -- --runs 5 --threads 2 side-by-side runs per figure (default 3) and DuckDB threads (default 2)
//
// The side-by-side (bench/side-by-side.ts) runs at the largest of --scales, in UTC and in
// Europe/Amsterdam: each figure by the library and by DuckDB on the same rows, with the
// ratio and an exact-equality check; then the typed-array "limit" loop (bench/limit.ts) and
// CSV parsers against DuckDB's read_csv (bench/parse-csv.ts).
//
// Operations whose library function does not exist (yet) are skipped with a note.
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import * as library from "../src/index.js";
import type { KpiData, KpiSeries } from "../src/index.js";
import { type PreparedData as PreparedKpiData, preparedRows, withRows } from "../src/model/prepared.js";
import { forgetActivityCubes } from "../src/measure/activity-cube.js";
import { forgetDealStates } from "../src/model/deal-state-at.js";
import { type BenchData, generateBenchData, BENCH_SCORECARD_KPIS } from "./generate.js";
import { formatParse, parseBench } from "./parse-csv.js";
import { formatSideBySide, sideBySide } from "./side-by-side.js";

type AnyFunction = (...args: never[]) => unknown;
const api = library as unknown as Readonly<Record<string, unknown>>;

/** The library function `name`, or undefined when it is not exported (yet). */
function libraryFunction<F extends AnyFunction>(name: string): F | undefined {
  const value = api[name];
  return typeof value === "function" ? (value as F) : undefined;
}

/** Everything the operations share at one size. */
interface Context {
  readonly bench: BenchData;
  /** All data, prepared once (deals in EUR and USD). */
  readonly prepared: PreparedKpiData;
  /** The same with the USD deals converted to EUR, for functions that take no rates. */
  readonly preparedEur: PreparedKpiData;
  /** The raw data with the USD deals converted to EUR. */
  readonly euroData: KpiData;
  /** Calls per rep per month over the 24 months (input of the baselines). */
  series(): KpiSeries;
}

interface Operation {
  readonly name: string;
  /** Library functions it needs; it is skipped when one is missing. */
  readonly needs: readonly string[];
  /** True when it works on the raw data (run before anything is prepared). */
  readonly raw?: true;
  /** Input rows it processes (for rows/s). */
  rows(context: Context): number;
  run(context: Context): unknown;
}

type MeasureSeriesFn = (data: KpiData | PreparedKpiData, measure: unknown, options: Record<string, unknown>) => KpiSeries;
type BaselineFn = (series: KpiSeries, options: Record<string, unknown>) => unknown;
type RollingTargetsFn = (baseline: unknown, options?: Record<string, unknown>) => unknown;
type EvaluateRollingFn = (data: PreparedKpiData, measure: unknown, targets: unknown, options: Record<string, unknown>) => unknown;
type PipelineFn = (data: PreparedKpiData, options: Record<string, unknown>) => unknown;
type ConversionFn = (data: PreparedKpiData, options: Record<string, unknown>) => unknown;
type ScorecardFn = (data: KpiData | PreparedKpiData, options: Record<string, unknown>) => unknown;

const CALLS = { kind: "count", source: "activities", where: { type: "call" } } as const;
const ALL_ACTIVITIES = { kind: "count", source: "activities" } as const;
const WON_REVENUE = { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } } as const;
const SCORECARD_KPIS = BENCH_SCORECARD_KPIS;

function scorecardKpis(): unknown[] {
  const catalog = api.kpiCatalog as ReadonlyArray<{ readonly id: string }> | undefined;
  return SCORECARD_KPIS.flatMap((id) => catalog?.filter((kpi) => kpi.id === id) ?? []);
}

function rowCount(data: KpiData): number {
  return (data.activities?.length ?? 0) + (data.deals?.length ?? 0) + (data.leads?.length ?? 0) + (data.reps?.length ?? 0);
}

function baselines(context: Context): unknown[] {
  const baseline = libraryFunction<BaselineFn>("baseline") as BaselineFn;
  const series = context.series();
  const reps = context.prepared.reps;
  const out: unknown[] = [baseline(series, { asOf: context.bench.asOf, calendar: context.bench.calendar, periods: 3 })];
  for (const rep of reps) {
    out.push(
      baseline(series, {
        asOf: context.bench.asOf,
        calendar: context.bench.calendar,
        periods: 3,
        group: rep.id,
        ...(rep.startedAt === undefined ? {} : { startedAt: new Date(rep.startedAt) }),
        ...(rep.leftAt === undefined ? {} : { leftAt: new Date(rep.leftAt) }),
      }),
    );
  }
  return out;
}

const operations: readonly Operation[] = [
  {
    name: "prepareKpiData (parse + normalise)",
    needs: ["prepareKpiData"],
    raw: true,
    rows: (context) => rowCount(context.bench.data),
    run: (context) => library.prepareKpiData(context.bench.data, { calendar: context.bench.calendar }),
  },
  {
    name: "scorecard from raw data (prepareKpiData included)",
    needs: ["scorecard", "kpiCatalog"],
    raw: true,
    rows: (context) => rowCount(context.bench.data),
    run: (context) =>
      (libraryFunction<ScorecardFn>("scorecard") as ScorecardFn)(context.euroData, {
        kpis: scorecardKpis(),
        asOf: context.bench.asOf,
        calendar: context.bench.calendar,
      }),
  },
  {
    name: "measureSeries: activities by owner per month",
    needs: ["measureSeries"],
    rows: (context) => context.prepared.activities.length,
    run: (context) =>
      (library.measureSeries as unknown as MeasureSeriesFn)(context.prepared, ALL_ACTIVITIES, {
        from: context.bench.from,
        to: context.bench.asOf,
        grain: "month",
        groupBy: "owner",
      }),
  },
  {
    name: "measureSeries: won revenue by owner per month",
    needs: ["measureSeries"],
    rows: (context) => context.preparedEur.deals.length,
    run: (context) =>
      (library.measureSeries as unknown as MeasureSeriesFn)(context.preparedEur, WON_REVENUE, {
        from: context.bench.from,
        to: context.bench.asOf,
        grain: "month",
        groupBy: "owner",
      }),
  },
  {
    name: "baseline: team + 200 reps (calls, 3 months)",
    needs: ["measureSeries", "baseline"],
    rows: (context) => context.series().points.length,
    run: baselines,
  },
  {
    name: "weightedPipelineValue as of 12 month-ends",
    needs: ["weightedPipelineValue"],
    rows: (context) => context.prepared.deals.length * context.bench.monthEnds.length,
    run: (context) => {
      const weighted = library.weightedPipelineValue as unknown as PipelineFn;
      return context.bench.monthEnds.map((asOf) =>
        weighted(context.prepared, { asOf, currency: context.bench.currency, rates: context.bench.rates }),
      );
    },
  },
  {
    name: "conversionRate: mql→sql cohorts, 12 months by owner",
    needs: ["conversionRate"],
    rows: (context) => context.prepared.leads.length * context.bench.months.length,
    run: (context) => {
      const conversion = library.conversionRate as unknown as ConversionFn;
      return context.bench.months.map((period) =>
        conversion(context.prepared, { from: "mql", to: "sql", period, windowDays: 30, asOf: context.bench.asOf, groupBy: "owner" }),
      );
    },
  },
  {
    name: "evaluateRolling: 30/60/90 days by owner, 200 reps (calls)",
    needs: ["measureSeries", "baseline", "rollingTargets", "evaluateRolling"],
    rows: (context) => context.prepared.activities.length,
    run: (context) => {
      const baseline = libraryFunction<BaselineFn>("baseline") as BaselineFn;
      const rollingTargets = libraryFunction<RollingTargetsFn>("rollingTargets") as RollingTargetsFn;
      const evaluateRolling = libraryFunction<EvaluateRollingFn>("evaluateRolling") as EvaluateRollingFn;
      const series = context.series();
      const targets = new Map<string, unknown>();
      for (const rep of context.prepared.reps) {
        const base = baseline(series, { asOf: context.bench.asOf, calendar: context.bench.calendar, group: rep.id });
        targets.set(rep.id, rollingTargets(base, { windows: [30, 60, 90] }));
      }
      return evaluateRolling(context.prepared, CALLS, targets, {
        asOf: context.bench.asOf,
        calendar: context.bench.calendar,
        groupBy: "owner",
      });
    },
  },
  {
    name: "scorecard: team + 200 reps, 13 KPIs (prepared data)",
    needs: ["scorecard", "kpiCatalog"],
    rows: (context) => rowCount(context.bench.data),
    run: (context) =>
      (libraryFunction<ScorecardFn>("scorecard") as ScorecardFn)(context.preparedEur, {
        kpis: scorecardKpis(),
        asOf: context.bench.asOf,
        calendar: context.bench.calendar,
      }),
  },
];

/** The data with the USD deals converted to EUR (new objects only for those). */
function inEuro(bench: BenchData): KpiData {
  const rate = Number(bench.rates.USD);
  const deals = (bench.data.deals ?? []).map((deal) =>
    deal.currency === "USD" ? { ...deal, currency: "EUR", amount: (Math.round(Number(deal.amount) * rate * 100) / 100).toFixed(2) } : deal,
  );
  return { ...bench.data, deals };
}

function createContext(scale: number, generated?: BenchData): Context {
  const bench = generated ?? generateBenchData({ scale });
  const euro = inEuro(bench);
  // Prepared lazily: the operations on raw data run first, with only the raw data in memory
  // (as a caller would have it), not also two prepared copies that make every GC slower.
  let prepared: PreparedKpiData | undefined;
  let preparedEur: PreparedKpiData | undefined;
  let series: KpiSeries | undefined;
  const getPrepared = () => (prepared ??= preparedRows(library.prepareKpiData(bench.data, { calendar: bench.calendar })));
  return {
    bench,
    get prepared() {
      return getPrepared();
    },
    get preparedEur() {
      if (preparedEur === undefined) {
        const deals = preparedRows(library.prepareKpiData({ pipeline: euro.pipeline, reps: euro.reps, deals: euro.deals }, { calendar: bench.calendar })).deals;
        preparedEur = withRows(getPrepared(), { deals });
      }
      return preparedEur;
    },
    euroData: euro,
    series() {
      series ??= (library.measureSeries as unknown as MeasureSeriesFn)(getPrepared(), CALLS, {
        from: bench.from,
        to: bench.asOf,
        grain: "month",
        groupBy: "owner",
        calendar: bench.calendar,
      });
      return series;
    },
  };
}

interface Timing {
  readonly name: string;
  readonly scale: number;
  readonly medianMs: number;
  readonly samples: number;
  readonly rows: number;
}

interface Memory {
  readonly name: string;
  readonly scale: number;
  /** Peak heap during the operation above the heap before it (what the operation itself needed). */
  readonly peakBytes: number;
  /** Peak heap during the operation, everything included (input, prepared data, the operation). */
  readonly totalBytes: number;
}

function missing(operation: Operation): string[] {
  return operation.needs.filter((name) => api[name] === undefined);
}

/** Drops what the library memoises on prepared arrays, so each timed run pays for it. */
function forgetMemos(...data: readonly PreparedKpiData[]): void {
  for (const prepared of data) {
    forgetActivityCubes(prepared.activityColumns);
    forgetDealStates(prepared.deals);
  }
}

async function timeOperations(scale: number, selected: readonly Operation[]): Promise<Timing[]> {
  const context = createContext(scale);
  const timings: Timing[] = [];
  for (const operation of selected) {
    // Warm up for at least 3 runs or a second, so the JIT has compiled the hot paths.
    const bench = new Bench({ time: scale >= 1 ? 3000 : 1500, iterations: 5, warmupIterations: 3, warmupTime: 1000, throws: true });
    bench.add(operation.name, () => {
      // Cold: no activity cube or deal states memoised by an earlier run.
      if (operation.raw !== true) forgetMemos(context.prepared, context.preparedEur);
      operation.run(context);
    });
    await bench.run();
    const task = bench.tasks[0];
    const latency = task?.result?.latency;
    if (task === undefined || latency?.p50 === undefined) throw new Error(`no result for ${operation.name}`);
    timings.push({ name: operation.name, scale, medianMs: latency.p50, samples: latency.samples.length, rows: operation.rows(context) });
    process.stderr.write(`  ${operation.name} @${scale}: ${latency.p50.toFixed(1)} ms\n`);
  }
  return timings;
}

const MARK = "@@bench";

/** In the child process: runs each operation once between markers, after a GC. */
function memoryChild(scale: number, names: readonly string[]): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the memory child needs --expose-gc");
  gc();
  const before = process.memoryUsage().heapUsed;
  const bench = generateBenchData({ scale });
  gc();
  const input = process.memoryUsage().heapUsed - before;
  console.log(`${MARK} input ${input}`);
  const context = createContext(scale, bench);
  for (const operation of operations.filter((candidate) => names.includes(candidate.name))) {
    // Prepared data (and the calls series) exist before the operations that take them.
    if (operation.raw !== true) context.series();
    gc();
    console.log(`${MARK} begin ${process.memoryUsage().heapUsed}`);
    const result = operation.run(context);
    console.log(`${MARK} end ${process.memoryUsage().heapUsed} ${operation.name}`);
    if (result === undefined) console.log("");
  }
}

const GC_LINE = /(?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep|Mark-sweep)[^\d]*?([\d.]+) \(([\d.]+)\) ->/;

/** Runs the memory child and reads its markers and `--trace-gc` lines. */
function measureMemory(scale: number, selected: readonly Operation[]): { input: number; memory: Memory[] } {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, "--expose-gc", "--trace-gc", "--max-old-space-size=8192", fileURLToPath(import.meta.url), "--memory-child", String(scale), JSON.stringify(selected.map((o) => o.name))],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
  let input = 0;
  let base = 0;
  let peak = 0;
  const memory: Memory[] = [];
  for (const line of child.stdout.split("\n")) {
    if (line.startsWith(MARK)) {
      const [, kind, bytes, ...rest] = line.split(" ");
      const value = Number(bytes);
      if (kind === "input") input = value;
      else if (kind === "begin") {
        base = value;
        peak = value;
      } else if (kind === "end") {
        peak = Math.max(peak, value);
        memory.push({ name: rest.join(" "), scale, peakBytes: peak - base, totalBytes: peak });
      }
      continue;
    }
    const match = GC_LINE.exec(line);
    if (match !== null) peak = Math.max(peak, Number(match[1]) * 1024 * 1024);
  }
  return { input, memory };
}

const formatMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const formatRate = (perSecond: number) =>
  perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)} M` : perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(0)} k` : perSecond.toFixed(0);
const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--memory-child") {
    memoryChild(Number(args[1]), JSON.parse(args[2] ?? "[]") as string[]);
    return;
  }
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const scales = (option("--scales") ?? "0.1,1").split(",").map(Number);
  const only = option("--only");
  const withMemory = !args.includes("--no-memory");
  const sideBySideOnly = args.includes("--side-by-side-only");
  const withSideBySide = !args.includes("--no-side-by-side");
  const withParse = !args.includes("--no-parse");
  const runs = Number(option("--runs") ?? "3");
  const threads = Number(option("--threads") ?? "2");

  const available: Operation[] = [];
  const notes: string[] = [];
  for (const operation of operations) {
    if (only !== undefined && !operation.name.includes(only)) continue;
    const absent = missing(operation);
    if (absent.length > 0) notes.push(`skipped "${operation.name}": ${absent.join(", ")} not exported yet`);
    else available.push(operation);
  }

  const cpu = cpus();
  console.log(`sales-kpi benchmark — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at start`);
  console.log("Data: bench/generate.ts (seeded), Europe/Amsterdam, 24 months, 200 reps in 10 teams.\n");
  if (!sideBySideOnly) await suite(scales, available, withMemory, notes);
  const largest = Math.max(...scales);
  if (withSideBySide) {
    const options = { scale: largest, runs, threads, timeZones: ["UTC", "Europe/Amsterdam"] };
    console.log(`\n${formatSideBySide(await sideBySide(options), options)}`);
  }
  if (withParse) console.log(`\n${formatParse(await parseBench(largest, Math.min(runs, 3), threads), Math.min(runs, 3))}`);
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

async function suite(scales: readonly number[], available: readonly Operation[], withMemory: boolean, notes: readonly string[]): Promise<void> {

  const timings: Timing[] = [];
  const memory: Memory[] = [];
  const inputs = new Map<number, number>();
  for (const scale of scales) {
    process.stderr.write(`scale ${scale}: timing…\n`);
    timings.push(...(await timeOperations(scale, available)));
    if (withMemory) {
      process.stderr.write(`scale ${scale}: memory…\n`);
      const measured = measureMemory(scale, available);
      inputs.set(scale, measured.input);
      memory.push(...measured.memory);
    }
  }

  const sizeLabel = (scale: number) => `${(1_000_000 * scale).toLocaleString("en-US")} act.`;
  const rows = timings.map((timing) => {
    const peak = memory.find((entry) => entry.name === timing.name && entry.scale === timing.scale);
    const input = inputs.get(timing.scale);
    return [
      timing.name,
      sizeLabel(timing.scale),
      `${formatMs(timing.medianMs)} ms`,
      String(timing.samples),
      timing.rows.toLocaleString("en-US"),
      `${formatRate((timing.rows / timing.medianMs) * 1000)}/s`,
      peak === undefined ? "–" : formatMb(peak.peakBytes),
      peak === undefined || input === undefined ? "–" : `${(peak.peakBytes / input).toFixed(2)}×`,
      peak === undefined ? "–" : formatMb(peak.totalBytes),
    ];
  });
  console.log(table(["operation", "size", "median", "runs", "rows", "rows/s", "peak heap", "peak ÷ input", "heap in all"], rows));
  console.log(
    "peak heap: the most heap the operation held above what was live before it (from --trace-gc); " +
      "heap in all: the process heap at that moment, with the raw input and two prepared copies of it (all currencies, EUR only).",
  );
  for (const scale of scales) {
    const input = inputs.get(scale);
    if (input !== undefined) console.log(`input arrays at ${sizeLabel(scale)}: ${formatMb(input)} of heap`);
  }

  if (scales.length >= 2) {
    const [small, large] = [Math.min(...scales), Math.max(...scales)];
    const growth = available.flatMap((operation) => {
      const a = timings.find((timing) => timing.name === operation.name && timing.scale === small);
      const b = timings.find((timing) => timing.name === operation.name && timing.scale === large);
      return a === undefined || b === undefined ? [] : [[operation.name, `${formatMs(a.medianMs)} ms`, `${formatMs(b.medianMs)} ms`, `${(b.medianMs / a.medianMs).toFixed(1)}×`]];
    });
    console.log(`\nGrowth from ${sizeLabel(small)} to ${sizeLabel(large)} (${(large / small).toFixed(0)}× the rows):`);
    console.log(table(["operation", sizeLabel(small), sizeLabel(large), "factor"], growth));
  }
  for (const note of notes) console.log(`note: ${note}`);
}

await main();
