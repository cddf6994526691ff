import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema, type KpiDecimal, toDecimal } from "../core/decimal.js";
import { customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseInput } from "../core/parse-input.js";
import type { KpiCalendar } from "../time/calendar.js";
import { InstantSchema, parseInstant } from "../time/instant.js";

/**
 * A period label as periods carry it: `2026-09-14` (day), `2026-W37` (week), `2026-09`
 * (month), `2026-Q3` / `FY2027-Q1` (quarter), `2026` / `FY2027` (year), and in a retail
 * calendar `FY2026-W05`, `FY2026-M03`.
 */
export const TargetPeriodLabelSchema = z
  .string()
  .regex(/^(FY)?\d{4}(-(Q[1-4]|W(0[1-9]|[1-4]\d|5[0-3])|M(0[1-9]|1[0-2])|(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?))?$/, { error: messages.targetPeriodLabel });

/**
 * One explicit target (a quota): a KPI's target for a rep (`owner`), a named `team`, or —
 * with neither — the whole team (everyone together), in one `period`: a label
 * (`"2017-09"`, `"2026-Q3"`, `"FY2027"`) or a half-open range `[from, to)` of instants.
 * `value` is the target (a ratio KPI's target is a ratio in [0, 1], such as `"0.25"`).
 * `note` is free text carried along (who set it).
 *
 * @example
 * TargetSchema.parse({ kpi: "new-revenue-per-month", owner: "Darcel Schlecht", period: "2017-09", value: 12345 }).owner; //=> "Darcel Schlecht"
 */
export const TargetSchema = z
  .strictObject({
    kpi: z.string().min(1),
    owner: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    period: z.union([TargetPeriodLabelSchema, z.tuple([InstantSchema, InstantSchema])]),
    value: DecimalLikeSchema,
    note: z.string().optional(),
  })
  .refine((row) => row.owner === undefined || row.team === undefined, { path: ["team"], error: messages.targetOwnerAndTeam });
/** One explicit target (see {@link TargetSchema}). */
export type Target = ReadonlyInput<z.input<typeof TargetSchema>>;

/** The key of a row: KPI, whose target, and which period. */
function rowKey(row: z.output<typeof TargetSchema>): string {
  const who = row.owner !== undefined ? `owner:${row.owner}` : row.team !== undefined ? `team:${row.team}` : "all";
  const period = typeof row.period === "string" ? `label:${row.period}` : `range:${String(row.period[0])}/${String(row.period[1])}`;
  return `${row.kpi}\u0000${who}\u0000${period}`;
}

/**
 * A list of explicit targets: rows as {@link TargetSchema}; two rows for the same KPI, owner
 * or team and period are an error (which one would win?).
 */
export const TargetsSchema = z.array(TargetSchema).check((ctx) => {
  const seen = new Map<string, number>();
  ctx.value.forEach((row, i) => {
    const key = rowKey(row);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, i);
    else ctx.issues.push({ code: "custom", path: [i], message: messages.duplicateTarget(earlier), input: row });
  });
});
/** A list of explicit targets. */
export type Targets = ReadonlyArray<Target>;

/** An explicit target, parsed: the period as a label or as epoch-ms bounds. */
export interface ParsedTarget {
  /** Position in the input list (for messages: `targets[3]`). */
  readonly index: number;
  readonly kpi: string;
  readonly owner: string | undefined;
  readonly team: string | undefined;
  readonly period: { readonly label: string } | { readonly startMs: number; readonly endMs: number };
  readonly value: KpiDecimal;
  readonly note: string | undefined;
}

/**
 * Parses a list of explicit targets once (validated with {@link TargetsSchema}; date-only range
 * bounds read in the calendar's zone). Bad rows throw KpiInputError with paths such as
 * `targets[3].value`; a range whose end is not after its start is an error too.
 */
export function parseTargets(rows: Targets, calendar: KpiCalendar, path: ReadonlyArray<PropertyKey> = ["targets"]): ParsedTarget[] {
  const parsed = parseInput(TargetsSchema, rows, path);
  const issues: KpiIssue[] = [];
  const out = parsed.map((row, index): ParsedTarget => {
    let period: ParsedTarget["period"];
    if (typeof row.period === "string") period = { label: row.period };
    else {
      const startMs = parseInstant(row.period[0], calendar, [...path, index, "period", 0]);
      const endMs = parseInstant(row.period[1], calendar, [...path, index, "period", 1]);
      if (!(endMs > startMs)) issues.push(customIssue([...path, index, "period"], messages.targetPeriodOrder, row.period));
      period = { startMs, endMs };
    }
    return { index, kpi: row.kpi, owner: row.owner, team: row.team, period, value: toDecimal(row.value), note: row.note };
  });
  if (issues.length > 0) throw new KpiInputError(issues);
  return out;
}
