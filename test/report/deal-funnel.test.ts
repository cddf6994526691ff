// Deal funnels as of a date: a deal's furthest stage is its state then or a stage it moved
// through before then; a move after asOf is not known yet.
import { describe, expect, it } from "vitest";
import { resolveCalendar } from "../../src/index.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { dealFunnels } from "../../src/report/deal-funnel.js";
// qualify, proposal, negotiation (open), won, lost.
import { pipeline } from "../pipeline/fixtures.js";

const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });
const data = prepare(
  {
    pipeline,
    deals: [
      // Qualify 10 Jan, proposal 10 Feb, negotiation 10 Mar.
      {
        id: "d1",
        owner: "ann",
        stage: "negotiation",
        createdAt: "2026-01-10T09:00:00+01:00",
        stageHistory: [
          { stage: "qualify", at: "2026-01-10T09:00:00+01:00" },
          { stage: "proposal", at: "2026-02-10T09:00:00+01:00" },
          { stage: "negotiation", at: "2026-03-10T09:00:00+01:00" },
        ],
      },
      // Through proposal and negotiation in January, lost on 20 February.
      {
        id: "d2",
        owner: "ann",
        stage: "lost",
        createdAt: "2026-01-12T09:00:00+01:00",
        stageHistory: [
          { stage: "qualify", at: "2026-01-12T09:00:00+01:00" },
          { stage: "proposal", at: "2026-01-20T09:00:00+01:00" },
          { stage: "negotiation", at: "2026-01-25T09:00:00+01:00" },
          { stage: "lost", at: "2026-02-20T09:00:00+01:00" },
        ],
      },
    ],
  },
  { calendar },
);
const january = [Date.parse("2025-12-31T23:00:00Z"), Date.parse("2026-01-31T23:00:00Z")] as const;
const counts = (asOf: string) => dealFunnels(data.deals, data.pipeline as PreparedPipeline, january[0], january[1], Date.parse(asOf), "January's deals").team?.steps.map((step) => step.count);

describe("deal funnels as of a date", () => {
  it("as of 1 March: d1 reached proposal (its move to negotiation on 10 March is not known yet), d2 negotiation before it was lost", () => {
    // qualify, proposal, negotiation, won
    expect(counts("2026-03-01T00:00:00+01:00")).toEqual([2, 2, 1, 0]);
  });

  it("as of 1 April: both reached negotiation, none won", () => {
    expect(counts("2026-04-01T00:00:00+02:00")).toEqual([2, 2, 2, 0]);
  });

  it("as of 1 February: d1 is still in qualify", () => {
    expect(counts("2026-02-01T00:00:00+01:00")).toEqual([2, 1, 1, 0]);
  });
});
