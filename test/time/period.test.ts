import { describe, expect, it } from "vitest";
import { periodOf, periodsBetween, resolveCalendar } from "../../src/index.js";

const amsterdam = resolveCalendar({ timeZone: "Europe/Amsterdam" });
const amsterdamFiscalApril = resolveCalendar({ timeZone: "Europe/Amsterdam", fiscalYearStartMonth: 4 });
const utc = resolveCalendar({});

describe("periodOf", () => {
  const wonAt = Date.parse("2026-03-31T23:30:00+02:00"); // 21:30 UTC

  it("a deal won at 23:30 local time on 31 March in Amsterdam falls in March and in Q1", () => {
    expect(periodOf(wonAt, "day", amsterdam).label).toBe("2026-03-31");
    expect(periodOf(wonAt, "month", amsterdam).label).toBe("2026-03");
    expect(periodOf(wonAt, "quarter", amsterdam).label).toBe("2026-Q1");
    expect(periodOf(wonAt, "year", amsterdam).label).toBe("2026");
  });

  it("the same deal is in the last fiscal quarter of FY2026 when the fiscal year starts in April", () => {
    expect(periodOf(wonAt, "quarter", amsterdamFiscalApril).label).toBe("FY2026-Q4");
    expect(periodOf(wonAt, "year", amsterdamFiscalApril).label).toBe("FY2026");
    // Half an hour later it is April: the first quarter of FY2027.
    const april = periodOf(wonAt + 30 * 60_000, "quarter", amsterdamFiscalApril);
    expect(april.label).toBe("FY2027-Q1");
    expect(april.start).toBe("2026-04-01T00:00:00+02:00");
    expect(april.end).toBe("2026-07-01T00:00:00+02:00");
  });

  it("in UTC the same instant is still 31 March, but 22:30 UTC on 31 March in Amsterdam is April", () => {
    expect(periodOf(wonAt, "month", utc).label).toBe("2026-03");
    expect(periodOf(Date.parse("2026-03-31T22:30:00Z"), "month", amsterdam).label).toBe("2026-04");
  });

  it("labels ISO weeks: 1 January 2027 is in 2026-W53, 23 November 2026 in 2026-W48", () => {
    expect(periodOf(Date.UTC(2027, 0, 1), "week", utc).label).toBe("2026-W53");
    expect(periodOf(Date.UTC(2026, 10, 23), "week", utc).label).toBe("2026-W48");
    expect(periodOf(Date.UTC(2026, 10, 23), "week", utc).start).toBe("2026-11-23T00:00:00Z".replace("Z", "+00:00"));
  });

  it("a month holding a DST change is one period of 30 days and 23 hours in Amsterdam", () => {
    const march = periodOf(Date.UTC(2026, 2, 15), "month", amsterdam);
    expect(march.start).toBe("2026-03-01T00:00:00+01:00");
    expect(march.end).toBe("2026-04-01T00:00:00+02:00");
    expect(march.endMs - march.startMs).toBe((31 * 24 - 1) * 3_600_000);
  });

  it("a fiscal year starting in April is named after the year it ends in", () => {
    const year = periodOf(Date.UTC(2026, 3, 15), "year", amsterdamFiscalApril);
    expect(year.label).toBe("FY2027");
    expect(year.start).toBe("2026-04-01T00:00:00+02:00");
    expect(year.end).toBe("2027-04-01T00:00:00+02:00");
  });

  it("Kathmandu's +05:45 offset moves the day boundary to 18:15 UTC", () => {
    const kathmandu = resolveCalendar({ timeZone: "Asia/Kathmandu" });
    const day = periodOf(Date.parse("2026-06-01T18:14:59Z"), "day", kathmandu);
    expect(day.label).toBe("2026-06-01");
    expect(periodOf(Date.parse("2026-06-01T18:15:00Z"), "day", kathmandu).label).toBe("2026-06-02");
  });
});

