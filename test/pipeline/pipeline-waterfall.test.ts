import { describe, expect, it } from "vitest";
import { type Deal, KpiDefinitionError, pipelineWaterfall, weightedPipelineValue } from "../../src/index.js";
import { pipeline } from "./fixtures.js";

/** A deal of ann's with the moves given (stage, date); current stage = the last move. */
function moved(id: string, amount: string, createdAt: string, moves: Array<[string, string]>, extra: Partial<Deal> = {}): Deal {
  const last = moves[moves.length - 1] as [string, string];
  const closed = last[0] === "won" || last[0] === "lost";
  return {
    id,
    owner: "ann",
    amount,
    createdAt,
    stage: last[0],
    stageHistory: moves.map(([stage, at]) => ({ stage, at })),
    ...(closed ? { closedAt: last[1] } : {}),
    ...extra,
  };
}

// x: created, advanced, won, reopened and lost inside March.
const x = moved("x", "10000", "2026-03-02", [["qualify", "2026-03-02"], ["proposal", "2026-03-05"], ["won", "2026-03-10"], ["negotiation", "2026-03-15"], ["lost", "2026-03-20"]]);
// y: open since February; its amount went from 5000 to 6000 on 12 March, negotiation on 18 March.
const y = moved("y", "6000", "2026-02-02", [["proposal", "2026-02-02"], ["negotiation", "2026-03-18"]], {
  owner: "bob",
  amountHistory: [{ amount: "6000", at: "2026-03-12" }, { amount: "5000", at: "2026-02-02" }],
});
// z: a qualify deal of 1000 expected on 25 March, pushed to 15 April on 22 March.
const z = moved("z", "1000", "2026-02-10", [["qualify", "2026-02-10"]], {
  owner: "bob",
  expectedCloseAt: "2026-04-15",
  expectedCloseHistory: [{ expectedCloseAt: "2026-03-25", at: "2026-02-10" }, { expectedCloseAt: "2026-04-15", at: "2026-03-22" }],
});
const march = { from: "2026-03-01", to: "2026-04-01" };
const byKind = (result: ReturnType<typeof pipelineWaterfall>) => Object.fromEntries(result.movements.map((m) => [m.kind, m.value.toString()]));

