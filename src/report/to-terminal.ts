import { formatValue } from "./format-value.js";
import type { ScorecardAnalytics } from "./scorecard-analytics.js";
import { type ReportLabels, ReportLocaleSchema, type ReportLocale, reportLabels } from "./report-labels.js";
import {
  analyticsTables,
  countCells,
  funnelSummary,
  kpiLabel,
  kpiNames,
  legendLines,
  metaLine,
  noteMarkText,
  perKpiCountLines,
  rankingCells,
  RANKING_NUMERIC,
  repCountsLine,
  ROW_NUMERIC,
  rowCells,
  scorecardRows,
  shownTitle,
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
export const ToTerminalOptionsSchema = z.strictObject({ color: z.boolean().optional(), reps: z.boolean().optional(), locale: ReportLocaleSchema.optional() });

export interface ToTerminalOptions {
  /** Colour statuses with ANSI codes (pass `process.stdout.isTTY`). Default false. */
  readonly color?: boolean;
  /** Include a table per rep (default true); false gives the team part only. */
  readonly reps?: boolean;
  /** The report's language: headings, status words, notes and number style. Default `"en"`. */
  readonly locale?: ReportLocale;
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
function analyticsTerminal(analytics: ScorecardAnalytics, paint: (code: "bold" | "dim", text: string) => string, labels: ReportLabels): string[] {
  const tables = analyticsTables(analytics, labels);
  const out: string[] = ["", paint("bold", labels.analytics.pipeline)];
  const add = (table: TextTable | null): void => {
    if (table === null) return;
    out.push("", paint("bold", table.title), ...alignTable(table.columns, table.rows, table.numeric));
  };
  add(tables.byStage);
  add(tables.waterfall);
  add(tables.calibration);
  add(tables.backtest);
  add(tables.cohorts);
  if (tables.cohorts !== null) out.push(paint("dim", labels.analytics.immatureTerminal));
  for (const note of analytics.notes) out.push(paint("dim", `${labels.note}: ${labels.noteText(note)}`));
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
  const labels = reportLabels(parseOptions(ToTerminalOptionsSchema, options).locale);
  const color = options.color === true;
  const paint = (code: keyof typeof ANSI, text: string): string => (color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const out: string[] = [];

  const table = (subject: ScorecardSubject): void => {
    const subjectRows = scorecardRows(scorecard, subject, labels);
    const rows = subjectRows.map((row) => {
      const cells = rowCells(row);
      if (row.noteMarks.length > 0) cells[1] = `${cells[1]} ${noteMarkText(row)}`;
      // Words carry the verdict; colour (blue / yellow, not red / green alone) only helps.
      const status = row.cell.status;
      if (status === "met") cells[7] = paint("blue", row.status);
      else if (status === "below-target" || status === "above-target") cells[7] = paint("yellow", row.status);
      const pace = row.cell.pace?.status;
      if (pace === "behind") cells[9] = paint("yellow", row.pace);
      else if (pace === "ahead" || pace === "on-track") cells[9] = paint("blue", row.pace);
      return [...cells, sparkText(row.cell.history, row.kpi.unit, labels)];
    });
    out.push(...alignTable([...labels.rowHeadings, labels.lastPeriods(scorecard.history.length, true)], rows, [...ROW_NUMERIC, false]));
    for (const note of subjectNotes(subjectRows, labels)) out.push(paint("dim", `  [${note.number}] ${note.text}`));
  };

  out.push(paint("bold", shownTitle(scorecard, labels)));
  out.push(metaLine(scorecard, labels));
  out.push("");
  out.push(repCountsLine(scorecard, String, (text) => text, labels));
  for (const line of perKpiCountLines(scorecard, labels)) out.push(`  ${line}`);
  out.push("");
  out.push(paint("bold", teamHeading(scorecard, labels)));
  table(scorecard.team);
  const teamFunnel = funnelSummary(scorecard.team, labels);
  if (teamFunnel !== null) out.push(`${labels.funnel}: ${teamFunnel}`);
  if (scorecard.analytics !== undefined) out.push(...analyticsTerminal(scorecard.analytics, paint, labels));

  out.push("");
  out.push(paint("bold", labels.ranking.explainTerminal));
  out.push(
    ...alignTable(
      labels.rankingHeadings,
      rankingCells(scorecard, labels),
      RANKING_NUMERIC,
    ),
  );

  for (const rep of options.reps === false ? [] : scorecard.reps) {
    out.push("");
    out.push(paint("bold", labels.repOf(`${rep.name}${rep.team === null ? "" : ` (${rep.team})`}`)));
    table(rep);
    out.push(`${labels.strengths}: ${kpiNames(scorecard, rep.strengths).join(", ") || "–"}`);
    out.push(`${labels.focusPoints}: ${kpiNames(scorecard, rep.focusPoints).join(", ") || "–"}`);
    const funnel = funnelSummary(rep, labels);
    if (funnel !== null) out.push(`${labels.funnel}: ${funnel}`);
  }

  if (scorecard.team.counts.length > 0) {
    out.push("");
    out.push(paint("bold", labels.countsHeading));
    const names = scorecard.team.counts.map((count) => {
      const kpi = scorecard.kpis.find((candidate) => candidate.id === count.kpiId);
      return kpi === undefined ? count.kpiId : kpiLabel(kpi);
    });
    out.push(
      ...alignTable(
        labels.countHeadings,
        scorecard.team.counts.map((count, index) => countCells(names[index] ?? count.kpiId, count)),
        [false, true, true, true, true],
      ),
    );
  }

  for (const board of scorecard.team.leaderboards) {
    const kpi = scorecard.kpis.find((candidate) => candidate.id === board.kpiId);
    if (kpi === undefined) continue;
    out.push("");
    out.push(paint("bold", labels.leaderboard(kpiLabel(kpi))));
    const names = new Map(scorecard.reps.map((rep) => [rep.id, rep.name]));
    out.push(
      ...alignTable(
        [...labels.leaderboardHeadings, kpiLabel(kpi)],
        board.entries.map((entry) => [String(entry.rank), names.get(entry.repId) ?? entry.repId, formatValue(entry.value, kpi.unit, labels.locale)]),
        [true, false, true],
      ),
    );
  }

  if (scorecard.audit.length > 0) {
    out.push("");
    out.push(paint("bold", labels.audit));
    for (const finding of scorecard.audit) out.push(`- [${labels.severity[finding.severity] ?? finding.severity}] ${finding.code}: ${finding.message}`);
  }
  out.push("");
  out.push(...legendLines(scorecard, labels).map((line) => paint("dim", line)));
  for (const note of scorecard.notes) out.push(paint("dim", `${labels.note}: ${labels.noteText(note)}`));
  return `${out.join("\n")}\n`;
}
