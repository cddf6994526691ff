// The group key a deal has under a breakdown, as the references of the column tests build it
// by hand: the field values joined as a report shows them ("ann · pro").
import type { KpiGroupBy } from "../../src/index.js";
import type { PreparedDeal } from "../../src/model/prepared.js";

/** `null` when not grouped; `undefined` when the deal lacks one of the fields. */
export function dealGroupKey(deal: PreparedDeal, groupBy: KpiGroupBy | readonly KpiGroupBy[] | undefined): string | null | undefined {
  if (groupBy === undefined) return null;
  const fields = typeof groupBy === "string" ? [groupBy] : groupBy;
  const parts = fields.map((field) => deal[field as "owner" | "team" | "source" | "product"]);
  return parts.some((part) => part === undefined) ? undefined : parts.join(" · ");
}
