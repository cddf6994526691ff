import { describe, expect, it } from "vitest";
import {
  KpiDefinitionError,
  KpiInputError,
  measureSeries,
  measureTotals,
  prepareKpiData,
  type KpiData,
  type KpiSeries,
} from "../../src/index.js";

import { proposalPipeline as pipeline } from "../pipeline/fixtures.js";

const show = (series: KpiSeries): string[] =>
  series.points.map((p) => `${p.period.label}${p.group === null ? "" : ` ${p.group}`} ${p.value === null ? "null" : p.value.toString()}`);

describe("measureSeries", () => {
  it("counts calls per month, an empty month is 0 (the doc example)", () => {
    const series = measureSeries(
      {
        activities: [
          { owner: "ann", type: "call", at: "2026-01-05" },
          { owner: "ann", type: "call", at: "2026-02-10", quantity: 3 },
          { owner: "bob", type: "email", at: "2026-02-11" },
        ],
      },
      { kind: "count", source: "activities", where: { type: "call" } },
      { from: "2026-01-01", to: "2026-04-01", grain: "month" },
    );
    expect(show(series)).toEqual(["2026-01 1", "2026-02 3", "2026-03 0"]);
    expect(series.rowsUsed).toBe(2);
    expect(series.additive).toBe(true);
  });

  it("a deal won at 23:30 on 31 March in Amsterdam counts in March", () => {
    const data: KpiData = {
      pipeline,
      deals: [{ id: "d1", owner: "ann", amount: "1000", stage: "won", createdAt: "2026-03-01", closedAt: "2026-03-31T23:30:00+02:00" }],
    };
    const series = measureSeries(
      data,
      { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } },
      { from: "2026-03-01", to: "2026-05-01", grain: "month", calendar: { timeZone: "Europe/Amsterdam" } },
    );
    expect(show(series)).toEqual(["2026-03 1000", "2026-04 0"]);
  });

  it("a new rep in the roster with no calls is a row of zeros, and a named group appears too", () => {
    const series = measureSeries(
      { reps: [{ id: "ann", team: "north" }, { id: "newbie", team: "north" }], activities: [{ owner: "ann", type: "call", at: "2026-01-05", quantity: 2 }] },
      { kind: "count", source: "activities" },
      { from: "2026-01-01", to: "2026-03-01", grain: "month", groupBy: "owner", groups: ["zed"] },
    );
    expect(show(series)).toEqual(["2026-01 ann 2", "2026-01 newbie 0", "2026-01 zed 0", "2026-02 ann 0", "2026-02 newbie 0", "2026-02 zed 0"]);
  });

  it("a measure filtered to one rep does not list the other roster reps as zeros", () => {
    const series = measureSeries(
      { reps: [{ id: "ann" }, { id: "bob" }], activities: [{ owner: "ann", type: "call", at: "2026-01-05" }, { owner: "bob", type: "call", at: "2026-01-05" }] },
      { kind: "count", source: "activities", where: { owner: "ann" } },
      { from: "2026-01-01", to: "2026-02-01", grain: "month", groupBy: "owner" },
    );
    expect(show(series)).toEqual(["2026-01 ann 1"]);
  });

  it("rows outside [from, to) do not count even when their period is in the series (partial first/last period)", () => {
    const series = measureSeries(
      { activities: [{ owner: "ann", type: "call", at: "2026-01-03" }, { owner: "ann", type: "call", at: "2026-01-20" }, { owner: "ann", type: "call", at: "2026-02-20" }] },
      { kind: "count", source: "activities" },
      { from: "2026-01-10", to: "2026-02-15", grain: "month" },
    );
    expect(show(series)).toEqual(["2026-01 1", "2026-02 0"]);
    expect(series.range?.fromMs).toBe(Date.UTC(2026, 0, 10));
    expect(series.bounds.startMs).toBe(Date.UTC(2026, 0, 1));
  });

  it("a row exactly at `from` counts, a row exactly at `to` does not (half-open range)", () => {
    const series = measureSeries(
      { pipeline, deals: [
        { id: "d1", owner: "ann", amount: 1, stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-10T08:00:00Z" },
        { id: "d2", owner: "ann", amount: 2, stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-20T08:00:00Z" },
      ] },
      { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } },
      { from: "2026-01-10T08:00:00Z", to: "2026-01-20T08:00:00Z", grain: "month" },
    );
    expect(show(series)).toEqual(["2026-01 1"]);
  });

  it("meetings per call is a ratio per month, null when there were no calls", () => {
    const series = measureSeries(
      {
        activities: [
          { owner: "ann", type: "call", at: "2026-01-05", quantity: 4 },
          { owner: "ann", type: "meeting", at: "2026-01-06" },
          { owner: "ann", type: "meeting", at: "2026-02-06" },
        ],
      },
      { kind: "ratio", numerator: { kind: "count", source: "activities", where: { type: "meeting" } }, denominator: { kind: "count", source: "activities", where: { type: "call" } } },
      { from: "2026-01-01", to: "2026-03-01", grain: "month" },
    );
    expect(show(series)).toEqual(["2026-01 0.25", "2026-02 null"]);
    expect(series.points[1]?.ratio?.numerator.toString()).toBe("1");
    expect(series.additive).toBe(false);
  });

  it("new customers count an account only in the month of its first won deal, even when that is before the range", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        { id: "a1", owner: "ann", account: "acme", stage: "won", createdAt: "2025-12-01", closedAt: "2025-12-15" },
        { id: "a2", owner: "ann", account: "acme", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-10" },
        { id: "g1", owner: "bob", account: "globex", stage: "lost", createdAt: "2026-01-01", closedAt: "2026-01-05" },
        { id: "g2", owner: "bob", account: "globex", stage: "won", createdAt: "2026-01-01", closedAt: "2026-02-05" },
        { id: "i1", owner: "ann", account: "initech", stage: "won", createdAt: "2026-01-01", closedAt: "2026-02-07" },
      ],
    };
    const series = measureSeries(
      data,
      { kind: "distinct", source: "deals", key: "account", at: "closedAt", first: true, where: { outcome: "won" } },
      { from: "2026-01-01", to: "2026-03-01", grain: "month", groupBy: "owner" },
    );
    expect(show(series)).toEqual(["2026-01 ann 0", "2026-01 bob 0", "2026-02 ann 1", "2026-02 bob 1"]);
  });

  it("distinct accounts without `first` count each account once per period", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        { id: "a1", owner: "ann", account: "acme", stage: "proposal", createdAt: "2026-01-02" },
        { id: "a2", owner: "ann", account: "acme", stage: "proposal", createdAt: "2026-01-03" },
        { id: "b1", owner: "ann", stage: "proposal", createdAt: "2026-01-03" },
      ],
    };
    const series = measureSeries(data, { kind: "distinct", source: "deals", key: "account", at: "createdAt" }, { from: "2026-01-01", to: "2026-02-01", grain: "month" });
    expect(show(series)).toEqual(["2026-01 1"]);
    expect(series.skippedReasons).toEqual({ "no-account": 1 });
  });

  it("leads are counted when they first reached the step", () => {
    const series = measureSeries(
      {
        leads: [
          { id: "l1", createdAt: "2026-01-02", reached: { sql: "2026-02-03" } },
          { id: "l2", createdAt: "2026-01-05", reached: { sql: "2026-01-20" } },
          { id: "l3", createdAt: "2026-01-06" },
        ],
      },
      { kind: "count", source: "leads", step: "sql" },
      { from: "2026-01-01", to: "2026-03-01", grain: "month" },
    );
    expect(show(series)).toEqual(["2026-01 1", "2026-02 1"]);
  });

  it("a lead without owner is skipped and counted when grouping by owner", () => {
    const series = measureSeries(
      { leads: [{ id: "l1", owner: "ann", createdAt: "2026-01-02" }, { id: "l2", createdAt: "2026-01-05" }] },
      { kind: "count", source: "leads", at: "createdAt" },
      { from: "2026-01-01", to: "2026-02-01", grain: "month", groupBy: "owner" },
    );
    expect(show(series)).toEqual(["2026-01 ann 1"]);
    expect(series.rowsSkipped).toBe(1);
    expect(series.skippedReasons).toEqual({ "no-owner": 1 });
  });

  it("refuses to add euros and dollars", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        { id: "d1", owner: "ann", amount: 10, currency: "EUR", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-02" },
        { id: "d2", owner: "ann", amount: 10, currency: "USD", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-02" },
      ],
    };
    const measure = { kind: "sum", source: "deals", field: "amount", at: "closedAt" } as const;
    const range = { from: "2026-01-01", to: "2026-02-01", grain: "month" } as const;
    expect(() => measureSeries(data, measure, range)).toThrow(expect.objectContaining({ code: "mixed-currencies" }));
    const eur = measureSeries(data, { ...measure, where: { currency: "EUR" } }, range);
    expect(show(eur)).toEqual(["2026-01 10"]);
    expect(eur.currency).toBe("EUR");
  });

  it("a deal without amount is an error naming deals[i].amount, or skipped and counted", () => {
    const data: KpiData = {
      pipeline,
      deals: [
        { id: "d1", owner: "ann", amount: "5.5", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-02" },
        { id: "d2", owner: "ann", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-03" },
      ],
    };
    const measure = { kind: "sum", source: "deals", field: "amount", at: "closedAt" } as const;
    const range = { from: "2026-01-01", to: "2026-02-01", grain: "month" } as const;
    try {
      measureSeries(data, measure, range);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KpiInputError);
      expect((error as KpiInputError).issues[0]?.path).toEqual(["deals", 1, "amount"]);
    }
    const skipped = measureSeries(data, measure, { ...range, missingAmount: "skip" });
    expect(show(skipped)).toEqual(["2026-01 5.5"]);
    expect(skipped.skippedReasons).toEqual({ "missing-amount": 1 });
  });

  it("builtin measures are not computed here", () => {
    try {
      measureSeries({}, { kind: "builtin", id: "win-rate" }, { from: "2026-01-01", to: "2026-02-01", grain: "month" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KpiDefinitionError);
      expect((error as KpiDefinitionError).code).toBe("invalid-definition");
      expect((error as Error).message).toContain("own function");
    }
  });

  it("rejects filters that do not apply and an empty range", () => {
    const bad = { kind: "count", source: "activities", where: { outcome: "won" } } as unknown as Parameters<typeof measureSeries>[1];
    expect(() => measureSeries({}, bad, { from: "2026-01-01", to: "2026-02-01", grain: "month" })).toThrow(KpiDefinitionError);
    expect(() =>
      measureSeries({}, { kind: "count", source: "activities" }, { from: "2026-02-01", to: "2026-01-01", grain: "month" }),
    ).toThrow(KpiDefinitionError);
    expect(() =>
      measureSeries({}, { kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-01", grain: "month", groupBy: "source" }),
    ).toThrow(KpiDefinitionError);
    expect(() =>
      measureSeries({}, { kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-01", grain: "month", groups: ["ann"] }),
    ).toThrow(KpiDefinitionError);
  });

  it("amount per lead by product: the definition error (leads have no product) comes before the deals' missing amounts", () => {
    // The numerator alone would fail on the deal without an amount; the breakdown is wrong
    // whatever the data holds, so that is the error, as on a database.
    const data: KpiData = {
      pipeline,
      deals: [{ id: "d1", owner: "ann", stage: "proposal", product: "pro", createdAt: "2026-01-05" }],
      leads: [{ id: "l1", createdAt: "2026-01-06", reached: {} }],
    };
    const perLead = {
      kind: "ratio",
      numerator: { kind: "sum", source: "deals", field: "amount", at: "createdAt" },
      denominator: { kind: "count", source: "leads", at: "createdAt" },
    } as const;
    const options = { from: "2026-01-01", to: "2026-02-01", grain: "month", groupBy: "product" } as const;
    try {
      measureSeries(data, perLead, options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KpiDefinitionError);
      expect((error as Error).message).toContain("leads cannot be grouped by product");
    }
    expect(() => measureTotals(data, perLead, { from: options.from, to: options.to, groupBy: "product" })).toThrow(/leads cannot be grouped by product/);
    // Without the breakdown the missing amount is the error.
    expect(() => measureSeries(data, perLead, { ...options, groupBy: undefined })).toThrow(KpiInputError);
  });

  it("a misspelt option is an error naming it, not silently ignored: groupby is not groupBy", () => {
    const data: KpiData = { activities: [{ owner: "ann", type: "call", at: "2026-01-05" }] };
    const misspelt = { from: "2026-01-01", to: "2026-02-01", grain: "month" as const, groupby: "owner" };
    try {
      measureSeries(data, { kind: "count", source: "activities" }, misspelt);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KpiDefinitionError);
      expect((error as KpiDefinitionError).issues.map((issue) => issue.path)).toEqual([["groupby"]]);
      expect((error as Error).message).toContain('groupby: unknown option; did you mean "groupBy"?');
    }
    expect(() => measureTotals(data, { kind: "count", source: "activities" }, misspelt)).toThrow(/groupby: unknown option/);
  });

  it("accepts prepared data and does not mutate the input", () => {
    const data: KpiData = { activities: [{ owner: "ann", type: "call", at: "2026-01-05" }] };
    const copy = structuredClone(data);
    const prepared = prepareKpiData(data, { calendar: { timeZone: "America/New_York" } });
    const series = measureSeries(prepared, { kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-01", grain: "month" });
    expect(show(series)).toEqual(["2026-01 1"]);
    expect(data).toEqual(copy);
  });
});

describe("measureTotals", () => {
  it("gives per-rep totals with zero rows for roster reps, and the team total (the doc example)", () => {
    const totals = measureTotals(
      {
        activities: [
          { owner: "ann", type: "call", at: "2026-01-05", quantity: 2 },
          { owner: "bob", type: "call", at: "2026-01-06" },
        ],
        reps: [{ id: "ann" }, { id: "bob" }, { id: "cem" }],
      },
      { kind: "count", source: "activities", where: { type: "call" } },
      { from: "2026-01-01", to: "2026-02-01", groupBy: "owner" },
    );
    expect(totals.byGroup.map((t) => `${t.group} ${t.value}`)).toEqual(["ann 2", "bob 1", "cem 0"]);
    expect(totals.total.value?.toString()).toBe("3");
  });

  it("a team distinct count counts an account once even when two reps sold to it", () => {
    const totals = measureTotals(
      {
        pipeline,
        deals: [
          { id: "d1", owner: "ann", account: "acme", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-02" },
          { id: "d2", owner: "bob", account: "acme", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-03" },
        ],
      },
      { kind: "distinct", source: "deals", key: "account", at: "closedAt" },
      { from: "2026-01-01", to: "2026-02-01", groupBy: "owner" },
    );
    expect(totals.byGroup.map((t) => `${t.group} ${t.value}`)).toEqual(["ann 1", "bob 1"]);
    expect(totals.total.value?.toString()).toBe("1");
  });
});
