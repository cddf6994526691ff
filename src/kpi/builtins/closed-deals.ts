// Internal: the deals won or lost as of `asOf`, per (group, period), in one pass over the deal
// columns, shared by win rate, average deal size and sales cycle length: the three closed-deal
// KPIs of a scorecard read the deals once. Each evaluator then finishes its cells from these
// counts, as the SQL engine finishes them from its aggregate rows (`keyedCells`).
import { createExactSum, type ExactSum } from "../../core/exact-sum.js";
import { currencyMarks, type DealStateColumns, dealColumns, dealFieldDictionary, dealsStartMs, LOST, markCurrency, markedCurrencies, WON } from "../../model/deal-columns.js";
import { definitionError } from "../../core/errors.js";
import { messages } from "../../core/messages.js";
import { dealStatesAsOf } from "../../model/deal-state-at.js";
import { type CodedGroups, codedGroups } from "../../measure/coded-groups.js";
import { localDayNumbers } from "../../time/local-days.js";
import type { BuiltinContext } from "./context.js";
import type { KpiDecimal } from "../../core/decimal.js";
import type { DealRow } from "../../model/deal-row.js";
import { MemoPerObject } from "../../core/memo-per-object.js";
import { sortRun } from "../../core/sort-run.js";
import { codeTable, pickRows } from "../../core/pick-rows.js";

/** The closed deals of one (group, period). */
export interface ClosedDealCell {
  readonly bucket: number;
  /** The group key; `undefined` for deals without one (when grouped). */
  readonly key: string | undefined;
  readonly won: number;
  readonly lost: number;
  /** Σ amount of the won deals with an amount (read it, never add to it: it is shared). */
  readonly wonAmount: ExactSum;
  /** Won deals with an amount. */
  readonly wonWithAmount: number;
  /** Won deals without an amount. */
  readonly wonWithoutAmount: number;
  /** Local calendar days from creation to win, one per won deal, ascending. */
  readonly wonDays: Float64Array;
}

/** What {@link closedDeals} found. */
export interface ClosedDeals {
  /** The cells with at least one closed deal, in no particular order. */
  readonly cells: readonly ClosedDealCell[];
  /** Per period, the days of every deal won in it (all groups': the team's): its cells' sorted runs one after another, not sorted as a whole. */
  readonly periodDays: readonly Float64Array[];
  /** The currencies of the won deals with an amount, sorted (`"(none)"` for a deal without one). */
  readonly currencies: readonly string[];
  /** Input positions of the won deals without an amount, in input order (at most 100). */
  readonly withoutAmount: readonly number[];
  /** The earliest creation known as of `asOf`; `undefined` without deals (or pipeline). */
  readonly dataStartMs: number | undefined;
}

/** At most 4 frames remembered per states (a scorecard asks for a few: its months, its baseline window). */
const sharedOf = new MemoPerObject<DealStateColumns, string, ClosedDeals>(4);

/** The group codes of a builtin over deals, for its breakdown fields (`groupKeyReader` has checked them). */
export function dealGroups(context: BuiltinContext): CodedGroups {
  const columns = dealColumns(context.data.deals);
  return codedGroups(
    context.fields.map((field) => {
      const dictionary = dealFieldDictionary(columns, field);
      if (dictionary === undefined) throw definitionError("invalid-option", ["groupBy"], messages.groupByNotInSource(field, "deals", ["owner", "team", "source", "product"]));
      return dictionary;
    }),
  );
}

/**
 * The closed deals of `context` per (group, period): those won or lost as of `asOf` whose
 * effective close falls in a period (the rule of `winRate`: a deal won, reopened and lost
 * counts once, as lost; one reopened and open at `asOf` not at all). Computed once per
 * (deals, asOf, periods, breakdown) and shared.
 */
export function closedDeals(context: BuiltinContext): ClosedDeals {
  const pipeline = context.data.pipeline;
  if (pipeline === undefined) return { cells: [], periodDays: [], currencies: [], withoutAmount: [], dataStartMs: undefined };
  const deals = context.data.deals;
  const states = dealStatesAsOf(deals, context.asOfMs, pipeline);
  const memoKey = context.buckets.key === undefined ? undefined : `${context.buckets.key}|${context.calendar.timeZone}|${context.fields.join(",")}`;
  const known = memoKey === undefined ? undefined : sharedOf.get(states, memoKey);
  if (known !== undefined) return known;
  const found = findClosedDeals(context, states);
  if (memoKey !== undefined) sharedOf.set(states, memoKey, found);
  return found;
}

