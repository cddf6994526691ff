import { type KpiDecimal, withoutNegativeZero, ZERO } from "./decimal.js";

/**
 * An exact running sum of Decimals. A local accumulator (never shared state): create one per
 * result, `add` each amount, read `value()` once. Exact: equals adding the Decimals one by one.
 */
export interface ExactSum {
  add(amount: KpiDecimal): void;
  value(): KpiDecimal;
}

/** Creates an {@link ExactSum} starting at 0. */
export function createExactSum(): ExactSum {
  let total: KpiDecimal = ZERO;
  return {
    add(amount) {
      total = total.plus(amount);
    },
    value() {
      return withoutNegativeZero(total);
    },
  };
}
