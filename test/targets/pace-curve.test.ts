import { describe, expect, it } from "vitest";
import { pace, resolveCalendar } from "../../src/index.js";
import { workingDayRule, workingDaysBetween } from "../../src/time/working-days.js";

describe("pacing as a curve", () => {
  it("June 2026 has 22 working days Monday–Friday (the doc example)", () => {
    expect(workingDaysBetween(Date.UTC(2026, 5, 1), Date.UTC(2026, 6, 1), "UTC", workingDayRule({ workingDays: [1, 2, 3, 4, 5], holidays: [] }))).toBe(22);
  });

  it("40 calls by Friday 12 June against 100: 10 of 22 working days gone, 60 still needed at 5 a day", () => {
    // 1–12 June 2026: two full working weeks = 10 working days; 12 remain (15–30 June)
    const result = pace(40, 100, { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-12", elapsedBy: "working-days" });
    expect(result.workingDays).toEqual({ total: 22, elapsed: 10, remaining: 12 });
    expect(result.elapsed.times(22).toFixed(10)).toBe("10.0000000000");
    expect(result.projected?.toFixed(20)).toBe("88.00000000000000000000"); // 40 ÷ (10/22)
    expect(result.gap?.toFixed(20)).toBe("12.00000000000000000000"); // lands 12 short
    expect(result.remaining.toString()).toBe("60");
    expect(result.requiredRunRate.value?.toString()).toBe("5"); // 60 ÷ 12 days
    expect(result.status).toBe("behind"); // 88 below the band 95..105
    // by calendar time the same day is 12/30 of June: projected 100, on track
    const byTime = pace(40, 100, { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-12" });
    expect(byTime.projected?.toString()).toBe("100");
    expect(byTime.status).toBe("on-track");
    expect(byTime.requiredRunRate.value?.toString()).toBe("5");
  });

  it("holidays are not working days; a weekend asOf counts the week as ended", () => {
    // Whit Monday 25 May 2026 off: May 2026 has 21 weekdays − 1 = 20 working days
    const result = pace(30, 100, { periodStart: "2026-05-01", periodEnd: "2026-06-01", asOf: "2026-05-16", elapsedBy: "working-days", holidays: ["2026-05-25"] });
    expect(result.workingDays).toEqual({ total: 20, elapsed: 11, remaining: 9 });
  });

  it("mid-day, the working day in progress counts as remaining", () => {
    const result = pace(10, 100, { periodStart: "2026-06-01T00:00:00Z", periodEnd: "2026-07-01T00:00:00Z", asOf: "2026-06-03T12:00:00Z", elapsedBy: "working-days" });
    expect(result.workingDays).toEqual({ total: 22, elapsed: 2, remaining: 20 });
  });

  it("working days are local days of the calendar's zone", () => {
    const kathmandu = resolveCalendar({ timeZone: "Asia/Kathmandu" });
    const result = pace(0, 10, { periodStart: "2026-06-01", periodEnd: "2026-06-08", asOf: "2026-06-02", calendar: kathmandu, elapsedBy: "working-days" });
    expect(result.workingDays).toEqual({ total: 5, elapsed: 2, remaining: 3 });
  });

  it("a credit of −5·10^17 against a target of 5·10^17: 10^18 still needed, at 10^18 ÷ 12 a working day (the run rate may pass the bounds its parts keep)", () => {
    const result = pace("-500000000000000000", "500000000000000000", { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-12", elapsedBy: "working-days" });
    expect(result.remaining.toString()).toBe("1000000000000000000");
    expect(result.requiredRunRate.value?.toString()).toBe("83333333333333333.33333333333333333333333");
    const last = pace("-500000000000000000", "500000000000000000", { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-30", elapsedBy: "working-days" });
    expect(last.requiredRunRate.value).toBeNull();
  });

  it("no working day left: no run-rate", () => {
    const result = pace(90, 100, { periodStart: "2026-06-01", periodEnd: "2026-07-01", asOf: "2026-06-30", elapsedBy: "working-days" });
    expect(result.workingDays.remaining).toBe(0);
    expect(result.requiredRunRate.value).toBeNull();
    expect(result.requiredRunRate.numerator.toString()).toBe("10");
  });
});
