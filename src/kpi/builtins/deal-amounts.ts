// Internal: reading deal amounts in a builtin evaluator: the missing-amount policy (skip and
// count in the cell, or an error naming the rows) and the one-currency check.
import { customIssue, KpiInputError, type KpiIssue } from "../../core/errors.js";
import { messages } from "../../core/messages.js";
import { oneCurrency } from "../../model/deal-columns.js";
import type { PreparedDeal } from "../../model/prepared.js";
import type { GroupedCells } from "../../measure/grouped-cells.js";
import type { BuiltinContext } from "./context.js";

/** Reads amounts for one evaluation; `finish` throws for what the policy does not allow. */
export interface DealAmounts {
  /** True when the deal has an amount; otherwise it is skipped in `bucket` (or noted as an error). */
  has(deal: PreparedDeal, bucket: number): deal is PreparedDeal & { readonly amount: NonNullable<PreparedDeal["amount"]> };
  /** Throws for missing amounts under `"error"` or for mixed currencies; returns the one currency. */
  currency(): string | undefined;
}

/** Amount reading for `context`, skipping into `cells`. */
export function dealAmounts(context: BuiltinContext, cells: GroupedCells<unknown>): DealAmounts {
  const currencies = new Set<string>();
  const issues: KpiIssue[] = [];
  return {
    has(deal, bucket): deal is PreparedDeal & { readonly amount: NonNullable<PreparedDeal["amount"]> } {
      if (deal.amount === undefined) {
        if (context.missingAmount === "error") {
          if (issues.length < 100) issues.push(customIssue(["deals", deal.index, "amount"], messages.measureMissingAmount));
        } else cells.skip(bucket, deal, "missing-amount");
        return false;
      }
      currencies.add(deal.currency ?? "(none)");
      return true;
    },
    currency() {
      if (issues.length > 0) throw new KpiInputError(issues);
      return oneCurrency(currencies, ["kpi"]);
    },
  };
}
