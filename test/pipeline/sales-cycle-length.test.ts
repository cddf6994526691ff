import { describe, expect, it } from "vitest";
import { type Deal, salesCycleLength } from "../../src/index.js";
import { lostDeal, pipeline, wonDeal } from "./fixtures.js";

const q1 = { from: "2026-01-01", to: "2026-04-01" };

describe("salesCycleLength", () => {
  it("deals won after 10, 20 and 60 days: mean 30, median 20", () => {
    const deals: Deal[] = [
      wonDeal("a", "1", "2026-01-01", "2026-01-11"),
      wonDeal("b", "1", "2026-01-01", "2026-01-21"),
      wonDeal("c", "1", "2026-01-01", "2026-03-02"),
      lostDeal("lost", "1", "2025-01-01", "2026-02-01"),
    ];
    const result = salesCycleLength(deals, { pipeline, period: q1 });
    expect(result.mean?.toString()).toBe("30");
    expect(result.median?.toString()).toBe("20");
    expect(result.count).toBe(3);
    expect(result.totalDays.toString()).toBe("90");
  });

  it("counts local calendar days: created late on Saturday, won early on Monday over the DST change is 2 days", () => {
    const deals: Deal[] = [wonDeal("dst", "1", "2026-03-28T23:30:00+01:00", "2026-03-30T00:30:00+02:00")];
    const amsterdam = salesCycleLength(deals, { pipeline, period: q1, calendar: { timeZone: "Europe/Amsterdam" } });
    expect(amsterdam.mean?.toString()).toBe("2");
    // in UTC the same instants are 28 March 22:30 and 29 March 22:30: 1 day
    expect(salesCycleLength(deals, { pipeline, period: q1 }).mean?.toString()).toBe("1");
  });

  it("has a median of the two middle values for an even count, and null with no wins", () => {
    const deals: Deal[] = [wonDeal("a", "1", "2026-01-01", "2026-01-02"), wonDeal("b", "1", "2026-01-01", "2026-01-05")];
    expect(salesCycleLength(deals, { pipeline, period: q1 }).median?.toString()).toBe("2.5");
    const none = salesCycleLength([], { pipeline, period: q1 });
    expect([none.mean, none.median, none.count]).toEqual([null, null, 0]);
  });
});
