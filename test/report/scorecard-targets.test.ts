// The scorecard's targets as a sales manager sets them: the baseline once, a little above it,
// raised step by step, never lowered; quotas win; pace says what it takes to land.
import { describe, expect, it } from "vitest";
import { catalogKpi, type KpiData, scorecard, type ScorecardCell } from "../../src/index.js";

const str = (value: { toString(): string } | null | undefined) => (value === null || value === undefined ? null : value.toString());
const cellOf = (subject: { cells: readonly ScorecardCell[] }, kpiId: string): ScorecardCell => subject.cells.find((c) => c.kpiId === kpiId)!;
const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"];
const monthly = (owner: string, counts: readonly number[]) => counts.map((quantity, i) => ({ owner, type: "call", at: `${MONTHS[i]}-10`, quantity }));
const calls = [catalogKpi("calls")];

describe("scorecard targets", () => {
  it("a rep who drops from 100 calls to 60: the target holds at 110 and is never lowered", () => {
    // Jan–Mar 100 (the baseline), programme from April; April 100, then 60, 60, 60.
    const data: KpiData = { reps: [{ id: "ann" }], activities: monthly("ann", [100, 100, 100, 100, 60, 60, 60, 60]) };
    const targets = ["2026-05-15", "2026-06-15", "2026-07-15", "2026-08-15"].map((asOf) => {
      const cell = cellOf(scorecard(data, { kpis: calls, asOf, programStart: "2026-04-01" }).reps[0]!, "calls");
      return [str(cell.target), cell.targetSource, cell.targetReason];
    });
    expect(targets.map(([target]) => target)).toEqual(["110", "110", "110", "110"]);
    expect(targets[0]?.[1]).toBe("plan");
    expect(targets[0]?.[2]).toMatch(/first target/);
    expect(targets[2]?.[2]).toMatch(/held/);
    // The rolling policy, named, re-derives the target from the three months before and lowers it:
    // August's target is 60 + 10 % = 66.
    const rolling = cellOf(scorecard(data, { kpis: calls, asOf: "2026-09-15", programStart: "2026-04-01", targetPolicy: "rolling" }).reps[0]!, "calls");
    expect(rolling.targetSource).toBe("baseline");
    expect(str(rolling.target)).toBe("66");
  });

  it("a rep at 100 who meets 110 twice is raised by the step: 110, 110, then 115.5", () => {
    const data: KpiData = { reps: [{ id: "ann" }], activities: monthly("ann", [100, 100, 100, 110, 110, 110]) };
    // Reviewed in mid-June, May's target is still 110, and June's (the pace's) is raised already.
    const may = cellOf(scorecard(data, { kpis: calls, asOf: "2026-06-15", programStart: "2026-04-01" }).reps[0]!, "calls");
    expect([str(may.target), str(may.pace?.target)]).toEqual(["110", "115.5"]);
    const june = cellOf(scorecard(data, { kpis: calls, asOf: "2026-07-15", programStart: "2026-04-01" }).reps[0]!, "calls");
    expect([str(june.target), june.status]).toEqual(["115.5", "below-target"]);
    expect(june.targetReason).toMatch(/raised/);
  });

  it("an explicit quota always wins; the team's target is the sum of the rep quotas when it has none of its own, with a note when both differ", () => {
    const data: KpiData = {
      reps: [{ id: "ann" }, { id: "bob" }],
      activities: [...monthly("ann", [10, 10, 10, 12, 5]), ...monthly("bob", [20, 20, 20, 18, 9])],
    };
    const card = scorecard(data, {
      kpis: calls,
      asOf: "2026-05-15",
      targets: [
        { kpi: "calls", owner: "ann", period: "2026-04", value: 15 },
        { kpi: "calls", owner: "bob", period: "2026-04", value: 25 },
      ],
    });
    const ann = cellOf(card.reps.find((rep) => rep.id === "ann")!, "calls");
    expect([str(ann.target), ann.targetSource, ann.status]).toEqual(["15", "explicit", "below-target"]);
    const team = cellOf(card.team, "calls");
    expect([str(team.target), team.targetSource]).toEqual(["40", "sum-of-reps"]);
    const withTeamRow = scorecard(data, {
      kpis: calls,
      asOf: "2026-05-15",
      targets: [
        { kpi: "calls", owner: "ann", period: "2026-04", value: 15 },
        { kpi: "calls", owner: "bob", period: "2026-04", value: 25 },
        { kpi: "calls", period: "2026-04", value: 50 },
      ],
    });
    const teamCell = cellOf(withTeamRow.team, "calls");
    expect([str(teamCell.target), teamCell.targetSource]).toEqual(["50", "explicit"]);
    expect(teamCell.notes.join(" ")).toMatch(/40/);
  });

  it("pace by working days says the run-rate still needed: 5 calls by Friday 15 May against 11, 11 working days left", () => {
    const data: KpiData = { reps: [{ id: "ann" }], activities: [...monthly("ann", [10, 10, 10, 10]), { owner: "ann", type: "call", at: "2026-05-04", quantity: 5 }] };
    const card = scorecard(data, { kpis: calls, asOf: "2026-05-15", programStart: "2026-04-01", paceBy: "working-days" });
    const pace = cellOf(card.reps[0]!, "calls").pace!;
    // May 2026 has 21 working days; 1–15 May hold 11 of them, so 10 remain after Friday 15 May.
    expect(pace.workingDays).toEqual({ total: 21, elapsed: 11, remaining: 10 });
    expect(str(pace.target)).toBe("11");
    expect(str(pace.remaining)).toBe("6");
    expect(str(pace.requiredRunRate?.value)).toBe("0.6");
    expect(pace.requiredRunRate?.numerator.toString()).toBe("6");
  });

  it("a new rep within 90 days of starting gets the ramp plan from the team's per-rep baseline, shown as such", () => {
    const data: KpiData = {
      reps: [{ id: "ann" }, { id: "bob" }, { id: "cy", startedAt: "2026-04-20" }],
      activities: [...monthly("ann", [30, 30, 30, 30, 15]), ...monthly("bob", [30, 30, 30, 30, 15]), { owner: "cy", type: "call", at: "2026-05-05", quantity: 4 }],
    };
    const cy = cellOf(scorecard(data, { kpis: calls, asOf: "2026-05-15" }).reps.find((rep) => rep.id === "cy")!, "calls");
    expect(cy.ramp?.milestone).toBe(30);
    expect(cy.ramp?.day).toBe(26);
    expect(cy.notes.some((note) => note.startsWith("new rep: day 26 of 90"))).toBe(true);
  });
});

describe("scorecard targets, property", () => {
  it("under the default policy a rep's target never decreases from one monthly review to the next, whatever the calls", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 8, maxLength: 8 }), (counts) => {
        const data: KpiData = { reps: [{ id: "ann" }], activities: monthly("ann", counts).filter((row) => row.quantity > 0).concat([{ owner: "ann", type: "email", at: "2026-01-01", quantity: 1 }]) };
        let previous: ScorecardCell["target"] = null;
        for (const asOf of ["2026-05-15", "2026-06-15", "2026-07-15", "2026-08-15", "2026-09-15"]) {
          const target = cellOf(scorecard(data, { kpis: calls, asOf, programStart: "2026-04-01" }).reps[0]!, "calls").target;
          if (previous !== null && target !== null) expect(target.gte(previous)).toBe(true);
          if (previous !== null) expect(target).not.toBeNull();
          previous = target ?? previous;
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