function findClosedDeals(context: BuiltinContext, states: DealStateColumns): ClosedDeals {
  const deals = context.data.deals;
  const columns = dealColumns(deals);
  const groups = dealGroups(context);
  const { status, since } = states;
  const { createdAt, amountUnits, amountScale, amountsExact } = columns;
  const buckets = context.buckets;
  const bucketCount = buckets.count;
  const localDay = localDayNumbers(context.calendar.timeZone);
  const cellCount = (groups.count + 1) * bucketCount;
  // Counts per cell seen (a cell is a group code + 1 and a period) while passing; cell objects
  // only at the end. A cell's position in these lists: by a dense table while small, else a Map.
  const position = cellCount <= 1 << 20 ? new Int32Array(cellCount).fill(-1) : undefined;
  const slotOf = position === undefined ? new Map<number, number>() : undefined;
  const ids: number[] = [];
  const wonCounts: number[] = [];
  const lostCounts: number[] = [];
  const withAmount: number[] = [];
  const withoutAmountCounts: number[] = [];
  const unitSums: number[] = [];
  const inexact: Array<ExactSum | undefined> = [];
  /** The position of cell `id` in the lists above, adding it when first seen. */
  const cellAt = (id: number): number => {
    let at = position !== undefined ? (position[id] as number) : (slotOf?.get(id) ?? -1);
    if (at >= 0) return at;
    at = ids.length;
    ids.push(id);
    wonCounts.push(0);
    lostCounts.push(0);
    withAmount.push(0);
    withoutAmountCounts.push(0);
    unitSums.push(0);
    inexact.push(undefined);
    if (position !== undefined) position[id] = at;
    else slotOf?.set(id, at);
    return at;
  };
  // The won deals from the front of one index column, the lost from its back, without a
  // branch per deal (`pickRows`).
  const { picked, front: wonAsOf, back: lostEnd } = pickRows(status, WON_CODES, LOST_CODES);
  for (let k = lostEnd; k < deals.length; k++) {
    const i = picked[k] as number;
    const bucket = buckets.indexOf(since[i] as number);
    if (bucket < 0) continue;
    const at = cellAt((groups.codeOf(i) + 1) * bucketCount + bucket);
    lostCounts[at] = (lostCounts[at] as number) + 1;
  }
  // One entry per won deal: typed and sized once, to the deals won as of asOf (a fifth of all
  // deals, say), not grown by push.
  const dayCells = new Int32Array(wonAsOf);
  const days = new Float64Array(wonAsOf);
  let wonDeals = 0;
  const currencyUsed = currencyMarks(columns);
  const withoutAmount: number[] = [];
  for (let k = 0; k < wonAsOf; k++) {
    const i = picked[k] as number;
    const closedAt = since[i] as number;
    const bucket = buckets.indexOf(closedAt);
    if (bucket < 0) continue;
    const at = cellAt((groups.codeOf(i) + 1) * bucketCount + bucket);
    wonCounts[at] = (wonCounts[at] as number) + 1;
    dayCells[wonDeals] = at;
    days[wonDeals++] = localDay(closedAt) - localDay(createdAt[i] as number);
    const units = amountsExact ? (amountUnits[i] as number) : Number.NaN;
    if (units === units) {
      // Exact: the sum of all amounts' absolute units is a safe integer (amountsExact).
      withAmount[at] = (withAmount[at] as number) + 1;
      markCurrency(currencyUsed, columns, i);
      unitSums[at] = (unitSums[at] as number) + units;
      continue;
    }
    const deal = deals[i] as DealRow;
    if (!deal.hasAmount) {
      withoutAmountCounts[at] = (withoutAmountCounts[at] as number) + 1;
      // Won deals are visited in input order, so these are the first 100 in input order.
      if (withoutAmount.length < 100) withoutAmount.push(deal.index);
      continue;
    }
    withAmount[at] = (withAmount[at] as number) + 1;
    markCurrency(currencyUsed, columns, i);
    let sum = inexact[at];
    if (sum === undefined) inexact[at] = sum = createExactSum();
    if (deal.amountUnits !== undefined) sum.addScaled(deal.amountUnits, deal.amountScale);
    else sum.add(deal.amount as KpiDecimal);
  }
  // Each cell's days, sorted, the cells laid out period by period (a counting sort of the won
  // deals by cell, then each cell's few days sorted in place): a cell's median is read at its
  // middle, and a period's days (the team's) are one run of the same column, with no copy.
  const { rank, firstRank } = periodMajorRanks(ids, bucketCount);
  const dayStart = new Int32Array(ids.length + 1);
  for (let k = 0; k < wonDeals; k++) {
    const at = (rank[dayCells[k] as number] as number) + 1;
    dayStart[at] = (dayStart[at] as number) + 1;
  }
  for (let at = 0; at < ids.length; at++) dayStart[at + 1] = (dayStart[at + 1] as number) + (dayStart[at] as number);
  const sortedDays = new Float64Array(wonDeals);
  const fill = dayStart.slice(0, ids.length);
  for (let k = 0; k < wonDeals; k++) {
    const at = rank[dayCells[k] as number] as number;
    sortedDays[fill[at] as number] = days[k] as number;
    fill[at] = (fill[at] as number) + 1;
  }
  for (let at = 0; at < ids.length; at++) sortRun(sortedDays, dayStart[at] as number, dayStart[at + 1] as number);
  // A period's run: from its first cell's days to the next period's first cell's.
  const periodDays: Float64Array[] = [];
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    periodDays.push(sortedDays.subarray(dayStart[firstRank[bucket] as number] as number, dayStart[firstRank[bucket + 1] as number] as number));
  }
  const cells: ClosedDealCell[] = ids.map((id, at) => {
    const wonAmount = inexact[at] ?? createExactSum();
    if ((unitSums[at] as number) !== 0) wonAmount.addScaled(unitSums[at] as number, amountScale);
    const ranked = rank[at] as number;
    return {
      bucket: id % bucketCount,
      key: groups.keyOf(Math.floor(id / bucketCount) - 1),
      won: wonCounts[at] as number,
      lost: lostCounts[at] as number,
      wonAmount,
      wonWithAmount: withAmount[at] as number,
      wonWithoutAmount: withoutAmountCounts[at] as number,
      wonDays: sortedDays.subarray(dayStart[ranked] as number, dayStart[ranked + 1] as number),
    };
  });
  return {
    cells,
    periodDays,
    currencies: markedCurrencies(currencyUsed, columns),
    withoutAmount,
    dataStartMs: dealsStartMs(columns, context.asOfMs),
  };
}

