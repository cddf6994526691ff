// Internal: the deals won or lost as of `asOf`, per (group, period), in one pass over the deal
// columns, shared by win rate, average deal size and sales cycle length: the three closed-deal
// KPIs of a scorecard read the deals once. Each evaluator then finishes its cells from these
// counts, as the SQL engine finishes them from its aggregate rows (`keyedCells`).
import { createExactSum, type ExactSum } from "../../core/exact-sum.js";
import { type DealStateColumns, dealColumns, type Dictionary, LOST, NOT_CREATED, WON } from "../../model/deal-columns.js";
import { dealStatesAsOf } from "../../model/deal-state-at.js";
import type { PreparedDeal } from "../../model/prepared.js";
import { codedGroups } from "../../measure/coded-groups.js";
import type { KpiGroupBy } from "../../measure/series.js";
import { localDayNumbers } from "../../time/local-days.js";
import type { BuiltinContext } from "./context.js";

/** The closed deals of one (group, period). */
export interface ClosedDealCell {
  readonly bucket: number;
  /** The group key; `undefined` for deals without one (when grouped). */
  readonly key: string | undefined;
  won: number;
  lost: number;
  /** Σ amount of the won deals with an amount. */
  readonly wonAmount: ExactSum;
  /** Won deals with an amount. */
  wonWithAmount: number;
  /** Won deals without an amount. */
  wonWithoutAmount: number;
  /** Local calendar days from creation to win, one per won deal. */
  readonly wonDays: number[];
}

/** What {@link closedDeals} found. */
export interface ClosedDeals {
  /** The cells with at least one closed deal, in no particular order. */
  readonly cells: readonly ClosedDealCell[];
  /** The currencies of the won deals with an amount (`"(none)"` for a deal without one). */
  readonly currencies: ReadonlySet<string>;
  /** Input positions of the won deals without an amount, in input order (at most 100). */
  readonly withoutAmount: readonly number[];
  /** The earliest creation known as of `asOf`; `undefined` without deals (or pipeline). */
  readonly dataStartMs: number | undefined;
}

const sharedOf = new WeakMap<DealStateColumns, Map<string, ClosedDeals>>();
/** Frames remembered per states (a scorecard asks for a few: its months, its baseline window). */
const MAX_FRAMES = 4;

/** The dictionary a breakdown field of deals is read from. */
function fieldDictionary(context: BuiltinContext, field: KpiGroupBy): Dictionary {
  const columns = dealColumns(context.data.deals);
  if (field === "owner" || field === "team" || field === "product" || field === "source") return columns[field];
  throw new Error(`deals have no field ${field}`); // groupKeyReader rejected it before
}

/**
 * The closed deals of `context` per (group, period): those won or lost as of `asOf` whose
 * effective close falls in a period (the rule of `winRate`: a deal won, reopened and lost
 * counts once, as lost; one reopened and open at `asOf` not at all). Computed once per
 * (deals, asOf, periods, breakdown) and shared.
 */
export function closedDeals(context: BuiltinContext): ClosedDeals {
  const pipeline = context.data.pipeline;
  if (pipeline === undefined) return { cells: [], currencies: new Set(), withoutAmount: [], dataStartMs: undefined };
  const deals = context.data.deals;
  const states = dealStatesAsOf(deals, context.asOfMs, pipeline);
  const memoKey = context.buckets.key === undefined ? undefined : `${context.buckets.key}|${context.calendar.timeZone}|${context.fields.join(",")}`;
  const known = memoKey === undefined ? undefined : sharedOf.get(states)?.get(memoKey);
  if (known !== undefined) return known;
  const found = findClosedDeals(context, states);
  if (memoKey !== undefined) {
    let byFrame = sharedOf.get(states);
    if (byFrame === undefined) {
      byFrame = new Map();
      sharedOf.set(states, byFrame);
    }
    if (byFrame.size >= MAX_FRAMES) byFrame.delete(byFrame.keys().next().value as string);
    byFrame.set(memoKey, found);
  }
  return found;
}

function findClosedDeals(context: BuiltinContext, states: DealStateColumns): ClosedDeals {
  const deals = context.data.deals;
  const columns = dealColumns(deals);
  const groups = codedGroups(context.fields.map((field) => fieldDictionary(context, field)));
  const { status, since } = states;
  const { createdAt, amountUnits, amountScale, amountsExact } = columns;
  const currencyCodes = columns.currency.codes;
  const buckets = context.buckets;
  const bucketCount = buckets.count;
  const localDay = localDayNumbers(context.calendar.timeZone);
  // Read once: module constants are live bindings (a property read through a getter in CommonJS).
  const [notCreated, won, lost] = [NOT_CREATED, WON, LOST];
  const groupCount = groups.count;
  // The cell of each (group, bucket), by position: dense while that is small, else a Map.
  const dense = (groupCount + 1) * bucketCount <= 1 << 20 ? new Int32Array((groupCount + 1) * bucketCount).fill(-1) : undefined;
  const sparse = dense === undefined ? new Map<number, number>() : undefined;
  const cells: ClosedDealCell[] = [];
  const currencyUsed = new Uint8Array(columns.currency.values.length + 1);
  const withoutAmount: number[] = [];
  let dataStart = Number.POSITIVE_INFINITY;
  for (let i = 0; i < deals.length; i++) {
    const code = status[i] as number;
    if (code === notCreated) continue;
    const created = createdAt[i] as number;
    if (created < dataStart) dataStart = created;
    if (code !== won && code !== lost) continue;
    const closedAt = since[i] as number;
    const bucket = buckets.indexOf(closedAt);
    if (bucket < 0) continue;
    const group = groups.codeOf(i);
    const id = (group + 1) * bucketCount + bucket;
    let at = dense !== undefined ? (dense[id] as number) : (sparse?.get(id) ?? -1);
    if (at < 0) {
      at = cells.length;
      cells.push({ bucket, key: groups.keyOf(group), won: 0, lost: 0, wonAmount: createExactSum(), wonWithAmount: 0, wonWithoutAmount: 0, wonDays: [] });
      if (dense !== undefined) dense[id] = at;
      else sparse?.set(id, at);
    }
    const cell = cells[at] as ClosedDealCell;
    if (code === lost) {
      cell.lost++;
      continue;
    }
    cell.won++;
    cell.wonDays.push(localDay(closedAt) - localDay(created));
    if (amountsExact) {
      const units = amountUnits[i] as number;
      if (units === units) {
        cell.wonWithAmount++;
        currencyUsed[(currencyCodes[i] as number) + 1] = 1;
        cell.wonAmount.addScaled(units, amountScale);
        continue;
      }
    }
    const deal = deals[i] as PreparedDeal;
    if (deal.amount === undefined) {
      cell.wonWithoutAmount++;
      if (withoutAmount.length < 100) withoutAmount.push(deal.index);
      continue;
    }
    cell.wonWithAmount++;
    currencyUsed[(currencyCodes[i] as number) + 1] = 1;
    if (deal.amountUnits !== undefined) cell.wonAmount.addScaled(deal.amountUnits, deal.amountScale);
    else cell.wonAmount.add(deal.amount);
  }
  const currencies = new Set<string>();
  currencyUsed.forEach((used, code) => {
    if (used === 1) currencies.add(code === 0 ? "(none)" : (columns.currency.values[code - 1] as string));
  });
  return {
    cells,
    currencies,
    withoutAmount,
    dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
  };
}
