import { CliError } from "./cli-error.js";
import { kpiCatalog } from "../kpi/kpi-catalog.js";
import type { KpiDefinition } from "../kpi/kpi-definition.js";
import { kpiSources } from "../kpi/kpi-sources.js";
import type { PreparedKpiData } from "../model/prepared.js";

/**
 * The KPIs the CLI puts on a scorecard when `--kpis` is not given, in this order; the ones
 * whose data is missing (no activities, deals or leads) are left out.
 */
export const DEFAULT_SCORECARD_KPIS: readonly string[] = [
  "first-meetings",
  "qualified-proposals",
  "new-revenue-per-month",
  "weighted-pipeline-value",
  "win-rate",
  "sales-cycle",
  "training-hours",
];

function sourcesOf(kpi: KpiDefinition): Set<string> {
  return new Set(kpiSources(kpi.measure));
}

/**
 * The catalog KPIs for a scorecard: the ids asked for (`--kpis`, comma separated; an unknown
 * id is an error that lists the known ones), or the default set reduced to the KPIs whose
 * data is present.
 */
export function chooseKpis(ids: readonly string[] | undefined, prepared: PreparedKpiData): KpiDefinition[] {
  const byId = new Map(kpiCatalog.map((kpi) => [kpi.id, kpi]));
  if (ids !== undefined && ids.length > 0) {
    return ids.map((id) => {
      const kpi = byId.get(id);
      if (kpi === undefined) throw new CliError(`--kpis: unknown KPI "${id}"; known: ${[...byId.keys()].join(", ")}`);
      return kpi;
    });
  }
  const present = new Set<string>();
  if (prepared.activities.length > 0) present.add("activities");
  if (prepared.deals.length > 0) present.add("deals");
  if (prepared.leads.length > 0) present.add("leads");
  const chosen = DEFAULT_SCORECARD_KPIS.flatMap((id) => {
    const kpi = byId.get(id);
    return kpi !== undefined && [...sourcesOf(kpi)].every((source) => present.has(source)) ? [kpi] : [];
  });
  if (chosen.length === 0) throw new CliError("no data for any KPI: give --deals, --activities or --leads with rows");
  return chosen;
}
