// The SQL engine's weighted pipeline, pipeline value and win rate equal the in-process
// functions as exact strings, as of random instants (ties, reopened deals, missing moves into
// the current stage, deals without history, two currencies) — on DuckDB, PGlite and a real server.
import { expect, test } from "vitest";
import { pipelineValue, prepareKpiData, weightedPipelineValue, winRate } from "../../src/index.js";
import { sqlEngine } from "../../src/sql.js";
import { calendarArb, SAMPLE_PIPELINE, sqlKpiDataArb } from "../arbitraries.js";
import { fc, forEachDatabase, type Outcome, outcome } from "./differential.js";
import { loadKpiData } from "./load-kpi-data.js";

const asOfArb = fc.option(
  fc.oneof(
    fc.constantFrom("2026-03-29", "2026-04-01", "2026-10-25", "2026-12-31", "2026-06-30T23:59:59.999Z", "2026-03-29T01:00:00.000Z"),
    fc.integer({ min: Date.parse("2025-12-15T00:00:00Z"), max: Date.parse("2027-01-15T00:00:00Z") }).map((ms) => new Date(ms).toISOString()),
  ),
  { nil: undefined, freq: 6 },
);
const currencyArb: fc.Arbitrary<{ currency?: string; rates?: Record<string, string> }> = fc.constantFrom<{ currency?: string; rates?: Record<string, string> }>({}, { currency: "EUR", rates: { USD: "0.9" } }, { currency: "USD", rates: { EUR: "1.1" } });
const missingAmountArb = fc.constantFrom(undefined, "skip", "skip", "error");
const periodArb = fc.constantFrom(
  { from: "2026-01-01", to: "2026-04-01" },
  { from: "2026-03-01", to: "2026-04-01" },
  { from: "2026-01-01", to: "2027-01-01" },
  { from: "2026-10-01", to: "2026-11-01" },
);

/**
 * Skipped deals have no input position in a database: compare them by id. When the data has
 * both a deal without amount (under `missingAmount: "error"`) and a second currency without
 * rates, the in-process functions report whichever problem comes first in row order, and a
 * database has no row order: either error is right, so both read as one.
 */
function withoutPositions(result: Outcome): Outcome {
  if (!("value" in result)) {
    return result.code === "mixed-currencies" || result.code === "invalid-input" ? { error: "bad amounts", code: "mixed-currencies or missing amount" } : result;
  }
  const value = result.value as { skipped?: Array<{ id: string }> };
  return { value: { ...value, skipped: (value.skipped ?? []).map((s) => s.id).sort() } };
}

forEachDatabase("pipeline", (db, runs) => {
  test(
    "weighted pipeline, pipeline value and win rate equal the in-process results as of any instant",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          sqlKpiDataArb(),
          calendarArb,
          fc.array(fc.record({ asOf: asOfArb, currency: currencyArb, missingAmount: missingAmountArb, period: periodArb, basis: fc.constantFrom("closed", "created"), by: fc.constantFrom("count", "value") }), { minLength: 2, maxLength: 4 }),
          async (data, calendar, calls) => {
            const { dialect, execute } = db();
            await loadKpiData(execute, dialect, data, calendar);
            const engine = sqlEngine({ dialect, execute, pipeline: SAMPLE_PIPELINE, calendar });
            const prepared = prepareKpiData(data, { calendar });
            for (const call of calls) {
              const base = {
                ...(call.asOf === undefined ? {} : { asOf: call.asOf }),
                ...call.currency,
                ...(call.missingAmount === undefined ? {} : { missingAmount: call.missingAmount as "skip" | "error" }),
              };
              expect(withoutPositions(await outcome(() => engine.weightedPipelineValue(base)))).toEqual(
                withoutPositions(await outcome(() => weightedPipelineValue(prepared, base))),
              );
              expect(withoutPositions(await outcome(() => engine.pipelineValue(base)))).toEqual(withoutPositions(await outcome(() => pipelineValue(prepared, base))));
              const rate = { ...base, period: call.period, basis: call.basis, by: call.by };
              expect(withoutPositions(await outcome(() => engine.winRate(rate)))).toEqual(withoutPositions(await outcome(() => winRate(prepared, rate))));
            }
          },
        ),
        { numRuns: runs },
      );
    },
    120_000,
  );
});
