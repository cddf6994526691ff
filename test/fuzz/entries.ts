// The fuzz table: for every public function of the package root, arguments a user could pass
// (valid, from small generated CRM data and from the library's own results fed back in). The
// harness corrupts them. A new public function needs an entry here: `fuzz.test.ts` fails for
// an export without one.
import fc from "fast-check";
import * as api from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";
import { activityArb, dealsArb, leadsArb, REP_ROSTER, SAMPLE_PIPELINE } from "../arbitraries.js";
import { ALL_TIME_ZONES, markShared } from "./corrupt.js";

type Args = fc.Arbitrary<unknown[]>;

/** Exports that are classes, not functions to call; the fuzz suite leaves them out, and says why. */
export const NOT_FUZZED: Readonly<Record<string, string>> = {
  KpiDecimal: "decimal.js's Decimal constructor (a clone), not the library's own code; its input is checked where the library reads decimals",
  KpiInputError: "an error class",
  KpiDefinitionError: "an error class",
};

const SEED = 20261201;
const sample = <T>(arb: fc.Arbitrary<T>, n: number): T[] => fc.sample(arb, { numRuns: n, seed: SEED });

const DAY = 86_400_000;

/** Small valid data bags (a handful of rows each, 2024–2028, on the sample pipeline). */
const dataArb = fc
  .record({
    deals: dealsArb(6),
    activities: fc.array(activityArb, { maxLength: 6 }),
    leads: leadsArb(6),
  })
  .map(({ deals, activities, leads }) => ({
    pipeline: SAMPLE_PIPELINE,
    reps: REP_ROSTER.map((rep) => ({ ...rep })),
    deals,
    activities,
    leads: leads.map((lead, i) => (i % 2 === 0 ? { ...lead, returnedAt: lead.createdAt } : lead)),
  }));

const BAGS = sample(dataArb, 12);
const PREPARED = BAGS.slice(0, 6).map((bag) => markShared(api.prepareKpiData(bag)));

const calendarInputArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.record({ timeZone: fc.constantFrom("UTC", "Europe/Amsterdam", "America/Santiago", "Asia/Kathmandu") }) },
  { weight: 1, arbitrary: fc.record({ timeZone: fc.constantFrom(...ALL_TIME_ZONES), weekStartsOn: fc.constantFrom(0, 1, 6), fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }) }) },
);
/** An option bag's calendar key: left out, or a calendar. */
const withCalendar = <T extends object>(options: T, calendar: unknown): T => (calendar === undefined ? options : { ...options, calendar });

const dateArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const rangeArb = fc.tuple(dateArb, fc.integer({ min: 1, max: 400 })).map(([from, days]) => ({ from, to: new Date(Date.parse(from) + days * DAY).toISOString().slice(0, 10) }));
const grainArb = fc.constantFrom("day", "week", "month", "quarter", "year");
const instantArb = fc.oneof(dateArb, fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms).toISOString()), fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms)));
const decimalArb = fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.constantFrom("0", "12.5", "1000.00", "0.3333"), fc.constantFrom(0.1, 0.5, 2));
const dataOrPreparedArb = fc.oneof(fc.constantFrom(...BAGS), fc.constantFrom(...PREPARED));

const MEASURES = [
  { kind: "count", source: "activities" },
  { kind: "count", source: "activities", where: { type: "call" } },
  { kind: "count", source: "deals", at: "closedAt", where: { outcome: "won" } },
  { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } },
  { kind: "distinct", source: "deals", key: "account", at: "closedAt", first: true, where: { outcome: "won" } },
  { kind: "count", source: "leads", step: "mql" },
  { kind: "ratio", numerator: { kind: "count", source: "activities", where: { type: "meeting" } }, denominator: { kind: "count", source: "activities", where: { type: "call" } } },
] as const;
const ADDITIVE_MEASURES = MEASURES.filter((m) => m.kind !== "ratio");
const measureArb = fc.constantFrom(...MEASURES);
const groupByArb = fc.constantFrom(undefined, "owner", "team", "source");