describe("pipelineWaterfall", () => {
  it("matches its documented example: 14000 + 2500 created − 4000 won = 12500", () => {
    const result = pipelineWaterfall(
      [
        { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-05" },
        { id: "b", owner: "ann", stage: "won", amount: "4000", createdAt: "2026-01-06", closedAt: "2026-03-10" },
        { id: "c", owner: "bob", stage: "qualify", amount: "2500", createdAt: "2026-03-03" },
      ],
      { pipeline, ...march },
    );
    expect([result.opening.value.toString(), result.closing.value.toString()]).toEqual(["14000", "12500"]);
    expect(byKind(result)).toMatchObject({ created: "2500", won: "-4000" });
  });

  it("a deal created, advanced, won, reopened and lost in March: every step shown, net 0 (weighted)", () => {
    const result = pipelineWaterfall([x], { pipeline, ...march, weighted: true });
    expect(result.opening.value.toString()).toBe("0");
    // created 10000 × 0.2, forward to proposal 10000 × 0.3, won −5000, reopened into negotiation +8000, lost −8000
    expect(byKind(result)).toEqual({
      created: "2000",
      "moved-forward": "3000",
      "moved-back": "0",
      "amount-up": "0",
      "amount-down": "0",
      won: "-5000",
      lost: "-8000",
      reopened: "8000",
    });
    expect(result.closing.value.toString()).toBe("0");
    expect(result.movements.filter((m) => m.dealCount > 0).map((m) => m.deals.map((d) => d.id).join())).toEqual(["x", "x", "x", "x", "x"]);
  });

  it("plain: the same deal is created at 10000, won (−10000), reopened (+10000), lost (−10000); no stage bars", () => {
    const result = pipelineWaterfall([x], { pipeline, ...march });
    expect(byKind(result)).toEqual({ created: "10000", "amount-up": "0", "amount-down": "0", won: "-10000", lost: "-10000", reopened: "10000" });
  });

  it("an amount raised and a stage move on one open deal: amount at the old probability, stage at the new amount", () => {
    const weighted = pipelineWaterfall([y], { pipeline, ...march, weighted: true });
    // 5000 × 0.5 = 2500; +1000 × 0.5 = +500; 6000 × (0.8 − 0.5) = +1800; 6000 × 0.8 = 4800
    expect(weighted.opening.value.toString()).toBe("2500");
    expect(byKind(weighted)).toMatchObject({ "amount-up": "500", "moved-forward": "1800" });
    expect(weighted.closing.value.toString()).toBe("4800");
    const plain = pipelineWaterfall([y], { pipeline, ...march });
    expect([plain.opening.value.toString(), byKind(plain)["amount-up"], plain.closing.value.toString()]).toEqual(["5000", "1000", "6000"]);
  });

  it('scope "due-in-period": a deal whose expected close moved past the period end is pushed out', () => {
    const due = pipelineWaterfall([x, y, z], { pipeline, ...march, weighted: true, scope: "due-in-period", groupBy: "owner" });
    // x and y have no expected close: never in a due pipeline (counted); z: 1000 × 0.2 in, then pushed out
    expect(due.withoutExpectedClose).toBe(2);
    expect(byKind(due)).toMatchObject({ created: "0", won: "0", lost: "0", reopened: "0" });
    expect(due.opening.value.toString()).toBe("200");
    expect(byKind(due)).toMatchObject({ "pushed-out": "-200", "pulled-in": "0" });
    expect(due.closing.value.toString()).toBe("0");
    // all open: z stays in, nothing pushed; 2500 + 200 opening, 4800 + 200 closing
    const all = pipelineWaterfall([x, y, z], { pipeline, ...march, weighted: true, groupBy: "owner" });
    expect([all.opening.value.toString(), all.closing.value.toString()]).toEqual(["2700", "5000"]);
    expect(all.groups.map((g) => [g.group, g.opening.value.toString(), g.closing.value.toString()])).toEqual([
      ["ann", "0", "0"],
      ["bob", "2700", "5000"],
    ]);
    expect(all.groupTable?.columns[0]).toBe("owner");
    expect(all.groupTable?.rows[1]).toEqual(["bob", "2700", "0", "1800", "0", "500", "0", "0", "0", "0", "5000"]);
    expect(all.table.rows[0]).toEqual(["Opening pipeline", "2700", 2]);
    expect(all.table.rows[all.table.rows.length - 1]).toEqual(["Closing pipeline", "5000", 2]);
  });

  it('scope "due-in-period": a deal whose expected close moved back before the period end is pulled in', () => {
    const pulled = moved("w", "3000", "2026-02-10", [["proposal", "2026-02-10"]], {
      expectedCloseAt: "2026-03-25",
      expectedCloseHistory: [{ expectedCloseAt: "2026-05-01", at: "2026-02-10" }, { expectedCloseAt: "2026-03-25", at: "2026-03-10" }],
    });
    const due = pipelineWaterfall([pulled], { pipeline, ...march, weighted: true, scope: "due-in-period" });
    // not due in March on 1 March (expected 1 May), pulled in on 10 March at 3000 × 0.5
    expect([due.opening.value.toString(), byKind(due)["pulled-in"], due.closing.value.toString()]).toEqual(["0", "1500", "1500"]);
    expect(due.movements.find((m) => m.kind === "pulled-in")?.deals).toEqual([{ id: "w", value: expect.anything(), events: 1 }]);
  });

  it("opening and closing equal weightedPipelineValue as of from and to (no amount history)", () => {
    const deals = [x, z];
    const result = pipelineWaterfall(deals, { pipeline, ...march, weighted: true });
    expect(result.opening.value.equals(weightedPipelineValue(deals, { pipeline, asOf: new Date("2026-03-01T00:00:00Z") }).total)).toBe(true);
    expect(result.closing.value.equals(weightedPipelineValue(deals, { pipeline, asOf: new Date("2026-04-01T00:00:00Z") }).total)).toBe(true);
  });

  it("to must be after from; dated fx is not an option", () => {
    expect(() => pipelineWaterfall([x], { pipeline, from: "2026-03-01", to: "2026-03-01" })).toThrow(KpiDefinitionError);
    expect(() => pipelineWaterfall([x], { pipeline, ...march, fx: () => 1 } as never)).toThrow(/unknown option/);
  });
});
