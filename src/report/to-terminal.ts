import { formatValue } from "./format-value.js";
import {
  COUNT_HEADINGS,
  countCells,
  funnelSummary,
  kpiNames,
  legendLines,
  repCountsLine,
  ROW_HEADINGS,
  ROW_NUMERIC,
  rowCells,
  scorecardRows,
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

const ANSI = { bold: "\u001b[1m", green: "\u001b[32m", red: "\u001b[31m", yellow: "\u001b[33m", dim: "\u001b[2m", reset: "\u001b[0m" };
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

/**
 * Renders a scorecard as aligned plain text for a terminal: the team table, then each rep's
 * table with strengths, focus points and funnel, then reps on track and at target, the
 * leaderboards, the audit findings and notes. Without `color` the output has no escape codes
 * (what a pipe or file should get).
 *
 * @example
 * toTerminal(scorecard(data, options), { color: process.stdout.isTTY === true });
 */
export function toTerminal(input: Scorecard, options: ToTerminalOptions = {}): string {
  const scorecard = parseScorecard(input, true);
  parseOptions(ToTerminalOptionsSchema, options);
  const color = options.color === true;
  const paint = (code: keyof typeof ANSI, text: string): string => (color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const out: string[] = [];

  const table = (subject: ScorecardSubject): void => {
    const rows = scorecardRows(scorecard, subject).map((row) => {
      const cells = rowCells(row);
      if (row.status === "met") cells[7] = paint("green", row.status);
      else if (row.status === "below") cells[7] = paint("red", row.status);
      if (row.pace === "behind") cells[9] = paint("yellow", row.pace);
      else if (row.pace === "ahead" || row.pace === "on-track") cells[9] = paint("green", row.pace);
      return cells;
    });
    out.push(...alignTable(ROW_HEADINGS, rows, ROW_NUMERIC));
  };

  out.push(paint("bold", scorecard.title));
  out.push(
    `Period ${scorecard.period.label} · baseline ${scorecard.baselinePeriods.map((p) => p.label).join(", ") || "–"} · pace in ${scorecard.currentPeriod.label} · as of ${scorecard.asOf} (${scorecard.calendar.timeZone})`,
  );
  out.push("");
  out.push(paint("bold", `Team: ${scorecard.team.name}`));
  table(scorecard.team);
  const teamFunnel = funnelSummary(scorecard.team);
  if (teamFunnel !== null) out.push(`Funnel: ${teamFunnel}`);
  out.push(repCountsLine(scorecard));

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
    const names = kpiNames(scorecard, scorecard.team.counts.map((count) => count.kpiId));
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
    out.push(paint("bold", `Leaderboard: ${kpi.name}`));
    const names = new Map(scorecard.reps.map((rep) => [rep.id, rep.name]));
    out.push(
      ...alignTable(
        ["#", "Rep", kpi.name],
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
