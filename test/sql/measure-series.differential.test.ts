// The SQL engine's measureSeries equals the in-process measureSeries, as exact strings, on
// random data biased to month ends, DST days, ties, reopened deals, unowned rows, missing
// amounts and two currencies, in random calendars — on DuckDB, PGlite and a real server.
import { expect, test } from "vitest";
import { measureSeries, type Measure } from "../../src/index.js";
import type { KpiGroupBy } from "../../src/measure/series.js";
import { sqlEngine } from "../../src/sql.js";
import { calendarArb, SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";
import { fc, forEachDatabase, outcome } from "./differential.js";
import { loadKpiData } from "./load-kpi-data.js";

/** Mostly no filter or one key, so that results are rarely all zero. */
const sparse = <T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant({} as T) }, { weight: 3, arbitrary: arb.map((where) => Object.fromEntries(Object.entries(where).slice(0, 1)) as T) }, { weight: 1, arbitrary: arb });
const oneOrList = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.uniqueArray(arb, { minLength: 1, maxLength: 2 }));
const owner = oneOrList(fc.constantFrom("ann", "cem", "eve", "zed"));
const team = oneOrList(fc.constantFrom("north", "south", "west"));

const activityCount = fc.record(
  { kind: fc.constant("count"), source: fc.constant("activities"), where: sparse(fc.record({ type: oneOrList(fc.constantFrom("call", "email")), owner, team }, { requiredKeys: [] })) },
  { requiredKeys: ["kind", "source"] },
);
const dealWhere = sparse(fc.record(
  {
    outcome: oneOrList(fc.constantFrom("open", "won", "lost")),
    stage: oneOrList(fc.constantFrom("proposal", "won")),
    source: oneOrList(fc.constantFrom("web", "referral")),
    product: fc.constantFrom("basic", "pro"),
    currency: fc.constantFrom("EUR", "USD"),
    owner,
    team,
  },
  { requiredKeys: [] },
));
const at = fc.constantFrom("createdAt", "closedAt");
const dealCount = fc.record({ kind: fc.constant("count"), source: fc.constant("deals"), at, where: dealWhere }, { requiredKeys: ["kind", "source", "at"] });
const dealSum = fc.record(
  { kind: fc.constant("sum"), source: fc.constant("deals"), field: fc.constant("amount"), at, where: dealWhere },
  { requiredKeys: ["kind", "source", "field", "at"] },
);
const distinct = fc.record(
  { kind: fc.constant("distinct"), source: fc.constant("deals"), key: fc.constant("account"), at, first: fc.constant(true as const), where: dealWhere },
  { requiredKeys: ["kind", "source", "key", "at"] },
);
const leadCount = fc.oneof(
  fc.record({ kind: fc.constant("count"), source: fc.constant("leads"), step: fc.constantFrom("mql", "sql", "customer") }),
  fc.record(
    { kind: fc.constant("count"), source: fc.constant("leads"), at: fc.constant("createdAt"), where: fc.record({ source: fc.constant("web"), owner, team }, { requiredKeys: [] }) },
    { requiredKeys: ["kind", "source", "at"] },
  ),
);
const additive = fc.oneof(activityCount, dealCount, dealSum, distinct, leadCount);
const measureArb = fc.oneof({ weight: 4, arbitrary: additive }, { weight: 1, arbitrary: fc.record({ kind: fc.constant("ratio"), numerator: additive, denominator: additive }) }) as fc.Arbitrary<Measure>;

const spans = { day: 40, week: 20, month: 14, quarter: 6, year: 3 } as const;
const optionsArb = fc
  .record({
    grain: fc.constantFrom("day", "week", "month", "quarter", "year"),
    start: fc.constantFrom("2026-01-01", "2026-03-01", "2026-03-25", "2026-03-29T00:30:00Z", "2025-12-31T23:00:00Z", "2026-10-20", "2026-09-01"),
    length: fc.double({ min: 0.2, max: 1, noNaN: true }),
    groupBy: fc.option(fc.constantFrom<KpiGroupBy | [KpiGroupBy, KpiGroupBy]>("owner", "team", "source", "type", "product", ["owner", "type"], ["team", "product"], ["owner", "source"]), { nil: undefined }),
    asOfShare: fc.option(fc.double({ min: 0, max: 1.2, noNaN: true }), { nil: undefined, freq: 2 }),
    groups: fc.option(fc.constant(["newbie"]), { nil: undefined }),
    missingAmount: fc.option(fc.constantFrom("error", "skip"), { nil: undefined }),
  })
  .map(({ grain, start, length, groupBy, groups, missingAmount, asOfShare }) => {
    const startMs = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
    const days = { day: 1, week: 7, month: 30.5, quarter: 91.5, year: 366 }[grain];
    const spanMs = Math.max(1, Math.round(spans[grain] * days * length)) * 86_400_000;
    const to = new Date(startMs + spanMs).toISOString();
    // asOf inside the range (a deal read as it stood then), at its end, or after it.
    const asOf = asOfShare === undefined ? undefined : new Date(startMs + Math.round(spanMs * asOfShare) + 1).toISOString();
    return {
      from: start,
      to,
      grain,
      ...(groupBy === undefined ? {} : { groupBy }),
      ...(groupBy !== undefined && groups !== undefined ? { groups } : {}),
      ...(missingAmount === undefined ? {} : { missingAmount }),
      ...(asOf === undefined ? {} : { asOf }),
    };
  });

forEachDatabase("measureSeries", (db, runs) => {
  test(
    "every count, sum, distinct and ratio measure equals the in-process series to the cent",
    async () => {
      await fc.assert(
        fc.asyncProperty(sqlKpiDataArb(), calendarArb, fc.array(fc.tuple(measureArb, optionsArb), { minLength: 3, maxLength: 5 }), async (data, calendar, calls) => {
          const { dialect, execute } = db();
          await loadKpiData(execute, dialect, data, calendar);
          const engine = sqlEngine({ dialect, execute, pipeline: SAMPLE_PIPELINE, calendar });
          for (const [measure, options] of calls) {
            const inProcess = await outcome(() => measureSeries(data, measure, { ...options, calendar }));
            const onDatabase = await outcome(() => engine.measureSeries(measure, options));
            expect(onDatabase).toEqual(inProcess);
          }
        }),
        { numRuns: runs },
      );
    },
    120_000,
  );
});
