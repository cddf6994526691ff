import { z } from "zod";
import { DecimalLikeSchema, type DecimalLike, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";

/**
 * Schema of the spend given to {@link cac}: one amount, or the sales and marketing spend
 * of the period separately. Amounts are 0 or more.
 */
export const CacSpendSchema = z.union([
  DecimalLikeSchema,
  z.object({ salesSpend: DecimalLikeSchema, marketingSpend: DecimalLikeSchema }),
]);

/** The spend of a period: one amount, or `{ salesSpend, marketingSpend }`. */
export type CacSpend = DecimalLike | { readonly salesSpend: DecimalLike; readonly marketingSpend: DecimalLike };

/** Result of {@link cac}. */
export interface CacResult {
  /** spend ÷ newCustomers; value null when there are no new customers. */
  readonly ratio: Ratio;
  readonly value: KpiDecimal | null;
  /** Total spend (sales + marketing). */
  readonly spend: KpiDecimal;
  /** The parts, when given separately; else null. */
  readonly salesSpend: KpiDecimal | null;
  readonly marketingSpend: KpiDecimal | null;
  readonly newCustomers: number;
}

/**
 * Customer acquisition cost (CAC, also "cost of customer acquisition", COCA): what it
 * cost to win one new customer. "We spent €40,000 on sales and €20,000 on marketing in Q1
 * and won 12 new customers: CAC = €5,000."
 *
 * CAC = (sales spend + marketing spend) ÷ new customers, both of the *same* period (the
 * caller's responsibility: count new customers with the `distinct` measure, `first: true`).
 * Exact Decimal. No new customers → value `null` (never 0 or Infinity); spend 0 with
 * customers → 0.
 *
 * Complexity: O(1).
 *
 * @throws KpiInputError when a spend is not a decimal of 0 or more, or `newCustomers` is
 *   not a whole number of 0 or more (paths `spend.salesSpend`, `newCustomers`).
 * @example
 * cac({ salesSpend: "40000", marketingSpend: "20000" }, 12).value?.toString(); //=> "5000"
 * cac("1000", 0).value; //=> null
 */
export function cac(spend: CacSpend, newCustomers: number): CacResult {
  const parsed = parseInput(CacSpendSchema, spend, ["spend"]);
  const issues: KpiIssue[] = [];
  const parts = isDecimalBag(parsed) ? { salesSpend: toDecimal(parsed.salesSpend), marketingSpend: toDecimal(parsed.marketingSpend) } : null;
  const single = parts === null ? toDecimal(parsed as DecimalLike) : null;
  if (single !== null && single.isNegative()) issues.push(customIssue(["spend"], messages.nonNegativeAmount, spend));
  if (parts !== null) {
    if (parts.salesSpend.isNegative()) issues.push(customIssue(["spend", "salesSpend"], messages.nonNegativeAmount, parts.salesSpend.toString()));
    if (parts.marketingSpend.isNegative()) issues.push(customIssue(["spend", "marketingSpend"], messages.nonNegativeAmount, parts.marketingSpend.toString()));
  }
  if (!(typeof newCustomers === "number" && Number.isInteger(newCustomers) && newCustomers >= 0)) {
    issues.push(customIssue(["newCustomers"], messages.wholeCount, newCustomers));
  }
  if (issues.length > 0) throw new KpiInputError(issues);
  let total: KpiDecimal;
  if (parts === null) total = single as KpiDecimal;
  else {
    const sum = createExactSum();
    sum.add(parts.salesSpend);
    sum.add(parts.marketingSpend);
    total = sum.value();
  }
  const r = ratio(total, newCustomers);
  return {
    ratio: r,
    value: r.value,
    spend: r.numerator,
    salesSpend: parts?.salesSpend ?? null,
    marketingSpend: parts?.marketingSpend ?? null,
    // -0 customers is 0 customers: no -0 leaves the library.
    newCustomers: newCustomers + 0,
  };
}

function isDecimalBag(value: unknown): value is { salesSpend: DecimalLike; marketingSpend: DecimalLike } {
  return typeof value === "object" && value !== null && "salesSpend" in value;
}
