import { describe, expect, it } from "vitest";
import { KpiDefinitionError, leadIndicatorCheck, measureSeries, type Activity, type Deal, type KpiData } from "../../src/index.js";

const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" as const }, { id: "won", probability: 1, outcome: "won" as const }] };
const month = (i: number): string => new Date(Date.UTC(2024, i, 10)).toISOString();

/** Calls per month follow an irregular pattern; revenue two months later is 100 × calls. */
function plantedLag(months: number, lag: number): KpiData {
  const calls = [5, 9, 2, 7, 4, 8, 1, 6, 3, 10, 2, 7, 5, 9, 4, 6, 8, 3, 7, 2];
  const activities: Activity[] = [];
  const deals: Deal[] = [];
  for (let i = 0; i < months; i++) {
    const n = calls[i % calls.length] as number;
    activities.push({ owner: "ann", type: "call", at: month(i), quantity: n });
    if (i + lag < months) deals.push({ id: `d${i}`, owner: "ann", amount: n * 100, stage: "won", createdAt: month(i), closedAt: month(i + lag) });
  }
  return { pipeline, activities, deals };
}

function series(data: KpiData, months: number) {
  const range = { from: "2024-01-01", to: new Date(Date.UTC(2024, months, 1)), grain: "month" as const };
  return {
    action: measureSeries(data, { kind: "count", source: "activities", where: { type: "call" } }, range),
    result: measureSeries(data, { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } }, range),
  };
}

describe("leadIndicatorCheck", () => {
  it("finds the planted lag: revenue follows calls two months later", () => {
    const { action, result } = series(plantedLag(18, 2), 18);
    const check = leadIndicatorCheck(action, result, { maxLag: 3 });
    expect(check.bestLag).toBe(2);
    expect(check.bestCorrelation).toBeCloseTo(1, 10);
    expect(check.beatsLagZero).toBe(true);
    expect(check.lags.map((l) => [l.lag, l.pairs])).toEqual([[0, 18], [1, 17], [2, 16], [3, 15]]);
    for (const lag of check.lags) if (lag.correlation !== null) expect(Math.abs(lag.correlation)).toBeLessThanOrEqual(1);
  });

  it("reports too few points rather than a made-up correlation", () => {
    const { action, result } = series(plantedLag(5, 2), 5);
    const check = leadIndicatorCheck(action, result, { maxLag: 3 });
    expect(check.lags.every((l) => l.correlation === null)).toBe(true);
    expect(check.lags[2]).toMatchObject({ lag: 2, pairs: 3, correlation: null });
    expect(check.lags[2]?.reason).toContain("only 3 paired periods");
    expect(check.bestLag).toBeNull();
    expect(check.beatsLagZero).toBe(false);
  });

  it("a series that never changes has no correlation, with the reason", () => {
    const data: KpiData = { activities: Array.from({ length: 10 }, (_, i) => ({ owner: "ann", type: "call", at: month(i) })) };
    const { action } = series(data, 10);
    const check = leadIndicatorCheck(action, action, { maxLag: 1 });
    expect(check.lags[0]?.correlation).toBeNull();
    expect(check.lags[0]?.reason).toContain("does not vary");
  });

  it("revenue of 0.10 every month does not vary: no correlation, with the reason, whatever the float rounding of its mean", () => {
    const { activities } = plantedLag(12, 0);
    const deals: Deal[] = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, owner: "ann", amount: "0.1", stage: "won", createdAt: month(i), closedAt: month(i) }));
    const { action, result } = series({ pipeline, activities, deals }, 12);
    expect(result.points.map((p) => p.value?.toString())).toEqual(Array.from({ length: 12 }, () => "0.1"));
    const check = leadIndicatorCheck(action, result, { maxLag: 2 });
    for (const lag of check.lags) {
      expect(lag.correlation).toBeNull();
      expect(lag.reason).toContain("does not vary");
    }
    expect(check.bestLag).toBeNull();
    expect(leadIndicatorCheck(result, action, { maxLag: 2 }).lags.map((l) => l.correlation)).toEqual([null, null, null]);
  });

  it("meetings per call of 1/3 every month does not vary, though meetings and calls do", () => {
    // month i: k meetings and 3k calls, k = 1, 2, 3, 1, ...: the ratio is 1/3 every month.
    const activities: Activity[] = Array.from({ length: 12 }, (_, i) => [
      { owner: "ann", type: "meeting", at: month(i), quantity: (i % 3) + 1 },
      { owner: "ann", type: "call", at: month(i), quantity: 3 * ((i % 3) + 1) },
    ]).flat();
    const range = { from: "2024-01-01", to: "2025-01-01", grain: "month" as const };
    const meetingsPerCall = measureSeries(
      { activities },
      { kind: "ratio", numerator: { kind: "count", source: "activities", where: { type: "meeting" } }, denominator: { kind: "count", source: "activities", where: { type: "call" } } },
      range,
    );
    const calls = measureSeries({ activities }, { kind: "count", source: "activities", where: { type: "call" } }, range);
    const check = leadIndicatorCheck(meetingsPerCall, calls, { maxLag: 1 });
    expect(check.lags.map((l) => [l.correlation, l.reason?.includes("does not vary")])).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it("compares one rep of grouped series, and asks which one when not told", () => {
    const data = { ...plantedLag(18, 2), reps: [{ id: "ann" }, { id: "bob" }] };
    const range = { from: "2024-01-01", to: "2025-07-01", grain: "month" as const, groupBy: "owner" as const };
    const action = measureSeries(data, { kind: "count", source: "activities" }, range);
    const result = measureSeries(data, { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } }, range);
    expect(leadIndicatorCheck(action, result, { group: "ann" }).bestLag).toBe(2);
    expect(leadIndicatorCheck(action, result, { group: "bob" }).lags[0]?.reason).toContain("does not vary");
    expect(() => leadIndicatorCheck(action, result)).toThrow(KpiDefinitionError);
  });

  it("refuses series of different grains", () => {
    const data = plantedLag(6, 0);
    const monthly = measureSeries(data, { kind: "count", source: "activities" }, { from: "2024-01-01", to: "2024-07-01", grain: "month" });
    const weekly = measureSeries(data, { kind: "count", source: "activities" }, { from: "2024-01-01", to: "2024-07-01", grain: "week" });
    expect(() => leadIndicatorCheck(monthly, weekly)).toThrow(KpiDefinitionError);
  });
});
