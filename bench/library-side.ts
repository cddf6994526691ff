// The library side of the side-by-side benchmark (bench/side-by-side.ts): each figure computed
// with the library's public functions the way a caller (and the scorecard) does: `kpiSeries`
// per KPI, grouped by owner (or owner × type), one pass over the source per call. `canon*` turn results into "key → exact string" maps for the equality check.
import * as library from "../src/index.js";
import type { KpiCalendar, KpiPeriod } from "../src/index.js";
import type { PreparedData as PreparedKpiData } from "../src/model/prepared.js";

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

/** The cohort months as one range: `[first start, last end)`. */
function monthRange(context: LibraryContext) {
  const first = context.months[0] as KpiPeriod;
  const last = context.months[context.months.length - 1] as KpiPeriod;
  return { from: first.start, to: last.end };
}

/** MQL→SQL within 30 days, per owner and cohort month: one `kpiSeries` call (one pass over the leads). */
export function cohortConversion(context: LibraryContext) {
  const kpi = { ...library.catalogKpi("conversion-lead-sql"), conversion: { from: "mql", to: "sql", windowDays: 30 } };
  return library.kpiSeries(context.prepared, kpi, { ...monthRange(context), grain: "month", groupBy: "owner", asOf: context.asOf });
}

/** Win rate, deal size and cycle length per rep per month, as the scorecard computes them: one `kpiSeries` call each. */
export function closedDealFigures(context: LibraryContext) {
  const options = { ...monthRange(context), grain: "month", groupBy: "owner", asOf: context.asOf, missingAmount: "skip" } as const;
  return {
    rate: library.kpiSeries(context.preparedEur, library.catalogKpi("win-rate"), options),
    size: library.kpiSeries(context.preparedEur, library.catalogKpi("average-deal-size"), options),
    cycle: library.kpiSeries(context.preparedEur, library.catalogKpi("sales-cycle"), options),
  };
}

/** Activity counts (Σ quantity) per owner × type × month: one `kpiSeries` call grouped by two keys (one pass). */
export function activityCounts(context: LibraryContext) {
  const kpi = { ...library.catalogKpi("calls"), id: "activities", measure: { kind: "count", source: "activities" } } as const;
  return library.kpiSeries(context.prepared, kpi, { from: context.from, to: context.to, grain: "month", groupBy: ["owner", "type"] });
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

export function canonConversion(series: ReturnType<typeof cohortConversion>): Canon {
  const out: Canon = new Map();
  for (const point of series.points) {
    put(out, `${point.period.label}|${point.group}|entered`, point.ratio?.denominator.toString() ?? "");
    put(out, `${point.period.label}|${point.group}|converted`, point.ratio?.numerator.toString() ?? "");
  }
  return out;
}

export function canonClosedDeals(figures: ReturnType<typeof closedDealFigures>): Canon {
  const out: Canon = new Map();
  const each = (series: library.KpiSeries, visit: (key: string, ratio: library.Ratio) => void) => {
    for (const point of series.points) if (point.ratio !== undefined) visit(`${point.period.label}|${point.group}`, point.ratio);
  };
  each(figures.rate, (key, r) => {
    put(out, `${key}|won`, r.numerator.toString());
    put(out, `${key}|lost`, r.denominator.minus(r.numerator).toString());
  });
  each(figures.size, (key, r) => {
    put(out, `${key}|wonAmount`, r.numerator.toString());
    put(out, `${key}|wonCount`, r.denominator.toString());
  });
  each(figures.cycle, (key, r) => {
    put(out, `${key}|cycleDays`, r.numerator.toString());
    put(out, `${key}|cycleCount`, r.denominator.toString());
  });
  return out;
}

export function canonActivityCounts(series: ReturnType<typeof activityCounts>): Canon {
  const out: Canon = new Map();
  for (const point of series.points) put(out, `${point.period.label}|${point.group?.replaceAll(" · ", "|")}`, point.value?.toString() ?? "");
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
