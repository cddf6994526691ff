import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, KpiDecimal, toDecimal, weightedPipelineValue, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import { pipeline } from "./fixtures.js";
import { asOfMsArb, pipelineDealsArb } from "./pipeline-arbitraries.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

// The snapshot pass answers deals settled by asOf from prepared fields and sums with scaled
// integers; here it is checked against dealStateAt per deal and plain Decimal sums, with some
// deals in USD (converted with a rate), some with awkward amounts and some without amount.

const amountArb = fc.constantFrom<string | number | undefined>(undefined, "0.1", 0.2, "123456789012.345678", "1e-7", "-5.5", "9007199254740993");

describe("weightedPipelineValue's snapshot pass agrees with dealStateAt and Decimal sums", () => {
  it("won total and count, lost count, open value per owner and in total, at any asOf or now", () => {
    fc.assert(
      fc.property(
        pipelineDealsArb(15),
        fc.array(fc.tuple(fc.boolean(), fc.boolean(), amountArb), { maxLength: 15 }),
        fc.option(fc.oneof(asOfMsArb, fc.nat()), { nil: undefined }),
        (rows, tweaks, asOfChoice) => {
          const deals: Deal[] = rows.map((deal, i) => {
            const [usd, tweakAmount, amount] = tweaks[i] ?? [false, false, undefined];
            const { amount: _, ...rest } = deal;
            const withAmount = tweakAmount ? (amount === undefined ? rest : { ...rest, amount }) : deal;
            return usd ? { ...withAmount, currency: "USD" } : withAmount;
          });
          // Small naturals pick an instant of the deals themselves (a move, a creation, a close ± 1 ms).
          const instants = deals.flatMap((deal) =>
            [deal.createdAt, deal.closedAt, ...(deal.stageHistory ?? []).map((move) => move.at)].flatMap((at) =>
              at === undefined ? [] : [Date.parse(String(at)) - 1, Date.parse(String(at)), Date.parse(String(at)) + 1],
            ),
          );
          const asOfMs =
            asOfChoice === undefined || asOfChoice > 1000 || instants.length === 0 ? asOfChoice : (instants[asOfChoice % instants.length] as number);
          const rate = new KpiDecimal("0.9");
          const options = { currency: "EUR", rates: { USD: "0.9" }, missingAmount: "skip" as const, ...(asOfMs === undefined ? {} : { asOf: new Date(asOfMs) }) };
          const result = weightedPipelineValue(deals, { pipeline, ...options });

          const prepared = prepareKpiData({ deals, pipeline });
          const stages = prepared.pipeline;
          if (stages === undefined) throw new Error("pipeline expected");
          let won: Decimal = new KpiDecimal(0);
          let weighted: Decimal = new KpiDecimal(0);
          let plain: Decimal = new KpiDecimal(0);
          let wonCount = 0;
          let lostCount = 0;
          let openCount = 0;
          const byOwner = new Map<string, Decimal>();
          for (const deal of prepared.deals) {
            const state = dealStateAt(deal, asOfMs, stages);
            if (state.status === "lost") lostCount++;
            if (deal.amount === undefined || (state.status !== "won" && state.status !== "open")) continue;
            const amount = deal.currency === "USD" ? deal.amount.times(rate) : deal.amount;
            if (state.status === "won") {
              won = won.plus(amount);
              wonCount++;
            } else if (state.stage !== undefined) {
              const value = amount.times(deal.probability ?? state.stage.probability);
              weighted = weighted.plus(value);
              plain = plain.plus(amount);
              byOwner.set(deal.owner, (byOwner.get(deal.owner) ?? new KpiDecimal(0)).plus(value));
              openCount++;
            }
          }
          expect(result.won.total.eq(won)).toBe(true);
          expect(result.won.dealCount).toBe(wonCount);
          expect(result.lostCount).toBe(lostCount);
          expect(result.dealCount).toBe(openCount);
          expect(result.total.eq(weighted)).toBe(true);
          expect(result.unweightedTotal.eq(plain)).toBe(true);
          for (const owner of result.byOwner) expect(owner.total.eq(byOwner.get(owner.owner) ?? toDecimal(0))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("without a target currency: the one currency of the deals is the result's, and a second one is the converter's error, as deal by deal", () => {
    fc.assert(
      fc.property(pipelineDealsArb(12), fc.option(fc.oneof(asOfMsArb), { nil: undefined }), fc.nat(20), (rows, asOfMs, usdAt) => {
        const options = { pipeline, missingAmount: "skip" as const, ...(asOfMs === undefined ? {} : { asOf: new Date(asOfMs) }) };
        const inEuro = rows.map((deal) => ({ ...deal, currency: "EUR" }));
        const result = weightedPipelineValue(inEuro, options);
        const prepared = prepareKpiData({ deals: inEuro, pipeline });
        const summed = prepared.deals.some((deal) => {
          const status = dealStateAt(deal, asOfMs, prepared.pipeline as NonNullable<typeof prepared.pipeline>).status;
          return deal.amount !== undefined && (status === "open" || status === "won");
        });
        expect(result.currency).toBe(summed ? "EUR" : undefined);
        // One deal in USD: an error exactly when it and a EUR deal are both summed.
        const mixed = inEuro.map((deal, i) => (i === usdAt % Math.max(1, inEuro.length) ? { ...deal, currency: "USD" } : deal));
        const currencies = new Set(
          prepareKpiData({ deals: mixed, pipeline })
            .deals.filter((deal) => {
              const status = dealStateAt(deal, asOfMs, prepared.pipeline as NonNullable<typeof prepared.pipeline>).status;
              return deal.amount !== undefined && (status === "open" || status === "won");
            })
            .map((deal) => deal.currency),
        );
        if (currencies.size > 1) expect(() => weightedPipelineValue(mixed, options)).toThrow(/currenc/i);
        else expect(() => weightedPipelineValue(mixed, options)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});
