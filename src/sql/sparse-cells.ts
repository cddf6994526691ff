// Internal: per-(bucket, group) cells built from a database's sparse aggregate rows, with the
// same bookkeeping as `groupedCells` (team cell of every row, the group's cell when the row has
// a key, rows without a key counted per bucket, skips by reason), but each row standing for
// `count` source rows at once.
import { mergeReasons } from "../measure/accumulate.js";
import type { CellResult } from "../measure/grouped-cells.js";
import { KEY_SEPARATOR } from "../measure/group-key.js";
import type { EvaluatedCells, SeriesCell } from "../measure/series-of.js";
import { readText } from "./read-aggregates.js";
import type { SqlRow } from "./sql-execute.js";

/** Running cells of one evaluation from aggregate rows. */
export interface SparseCells<S> {
  /** The states `count` rows of `bucket` with `key` add to: the team's, then the group's when it has a key. */
  cellsOf(bucket: number, key: string | undefined, count: number): readonly S[];
  /** Counts `count` rows of `bucket` left out, by reason, in the result and in their cells. */
  skip(bucket: number, key: string | undefined, reason: string, count: number): void;
  /** The finished cells (as `groupedCells(...).finish`). */
  finish(additive: boolean, value: (state: S, bucket: number) => CellResult, extra?: { currency?: string | undefined; dataStartMs?: number | undefined }): EvaluatedCells;
}

interface Slot<S> {
  readonly state: S;
  rows: number;
  withoutGroup: number;
  skipped: Record<string, number> | undefined;
}

/** The group key of an aggregate row (`group_key`, `group_key2`), as `groupKeyReader` makes it; `undefined` when ungrouped or a field is NULL. */
export function rowGroupKey(row: SqlRow, fields: number): string | undefined {
  if (fields === 0) return undefined;
  const first = readText(row, "group_key");
  if (fields < 2) return first;
  const second = readText(row, "group_key2");
  return first === undefined || second === undefined ? undefined : first + KEY_SEPARATOR + second;
}

/** Cells over `count` buckets; `grouped` false keeps only the team. */
export function sparseCells<S>(count: number, newState: () => S, grouped: boolean): SparseCells<S> {
  const newSlots = (): Slot<S>[] => Array.from({ length: count }, () => ({ state: newState(), rows: 0, withoutGroup: 0, skipped: undefined }));
  const total = newSlots();
  const byGroup = new Map<string, Slot<S>[]>();
  const skippedReasons: Record<string, number> = {};
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  const groupSlots = (key: string): Slot<S>[] => {
    let slots = byGroup.get(key);
    if (slots === undefined) byGroup.set(key, (slots = newSlots()));
    return slots;
  };
  const tally = (slot: Slot<S>, reason: string, n: number): void => {
    slot.skipped ??= {};
    slot.skipped[reason] = (slot.skipped[reason] ?? 0) + n;
  };
  return {
    cellsOf(bucket, key, n) {
      rowsUsed += n;
      const team = total[bucket] as Slot<S>;
      team.rows += n;
      const out = [team.state];
      if (grouped) {
        if (key === undefined) {
          rowsWithoutGroup += n;
          team.withoutGroup += n;
        } else {
          const slot = groupSlots(key)[bucket] as Slot<S>;
          slot.rows += n;
          out.push(slot.state);
        }
      }
      return out;
    },
    skip(bucket, key, reason, n) {
      skippedReasons[reason] = (skippedReasons[reason] ?? 0) + n;
      tally(total[bucket] as Slot<S>, reason, n);
      if (grouped && key !== undefined) tally(groupSlots(key)[bucket] as Slot<S>, reason, n);
    },
    finish(additive, value, extra = {}) {
      const finishSlots = (slots: readonly Slot<S>[]): SeriesCell[] =>
        slots.map((slot, bucket) => {
          const cell = value(slot.state, bucket);
          const skipped = slot.skipped === undefined ? cell.skipped : mergedInto(slot.skipped, cell.skipped);
          return {
            ...cell,
            rows: cell.rows ?? slot.rows,
            ...(skipped === undefined ? {} : { skipped }),
            ...(slot.withoutGroup === 0 ? {} : { withoutGroup: slot.withoutGroup }),
          };
        });
      const finished = new Map<string, SeriesCell[]>();
      for (const [key, slots] of byGroup) finished.set(key, finishSlots(slots));
      return {
        additive,
        byGroup: finished,
        total: finishSlots(total),
        empty: finishSlots(newSlots()),
        rowsUsed,
        rowsWithoutGroup,
        skippedReasons,
        currency: extra.currency,
        dataStartMs: extra.dataStartMs,
      };
    },
  };
}

function mergedInto(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>> | undefined): Readonly<Record<string, number>> {
  if (b === undefined) return a;
  const out: Record<string, number> = { ...a };
  mergeReasons(out, b);
  return out;
}
