// The cases of issue 18, one by one: each answered with a result or a Kpi error, quickly,
// with no NaN/Infinity/-0 and the input untouched.
import { describe, expect, it } from "vitest";
import {
  attainment,
  auditKpiSet,
  cac,
  catalogKpi,
  closeRate,
  conversionRate,
  createPeriodIndex,
  enps,
  evaluateRolling,
  formatValue,
  funnel,
  isDecimalLike,
  isPrepared,
  KpiDecimal,
  KpiDefinitionError,
  KpiInputError,
  measureSeries,
  parseAsOf,
  parseInstant,
  periodOf,
  periodsBetween,
  prepareKpiData,
  quarterlyTargets,
  ratio,
  repsOnTrack,
  repTurnover,
  resolveCalendar,
  returnedLeads,
  toDecimal,
  toMarkdown,
  toHtml,
  trailingWindow,
} from "../../src/index.js";
import { badNumbers, picture } from "./inspect.js";

const kpiError = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiInputError || error instanceof KpiDefinitionError) return error;
    throw error;
  }
  throw new Error("expected a Kpi error");
};

const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" as const }, { id: "won", probability: 1, outcome: "won" as const }] };

describe("1. valid input in zones with second offsets ends, with periods of the right length", () => {
  it("a monthly series of 1850 in Amsterdam returns two months", () => {
    const series = measureSeries({ activities: [] }, { kind: "count", source: "activities" }, { from: "1850-01-01", to: "1850-03-01", grain: "month", calendar: { timeZone: "Europe/Amsterdam" } });
    expect(series.periods.map((p) => p.label)).toEqual(["1850-01", "1850-02"]);
  });

  it("quarterly targets for the year 1000 in Kathmandu split into four quarters", () => {
    const result = quarterlyTargets(100, { year: 1000, calendar: { timeZone: "Asia/Kathmandu" } });
    expect(result.quarters.map((q) => q.target.toString())).toEqual(["25", "25", "25", "25"]);
  });

  it("a 3-day trailing window in Kathmandu in 1850 holds 3 local days", () => {
    const window = trailingWindow("1850-01-14", 3, { timeZone: "Asia/Kathmandu" });
    expect([window.firstDay, window.lastDay]).toEqual(["1850-01-12", "1850-01-14"]);
    expect(window.endMs - window.startMs).toBe(3 * 86_400_000);
  });
});

describe("2. a huge decimal is an input error, never an endless render", () => {
  it("an amount of 1e9000000000000000 is rejected with its path", () => {
    const error = kpiError(() => prepareKpiData({ pipeline, deals: [{ id: "d1", owner: "ann", stage: "open", createdAt: "2026-01-01", amount: "1e9000000000000000" }] }));
    expect(error).toBeInstanceOf(KpiInputError);
    expect(error.issues[0]?.path).toEqual(["deals", 0, "amount"]);
  });

  it("an amount with 11 decimals or of 10^18 is rejected; 10 decimals and 10^18 − 1 are amounts", () => {
    const deal = (amount: string) => ({ id: "d1", owner: "ann", stage: "open", createdAt: "2026-01-01", amount });
    expect(() => prepareKpiData({ pipeline, deals: [deal("0.12345678901")] })).toThrow(KpiInputError);
    expect(() => prepareKpiData({ pipeline, deals: [deal("1000000000000000000")] })).toThrow(KpiInputError);
    expect(prepareKpiData({ pipeline, deals: [deal("0.1234567890"), { ...deal("999999999999999999"), id: "d2" }] })).toBeDefined();
  });

  it("formatValue shows a value of 10^30 (a sum past the input bound) in a few characters", () => {
    expect(formatValue(new KpiDecimal("1e30"), "currency")).toBe("1e+30");
    expect(formatValue(new KpiDecimal("123456789012345678"), "count")).toBe("1.235e+17");
  });
});

