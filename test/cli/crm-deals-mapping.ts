// The deals mapping of the CRM export (sales_pipeline.csv) that the mapping tests share:
// renamed columns and values, day-first dates, a skip-row rule, a lookup and stage moves.
import { type CollectionMapping, MappingFileSchema } from "../../src/cli/mapping.js";

/** The export's columns, in its order. */
export const CRM_DEAL_COLUMNS = ["opportunity_id", "sales_agent", "product", "deal_stage", "engage_date", "close_date", "close_value"];

/** The mapping, with `amount` replaced when given (another rule for the same column). */
export function crmDealsMapping(amount?: Record<string, unknown>): CollectionMapping {
  return MappingFileSchema.parse({
    deals: {
      fields: {
        id: "opportunity_id",
        owner: "sales_agent",
        product: { column: "product", values: { GTXPro: "GTX Pro" } },
        stage: { column: "deal_stage", values: { Engaging: "engaging", Won: "won", Lost: "lost" } },
        createdAt: { column: "engage_date", date: "dd/MM/yyyy", ifEmpty: "skip-row" },
        closedAt: { column: "close_date", date: "dd/MM/yyyy" },
        amount: amount ?? { column: "close_value", ifEmpty: { lookup: "product", table: { "GTX Pro": 4821, "MG Special": 55 } } },
        currency: { value: "USD" },
      },
      stageHistory: [
        { stage: "engaging", at: "engage_date", date: "dd/MM/yyyy" },
        { stage: "$stage", at: "close_date", date: "dd/MM/yyyy" },
      ],
    },
  }).deals as CollectionMapping;
}
