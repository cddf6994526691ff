import { describe, expect, it } from "vitest";
import { periodOf, periodsBetween, resolveCalendar } from "../../src/index.js";
import { retailPeriodOf } from "../../src/time/retail-calendar.js";

// The NRF 4-5-4 calendar: the year ends on the Saturday nearest 31 January, and the NRF names
// it by the calendar year in which it starts.
const nrf = resolveCalendar({ retail: { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6, yearLabel: "start" } });

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("retail calendar", () => {
  // Published NRF dates (looked up 1 December 2026):
  // - https://www.retaildogma.com/retail-calendar/ : "The 4-5-4 retail calendar for 2023 starts on
  //   Sunday, 29th of January 2023 and ends on Saturday, 3rd of February 2024 … 2023 will be a 53 week year."
  // - https://coresight.com/research/the-4-5-4-us-retail-calendar-2023-24-your-guide-to-the-retail-year
  //   : "the fiscal year ending February 3, 2024. Fiscal 2023 comprises 53 weeks".
  // - https://www.nrf.com/resources/4-5-4-calendar : the 53-week year "has most recently occurred in
  //   FY'12 and FY'17 and will occur in FY'23".
  // - https://coresight.com/research/the-4-5-4-us-retail-calendar-2021-22-your-guide-to-the-retail-year/
  //   : "the fiscal year ending January 29, 2022".
  // Fiscal 2024 then runs from 4 February 2024 to 1 February 2025 (the Saturday nearest 31 January 2025).
  it("agrees with the published NRF fiscal 2023 (29 Jan 2023 – 3 Feb 2024, 53 weeks)", () => {
    const year = periodOf(Date.UTC(2023, 5, 15), "year", nrf);
    expect(year.label).toBe("FY2023");
    expect(day(year.startMs)).toBe("2023-01-29");
    expect(day(year.endMs - 1)).toBe("2024-02-03");
    expect(periodsBetween(year.startMs, year.endMs, "week", nrf)).toHaveLength(53);
  });

  it("agrees with NRF fiscal 2024 (4 Feb 2024 – 1 Feb 2025, 52 weeks) and fiscal 2021 ending 29 Jan 2022", () => {
    const year = periodOf(Date.UTC(2024, 1, 4), "year", nrf);
    expect(year.label).toBe("FY2024");
    expect(day(year.startMs)).toBe("2024-02-04");
    expect(day(year.endMs - 1)).toBe("2025-02-01");
    expect(periodsBetween(year.startMs, year.endMs, "week", nrf)).toHaveLength(52);
    expect(day(periodOf(Date.UTC(2022, 0, 29), "year", nrf).endMs - 1)).toBe("2022-01-29");
    expect(periodOf(Date.UTC(2022, 0, 30), "year", nrf).label).toBe("FY2022");
  });

  it("NRF fiscal 2023 months run 4-5-4 and the 53rd week goes to January", () => {
    const year = periodOf(Date.UTC(2023, 5, 15), "year", nrf);
    const months = periodsBetween(year.startMs, year.endMs, "month", nrf);
    expect(months.map((m) => (m.endMs - m.startMs) / 604_800_000)).toEqual([4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 5]);
    expect(months[0]?.label).toBe("FY2023-M01");
    expect(day(months[0]!.startMs)).toBe("2023-01-29");
    expect(day(months[0]!.endMs - 1)).toBe("2023-02-25");
    expect(periodsBetween(year.startMs, year.endMs, "quarter", nrf).map((q) => q.label)).toEqual(["FY2023-Q1", "FY2023-Q2", "FY2023-Q3", "FY2023-Q4"]);
    expect(periodOf(Date.UTC(2024, 1, 3), "week", nrf).label).toBe("FY2023-W53");
  });

  it("the doc example", () => {
    expect(retailPeriodOf(Date.UTC(2023, 5, 15), "year", nrf as typeof nrf & { retail: NonNullable<typeof nrf.retail> }).label).toBe("FY2023");
  });

  it("default labels name the year by the calendar year it ends in; 'last' ends on the last such weekday", () => {
    const last = resolveCalendar({ retail: { pattern: "4-4-5", yearEndMonth: 12, yearEndWeekday: 0, yearEnd: "last" } });
    // last Sunday of December 2026 is 27 December
    const year = periodOf(Date.UTC(2026, 11, 27, 12), "year", last);
    expect(year.label).toBe("FY2026");
    expect(day(year.endMs - 1)).toBe("2026-12-27");
    expect(periodOf(Date.UTC(2026, 11, 28, 12), "year", last).label).toBe("FY2027");
  });

  it("periods are local: a retail week in Amsterdam starts at local midnight", () => {
    const cal = resolveCalendar({ timeZone: "Europe/Amsterdam", retail: { pattern: "5-4-4", yearEndMonth: 1, yearEndWeekday: 6 } });
    const week = periodOf(Date.parse("2026-06-10T12:00:00Z"), "week", cal);
    expect(week.start).toBe("2026-06-07T00:00:00+02:00");
    expect(week.end).toBe("2026-06-14T00:00:00+02:00");
  });

  it("rejects a bad retail option with its path", () => {
    expect(() => resolveCalendar({ retail: { pattern: "4-4-4" as "4-4-5", yearEndMonth: 1, yearEndWeekday: 6 } })).toThrow(/calendar.retail.pattern/);
  });
});

describe("retail calendar and prepared data", () => {
  it("prepared data remembers its retail calendar; another one is a calendar mismatch", async () => {
    const { prepareKpiData, measureSeries, KpiDefinitionError } = await import("../../src/index.js");
    const retail = { pattern: "4-5-4", yearEndMonth: 1, yearEndWeekday: 6 } as const;
    const prepared = prepareKpiData({ activities: [{ owner: "ann", type: "call", at: "2024-02-10" }] }, { calendar: { retail } });
    const series = measureSeries(prepared, { kind: "count", source: "activities" }, { from: "2024-02-04", to: "2024-03-03", grain: "month", calendar: { retail } });
    expect(series.points.map((p) => `${p.period.label} ${p.value}`)).toEqual(["FY2025-M01 1"]);
    expect(() => measureSeries(prepared, { kind: "count", source: "activities" }, { from: "2024-02-04", to: "2024-03-03", grain: "month", calendar: { retail: { ...retail, pattern: "4-4-5" } } })).toThrow(KpiDefinitionError);
  });
});
