import { describe, expect, it } from "vitest";
import { KpiDefinitionError, type Lead, conversionByAge } from "../../src/index.js";

describe("conversionByAge", () => {
  it("matches its documented example: January 1 of 2 within 7 days, 2 of 2 within 60; March too young for 60", () => {
    const matrix = conversionByAge(
      [
        { id: "a", createdAt: "2026-01-05", reached: { mql: "2026-01-05", sql: "2026-01-10" } },
        { id: "b", createdAt: "2026-01-20", reached: { mql: "2026-01-20", sql: "2026-03-01" } },
        { id: "c", createdAt: "2026-03-02", reached: { mql: "2026-03-02" } },
      ],
      { from: "mql", to: "sql", cohorts: { from: "2026-01-01", to: "2026-04-01", grain: "month" }, ages: [7, 60], asOf: "2026-04-30" },
    );
    expect(matrix.table.rows).toEqual([
      ["2026-01", 2, "0.5", "1"],
      ["2026-02", 0, null, null],
      ["2026-03", 1, "0", null],
    ]);
    expect(matrix.table.columns).toEqual(["cohort", "entered", "7 days", "60 days"]);
    const march60 = matrix.cohorts[2]?.cells[1];
    // the March cohort reaches 60 days when a lead of 31 March has had its 60 days: the end of 30 May
    expect([march60?.mature, march60?.value, march60?.ratio, march60?.windowEnd]).toEqual([false, null, null, "2026-05-31T00:00:00+00:00"]);
    // February is mature but empty: no value, not 0
    expect([matrix.cohorts[1]?.cells[1]?.mature, matrix.cohorts[1]?.cells[1]?.value]).toEqual([true, null]);
  });

  it("a young cohort is not shown as a low rate: week-old leads converting in 30 days are immature, not 0 %", () => {
    const leads: Lead[] = [
      { id: "old1", createdAt: "2026-01-03", reached: { mql: "2026-01-03", sql: "2026-01-25" } },
      { id: "old2", createdAt: "2026-01-04", reached: { mql: "2026-01-04" } },
      { id: "new1", createdAt: "2026-03-24", reached: { mql: "2026-03-24" } },
    ];
    const matrix = conversionByAge(leads, { from: "mql", to: "sql", cohorts: { from: "2026-01-01", to: "2026-04-01", grain: "month" }, ages: [7, 30], asOf: "2026-03-31" });
    expect(matrix.table.rows[0]).toEqual(["2026-01", 2, "0", "0.5"]);
    expect(matrix.table.rows[2]).toEqual(["2026-03", 1, null, null]);
  });

  it("the window counts whole local days, inclusive, in the calendar's zone (Amsterdam)", () => {
    // mql 1 March 23:30 Amsterdam (22:30 UTC); sql 8 March 23:59 local = within 7 days; 9 March 00:10 local is not
    const leads = [
      { id: "in", createdAt: "2026-03-01T22:30:00Z", reached: { mql: "2026-03-01T22:30:00Z", sql: "2026-03-08T22:59:00Z" } },
      { id: "out", createdAt: "2026-03-01T22:30:00Z", reached: { mql: "2026-03-01T22:30:00Z", sql: "2026-03-08T23:10:00Z" } },
    ];
    const matrix = conversionByAge(leads, {
      from: "mql",
      to: "sql",
      cohorts: { from: "2026-03-01", to: "2026-03-02", grain: "day" },
      ages: [7],
      asOf: "2026-12-31",
      calendar: { timeZone: "Europe/Amsterdam" },
    });
    expect(matrix.table.rows).toEqual([["2026-03-01", 2, "0.5"]]);
  });

  it("ages must increase; from and to must differ", () => {
    const options = { from: "mql", to: "sql", cohorts: { from: "2026-01-01", to: "2026-02-01", grain: "month" as const }, asOf: "2026-03-01" };
    expect(() => conversionByAge([], { ...options, ages: [30, 7] })).toThrow(KpiDefinitionError);
    expect(() => conversionByAge([], { ...options, to: "mql" })).toThrow(KpiDefinitionError);
    expect(conversionByAge([], options).ages).toEqual([7, 14, 30, 60, 90]);
  });
});
