import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema } from "../core/decimal.js";
import { messages } from "../core/messages.js";
import { MeasureSchema } from "../measure/measure.js";
import { KpiGroupBySchema } from "../measure/measure-series.js";
import { KpiGrainSchema } from "../time/period.js";

/** The three kinds of KPI: `action` (input: what reps do), `result` (output), `insight` (a ratio that explains). */
export const KpiKindSchema = z.enum(["action", "result", "insight"]);
/** `"action" | "result" | "insight"`. */
export type KpiKind = z.infer<typeof KpiKindSchema>;

/** A lead indicator predicts results and can be steered today; a lag indicator reports them afterwards. */
export const IndicatorSchema = z.enum(["lead", "lag"]);
/** `"lead" | "lag"`. */
export type Indicator = z.infer<typeof IndicatorSchema>;

/**
 * The unit a KPI is expressed in: `ratio` is a share shown as a percentage (win rate 25 %),
 * `number` a plain quotient shown as a number (4.5 meetings per won deal).
 */
export const KpiUnitSchema = z.enum(["count", "currency", "ratio", "number", "days", "score", "hours"]);
/** The unit a KPI is expressed in. */
export type KpiUnit = z.infer<typeof KpiUnitSchema>;

/** Whether more is better (revenue) or less is better (sales cycle, turnover). */
export const KpiDirectionSchema = z.enum(["higher-is-better", "lower-is-better"]);
/** `"higher-is-better" | "lower-is-better"`. */
export type KpiDirection = z.infer<typeof KpiDirectionSchema>;

/** The scorecard quadrant: finding (new business), closing, growing (accounts), developing (people). */
export const KpiQuadrantSchema = z.enum(["finding", "closing", "growing", "developing"]);
/** The scorecard quadrant. */
export type KpiQuadrant = z.infer<typeof KpiQuadrantSchema>;

/** A target recorded on a KPI, and where it came from. */
export const KpiTargetSchema = z.strictObject({
  value: DecimalLikeSchema,
  /** How it was set: from the measured baseline, from a plan, or handed down by management. */
  setFrom: z.enum(["baseline", "plan", "management"]).optional(),
});

/** A measured baseline (nulmeting) recorded on a KPI. */
export const KpiBaselineSchema = z.strictObject({
  value: DecimalLikeSchema,
  /** How many periods it was measured over. */
  periods: z.number().int().positive().optional(),
});

const kpiDefinitionSchema = z
  .strictObject({
    id: z.string().min(1),
    /** Display name; reports fall back to `labels.en`. */
    name: z.string().min(1).optional(),
    labels: z.strictObject({ en: z.string().min(1), nl: z.string().min(1) }),
    kind: KpiKindSchema,
    unit: KpiUnitSchema,
    direction: KpiDirectionSchema,
    /** Can the rep or team influence it directly? Targets on uncontrollable KPIs are flagged. */
    controllable: z.boolean(),
    quadrant: KpiQuadrantSchema.optional(),
    /** Is it used to appraise (judge) people? */
    appraisal: z.boolean().optional(),
    indicator: IndicatorSchema.optional(),
    indicatorReason: z.string().min(1).optional(),
    measure: MeasureSchema,
    /** The formula in words, for people. */
    formula: z.string().min(1),
    /** The period it is usually read per ("sales conversations per week"). */
    grain: KpiGrainSchema.optional(),
    /** Its natural breakdown ("revenue per channel": `source`). */
    groupBy: KpiGroupBySchema.optional(),
    /** The KPI is the period-over-period growth of its measure (month-over-month growth). */
    transform: z.literal("period-over-period").optional(),
    /** Who looks at it (team, rep, management ...); the audit counts KPIs per audience. */
    audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    target: KpiTargetSchema.optional(),
    baseline: KpiBaselineSchema.optional(),
    /**
     * For a conversion KPI: the funnel steps it converts between, and the window: a lead
     * converts when it reaches `to` within `windowDays` whole local days of `from` (the
     * catalog's builtins have one; cohorts are then compared at equal age).
     */
    conversion: z
      .strictObject({ from: z.string().min(1), to: z.string().min(1), windowDays: z.number().int().min(0).max(3650).optional() })
      .optional(),
    /** Written definitions of funnel steps ("sql": "a lead sales accepted after a discovery call"). */
    stepDefinitions: z.record(z.string(), z.string()).optional(),
  })
  .check((ctx) => {
    if (ctx.value.indicator !== undefined && ctx.value.indicatorReason === undefined) {
      ctx.issues.push({ code: "custom", path: ["indicatorReason"], message: messages.indicatorReasonRequired, input: ctx.value });
    }
  });
type KpiDefinitionSchemaBase = typeof kpiDefinitionSchema;
/** The zod type of {@link KpiDefinitionSchema}, under a name, so that type declarations refer to it instead of repeating it. */
export interface KpiDefinitionSchemaType extends KpiDefinitionSchemaBase {}
/**
 * A KPI: what it is called (English and Dutch), what kind it is, how it is computed
 * (`measure`, and `formula` in words), and how it is used (quadrant, appraisal, audience,
 * target and baseline). `indicator` overrides the derived lead/lag class and then needs
 * `indicatorReason`. A conversion KPI names its funnel steps in `conversion` and writes what
 * each step means in `stepDefinitions` (the audit flags conversions without them).
 *
 * @example
 * const calls = KpiDefinitionSchema.parse({
 *   id: "calls", labels: { en: "Calls", nl: "Telefoongesprekken" }, kind: "action", unit: "count",
 *   direction: "higher-is-better", controllable: true, formula: "number of calls",
 *   measure: { kind: "count", source: "activities", where: { type: "call" } },
 * });
 * calls.measure; //=> { kind: "count", source: "activities", where: { type: "call" } }
 */
export const KpiDefinitionSchema: KpiDefinitionSchemaType = kpiDefinitionSchema;
/** A KPI definition (see {@link KpiDefinitionSchema}). */
export type KpiDefinition = ReadonlyInput<z.infer<typeof KpiDefinitionSchema>>;
/** A KPI definition as the caller writes it. */
export type KpiDefinitionInput = ReadonlyInput<z.input<typeof KpiDefinitionSchema>>;
