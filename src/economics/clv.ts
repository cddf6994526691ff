import { z } from "zod";
import { DecimalLikeSchema, type DecimalLike, type KpiDecimal, toDecimal, withoutNegativeZero } from "../core/decimal.js";
import { customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";

/** Schema of {@link ClvInput}. */
export const ClvInputSchema = z.object({
  /** Average revenue per account per period (ARPA), 0 or more. */
  averageRevenuePerAccount: DecimalLikeSchema,
  /** Gross margin as a share of revenue, from 0 to 1. */
  grossMargin: DecimalLikeSchema,
  /** Share of accounts lost per period (the same period as ARPA), from 0 to 1. */
  churnRate: DecimalLikeSchema,
});

/** The inputs of {@link clv}. */
export interface ClvInput {
  readonly averageRevenuePerAccount: DecimalLike;
  readonly grossMargin: DecimalLike;
  readonly churnRate: DecimalLike;
}

/** Result of {@link clv}. */
export interface ClvResult {
  /** ARPA × gross margin ÷ churn rate; `null` when churn is 0 (the value is unbounded). */
  readonly value: KpiDecimal | null;
  /** ARPA × gross margin: the margin an account brings per period. */
  readonly marginPerPeriod: KpiDecimal;
  /** 1 ÷ churn rate: expected periods an account stays; `null` when churn is 0. */
  readonly expectedLifetimePeriods: KpiDecimal | null;
  readonly averageRevenuePerAccount: KpiDecimal;
  readonly grossMargin: KpiDecimal;
  readonly churnRate: KpiDecimal;
}

/**
 * Customer lifetime value (CLV): the gross margin an average account brings in over its
 * life. "An account pays €500 a month at 60% margin and 2% of accounts leave each month:
 * CLV = 500 × 0.6 ÷ 0.02 = €15,000."
 *
 * CLV = ARPA × gross margin ÷ churn rate (ARPA and churn per the same period; 1 ÷ churn is
 * the expected lifetime in periods). Exact Decimal, not discounted. Churn 0 means accounts
 * never leave and the value is unbounded: `value: null`, never Infinity or a made-up 0.
 *
 * Complexity: O(1).
 *
 * @throws KpiInputError when ARPA is negative, or gross margin or churn rate is outside
 *   [0, 1] (paths `grossMargin`, `churnRate`).
 * @example
 * clv({ averageRevenuePerAccount: "500", grossMargin: "0.6", churnRate: "0.02" }).value?.toString(); //=> "15000"
 * clv({ averageRevenuePerAccount: "500", grossMargin: "0.6", churnRate: 0 }).value; //=> null
 */
export function clv(input: ClvInput): ClvResult {
  const parsed = parseInput(ClvInputSchema, input);
  const arpa = toDecimal(parsed.averageRevenuePerAccount);
  const margin = toDecimal(parsed.grossMargin);
  const churn = toDecimal(parsed.churnRate);
  const issues: KpiIssue[] = [];
  if (arpa.isNegative()) issues.push(customIssue(["averageRevenuePerAccount"], messages.nonNegativeAmount, parsed.averageRevenuePerAccount));
  if (margin.isNegative() || margin.greaterThan(1)) issues.push(customIssue(["grossMargin"], messages.shareBetweenZeroAndOne, parsed.grossMargin));
  if (churn.isNegative() || churn.greaterThan(1)) issues.push(customIssue(["churnRate"], messages.shareBetweenZeroAndOne, parsed.churnRate));
  if (issues.length > 0) throw new KpiInputError(issues);
  const marginPerPeriod = withoutNegativeZero(arpa.times(margin));
  return {
    value: churn.isZero() ? null : withoutNegativeZero(marginPerPeriod.div(churn)),
    marginPerPeriod,
    expectedLifetimePeriods: churn.isZero() ? null : toDecimal(toDecimal(1).div(churn)),
    averageRevenuePerAccount: arpa,
    grossMargin: margin,
    churnRate: churn,
  };
}
