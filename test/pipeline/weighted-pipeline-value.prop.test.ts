import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, KpiDecimal, pipelineValue, toDecimal, weightedPipelineValue } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { asOfMsArb, outcomeOf, pipelineDealsArb } from "./pipeline-arbitraries.js";

const options = (asOfMs: number) => ({ pipeline, asOf: new Date(asOfMs) });
const sum = (values: readonly KpiDecimal[]) => values.reduce((a, b) => a.plus(b), new KpiDecimal(0));

describe("weightedPipelineValue properties", () => {
  it("weighted ≤ unweighted for non-negative amounts, and pipelineValue is the unweighted total", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), asOfMsArb, (deals, asOfMs) => {
        const weighted = weightedPipelineValue(deals, options(asOfMs));
        const plain = pipelineValue(deals, options(asOfMs));
        expect(weighted.total.lte(weighted.unweightedTotal)).toBe(true);
        expect(plain.total.equals(weighted.unweightedTotal)).toBe(true);
        expect(plain.dealCount).toBe(weighted.dealCount);
      }),
      { numRuns: 150 },
    );
  });

  it("is additive over any partition of the deals (by owner, by stage, by team, by an arbitrary split)", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), asOfMsArb, fc.array(fc.boolean(), { maxLength: 20 }), (deals, asOfMs, split) => {
        const whole = weightedPipelineValue(deals, options(asOfMs));
        expect(sum(whole.byOwner.map((g) => g.total)).equals(whole.total)).toBe(true);
        expect(sum(whole.byStage.map((g) => g.total)).equals(whole.total)).toBe(true);
        expect(sum(whole.byTeam.map((g) => g.total)).equals(whole.total)).toBe(true);
        expect(whole.byStage.reduce((n, g) => n + g.dealCount, 0)).toBe(whole.dealCount);
        const left = deals.filter((_, i) => split[i] === true);
        const right = deals.filter((_, i) => split[i] !== true);
        const a = weightedPipelineValue(left, options(asOfMs));
        const b = weightedPipelineValue(right, options(asOfMs));
        expect(a.total.plus(b.total).equals(whole.total)).toBe(true);
        expect(a.unweightedTotal.plus(b.unweightedTotal).equals(whole.unweightedTotal)).toBe(true);
        // each owner's value equals the pipeline of that owner's deals alone
        for (const group of whole.byOwner) {
          const own = weightedPipelineValue(
            deals.filter((d) => d.owner === group.owner),
            options(asOfMs),
          );
          expect(own.total.equals(group.total)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("scaling every amount by k scales both values by k exactly", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), asOfMsArb, fc.constantFrom("0", "2", "0.1", "3.75", "1000000.001"), (deals, asOfMs, k) => {
        const scaled = deals.map((d) => ({ ...d, amount: toDecimal(d.amount as string).times(k).toString() }));
        const base = weightedPipelineValue(deals, options(asOfMs));
        const result = weightedPipelineValue(scaled, options(asOfMs));
        expect(result.total.equals(base.total.times(k))).toBe(true);
        expect(result.unweightedTotal.equals(base.unweightedTotal.times(k))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("won and lost deals never change the pipeline value", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), pipelineDealsArb(8), (deals, extra) => {
        const closed = extra
          .filter((d) => outcomeOf(d.stage) !== "open")
          .map((d, i) => ({ ...d, id: `closed${i}` }));
        const base = weightedPipelineValue(deals, { pipeline });
        const more = weightedPipelineValue([...deals, ...closed], { pipeline });
        expect(more.total.equals(base.total)).toBe(true);
        expect(more.unweightedTotal.equals(base.unweightedTotal)).toBe(true);
        expect(more.dealCount).toBe(base.dealCount);
      }),
      { numRuns: 100 },
    );
  });

  it("raising one deal's probability never lowers the weighted value", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), asOfMsArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (deals, asOfMs, pick, raise) => {
        if (deals.length === 0) return;
        const i = pick % deals.length;
        const target = deals[i] as Deal;
        const current = target.probability ?? pipeline.stages.find((s) => s.id === target.stage)?.probability ?? 0;
        // raise the override above both the old override and every stage probability it might be in
        const raised = deals.map((d, j) => (j === i ? { ...d, probability: Math.max(current, raise, d.probability ?? 0.8) } : d));
        const before = weightedPipelineValue(deals, options(asOfMs));
        const after = weightedPipelineValue(raised, options(asOfMs));
        expect(after.total.gte(before.total)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("does not depend on the order of the deals, and does not mutate them", () => {
    fc.assert(
      fc.property(pipelineDealsArb(), asOfMsArb, fc.func(fc.integer()), (deals, asOfMs, key) => {
        const copy = structuredClone(deals);
        const shuffled = [...deals].sort((a, b) => key(a.id) - key(b.id));
        const a = weightedPipelineValue(deals, { ...options(asOfMs), staleAfterDays: 20 });
        const b = weightedPipelineValue(shuffled, { ...options(asOfMs), staleAfterDays: 20 });
        expect(b).toEqual(a);
        expect(deals).toEqual(copy);
      }),
      { numRuns: 100 },
    );
  });
});
