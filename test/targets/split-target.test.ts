import { describe, expect, it } from "vitest";
import { KpiDefinitionError, measureSeries, resolveCalendar } from "../../src/index.js";
import { splitTarget } from "../../src/targets/split-target.js";
import { splitTeamTarget } from "../../src/targets/split-team-target.js";

const targets = (result: { parts: ReadonlyArray<{ target: { toString(): string } }> }) => result.parts.map((p) => p.target.toString());

describe("splitTarget", () => {
  it("a Q3 quota of 1000 by working days: 23, 21 and 22 of 66 days (the doc example)", () => {
    const result = splitTarget(1000, { from: "2026-07-01", to: "2026-10-01", into: "month", by: "working-days" });
    expect(result.parts.map((p) => `${p.period.label} ${p.weight}`)).toEqual(["2026-07 23", "2026-08 21", "2026-09 22"]);
    // 348.4848…, 318.1818…, 333.3333…: cut to cents 999.99, the last cent to the largest remainder (July)
    expect(targets(result)).toEqual(["348.49", "318.18", "333.33"]);
  });

  it("an annual 100 equally over 12 months: 8.34 for the first four months, 8.33 for the rest", () => {
    const result = splitTarget(100, { from: "2026-01-01", to: "2027-01-01", into: "month" });
    expect(targets(result)).toEqual(["8.34", "8.34", "8.34", "8.34", "8.33", "8.33", "8.33", "8.33", "8.33", "8.33", "8.33", "8.33"]);
  });

  it("weeks of a month are clipped to it: September 2026 by working days", () => {
    // Sep 2026: Tue 1 … Wed 30; ISO weeks W36 (1–4 inside: 4 days), W37, W38, W39 (5 each), W40 (28–30: 3 days)
    const result = splitTarget(220, { from: "2026-09-01", to: "2026-10-01", into: "week", by: "working-days", scale: 0 });
    expect(result.parts.map((p) => p.weight.toNumber())).toEqual([4, 5, 5, 5, 3]);
    expect(targets(result)).toEqual(["40", "50", "50", "50", "30"]);
  });

  it("seasonality from last year's months: a December twice as busy gets twice the share", () => {
    const lastYear = measureSeries(
      { activities: [
        { owner: "ann", type: "sale", at: "2025-10-10", quantity: 10 },
        { owner: "ann", type: "sale", at: "2025-11-10", quantity: 10 },
        { owner: "bob", type: "sale", at: "2025-12-10", quantity: 20 },
      ] },
      { kind: "count", source: "activities" },
      { from: "2025-10-01", to: "2026-01-01", grain: "month", groupBy: "owner" },
    );
    expect(targets(splitTarget(400, { from: "2026-10-01", to: "2027-01-01", into: "month", by: "seasonality", series: lastYear }))).toEqual(["100", "100", "200"]);
    expect(() => splitTarget(400, { from: "2026-10-01", to: "2026-12-01", into: "month", by: "seasonality", series: lastYear })).toThrow(/3 periods but there are 2 parts/);
  });

  it("retail months of a 4-5-4 quarter by weights", () => {
    const nrf = resolveCalendar({ retail: { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearLabel: "start" } });
    const result = splitTarget(1300, { from: "2024-02-04", to: "2024-05-05", into: "month", by: "weights", weights: [4, 5, 4], calendar: nrf });
    expect(result.parts.map((p) => `${p.period.label} ${p.target}`)).toEqual(["FY2024-M01 400", "FY2024-M02 500", "FY2024-M03 400"]);
  });

  it("a total with more decimals than the scale is split at its own scale", () => {
    const result = splitTarget("10.005", { from: "2026-01-01", to: "2026-04-01", into: "month" });
    expect(result.scale).toBe(3);
    expect(targets(result)).toEqual(["3.335", "3.335", "3.335"]);
  });

  it("no working days or zero weights are definition errors", () => {
    expect(() => splitTarget(10, { from: "2026-06-06", to: "2026-06-08", into: "day", by: "working-days" })).toThrow(KpiDefinitionError);
    expect(() => splitTarget(10, { from: "2026-01-01", to: "2026-04-01", into: "month", by: "weights", weights: [0, 0, 0] })).toThrow(KpiDefinitionError);
    expect(() => splitTarget(10, { from: "2026-01-01", to: "2026-04-01", into: "month", by: "weights", weights: [1, 2] })).toThrow(/one weight per part \(3\)/);
  });
});

describe("splitTeamTarget", () => {
  it("by baseline share (the doc example)", () => {
    expect(splitTeamTarget(1000, { reps: ["ann", "bob", "cy"], by: "baseline", baselines: { ann: 60, bob: 30, cy: 10 } }).parts.map((p) => `${p.rep} ${p.target}`)).toEqual(["ann 600", "bob 300", "cy 100"]);
  });

  it("100 equally over three reps: 33.34, 33.33, 33.33 — the extra cent to the first rep by id", () => {
    const result = splitTeamTarget(100, { reps: ["cy", "bob", "ann"] });
    expect(result.parts.map((p) => `${p.rep} ${p.target}`)).toEqual(["ann 33.34", "bob 33.33", "cy 33.33"]);
  });

  it("a new rep without baseline gets 0 and is named; nobody with a baseline → equal, with a note", () => {
    const result = splitTeamTarget(90, { reps: ["ann", "bob", "new"], by: "baseline", baselines: { ann: 2, bob: 1, new: null } });
    expect(result.parts.map((p) => p.target.toString())).toEqual(["60", "30", "0"]);
    expect(result.withoutBaseline).toEqual(["new"]);
    const none = splitTeamTarget(90, { reps: ["ann", "bob"], by: "baseline", baselines: {} });
    expect([none.by, none.note !== undefined, none.parts.map((p) => p.target.toString())]).toEqual(["equal", true, ["45", "45"]]);
  });
});

describe("quarterlyTargets on a retail calendar", () => {
  it("NRF fiscal 2023 (53 weeks): the quarters are its 13-, 13-, 13- and 14-week quarters", async () => {
    const { quarterlyTargets } = await import("../../src/index.js");
    const nrf = resolveCalendar({ retail: { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearLabel: "start" } });
    const result = quarterlyTargets(5300, { year: 2023, calendar: nrf, weights: [13, 13, 13, 14] });
    expect(result.year).toBe("FY2023");
    expect(result.quarters.map((q) => `${q.period.label} ${q.period.start.slice(0, 10)} ${q.target}`)).toEqual([
      "FY2023-Q1 2023-01-29 1300",
      "FY2023-Q2 2023-04-30 1300",
      "FY2023-Q3 2023-07-30 1300",
      "FY2023-Q4 2023-10-29 1400",
    ]);
  });
});
