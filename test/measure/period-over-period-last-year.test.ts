import { describe, expect, it } from "vitest";
import { measureSeries, periodOverPeriod, resolveCalendar } from "../../src/index.js";

describe("periodOverPeriod against last year", () => {
  it("a Saturday is compared with the Saturday 364 days before, not with the same date", () => {
    // Saturday 13 June 2026: 30 sales; Saturday 14 June 2025 (364 days back): 20 sales; Friday 13 June 2025: 99
    const series = measureSeries(
      {
        activities: [
          { owner: "ann", type: "sale", at: "2025-06-13", quantity: 99 },
          { owner: "ann", type: "sale", at: "2025-06-14", quantity: 20 },
          { owner: "ann", type: "sale", at: "2026-06-13", quantity: 30 },
        ],
      },
      { kind: "count", source: "activities" },
      { from: "2025-06-01", to: "2026-07-01", grain: "day" },
    );
    const result = periodOverPeriod(series, { compareWith: "last-year" });
    expect(result.compareWith).toBe("last-year");
    const june13 = result.points.find((p) => p.period.label === "2026-06-13");
    expect(june13?.previousPeriod.label).toBe("2025-06-14");
    expect(june13?.growth?.value?.toString()).toBe("0.5"); // (30 − 20) ÷ 20
    // days of the first year have no counterpart in the series: no point
    expect(result.points.every((p) => p.period.startMs >= Date.UTC(2026, 4, 31))).toBe(true);
  });

  it("retail months are compared with the same retail month of the previous year", () => {
    const nrf = resolveCalendar({ retail: { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearLabel: "start" } });
    const series = measureSeries(
      {
        activities: [
          { owner: "ann", type: "sale", at: "2023-02-10", quantity: 8 },
          { owner: "ann", type: "sale", at: "2024-02-10", quantity: 10 },
        ],
      },
      { kind: "count", source: "activities" },
      { from: "2023-01-29", to: "2025-02-02", grain: "month", calendar: nrf },
    );
    const result = periodOverPeriod(series, { compareWith: "last-year" });
    expect(result.points).toHaveLength(12);
    const m1 = result.points[0];
    expect(`${m1?.previousPeriod.label}→${m1?.period.label}`).toBe("FY2023-M01→FY2024-M01");
    expect(m1?.growth?.value?.toString()).toBe("0.25");
  });

  it("a misspelt option is an error naming it", () => {
    const series = measureSeries({ activities: [] }, { kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-01", grain: "day" });
    expect(() => periodOverPeriod(series, { compareWth: "last-year" } as never)).toThrow(/compareWth/);
  });
});
