// The deal states remembered per (deals, asOf) against the one-deal rule they cache.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealStateAsOf, dealStatesAsOf, stateAt } from "../../src/model/deal-state-at.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { dealsArb, instantArb, SAMPLE_PIPELINE } from "../arbitraries.js";

describe("dealStatesAsOf", () => {
  it("equals dealStateAsOf for every deal, for several as-of instants in turn (more than it keeps)", () => {
    fc.assert(
      fc.property(dealsArb(15), fc.array(instantArb, { minLength: 1, maxLength: 7 }), (deals, asOfs) => {
        const data = prepare({ pipeline: SAMPLE_PIPELINE, deals });
        const pipeline = data.pipeline as PreparedPipeline;
        for (const asOfMs of [...asOfs, ...asOfs]) {
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
