// The deal count, sum and new-customer (first deal per account) measures over the deal columns (typed arrays, codes) against the row
// pass they replace: for any deals (stage histories, reopenings, missing amounts, mixed
// currencies and scales), filters, group keys, grains and as-of instants, the same cells, or
// the same error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveCalendar } from "../../src/index.js";
import { type Accumulated, accumulate } from "../../src/measure/accumulate.js";
import type { AdditiveMeasure } from "../../src/measure/measure.js";
import { periodBuckets } from "../../src/measure/series-of.js";
import type { KpiGroupBy } from "../../src/measure/series.js";
import { dealColumns } from "../../src/model/deal-columns.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import { periodsBetween } from "../../src/time/period.js";
import { grainArb, sqlKpiDataArb } from "../arbitraries.js";

const DAY = 86_400_000;
const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });
const FROM = Date.parse("2025-11-20T00:00:00Z");

const whereArb = fc.record(
  {
    outcome: fc.oneof(fc.constantFrom("open", "won", "lost"), fc.subarray(["open", "won", "lost"] as const, { minLength: 1 })),
    stage: fc.oneof(fc.constantFrom("qualify", "proposal", "won"), fc.subarray(["qualify", "proposal", "won", "lost"], { minLength: 1 })),
    product: fc.oneof(fc.constant("pro"), fc.constant(["basic", "pro"])),
    currency: fc.constantFrom("EUR", "USD"),
    owner: fc.oneof(fc.constant("ann"), fc.subarray(["ann", "bob", "zed"], { minLength: 1 })),
    team: fc.constantFrom("north", "south"),
    source: fc.constantFrom("web", "referral"),
  },
  { requiredKeys: [] },
);

const measureArb: fc.Arbitrary<AdditiveMeasure> = fc
  .record({ kind: fc.constantFrom("count", "sum", "first"), at: fc.constantFrom("createdAt", "closedAt"), where: fc.option(whereArb, { nil: undefined }) })
  .map(({ kind, at, where }) => {
    const base = { source: "deals", at, ...(where === undefined ? {} : { where }) };
    if (kind === "first") return { kind: "distinct", key: "account", first: true, ...base } as AdditiveMeasure;
    return (kind === "sum" ? { kind, field: "amount", ...base } : { kind, ...base }) as AdditiveMeasure;
  });

const groupByArb = fc.constantFrom<readonly KpiGroupBy[]>([], ["owner"], ["team"], ["source"], ["product"], ["owner", "source"], ["team", "product"], ["product", "owner"]);

/** Amounts at several scales ("12.5", "3", "0.125"), so the columns' shared scale is exercised. */
const rescale = (amount: string, how: number): string => (how === 0 ? amount : how === 1 ? String(Number(amount)) : `${amount}5`);

/** The outcome of a call: its result, or the error's class and message. */
function outcome(run: () => Accumulated): unknown {
  try {
    const result = run();
    return { ...result, byGroup: new Map([...result.byGroup].sort(([a], [b]) => (a < b ? -1 : 1))) };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe("deal measures from the deal columns", () => {
  it("give the same cells as the row pass, for any deals, filter, group key, grain and as-of", () => {
    fc.assert(
      fc.property(
        sqlKpiDataArb(14, 3, 2),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 14, maxLength: 14 }),
        fc.boolean(),
        measureArb,
        groupByArb,
        grainArb,
        fc.constantFrom("error", "skip") as fc.Arbitrary<"error" | "skip">,
        fc.option(fc.integer({ min: 0, max: 420 }), { nil: undefined }),
        (bag, scales, oneCurrency, measure, groupBy, grain, missingAmount, asOfDays) => {
          const deals = bag.deals.map((deal, i) => ({
            ...deal,
            ...(deal.amount === undefined ? {} : { amount: rescale(deal.amount, scales[i] ?? 0) }),
            ...(oneCurrency ? { currency: "EUR" } : {}),
          }));
          const data = prepare({ pipeline: bag.pipeline, reps: bag.reps, deals }, { calendar });
          expect(dealColumns(data.deals).amountsExact).toBe(true);
          const asOfMs = asOfDays === undefined ? undefined : FROM + asOfDays * DAY;
          const toMs = FROM + 420 * DAY;
          const periods = periodsBetween(FROM, toMs, grain === "day" ? "week" : grain, calendar);
          const buckets = periodBuckets(periods, FROM, Math.min(toMs, asOfMs ?? toMs));
          const options = { buckets, groupBy, missingAmount, asOfMs };
          expect(outcome(() => accumulate(data, measure, options))).toEqual(outcome(() => accumulate(data, measure, { ...options, rows: true })));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("leave amounts without one exact shared scale to the row pass (a sum past 2^53 units stays exact)", () => {
    const data = prepare({
      pipeline: { stages: [{ id: "open", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
      deals: [
        { id: "a", owner: "ann", stage: "won", amount: "9007199254740991", createdAt: "2026-01-05", closedAt: "2026-01-06" },
        { id: "b", owner: "ann", stage: "won", amount: "0.01", createdAt: "2026-01-05", closedAt: "2026-01-07" },
      ],
    });
    expect(dealColumns(data.deals).amountsExact).toBe(false);
    const periods = periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), "month", data.calendar);
    const measure = { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } } as const;
    const result = accumulate(data, measure, { buckets: periodBuckets(periods, Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1)), groupBy: undefined, missingAmount: "error", asOfMs: undefined });
    expect(result.total[0]?.value.toString()).toBe("9007199254740991.01");
  });
});
