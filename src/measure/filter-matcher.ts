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

/** One field's dictionary code per row, and the codes its filter takes ({@link acceptedCodes}). */
export type CodeCheck = readonly [codes: ArrayLike<number>, accepted: Uint8Array];

/**
 * Whether row `i` passes every check. A check whose filter takes every code is not read, so a
 * pass filtered on one field (won deals) does one lookup per row, not one per field.
 */
export function codesPass(checks: readonly CodeCheck[]): (i: number) => boolean {
  const narrowing = checks.filter(([, accepted]) => accepted.includes(0));
  const [first, second] = narrowing;
  if (first === undefined) return () => true;
  const [a, okA] = first;
  if (second === undefined) return (i) => okA[(a[i] as number) + 1] !== 0;
  const [b, okB] = second;
  if (narrowing.length === 2) return (i) => okA[(a[i] as number) + 1] !== 0 && okB[(b[i] as number) + 1] !== 0;
  return (i) => narrowing.every(([codes, accepted]) => accepted[(codes[i] as number) + 1] !== 0);
}