/** Results of the library, to be passed back in (series, baselines, targets, attainments, paces, scorecards). */
const SERIES = BAGS.slice(0, 6).flatMap((bag, i) => {
  const measure = MEASURES[i % MEASURES.length] as (typeof MEASURES)[number];
  const source = measure.kind === "count" && measure.source === "leads" ? "leads" : measure.kind === "count" && measure.source === "activities" ? "activities" : "deals";
  return [
    api.measureSeries(bag, measure, { from: "2024-01-01", to: "2027-01-01", grain: "month" }),
    api.measureSeries(bag, ADDITIVE_MEASURES[i % ADDITIVE_MEASURES.length] as never, { from: "2025-06-01", to: "2026-06-01", grain: "week", groupBy: source === "activities" ? "owner" : "owner" }),
  ].map((series) => markShared(series));
});
const BASELINES = SERIES.filter((series) => series.groupBy === null).map((series) =>
  markShared(api.baseline(series, { asOf: "2026-10-15", periods: 3 })),
);
const TARGETS = BASELINES.filter((b) => b.value !== null).map((b) => markShared(api.targetFromBaseline(b, { uplift: 0.1 })));
const ATTAINMENTS = TARGETS.map((t, i) => markShared(api.attainment(i * 3, t)));
const PACES = TARGETS.map((t, i) => markShared(api.pace(i * 2, t, { periodStart: "2026-10-01", periodEnd: "2026-11-01", asOf: "2026-10-15" })));
const CARDS = BAGS.slice(0, 3).map((bag) =>
  markShared(
    api.scorecard(bag, {
      kpis: [api.catalogKpi(api.kpiCatalog[0]!.id), ...api.kpiCatalog.slice(1, 6)],
      asOf: "2026-06-15",
    }),
  ),
);
const ROLLING = BASELINES.map((b) => markShared(api.rollingTargets(b, { windows: [7, 30] })));
const seriesArb = fc.constantFrom(...SERIES);
const baselineArb = fc.constantFrom(...BASELINES);
const targetArb = TARGETS.length > 0 ? fc.oneof(fc.constantFrom(...TARGETS), decimalArb) : decimalArb;
const cardArb = fc.constantFrom(...CARDS);

const dealPeriodArb = rangeArb;
const pipelineOptionsArb = fc.record(
  { period: dealPeriodArb, asOf: fc.option(dateArb, { nil: undefined }), calendar: calendarInputArb, missingAmount: fc.constantFrom(undefined, "skip", "error") },
  { requiredKeys: ["period"] },
).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
const dealsInputArb = fc.oneof(fc.constantFrom(...BAGS.map((b) => b.deals)), fc.constantFrom(...PREPARED));
const withPipeline = (deals: unknown, options: Record<string, unknown>) => (Array.isArray(deals) ? { ...options, pipeline: SAMPLE_PIPELINE } : options);
const pipelineArgs = (extra: fc.Arbitrary<Record<string, unknown>> = fc.constant({})): Args =>
  fc.tuple(dealsInputArb, pipelineOptionsArb, extra).map(([deals, options, more]) => [deals, withPipeline(deals, { ...options, ...more })]);
const leadsInputArb = fc.oneof(fc.constantFrom(...BAGS.map((b) => b.leads)), fc.constantFrom(...PREPARED));
const leadPeriodOptions = fc.tuple(rangeArb, dateArb, calendarInputArb).map(([period, asOf, calendar]) => withCalendar({ period, asOf }, calendar));

/** A snapshot function's options: a pipeline function's without `period`. */
const withoutPeriod = (options: unknown) => Object.fromEntries(Object.entries(options as object).filter(([key]) => key !== "period"));


/** Deal options without `period`/`asOf` (the analytics functions take their own instants). */
const dealArgs = (extra: fc.Arbitrary<Record<string, unknown>>, readsAmounts: boolean): Args =>
  fc.tuple(dealsInputArb, calendarInputArb, extra).map(([deals, calendar, more]) => [
    deals,
    withPipeline(deals, withCalendar({ ...(readsAmounts ? { missingAmount: "skip" } : {}), ...more }, Array.isArray(deals) ? calendar : undefined)),
  ]);
