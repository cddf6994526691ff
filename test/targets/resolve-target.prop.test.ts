import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR, periodOf } from "../../src/index.js";
import { resolveTarget } from "../../src/targets/resolve-target.js";

const months = ["2026-08", "2026-09", "2026-10"];
const reps = ["ann", "bob", "cy"];
const row = fc.record({
  kpi: fc.constantFrom("calls", "revenue"),
  who: fc.constantFrom("ann", "bob", "cy", "team:north", "all"),
  period: fc.constantFrom(...months),
  value: fc.integer({ min: 0, max: 10_000 }),
});
const rowsArb = fc.uniqueArray(row, { selector: (r) => `${r.kpi}/${r.who}/${r.period}`, maxLength: 20 }).map((rows) =>
  rows.map((r) => ({ kpi: r.kpi, period: r.period, value: r.value, ...(r.who === "all" ? {} : r.who.startsWith("team:") ? { team: r.who.slice(5) } : { owner: r.who }) })),
);
const period = (label: string) => periodOf(Date.parse(`${label}-15T00:00:00Z`), "month", DEFAULT_CALENDAR);

describe("explicit target properties", () => {
  it("an explicit target always wins, whatever is derived", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom("calls", "revenue"), fc.constantFrom(...months), fc.constantFrom("ann", "bob", "cy", "team:north", "all"), fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), (rows, kpi, month, who, derived) => {
        const query = who === "all" ? {} : who.startsWith("team:") ? { team: who.slice(5) } : { owner: who };
        const result = resolveTarget(rows, { kpi, period: period(month), ...query, reps, derived, derivedByRep: { ann: derived, bob: derived, cy: derived } });
        const explicit = rows.find((r) => r.kpi === kpi && r.period === month && (r as { owner?: string }).owner === (query as { owner?: string }).owner && (r as { team?: string }).team === (query as { team?: string }).team);
        if (explicit !== undefined) {
          expect(result.source).toBe("explicit");
          expect(result.value?.toString()).toBe(String(explicit.value));
        } else expect(result.source).not.toBe("explicit");
        // a team's sum of reps is exactly the sum of its parts
        if (result.source === "sum-of-reps") expect(result.value?.toString()).toBe(String(result.parts!.reduce((s, p) => s + Number(p.value), 0)));
      }),
      { numRuns: 300 },
    );
  });

  it("row order never changes the result", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(...months), (rows, month) => {
        const query = { kpi: "calls", period: period(month), reps, derived: 5 };
        expect(resolveTarget([...rows].reverse(), query)).toMatchObject({ value: resolveTarget(rows, query).value, source: resolveTarget(rows, query).source });
      }),
      { numRuns: 100 },
    );
  });
});
