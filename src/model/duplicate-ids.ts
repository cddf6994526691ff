import { customIssue, formatPath, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiCollection } from "./prepared.js";

/** A kept row: its id (activities may have none) and its position in the input. */
export interface KeptRow {
  readonly id: string | undefined;
  readonly index: number;
}

/** Kept rows as columns: ids and positions in the input, by position among the kept rows. */
export interface KeptColumns {
  readonly id: ArrayLike<string | undefined>;
  readonly index: ArrayLike<number>;
}

/** A kept row the later of two with one id: its position among the kept rows, and the issue (path `id`, relative to the row). */
export interface DuplicateId {
  readonly position: number;
  /** The row's position in the input (where its issue is reported). */
  readonly index: number;
  readonly issues: KpiIssue[];
}

/** 32-bit FNV-1a of the UTF-16 code units, with a final mix so that every bit depends on every character. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/** Bits of the hash (its top bits) that pick a row's bucket: 2048 buckets. */
const BUCKET_BITS = 11;
const BUCKETS = 1 << BUCKET_BITS;

/**
 * The hashes of the kept rows' ids, taken while each row is read: its id is in cache then, and
 * a second pass over a million prepared rows is not (it costs more than the rest of the
 * search). Create one per collection, `add` the id of every kept row in order, then call
 * {@link findDuplicateIds}. A local accumulator, like `ExactSum`: never shared.
 */
export interface IdHashes {
  /** Adds the id of the next kept row (`undefined`: that row has no id). */
  add(id: string | undefined): void;
}

/** Creates an {@link IdHashes} sized for `capacity` kept rows (it grows past them). */
export function createIdHashes(capacity: number): IdHashes {
  return new IdHashList(capacity);
}

class IdHashList implements IdHashes {
  /** Hash of the i-th row with an id (sized up front; doubled when full). */
  hashes: Uint32Array;
  /** Position among the kept rows of the i-th row with an id; only once a row had none (until then it is i). */
  positions: Int32Array | undefined = undefined;
  /** Rows with an id so far. */
  count = 0;
  /** Rows added so far. */
  rows = 0;
  /** Rows with an id per bucket, at index bucket + 1 (the prefix sums come later). */
  readonly bucketSizes = new Int32Array(BUCKETS + 1);

  constructor(capacity: number) {
    this.hashes = new Uint32Array(capacity);
  }

  add(id: string | undefined): void {
    // Full (rows read from an iterable of unknown length): twice the room.
    if (this.rows === this.hashes.length) this.grow();
    const position = this.rows++;
    if (id === undefined) {
      if (this.positions === undefined) {
        // Every row so far had an id: their positions are their counts.
        this.positions = new Int32Array(this.hashes.length);
        for (let next = 0; next < this.count; next++) this.positions[next] = next;
      }
      return;
    }
    const hash = hashId(id) >>> 0;
    this.hashes[this.count] = hash;
    if (this.positions !== undefined) this.positions[this.count] = position;
    this.count++;
    const bucket = (hash >>> (32 - BUCKET_BITS)) + 1;
    this.bucketSizes[bucket] = (this.bucketSizes[bucket] as number) + 1;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.hashes.length * 2);
    const hashes = new Uint32Array(capacity);
    hashes.set(this.hashes);
    this.hashes = hashes;
    if (this.positions !== undefined) {
      const positions = new Int32Array(capacity);
      positions.set(this.positions);
      this.positions = positions;
    }
  }
}

