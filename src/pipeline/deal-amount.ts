import { z } from "zod";
import { type DecimalLike, isDecimalLike, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { customIssue, KpiInputError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { PreparedDeal } from "../model/prepared.js";

/**
 * What to do with a deal that has no amount: `"error"` (default) throws `KpiInputError`
 * naming `deals[i].amount`; `"skip"` leaves it out and lists it in `skipped`; a function gives
 * a fallback amount (such as the product's list price), or `undefined` to skip the deal.
 */
export type MissingAmount = "error" | "skip" | ((deal: PreparedDeal) => DecimalLike | undefined);

/** Schema of {@link MissingAmount}. */
export const MissingAmountSchema = z.union([
  z.literal("error"),
  z.literal("skip"),
  z.custom<(deal: PreparedDeal) => DecimalLike | undefined>((value) => typeof value === "function", {
    error: 'expected "error", "skip" or a function (deal) => fallback amount',
  }),
]);

/** A deal's amount, or why it has none (the deal is then skipped). */
export type DealAmount = { readonly amount: KpiDecimal } | { readonly skipReason: string };

/** Reads deal amounts under a {@link MissingAmount} policy. */
export function createAmountReader(missingAmount: MissingAmount | undefined): (deal: PreparedDeal) => DealAmount {
  const policy = missingAmount ?? "error";
  return (deal) => {
    if (deal.amount !== undefined) return { amount: deal.amount };
    if (policy === "error") {
      throw new KpiInputError([customIssue(["deals", deal.index, "amount"], messages.missingAmount(deal.id))]);
    }
    if (policy === "skip") return { skipReason: `deals[${deal.index}].amount: ${messages.amountSkipped}` };
    const fallback = policy(deal);
    if (fallback === undefined || !isDecimalLike(fallback)) {
      return { skipReason: `deals[${deal.index}].amount: ${messages.noFallbackAmount}` };
    }
    return { amount: toDecimal(fallback) };
  };
}
