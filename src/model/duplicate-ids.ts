import { customIssue, formatPath, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiCollection } from "./prepared.js";

/** A kept row: its id (activities may have none) and its position in the input. */
interface KeptRow {
  readonly id: string | undefined;
  readonly index: number;
}

/**
 * Says whether the row at input `index`, about to be kept at `kept[position]`, has the id of a
 * row kept before it. Returns `undefined` and remembers the id when it is new; else the issue
 * for the later row (path `id`, relative to the row) naming the first row with that id:
 * `duplicate id "d1": also deals[2]`.
 */
export type DuplicateIdCheck = (id: string, position: number) => KpiIssue[] | undefined;

/** 32-bit FNV-1a of the UTF-16 code units, with a final mix so the low bits (the slot) spread. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/**
 * A {@link DuplicateIdCheck} for one collection of `rowCount` rows, kept in `kept`. Ids
 * identify deals, leads and reps (and activities that have one): a row listed twice would be
 * counted twice (win rate; conversion counts distinct leads, DESIGN §7) or make a rep's team
 * depend on row order, so `prepareKpiData` refuses the later row (or skips it with
 * `invalidRows: "skip"`). Call it only for rows that are otherwise valid, just before keeping
 * them, so a skipped invalid row does not claim its id.
 *
 * How: an open-addressing hash set over typed arrays (the id's hash and the kept row's
 * position + 1, linear probing, at most half full), allocated on the first id. A JS `Set` of a
 * million ids costs about a second here (hashing into a large table of pointers the garbage
 * collector keeps scanning); this costs about a tenth of that. Ids are compared as strings
 * whenever the hashes match, so a hash collision is never taken for a duplicate.
 *
 * Cost: O(1) expected per row, no allocation per row unless the id is a duplicate; two
 * Int32Arrays of the next power of two ≥ 2 × `rowCount` (16 MB for a million rows).
 *
 * @example
 * const kept: { id: string; index: number }[] = [];
 * const check = createDuplicateIdCheck("deals", 8, kept);
 * check("d1", 0); // undefined (then kept[0] = { id: "d1", index: 2 })
 * check("d1", 1)?.[0]?.message; // 'duplicate id "d1": also deals[2]'
 */
export function createDuplicateIdCheck(collection: KpiCollection, rowCount: number, kept: readonly KeptRow[]): DuplicateIdCheck {
  let hashes: Int32Array | undefined;
  let positions: Int32Array | undefined;
  let mask = 0;
  return (id, position) => {
    if (hashes === undefined || positions === undefined) {
      let capacity = 16;
      while (capacity < 2 * rowCount) capacity *= 2;
      hashes = new Int32Array(capacity);
      positions = new Int32Array(capacity);
      mask = capacity - 1;
    }
    const hash = hashId(id);
    let slot = hash & mask;
    for (;;) {
      const taken = positions[slot] as number;
      if (taken === 0) break;
      if (hashes[slot] === hash) {
        const earlier = kept[taken - 1] as KeptRow;
        if (earlier.id === id) return [customIssue(["id"], messages.duplicateId(id, formatPath([collection, earlier.index])), id)];
      }
      slot = (slot + 1) & mask;
    }
    hashes[slot] = hash;
    positions[slot] = position + 1;
    return undefined;
  };
}
