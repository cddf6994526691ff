// The deal states remembered per (deals, asOf) against the one-deal rule they cache.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealColumns, dealHistory, STATUS_NAMES } from "../../src/model/deal-columns.js";
import { dealStateAsOf, dealStatesAsOf, firstOpenPosition, readStateAsOf, stateAt, stateCodes } from "../../src/model/deal-state-at.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { dealsArb, instantArb, SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";

describe("dealStatesAsOf", () => {
  it("equals dealStateAsOf for every deal, for several as-of instants in turn (more than it keeps)", () => {
    fc.assert(
      fc.property(dealsArb(15), fc.array(instantArb, { minLength: 1, maxLength: 7 }), (deals, asOfs) => {
        const data = prepare({ pipeline: SAMPLE_PIPELINE, deals });
        const pipeline = data.pipeline as PreparedPipeline;
        // Also just after the last change of all (every deal as it is now: the current columns
        // are the states) and exactly at it (one deal not yet in its current state).
        const last = Math.max(...data.deals.flatMap((deal) => [deal.createdAt, deal.currentSince]));
        for (const asOfMs of [...asOfs, ...asOfs, last, last + 1, last + 86_400_000]) {
          const states = dealStatesAsOf(data.deals, asOfMs, pipeline);
          expect(data.deals.map((_, i) => stateAt(states, i, pipeline))).toEqual(data.deals.map((deal) => dealStateAsOf(deal, asOfMs, pipeline)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("is found once per instant: the same array again", () => {
    const data = prepare({ pipeline: SAMPLE_PIPELINE, deals: [{ id: "d", owner: "ann", stage: "qualify", createdAt: "2026-01-01" }] });
    const pipeline = data.pipeline as PreparedPipeline;
    const states = dealStatesAsOf(data.deals, Date.UTC(2026, 5, 1), pipeline);
    expect(dealStatesAsOf(data.deals, Date.UTC(2026, 5, 1), pipeline)).toBe(states);
    expect(stateAt(states, 0, pipeline).status).toBe("open");
  });
});

describe("readStateAsOf (the deal columns)", () => {
  it("equals dealStateAsOf for every deal with any history, at its own instants ± 1 ms and anywhere", () => {
    fc.assert(
      fc.property(sqlKpiDataArb(12, 3, 2), fc.array(instantArb, { maxLength: 4 }), (bag, extra) => {
        const data = prepare({ pipeline: bag.pipeline, reps: bag.reps, deals: bag.deals });
        const pipeline = data.pipeline as PreparedPipeline;
        const columns = dealColumns(data.deals);
        const out = stateCodes();
        data.deals.forEach((deal, i) => {
          const own = [deal.createdAt, deal.currentSince, deal.closedAt ?? 0, ...deal.history.map((move) => move.at)];
          for (const at of [...own.flatMap((ms) => [ms - 1, ms, ms + 1]), ...extra]) {
            const expected = dealStateAsOf(deal, at, pipeline);
            readStateAsOf(columns, dealHistory(data.deals), i, at, firstOpenPosition(pipeline), pipeline, out);
            expect({ status: STATUS_NAMES[out.status], stage: out.stage < 0 ? undefined : pipeline.stages[out.stage], since: out.since, stageAssumed: out.assumed }).toEqual(expected);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
