// Internal: per-(bucket, group) running state for evaluators that are not plain measures
// (the builtin KPIs). Each row adds to its bucket's team cell and, when it has a group key,
// to its group's cell; rows without a key are counted per bucket.
import { mergeReasons } from "./accumulate.js";
import type { GroupedRow, GroupKeyReader } from "./group-key.js";
import type { EvaluatedCells, SeriesCell } from "./series-of.js";

/** Running cells of one evaluation. */
export interface GroupedCells<S> {
  /**
   * The cells `row` adds to in `bucket`: the team's, then its group's when it has a key. The
   * array is reused between calls: read it before the next call.
   */
  cellsOf(bucket: number, row: GroupedRow): readonly S[];
  /** Counts a row of `bucket` left out, by reason, in the result and in its cells. */
  skip(bucket: number, row: GroupedRow, reason: string): void;
  /** The finished cells; `value` must return a fresh object for each call (it is completed in place). */
  finish(additive: boolean, value: (state: S, bucket: number) => CellResult, extra?: { currency?: string | undefined; dataStartMs?: number | undefined }): EvaluatedCells;
}

/**
 * The same cells addressed by group key, each call standing for `rows` source rows at once: what
 * a database's aggregate rows (one per bucket and key) add to (`sales-kpi/sql`).
 */
export interface KeyedCells<S> {
  /** The states `rows` rows of `bucket` with `key` add to: the team's, then the group's when it has a key. Reused between calls. */
  cellsOf(bucket: number, key: string | undefined, rows: number): readonly S[];
  /** Counts `rows` rows of `bucket` with `key` left out, by reason. */
  skip(bucket: number, key: string | undefined, reason: string, rows: number): void;
  finish: GroupedCells<S>["finish"];
}

/** A finished cell's value; `rows` defaults to the rows the cell received. */
export type CellResult = Omit<SeriesCell, "rows" | "withoutGroup"> & { readonly rows?: number };

/** A class, not a literal: one shape for every slot, made by a plain constructor call. */
class Slot<S> {
  rows = 0;
  withoutGroup = 0;
  skipped: Record<string, number> | undefined = undefined;
  constructor(readonly state: S) {}
}

/** Cells over `count` buckets, grouped by `keyOf` (or only the team when `undefined`). */
export function groupedCells<S>(count: number, newState: () => S, keyOf: GroupKeyReader | undefined): GroupedCells<S> {
  const cells = keyedCells(count, newState, keyOf !== undefined);
  return {
    cellsOf: (bucket, row) => cells.cellsOf(bucket, keyOf?.(row), 1),
    skip: (bucket, row, reason) => cells.skip(bucket, keyOf?.(row), reason, 1),
    finish: cells.finish,
  };
}

/** Cells over `count` buckets addressed by key; `grouped` false keeps only the team. */
export function keyedCells<S>(count: number, newState: () => S, grouped: boolean): KeyedCells<S> {
  // A loop, not Array.from({ length }): that walks an iterator protocol per slot.
  const newSlots = (): Slot<S>[] => {
    const slots = new Array<Slot<S>>(count);
    for (let i = 0; i < count; i++) slots[i] = new Slot(newState());
    return slots;
  };
  const total = newSlots();
  const byGroup = new Map<string, Slot<S>[]>();
  const skippedReasons: Record<string, number> = {};
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  // The arrays cellsOf returns, reused: the team's state alone, or the team's and a group's
  // (emptying one array by \`length = 0\` would drop its storage, to be made again per call).
  const teamOnly: S[] = [undefined as S];
  const teamAndGroup: S[] = [undefined as S, undefined as S];
  const groupSlots = (key: string): Slot<S>[] => {
    let slots = byGroup.get(key);
    if (slots === undefined) {
      slots = newSlots();
      byGroup.set(key, slots);
    }
    return slots;
  };
  const tally = (slot: Slot<S>, reason: string, rows: number): void => {
    slot.skipped ??= {};
    slot.skipped[reason] = (slot.skipped[reason] ?? 0) + rows;
  };
  return {
    cellsOf(bucket, key, rows) {
      rowsUsed += rows;
      const team = total[bucket] as Slot<S>;
      team.rows += rows;
      if (grouped) {
        if (key === undefined) {
          rowsWithoutGroup += rows;
          team.withoutGroup += rows;
        } else {
          const slot = groupSlots(key)[bucket] as Slot<S>;
          slot.rows += rows;
          teamAndGroup[0] = team.state;
          teamAndGroup[1] = slot.state;
          return teamAndGroup;
        }
      }
      teamOnly[0] = team.state;
      return teamOnly;
    },
    skip(bucket, key, reason, rows) {
      skippedReasons[reason] = (skippedReasons[reason] ?? 0) + rows;
      tally(total[bucket] as Slot<S>, reason, rows);
      if (grouped && key !== undefined) tally(groupSlots(key)[bucket] as Slot<S>, reason, rows);
    },
    finish(additive, value, extra = {}) {
      const finishSlots = (slots: readonly Slot<S>[]): SeriesCell[] =>
        slots.map((slot, bucket) => {
          // `value` returns a fresh object: completed in place (no copy per cell).
          const cell = value(slot.state, bucket) as { -readonly [K in keyof SeriesCell]?: SeriesCell[K] };
          cell.rows ??= slot.rows;
          if (slot.skipped !== undefined) cell.skipped = mergedInto(slot.skipped, cell.skipped);
          if (slot.withoutGroup !== 0) cell.withoutGroup = slot.withoutGroup;
          return cell as SeriesCell;
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
