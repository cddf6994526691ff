// The inner ratio constructors the engine finishes cells with: the same Ratio as `ratio`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiInputError, ratio, toDecimal } from "../../src/index.js";
import { countDecimal } from "../../src/core/decimal.js";
import { countRatio, ratioOf } from "../../src/core/ratio.js";

const json = (value: unknown) => JSON.stringify(value);

describe("ratioOf and countRatio", () => {
  it("equal ratio() for any counts, remembered or not, and 0 of 0 is no value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9000 }), fc.integer({ min: 0, max: 9000 }), (a, b) => {
        expect(json(countRatio(a, b))).toBe(json(ratio(a, b)));
        expect(json(countRatio(a, b))).toBe(json(ratio(a, b))); // remembered the second time
        expect(json(ratioOf(toDecimal(a), toDecimal(b)))).toBe(json(ratio(a, b)));
      }),
    );
    expect(countRatio(0, 0).value).toBeNull();
  });

  it("a negative or fractional count is divided, never read from the remembered quotients of other counts", () => {
    expect(countRatio(-1, 5).value?.toString()).toBe("-0.2");
    // -1 × 4096 + 5 is the key 0 × 4096 − 4091 would have: no collision.
    expect(countRatio(0, -4091).value?.toString()).toBe("0");
    expect(countRatio(1.5, 3).value?.toString()).toBe("0.5");
  });

  it("parts of 10^18 or more are refused, as ratio() refuses them", () => {
    const big = toDecimal("999999999999999999").times(12);
    expect(() => ratioOf(big, countDecimal(12))).toThrow(KpiInputError);
  });
});