describe("3. ranges have a bound", () => {
  it("a day grain from the year 0100 to 2100 is a KpiDefinitionError that says how many periods were asked for", () => {
    const error = kpiError(() => measureSeries({ activities: [] }, { kind: "count", source: "activities" }, { from: "0100-01-01", to: "2100-01-01", grain: "day" }));
    expect(error).toBeInstanceOf(KpiDefinitionError);
    expect(error.message).toContain("730,485 periods");
  });

  it("instants outside the years 0001–9999 are input errors: new Date(8.64e15), 0000-01-01", () => {
    expect(kpiError(() => measureSeries({ activities: [] }, { kind: "count", source: "activities" }, { from: "2026-01-01", to: new Date(8.64e15), grain: "year" })).message).toContain("years 0001 to 9999");
    expect(kpiError(() => parseAsOf("0000-01-01"))).toBeInstanceOf(KpiInputError);
    expect(kpiError(() => periodOf(-8.64e15, "day"))).toBeInstanceOf(KpiInputError);
  });
});

describe("4. plain bad arguments are Kpi errors, not TypeErrors", () => {
  const cases: Array<[string, () => unknown]> = [
    ["prepareKpiData({}, null)", () => prepareKpiData({}, null as never)],
    ["conversionRate(NaN, …)", () => conversionRate(Number.NaN as never, { from: "mql", to: "sql", period: { from: "2026-01-01", to: "2026-02-01" }, asOf: "2026-03-01" })],
    ["funnel(NaN, …)", () => funnel(Number.NaN as never, ["mql", "sql"], { period: { from: "2026-01-01", to: "2026-02-01" }, asOf: "2026-03-01" })],
    ["closeRate(0, …)", () => closeRate(0 as never, { period: { from: "2026-01-01", to: "2026-02-01" }, asOf: "2026-03-01" })],
    ["returnedLeads(0, …)", () => returnedLeads(0 as never, { from: "2026-01-01", to: "2026-02-01" })],
    ["repTurnover(NaN, …)", () => repTurnover(Number.NaN as never, { period: { from: "2026-01-01", to: "2026-02-01" } })],
    ["auditKpiSet()", () => (auditKpiSet as (...args: unknown[]) => unknown)()],
    ["repsOnTrack()", () => (repsOnTrack as (...args: unknown[]) => unknown)()],
    ["repsOnTrack([null])", () => repsOnTrack([null] as never)],
    ["evaluateRolling with a window of 0 days", () => evaluateRolling({ activities: [] }, { kind: "count", source: "activities" }, { dailyRate: null, direction: "higher-is-better", uplift: new KpiDecimal(0), basis: { periods: [], days: 0, value: null }, windows: [{ days: 0, baseline: null, target: null }], sufficient: false }, { asOf: "2026-03-01" })],
    ['attainment("1.01", { value: NaN })', () => attainment("1.01", { value: Number.NaN } as never)],
    ["catalogKpi(Symbol())", () => catalogKpi(Symbol() as never)],
    ["toDecimal(undefined)", () => toDecimal(undefined as never)],
    ["ratio()", () => (ratio as (...args: unknown[]) => unknown)()],
    ['periodOf("", "year", {})', () => periodOf("", "year", {})],
    ['createPeriodIndex("x")', () => createPeriodIndex("x" as never)],
    ["periodsBetween(NaN, …)", () => periodsBetween(Number.NaN, Date.UTC(2026, 0, 1), "day")],
    ["trailingWindow with 0 days", () => trailingWindow("2026-01-01", 0)],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      expect(kpiError(run)).toBeDefined();
    });
  }

  it('parseInstant("2024-07-01", NaN) blames the calendar, not the instant', () => {
    const error = kpiError(() => parseInstant("2024-07-01", Number.NaN as never));
    expect(error).toBeInstanceOf(KpiDefinitionError);
    expect(error.issues[0]?.path[0]).toBe("calendar");
  });

  it("isDecimalLike answers false, never throws, for an object tagged [object Decimal]", () => {
    expect(isDecimalLike({ [Symbol.toStringTag]: "Decimal", d: [1], e: 9e15, s: 1 })).toBe(false);
    expect(isDecimalLike(new KpiDecimal("12.5"))).toBe(true);
  });
});

