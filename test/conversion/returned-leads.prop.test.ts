import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { returnedLeads } from "../../src/index.js";
import { leadRowsArb, zoneArb } from "./lead-fixtures.js";

describe("returnedLeads properties", { timeout: 30_000 }, () => {
  it("per-owner counts add up to the team count in every period, and the total is every return in the covered range", () => {
    fc.assert(
      fc.property(
        leadRowsArb(20).chain((leads) =>
          fc.tuple(fc.constant(leads), fc.array(fc.option(fc.integer({ min: 0, max: 80 * 86_400_000 }), { nil: undefined }), { minLength: leads.length, maxLength: leads.length })),
        ),
        zoneArb,
        fc.constantFrom("week" as const, "month" as const),
        ([leads, returns], zone, grain) => {
          const rows = leads.map((lead, i) => {
            const offset = returns[i];
            return offset === undefined ? lead : { ...lead, returnedAt: new Date(Date.parse("2026-02-25T00:00:00Z") + offset).toISOString() };
          });
          const options = { from: "2026-03-01", to: "2026-05-01", grain, calendar: { timeZone: zone } };
          const team = returnedLeads(rows, options);
          const byOwner = returnedLeads(rows, { ...options, groupBy: "owner" });
          team.periods.forEach((period) => {
            const teamPoint = team.points.find((p) => p.period.startMs === period.startMs);
            const sum = byOwner.points.filter((p) => p.period.startMs === period.startMs).reduce((s, p) => s + Number(p.value?.toString()), 0);
            expect(sum).toBe(Number(teamPoint?.value?.toString()));
          });
          const inRange = rows.filter((r) => r.returnedAt !== undefined && Date.parse(String(r.returnedAt)) >= team.bounds.startMs && Date.parse(String(r.returnedAt)) < team.bounds.endMs).length;
          expect(team.rowsUsed).toBe(inRange);
          expect(team.points.reduce((s, p) => s + Number(p.value?.toString()), 0)).toBe(inRange);
        },
      ),
      { numRuns: 30 },
    );
  });
});
