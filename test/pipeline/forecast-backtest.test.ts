import { describe, expect, it } from "vitest";
import { type Deal, forecastBacktest } from "../../src/index.js";
import { pipeline } from "./fixtures.js";

/** A deal through `moves`; the current stage is the last move. */
function deal(id: string, amount: string, expectedCloseAt: string, moves: Array<[string, string]>, extra: Partial<Deal> = {}): Deal {
  const last = moves[moves.length - 1] as [string, string];
  return { id, owner: "ann", amount, createdAt: moves[0]?.[1] ?? "2026-01-01", expectedCloseAt, stage: last[0], stageHistory: moves.map(([stage, at]) => ({ stage, at })), ...extra };
}

describe("forecastBacktest", () => {
  it("matches its documented example: forecast 8000 at 1 February, 10000 won: error −2000, 20 %", () => {
    const result = forecastBacktest(
      [
        deal("a", "10000", "2026-02-20", [["proposal", "2026-01-05"], ["won", "2026-02-18"]]),
        deal("b", "6000", "2026-02-25", [["proposal", "2026-01-10"], ["lost", "2026-02-27"]]),
      ],
      { pipeline, periods: 1, grain: "month", method: "fixed", asOf: "2026-02-28" },
    );
    expect(result.table.rows).toEqual([["2026-02", "8000", "10000", "-2000", "0.2"]]);
    expect(result.overall.mape?.toString()).toBe("0.2");
  });

  it("three months by hand: error, bias, MAPE; a month with nothing won has no percentage error", () => {
    const deals = [
      // January: forecast 10000 × 0.5 = 5000, won 10000
      deal("j", "10000", "2026-01-20", [["proposal", "2025-12-10"], ["won", "2026-01-15"]]),
      // February: forecast 4000 × 0.8 = 3200, lost: won 0
      deal("f", "4000", "2026-02-10", [["negotiation", "2026-01-20"], ["lost", "2026-02-12"]]),
      // March: forecast 2000 × 0.2 = 400 (qualify at 1 March); won 3000 (a deal created in March, never forecast)
      deal("m", "2000", "2026-03-30", [["qualify", "2026-02-15"]]),
      deal("n", "3000", "2026-04-30", [["qualify", "2026-03-02"], ["won", "2026-03-20"]]),
    ];
    const result = forecastBacktest(deals, { pipeline, periods: 3, grain: "month", method: "fixed", asOf: "2026-03-31" });
    expect(result.table.rows).toEqual([
      ["2026-01", "5000", "10000", "-5000", "0.5"],
      ["2026-02", "3200", "0", "3200", null],
      ["2026-03", "400", "3000", "-2600", "0.8666666666666666666666666666666666666667"],
    ]);
    // bias: (−5000 + 3200 − 2600) / 3; MAE: (5000 + 3200 + 2600) / 3; MAPE over January and March only
    expect(result.overall.meanError.toFixed(2)).toBe("-1466.67");
    expect(result.overall.meanAbsoluteError.toString()).toBe("3600");
    expect(result.overall.mape?.toFixed(4)).toBe("0.6833");
    expect(result.overall.mapePeriods).toBe(2);
  });

  it("calibrated: the probabilities are those learnt from deals closed before each period start", () => {
    // Before March, 2 of 2 proposals closed were won: calibrated proposal = 1 (minDeals 2); fixed 0.5.
    const history: Deal[] = [
      deal("h1", "100", "2026-01-31", [["proposal", "2026-01-02"], ["won", "2026-01-20"]]),
      deal("h2", "100", "2026-02-28", [["proposal", "2026-01-03"], ["won", "2026-02-20"]]),
      deal("o", "1000", "2026-03-15", [["proposal", "2026-02-10"], ["won", "2026-03-10"]]),
    ];
    const fixed = forecastBacktest(history, { pipeline, periods: 1, grain: "month", method: "fixed", asOf: "2026-03-31" });
    const calibrated = forecastBacktest(history, { pipeline, periods: 1, grain: "month", method: "calibrated", minDeals: 2, asOf: "2026-03-31" });
    expect(fixed.periods[0]?.forecast.toString()).toBe("500");
    expect(calibrated.periods[0]?.forecast.toString()).toBe("1000");
    expect(calibrated.periods[0]?.actual.toString()).toBe("1000");
  });

  it("an expected close known only later is read from expectedCloseHistory as of the period start", () => {
    // At 1 March the deal was expected in April; it was pulled into March on 5 March and won.
    const d = deal("p", "1000", "2026-03-20", [["proposal", "2026-02-01"], ["won", "2026-03-18"]], {
      expectedCloseHistory: [{ expectedCloseAt: "2026-04-15", at: "2026-02-01" }, { expectedCloseAt: "2026-03-20", at: "2026-03-05" }],
    });
    const result = forecastBacktest([d], { pipeline, periods: 1, grain: "month", method: "fixed", asOf: "2026-03-31" });
    expect(result.table.rows).toEqual([["2026-03", "0", "1000", "-1000", "1"]]);
  });

  it("expectedCloseAfterDays: a deal without an expected close is assumed to close N local days after creation, and counted", () => {
    const d: Deal = { id: "q", owner: "ann", amount: "1000", createdAt: "2026-01-10", stage: "proposal", stageHistory: [{ stage: "proposal", at: "2026-01-10" }] };
    const none = forecastBacktest([d], { pipeline, periods: 1, grain: "month", method: "fixed", asOf: "2026-02-28" });
    expect([none.periods[0]?.forecast.toString(), none.periods[0]?.openWithoutExpectedClose]).toEqual(["0", 1]);
    // 10 January + 30 days = 9 February: in the February forecast at 0.5
    const assumed = forecastBacktest([d], { pipeline, periods: 1, grain: "month", method: "fixed", asOf: "2026-02-28", expectedCloseAfterDays: 30 });
    expect([assumed.periods[0]?.forecast.toString(), assumed.periods[0]?.openWithAssumedExpectedClose, assumed.periods[0]?.openWithoutExpectedClose]).toEqual(["500", 1, 0]);
  });

  it("without asOf it ends 1 ms after the latest instant in the deals", () => {
    const result = forecastBacktest([deal("j", "10000", "2026-01-20", [["proposal", "2025-12-10"], ["won", "2026-01-15"]])], { pipeline, periods: 1, grain: "month", method: "fixed" });
    expect(result.asOfMs).toBe(Date.UTC(2026, 0, 15) + 1);
    expect(result.periods[0]?.period.label).toBe("2025-12");
  });
});
