// The pipeline at each period's end, plain and weighted (one pass over the deal columns),
// against a deal-by-deal reference: `dealStateAsOf` at each period's end (or asOf) and Decimal
// sums of amount × (own probability, else the stage's), for every group key and grain.
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogKpi, KpiInputError, kpiSeries, type KpiGroupBy, resolveCalendar } from "../../src/index.js";
import { dealStateAsOf } from "../../src/model/deal-state-at.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import type { PreparedPipeline } from "../../src/model/prepared.js";
import { dealGroupKey } from "./deal-group-key.js";
import { sqlKpiDataArb } from "../arbitraries.js";

const DAY = 86_400_000;
const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });

const groupByArb = fc.constantFrom<KpiGroupBy | readonly KpiGroupBy[] | undefined>(undefined, "owner", "team", "source", "product", ["owner", "product"]);


describe("pipeline at period ends from the deal columns", () => {
  it("equals dealStateAsOf at each period's end and Decimal sums, plain and weighted, for every group key and grain", () => {
    fc.assert(
      fc.property(
        sqlKpiDataArb(14, 3, 2),
        fc.boolean(),
        groupByArb,
        fc.constantFrom("week", "month", "quarter") as fc.Arbitrary<"week" | "month" | "quarter">,
        fc.integer({ min: 0, max: 420 }),
        fc.boolean(),
        (bag, weighted, groupBy, grain, asOfDays, huge) => {
          // Huge: amounts a billion times larger (up to 2·10^15 cents): most products pass 2^53 at
          // once and go to the exact sums; some bags lose the shared exact scale altogether.
          const amountOf = (amount: string | undefined) => (huge && amount !== undefined ? amount.replace(/^(\d+)/, "$1000000000") : amount);
          const deals = bag.deals.map((deal) => ({ ...deal, currency: "EUR", ...(deal.amount === undefined ? {} : { amount: amountOf(deal.amount) }) }));
          const data = prepare({ pipeline: bag.pipeline, reps: bag.reps, deals }, { calendar });
          const pipeline = data.pipeline as PreparedPipeline;
          const asOfMs = Date.parse("2025-11-15T00:00:00Z") + asOfDays * DAY;
          const kpi = catalogKpi(weighted ? "weighted-pipeline-value" : "pipeline-value");
          const series = kpiSeries(data, kpi, { from: "2025-11-01", to: "2027-01-01", grain, asOf: new Date(asOfMs).toISOString(), missingAmount: "skip", ...(groupBy === undefined ? {} : { groupBy }) });
          // A grouped series' team (group null, every group's deals) is in `team`: checked as well.
          for (const point of groupBy === undefined ? series.points : [...series.points, ...series.team]) {
            // A period after asOf shows the pipeline as of asOf (nothing after asOf is known).
            const at = Math.min(point.period.endMs, asOfMs);
            let sum = new Decimal(0);
            let skipped = 0;
            let counted = 0;
            for (const deal of data.deals) {
              if (!(deal.createdAt < asOfMs)) continue;
              const state = dealStateAsOf(deal, at, pipeline);
              if (state.status !== "open" || state.stage === undefined) continue;
              const key = dealGroupKey(deal, groupBy);
              if (point.group !== null && key !== point.group) continue;
              if (deal.amount === undefined) {
                skipped++;
                continue;
              }
              counted++;
              const amount = new Decimal(deal.amount.toString());
              sum = sum.plus(weighted ? amount.times((deal.probability ?? state.stage.probability).toString()) : amount);
            }
            expect(point.value?.toString() ?? "0").toBe(sum.toString());
            expect(point.skipped?.["missing-amount"] ?? 0).toBe(skipped);
            expect(point.rows).toBe(counted);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a deal won at the stroke of midnight that ends January is still in January's pipeline (the end is exclusive), not in February's", () => {
    const data = prepare(
      {
        pipeline: { stages: [{ id: "proposal", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
        deals: [
          {
            id: "d1",
            owner: "ann",
            amount: "100",
            stage: "won",
            createdAt: "2026-01-10T09:00:00+01:00",
            stageHistory: [
              { stage: "proposal", at: "2026-01-10T09:00:00+01:00" },
              { stage: "won", at: "2026-02-01T00:00:00+01:00" },
            ],
          },
        ],
      },
      { calendar },
    );
    const series = kpiSeries(data, catalogKpi("weighted-pipeline-value"), { from: "2026-01-01", to: "2026-03-01", grain: "month", asOf: "2026-03-01" });
    expect(series.points.map((point) => [point.period.label, point.value?.toString()])).toEqual([
      ["2026-01", "50"],
      ["2026-02", "0"],
    ]);
  });

  it("ten-trillion deals are weighted to the thousandth of a cent, though their sums pass 2^53 thousandths (the plain-number sums hand over to exact ones)", () => {
    const pipeline = { stages: [{ id: "qualify", probability: 0.1, outcome: "open" as const }, { id: "proposal", probability: 0.5, outcome: "open" as const }, { id: "won", probability: 1, outcome: "won" as const }] };
    const created = "2026-01-10T09:00:00+01:00";
    const data = prepare(
      {
        pipeline,
        deals: [
          // In their stage since creation: added once, carried to February.
          { id: "d1", owner: "ann", amount: "10000000000000.01", stage: "proposal", createdAt: created },
          { id: "d2", owner: "ann", amount: "10000000000000.03", stage: "proposal", createdAt: created },
          // In qualify at the end of January (read from its history), in proposal from 15 February on.
          {
            id: "d3",
            owner: "ann",
            amount: "20000000000000.05",
            stage: "proposal",
            createdAt: created,
            stageHistory: [
              { stage: "qualify", at: created },
              { stage: "proposal", at: "2026-02-15T09:00:00+01:00" },
            ],
          },
          { id: "d4", owner: "ann", amount: "30000000000000.01", stage: "qualify", createdAt: created },
          // New in February: carried from February on.
          { id: "d5", owner: "ann", amount: "20000000000000.03", stage: "qualify", createdAt: "2026-02-05T09:00:00+01:00" },
        ],
      },
      { calendar },
    );
    const series = kpiSeries(data, catalogKpi("weighted-pipeline-value"), { from: "2026-01-01", to: "2026-03-01", grain: "month", asOf: "2026-03-01", groupBy: "owner" });
    // January: 0.5 × (10,000,000,000,000.01 + 10,000,000,000,000.03) + 0.1 × (20,000,000,000,000.05 + 30,000,000,000,000.01)
    //        = 10,000,000,000,000.020 + 5,000,000,000,000.006
    // February: 0.5 × (10,000,000,000,000.01 + 10,000,000,000,000.03 + 20,000,000,000,000.05) + 0.1 × (30,000,000,000,000.01 + 20,000,000,000,000.03)
    //        = 20,000,000,000,000.045 + 5,000,000,000,000.004
    expect(series.points.map((point) => [point.period.label, point.value?.toString()])).toEqual([
      ["2026-01", "15000000000000.026"],
      ["2026-02", "25000000000000.049"],
    ]);
    expect(series.team.map((point) => point.value?.toString())).toEqual(["15000000000000.026", "25000000000000.049"]);
  });

  it("a deal whose weighted amount alone passes 2^53 goes to the exact sum, though a negative amount brings the cell's total back under it", () => {
    const data = prepare(
      {
        pipeline: { stages: [{ id: "proposal", probability: 0.9, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
        deals: [
          { id: "credit", owner: "ann", amount: "-1000000000000000", stage: "proposal", createdAt: "2026-01-10T09:00:00+01:00" },
          { id: "big", owner: "ann", amount: "1100000000000001", stage: "proposal", createdAt: "2026-01-10T09:00:00+01:00" },
        ],
      },
      { calendar },
    );
    const series = kpiSeries(data, catalogKpi("weighted-pipeline-value"), { from: "2026-01-01", to: "2026-02-01", grain: "month", asOf: "2026-02-01" });
    // 0.9 × (−1,000,000,000,000,000 + 1,100,000,000,000,001) = 0.9 × 100,000,000,000,001
    expect(series.points.map((point) => point.value?.toString())).toEqual(["90000000000000.9"]);
  });

  it("the pipeline and the weighted pipeline share one pass: asked in any order, breakdown, as-of and missing-amount policy, each equals itself asked alone", () => {
    const asks = ["pipeline-value", "weighted-pipeline-value"].flatMap((id) =>
      (["skip", "error"] as const).flatMap((missingAmount) => [undefined, "owner" as const].flatMap((groupBy) => ["2026-03-15", "2026-05-01"].map((asOf) => ({ id, missingAmount, groupBy, asOf })))),
    );
    fc.assert(
      fc.property(sqlKpiDataArb(14, 3, 2), fc.shuffledSubarray(asks, { minLength: 2, maxLength: 8 }), (bag, sequence) => {
        const input = { pipeline: bag.pipeline, reps: bag.reps, deals: bag.deals.map((deal) => ({ ...deal, currency: "EUR" })) };
        const run = (data: ReturnType<typeof prepare>, ask: (typeof asks)[number]) => {
          try {
            const options = { from: "2025-11-01", to: "2026-06-01", grain: "month" as const, asOf: ask.asOf, missingAmount: ask.missingAmount, ...(ask.groupBy === undefined ? {} : { groupBy: ask.groupBy }) };
            return JSON.stringify(kpiSeries(data, catalogKpi(ask.id), options));
          } catch (error) {
            return error instanceof KpiInputError ? `KpiInputError ${JSON.stringify(error.issues.map((issue) => issue.path))}` : String(error);
          }
        };
        // One prepared data: each call may read a pass an earlier one made; alone, nothing is shared.
        const shared = prepare(input, { calendar });
        for (const ask of sequence) expect(run(shared, ask)).toBe(run(prepare(input, { calendar }), ask));
      }),
      { numRuns: 60 },
    );
  });

  it("names a deal without an amount once, not once per month-end it is open at (missingAmount: error)", () => {
    const data = prepare(
      {
        pipeline: { stages: [{ id: "lead", probability: 0.1, outcome: "open" }, { id: "proposal", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }] },
        deals: [
          // In "lead" at the ends of January and February (read from its history), in "proposal" from 15 March on.
          {
            id: "d1",
            owner: "ann",
            stage: "proposal",
            createdAt: "2026-01-10T09:00:00+01:00",
            stageHistory: [
              { stage: "lead", at: "2026-01-10T09:00:00+01:00" },
              { stage: "proposal", at: "2026-03-15T09:00:00+01:00" },
            ],
          },
          { id: "d2", owner: "ann", amount: "100", stage: "proposal", createdAt: "2026-01-10T09:00:00+01:00" },
        ],
      },
      { calendar },
    );
    const run = () => kpiSeries(data, catalogKpi("pipeline-value"), { from: "2026-01-01", to: "2026-05-01", grain: "month", asOf: "2026-05-01", missingAmount: "error" });
    expect(run).toThrow(KpiInputError);
    try {
      run();
    } catch (error) {
      expect((error as KpiInputError).issues.map((issue) => issue.path)).toEqual([["deals", 0, "amount"]]);
    }
    // Skipped instead: d1 is counted as skipped at each of the four month-ends, d2's 100 is in each.
    const skipped = kpiSeries(data, catalogKpi("pipeline-value"), { from: "2026-01-01", to: "2026-05-01", grain: "month", asOf: "2026-05-01", missingAmount: "skip" });
    expect(skipped.points.map((point) => [point.value?.toString(), point.rows, point.skipped?.["missing-amount"]])).toEqual(Array(4).fill(["100", 1, 1]));
  });
});
