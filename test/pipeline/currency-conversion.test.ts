import { describe, expect, it } from "vitest";
import { averageDealSize, type Deal, KpiDefinitionError, pipelineValue, toDecimal } from "../../src/index.js";
import { deal, pipeline } from "./fixtures.js";

function thrown(run: () => unknown): KpiDefinitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiDefinitionError) return error;
    throw error;
  }
  throw new Error("expected a KpiDefinitionError");
}

// 5 USD in an open deal, 1000 EUR in another; reported in EUR.
const deals: Deal[] = [
  deal({ id: "eur", stage: "proposal", amount: "1000", currency: "EUR" }),
  deal({ id: "usd", stage: "proposal", amount: "5", currency: "USD" }),
];
const asOf = "2026-03-01T00:00:00Z";

describe("currency conversion: a rate is how many units of the report currency one unit is worth, so it is more than 0", () => {
  it("a rate of 0.9 converts 5 USD into 4.5 EUR: the pipeline is 1004.5", () => {
    expect(pipelineValue(deals, { pipeline, currency: "EUR", rates: { USD: "0.9" } }).total.toString()).toBe("1004.5");
  });

  it("a rate of -2 or 0 in rates is a KpiDefinitionError naming the currency, not a pipeline of 990", () => {
    for (const rate of [-2, "0", "-0.5"]) {
      const error = thrown(() => pipelineValue(deals, { pipeline, currency: "EUR", rates: { GBP: 1.1, USD: rate } }));
      expect(error.issues.map((issue) => issue.path)).toEqual([["rates", "USD"]]);
      expect(error.message).toContain("rates.USD: the rate of USD must be more than 0");
    }
  });

  it("a bad rate is rejected even when no deal needs it: the options make no sense", () => {
    const error = thrown(() => pipelineValue([], { pipeline, currency: "EUR", rates: { USD: "0.9", GBP: 0 } }));
    expect(error.issues[0]?.path).toEqual(["rates", "GBP"]);
  });

  it("an fx rate of 0, -2, NaN, Infinity or text is a KpiDefinitionError naming the deal, the currency and the value", () => {
    const cases: Array<[unknown, string]> = [
      [-2, "-2"],
      ["0", '"0"'],
      [Number.NaN, "NaN"],
      [Number.POSITIVE_INFINITY, "Infinity"],
      ["abc", '"abc"'],
      [toDecimal(-1), "-1"],
      [null, "null"],
    ];
    for (const [value, shown] of cases) {
      const fx = (from: string) => (from === "USD" ? value : undefined);
      const error = thrown(() => pipelineValue(deals, { pipeline, currency: "EUR", fx: fx as (from: string) => string, asOf }));
      expect(error.code).toBe("invalid-option");
      expect(error.issues[0]?.path).toEqual(["fx"]);
      expect(error.issues[0]?.message).toBe(
        `\`fx\` gave ${shown} as the rate from USD to EUR for deal "usd": a rate must be a decimal more than 0 (or undefined when none is known)`,
      );
    }
  });

  it("fx giving no rate (undefined) is still a missing rate; a good fx rate converts", () => {
    expect(thrown(() => pipelineValue(deals, { pipeline, currency: "EUR", fx: () => undefined, asOf })).code).toBe("missing-rate");
    expect(pipelineValue(deals, { pipeline, currency: "EUR", fx: () => "1.2", asOf }).total.toString()).toBe("1006");
  });

  it("a won deal is converted at its close with fx (10 USD at 0.5 is 5 EUR), and a bad rate there names that deal", () => {
    const won: Deal[] = [{ id: "w1", owner: "ann", stage: "won", amount: "10", currency: "USD", createdAt: "2026-01-05", closedAt: "2026-02-01" }];
    const period = { from: "2026-02-01", to: "2026-03-01" };
    expect(averageDealSize(won, { pipeline, period, currency: "EUR", fx: () => "0.5" }).value?.toString()).toBe("5");
    const error = thrown(() => averageDealSize(won, { pipeline, period, currency: "EUR", fx: () => "-0.5" }));
    expect(error.message).toContain('deal "w1"');
  });
});
