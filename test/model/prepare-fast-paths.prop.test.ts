import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAmount, isDecimalLike, KpiDecimal, ZERO, toDecimal } from "../../src/core/decimal.js";
import { scaledToDecimal, toScaledInteger } from "../../src/core/exact-sum.js";
import { resolveCalendar, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import type { PreparedStage } from "../../src/model/prepared.js";
import { compareStageMoves } from "../../src/model/stage-move-order.js";
import { StageMoveColumns } from "../../src/model/stage-moves.js";
import { createInstantReader } from "../../src/time/instant.js";

// prepareKpiData builds amounts and probabilities from their scaled integers and reads UTC
// date-times with integer arithmetic; both must give exactly what decimal.js and Date.parse give.

/** The fields decimal.js keeps, so that two Decimals can be compared field by field. */
function fields(value: KpiDecimal) {
  return { constructor: value.constructor, s: value.s, e: value.e, d: value.d };
}

/** Safe integers, weighted to word boundaries (10^7, 10^14) and the ends of the safe range. */
const unitsArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: 0, max: 20 }).map((exponent) => 10 ** Math.min(exponent, 15)),
  fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: -3, max: 3 })).map(([exponent, nudge]) => 10 ** exponent + nudge),
  fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 12 })).map(([digits, zeros]) => digits * 10 ** zeros),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 9_999_999, 10_000_000, 99_999_999_999_999),
);

describe("scaledToDecimal builds the Decimal decimal.js would read from the same value", () => {
  it("sign, exponent, digit words and constructor equal new KpiDecimal of the text, for every alignment", () => {
    fc.assert(
      fc.property(unitsArb, fc.integer({ min: 0, max: 30 }), (units, scale) => {
        const built = scaledToDecimal(units, scale);
        const expected = toDecimal(`${units}e-${scale}`);
        expect(fields(built)).toEqual(fields(expected));
        expect(built).toBeInstanceOf(KpiDecimal);
        expect(built.toString()).toBe(expected.toString());
        // It behaves as a Decimal of the library's clone in arithmetic.
        expect(built.plus("0.1").times(3).eq(expected.plus("0.1").times(3))).toBe(true);
      }),
      { numRuns: 500, examples: [[0, 2], [-0, 0], [1, 7], [1, 8], [1234567, 0], [12345678, 1], [Number.MAX_SAFE_INTEGER, 22], [9_007_199_254_740_990, 3], [9_000_000_000_000_000, 2], [-8_999_999_999_999_999, 9], [4_294_967_300, 2]] },
    );
    expect(scaledToDecimal(0, 5)).toBe(ZERO);
  });

  it("from toScaledInteger of an amount it equals toDecimal of the amount, field by field", () => {
    const amountArb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 50_000, max: 20_000_000 }).map((cents) => cents / 100),
      fc.integer({ min: 50_000, max: 20_000_000 }).map((cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`),
      fc.constantFrom<number | string>("1234.50", "-0.00", "0.000001", "1e3", "-12.5e-3", ".5", "5.", 1e17, 5e-324, 0.1, -0),
    ).filter((amount) => isDecimalLike(amount));
    fc.assert(
      fc.property(amountArb, (amount) => {
        const scaled = toScaledInteger(amount);
        if (scaled === undefined) return;
        expect(fields(scaledToDecimal(scaled.units, scaled.scale))).toEqual(fields(toDecimal(amount)));
      }),
      { numRuns: 500 },
    );
  });

  it("a prepared deal's amount and probability equal toDecimal of the input", () => {
    const pipeline = { stages: [{ id: "open", probability: 0.5, outcome: "open" as const }] };
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom<number | string>("1234.50", "0", "-7", "1e-10", "12345678901234567.8901")).filter((amount) => isAmount(amount)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amount, probability) => {
          const deal = prepareKpiData({ pipeline, deals: [{ id: "d", owner: "ann", stage: "open", createdAt: "2026-01-05", amount, probability }] }).deals[0];
          expect(deal?.amount).toEqual(toDecimal(amount));
          expect(fields(deal?.amount as KpiDecimal)).toEqual(fields(toDecimal(amount)));
          expect(fields(deal?.probability as KpiDecimal)).toEqual(fields(toDecimal(probability)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the instant reader's UTC date-times are Date.parse's, to the millisecond", () => {
  it("every instant from 1970 to 9999 written by toISOString reads back as itself", () => {
    const reader = createInstantReader(resolveCalendar({ timeZone: "Europe/Amsterdam" }));
    const msArb = fc.oneof(
      fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
      fc.integer({ min: 0, max: 400 * 366 }).map((day) => Date.UTC(2000, 0, 1) + (day - 200 * 366) * 86_400_000 - 1),
      fc.constantFrom(0, Date.UTC(2000, 1, 29), Date.UTC(2100, 2, 1) - 1, Date.UTC(2400, 1, 29, 12), Date.UTC(9999, 11, 31, 23, 59, 59, 999)),
    );
    fc.assert(
      fc.property(msArb, fc.boolean(), (ms, withMilliseconds) => {
        const iso = new Date(ms).toISOString();
        const text = withMilliseconds ? iso : `${iso.slice(0, 19)}Z`;
        expect(reader.read(text)).toBe(Date.parse(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("StageMoveColumns.sortRun sorts a run as Array.prototype.sort with compareStageMoves does", () => {
  const outcomes = ["open", "open", "open", "won", "lost"] as const;
  const stages: PreparedStage[] = outcomes.map((outcome, index) => ({
    id: `s${index}`,
    label: undefined,
    index,
    probability: toDecimal(0.5),
    probabilityUnits: 5,
    probabilityScale: 1,
    outcome,
  }));
  it("same order for short runs and long ones, and the moves around the run untouched", () => {
    const moveArb = fc.record({ stage: fc.constantFrom(...stages), at: fc.integer({ min: 0, max: 4 }).map((day) => day * 86_400_000) });
    const runArb = fc.oneof(fc.array(moveArb, { maxLength: 8 }), fc.array(moveArb, { minLength: 15, maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 5 }), runArb, fc.array(moveArb, { maxLength: 5 }), (before, run, after) => {
        const columns = new StageMoveColumns(stages, before.length + run.length + after.length);
        for (const move of [...before, ...run, ...after]) columns.push(move.at, move.stage.index);
        columns.sortRun(before.length, before.length + run.length);
        expect(columns.moves(0, columns.length)).toEqual([...before, ...[...run].sort(compareStageMoves), ...after]);
      }),
      { numRuns: 500 },
    );
  });
});