/**
 * The kept rows whose id a kept row before them already has, in order of position: each with
 * the issue naming the first row with that id, `duplicate id "d1": also deals[2]`. Ids
 * identify deals, leads and reps (and activities that have one): a row listed twice would be
 * counted twice (win rate; conversion counts distinct leads, DESIGN §7) or make a rep's team
 * depend on row order, so `prepareKpiData` refuses every later row (or skips it with
 * `invalidRows: "skip"`). Pass only rows that are otherwise valid, so that a skipped invalid row
 * does not claim its id; the first row with an id is never a duplicate, and every later one
 * names it.
 *
 * How: the ids' 32-bit hashes are bucketed by their top bits in one counting pass (a stable
 * one: each bucket keeps position order), then each bucket, a few hundred rows for a million
 * ids, goes through a small open-addressing table that stays in cache; rows with equal hashes
 * have their ids compared as strings, so a hash collision is never taken for a duplicate. One
 * hash table for all ids instead costs a cache and TLB miss per row at random in a 16 MB
 * table (a million ids: ~0.25 s here, against ~0.03 s bucketed), and a JS `Set` of a million
 * ids about a second (a large table of pointers the garbage collector keeps scanning).
 *
 * `ids` holds the hashes of the rows' ids, added in order while the rows were read (see
 * {@link IdHashes}); the rows themselves are only read again where two hashes are equal.
 *
 * Cost: O(n) expected for n rows with ids, plus the string comparisons of rows with equal
 * hashes; three typed arrays of n entries (12 MB for a million ids; a fourth when some rows
 * have no id), no allocation per row.
 *
 * @example
 * const kept = [{ id: "d1", index: 0 }, { id: "d2", index: 1 }, { id: "d1", index: 2 }];
 * const ids = createIdHashes(kept.length);
 * for (const row of kept) ids.add(row.id);
 * findDuplicateIds("deals", kept, ids).map((duplicate) => [duplicate.position, duplicate.issues[0]?.message]);
 * //=> [[2, 'duplicate id "d1": also deals[0]']]
 */
export function findDuplicateIds(collection: KpiCollection, kept: readonly KeptRow[] | KeptColumns, ids: IdHashes): DuplicateId[] {
  const { hashes, positions, count } = ids as IdHashList;
  if (count < 2) return [];
  const idAt = Array.isArray(kept)
    ? (position: number) => (kept[position] as KeptRow).id
    : (position: number) => (kept as KeptColumns).id[position];
  const indexAt = Array.isArray(kept)
    ? (position: number) => (kept[position] as KeptRow).index
    : (position: number) => (kept as KeptColumns).index[position] as number;
  const bucketStarts = (ids as IdHashList).bucketSizes.slice();
  // Bucket b holds rows bucketStarts[b] to bucketStarts[b + 1] - 1 of bucketHashes/bucketPositions.
  let largest = 0;
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    largest = Math.max(largest, bucketStarts[bucket + 1] as number);
    bucketStarts[bucket + 1] = (bucketStarts[bucket + 1] as number) + (bucketStarts[bucket] as number);
  }
  const bucketHashes = new Uint32Array(count);
  const bucketPositions = new Int32Array(count);
  const fill = bucketStarts.slice(0, BUCKETS);
  for (let next = 0; next < count; next++) {
    const hash = hashes[next] as number;
    const bucket = hash >>> (32 - BUCKET_BITS);
    const to = fill[bucket] as number;
    fill[bucket] = to + 1;
    bucketHashes[to] = hash;
    bucketPositions[to] = positions === undefined ? next : (positions[next] as number);
  }
  // Per bucket, in position order: slots hold (row in the bucket arrays) + 1, 0 when free; at
  // most half full. A row whose id is found is a duplicate and is not added.
  let capacity = 16;
  while (capacity < 2 * largest) capacity *= 2;
  const table = new Int32Array(capacity);
  const mask = capacity - 1;
  const duplicates: DuplicateId[] = [];
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const from = bucketStarts[bucket] as number;
    const to = bucketStarts[bucket + 1] as number;
    if (to - from < 2) continue;
    table.fill(0);
    for (let at = from; at < to; at++) {
      const hash = bucketHashes[at] as number;
      let first = -1;
      let slot = hash & mask;
      for (;;) {
        const taken = table[slot] as number;
        if (taken === 0) break;
        if (bucketHashes[taken - 1] === hash) {
          const candidate = bucketPositions[taken - 1] as number;
          if (idAt(candidate) === idAt(bucketPositions[at] as number)) {
            first = candidate;
            break;
          }
        }
        slot = (slot + 1) & mask;
      }
      if (first < 0) {
        table[slot] = at + 1;
        continue;
      }
      const id = idAt(first) as string;
      const position = bucketPositions[at] as number;
      duplicates.push({ position, index: indexAt(position), issues: [customIssue(["id"], messages.duplicateId(id, formatPath([collection, indexAt(first)])), id)] });
    }
  }
  return duplicates.sort((a, b) => a.position - b.position);
}
