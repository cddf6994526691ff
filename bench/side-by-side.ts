// Side by side: the library and DuckDB (in-process, @duckdb/node-api) on the SAME generated
// rows in the SAME run, per figure, in UTC and in Europe/Amsterdam. Prints library time,
// DuckDB time, library ÷ DuckDB, and whether the two gave the same numbers (exact strings;
// DuckDB's DECIMAL text is compared after dropping trailing fractional zeros). Called from
// bench/run.ts; also runnable alone: `npx tsx bench/side-by-side.ts [scale] [runs]`.
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as library from "../src/index.js";
import { forgetActivityCubes } from "../src/measure/activity-cube.js";
import { forgetDealStates } from "../src/model/deal-state-at.js";
import { addLocalDays } from "../src/time/local-days.js";
import { preparedRows, withRows } from "../src/model/prepared.js";
import type { KpiData, KpiPeriod } from "../src/index.js";
import {
  activityCountsSql,
  boundaryTable,
  type Bucketing,
  closedDealsSql,
  conversionSql,
  type Dictionaries,
  type DuckSide,
  loadDuckDb,
  loadDuckDbViaCsv,
  newCustomersSql,
  openDuckDb,
  query,
  weightedPipelineArgMaxSql,
  weightedPipelineSql,
  wonRevenueSql,
} from "./duckdb-side.js";
import { type BenchData, generateBenchData, BENCH_SCORECARD_KPIS } from "./generate.js";
import * as lib from "./library-side.js";
import { type LimitRow, limitBench } from "./limit.js";

const SCORECARD_KPIS = BENCH_SCORECARD_KPIS;
const scorecardKpis = () => library.kpiCatalog.filter((kpi) => SCORECARD_KPIS.includes(kpi.id));

/** The data with the USD deals converted to EUR, rounded to cents (as bench/run.ts does). */
export function inEuro(bench: BenchData): KpiData {
  const rate = Number(bench.rates.USD);
  const deals = (bench.data.deals ?? []).map((deal) =>
    deal.currency === "USD" ? { ...deal, currency: "EUR", amount: (Math.round(Number(deal.amount) * rate * 100) / 100).toFixed(2) } : deal,
  );
  return { ...bench.data, deals };
}