/** The status codes each end of the closed deals' pick takes. */
const WON_CODES = codeTable((code) => code === WON);
const LOST_CODES = codeTable((code) => code === LOST);

/**
 * Each cell's rank when the cells are laid out period by period (a counting sort by period;
 * within one, in the order the pass first saw them, which is no order a result depends on),
 * and the rank of each period's first cell (`firstRank[count]`: the number of cells). Cell
 * `at` has id `(code + 1) × buckets + bucket`.
 */
function periodMajorRanks(ids: readonly number[], bucketCount: number): { readonly rank: Int32Array; readonly firstRank: Int32Array } {
  const firstRank = new Int32Array(bucketCount + 1);
  for (const id of ids) firstRank[(id % bucketCount) + 1] = (firstRank[(id % bucketCount) + 1] as number) + 1;
  for (let bucket = 0; bucket < bucketCount; bucket++) firstRank[bucket + 1] = (firstRank[bucket + 1] as number) + (firstRank[bucket] as number);
  const next = firstRank.slice(0, bucketCount);
  const rank = new Int32Array(ids.length);
  for (let at = 0; at < ids.length; at++) {
    const bucket = (ids[at] as number) % bucketCount;
    rank[at] = next[bucket] as number;
    next[bucket] = (next[bucket] as number) + 1;
  }
  return { rank, firstRank };
}
