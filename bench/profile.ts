// Profiling helper (not part of the suite): node --cpu-prof --import tsx bench/profile.ts <scale> <op> [runs]
// ops: won, closed, pipeline-kpi, cohort, activity-counts, prepare, prepare-activities, prepare-deals, series, baseline, weighted, scorecard (prepared data), scorecard-raw
import * as library from "../src/index.js";
import { forgetActivityCubes } from "../src/measure/activity-cube.js";
import { forgetDealStates } from "../src/model/deal-state-at.js";
import { preparedRows } from "../src/model/prepared.js";
import { BENCH_SCORECARD_KPIS, generateBenchData } from "./generate.js";
const [scaleText = "0.1", only = "scorecard", runsText = "3"] = process.argv.slice(2);
// BENCH_ZONE=UTC profiles in another zone than the generated data's (Europe/Amsterdam).
const generated = generateBenchData({ scale: Number(scaleText), usdShare: 0 });
const bench = process.env.BENCH_ZONE === undefined ? generated : { ...generated, calendar: { timeZone: process.env.BENCH_ZONE } };
const prepared = preparedRows(library.prepareKpiData(bench.data, { calendar: bench.calendar }));
const calls = { kind: "count", source: "activities", where: { type: "call" } } as const;
const scorecardKpiIds = BENCH_SCORECARD_KPIS;
const asOfMonth = library.periodOf(library.parseAsOf(bench.asOf, bench.calendar), "month", bench.calendar);
const reviewedMonthStart = library.periodOf(asOfMonth.startMs - 1, "month", bench.calendar).start.slice(0, 10);
const ops: Record<string, () => unknown> = {
  prepare: () => library.prepareKpiData(bench.data, { calendar: bench.calendar }),
  // One collection at a time (reps included: they give rows their team).
  "prepare-activities": () => library.prepareKpiData({ reps: bench.data.reps, activities: bench.data.activities }, { calendar: bench.calendar }),
  "prepare-deals": () => library.prepareKpiData({ pipeline: bench.data.pipeline, reps: bench.data.reps, deals: bench.data.deals }, { calendar: bench.calendar }),
  "scorecard-raw": () =>
    library.scorecard(bench.data, { kpis: library.kpiCatalog.filter((kpi) => scorecardKpiIds.includes(kpi.id)), asOf: bench.asOf, calendar: bench.calendar }),
  series: () => library.measureSeries(prepared, { kind: "count", source: "activities" }, { from: bench.from, to: bench.asOf, grain: "month", groupBy: "owner" }),
  baseline: () => {
    const series = library.measureSeries(prepared, calls, { from: bench.from, to: bench.asOf, grain: "month", groupBy: "owner" });
    return prepared.reps.map((rep) => library.baseline(series, { asOf: bench.asOf, calendar: bench.calendar, group: rep.id }));
  },
  won: () =>
    library.measureSeries(prepared, { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } }, { from: bench.from, to: bench.asOf, grain: "month", groupBy: "owner" }),
  closed: () =>
    ["win-rate", "average-deal-size", "sales-cycle"].map((id) =>
      library.kpiSeries(prepared, library.catalogKpi(id), { from: bench.from, to: bench.asOf, grain: "month", groupBy: "owner", asOf: bench.asOf, missingAmount: "skip" }),
    ),
  cohort: () =>
    library.kpiSeries(prepared, { ...library.catalogKpi("conversion-lead-sql"), conversion: { from: "mql", to: "sql", windowDays: 30 } }, { from: bench.from, to: bench.asOf, grain: "month", groupBy: "owner", asOf: bench.asOf }),
  "activity-counts": () =>
    library.kpiSeries(prepared, { ...library.catalogKpi("calls"), id: "activities", measure: { kind: "count", source: "activities" } }, { from: bench.from, to: bench.asOf, grain: "month", groupBy: ["owner", "type"] }),
  "pipeline-kpi": () =>
    library.kpiSeries(prepared, library.catalogKpi("weighted-pipeline-value"), { from: bench.from, to: bench.asOf, grain: "month", groupBy: "owner", asOf: bench.asOf, missingAmount: "skip" }),
  weighted: () => bench.monthEnds.map((asOf) => library.weightedPipelineValue(prepared, { asOf })),
  // The same work as the 0.1 scorecard: a plan that starts at the reviewed month (baseline = the 3 months before it).
  "scorecard-recent": () =>
    library.scorecard(prepared, {
      kpis: library.kpiCatalog.filter((kpi) => scorecardKpiIds.includes(kpi.id)),
      asOf: bench.asOf,
      calendar: bench.calendar,
      programStart: reviewedMonthStart,
    }),
  scorecard: () =>
    library.scorecard(prepared, {
      kpis: library.kpiCatalog.filter((kpi) => scorecardKpiIds.includes(kpi.id)),
      asOf: bench.asOf,
      calendar: bench.calendar,
    }),
};
const chosen = ops[only];
// Every run starts cold: no cube or deal states memoised by an earlier run.
const op =
  chosen === undefined
    ? undefined
    : () => {
        forgetActivityCubes(prepared.activityColumns);
        forgetDealStates(prepared.deals);
        return chosen();
      };
if (op === undefined) throw new Error(`unknown op ${only}`);
let minWall = Infinity;
let minCpu = Infinity;
const walls: number[] = [];
for (let i = 0; i < Number(runsText); i++) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  op();
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - t;
  walls.push(wall);
  minWall = Math.min(minWall, wall);
  minCpu = Math.min(minCpu, (used.user + used.system) / 1000);
}
const medianWall = [...walls].sort((a, b) => a - b)[walls.length >> 1] ?? Number.NaN;
const digits = minWall < 100 ? 2 : 0;
console.log(`${only} @${scaleText} (${bench.calendar.timeZone}): min ${minWall.toFixed(digits)} ms wall, median ${medianWall.toFixed(digits)} ms, min ${minCpu.toFixed(digits)} ms cpu over ${runsText} runs`);