/** One row of the side-by-side table. */
export interface SideBySideRow {
  readonly figure: string;
  readonly timeZone: string;
  readonly libraryMs: number;
  readonly duckMs: number;
  /** CPU time (user + system of the whole process, so all of DuckDB's threads), median. */
  readonly libraryCpuMs: number;
  readonly duckCpuMs: number;
  /** Which DuckDB formulation was fastest (when several were measured). */
  readonly duckVariant?: string;
  /** "equal", "n/a" or a description of the first disagreements. */
  readonly check: string;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Times `fn` `runs` times or more (after a full collection and a warm-up): the median wall
 * time, the median CPU time of the process (user + system: the library's one thread, or all of
 * DuckDB's) and the warm-up's result. On a shared machine CPU time is the steadier measure of work; wall time is what a
 * user waits. A timed run's result is dropped as soon as it returns: kept until the next run
 * (as it was until this release), every result outlived a collection, was promoted, and its
 * garbage was billed to later runs and figures as old-generation collections that mark the
 * whole benchmark heap (a few hundred ms each here).
 */
async function time<T>(fn: () => T | Promise<T>, runs: number): Promise<{ ms: number; cpuMs: number; result: T }> {
  await collected();
  // Warm-up: at least one run, and up to five while they take under 3 s in all (the first
  // counted). V8 optimises a long function only after several runs (in a process of its own, a
  // 1M-activity scorecard's first runs take 800, 660, 500, 440, 290 ms, then 210–300); after
  // one warm-up the median of three samples was the third run's. DuckDB's queries are native
  // code, ready after one.
  const first = performance.now();
  const result = await fn();
  for (let warm = 1, warmMs = performance.now() - first; warm < 5 && warmMs < 3000; warm++) {
    const start = performance.now();
    await fn();
    warmMs += performance.now() - start;
  }
  const samples: number[] = [];
  const cpu: number[] = [];
  // At least `runs` samples, and more while they take under 1 s in all (at most 15): a median of
  // three runs swings with every collection on a shared machine.
  let spent = 0;
  for (let i = 0; i < runs || (spent < 1000 && i < Math.max(runs, 15)); i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
    spent += samples[samples.length - 1] as number;
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(samples), cpuMs: median(cpu), result };
}

/**
 * A full collection before a figure's warm-up, where the process allows one (`npm run bench`
 * runs Node with `--expose-gc`), as benchmark harnesses such as mitata do between benchmarks:
 * each figure (either side's) then pays for its own garbage, not for the previous figure's
 * promoted results and DuckDB's result rows, nor for a marking of the whole benchmark heap
 * that they started. Within a figure nothing is collected by hand.
 */
async function collected(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return;
  gc();
  // A turn of the event loop: finalisers and the concurrent sweeper's start run before the warm-up.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Compares two canonical maps; "equal" or the count and first few differences. */
function compare(libraryMap: ReadonlyMap<string, string>, duckMap: ReadonlyMap<string, string>): string {
  const keys = new Set([...libraryMap.keys(), ...duckMap.keys()]);
  const diffs: string[] = [];
  for (const key of [...keys].sort()) {
    const a = libraryMap.get(key) ?? "0";
    const b = duckMap.get(key) ?? "0";
    if (a !== b) diffs.push(`${key}: library ${a}, DuckDB ${b}`);
  }
  if (diffs.length === 0) return `equal (${libraryMap.size} cells)`;
  return `${diffs.length} of ${keys.size} cells differ, e.g. ${diffs.slice(0, 3).join("; ")}`;
}

/** Period boundaries of one time zone, computed once in TS with the library's calendar code. */
interface Bounds {
  readonly calendar: library.KpiCalendar;
  readonly fromMs: number;
  readonly toMs: number;
  readonly asOfMs: number;
  readonly months: readonly KpiPeriod[];
  readonly cohorts: readonly KpiPeriod[];
  readonly days: readonly KpiPeriod[];
  readonly monthEndMs: readonly number[];
  /** The scorecard's periods: history months (+ the current one for accumulating KPIs). */
  readonly scHistory: readonly KpiPeriod[];
  readonly scWithCurrent: readonly KpiPeriod[];
  /** The age (whole local days, at most the 30-day window) every scorecard cohort is judged at. */
  readonly scCohortDays: number;
}

function bounds(bench: BenchData, timeZone: string): Bounds {
  const calendar = library.resolveCalendar({ timeZone });
  const fromMs = library.parseInstant(bench.from, calendar);
  const toMs = library.parseInstant(bench.asOf, calendar);
  const asOfMs = library.parseAsOf(bench.asOf, calendar);
  const months = library.periodsBetween(fromMs, toMs, "month", calendar);
  const firstCohort = bench.months[0]?.from as string;
  const lastCohort = bench.months[bench.months.length - 1]?.to as string;
  const cohorts = library.periodsBetween(library.parseInstant(firstCohort, calendar), library.parseInstant(lastCohort, calendar), "month", calendar);
  // Local days from well before the first deal to well after asOf (cycle and cohort windows).
  const days = library.periodsBetween(library.parseInstant("2024-06-01", calendar), library.parseInstant("2027-03-01", calendar), "day", calendar);
  const monthEndMs = bench.monthEnds.map((end) => library.parseAsOf(end, calendar));
  // The scorecard (defaults: month grain, 3 baseline periods): the reviewed month is the one
  // before asOf's, its history the 4 months ending with it.
  const current = library.periodOf(asOfMs, "month", calendar);
  let start = current.startMs;
  for (let i = 0; i < 4; i++) start = library.periodOf(start - 1, "month", calendar).startMs;
  const scHistory = library.periodsBetween(start, current.startMs, "month", calendar);
  const scWithCurrent = library.periodsBetween(start, asOfMs, "month", calendar);
  const reviewedEnd = scHistory[scHistory.length - 1]?.endMs as number;
  let age = 0;
  while (age < 30 && addLocalDays(reviewedEnd, age + 1, calendar.timeZone) <= asOfMs) age++;
  return { calendar, fromMs, toMs, asOfMs, months, cohorts, days, monthEndMs, scHistory, scWithCurrent, scCohortDays: age };
}

/** Writes the boundary tables of one time zone into DuckDB. */
async function boundaryTables(side: DuckSide, b: Bounds): Promise<void> {
  const hours = [
    await boundaryTable(side, "p_months", b.months),
    await boundaryTable(side, "p_cohorts", b.cohorts),
    await boundaryTable(side, "days", b.days, { name: "deadline_ms", values: b.days.map((_, i) => b.days[i + 31]?.startMs ?? Number.MAX_SAFE_INTEGER) }),
    // The scorecard judges every cohort at the reviewed cohort's age (whole local days from its end to asOf), at most 30.
    await boundaryTable(side, "days_sc", b.days, { name: "deadline_ms", values: b.days.map((_, i) => b.days[i + b.scCohortDays + 1]?.startMs ?? Number.MAX_SAFE_INTEGER) }),
    await boundaryTable(side, "sc_history", b.scHistory),
    await boundaryTable(side, "sc_current", b.scWithCurrent),
  ];
  if (hours.includes(false)) throw new Error(`${b.calendar.timeZone}: a period boundary is not on a whole hour; the hour-key bucketing needs them to be`);
  await boundaryTable(side, "p_asofs", b.monthEndMs.map((ms) => ({ startMs: ms, endMs: ms })));
  await boundaryTable(side, "sc_ends", b.scHistory.map((p) => ({ startMs: p.endMs, endMs: p.endMs })));
}

/** The DuckDB queries behind the scorecard's 13 KPIs (aggregates only; the finishing is TypeScript's). */
async function duckScorecard(side: DuckSide, b: Bounds): Promise<unknown[]> {
  const start = b.scHistory[0]?.startMs as number;
  return [
    await query(side, activityCountsSql("sc_current", start, b.asOfMs)),
    await query(side, wonRevenueSql("sc_current", start, b.asOfMs)),
    await query(side, newCustomersSql("sc_current", start, b.asOfMs)),
    await query(side, weightedPipelineSql("sc_ends", true)),
    await query(side, closedDealsSql("sc_history", b.asOfMs)),
    await query(side, conversionSql("sc_history", ["mql", "sql", "quote", "customer"], "mql", "sql", b.asOfMs, true, "hour", "days_sc")),
  ];
}

/**
 * Compares the scorecard's per-rep history (the value of each KPI in each of its history
 * months) with DuckDB's aggregates for the same periods, finished in TypeScript the way
 * DESIGN §12 says: additive values as they are, ratios as `ratio(numerator, denominator)`.
 */
function checkScorecard(card: library.Scorecard, results: readonly unknown[], ownerName: (code: string) => string, typeName: (code: string) => string): string {
  const [activities, won, customers, weighted, closed, conversion] = results as string[][][];
  const cells = new Map<string, string>(); // "kpi|rep|period idx" → value
  const add = (kpi: string, rep: string, idx: string, value: string) => {
    const key = `${kpi}|${rep}|${idx}`;
    cells.set(key, library.toDecimal(cells.get(key) ?? "0").plus(library.toDecimal(value)).toString());
  };
  const byType: Record<string, string> = { call: "calls", email: "emails", "first-meeting": "first-meetings", proposal: "qualified-proposals", "training-hour": "training-hours" };
  const meetings = new Set(["meeting", "first-meeting", "follow-up-meeting"]);
  for (const [idx, owner, type, count] of activities ?? []) {
    const t = typeName(type as string);
    const rep = ownerName(owner as string);
    const kpi = byType[t];
    if (kpi !== undefined) add(kpi, rep, idx as string, count as string);
    if (meetings.has(t)) add("meetings|n", rep, idx as string, count as string);
    if (t === "call") add("meetings|d", rep, idx as string, count as string);
  }
  for (const [idx, owner, sum] of won ?? []) add("new-revenue-per-month", ownerName(owner as string), idx as string, sum as string);
  for (const [idx, owner, count] of customers ?? []) add("new-customers", ownerName(owner as string), idx as string, count as string);
  for (const [idx, owner, sum] of weighted ?? []) add("weighted-pipeline-value", ownerName(owner as string), idx as string, sum as string);
  for (const [idx, owner, w, l, amount, days] of closed ?? []) {
    const rep = ownerName(owner as string);
    add("win|n", rep, idx as string, w as string);
    add("win|d", rep, idx as string, String(Number(w) + Number(l)));
    if (amount !== "") add("size|n", rep, idx as string, amount as string);
    if (days !== "") add("cycle|n", rep, idx as string, days as string);
  }
  for (const [idx, owner, entered, converted] of conversion ?? []) {
    add("conv|n", ownerName(owner as string), idx as string, converted as string);
    add("conv|d", ownerName(owner as string), idx as string, entered as string);
  }
  const get = (kpi: string, rep: string, i: number) => cells.get(`${kpi}|${rep}|${i}`) ?? "0";
  const expected = (kpi: string, rep: string, i: number): string | null => {
    const r = (n: string, d: string) => library.ratio(get(n, rep, i), get(d, rep, i)).value?.toString() ?? null;
    switch (kpi) {
      case "meetings-per-call":
        return r("meetings|n", "meetings|d");
      case "win-rate":
        return r("win|n", "win|d");
      case "average-deal-size":
        return library.ratio(get("size|n", rep, i), get("win|n", rep, i)).value?.toString() ?? null;
      case "sales-cycle":
        return library.ratio(get("cycle|n", rep, i), get("win|n", rep, i)).value?.toString() ?? null;
      case "conversion-lead-sql":
        return r("conv|n", "conv|d");
      default:
        return library.toDecimal(get(kpi, rep, i)).toString();
    }
  };
  let compared = 0;
  const diffs: string[] = [];
  for (const rep of card.reps) {
    for (const cell of rep.cells) {
      cell.history.forEach((value, i) => {
        compared++;
        const want = expected(cell.kpiId, rep.id, i);
        const have = value === null ? null : value.toString();
        if (want !== have) diffs.push(`${cell.kpiId} ${rep.id} ${card.history[i]?.label}: scorecard ${have}, DuckDB ${want}`);
      });
    }
  }
  return diffs.length === 0 ? `equal (${compared} rep × KPI × month history values)` : `${diffs.length} of ${compared} history values differ, e.g. ${diffs.slice(0, 3).join("; ")}`;
}

export interface SideBySideOptions {
  readonly scale: number;
  readonly runs: number;
  readonly threads: number;
  readonly timeZones: readonly string[];
  readonly log?: (line: string) => void;
}

export interface SideBySideResult {
  readonly rows: readonly SideBySideRow[];
  /** The typed-array "limit" loop against the library's measure pass, per time zone. */
  readonly limits: ReadonlyArray<{ readonly timeZone: string; readonly rows: readonly LimitRow[]; readonly checked: string }>;
  readonly notes: readonly string[];
}

export async function sideBySide(options: SideBySideOptions): Promise<SideBySideResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { runs } = options;
  const bench = generateBenchData({ scale: options.scale });
  const euro = inEuro(bench);
  const side = await openDuckDb(options.threads);
  const rows: SideBySideRow[] = [];
  const notes: string[] = [];
  const limits: Array<{ timeZone: string; rows: LimitRow[]; checked: string }> = [];
  try {
    log(`side by side @${options.scale}: loading DuckDB…`);
    let dict: Dictionaries | undefined;
    const csvDir = join(tmpdir(), "sales-kpi-bench", "duckdb-load");
    const loads = {
      appender: () => loadDuckDb(side, bench.data, euro.deals, bench.rates.USD as string),
      csv: () => loadDuckDbViaCsv(side, bench.data, euro.deals, bench.rates.USD as string, csvDir),
    };
    const appenderLoad = await time(async () => (dict = await loads.appender()), Math.min(runs, 3));
    // Loaded last, so the figures below run on (and check) the CSV-loaded tables.
    const csvLoad = await time(async () => (dict = await loads.csv()), Math.min(runs, 3));
    const dictionaries = dict as Dictionaries;
    const loadWay = csvLoad.ms < appenderLoad.ms ? "csv" : "appender";
    const load = loadWay === "csv" ? csvLoad : appenderLoad;
    notes.push(
      `DuckDB load from the raw rows, two ways: Appender (data chunks of 2048 rows from typed arrays; owners/types dictionary-encoded, ISO strings parsed with Date.parse in JS) ${appenderLoad.ms.toFixed(0)} ms wall / ${appenderLoad.cpuMs.toFixed(0)} ms CPU; ` +
        `CSV files written to ${csvDir} + read_csv with explicit types (DuckDB parses instants and decimals) ${csvLoad.ms.toFixed(0)} ms wall / ${csvLoad.cpuMs.toFixed(0)} ms CPU. The raw-rows rows use the faster: ${loadWay}.`,
    );
    const ownerName = (code: string) => dictionaries.owners[Number(code)] ?? code;
    const typeName = (code: string) => dictionaries.types[Number(code)] ?? code;
    const types = [...dictionaries.types];

    for (const timeZone of options.timeZones) {
      const b = bounds(bench, timeZone);
      log(`  ${timeZone}: preparing…`);
      const prepare = await time(() => preparedRows(library.prepareKpiData(bench.data, { calendar: b.calendar })), Math.min(runs, 3));
      const prepared = prepare.result;
      const preparedEur = withRows(prepared, { deals: preparedRows(library.prepareKpiData({ pipeline: euro.pipeline, reps: euro.reps, deals: euro.deals }, { calendar: b.calendar })).deals });
      // Every library run starts cold: no cube or deal states memoised by an earlier run (one
      // call shares them between its KPIs; a second call would not pay for them at all).
      const cold = () => {
        forgetActivityCubes(prepared.activityColumns);
        forgetDealStates(prepared.deals);
        forgetDealStates(preparedEur.deals);
      };
      await boundaryTables(side, b);
      log(`  ${timeZone}: typed-array limit…`);
      limits.push({ timeZone, ...limitBench(prepared, b.calendar, bench.from, bench.asOf, runs) });
      const context: lib.LibraryContext = {
        calendar: b.calendar,
        prepared,
        preparedEur,
        from: bench.from,
        to: bench.asOf,
        asOf: bench.asOf,
        months: b.cohorts,
        monthEnds: bench.monthEnds,
        types,
        rates: bench.rates,
      };
      const monthLabel = (idx: string) => b.months[Number(idx)]?.label ?? idx;
      const cohortLabel = (idx: string) => b.cohorts[Number(idx)]?.label ?? idx;

      type Figure = {
        name: string;
        library: () => unknown;
        canonLibrary: (result: never) => Map<string, string>;
        duck: ReadonlyArray<{ variant: string; sql: string }>;
        canonDuck: (rows: string[][]) => Map<string, string>;
      };
      const canonRows = (key: (row: string[]) => string[], values: ReadonlyArray<[string, number]>) => (result: string[][]) => {
        const out = new Map<string, string>();
        for (const row of result) {
          const k = key(row).join("|");
          for (const [name, column] of values) {
            const v = lib.canonDecimal(row[column] ?? "");
            if (v !== "0" && v !== "") out.set(name === "" ? k : `${k}|${name}`, v);
          }
        }
        return out;
      };
      const bucketings = (sql: (strategy: Bucketing) => string) => [
        { variant: "hour-key hash join", sql: sql("hour") },
        { variant: "ASOF join on boundaries", sql: sql("asof") },
      ];
      const figures: Figure[] = [
        {
          name: "won revenue by owner per month (25 months)",
          library: () => lib.wonRevenue(context),
          canonLibrary: lib.canonWonRevenue as never,
          duck: bucketings((s) => wonRevenueSql("p_months", b.fromMs, b.toMs, s)),
          canonDuck: canonRows((r) => [monthLabel(r[0] as string), ownerName(r[1] as string)], [["", 2]]),
        },
        {
          name: "cohort conversion mql→sql (30-day window) by owner, 12 months",
          library: () => lib.cohortConversion(context),
          canonLibrary: lib.canonConversion as never,
          duck: bucketings((s) => conversionSql("p_cohorts", ["mql", "sql"], "mql", "sql", b.asOfMs, true, s)),
          canonDuck: canonRows((r) => [cohortLabel(r[0] as string), ownerName(r[1] as string)], [["entered", 2], ["converted", 3]]),
        },
        {
          name: "win rate, cycle, deal size by owner, 12 months",
          library: () => lib.closedDealFigures(context),
          canonLibrary: lib.canonClosedDeals as never,
          duck: bucketings((s) => closedDealsSql("p_cohorts", b.asOfMs, s)),
          canonDuck: canonRows(
            (r) => [cohortLabel(r[0] as string), ownerName(r[1] as string)],
            [["won", 2], ["lost", 3], ["wonAmount", 4], ["wonCount", 2], ["cycleDays", 5], ["cycleCount", 2]],
          ),
        },
        {
          name: "activity counts by owner × type × month (25 months)",
          library: () => lib.activityCounts(context),
          canonLibrary: lib.canonActivityCounts as never,
          duck: bucketings((s) => activityCountsSql("p_months", b.fromMs, b.toMs, s)),
          canonDuck: canonRows((r) => [monthLabel(r[0] as string), ownerName(r[1] as string), typeName(r[2] as string)], [["", 3]]),
        },
        {
          name: "weighted pipeline by owner as of 12 month-ends",
          library: () => lib.weightedPipeline(context),
          canonLibrary: ((r: ReturnType<typeof lib.weightedPipeline>) => lib.canonWeighted(r, bench.monthEnds)) as never,
          duck: [
            { variant: "ASOF join on history", sql: weightedPipelineSql("p_asofs") },
            { variant: "arg_max over history", sql: weightedPipelineArgMaxSql("p_asofs") },
          ],
          canonDuck: canonRows((r) => [bench.monthEnds[Number(r[0])] as string, ownerName(r[1] as string)], [["weighted", 2], ["deals", 3]]),
        },
      ];

      for (const figure of figures) {
        log(`  ${timeZone}: ${figure.name}…`);
        const libTimed = await time(() => (cold(), figure.library()), runs);
        let best: { ms: number; cpuMs: number; variant: string; result: string[][] } | undefined;
        const variantTimes: string[] = [];
        for (const { variant, sql } of figure.duck) {
          const timed = await time(() => query(side, sql), runs);
          variantTimes.push(`${variant} ${timed.ms.toFixed(1)} ms`);
          if (best === undefined || timed.ms < best.ms) best = { ms: timed.ms, cpuMs: timed.cpuMs, variant, result: timed.result };
        }
        const chosen = best as { ms: number; cpuMs: number; variant: string; result: string[][] };
        const check = compare(figure.canonLibrary(libTimed.result as never), figure.canonDuck(chosen.result));
        if (figure.duck.length > 1) notes.push(`${timeZone}, ${figure.name}: DuckDB variants ${variantTimes.join(", ")}`);
        rows.push({ figure: figure.name, timeZone, libraryMs: libTimed.ms, duckMs: chosen.ms, libraryCpuMs: libTimed.cpuMs, duckCpuMs: chosen.cpuMs, duckVariant: chosen.variant, check });
      }

      log(`  ${timeZone}: scorecard…`);
      const kpis = scorecardKpis();
      const card = await time(() => (cold(), library.scorecard(preparedEur, { kpis, asOf: bench.asOf, calendar: b.calendar })), runs);
      const duckCard = await time(() => duckScorecard(side, b), runs);
      rows.push({
        figure: "scorecard, 13 KPIs × 200 reps (prepared data) vs its aggregate queries",
        timeZone,
        libraryMs: card.ms,
        duckMs: duckCard.ms,
        libraryCpuMs: card.cpuMs,
        duckCpuMs: duckCard.cpuMs,
        check: checkScorecard(card.result, duckCard.result, ownerName, typeName),
      });
      rows.push({
        figure: "prepareKpiData (all rows) vs DuckDB load",
        timeZone,
        libraryMs: prepare.ms,
        duckMs: load.ms,
        libraryCpuMs: prepare.cpuMs,
        duckCpuMs: load.cpuMs,
        duckVariant: `load (${loadWay})`,
        check: "n/a",
      });

      log(`  ${timeZone}: scorecard from raw rows…`);
      const rawRuns = Math.max(1, Math.min(runs, 3));
      const rawCard = await time(() => library.scorecard(euro, { kpis, asOf: bench.asOf, calendar: b.calendar }), rawRuns);
      const rawDuck = await time(async () => {
        await loads[loadWay]();
        await boundaryTables(side, b);
        return duckScorecard(side, b);
      }, rawRuns);
      rows.push({
        figure: "scorecard from raw rows (prepare included) vs DuckDB load + queries",
        timeZone,
        libraryMs: rawCard.ms,
        duckMs: rawDuck.ms,
        libraryCpuMs: rawCard.cpuMs,
        duckCpuMs: rawDuck.cpuMs,
        check: checkScorecard(rawCard.result, rawDuck.result, ownerName, typeName),
      });
    }
  } finally {
    side.close();
  }
  return { rows, notes, limits };
}

export function formatSideBySide(result: SideBySideResult, options: SideBySideOptions): string {
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const header = ["figure", "zone", "library", "DuckDB", "library ÷ DuckDB", "CPU: library", "CPU: DuckDB", "CPU ratio", "same numbers"];
  const body = result.rows.map((row) => [
    row.figure,
    row.timeZone,
    `${fmt(row.libraryMs)} ms`,
    `${fmt(row.duckMs)} ms`,
    `${(row.libraryMs / row.duckMs).toFixed(2)}×`,
    `${fmt(row.libraryCpuMs)} ms`,
    `${fmt(row.duckCpuMs)} ms`,
    `${(row.libraryCpuMs / row.duckCpuMs).toFixed(2)}×`,
    row.check,
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...body.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  return [
    `Side by side at ${(1_000_000 * options.scale).toLocaleString("en-US")} activities: library vs DuckDB ${"(in-process, @duckdb/node-api)"} with ${options.threads} threads, median of at least ${options.runs} runs after a warm-up of up to 5 runs (3 s)${(globalThis as { gc?: unknown }).gc === undefined ? "" : " and a full collection before it"} (more while they take under 1 s in all, up to 15; wall time, and CPU time of the process: all DuckDB threads summed)`,
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
    ...result.notes.map((note) => `note: ${note}`),
    "",
    "The limit: a plain typed-array loop doing the same group-by as one measure pass (count and Σ quantity per owner × month):",
    ...result.limits.flatMap((limit) => [
      ...limit.rows.map((row) => `  ${limit.timeZone}: ${row.name}: ${fmt(row.ms)} ms CPU (${fmt(row.wallMs)} ms wall)`),
      `  ${limit.timeZone}: library ÷ fastest typed-array loop: ${limitRatio(limit.rows, "wallMs")}× in wall time, ${limitRatio(limit.rows, "ms")}× in CPU time (the process's: the collector's helper threads included); loop result vs library: ${limit.checked}`,
    ]),
  ].join("\n");
}

// Run directly (`npx tsx bench/side-by-side.ts`, or `node scripts/run-bundled.mjs bench/side-by-side.ts`), not when
// bundled into `npm run bench`, whose bundle shares one import.meta.url.
if (/[\\/_]side-by-side\.(ts|mjs)$/.test(process.argv[1] ?? "")) {
  const [scaleText = "1", runsText = "5"] = process.argv.slice(2);
  const options = { scale: Number(scaleText), runs: Number(runsText), threads: 2, timeZones: ["UTC", "Europe/Amsterdam"] };
  const result = await sideBySide(options);
  console.log(formatSideBySide(result, options));
}

/** The library's measure pass ÷ the fastest typed-array loop, in wall or CPU time (the loops are single-threaded: both the same for them). */
function limitRatio(rows: readonly LimitRow[], field: "ms" | "wallMs"): string {
  const library = rows[rows.length - 1]?.[field] ?? 0;
  return (library / Math.min(...rows.filter((row) => row.name.startsWith("typed")).map((row) => row[field]))).toFixed(1);
}
