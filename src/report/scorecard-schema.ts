import { Decimal } from "decimal.js";
import { z } from "zod";
import { KpiDecimal } from "../core/decimal.js";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { KpiGrainSchema } from "../time/period.js";
import { KpiPeriodSchema } from "../time/time-helpers.js";
import type { Scorecard } from "./scorecard-types.js";

/** Longest text a renderer shows of one label, name or note: longer ones end in "…", so the output grows with the rows, not the longest cell. */
export const MAX_LABEL_LENGTH = 200;

/**
 * `text` as a renderer shows it: control characters other than tab and newline removed (an
 * escape sequence in a name must not drive the terminal) and cut to {@link MAX_LABEL_LENGTH}
 * characters (code points), ending in "…" when cut.
 */
export function capLabel(input: string): string {
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
  if (text.length <= MAX_LABEL_LENGTH) return text;
  const points = [...text.slice(0, MAX_LABEL_LENGTH * 2)];
  return points.length <= MAX_LABEL_LENGTH ? points.join("") : `${points.slice(0, MAX_LABEL_LENGTH - 1).join("")}…`;
}

/** A decimal in a scorecard: finite, any size (a team's sums may pass 10^18); read as a KpiDecimal. */
const ResultDecimal = z
  .custom<Decimal>((value) => (value instanceof Decimal && value.isFinite()) || (typeof value === "number" && Number.isFinite(value)), { error: messages.valueToShow })
  .transform((value) => {
    const decimal = new KpiDecimal(value);
    return decimal.isZero() ? new KpiDecimal(0) : decimal;
  });

function scorecardSchema(text: z.ZodType<string, string>) {
  const count = z.number().int().min(0);
  const ratio = z.object({ numerator: ResultDecimal, denominator: ResultDecimal, value: ResultDecimal.nullable() });
  const cell = z.object({
    kpiId: text,
    actual: ResultDecimal.nullable(),
    actualRatio: ratio.nullable(),
    mature: z.boolean().nullable(),
    previous: ResultDecimal.nullable(),
    trend: ratio.nullable(),
    trendPoints: ResultDecimal.nullable(),
    baseline: z.object({ value: ResultDecimal.nullable(), sufficient: z.boolean(), reason: text.optional() }).nullable(),
    target: ResultDecimal.nullable(),
    targetSource: z.enum(["explicit", "sum-of-reps", "given", "plan", "baseline", "none"]),
    targetReason: text.nullable(),
    ramp: z
      .object({ day: count, rampDays: count, milestone: count, target: ResultDecimal.nullable(), by: text })
      .nullable(),
    attainment: z.object({ ratio: ResultDecimal.nullable(), met: z.boolean(), gap: ResultDecimal }).nullable(),
    status: z.enum(["met", "below-target", "above-target"]).nullable(),
    pace: z
      .object({
        status: z.enum(["ahead", "on-track", "behind"]),
        toDate: ResultDecimal,
        projected: ResultDecimal.nullable(),
        target: ResultDecimal.optional(),
        gap: ResultDecimal.nullable().optional(),
        remaining: ResultDecimal.optional(),
        requiredRunRate: ratio.optional(),
        workingDays: z.object({ total: count, elapsed: count, remaining: count }).optional(),
        elapsedBy: z.enum(["time", "working-days"]).optional(),
      })
      .nullable(),
    history: z.array(ResultDecimal.nullable()),
    skipped: z.record(z.string(), count),
    withoutOwner: count,
    noData: z.boolean(),
    notes: z.array(text),
    note: text.nullable(),
  });
  const funnel = z.object({
    basis: text,
    steps: z.array(z.object({ id: text, label: text, count: z.number().int().min(0) })),
    conversions: z.array(z.object({ from: text, to: text, ratio })),
    weakest: z.object({ from: text, to: text, ratio }).nullable(),
  });
  const subject = { id: text, name: text, cells: z.array(cell), funnel: funnel.nullable() };
  const kpi = z.object({
    id: text,
    name: text,
    kind: z.enum(["action", "result", "insight"]),
    unit: z.enum(["count", "currency", "ratio", "number", "days", "score", "hours"]),
    currency: text.optional(),
    direction: z.enum(["higher-is-better", "lower-is-better"]),
    controllable: z.boolean(),
    quadrant: z.enum(["finding", "closing", "growing", "developing"]),
    indicator: z.enum(["lead", "lag"]),
    indicatorReason: text,
    appraisal: z.boolean(),
    additive: z.boolean(),
  });
  return z
    .object({
      title: text,
      asOf: text,
      asOfMs: z.number().int(),
      calendar: KpiCalendarSchema,
      grain: KpiGrainSchema,
      period: KpiPeriodSchema,
      currentPeriod: KpiPeriodSchema,
      baselinePeriods: z.array(KpiPeriodSchema),
      history: z.array(KpiPeriodSchema),
      kpis: z.array(kpi),
      quadrants: z.array(z.object({ quadrant: z.enum(["finding", "closing", "growing", "developing"]), kpiIds: z.array(text) })),
      team: z.object({
        ...subject,
        counts: z.array(z.object({ kpiId: text, onTrack: count, withPace: count, atTarget: count, withTarget: count })),
        repsOnTrack: count,
        repsWithPace: count,
        repsAtTarget: count,
        repsWithTarget: count,
        headline: z.object({ onTrack: text, atTarget: text }),
        leaderboards: z.array(z.object({ kpiId: text, entries: z.array(z.object({ rank: count, repId: text, value: ResultDecimal.nullable() })) })),
      }),
      reps: z.array(z.object({ ...subject, team: text.nullable(), strengths: z.array(text), focusPoints: z.array(text), onTrack: z.boolean().nullable() })),
      audit: z.array(z.object({ code: text, severity: z.enum(["info", "warning", "error"]), kpiIds: z.array(text), message: text })),
      notes: z.array(text),
      // The pipeline section is the library's own analytics results, shown as they are.
      analytics: z.custom<unknown>(() => true).optional(),
    })
    .superRefine((card, context) => {
      // Every subject has one cell per KPI, in the KPIs' order: the renderers read them by position.
      const subjects = [["team"], ...card.reps.map((_, i) => ["reps", i])] as const;
      subjects.forEach((path) => {
        const cells = path.length === 1 ? card.team.cells : (card.reps[path[1] as number]?.cells ?? []);
        if (cells.length !== card.kpis.length || cells.some((c, i) => c.kpiId !== card.kpis[i]?.id)) {
          context.addIssue({ code: "custom", path: [...path, "cells"], message: messages.cellsPerKpi });
        }
      });
    });
}

/** Schema of a {@link Scorecard} passed to a renderer, texts as they are (for `toJSON`). */
export const ScorecardSchema = scorecardSchema(z.string()) as unknown as z.ZodType<Scorecard, Scorecard>;
/** The same, every text capped at {@link MAX_LABEL_LENGTH} characters (for the Markdown, terminal and HTML renderers). */
const CappedScorecardSchema = scorecardSchema(z.string().transform(capLabel)) as unknown as z.ZodType<Scorecard, Scorecard>;

/** The scorecard a renderer shows: parsed (a KpiInputError at `scorecard…` when it is not one), texts capped when `capped`. */
export function parseScorecard(scorecard: unknown, capped: boolean): Scorecard {
  return parseInput(capped ? CappedScorecardSchema : ScorecardSchema, scorecard, ["scorecard"]);
}
