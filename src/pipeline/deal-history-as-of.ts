import type { KpiDecimal } from "../core/decimal.js";
import { lastIndexBefore } from "../core/sorted-search.js";
import type { PreparedDeal } from "../model/prepared.js";

/**
 * The entry of a list sorted by `at` that is in force as of the exclusive instant `t`: the
 * last one before `t`, else the earliest (what was known first stands for the time before it,
 * as the earliest stage does in `dealStateAt`); `undefined` when the list is empty or absent.
 * O(log h).
 */
export function entryAsOf<T extends { readonly at: number }>(entries: readonly T[] | undefined, t: number): T | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  return entries[Math.max(0, lastIndexBefore(entries, (entry) => entry.at, t))];
}

/** A deal's amount as of `t`: from its `amountHistory` when it has one, else its row amount. */
export function amountAsOf(deal: PreparedDeal, t: number): KpiDecimal | undefined {
  return entryAsOf(deal.amountHistory, t)?.amount ?? deal.amount;
}

/** A deal's expected close as of `t`: from its `expectedCloseHistory` when it has one, else its row `expectedCloseAt`. */
export function expectedCloseAsOf(deal: PreparedDeal, t: number): number | undefined {
  return entryAsOf(deal.expectedCloseHistory, t)?.expectedCloseAt ?? deal.expectedCloseAt;
}
