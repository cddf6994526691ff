// Win rate, average deal size and sales cycle length (one shared pass over the deal columns)
// against a brute-force reference that reads each deal's state with `dealStateAsOf`, one deal
// and one period at a time, with Decimal sums and date-fns calendar days: for any deals
// (histories, reopenings, missing amounts), group key, grain and as-of.
import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { KpiDecimal } from "../../src/core/decimal.js";
import { describe, expect, it } from "vitest";
import { catalogKpi, kpiSeries, type KpiGroupBy, resolveCalendar } from "../../src/index.js";
import { dealStateAsOf } from "../../src/model/deal-state-at.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { dealGroupKey } from "./deal-group-key.js";
import { grainArb, sqlKpiDataArb } from "../arbitraries.js";

const DAY = 86_400_000;
const ZONE = "Europe/Amsterdam";
const calendar = resolveCalendar({ timeZone: ZONE });
const FROM = "2025-11-01";
const TO = "2027-02-01";

const groupByArb = fc.constantFrom<KpiGroupBy | readonly KpiGroupBy[] | undefined>(undefined, "owner", "team", "source", "product", ["owner", "product"], ["team", "source"]);


// 150 random data sets: a few seconds alone, more beside the rest of the suite on two cores.
describe("closed-deal KPIs from one shared pass", { timeout: 60_000 }, () => {
  it("win rate, deal size and cycle equal a deal-by-deal reference for every group key and grain", () => {
    fc.assert(
      fc.property(sqlKpiDataArb(16, 3, 2), groupByArb, grainArb, fc.integer({ min: 30, max: 440 }), (bag, groupBy, grain, asOfDays) => {
        const data = prepare({ pipeline: bag.pipeline, reps: bag.reps, deals: bag.deals.map((deal) => ({ ...deal, currency: "EUR" })) }, { calendar });
        const pipeline = data.pipeline as PreparedPipeline;
        const asOfMs = Date.parse("2025-11-01T00:00:00Z") + asOfDays * DAY;
        const asOf = new Date(asOfMs).toISOString();
        const options = { from: FROM, to: TO, grain, asOf, missingAmount: "skip" as const, ...(groupBy === undefined ? {} : { groupBy }) };
        const rate = kpiSeries(data, catalogKpi("win-rate"), options);
        const size = kpiSeries(data, catalogKpi("average-deal-size"), options);
        const cycle = kpiSeries(data, catalogKpi("sales-cycle"), options);
        // Groups are the roster and the keys each KPI saw: look points up by period and group.
        // A grouped series' team (group null) is in `team`: the sum over every group's deals, checked as well.
        const pointsOf = (series: typeof rate) => (groupBy === undefined ? series.points : [...series.points, ...series.team]);
        const at = (series: typeof rate, period: number, group: string | null) => pointsOf(series).find((point) => point.period.startMs === period && point.group === group);
        pointsOf(rate).forEach((point) => {
          let won = 0;
          let lost = 0;
          let amount = new Decimal(0);
          let withAmount = 0;
          let missing = 0;
          const days: number[] = [];
          for (const deal of data.deals) {
            const state = dealStateAsOf(deal, asOfMs, pipeline);
            if ((state.status !== "won" && state.status !== "lost") || state.since < point.period.startMs || state.since >= Math.min(point.period.endMs, asOfMs)) continue;
            const key = dealGroupKey(deal, groupBy);
            if (point.group !== null && key !== point.group) continue;
            if (state.status === "lost") {
              lost++;
              continue;
            }
            won++;
            days.push(differenceInCalendarDays(new TZDate(state.since, ZONE), new TZDate(deal.createdAt, ZONE)));
            if (deal.amount === undefined) missing++;
            else {
              amount = amount.plus(deal.amount.toString());
              withAmount++;
            }
          }
          // A point without closed deals has no ratio (no data, or before the data): as 0 of 0 here.
          const parts = (r: { numerator: Decimal; denominator: Decimal } | undefined) => [r?.numerator.toString() ?? "0", r?.denominator.toString() ?? "0"];
          expect(parts(point.ratio)).toEqual([String(won), String(won + lost)]);
          const sizePoint = at(size, point.period.startMs, point.group);
          expect(parts(sizePoint?.ratio)).toEqual([amount.toString(), String(withAmount)]);
          // The values are the quotients of those parts, at the library's 40 digits (no data: null).
          const mean = (numerator: Decimal.Value, denominator: number) => (denominator === 0 ? null : new KpiDecimal(numerator).div(denominator).toString());
          expect(point.value?.toString() ?? null).toBe(mean(won, won + lost));
          if (sizePoint !== undefined) expect(sizePoint.value?.toString() ?? null).toBe(mean(amount.toString(), withAmount));
          expect(sizePoint?.skipped?.["missing-amount"] ?? 0).toBe(missing);
          const cyclePoint = (at(cycle, point.period.startMs, point.group) ?? {}) as { ratio?: { numerator: Decimal; denominator: Decimal }; median?: Decimal | null };
          expect(parts(cyclePoint.ratio)).toEqual([String(days.reduce((a, b) => a + b, 0)), String(days.length)]);
          if (cyclePoint.ratio !== undefined) expect((cyclePoint as { value?: Decimal | null }).value?.toString() ?? null).toBe(mean(days.reduce((a, b) => a + b, 0), days.length));
          const sorted = [...days].sort((a, b) => a - b);
          const median = sorted.length === 0 ? null : sorted.length % 2 === 1 ? sorted[sorted.length >> 1] : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
          expect(cyclePoint.median === undefined || cyclePoint.median === null ? null : Number(cyclePoint.median.toString())).toBe(median);
        });
      }),
      { numRuns: 150 },
    );
  });
});
