import { describe, expect, it } from "vitest";
import {
  conversionRate,
  KpiDefinitionError,
  KpiInputError,
  type Lead,
  prepareKpiData,
  standardFunnelSteps,
} from "../../src/index.js";

const march = { from: "2026-03-01", to: "2026-04-01" };
const amsterdam = { timeZone: "Europe/Amsterdam" };

describe("conversionRate, cohort mode", () => {
  it("the documented example: one of two March MQLs became an SQL within 30 days", () => {
    const result = conversionRate(
      [
        { id: "a", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-05" } },
        { id: "b", createdAt: "2026-03-01", reached: { mql: "2026-03-10" } },
      ],
      { from: "mql", to: "sql", period: march, windowDays: 30, asOf: "2026-06-30" },
    );
    expect(result.value?.toString()).toBe("0.5");
    expect([result.entered, result.converted, result.lapsed, result.mature]).toEqual([2, 1, 1, true]);
    expect(result.ratio.numerator.toString()).toBe("1");
    expect(result.ratio.denominator.toString()).toBe("2");
    expect(result.period.start).toBe("2026-03-01T00:00:00+00:00");
    expect(result.windowEnd).toBe("2026-05-01T00:00:00+00:00"); // 31 March + 30 days = 30 April, ends 1 May
  });

  it("a lead converting on the last day of the window converts; one converting a day later does not", () => {
    // MQL at 23:30 on 10 March in Amsterdam (22:30 UTC); 7-day window = through 17 March, local.
    const leads: Lead[] = [
      { id: "last-day", createdAt: "2026-03-10", reached: { mql: "2026-03-10T23:30:00+01:00", sql: "2026-03-17T23:59:00+01:00" } },
      { id: "day-after", createdAt: "2026-03-10", reached: { mql: "2026-03-10T23:30:00+01:00", sql: "2026-03-18T00:00:00+01:00" } },
    ];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 7, asOf: "2026-06-30", calendar: amsterdam });
    expect(result.entered).toBe(2);
    expect(result.converted).toBe(1);
    expect(result.lapsed).toBe(1);
    expect(result.value?.toString()).toBe("0.5");
    // With an 8-day window both convert.
    const wider = conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 8, asOf: "2026-06-30", calendar: amsterdam });
    expect(wider.converted).toBe(2);
  });

  it("days are local calendar days: windowDays 0 means the same local day, even when UTC says otherwise", () => {
    // 00:30 local on 10 March is still 9 March in UTC; 22:00 local on 10 March is 10 March in UTC.
    const leads: Lead[] = [{ id: "a", createdAt: "2026-03-10", reached: { mql: "2026-03-10T00:30:00+01:00", sql: "2026-03-10T22:00:00+01:00" } }];
    const local = conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 0, asOf: "2026-06-30", calendar: amsterdam });
    expect(local.converted).toBe(1);
    const utc = conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 0, asOf: "2026-06-30" });
    expect(utc.converted).toBe(0);
  });

  it("a window across the spring DST change still ends at local midnight", () => {
    // MQL on 25 March (CET); 7 days → through 1 April (CEST). Clocks move on 29 March.
    const leads: Lead[] = [
      { id: "in", createdAt: "2026-03-25", reached: { mql: "2026-03-25T10:00:00+01:00", sql: "2026-04-01T23:30:00+02:00" } },
      { id: "out", createdAt: "2026-03-25", reached: { mql: "2026-03-25T10:00:00+01:00", sql: "2026-04-02T00:10:00+02:00" } },
    ];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 7, asOf: "2026-06-30", calendar: amsterdam });
    expect(result.converted).toBe(1);
    expect(result.windowEnd).toBe("2026-04-08T00:00:00+02:00"); // 31 March + 7 days = 7 April, ends 8 April
  });

  it("an immature cohort: the window has not elapsed by asOf, so unconverted leads are still open", () => {
    const leads: Lead[] = [
      { id: "won", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-04" } },
      { id: "late-march", createdAt: "2026-03-01", reached: { mql: "2026-03-28" } }, // window to 27 April: open
      { id: "early-march", createdAt: "2026-03-01", reached: { mql: "2026-03-01" } }, // window to 31 March: lapsed
    ];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 30, asOf: "2026-04-15" });
    expect(result.mature).toBe(false);
    expect([result.entered, result.converted, result.open, result.lapsed]).toEqual([3, 1, 1, 1]);
    expect(result.value?.toFixed(4)).toBe("0.3333");
    // The same cohort seen after 1 May is mature.
    expect(conversionRate(leads, { from: "mql", to: "sql", period: march, windowDays: 30, asOf: "2026-04-30" }).mature).toBe(true);
  });

  it("without a window, a cohort is mature once the period is over and nobody is left to convert", () => {
    const leads: Lead[] = [
      { id: "a", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-04" } },
      { id: "b", createdAt: "2026-03-01", reached: { mql: "2026-03-05" } },
    ];
    const open = conversionRate(leads, { from: "mql", to: "sql", period: march, asOf: "2026-12-31" });
    expect([open.open, open.lapsed, open.mature]).toEqual([1, 0, false]);
    const allConverted = conversionRate(leads.slice(0, 1), { from: "mql", to: "sql", period: march, asOf: "2026-12-31" });
    expect(allConverted.mature).toBe(true);
    const periodRunning = conversionRate(leads.slice(0, 1), { from: "mql", to: "sql", period: march, asOf: "2026-03-20" });
    expect(periodRunning.mature).toBe(false);
  });

  it("a lead reaching customer without a recorded quote is in the quote cohort, converted at once (implied)", () => {
    const leads: Lead[] = [
      { id: "skipper", createdAt: "2026-03-01", reached: { mql: "2026-03-01", sql: "2026-03-03", customer: "2026-03-20" } },
      { id: "quoted", createdAt: "2026-03-01", reached: { mql: "2026-03-01", sql: "2026-03-03", quote: "2026-03-10" } },
    ];
    const result = conversionRate(leads, { from: "quote", to: "customer", period: march, asOf: "2026-06-30", steps: standardFunnelSteps });
    expect([result.entered, result.converted, result.impliedFrom]).toEqual([2, 1, 1]);
    expect(result.value?.toString()).toBe("0.5");
  });

  it("reaching a later step implies the earlier one: an SQL without MQL counts as an MQL that converted", () => {
    const leads: Lead[] = [{ id: "direct", createdAt: "2026-03-01", reached: { sql: "2026-03-04" } }];
    const withSteps = conversionRate(leads, { from: "mql", to: "sql", period: march, asOf: "2026-06-30" });
    expect([withSteps.entered, withSteps.converted, withSteps.impliedFrom]).toEqual([1, 1, 1]);
    // With the funnel given, reaching customer (after sql) also implies sql.
    const customerOnly: Lead[] = [{ id: "c", createdAt: "2026-03-01", reached: { mql: "2026-03-02", customer: "2026-03-09" } }];
    expect(conversionRate(customerOnly, { from: "mql", to: "sql", period: march, asOf: "2026-06-30" }).converted).toBe(0);
    expect(conversionRate(customerOnly, { from: "mql", to: "sql", period: march, asOf: "2026-06-30", steps: standardFunnelSteps }).converted).toBe(1);
  });

  it("a from-step recorded after the to-step counts as reached at the to-step", () => {
    const leads: Lead[] = [{ id: "x", createdAt: "2026-02-01", reached: { mql: "2026-04-03", sql: "2026-03-10" } }];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, asOf: "2026-06-30" });
    expect([result.entered, result.converted]).toEqual([1, 1]);
  });

  it("reaches at or after asOf are not known yet", () => {
    const leads: Lead[] = [
      { id: "a", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-20" } },
      { id: "b", createdAt: "2026-03-01", reached: { mql: "2026-03-25" } },
    ];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, asOf: "2026-03-19" });
    expect([result.entered, result.converted, result.open]).toEqual([1, 0, 1]);
  });

  it("each lead counts once, and a cohort with nobody in it has no rate (null)", () => {
    const result = conversionRate([], { from: "mql", to: "sql", period: march, asOf: "2026-06-30" });
    expect(result.value).toBeNull();
    expect(result.entered).toBe(0);
  });

  it("groups by source, with leads without a source under (none), sorted", () => {
    const leads: Lead[] = [
      { id: "a", source: "web", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-05" } },
      { id: "b", source: "web", createdAt: "2026-03-01", reached: { mql: "2026-03-02" } },
      { id: "c", source: "event", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-03" } },
      { id: "d", createdAt: "2026-03-01", reached: { mql: "2026-03-02" } },
    ];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, asOf: "2026-06-30", groupBy: "source" });
    expect(result.groups.map((g) => [g.group, g.entered, g.converted])).toEqual([
      ["(none)", 1, 0],
      ["event", 1, 1],
      ["web", 2, 1],
    ]);
    expect(result.value?.toString()).toBe("0.5");
  });

  it("groups by owner list every rep of the roster, with zeros for reps without leads", () => {
    const prepared = prepareKpiData({
      reps: [{ id: "ann" }, { id: "bob" }],
      leads: [{ id: "a", owner: "ann", createdAt: "2026-03-01", reached: { mql: "2026-03-02", sql: "2026-03-05" } }],
    });
    const result = conversionRate(prepared, { from: "mql", to: "sql", period: march, asOf: "2026-06-30", groupBy: "owner" });
    expect(result.groups.map((g) => [g.group, g.entered, g.value?.toString() ?? null])).toEqual([
      ["ann", 1, "1"],
      ["bob", 0, null],
    ]);
  });
});

