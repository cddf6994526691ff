import type { SampleData } from "../../src/cli/sample-data.js";
import { kpiCatalog, scorecard, toTerminal } from "../../src/index.js";

/** The KPIs of the sample team's monthly review: actions, results and two insight KPIs. */
const KPI_IDS = [
  "first-meetings",
  "qualified-proposals",
  "new-revenue-per-month",
  "weighted-pipeline-value",
  "win-rate",
  "sales-cycle",
  "training-hours",
];

/**
 * Demo section for the scorecard: the team part of the monthly scorecard (the last complete
 * month against its three-month baseline, target +10 %, trend and pace), the reps on track and
 * at target, the leaderboards and the KPI-set audit, as the terminal shows it without colours.
 * `npx sales-kpi demo` prints the same with a table per rep.
 */
export function scorecardDemo(sample: SampleData): string {
  const kpis = KPI_IDS.map((id) => kpiCatalog.find((kpi) => kpi.id === id)).filter((kpi) => kpi !== undefined);
  const card = scorecard(sample.data, { kpis, asOf: sample.asOf, calendar: sample.calendar, title: "Scorecard of the sample team" });
  return toTerminal(card, { color: false, reps: false }).trimEnd();
}
