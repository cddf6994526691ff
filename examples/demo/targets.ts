import type { SampleData } from "../../src/cli/sample-data.js";
import {
  attainment,
  type Baseline,
  catalogKpi,
  type KpiDecimal,
  measureBaseline,
  measureTotals,
  pace,
  parseAsOf,
  periodOf,
  prepareKpiData,
  quarterlyTargets,
  repsAtTarget,
  repsOnTrack,
  resolveCalendar,
  targetFromBaseline,
  type Attainment,
  type Pace,
} from "../../src/index.js";

const KPI_IDS = ["calls", "new-revenue-per-month"] as const;

function show(value: KpiDecimal | null, unit: string): string {
  if (value === null) return "–";
  return unit === "currency" ? `€${value.toFixed(0)}` : value.toFixed(1);
}

function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ").trimEnd());
}

/**
 * Demo section for baselines and targets: for calls and new revenue, the baseline of each rep
 * and the team over the last three complete months, the first target (+10 %), this month's
 * actual so far with attainment and pace, the counts of reps on track and at target, and
 * the team's revenue target split over the fiscal quarters.
 */
export function targetsDemo(sample: SampleData): string {
  const calendar = resolveCalendar(sample.calendar);
  const data = prepareKpiData(sample.data, { calendar });
  const asOfMs = parseAsOf(sample.asOf, calendar);
  const month = periodOf(asOfMs - 1, "month", calendar);
  const out: string[] = [];
  let revenueBaseline: Baseline | undefined;
  for (const id of KPI_IDS) {
    const kpi = catalogKpi(id);
    const baselines = measureBaseline(data, kpi.measure, { asOf: sample.asOf, grain: "month", periods: 3 });
    const actuals = measureTotals(data, kpi.measure, { from: month.start, to: new Date(asOfMs), groupBy: "owner" });
    const actualOf = new Map(actuals.byGroup.map((total) => [total.group, total.value]));
    const notes: string[] = [];
    const paces: Record<string, Pace> = {};
    const attainments: Record<string, Attainment> = {};
    const row = (name: string, base: Baseline, actual: KpiDecimal | null): string[] => {
      const target = targetFromBaseline(base, { uplift: 0.1, direction: kpi.direction });
      if (target.value === null || actual === null) {
        notes.push(`${name}: no baseline, so no target yet — ${base.reason ?? ""}`);
        return [name, "–", "–", show(actual, kpi.unit), "–", "–", "–"];
      }
      const result = attainment(actual, target.value, kpi.direction);
      const status = pace(actual, target.value, { periodStart: month.start, periodEnd: month.end, asOf: sample.asOf, direction: kpi.direction, calendar });
      if (name !== "team") {
        paces[name] = status;
        attainments[name] = result;
      }
      return [
        name,
        show(base.value, kpi.unit),
        show(target.value, kpi.unit),
        show(actual, kpi.unit),
        result.ratio === null ? "–" : `${result.ratio.times(100).toFixed(0)}%`,
        show(status.projected, kpi.unit),
        status.status,
      ];
    };
    const rows = [
      ["rep", "baseline", "target", `${month.label} so far`, "attained", "projected", "pace"],
      ...baselines.byGroup.map((group) => row(group.group, group.baseline, actualOf.get(group.group) ?? null)),
      row("team", baselines.team, actuals.total.value),
    ];
    const onTrack = repsOnTrack(paces);
    const atTarget = repsAtTarget(attainments);
    if (id === "new-revenue-per-month") revenueBaseline = baselines.team;
    const periods = baselines.team.periods.map((p) => p.label).join(", ");
    out.push(
      `${kpi.labels.en} — baseline = mean of ${periods}; first target = baseline + 10 %`,
      ...table(rows),
      ...notes,
      `of the ${onTrack.total} reps with a target: ${onTrack.count} on track or ahead, ${atTarget.count} at or above target already`,
      "",
    );
  }
  const monthly = revenueBaseline === undefined ? null : targetFromBaseline(revenueBaseline).value;
  const annual = monthly === null ? null : monthly.times(12);
  if (annual !== null) {
    const fiscalYear = periodOf(asOfMs, "year", { ...calendar, fiscalYearStartMonth: 4 });
    const year = Number(fiscalYear.label.slice(2)) + 1;
    const split = quarterlyTargets(annual.toDecimalPlaces(0), { year, fiscalYearStartMonth: 4, calendar });
    out.push(
      `Next fiscal year (April start): new revenue target €${annual.toFixed(0)} = 12 × (team baseline + 10 %), split equally`,
      split.quarters.map((q) => `${q.period.label} €${q.target.toFixed(2)}`).join("   "),
    );
  }
  return out.join("\n").trimEnd();
}
