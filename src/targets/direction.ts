import { z } from "zod";

/**
 * Which way a KPI is better: `"higher-is-better"` (revenue, calls, win rate) or
 * `"lower-is-better"` (sales cycle length, returned leads, CAC).
 */
export const KpiDirectionSchema = z.enum(["higher-is-better", "lower-is-better"]);
/** `"higher-is-better" | "lower-is-better"`. */
export type KpiDirection = z.infer<typeof KpiDirectionSchema>;