describe("conversionRate, period mode", () => {
  it("throughput may exceed 1: two March SQLs from February MQLs per one March MQL", () => {
    const leads: Lead[] = [
      { id: "a", createdAt: "2026-02-01", reached: { mql: "2026-02-10", sql: "2026-03-02" } },
      { id: "b", createdAt: "2026-02-01", reached: { mql: "2026-02-11", sql: "2026-03-03" } },
      { id: "c", createdAt: "2026-03-01", reached: { mql: "2026-03-05" } },
    ];
    const result = conversionRate(leads, { from: "mql", to: "sql", period: march, mode: "period", asOf: "2026-06-30" });
    expect([result.entered, result.converted]).toEqual([1, 2]);
    expect(result.value?.toString()).toBe("2");
    const cohort = conversionRate(leads, { from: "mql", to: "sql", period: march, asOf: "2026-06-30" });
    expect(cohort.value?.toString()).toBe("0");
  });
});

describe("conversionRate, bad options", () => {
  const leads: Lead[] = [];
  const base = { period: march, asOf: "2026-06-30" };
  it("rejects the same step twice, a step missing from steps, steps out of order and an empty period", () => {
    expect(() => conversionRate(leads, { ...base, from: "sql", to: "sql" })).toThrow(KpiDefinitionError);
    expect(() => conversionRate(leads, { ...base, from: "mql", to: "won", steps: ["mql", "sql"] })).toThrow(/step "won" is not in `steps`/);
    expect(() => conversionRate(leads, { ...base, from: "sql", to: "mql", steps: ["mql", "sql"] })).toThrow(/`from` must come before `to`/);
    expect(() => conversionRate(leads, { ...base, from: "mql", to: "sql", period: { from: "2026-04-01", to: "2026-03-01" } })).toThrow(KpiDefinitionError);
  });
  it("rejects windowDays in period mode and negative or fractional windows", () => {
    expect(() => conversionRate(leads, { ...base, from: "mql", to: "sql", mode: "period", windowDays: 7 })).toThrow(/only applies to mode "cohort"/);
    expect(() => conversionRate(leads, { ...base, from: "mql", to: "sql", windowDays: -1 })).toThrow(KpiDefinitionError);
    expect(() => conversionRate(leads, { ...base, from: "mql", to: "sql", windowDays: 1.5 })).toThrow(KpiDefinitionError);
  });
  it("a misspelt option is an error naming it: windowdays would have counted without a window", () => {
    const misspelt = { ...base, from: "mql", to: "sql", windowdays: 30 };
    expect(() => conversionRate(leads, misspelt)).toThrow(KpiDefinitionError);
    expect(() => conversionRate(leads, misspelt)).toThrow('windowdays: unknown option; did you mean "windowDays"?');
    expect(() => conversionRate(leads, { ...base, from: "mql", to: "sql", period: { ...march, until: "2026-05-01" } } as never)).toThrow("period.until: unknown option");
  });
  it("bad lead rows are input errors naming the row", () => {
    const bad = [{ id: "a", createdAt: "2026-03-01", reached: { mql: "yesterday" } }] as unknown as Lead[];
    expect(() => conversionRate(bad, { ...base, from: "mql", to: "sql" })).toThrow(KpiInputError);
    expect(() => conversionRate(bad, { ...base, from: "mql", to: "sql" })).toThrow(/leads\[0\]\.reached\.mql/);
  });
});
