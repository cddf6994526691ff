import { describe, expect, it } from "vitest";
import { type Deal, type KpiSeries, measureSeries, salesCycleLength, winRate, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { pipeline } from "../pipeline/fixtures.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

const show = (series: KpiSeries): string[] => series.points.map((p) => `${p.period.label} ${p.value === null ? "null" : p.value.toString()}`);
const monthOf = (month: number) => ({ from: new Date(Date.UTC(2026, month - 1, 1)), to: new Date(Date.UTC(2026, month, 1)) });

describe("a closed deal's close is one instant, whichever function reads it", () => {
  // Won on 10 Jan, reopened on 1 Feb, won again on 15 Mar — but the CRM's history lacks the
  // final win; the row itself says won on 15 March.
  const rewon: Deal = {
    id: "rewon",
    owner: "ann",
    amount: "1000",
    stage: "won",
    createdAt: "2026-01-02",
    closedAt: "2026-03-15",
    stageHistory: [
      { stage: "won", at: "2026-01-10" },
      { stage: "proposal", at: "2026-02-01" },
    ],
  };
  const data = { pipeline, deals: [rewon] };
  const MARCH_15 = Date.UTC(2026, 2, 15);

  it("prepare takes the row's closedAt as both the close and the start of the current state", () => {
    const deal = prepareKpiData(data).deals[0]!;
    expect(deal.closedAt).toBe(MARCH_15);
    expect(deal.currentSince).toBe(MARCH_15);
  });

  it("measureSeries counts the win in March, not January", () => {
    const series = measureSeries(data, { kind: "count", source: "deals", at: "closedAt", where: { outcome: "won" } }, { from: "2026-01-01", to: "2026-05-01", grain: "month" });
    expect(show(series)).toEqual(["2026-01 0", "2026-02 0", "2026-03 1", "2026-04 0"]);
  });

  it("winRate counts the win in March, not February", () => {
    expect([1, 2, 3, 4].map((month) => winRate([rewon], { pipeline, period: monthOf(month) }).won)).toEqual([0, 0, 1, 0]);
  });

  it("dealStateAt: won in January, open in February until 15 March, won since 15 March", () => {
    const prepared = prepareKpiData(data);
    const deal = prepared.deals[0]!;
    const stages = prepared.pipeline as PreparedPipeline;
    expect(dealStateAt(deal, Date.UTC(2026, 0, 20), stages)).toMatchObject({ status: "won", since: Date.UTC(2026, 0, 10) });
    expect(dealStateAt(deal, Date.UTC(2026, 2, 1), stages)).toMatchObject({ status: "open", since: Date.UTC(2026, 1, 1) });
    expect(dealStateAt(deal, MARCH_15, stages).status).toBe("open");
    expect(dealStateAt(deal, MARCH_15 + 1, stages)).toMatchObject({ status: "won", since: MARCH_15 });
    expect(dealStateAt(deal, undefined, stages)).toMatchObject({ status: "won", since: MARCH_15 });
  });

  it("salesCycleLength runs from 2 January to 15 March: 72 days, in March", () => {
    expect(salesCycleLength([rewon], { pipeline, period: monthOf(2) }).count).toBe(0);
    const march = salesCycleLength([rewon], { pipeline, period: monthOf(3) });
    expect(march.count).toBe(1);
    expect(march.mean?.toString()).toBe("72");
  });

  it("a closedAt before the last move is not the close: the deal closed at that move at the earliest", () => {
    const deal = prepareKpiData({ pipeline, deals: [{ ...rewon, closedAt: "2026-01-20" }] }).deals[0]!;
    expect(deal.closedAt).toBe(Date.UTC(2026, 1, 1));
    expect(deal.currentSince).toBe(Date.UTC(2026, 1, 1));
  });

  it("without closedAt the deal closed at its last move, after the reopening", () => {
    const { closedAt: _, ...withoutClose } = rewon;
    const deal = prepareKpiData({ pipeline, deals: [withoutClose] }).deals[0]!;
    expect(deal.closedAt).toBe(Date.UTC(2026, 1, 1));
    expect(deal.currentSince).toBe(Date.UTC(2026, 1, 1));
  });

  it("a history that ends in the current stage gives the close, whatever the row's closedAt says", () => {
    const deal = prepareKpiData({ pipeline, deals: [{ ...rewon, stageHistory: [...rewon.stageHistory!, { stage: "won", at: "2026-03-20" }] }] }).deals[0]!;
    expect(deal.closedAt).toBe(Date.UTC(2026, 2, 20));
    expect(deal.currentSince).toBe(Date.UTC(2026, 2, 20));
  });

  it("a closed deal whose row closedAt is before createdAt is an input error, even with a history", () => {
    expect(() => prepareKpiData({ pipeline, deals: [{ ...rewon, closedAt: "2026-01-01" }] })).toThrow(/deals\[0\]\.closedAt: closedAt is before createdAt/);
  });
});
