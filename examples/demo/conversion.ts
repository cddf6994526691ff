import type { SampleData } from "../../src/cli/sample-data.js";
import {
  closeRate,
  conversionRate,
  funnel,
  type KpiDecimal,
  parseAsOf,
  periodOf,
  prepareKpiData,
  type Ratio,
  repTurnover,
  resolveCalendar,
  returnedLeads,
  standardConversions,
  standardFunnelSteps,
} from "../../src/index.js";

const percent = (value: KpiDecimal | null): string => (value === null ? "–" : `${value.times(100).toFixed(1)}%`);
const ratioText = (r: Ratio | null): string => (r === null ? "" : `${percent(r.value)} (${r.numerator.toString()}/${r.denominator.toString()})`);

/**
 * Demo section for the conversion KPIs: the marketing → sales → customer funnel of the
 * last complete quarter, the standard step conversions, close rate by source, returned
 * leads per month and rep turnover this year. Returns the text to print.
 */
export function conversionDemo(sample: SampleData): string {
  const calendar = resolveCalendar(sample.calendar);
  const data = prepareKpiData(sample.data, { calendar });
  const asOfMs = parseAsOf(sample.asOf, calendar);
  const currentQuarter = periodOf(asOfMs - 1, "quarter", calendar);
  const quarter = periodOf(currentQuarter.startMs - 1, "quarter", calendar);
  const period = { from: new Date(quarter.startMs), to: new Date(quarter.endMs) };
  const lines: string[] = [`Conversion — leads that became an MQL in ${quarter.label}, as of ${sample.asOf}`];

  const result = funnel(data, standardFunnelSteps, { period, asOf: sample.asOf, listSkippedSteps: true });
  lines.push("  funnel (a later step counts for the earlier ones):");
  for (const step of result.steps) {
    const from = step.fromPrevious === null ? "" : `  ← ${ratioText(step.fromPrevious)} of previous`;
    const implied = step.implied > 0 ? `  (${step.implied} implied by a later step)` : "";
    lines.push(`    ${step.step.padEnd(9)} ${String(step.count).padStart(4)}${from}${implied}`);
  }
  lines.push(`    overall   MQL → customer ${ratioText(result.overall)}; ${result.skippedSteps?.length ?? 0} leads skipped a recorded step`);

  lines.push("  cohort conversions within 60 days (mature = window closed for the whole cohort):");
  for (const [id, pair] of Object.entries(standardConversions)) {
    if (id === "close-rate") continue;
    const rate = conversionRate(data, { ...pair, period, windowDays: 60, asOf: sample.asOf, steps: standardFunnelSteps });
    lines.push(
      `    ${`${pair.from} → ${pair.to}`.padEnd(17)} ${ratioText(rate.ratio).padEnd(18)} open ${rate.open}, mature ${rate.mature ? "yes" : "no"}`,
    );
  }

  const close = closeRate(data, { period, asOf: sample.asOf, groupBy: "source" });
  lines.push(`  close rate (SQL → customer, no window): ${ratioText(close.ratio)}, still open ${close.open}`);
  for (const group of close.groups) lines.push(`    ${group.group?.padEnd(10)} ${ratioText(group.ratio)}`);

  const lastMonth = periodOf(currentQuarter.startMs - 1, "month", calendar);
  const returned = returnedLeads(data, { from: new Date(quarter.startMs), to: new Date(lastMonth.endMs), grain: "month" });
  lines.push(`  returned leads: ${returned.points.map((p) => `${p.period.label} ${p.value?.toString()}`).join(", ")}`);

  const year = periodOf(asOfMs - 1, "year", calendar);
  const turnover = repTurnover(data, { period: { from: new Date(year.startMs), to: new Date(Math.min(year.endMs, asOfMs)) } });
  lines.push(
    `  rep turnover ${year.label} so far: ${turnover.leavers} left, average headcount ${turnover.averageHeadcount.toString()} → ${percent(turnover.value)}`,
  );
  return lines.join("\n");
}
