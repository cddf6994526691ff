import type { SampleData } from "../../src/cli/sample-data.js";
import {
  averageDealSize,
  forecast,
  type KpiDecimal,
  parseAsOf,
  periodOf,
  pipelineCoverage,
  prepareKpiData,
  resolveCalendar,
  salesCycleLength,
  salesVelocity,
  weightedPipelineValue,
  winRate,
} from "../../src/index.js";

const money = (value: KpiDecimal | null): string => (value === null ? "–" : value.toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
const percent = (value: KpiDecimal | null): string => (value === null ? "–" : `${value.times(100).toFixed(1)}%`);

/**
 * Demo section for the pipeline KPIs: the weighted pipeline as of the sample's date by stage
 * and by owner (and how it stood at the end of last quarter), then the deal KPIs of the last
 * complete quarter and the forecast of the current one. Returns the text to print.
 */
export function pipelineDemo(sample: SampleData): string {
  const calendar = resolveCalendar(sample.calendar);
  const data = prepareKpiData(sample.data, { calendar });
  const asOfMs = parseAsOf(sample.asOf, calendar);
  const currentQuarter = periodOf(asOfMs - 1, "quarter", calendar);
  const lastQuarter = periodOf(currentQuarter.startMs - 1, "quarter", calendar);
  const options = { asOf: sample.asOf, missingAmount: "skip" as const, staleAfterDays: 30 };

  const pipeline = weightedPipelineValue(data, options);
  const currency = pipeline.currency ?? "";
  const lines: string[] = [`Pipeline — open deals as of ${sample.asOf} (${currency})`];
  lines.push(
    `  weighted ${money(pipeline.total)} of ${money(pipeline.unweightedTotal)} open in ${pipeline.dealCount} deals` +
      ` (won to date ${money(pipeline.won.total)} in ${pipeline.won.dealCount} deals and ${pipeline.lostCount} lost deals are not pipeline)`,
  );
  lines.push("  by stage:");
  for (const stage of pipeline.byStage) {
    lines.push(
      `    ${(stage.label ?? stage.stage).padEnd(14)} ${String(stage.dealCount).padStart(3)} deals  ${money(stage.unweightedTotal).padStart(10)} × ${percent(stage.probability).padStart(6)} → ${money(stage.total).padStart(10)}`,
    );
  }
  lines.push("  by owner:");
  for (const owner of pipeline.byOwner) {
    lines.push(`    ${owner.owner.padEnd(14)} ${String(owner.dealCount).padStart(3)} deals  weighted ${money(owner.total).padStart(10)}`);
  }
  lines.push(`  stale (no move for 30+ days, still counted): ${pipeline.stale?.dealIds.length ?? 0} deals; skipped: ${pipeline.skipped.length}`);
  const before = weightedPipelineValue(data, { ...options, asOf: new Date(lastQuarter.endMs), staleAfterDays: undefined });
  lines.push(`  as it stood at the end of ${lastQuarter.label}: weighted ${money(before.total)} in ${before.dealCount} deals`);

  const period = lastQuarter;
  const rate = winRate(data, { period, asOf: sample.asOf });
  const size = averageDealSize(data, { period, asOf: sample.asOf, missingAmount: "skip" });
  const cycle = salesCycleLength(data, { period, asOf: sample.asOf });
  const velocity = salesVelocity(data, { period, asOf: sample.asOf, missingAmount: "skip" });
  lines.push(`Deal KPIs — deals closed in ${period.label}`);
  lines.push(`  win rate ${percent(rate.value)} (${rate.won} won of ${rate.won + rate.lost} closed)`);
  lines.push(`  average deal size ${money(size.value)} (${size.dealCount} won deals)`);
  lines.push(
    `  sales cycle mean ${cycle.mean?.toDecimalPlaces(1).toString() ?? "–"} days, median ${cycle.median?.toString() ?? "–"} days (${cycle.count} deals)`,
  );
  lines.push(`  sales velocity ${money(velocity.value)} a day (${velocity.openDeals} open deals × win rate × deal size ÷ cycle)`);

  const outlook = forecast(data, { period: currentQuarter, asOf: sample.asOf, missingAmount: "skip" });
  lines.push(`Forecast ${currentQuarter.label}`);
  lines.push(
    `  won so far ${money(outlook.won.total)} + weighted open expected this quarter ${money(outlook.open.total)} (${outlook.open.dealCount} deals) = ${money(outlook.total)}` +
      `; ${outlook.lostInPeriod} lost deals left out, ${outlook.openWithoutExpectedClose} open deals without an expected close`,
  );
  const target = outlook.won.total.times(2);
  const coverage = pipelineCoverage(data, { period: currentQuarter, asOf: sample.asOf, target, missingAmount: "skip" });
  lines.push(
    `  coverage against an illustrative target of ${money(target)}: open pipeline ${money(coverage.pipeline.total)} ÷ remaining ${money(coverage.remaining)} = ${coverage.value?.toDecimalPlaces(2).toString() ?? "– (target met)"}×`,
  );
  return lines.join("\n");
}
