import type { Decimal } from "decimal.js";

/**
 * An input type as callers may hold it: every array and object read-only, all the way down
 * (the library never mutates its input, so `as const` data and `readonly` arrays are accepted).
 * Decimals, Dates and functions are left as they are.
 */
export type ReadonlyInput<T> = T extends Decimal | Date | ((...args: never[]) => unknown)
  ? T
  : T extends readonly (infer U)[]
    ? readonly ReadonlyInput<U>[]
    : T extends object
      ? { readonly [K in keyof T]: ReadonlyInput<T[K]> }
      : T;