describe("5. results passed back in are checked", () => {
  it("a scorecard with a wrong field is a KpiInputError naming it", () => {
    const error = kpiError(() => toMarkdown({ title: 5 } as never));
    expect(error).toBeInstanceOf(KpiInputError);
    expect(error.issues[0]?.path[0]).toBe("scorecard");
  });

  it("prepared data cannot be forged with a symbol, and a copy of prepared data is raw data", () => {
    const prepared = prepareKpiData({ activities: [] });
    expect(isPrepared(prepared)).toBe(true);
    expect(isPrepared({ ...prepared })).toBe(false);
    expect(isPrepared({ [Symbol.for("sales-kpi.prepared")]: true, calendar: resolveCalendar(undefined), deals: "x" })).toBe(false);
  });

  it("prepared data with a calendar or pipeline option that differs is a KpiDefinitionError", () => {
    const prepared = prepareKpiData({ pipeline, activities: [] });
    expect(kpiError(() => prepareKpiData(prepared, { calendar: { timeZone: "Europe/Amsterdam" } })).code).toBe("calendar-mismatch");
    expect(kpiError(() => prepareKpiData(prepared, { pipeline: { stages: [{ id: "x", probability: 0.1, outcome: "open" }] } })).code).toBe("pipeline-mismatch");
    expect(prepareKpiData(prepared, { pipeline })).toBe(prepared);
    expect(kpiError(() => prepareKpiData({}, { invalidrows: "skip" } as never)).message).toContain('did you mean "invalidRows"');
  });
});

describe("6. inputs are never changed, not even frozen", () => {
  it("funnel with bad options leaves the steps array unfrozen", () => {
    const steps = ["mql", "sql"];
    const options = {};
    expect(() => funnel([], steps, options as never)).toThrow(KpiDefinitionError);
    expect(Object.isFrozen(steps)).toBe(false);
    expect(Object.isFrozen(options)).toBe(false);
  });

  it("conversionRate leaves its steps option as it was", () => {
    const options = { from: "mql", to: "sql", steps: ["mql", "sql"], period: { from: "2026-01-01", to: "2026-02-01" }, asOf: "2026-03-01" };
    const before = picture(options);
    conversionRate([], options);
    expect(picture(options)).toBe(before);
  });
});

describe("7. no NaN, Infinity or -0 leaves the library", () => {
  it("formatValue of an infinite value is a KpiInputError, not Infinity%", () => {
    expect(kpiError(() => formatValue(new KpiDecimal(Number.POSITIVE_INFINITY), "ratio"))).toBeInstanceOf(KpiInputError);
  });

  it("a forged Decimal is not read as Infinity by toDecimal, ratio or attainment", () => {
    const forged = { [Symbol.toStringTag]: "Decimal", constructor: { name: "Decimal" }, d: [1], e: 9e15, s: 1 };
    expect(kpiError(() => toDecimal(forged as never))).toBeInstanceOf(KpiInputError);
    expect(kpiError(() => ratio(forged as never, 1))).toBeInstanceOf(KpiInputError);
    expect(kpiError(() => attainment(forged as never, 1))).toBeInstanceOf(KpiInputError);
  });

  it("-0 in gives 0 out: resolveCalendar, cac, enps, trailingWindow", () => {
    expect(Object.is(resolveCalendar({ weekStartsOn: -0 as 0 }).weekStartsOn, 0)).toBe(true);
    expect(badNumbers(cac(-0, 3))).toEqual([]);
    expect(badNumbers(cac(100, -0 as number))).toEqual([]);
    expect(badNumbers(enps([-0, 9, 10]))).toEqual([]);
    expect(badNumbers(trailingWindow(-0 as number, 1))).toEqual([]);
  });
});

describe("8. renderers: output size linear in the rows, data escaped", () => {
  it("a 50,000-character name is cut to 200 characters with an ellipsis in every text renderer", () => {
    const data = { reps: [{ id: "x".repeat(50_000) }], activities: [{ owner: "x".repeat(50_000), type: "call", at: "2026-03-10" }] };
    const card = (awaitCard(data));
    expect(toMarkdown(card).length).toBeLessThan(20_000);
    expect(toHtml(card).length).toBeLessThan(60_000);
    expect(toMarkdown(card)).toContain(`${"x".repeat(199)}…`);
  });
});

import { scorecard, kpiCatalog } from "../../src/index.js";
function awaitCard(data: object) {
  return scorecard(data, { kpis: [kpiCatalog.find((kpi) => kpi.id === "sales-conversations-per-week") ?? kpiCatalog[0]!], asOf: "2026-04-15" });
}
