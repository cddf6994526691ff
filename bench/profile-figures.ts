// Profiling helper for the side-by-side figures (not part of the suite). Profiles ONLY the
// figure's runs (the inspector's profiler is started after generation and preparation):
//   node scripts/run-bundled.mjs bench/profile-figures.ts <figure> [scale] [runs] [timeZone]   writes /tmp/sales-kpi-<figure>.cpuprofile
//   npx tsx bench/profile-summary.ts /tmp/sales-kpi-<figure>.cpuprofile   self time by function and by file
// (or open the .cpuprofile in Chrome DevTools / speedscope)
// figures: won-revenue, conversion, closed-deals, activity-counts, weighted, scorecard, scorecard-raw, prepare
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import * as library from "../src/index.js";
import { forgetActivityCubes } from "../src/measure/activity-cube.js";
import { forgetDealStates } from "../src/model/deal-state-at.js";
import { preparedRows, withRows } from "../src/model/prepared.js";
import { generateBenchData } from "./generate.js";
import * as lib from "./library-side.js";
import { inEuro } from "./side-by-side.js";

const [figure = "closed-deals", scaleText = "1", runsText = "5", timeZone = "Europe/Amsterdam"] = process.argv.slice(2);
const bench = generateBenchData({ scale: Number(scaleText) });
const euro = inEuro(bench);
const calendar = library.resolveCalendar({ timeZone });
const prepared = preparedRows(library.prepareKpiData(bench.data, { calendar }));
const preparedEur = withRows(prepared, { deals: preparedRows(library.prepareKpiData({ pipeline: euro.pipeline, reps: euro.reps, deals: euro.deals }, { calendar })).deals });
const first = bench.months[0]?.from as string;
const last = bench.months[bench.months.length - 1]?.to as string;
const context: lib.LibraryContext = {
  calendar,
  prepared,
  preparedEur,
  from: bench.from,
  to: bench.asOf,
  asOf: bench.asOf,
  months: library.periodsBetween(library.parseInstant(first, calendar), library.parseInstant(last, calendar), "month", calendar),
  monthEnds: bench.monthEnds,
  types: ["call", "email", "meeting", "first-meeting", "follow-up-meeting", "proposal", "training-hour", "coaching-session"],
  rates: bench.rates,
};
const kpiIds = ["calls", "emails", "first-meetings", "qualified-proposals", "meetings-per-call", "new-customers", "new-revenue-per-month", "weighted-pipeline-value", "win-rate", "sales-cycle", "average-deal-size", "conversion-lead-sql", "training-hours"];
const kpis = library.kpiCatalog.filter((kpi) => kpiIds.includes(kpi.id));
const figures: Record<string, () => unknown> = {
  "won-revenue": () => lib.wonRevenue(context),
  conversion: () => lib.cohortConversion(context),
  "closed-deals": () => lib.closedDealFigures(context),
  "activity-counts": () => lib.activityCounts(context),
  weighted: () => lib.weightedPipeline(context),
  scorecard: () => library.scorecard(preparedEur, { kpis, asOf: bench.asOf, calendar }),
  "scorecard-raw": () => library.scorecard(euro, { kpis, asOf: bench.asOf, calendar }),
  prepare: () => library.prepareKpiData(euro, { calendar }),
};
const chosen = figures[figure];
// Every run starts cold: no cube or deal states memoised by the warm-up or an earlier run.
const run =
  chosen === undefined
    ? undefined
    : () => {
        forgetActivityCubes(prepared.activityColumns);
        forgetDealStates(prepared.deals);
        forgetDealStates(preparedEur.deals);
        return chosen();
      };
if (run === undefined) throw new Error(`unknown figure ${figure}; one of ${Object.keys(figures).join(", ")}`);
run(); // warm-up, not profiled
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
const samples: number[] = [];
for (let i = 0; i < Number(runsText); i++) {
  const start = performance.now();
  run();
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const { profile } = await session.post("Profiler.stop");
const out = `/tmp/sales-kpi-${figure}.cpuprofile`;
writeFileSync(out, JSON.stringify(profile));
console.log(`${figure} @${scaleText} ${timeZone}: ${runsText} runs, best ${samples[0]?.toFixed(2)} ms, median ${samples[samples.length >> 1]?.toFixed(2)} ms (profiled); profile in ${out}`);
