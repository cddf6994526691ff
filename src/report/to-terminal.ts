import { formatValue } from "./format-value.js";
import type { ScorecardAnalytics } from "./scorecard-analytics.js";
import {
  analyticsTables,
  COUNT_HEADINGS,
  countCells,
  funnelSummary,
  kpiLabel,
  kpiNames,
  legendLines,
  noteMarkText,
  perKpiCountLines,
  rankingCells,
  RANKING_HEADINGS,
  RANKING_NUMERIC,
  repCountsLine,
  ROW_HEADINGS,
  ROW_NUMERIC,
  rowCells,
  scorecardRows,
  sparkText,
  subjectNotes,
  teamHeading,
  type TextTable,
} from "./scorecard-rows.js";
import { z } from "zod";
import { parseOptions } from "../core/parse-input.js";
import { neutraliseFormula } from "./neutralise-formula.js";
import { parseScorecard } from "./scorecard-schema.js";
import type { Scorecard, ScorecardSubject } from "./scorecard-types.js";

/** Options of {@link toTerminal}. */
/** Schema of {@link ToTerminalOptions}. */
export const ToTerminalOptionsSchema = z.strictObject({ color: z.boolean().optional(), reps: z.boolean().optional() });

export interface ToTerminalOptions {
  /** Colour statuses with ANSI codes (pass `process.stdout.isTTY`). Default false. */
  readonly color?: boolean;
  /** Include a table per rep (default true); false gives the team part only. */
  readonly reps?: boolean;
}

const ANSI = { bold: "\u001b[1m", blue: "\u001b[34m", yellow: "\u001b[33m", dim: "\u001b[2m", reset: "\u001b[0m" };
// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return [...text.replace(ANSI_PATTERN, "")].length;
}

