// Internal: conversionRate on a database. SQL returns per group the cohort counts (entered,
// converted within the window, still open, lapsed, entered by an implied `from`); the window
// deadlines are computed here, per local day, and sent as data. TypeScript divides.
import { customIssue, KpiDefinitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import {
  conversionResult,
  type ConversionRateOptions,
  type ConversionTally,
  newTally,
  ConversionRateOptionsSchema,
  type ConversionRateResult,
  resolveConversionSteps,
} from "../conversion/conversion-rate.js";
import { createDayDeadlines, NO_GROUP, resolveBounds } from "../conversion/lead-steps.js";
import { type KpiCalendar, resolveCalendar } from "../time/calendar.js";
import { parseAsOf } from "../time/instant.js";
import { periodsBetween } from "../time/period.js";
import { readCount, readText } from "./read-aggregates.js";
import { createSqlParams, type DialectSpelling } from "./sql-dialect.js";
import type { SqlPlan } from "./pipeline-sql.js";
import { type SqlContext, textParam, valuesRelation } from "./sql-relations.js";
import type { SqlLayout } from "./table-layout.js";
import { rosterStatement } from "./roster-sql.js";

/** What a conversion statement needs from the engine. */
export interface ConversionSqlEngine {
  readonly spelling: DialectSpelling;
  readonly layout: SqlLayout;
  readonly calendar: KpiCalendar | undefined;
}

type Tally = ConversionTally;

/** `conversionRate` on the database: same options, same result. */
export function planConversionRate(engine: ConversionSqlEngine, options: ConversionRateOptions): SqlPlan<ConversionRateResult> {
  const opts = parseOptions(ConversionRateOptionsSchema, options);
  const { steps, fromIndex, toIndex } = resolveConversionSteps(opts.from, opts.to, opts.steps);
  if (opts.mode === "period" && opts.windowDays !== undefined) {
    throw new KpiDefinitionError("invalid-option", [customIssue(["windowDays"], messages.windowInPeriodMode, opts.windowDays)]);
  }
  const calendar = opts.calendar ?? engine.calendar ?? resolveCalendar(undefined);
  const period = resolveBounds(opts.period, calendar);
  const asOfMs = parseAsOf(opts.asOf, calendar);
  const windowDays = opts.mode === "cohort" ? opts.windowDays : undefined;
  const days = windowDays === undefined ? undefined : createDayDeadlines(period.startMs, period.endMs, windowDays, calendar);
  const groupBy = opts.groupBy;
  const { spelling, layout } = engine;
  const params = createSqlParams(spelling);
  const context: SqlContext = { spelling, layout, params };
  const ts = spelling.timestamp;
  const text = spelling.text;
  const l = (column: "id" | "owner" | "team" | "source"): string => `l.${layout.column("leads", column)}`;
  const s = (column: "lead_id" | "step" | "at"): string => `st.${layout.column("lead_steps", column)}`;
  const list = (names: readonly string[]): string => names.map((name) => textParam(context, name)).join(", ");
  const team = `COALESCE(${l("team")}, r.${layout.column("reps", "team")})`;
  const groupColumn = groupBy === undefined ? `'${NO_GROUP}'` : `COALESCE(lr.${groupBy}, '${NO_GROUP}')`;
  const ctes = [
    `reached AS (SELECT ${s("lead_id")} AS lead_id, ${s("step")} AS step, MIN(${s("at")}) AS event_at FROM ${layout.table("lead_steps")} st ` +
      `WHERE ${s("at")} < ${ts(asOfMs)} AND ${s("step")} IN (${list(steps)}) GROUP BY ${s("lead_id")}, ${s("step")})`,
    `lead_reach AS (SELECT ${l("id")} AS id, ${l("owner")} AS owner, ${team} AS team, ${l("source")} AS source, ` +
      `MIN(CASE WHEN rs.step IN (${list(steps.slice(fromIndex))}) THEN rs.event_at END) AS from_at, ` +
      `MIN(CASE WHEN rs.step IN (${list(steps.slice(toIndex))}) THEN rs.event_at END) AS to_at, ` +
      `MAX(CASE WHEN rs.step = ${textParam(context, opts.from)} THEN 1 ELSE 0 END) AS has_from ` +
      `FROM ${layout.table("leads")} l LEFT JOIN ${layout.table("reps")} r ON r.${layout.column("reps", "id")} = ${l("owner")} ` +
      `LEFT JOIN reached rs ON rs.lead_id = ${l("id")} GROUP BY ${l("id")}, ${l("owner")}, ${team}, ${l("source")})`,
  ];
  const inPeriod = (column: string): string => `(${column} >= ${ts(period.startMs)} AND ${column} < ${ts(period.endMs)})`;
  if (opts.mode === "cohort") {
    let deadline = "NULL";
    let join = "";
    if (days !== undefined) {
      // The window deadline of each local day of the period, as data (no zone name in SQL).
      const rows = periodsBetween(period.startMs, period.endMs, "day", calendar).map((day) => {
        const startMs = Math.max(day.startMs, period.startMs);
        const endMs = Math.min(day.endMs, period.endMs);
        return [ts(startMs), ts(endMs), ts(days.deadline(startMs))];
      });
      join = ` JOIN ${valuesRelation(spelling, "days", ["start_at", "end_at", "deadline"], rows)} ON lr.from_at >= days.start_at AND lr.from_at < days.end_at`;
      deadline = "days.deadline";
    }
    const converted = `lr.to_at IS NOT NULL${days === undefined ? "" : ` AND lr.to_at < ${deadline}`}`;
    const open = days === undefined ? "TRUE" : `${deadline} > ${ts(asOfMs)}`;
    ctes.push(
      `flags AS (SELECT ${groupColumn} AS group_key, 1 AS entered, ` +
        `CASE WHEN ${converted} THEN 1 ELSE 0 END AS converted, ` +
        `CASE WHEN NOT (${converted}) AND ${open} THEN 1 ELSE 0 END AS still_open, ` +
        `CASE WHEN NOT (${converted}) AND NOT (${open}) THEN 1 ELSE 0 END AS lapsed, ` +
        `CASE WHEN lr.has_from = 0 THEN 1 ELSE 0 END AS implied FROM lead_reach lr${join} WHERE ${inPeriod("lr.from_at")})`,
    );
  } else {
    ctes.push(
      `flags AS (SELECT ${groupColumn} AS group_key, ` +
        `CASE WHEN ${inPeriod("lr.from_at")} THEN 1 ELSE 0 END AS entered, CASE WHEN ${inPeriod("lr.to_at")} THEN 1 ELSE 0 END AS converted, ` +
        `0 AS still_open, 0 AS lapsed, CASE WHEN ${inPeriod("lr.from_at")} AND lr.has_from = 0 THEN 1 ELSE 0 END AS implied ` +
        `FROM lead_reach lr WHERE ${inPeriod("lr.from_at")} OR ${inPeriod("lr.to_at")})`,
    );
  }
  const counts = ["entered", "converted", "still_open", "lapsed", "implied"].map((c) => `${text(`SUM(${c})`)} AS ${c}`).join(", ");
  const statements = [
    { sql: `WITH ${ctes.join(",\n")}\nSELECT group_key, ${counts}\nFROM flags GROUP BY group_key\nORDER BY group_key`, params: params.values },
    { sql: `SELECT ${text("COUNT(*)")} AS row_count FROM ${layout.table("leads")}`, params: [] },
    rosterStatement(layout),
  ];
  return {
    statements,
    finish(results) {
      const total = newTally();
      const groups = new Map<string, Tally>();
      if (groupBy === "owner" || groupBy === "team") {
        for (const row of results[2] ?? []) {
          const key = readText(row, groupBy === "owner" ? "id" : "team");
          if (key !== undefined) groups.set(key, newTally());
        }
      }
      for (const row of results[0] ?? []) {
        const tally: Tally = {
          entered: readCount(row, "entered"),
          converted: readCount(row, "converted"),
          open: readCount(row, "still_open"),
          lapsed: readCount(row, "lapsed"),
          impliedFrom: readCount(row, "implied"),
        };
        for (const key of Object.keys(total) as Array<keyof Tally>) total[key] += tally[key];
        if (groupBy !== undefined) {
          const key = readText(row, "group_key") ?? NO_GROUP;
          const into = groups.get(key) ?? newTally();
          for (const field of Object.keys(into) as Array<keyof Tally>) into[field] += tally[field];
          groups.set(key, into);
        }
      }
      const rows = readCount((results[1] ?? [])[0] ?? {}, "row_count");
      return conversionResult(
        { mode: opts.mode, from: opts.from, to: opts.to, steps, period, windowDays, days, asOfMs, calendar, groupBy },
        total,
        groups,
        rows,
        0,
      );
    },
  };
}
