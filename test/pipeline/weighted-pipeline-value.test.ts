import { describe, expect, it } from "vitest";
import {
  type Deal,
  KpiDefinitionError,
  KpiInputError,
  pipelineValue,
  prepareKpiData,
  toDecimal,
  weightedPipelineValue,
} from "../../src/index.js";
import { deal, lostDeal, pipeline, wonDeal } from "./fixtures.js";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("weightedPipelineValue", () => {
  it("matches its documented example: 10000 × 0.5 + 5000 × 0.3, the won deal reported apart", () => {
    const docPipeline = {
      stages: [
        { id: "qualify", probability: 0.1, outcome: "open" as const },
        { id: "proposal", probability: 0.5, outcome: "open" as const },
        { id: "won", probability: 1, outcome: "won" as const },
        { id: "lost", probability: 0, outcome: "lost" as const },
      ],
    };
    const result = weightedPipelineValue(
      [
        { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-05" },
        { id: "b", owner: "bob", stage: "qualify", amount: "5000", createdAt: "2026-01-06", probability: 0.3 },
        { id: "c", owner: "ann", stage: "won", amount: "8000", createdAt: "2026-01-02", closedAt: "2026-02-01" },
      ],
      { pipeline: docPipeline, asOf: "2026-03-31" },
    );
    expect(result.total.toString()).toBe("6500");
    expect(result.unweightedTotal.toString()).toBe("15000");
    expect(result.won.total.toString()).toBe("8000");
    expect(result.won.dealCount).toBe(1);
    expect(result.dealCount).toBe(2);
    expect(result.asOf).toBe("2026-04-01T00:00:00Z".replace("Z", "+00:00"));
  });

  it("leaves won and lost deals out: counting them would make this pipeline twice too high", () => {
    const deals: Deal[] = [
      deal({ id: "o1", stage: "proposal", amount: "30000" }),
      deal({ id: "o2", stage: "qualify", amount: "20000" }),
      wonDeal("w1", "30000", "2026-01-02", "2026-02-01"),
      lostDeal("l1", "20000", "2026-01-02", "2026-02-03"),
    ];
    const plain = pipelineValue(deals, { pipeline });
    expect(plain.total.toString()).toBe("50000"); // not 100000
    expect(plain.lostCount).toBe(1);
    expect(plain.won.total.toString()).toBe("30000");
  });

  it("sums per-deal products, not average probability × summed amount", () => {
    const deals: Deal[] = [
      deal({ id: "big", stage: "qualify", amount: "100000" }), // 20 %
      deal({ id: "small", stage: "negotiation", amount: "10000" }), // 80 %
    ];
    const result = weightedPipelineValue(deals, { pipeline });
    // 100000 × 0.2 + 10000 × 0.8 = 28000; the average-probability shortcut gives 0.5 × 110000 = 55000.
    expect(result.total.toString()).toBe("28000");
  });

  it("reports by stage in funnel order (zero-filled), by owner and by team", () => {
    const deals: Deal[] = [
      deal({ id: "a", owner: "ann", team: "north", stage: "proposal", amount: "1000" }),
      deal({ id: "b", owner: "bob", team: "south", stage: "proposal", amount: "3000" }),
      deal({ id: "c", owner: "ann", stage: "negotiation", amount: "500" }),
    ];
    const result = weightedPipelineValue(deals, { pipeline });
    expect(result.byStage.map((s) => [s.stage, s.total.toString(), s.dealCount])).toEqual([
      ["qualify", "0", 0],
      ["proposal", "2000", 2],
      ["negotiation", "400", 1],
    ]);
    expect(result.byOwner.map((o) => [o.owner, o.total.toString()])).toEqual([
      ["ann", "900"],
      ["bob", "1500"],
    ]);
    expect(result.byTeam.map((t) => [t.team, t.total.toString()])).toEqual([
      ["north", "500"],
      ["south", "1500"],
      [undefined, "400"],
    ]);
  });

  it("lists every rep of the roster, with zero when they have no open deals", () => {
    const data = prepareKpiData({
      pipeline,
      reps: [{ id: "ann", team: "north" }, { id: "zoe", team: "north" }],
      deals: [deal({ id: "a", owner: "ann", stage: "proposal", amount: "1000" })],
    });
    const result = weightedPipelineValue(data);
    expect(result.byOwner.map((o) => [o.owner, o.total.toString(), o.dealCount])).toEqual([
      ["ann", "500", 1],
      ["zoe", "0", 0],
    ]);
    expect(result.byTeam.map((t) => [t.team, t.total.toString()])).toEqual([["north", "500"]]);
  });

  it("converts two currencies with rates into one, and refuses to mix them without", () => {
    const deals: Deal[] = [
      deal({ id: "eur", stage: "proposal", amount: "1000", currency: "EUR" }),
      deal({ id: "usd", stage: "proposal", amount: "1000", currency: "USD" }),
    ];
    const result = weightedPipelineValue(deals, { pipeline, currency: "EUR", rates: { USD: "0.9" } });
    expect(result.unweightedTotal.toString()).toBe("1900");
    expect(result.total.toString()).toBe("950");
    expect(result.currency).toBe("EUR");

    const mixed = thrown(() => weightedPipelineValue(deals, { pipeline }));
    expect(mixed).toBeInstanceOf(KpiDefinitionError);
    expect((mixed as KpiDefinitionError).code).toBe("mixed-currencies");
    expect((mixed as KpiDefinitionError).issues[0]?.path).toEqual(["deals", 1, "currency"]);

    const missing = thrown(() => weightedPipelineValue(deals, { pipeline, currency: "EUR", rates: { GBP: "1.1" } }));
    expect(missing).toBeInstanceOf(KpiDefinitionError);
    expect((missing as KpiDefinitionError).code).toBe("missing-rate");
    expect((missing as KpiDefinitionError).message).toContain('deal "usd"');
    expect((missing as KpiDefinitionError).message).toContain("USD");
  });

  it("converts open deals at asOf and won deals at their close with fx", () => {
    const deals: Deal[] = [
      deal({ id: "open", stage: "proposal", amount: "100", currency: "USD" }),
      { id: "won", owner: "ann", stage: "won", amount: "100", currency: "USD", createdAt: "2026-01-05", closedAt: "2026-02-01" },
    ];
    const asOfMs = Date.UTC(2026, 2, 1);
    const fx = (currency: string, atMs: number) => (currency !== "USD" ? undefined : atMs === asOfMs ? "0.8" : atMs === Date.UTC(2026, 1, 1) ? "0.9" : "99");
    const result = weightedPipelineValue(deals, { pipeline, currency: "EUR", fx, asOf: "2026-03-01T00:00:00Z" });
    expect(result.unweightedTotal.toString()).toBe("80");
    expect(result.won.total.toString()).toBe("90");
    const noAsOf = thrown(() => weightedPipelineValue(deals, { pipeline, currency: "EUR", fx }));
    expect((noAsOf as KpiDefinitionError).code).toBe("invalid-option");
  });

  it("a deal without amount is an error naming deals[i].amount, or skipped, or given a fallback", () => {
    const deals: Deal[] = [
      deal({ id: "a", stage: "proposal", amount: "1000" }),
      deal({ id: "b", stage: "proposal", product: "GTX Pro" }),
    ];
    const error = thrown(() => weightedPipelineValue(deals, { pipeline }));
    expect(error).toBeInstanceOf(KpiInputError);
    expect((error as KpiInputError).issues[0]?.path).toEqual(["deals", 1, "amount"]);

    const skipped = weightedPipelineValue(deals, { pipeline, missingAmount: "skip" });
    expect(skipped.total.toString()).toBe("500");
    expect(skipped.skipped).toEqual([{ index: 1, id: "b", reason: expect.stringContaining("deals[1].amount") }]);

    const prices: Record<string, string> = { "GTX Pro": "4821" };
    const fallback = weightedPipelineValue(deals, { pipeline, missingAmount: (d) => (d.product === undefined ? undefined : prices[d.product]) });
    expect(fallback.unweightedTotal.toString()).toBe("5821");
    expect(fallback.skipped).toEqual([]);
  });

  it("shows the pipeline as it stood on a past date, including a reopened deal", () => {
    const deals: Deal[] = [
      deal({
        id: "r",
        stage: "negotiation",
        amount: "1000",
        createdAt: "2026-01-05",
        stageHistory: [
          { stage: "qualify", at: "2026-01-05" },
          { stage: "proposal", at: "2026-02-01" },
          { stage: "won", at: "2026-03-01" },
          { stage: "negotiation", at: "2026-04-01" },
        ],
      }),
    ];
    const at = (asOf: string) => weightedPipelineValue(deals, { pipeline, asOf });
    expect(at("2026-01-04").dealCount).toBe(0); // not created yet
    expect(at("2026-01-20").total.toString()).toBe("200"); // qualify
    expect(at("2026-02-15").total.toString()).toBe("500"); // proposal
    expect(at("2026-03-15").total.toString()).toBe("0"); // won: out of the pipeline
    expect(at("2026-03-15").won.total.toString()).toBe("1000");
    expect(at("2026-04-15").total.toString()).toBe("800"); // reopened into negotiation
    expect(at("2026-04-15").won.dealCount).toBe(0);
  });

  it("counts deals without history, and assumes the first open stage for a closed-now deal open back then", () => {
    const deals: Deal[] = [
      deal({ id: "open", stage: "negotiation", amount: "1000" }),
      { id: "later-won", owner: "ann", stage: "won", amount: "1000", createdAt: "2026-01-05", closedAt: "2026-05-01" },
    ];
    const result = weightedPipelineValue(deals, { pipeline, asOf: "2026-03-31" });
    expect(result.total.toString()).toBe("1000"); // 1000 × 0.8 + 1000 × 0.2 (qualify)
    expect(result.dealsWithoutHistory).toBe(2);
    expect(result.dealsWithAssumedStage).toBe(1);
  });

  it("lists stale open deals and keeps them in the totals", () => {
    const deals: Deal[] = [
      deal({ id: "fresh", stage: "proposal", amount: "1000", createdAt: "2026-03-20" }),
      deal({ id: "stale", stage: "proposal", amount: "1000", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-10" }] }),
    ];
    const result = weightedPipelineValue(deals, { pipeline, asOf: "2026-03-31", staleAfterDays: 30 });
    expect(result.stale).toEqual({ afterDays: 30, dealIds: ["stale"] });
    expect(result.total.toString()).toBe("1000");
  });

  it("1 stale day as of 5 September 2026 in Santiago is all of 5 September, though the day after has no midnight", () => {
    // asOf "2026-09-05" ends at the start of 6 September, 01:00 -03:00; the last local day is 5 September from 00:00 -04:00.
    const deals: Deal[] = [
      deal({ id: "moved-after-midnight", stage: "proposal", amount: "1000", createdAt: "2026-09-01T10:00:00-04:00", stageHistory: [{ stage: "proposal", at: "2026-09-05T00:30:00-04:00" }] }),
      deal({ id: "moved-the-evening-before", stage: "proposal", amount: "1000", createdAt: "2026-09-01T10:00:00-04:00", stageHistory: [{ stage: "proposal", at: "2026-09-04T23:30:00-04:00" }] }),
    ];
    const result = weightedPipelineValue(deals, { pipeline, asOf: "2026-09-05", staleAfterDays: 1, calendar: { timeZone: "America/Santiago" } });
    expect(result.stale).toEqual({ afterDays: 1, dealIds: ["moved-the-evening-before"] });
  });

  it("gives the same result for prepared data and raw deals", () => {
    const deals: Deal[] = [deal({ id: "a", stage: "proposal", amount: "1234.5" }), deal({ id: "b", stage: "qualify", amount: "10" })];
    const raw = weightedPipelineValue(deals, { pipeline, asOf: "2026-02-01" });
    const prepared = weightedPipelineValue(prepareKpiData({ deals, pipeline }), { asOf: "2026-02-01" });
    expect(prepared).toEqual(raw);
    expect(raw.total.equals(toDecimal("619.25"))).toBe(true);
  });

  it("a misspelt option is an error naming it: asof would have silently given today's pipeline", () => {
    const deals: Deal[] = [deal({ id: "a", stage: "proposal", amount: "1000" })];
    const misspelt = { pipeline, asof: "2026-03-31" };
    const error = thrown(() => weightedPipelineValue(deals, misspelt));
    expect(error).toBeInstanceOf(KpiDefinitionError);
    expect((error as KpiDefinitionError).issues.map((issue) => [issue.path, issue.message])).toEqual([[["asof"], 'unknown option; did you mean "asOf"?']]);
    expect(() => pipelineValue(deals, { pipeline, missingAmounts: "skip" } as never)).toThrow('missingAmounts: unknown option; did you mean "missingAmount"?');
  });

  it("needs a pipeline for raw deals", () => {
    const error = thrown(() => weightedPipelineValue([deal({ id: "a", stage: "proposal", amount: "1" })]));
    expect((error as KpiDefinitionError).code).toBe("missing-pipeline");
  });
});
