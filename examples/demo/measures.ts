import type { SampleData } from "../../src/cli/sample-data.js";
import {
  profileKpiData,
  catalogKpi,
  classifyIndicator,
  type KpiDecimal,
  measureTotals,
  parseAsOf,
  periodOf,
  prepareKpiData,
  resolveCalendar,
} from "../../src/index.js";

/** The KPIs of the table: two action, two result and one insight KPI from the catalog. */
const KPI_IDS = ["calls", "meetings", "qualified-proposals", "new-revenue-per-month", "units-sold-per-period", "meetings-per-call"] as const;

function format(value: KpiDecimal | null, unit: string): string {
  if (value === null) return "–";
  if (unit === "ratio" || unit === "number") return value.toFixed(2);
  if (unit === "currency") return `€${value.toFixed(0)}`;
  return value.toString();
}

/**
 * Demo section for measures: per rep, action, result and insight KPIs for the last
 * complete month before the sample's `asOf`, with each KPI's kind and lead/lag class.
 */
export function measuresDemo(sample: SampleData): string {
  const calendar = resolveCalendar(sample.calendar);
  const data = prepareKpiData(sample.data, { calendar });
  const asOf = parseAsOf(sample.asOf, calendar);
  const month = periodOf(periodOf(asOf - 1, "month", calendar).startMs - 1, "month", calendar);
  const kpis = KPI_IDS.map((id) => catalogKpi(id));
  const columns = kpis.map((kpi) => {
    const totals = measureTotals(data, kpi.measure, { from: month.start, to: month.end, groupBy: "owner" });
    const values = new Map(totals.byGroup.map((t) => [t.group ?? "", format(t.value, kpi.unit)]));
    values.set("team", format(totals.total.value, kpi.unit));
    return { kpi, indicator: classifyIndicator(kpi).indicator, values };
  });
  const reps = profileKpiData(data).reps.map((rep) => rep.id).sort();
  const header = ["rep", ...columns.map((c) => c.kpi.labels.en)];
  const kinds = ["", ...columns.map((c) => `${c.kpi.kind}/${c.indicator}`)];
  const rows = [...reps, "team"].map((rep) => [rep, ...columns.map((c) => c.values.get(rep) ?? "0")]);
  const table = [header, kinds, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [
    `Measures — ${month.label} (last complete month), per rep; kind/lead-lag under each KPI`,
    line(header),
    line(kinds),
    ...rows.map(line),
  ].join("\n");
}
