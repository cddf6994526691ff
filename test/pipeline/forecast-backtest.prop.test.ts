import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, forecastBacktest } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { START_MS, pipelineDealsArb, pipelineDealsWithHistoriesArb } from "./pipeline-arbitraries.js";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (value: unknown) => Date.parse(String(value));

/**
 * The same deals with data added at or after `startMs` only: histories that already hold an
 * entry before it get later entries (a close, an amount, an expected close; the row's current
 * values follow, as in a CRM export), and new deals are created from it on. What was known before `startMs` is unchanged.
 */
function appendAfter(deals: readonly Deal[], extra: readonly Deal[], startMs: number): Deal[] {
  const extended = deals.map((deal): Deal => {
    let next: Deal = { ...deal };
    const moves = deal.stageHistory ?? [];
    if (moves.length > 0 && Math.min(...moves.map((m) => ms(m.at))) < startMs) {
      const at = iso(Math.max(startMs, ...moves.map((m) => ms(m.at))) + DAY);
      next = { ...next, stage: "won", closedAt: at, stageHistory: [...moves, { stage: "won", at }] };
    }
    const amounts = deal.amountHistory ?? [];
    if (amounts.length > 0 && Math.min(...amounts.map((e) => ms(e.at))) < startMs) {
      // as a CRM does: the row shows the latest amount
      next = { ...next, amount: "1.00", amountHistory: [...amounts, { amount: "1.00", at: iso(startMs + 2 * DAY) }] };
    }
    const closes = deal.expectedCloseHistory ?? [];
    if (closes.length > 0 && Math.min(...closes.map((e) => ms(e.at))) < startMs) {
      next = { ...next, expectedCloseAt: iso(startMs + 5 * DAY), expectedCloseHistory: [...closes, { expectedCloseAt: iso(startMs + 5 * DAY), at: iso(startMs) }] };
    }
    return next;
  });
  const shift = startMs - START_MS;
  const later = extra.map((deal, i): Deal => ({
    ...deal,
    id: `new${i}`,
    createdAt: iso(ms(deal.createdAt) + shift),
    expectedCloseAt: iso(startMs + 3 * DAY),
    ...(deal.closedAt === undefined ? {} : { closedAt: iso(ms(deal.closedAt) + shift) }),
    ...(deal.stageHistory === undefined ? {} : { stageHistory: deal.stageHistory.map((m) => ({ stage: m.stage, at: iso(ms(m.at) + shift) })) }),
  }));
  return [...extended, ...later];
}

describe("forecastBacktest properties", () => {
  it("never uses data after a period's start: appending such data leaves that period's forecast equal (fixed and calibrated)", () => {
    fc.assert(
      fc.property(
        pipelineDealsWithHistoriesArb(15),
        pipelineDealsArb(6),
        fc.constantFrom("fixed" as const, "calibrated" as const),
        fc.integer({ min: 0, max: 2 }),
        (deals, extra, method, which) => {
          const options = { pipeline, periods: 3, grain: "month" as const, method, minDeals: 1, asOf: "2026-07-31" };
          const before = forecastBacktest(deals, options);
          const period = before.periods[which];
          if (period === undefined) throw new Error("expected 3 periods");
          const after = forecastBacktest(appendAfter(deals, extra, period.period.startMs), options);
          expect(after.periods[which]?.forecast.toString()).toBe(period.forecast.toString());
          expect(after.periods[which]?.forecastDeals).toBe(period.forecastDeals);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("error = forecast − actual in every period; bias and MAE are their means; MAPE skips periods with nothing won", () => {
    fc.assert(
      fc.property(pipelineDealsWithHistoriesArb(15), (deals) => {
        const result = forecastBacktest(deals, { pipeline, periods: 4, grain: "month", method: "fixed", asOf: "2026-06-30" });
        let errors = result.periods[0]?.error.minus(result.periods[0].error);
        for (const row of result.periods) {
          expect(row.error.equals(row.forecast.minus(row.actual))).toBe(true);
          expect(row.absolutePercentageError === null).toBe(row.actual.isZero());
          expect(row.forecast.gte(0) && row.actual.gte(0)).toBe(true);
          errors = errors?.plus(row.error);
        }
        expect(result.overall.meanError.times(4).minus(errors ?? 0).abs().lt("1e-30")).toBe(true);
        expect(result.overall.mapePeriods).toBe(result.periods.filter((row) => !row.actual.isZero()).length);
        expect(result.overall.mape === null).toBe(result.overall.mapePeriods === 0);
      }),
      { numRuns: 80 },
    );
  });
});
