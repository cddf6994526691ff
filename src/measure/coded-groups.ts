// Internal: group keys as integer codes for passes over columns: a row's code under one or
// two breakdown fields (from their dictionaries), and the group key a code stands for (the
// same key `groupKeyReader` builds from a row object).
import type { Dictionary } from "../model/dictionary.js";
import { KEY_SEPARATOR } from "./group-key.js";

/** The groups of one or two dictionaries, numbered `0 … count - 1`. */
export interface CodedGroups {
  /** How many codes there are (`values₁ × values₂` for two fields; 0 when not grouped). */
  readonly count: number;
  /** Row `i`'s group code; -1 when it lacks a field's value (or when not grouped). */
  codeOf(i: number): number;
  /** The group key of a code (`undefined` for -1). */
  keyOf(code: number): string | undefined;
}

/** Codes for the breakdown over `dictionaries` (none, one or two fields). */
export function codedGroups(dictionaries: readonly Dictionary[]): CodedGroups {
  const [first, second] = dictionaries as [Dictionary | undefined, Dictionary | undefined];
  if (first === undefined) return { count: 0, codeOf: () => -1, keyOf: () => undefined };
  const firstCodes = first.codes;
  if (second === undefined) {
    return { count: first.values.length, codeOf: (i) => firstCodes[i] as number, keyOf: (code) => (code < 0 ? undefined : first.values[code]) };
  }
  const secondCodes = second.codes;
  const size = second.values.length;
  return {
    count: first.values.length * size,
    codeOf(i) {
      const a = firstCodes[i] as number;
      const b = secondCodes[i] as number;
      return a < 0 || b < 0 ? -1 : a * size + b;
    },
    keyOf: (code) => (code < 0 ? undefined : `${first.values[Math.floor(code / size)]}${KEY_SEPARATOR}${second.values[code % size]}`),
  };
}
