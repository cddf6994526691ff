import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, type KpiDecimal, type WaterfallPart, pipelineWaterfall, toDecimal, weightedPipelineValue, pipelineValue } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { START_MS, pipelineDealsArb, pipelineDealsWithHistoriesArb, probabilityOf, replayState } from "./pipeline-arbitraries.js";

const DAY = 86_400_000;
const windowArb = fc.tuple(fc.integer({ min: -10, max: 400 }), fc.integer({ min: 1, max: 200 })).map(([start, length]) => ({
  from: new Date(START_MS + start * DAY),
  to: new Date(START_MS + (start + length) * DAY),
}));
const optionsArb = fc.record({
  weighted: fc.boolean(),
  scope: fc.constantFrom("all-open" as const, "due-in-period" as const),
  groupBy: fc.constantFrom("owner" as const, "team" as const, undefined),
});

function reconciles(part: WaterfallPart): boolean {
  let sum: KpiDecimal = part.opening.value;
  for (const movement of part.movements) {
    sum = sum.plus(movement.value);
    // each movement is the sum of its deals
    const deals = movement.deals.reduce<KpiDecimal>((acc, deal) => acc.plus(deal.value), toDecimal(0));
    if (!deals.equals(movement.value)) return false;
  }
  return sum.equals(part.closing.value);
}

describe("pipelineWaterfall properties", () => {
  it("opening + Σ movements = closing exactly, plain and weighted, in total and in every group; groups add up", () => {
    fc.assert(
      fc.property(pipelineDealsWithHistoriesArb(20), windowArb, optionsArb, (deals, window, options) => {
        const result = pipelineWaterfall(deals, { pipeline, ...window, ...options });
        expect(reconciles(result)).toBe(true);
        for (const group of result.groups) expect(reconciles(group)).toBe(true);
        if (options.groupBy !== undefined) {
          const opening = result.groups.reduce<KpiDecimal>((acc, g) => acc.plus(g.opening.value), toDecimal(0));
          const closing = result.groups.reduce<KpiDecimal>((acc, g) => acc.plus(g.closing.value), toDecimal(0));
          expect([opening.equals(result.opening.value), closing.equals(result.closing.value)]).toEqual([true, true]);
        }
        // plain movements never include stage moves
        if (!options.weighted) expect(result.movements.some((m) => m.kind === "moved-forward")).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("without amount history, opening and closing are the (weighted) pipeline value as of from and to", () => {
    fc.assert(
      fc.property(pipelineDealsArb(20), windowArb, fc.boolean(), (deals, window, weighted) => {
        const result = pipelineWaterfall(deals, { pipeline, ...window, weighted });
        const value = weighted ? weightedPipelineValue : pipelineValue;
        expect(result.opening.value.equals(value(deals, { pipeline, asOf: window.from }).total)).toBe(true);
        expect(result.closing.value.equals(value(deals, { pipeline, asOf: window.to }).total)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("closing equals a brute-force replay: Σ amount as of to × probability of the stage as of to", () => {
    fc.assert(
      fc.property(pipelineDealsWithHistoriesArb(15), windowArb, (deals: Deal[], window) => {
        const toMs = window.to.getTime();
        let expected = toDecimal(0);
        for (const deal of deals) {
          const state = replayState(deal, toMs);
          if (state.status !== "open") continue;
          const history = [...(deal.amountHistory ?? [])].map((e, i) => ({ amount: String(e.amount), at: Date.parse(String(e.at)), i }));
          history.sort((a, b) => a.at - b.at || a.i - b.i);
          const before = history.filter((e) => e.at < toMs);
          const amount = before[before.length - 1]?.amount ?? history[0]?.amount ?? String(deal.amount);
          const p = deal.probability ?? probabilityOf(state.stage as string);
          expected = expected.plus(toDecimal(amount).times(p));
        }
        expect(pipelineWaterfall(deals, { pipeline, ...window, weighted: true }).closing.value.equals(expected)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("row order never changes the result", () => {
    fc.assert(
      fc.property(pipelineDealsWithHistoriesArb(15), windowArb, optionsArb, (deals, window, options) => {
        const a = pipelineWaterfall(deals, { pipeline, ...window, ...options });
        const b = pipelineWaterfall([...deals].reverse(), { pipeline, ...window, ...options });
        expect(b.table).toEqual(a.table);
        expect(b.groups.map((g) => g.closing.value.toString())).toEqual(a.groups.map((g) => g.closing.value.toString()));
      }),
      { numRuns: 100 },
    );
  });
});
