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

describe("periodOverPeriod against last year (property)", () => {
  it("days and weeks meet the period 364 local days before, on the same weekday, in any zone", async () => {
    const fc = (await import("fast-check")).default;
    const { TIME_ZONES } = await import("../arbitraries.js");
    fc.assert(
      fc.property(fc.constantFrom(...TIME_ZONES), fc.constantFrom("day" as const, "week" as const), fc.integer({ min: 0, max: 300 }), (timeZone, grain, offset) => {
        const from = new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.UTC(2026, 2, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const series = measureSeries({ activities: [] }, { kind: "count", source: "activities" }, { from, to, grain, calendar: { timeZone } });
        const result = periodOverPeriod(series, { compareWith: "last-year" });
        expect(result.points.length).toBeGreaterThan(0);
        for (const p of result.points) {
          const days = (Date.parse(p.period.start.slice(0, 10)) - Date.parse(p.previousPeriod.start.slice(0, 10))) / 86_400_000;
          expect(days).toBe(364);
          expect(new Date(p.period.start.slice(0, 10)).getUTCDay()).toBe(new Date(p.previousPeriod.start.slice(0, 10)).getUTCDay());
        }
      }),
      { numRuns: 40 },
    );
  });
});