describe("DST at midnight: the day and week periods still partition time", () => {
  // Santiago springs forward at 00:00 on Sunday 6 September 2026 (-04:00 → -03:00): the day
  // has no midnight, starts at 01:00 and lasts 23 hours; 7 September starts at 00:00 again.
  const santiago = resolveCalendar({ timeZone: "America/Santiago", weekStartsOn: 0 });
  const noon = Date.parse("2026-09-06T12:00:00-03:00");

  it("6 September 2026 in Santiago runs from 01:00 to the next midnight, 23 hours, where 7 September starts", () => {
    const day = periodOf(noon, "day", santiago);
    expect(day.label).toBe("2026-09-06");
    expect(day.start).toBe("2026-09-06T01:00:00-03:00");
    expect(day.end).toBe("2026-09-07T00:00:00-03:00");
    expect(day.endMs - day.startMs).toBe(23 * 3_600_000);
    const nextDay = periodOf(Date.parse("2026-09-07T12:00:00-03:00"), "day", santiago);
    expect(nextDay.start).toBe("2026-09-07T00:00:00-03:00");
    expect(nextDay.startMs).toBe(day.endMs);
    // 00:30 on 7 September lies in 7 September only.
    expect(periodOf(Date.parse("2026-09-07T00:30:00-03:00"), "day", santiago).label).toBe("2026-09-07");
  });

  it("the week starting Sunday 6 September 2026 in Santiago lasts 7 × 24 − 1 hours and ends where the next week starts", () => {
    const week = periodOf(noon, "week", santiago);
    expect(week.start).toBe("2026-09-06T01:00:00-03:00");
    expect(week.end).toBe("2026-09-13T00:00:00-03:00");
    expect(week.endMs - week.startMs).toBe((7 * 24 - 1) * 3_600_000);
    expect(periodOf(week.endMs, "week", santiago).start).toBe("2026-09-13T00:00:00-03:00");
    expect(periodOf(week.startMs - 1, "week", santiago).end).toBe(week.start);
  });

  it("periodsBetween from inside 6 September 2026 in Santiago starts the following days at midnight", () => {
    const days = periodsBetween(noon, Date.parse("2026-09-09T12:00:00-03:00"), "day", santiago);
    expect(days.map((p) => [p.start, p.end])).toEqual([
      ["2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00"],
      ["2026-09-07T00:00:00-03:00", "2026-09-08T00:00:00-03:00"],
      ["2026-09-08T00:00:00-03:00", "2026-09-09T00:00:00-03:00"],
      ["2026-09-09T00:00:00-03:00", "2026-09-10T00:00:00-03:00"],
    ]);
    const weeks = periodsBetween(noon, Date.parse("2026-09-20T12:00:00-03:00"), "week", santiago);
    expect(weeks.map((p) => p.start)).toEqual(["2026-09-06T01:00:00-03:00", "2026-09-13T00:00:00-03:00", "2026-09-20T00:00:00-03:00"]);
  });

  it("Havana (8 March 2026) and Beirut (29 March 2026) spring forward at midnight too: 23-hour days that abut the next", () => {
    for (const [timeZone, at, start, end] of [
      ["America/Havana", "2026-03-08T12:00:00-04:00", "2026-03-08T01:00:00-04:00", "2026-03-09T00:00:00-04:00"],
      ["Asia/Beirut", "2026-03-29T12:00:00+03:00", "2026-03-29T01:00:00+03:00", "2026-03-30T00:00:00+03:00"],
    ] as const) {
      const calendar = resolveCalendar({ timeZone });
      const day = periodOf(Date.parse(at), "day", calendar);
      expect([day.start, day.end]).toEqual([start, end]);
      expect(periodOf(day.endMs, "day", calendar).startMs).toBe(day.endMs);
    }
  });
});

describe("periodsBetween", () => {
  it("lists the calendar quarters of 2026", () => {
    expect(periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), "quarter", utc).map((p) => p.label)).toEqual([
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
    ]);
  });

  it("month ends do not drift: January to May 2026 from 31 January", () => {
    expect(periodsBetween(Date.UTC(2026, 0, 31), Date.UTC(2026, 4, 2), "month", utc).map((p) => p.label)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
    ]);
  });

  it("is empty when to is not after from", () => {
    expect(periodsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1), "day", utc)).toEqual([]);
  });
});
