import { describe, expect, it } from "vitest";
import { type Lead, prepareKpiData, returnedLeads } from "../../src/index.js";

describe("returnedLeads", () => {
  it("the documented example: one return in January, none in February, one in March", () => {
    const series = returnedLeads(
      [
        { id: "a", createdAt: "2026-01-05", returnedAt: "2026-01-20" },
        { id: "b", createdAt: "2026-01-06", returnedAt: "2026-03-02" },
        { id: "c", createdAt: "2026-01-07" },
      ],
      { from: "2026-01-01", to: "2026-04-01", grain: "month" },
    );
    expect(series.points.map((p) => `${p.period.label}: ${p.value?.toString()}`)).toEqual(["2026-01: 1", "2026-02: 0", "2026-03: 1"]);
    expect(series.rowsUsed).toBe(2);
    expect(series.additive).toBe(true);
  });

  it("counts a return in the local month: 23:30 on 31 March in Amsterdam is March", () => {
    const leads: Lead[] = [{ id: "a", createdAt: "2026-03-01", returnedAt: "2026-03-31T23:30:00+02:00" }];
    const amsterdam = returnedLeads(leads, { from: "2026-03-01", to: "2026-05-01", calendar: { timeZone: "Europe/Amsterdam" } });
    expect(amsterdam.points.map((p) => p.value?.toString())).toEqual(["1", "0"]);
    const utc = returnedLeads(leads, { from: "2026-03-01", to: "2026-05-01" });
    expect(utc.points.map((p) => p.value?.toString())).toEqual(["1", "0"]);
    const newYork = returnedLeads([{ id: "b", createdAt: "2026-03-01", returnedAt: "2026-04-01T02:00:00Z" }], {
      from: "2026-03-01",
      to: "2026-05-01",
      calendar: { timeZone: "America/New_York" },
    });
    expect(newYork.points.map((p) => p.value?.toString())).toEqual(["1", "0"]); // 22:00 on 31 March in New York
  });

  it("per owner, with every roster rep present and zero-filled", () => {
    const data = prepareKpiData({
      reps: [{ id: "ann" }, { id: "bob" }],
      leads: [
        { id: "a", owner: "ann", createdAt: "2026-01-05", returnedAt: "2026-02-20" },
        { id: "b", owner: "ann", createdAt: "2026-01-05", returnedAt: "2026-02-21" },
      ],
    });
    const series = returnedLeads(data, { from: "2026-01-01", to: "2026-03-01", groupBy: "owner" });
    expect(series.groups).toEqual(["ann", "bob"]);
    expect(series.points.map((p) => `${p.period.label} ${p.group}: ${p.value?.toString()}`)).toEqual([
      "2026-01 ann: 0",
      "2026-01 bob: 0",
      "2026-02 ann: 2",
      "2026-02 bob: 0",
    ]);
  });
});
