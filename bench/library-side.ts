// The library side of the side-by-side benchmark (bench/side-by-side.ts): each figure computed
// with the library's public functions, the way a caller (or the scorecard) does today. Each
// figure is ONE small function, so the evaluation can switch to `kpiSeries` in one place when
// it lands. `canon*` turn results into "key → exact string" maps for the equality check.
import * as library from "../src/index.js";
import type { KpiCalendar, KpiPeriod } from "../src/index.js";
import { type PreparedData as PreparedKpiData, withRows } from "../src/model/prepared.js";

/** Everything the library figures of one time zone share. */
export interface LibraryContext {
  readonly calendar: KpiCalendar;
  /** All data prepared in this calendar (deals in EUR and USD). */
  readonly prepared: PreparedKpiData;
  /** The same with the USD deals converted to EUR (for functions that take no rates). */
  readonly preparedEur: PreparedKpiData;
  /** measureSeries range: `[from, to)` date-only. */
  readonly from: string;
  readonly to: string;
  /** The as-of date of the data set (date-only: end of that local day). */
  readonly asOf: string;
  /** The 12 complete months before asOf (cohorts, win rate, cycle, deal size). */
  readonly months: readonly KpiPeriod[];
  /** The 12 month-ends (date-only) of the weighted pipeline. */
  readonly monthEnds: readonly string[];
  readonly types: readonly string[];
  readonly rates: Readonly<Record<string, string>>;
}

const WON_REVENUE = { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } } as const;

export function wonRevenue(context: LibraryContext) {
  return library.measureSeries(context.preparedEur, WON_REVENUE, { from: context.from, to: context.to, grain: "month", groupBy: "owner" });
}

export function cohortConversion(context: LibraryContext) {
  return context.months.map((month) =>
    library.conversionRate(context.prepared, { from: "mql", to: "sql", period: { from: month.start, to: month.end }, windowDays: 30, asOf: context.asOf, groupBy: "owner" }),
  );
}

/**
 * Win rate, deal size and cycle length per rep per month, as the scorecard computes them:
 * each rep's deals closed in the months split out once, then one call per rep, month and KPI.
 */
export function closedDealFigures(context: LibraryContext) {
  const first = context.months[0] as KpiPeriod;
  const last = context.months[context.months.length - 1] as KpiPeriod;
  const byOwner = new Map<string, PreparedKpiData["deals"][number][]>();
  for (const deal of context.preparedEur.deals) {
    const closed = deal.closedAt;
    if (closed === undefined || closed < first.startMs || closed >= last.endMs) continue;
    const list = byOwner.get(deal.owner);
    if (list === undefined) byOwner.set(deal.owner, [deal]);
    else list.push(deal);
  }
  const out: Array<{ month: string; owner: string; won: number; lost: number; size: ReturnType<typeof library.averageDealSize>; cycle: ReturnType<typeof library.salesCycleLength> }> = [];
  for (const rep of context.preparedEur.reps) {
    const data = withRows(context.preparedEur, { deals: byOwner.get(rep.id) ?? [] });
    for (const month of context.months) {
      const rate = library.winRate(data, { period: month, asOf: context.asOf });
      const size = library.averageDealSize(data, { period: month, asOf: context.asOf, missingAmount: "skip" });
      const cycle = library.salesCycleLength(data, { period: month, asOf: context.asOf });
      out.push({ month: month.label, owner: rep.id, won: rate.won, lost: rate.lost, size, cycle });
    }
  }
  return out;
}

/** Activity counts (Σ quantity) per owner × type × month: one measureSeries per type. */
export function activityCounts(context: LibraryContext) {
  return context.types.map((type) => ({
    type,
    series: library.measureSeries(context.prepared, { kind: "count", source: "activities", where: { type } }, { from: context.from, to: context.to, grain: "month", groupBy: "owner" }),
  }));
}

export function weightedPipeline(context: LibraryContext) {
  return context.monthEnds.map((asOf) => library.weightedPipelineValue(context.prepared, { asOf, currency: "EUR", rates: context.rates }));
}

// ---- canonical forms: "key → exact string"; zero cells are dropped (DuckDB returns none).

/** A decimal string without trailing fractional zeros ("12.50" → "12.5", "3.000" → "3"). */
export function canonDecimal(text: string): string {
  if (!text.includes(".") || /e/i.test(text)) return text;
  const trimmed = text.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}

type Canon = Map<string, string>;
const put = (map: Canon, key: string, value: string) => {
  const v = canonDecimal(value);
  if (v !== "0" && v !== "") map.set(key, v);
};

export function canonWonRevenue(series: ReturnType<typeof wonRevenue>): Canon {
  const out: Canon = new Map();
  for (const point of series.points) put(out, `${point.period.label}|${point.group}`, point.value?.toString() ?? "");
  return out;
}

export function canonConversion(results: ReturnType<typeof cohortConversion>, months: readonly KpiPeriod[]): Canon {
  const out: Canon = new Map();
  results.forEach((result, i) => {
    const label = months[i]?.label;
    for (const group of result.groups) {
      put(out, `${label}|${group.group}|entered`, String(group.entered));
      put(out, `${label}|${group.group}|converted`, String(group.converted));
    }
  });
  return out;
}

export function canonClosedDeals(rows: ReturnType<typeof closedDealFigures>): Canon {
  const out: Canon = new Map();
  for (const row of rows) {
    const key = `${row.month}|${row.owner}`;
    put(out, `${key}|won`, String(row.won));
    put(out, `${key}|lost`, String(row.lost));
    put(out, `${key}|wonAmount`, row.size.total.toString());
    put(out, `${key}|wonCount`, String(row.size.dealCount));
    put(out, `${key}|cycleDays`, row.cycle.totalDays.toString());
    put(out, `${key}|cycleCount`, String(row.cycle.count));
  }
  return out;
}

export function canonActivityCounts(results: ReturnType<typeof activityCounts>): Canon {
  const out: Canon = new Map();
  for (const { type, series } of results) for (const point of series.points) put(out, `${point.period.label}|${point.group}|${type}`, point.value?.toString() ?? "");
  return out;
}

export function canonWeighted(results: ReturnType<typeof weightedPipeline>, monthEnds: readonly string[]): Canon {
  const out: Canon = new Map();
  results.forEach((result, i) => {
    for (const owner of result.byOwner) {
      put(out, `${monthEnds[i]}|${owner.owner}|weighted`, owner.total.toString());
      put(out, `${monthEnds[i]}|${owner.owner}|deals`, String(owner.dealCount));
    }
  });
  return out;
}
