// Internal: a `where` filter value as a test on a row's field — the one reading of a filter
// for the row passes and, per dictionary code, for the column passes.
import type { FilterValue } from "./measure.js";

/** Tests one field value of a row. */
export type Matcher = (value: string | undefined) => boolean;

/** The test of `filter`: `undefined` lets every value through (missing ones too); a string is equality; a list is membership. */
export function matcher(filter: FilterValue | undefined): Matcher {
  if (filter === undefined) return () => true;
  if (typeof filter === "string") return (value) => value === filter;
  const accepted = new Set(filter);
  return (value) => value !== undefined && accepted.has(value);
}

/** {@link matcher} per code of a dictionary's values, shifted by one: `[0]` is the missing value (code -1). */
export function acceptedCodes(values: readonly (string | undefined)[], filter: FilterValue | undefined): Uint8Array {
  const accepts = matcher(filter);
  const out = new Uint8Array(values.length + 1);
  out[0] = accepts(undefined) ? 1 : 0;
  values.forEach((value, code) => (out[code + 1] = accepts(value) ? 1 : 0));
  return out;
}