const coarseGrainArb = fc.constantFrom("week", "month", "quarter");
/** Catalog KPIs a data bag can give (not spend, surveys or rep turnover). */
const BAG_KPIS = api.kpiCatalog.filter((kpi) => {
  try {
    api.kpiSeries(BAGS[0] as never, kpi, { from: "2026-01-01", to: "2026-02-01", missingAmount: "skip" });
    return true;
  } catch {
    return false;
  }
});
const kpiArb = fc.constantFrom(...BAG_KPIS);
/** A year of monthly history, for a seasonality split of the next year. */
const SEASONAL = BAGS.slice(0, 3).map((bag) => markShared(api.measureSeries(bag, MEASURES[2] as never, { from: "2025-01-01", to: "2026-01-01", grain: "month" })));
const TARGET_ROWS = [
  { kpi: "revenue", owner: "ann", period: "2026-09", value: 100 },
  { kpi: "revenue", owner: "bob", period: "2026-09", value: "50.5" },
  { kpi: "revenue", team: "north", period: "2026-Q3", value: 400 },
  { kpi: "calls", owner: "ann", period: ["2026-09-01", "2026-10-01"], value: 60 },
];

/** Valid arguments of each public function. */
export const FUZZ_ENTRIES: Readonly<Record<string, Args>> = {
  // core
  toDecimal: decimalArb.map((v) => [v]),
  isDecimalLike: decimalArb.map((v) => [v]),
  ratio: fc.tuple(decimalArb, decimalArb),
  // time
  resolveCalendar: calendarInputArb.map((c) => [c]),
  parseInstant: fc.tuple(instantArb, calendarInputArb).map(([v, c]) => [v, api.resolveCalendar(c as never)]),
  parseAsOf: fc.tuple(instantArb, calendarInputArb).map(([v, c]) => [v, api.resolveCalendar(c as never)]),
  periodOf: fc.tuple(instantArb, grainArb, calendarInputArb).map(([v, g, c]) => [v, g, c]),
  periodsBetween: fc.tuple(rangeArb, grainArb, calendarInputArb).map(([r, g, c]) => [r.from, r.to, g, c]),
  createPeriodIndex: fc.tuple(rangeArb, grainArb).map(([r, g]) => [api.periodsBetween(r.from, r.to, g)]),
  trailingWindow: fc.tuple(instantArb, fc.integer({ min: 1, max: 120 }), calendarInputArb).map(([v, d, c]) => [v, d, c]),
  // model
  prepareKpiData: fc.tuple(fc.constantFrom(...BAGS), calendarInputArb, fc.constantFrom(undefined, "skip", "error")).map(([bag, c, invalidRows]) => [bag, withCalendar(invalidRows === undefined ? {} : { invalidRows }, c)]),
  isPrepared: dataOrPreparedArb.map((d) => [d]),
  // kpi
  classifyIndicator: fc.constantFrom(...api.kpiCatalog).map((k) => [k]),
  catalogKpi: fc.constantFrom(...api.kpiCatalog.map((k) => k.id)).map((id) => [id]),
  auditKpiSet: fc.tuple(fc.subarray([...api.kpiCatalog], { maxLength: 10 }), fc.record({ maxKpis: fc.integer({ min: 1, max: 10 }) }, { requiredKeys: [] })),
  leadIndicatorCheck: fc.tuple(seriesArb, seriesArb, fc.record({ maxLag: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: [] })),
  // measure
  measureSeries: fc.tuple(dataOrPreparedArb, measureArb, rangeArb, grainArb, groupByArb).map(([data, measure, range, grain, groupBy]) => [data, measure, { ...range, grain, ...(groupBy === undefined || measure.kind !== "count" || !("source" in measure) || measure.source === "activities" && groupBy === "source" ? {} : { groupBy }), missingAmount: "skip" }]),
  measureTotals: fc.tuple(dataOrPreparedArb, measureArb, rangeArb).map(([data, measure, range]) => [data, measure, { ...range, missingAmount: "skip" }]),
  periodOverPeriod: seriesArb.map((s) => [s]),
  periodToDate: fc.tuple(dataOrPreparedArb, measureArb, dateArb, grainArb).map(([data, measure, asOf, grain]) => [data, measure, { asOf, grain, missingAmount: "skip" }]),
  // baseline + targets
  baseline: fc.tuple(seriesArb, dateArb, fc.integer({ min: 1, max: 6 }), fc.constantFrom("mean", "median", "trimmed-mean")).map(([s, asOf, periods, method]) => [s, { asOf, periods, method, ...(s.groupBy === null ? {} : { group: s.groups[0] ?? "ann" }) }]),
  measureBaseline: fc.tuple(dataOrPreparedArb, fc.constantFrom(...ADDITIVE_MEASURES), dateArb).map(([data, measure, asOf]) => [data, measure, { asOf, missingAmount: "skip" }]),
  targetFromBaseline: fc.tuple(fc.oneof(baselineArb, decimalArb), fc.record({ uplift: fc.constantFrom(0, 0.1, "0.25"), direction: fc.constantFrom("higher-is-better", "lower-is-better") }, { requiredKeys: [] })),
  raiseTarget: fc.tuple(targetArb, fc.constantFrom(...ATTAINMENTS), fc.record({ step: fc.constantFrom(0, 0.05, "0.1"), allowDecrease: fc.boolean() }, { requiredKeys: [] })),
  rollingTargets: fc.tuple(baselineArb, fc.record({ windows: fc.constantFrom([30, 60, 90], [7]), uplift: fc.constantFrom(0, 0.1) }, { requiredKeys: [] })),
  evaluateRolling: fc.tuple(dataOrPreparedArb, fc.constantFrom(...ADDITIVE_MEASURES), fc.constantFrom(...ROLLING), dateArb).map(([data, measure, targets, asOf]) => [data, measure, targets, { asOf, missingAmount: "skip" }]),
  planTargets: fc.tuple(baselineArb, dateArb, calendarInputArb).map(([b, start, c]) => [b, withCalendar({ start }, c)]),
  quarterlyTargets: fc.tuple(decimalArb, fc.integer({ min: 1000, max: 9999 }), calendarInputArb).map(([annual, year, c]) => [annual, withCalendar({ year }, c)]),
  attainment: fc.tuple(decimalArb, targetArb, fc.constantFrom(undefined, "higher-is-better", "lower-is-better")).map(([a, t, d]) => (d === undefined ? [a, t] : [a, t, d])),
  pace: fc.tuple(decimalArb, targetArb, rangeArb, calendarInputArb).map(([a, t, r, c]) => [a, t, withCalendar({ periodStart: r.from, periodEnd: r.to, asOf: r.from }, c)]),
  repsOnTrack: fc.constantFrom(...PACES).map((p) => [{ ann: p, bob: p }]),
  repsAtTarget: fc.constantFrom(...ATTAINMENTS).map((a) => [{ ann: a, bob: a }]),
  // pipeline
  dealStateAt: fc.tuple(fc.constantFrom(...PREPARED.map(preparedRows).filter((p) => p.deals.length > 0)), fc.option(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 0, 1) }), { nil: undefined })).map(([p, asOf]) => [p.deals[0], asOf, p.pipeline]),
  pipelineValue: pipelineArgs().map(([deals, options]) => [deals, withoutPeriod(options)]),
  weightedPipelineValue: pipelineArgs(fc.record({ staleAfterDays: fc.integer({ min: 0, max: 90 }) }, { requiredKeys: [] })).map(([deals, options]) => [deals, withoutPeriod(options)]),
  winRate: pipelineArgs(fc.record({ basis: fc.constantFrom("closed", "created"), by: fc.constantFrom("count", "value") }, { requiredKeys: [] })),
  averageDealSize: pipelineArgs(),
  salesCycleLength: pipelineArgs().map(([deals, options]) => [deals, Object.fromEntries(Object.entries(options as object).filter(([k]) => k !== "missingAmount"))]),
  salesVelocity: pipelineArgs(),
  forecast: pipelineArgs(),
  pipelineCoverage: pipelineArgs(fc.record({ target: decimalArb, weighted: fc.boolean() })),
  // conversion, people, economics
  conversionRate: fc.tuple(leadsInputArb, leadPeriodOptions, fc.constantFrom(["mql", "sql"], ["mql", "customer"]), fc.constantFrom("cohort", "period")).map(([leads, o, [from, to], mode]) => [leads, { ...o, from, to, mode }]),
  funnel: fc.tuple(leadsInputArb, fc.constantFrom(["mql", "sql"], ["mql", "sql", "customer"]), leadPeriodOptions).map(([leads, steps, o]) => [leads, steps, o]),
  closeRate: fc.tuple(leadsInputArb, leadPeriodOptions).map(([leads, o]) => [leads, o]),
  returnedLeads: fc.tuple(leadsInputArb, rangeArb, grainArb, calendarInputArb).map(([leads, r, grain, c]) => [leads, withCalendar({ ...r, grain }, c)]),
  enps: fc.tuple(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 20 }), fc.constantFrom({}, { scale: [0, 10] }, { scale: [1, 10] })),
  repTurnover: fc.tuple(fc.constantFrom(REP_ROSTER.map((r, i) => ({ ...r, startedAt: "2024-01-01", ...(i === 0 ? { leftAt: "2026-03-01" } : {}) }))), rangeArb).map(([reps, period]) => [reps, { period }]),
  cac: fc.tuple(fc.oneof(decimalArb, fc.record({ salesSpend: decimalArb, marketingSpend: decimalArb })), fc.integer({ min: 0, max: 50 })),
  clv: fc.record({ averageRevenuePerAccount: decimalArb, grossMargin: fc.constantFrom(0.5, "0.7", 1), churnRate: fc.constantFrom(0.1, "0.05", 0) }).map((input) => [input]),
  // report
  scorecard: fc.tuple(dataOrPreparedArb, fc.subarray([...api.kpiCatalog], { minLength: 1, maxLength: 4 }), dateArb).map(([data, kpis, asOf]) => [data, { kpis, asOf }]),
  toJSON: cardArb.map((c) => [c]),
  toMarkdown: cardArb.map((c) => [c]),
  toTerminal: fc.tuple(cardArb, fc.record({ color: fc.boolean() }, { requiredKeys: [] })),
  toHtml: fc.tuple(cardArb, fc.record({ title: fc.string({ maxLength: 20 }) }, { requiredKeys: [] })),
  formatValue: fc.tuple(fc.oneof(fc.constant(null), decimalArb.map((v) => new api.KpiDecimal(v))), fc.constantFrom("count", "currency", "ratio", "days", "score", "hours")),
  // analytics (issue 16)
  stageProbabilities: dealArgs(fc.record({ asOf: dateArb, lookbackDays: fc.integer({ min: 1, max: 800 }), minDeals: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: ["asOf"] }), false),
  pipelineWaterfall: dealArgs(
    fc.tuple(rangeArb, fc.record({ weighted: fc.boolean(), groupBy: fc.constantFrom("owner", "team", "source", "product"), scope: fc.constantFrom("all-open", "due-in-period") }, { requiredKeys: [] })).map(([r, o]) => ({ ...r, ...o })),
    true,
  ),
  forecastBacktest: dealArgs(
    fc.record(
      { asOf: dateArb, periods: fc.integer({ min: 1, max: 4 }), grain: coarseGrainArb, method: fc.constantFrom("fixed", "calibrated"), minDeals: fc.integer({ min: 1, max: 5 }), expectedCloseAfterDays: fc.integer({ min: 0, max: 90 }) },
      { requiredKeys: ["asOf", "periods", "grain", "method"] },
    ),
    true,
  ),
  conversionByAge: fc.tuple(leadsInputArb, rangeArb, coarseGrainArb, dateArb, fc.constantFrom(["mql", "sql"], ["mql", "customer"], ["sql", "customer"]), fc.constantFrom(undefined, [7, 30], [0, 14, 90]), calendarInputArb).map(([leads, cohorts, grain, asOf, [from, to], ages, c]) => [
    leads,
    withCalendar({ from, to, cohorts: { ...cohorts, grain }, asOf, ...(ages === undefined ? {} : { ages }), ...(to === "customer" ? { steps: ["mql", "sql", "customer"] } : {}) }, c),
  ]),
  // targets (issue 13)
  targetPlan: fc.tuple(dataOrPreparedArb, kpiArb, dateArb, fc.integer({ min: 30, max: 400 }), fc.constantFrom(undefined, "month", "quarter"), fc.constantFrom(undefined, "owner", "team"), fc.constantFrom("ratchet", "rolling")).map(([data, kpi, start, days, grain, groupBy, policy]) => [
    data,
    kpi,
    { start, asOf: new Date(Date.parse(start) + days * DAY).toISOString().slice(0, 10), policy, missingAmount: "skip", ...(grain === undefined ? {} : { grain }), ...(groupBy === undefined ? {} : { groupBy }) },
  ]),
  planFromSeries: fc
    .tuple(rangeArb, coarseGrainArb, fc.array(fc.oneof(fc.constant(null), decimalArb), { minLength: 200, maxLength: 200 }), fc.constantFrom("ratchet", "rolling"), fc.constantFrom("higher-is-better", "lower-is-better"))
    .map(([r, grain, pool, policy, direction]) => {
      const periods = api.periodsBetween(r.from, r.to, grain);
      return [periods, periods.map((_, i) => pool[i % pool.length] ?? null), { start: r.from, asOf: r.to, policy, direction }];
    }),
  resolveTarget: fc.tuple(fc.subarray(TARGET_ROWS), fc.constantFrom("revenue", "calls"), fc.constantFrom(undefined, "ann", "bob"), fc.constantFrom(undefined, ["ann", "bob"]), fc.constantFrom("month", "quarter")).map(([rows, kpi, owner, reps, grain]) => [
    rows,
    { kpi, period: api.periodOf(Date.UTC(2026, 8, 1), grain), ...(owner === undefined ? {} : { owner }), ...(reps === undefined ? {} : { reps }) },
  ]),
  splitTarget: fc.tuple(decimalArb, rangeArb, fc.constantFrom("day", "week", "month", "quarter"), fc.constantFrom("equal", "working-days", "weights", "seasonality"), fc.constantFrom(...SEASONAL)).map(([total, r, into, by, series]) =>
    by === "seasonality"
      ? [total, { from: "2026-01-01", to: "2027-01-01", into: "month", by, series }]
      : [total, { ...r, into, by, ...(by === "weights" ? { weights: api.periodsBetween(r.from, r.to, into).map((_, i) => [1, "2", 0.5][i % 3]) } : {}) }],
  ),
  splitTeamTarget: fc.tuple(decimalArb, fc.subarray(["ann", "bob", "cem"], { minLength: 1 }), fc.constantFrom("equal", "baseline")).map(([total, reps, by]) => [
    total,
    { reps, by, ...(by === "baseline" ? { baselines: { ann: 60, bob: "30", cem: null } } : {}) },
  ]),
  perRepBaseline: fc.tuple(baselineArb, fc.integer({ min: 1, max: 12 })),
  newRepRamp: fc.tuple(baselineArb, rangeArb, fc.record({ rampDays: fc.integer({ min: 1, max: 180 }), milestones: fc.constantFrom([30, 60, 90], [14]) }, { requiredKeys: [] })).map(([b, r, o]) => [
    b,
    { startedAt: r.from, asOf: r.to, ...o, ...("milestones" in o ? { ramp: (o.milestones as readonly number[]).map((_, i) => (i + 1) / (o.milestones as readonly number[]).length) } : {}) },
  ]),
  // engine
  kpiSeries: fc.tuple(dataOrPreparedArb, kpiArb, rangeArb, coarseGrainArb, fc.constantFrom(undefined, "owner", "team"), fc.option(dateArb, { nil: undefined })).map(([data, kpi, r, grain, groupBy, asOf]) => [
    data,
    kpi,
    { ...r, grain, missingAmount: "skip", ...(groupBy === undefined ? {} : { groupBy }), ...(asOf === undefined ? {} : { asOf }) },
  ]),
  kpiSources: fc.oneof(fc.constantFrom(...api.kpiCatalog.map((k) => k.measure)), measureArb).map((m) => [m]),
  teamSlice: fc.tuple(fc.constantFrom(...PREPARED), fc.constantFrom("north", "south", "west")),
  profileKpiData: fc.tuple(dataOrPreparedArb),
};
