import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ratio, toDecimal } from "../../src/index.js";
import { decimalStringArb } from "../arbitraries.js";

/** The canonical text of a plain decimal string: no leading zeros, no trailing fraction zeros. */
function canonical(text: string): string {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const w = whole.replace(/^0+(?=\d)/, "");
  const f = fraction.replace(/0+$/, "");
  const body = f === "" ? w : `${w}.${f}`;
  return negative && body !== "0" ? `-${body}` : body;
}

describe("toDecimal properties", () => {
  it("round-trips decimal strings exactly", () => {
    fc.assert(
      fc.property(decimalStringArb, (text) => {
        expect(toDecimal(text).toFixed()).toBe(canonical(text));
      }),
    );
  });

  it("reads a finite number as its shortest round-trip text", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (value) => {
        expect(toDecimal(value).toNumber()).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe("ratio properties", () => {
  it("value is null exactly when the denominator is zero, and numerator/denominator otherwise", () => {
    fc.assert(
      fc.property(decimalStringArb, fc.oneof(fc.constant("0"), fc.constant("-0.000"), decimalStringArb), (n, d) => {
        const r = ratio(n, d);
        if (toDecimal(d).isZero()) expect(r.value).toBeNull();
        else expect(r.value?.equals(toDecimal(n).div(toDecimal(d)))).toBe(true);
      }),
    );
  });
});
