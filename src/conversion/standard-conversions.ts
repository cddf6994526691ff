/**
 * The standard lead funnel, in order: marketing-qualified lead, sales-qualified lead,
 * quote (proposal) sent, customer (won). Pass it as `steps` so that reaching a later step
 * implies the earlier ones.
 */
export const standardFunnelSteps: readonly string[] = Object.freeze(["mql", "sql", "quote", "customer"]);

/** A conversion between two funnel steps. */
export interface StandardConversion {
  readonly from: string;
  readonly to: string;
}

/**
 * The conversion KPIs of the standard catalog, by catalog id, as `from`/`to` steps of
 * {@link standardFunnelSteps}: lead → SQL is MQL → SQL (marketing lead to sales lead), and
 * close rate is SQL → customer (see `closeRate`). Each is a cohort `conversionRate` with
 * `steps: standardFunnelSteps`.
 */
export const standardConversions: Readonly<Record<"conversion-lead-sql" | "conversion-sql-customer" | "conversion-quote-customer" | "close-rate", StandardConversion>> =
  Object.freeze({
    "conversion-lead-sql": Object.freeze({ from: "mql", to: "sql" }),
    "conversion-sql-customer": Object.freeze({ from: "sql", to: "customer" }),
    "conversion-quote-customer": Object.freeze({ from: "quote", to: "customer" }),
    "close-rate": Object.freeze({ from: "sql", to: "customer" }),
  });