/** Lays out rows as an aligned plain-text table: two spaces between columns, numbers right-aligned. */
export function alignTable(headings: readonly string[], rows: readonly string[][], numeric: readonly boolean[]): string[] {
  const widths = headings.map((heading, column) =>
    Math.max(visibleLength(heading), ...rows.map((row) => visibleLength(row[column] ?? ""))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map(neutraliseFormula)
      .map((cell, column) => {
        const pad = " ".repeat(Math.max(0, (widths[column] ?? 0) - visibleLength(cell)));
        return numeric[column] === true ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(headings), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)];
}

/** The pipeline analytics as aligned tables. */
function analyticsTerminal(analytics: ScorecardAnalytics, paint: (code: "bold" | "dim", text: string) => string): string[] {
  const tables = analyticsTables(analytics);
  const out: string[] = ["", paint("bold", "Pipeline")];
  const add = (table: TextTable | null): void => {
    if (table === null) return;
    out.push("", paint("bold", table.title), ...alignTable(table.columns, table.rows, table.numeric));
  };
  add(tables.byStage);
  add(tables.waterfall);
  add(tables.calibration);
  add(tables.backtest);
  add(tables.cohorts);
  if (tables.cohorts !== null) out.push(paint("dim", "immature: the cohort has not had that many days by the as-of date (never a low rate)"));
  for (const note of analytics.notes) out.push(paint("dim", `Note: ${note}`));
  return out;
}

/**
 * Renders a scorecard as aligned plain text for a terminal: the team table, then each rep's
 * table with strengths, focus points and funnel, then reps on track and at target, the
 * leaderboards, the audit findings and notes. Without `color` the output has no escape codes
 * (what a pipe or file should get).
 *
 * @example
 * const card = scorecard({ activities: [{ owner: "ann", type: "call", at: "2026-10-10", quantity: 50 }] }, { kpis: [catalogKpi("calls")], asOf: "2026-11-15" });
 * // colours only on a terminal: toTerminal(card, { color: process.stdout.isTTY === true })
 * toTerminal(card).split("\n")[0]; //=> "Sales scorecard 2026-10"
 */
export function toTerminal(input: Scorecard, options: ToTerminalOptions = {}): string {
  const scorecard = parseScorecard(input, true);
  parseOptions(ToTerminalOptionsSchema, options);
  const color = options.color === true;
  const paint = (code: keyof typeof ANSI, text: string): string => (color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const out: string[] = [];

  const table = (subject: ScorecardSubject): void => {
    const subjectRows = scorecardRows(scorecard, subject);
    const rows = subjectRows.map((row) => {
      const cells = rowCells(row);
      if (row.noteMarks.length > 0) cells[1] = `${cells[1]} ${noteMarkText(row)}`;
      // Words carry the verdict; colour (blue / yellow, not red / green alone) only helps.
      if (row.status === "met") cells[7] = paint("blue", row.status);
      else if (row.status === "below target" || row.status === "above target") cells[7] = paint("yellow", row.status);
      if (row.pace === "behind") cells[9] = paint("yellow", row.pace);
      else if (row.pace === "ahead" || row.pace === "on-track") cells[9] = paint("blue", row.pace);
      return [...cells, sparkText(row.cell.history, row.kpi.unit)];
    });
    out.push(...alignTable([...ROW_HEADINGS, `Last ${scorecard.history.length} (min – max)`], rows, [...ROW_NUMERIC, false]));
    for (const note of subjectNotes(subjectRows)) out.push(paint("dim", `  [${note.number}] ${note.text}`));
  };

  out.push(paint("bold", scorecard.title));
  out.push(
    `Period ${scorecard.period.label} · baseline ${scorecard.baselinePeriods.map((p) => p.label).join(", ") || "–"} · pace in ${scorecard.currentPeriod.label} · as of ${scorecard.asOf} (${scorecard.calendar.timeZone})`,
  );
  out.push("");
  out.push(repCountsLine(scorecard));
  for (const line of perKpiCountLines(scorecard)) out.push(`  ${line}`);
  out.push("");
  out.push(paint("bold", teamHeading(scorecard)));
  table(scorecard.team);
  const teamFunnel = funnelSummary(scorecard.team);
  if (teamFunnel !== null) out.push(`Funnel: ${teamFunnel}`);
  if (scorecard.analytics !== undefined) out.push(...analyticsTerminal(scorecard.analytics, paint));

  out.push("");
  out.push(paint("bold", "Reps, ranked by attainment (mean of actual ÷ target over appraisal KPIs with a target, each capped at 150 %)"));
  out.push(
    ...alignTable(
      RANKING_HEADINGS,
      rankingCells(scorecard),
      RANKING_NUMERIC,
    ),
  );

  for (const rep of options.reps === false ? [] : scorecard.reps) {
    out.push("");
    out.push(paint("bold", `Rep: ${rep.name}${rep.team === null ? "" : ` (${rep.team})`}`));
    table(rep);
    out.push(`Strengths: ${kpiNames(scorecard, rep.strengths).join(", ") || "–"}`);
    out.push(`Focus points: ${kpiNames(scorecard, rep.focusPoints).join(", ") || "–"}`);
    const funnel = funnelSummary(rep);
    if (funnel !== null) out.push(`Funnel: ${funnel}`);
  }

  if (scorecard.team.counts.length > 0) {
    out.push("");
    out.push(paint("bold", "Reps on track and at target, per KPI"));
    const names = scorecard.team.counts.map((count) => {
      const kpi = scorecard.kpis.find((candidate) => candidate.id === count.kpiId);
      return kpi === undefined ? count.kpiId : kpiLabel(kpi);
    });
    out.push(
      ...alignTable(
        COUNT_HEADINGS,
        scorecard.team.counts.map((count, index) => countCells(names[index] ?? count.kpiId, count)),
        [false, true, true, true, true],
      ),
    );
  }

  for (const board of scorecard.team.leaderboards) {
    const kpi = scorecard.kpis.find((candidate) => candidate.id === board.kpiId);
    if (kpi === undefined) continue;
    out.push("");
    out.push(paint("bold", `Leaderboard: ${kpiLabel(kpi)}`));
    const names = new Map(scorecard.reps.map((rep) => [rep.id, rep.name]));
    out.push(
      ...alignTable(
        ["#", "Rep", kpiLabel(kpi)],
        board.entries.map((entry) => [String(entry.rank), names.get(entry.repId) ?? entry.repId, formatValue(entry.value, kpi.unit)]),
        [true, false, true],
      ),
    );
  }

  if (scorecard.audit.length > 0) {
    out.push("");
    out.push(paint("bold", "KPI-set audit"));
    for (const finding of scorecard.audit) out.push(`- [${finding.severity}] ${finding.code}: ${finding.message}`);
  }
  out.push("");
  out.push(...legendLines(scorecard).map((line) => paint("dim", line)));
  for (const note of scorecard.notes) out.push(paint("dim", `Note: ${note}`));
  return `${out.join("\n")}\n`;
}
