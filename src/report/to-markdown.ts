import { formatValue } from "./format-value.js";
import type { ScorecardAnalytics } from "./scorecard-analytics.js";
import { z } from "zod";
import { parseOptions } from "../core/parse-input.js";
import { type ReportLabels, type ReportLocale, ReportLocaleSchema, reportLabels } from "./report-labels.js";
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
import { neutraliseFormula } from "./neutralise-formula.js";
import { parseScorecard } from "./scorecard-schema.js";
import type { Scorecard, ScorecardSubject } from "./scorecard-types.js";

/** `&`, `<` and `>` as HTML entities: Markdown passes raw HTML through, so data must never carry tags. */
function escapeHtmlChars(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeCell(text: string): string {
  return escapeHtmlChars(neutraliseFormula(text)).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ");
}

function escapeText(text: string): string {
  return escapeHtmlChars(text).replace(/([\\`*_[\]|#])/g, "\\$1").replace(/\r?\n|\r/g, " ");
}

/** A GitHub-flavoured Markdown table; numeric columns right-aligned. */
function markdownTable(headings: readonly string[], rows: readonly string[][], numeric: readonly boolean[]): string[] {
  return [
    `| ${headings.map(escapeCell).join(" | ")} |`,
    `| ${headings.map((_, column) => (numeric[column] === true ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ];
}

function tableMarkdown(table: TextTable | null): string[] {
  if (table === null) return [];
  return [`### ${escapeText(table.title)}`, "", ...markdownTable(table.columns, table.rows, table.numeric), ""];
}

/** The pipeline analytics as Markdown tables. */
function analyticsMarkdown(analytics: ScorecardAnalytics, labels: ReportLabels): string[] {
  const tables = analyticsTables(analytics, labels);
  return [
    `## ${labels.analytics.pipeline}`,
    "",
    ...tableMarkdown(tables.byStage),
    ...tableMarkdown(tables.waterfall),
    ...tableMarkdown(tables.calibration),
    ...tableMarkdown(tables.backtest),
    ...tableMarkdown(tables.cohorts),
    ...(tables.cohorts === null ? [] : [labels.analytics.immatureText, ""]),
    ...analytics.notes.map((note) => `- ${escapeText(labels.noteText(note))}`),
    ...(analytics.notes.length === 0 ? [] : [""]),
  ];
}

/** Schema of {@link ToMarkdownOptions}. */
export const ToMarkdownOptionsSchema = z.strictObject({ locale: ReportLocaleSchema.optional() });

/** Options of {@link toMarkdown}. */
export interface ToMarkdownOptions {
  /** The report's language: headings, status words, notes and number style. Default `"en"`. */
  readonly locale?: ReportLocale;
}

/**
 * Renders a scorecard as GitHub-flavoured Markdown: the headline (reps at target on every KPI
 * and per KPI), the team's table, the pipeline analytics as tables (with `analytics`), reps
 * ranked by attainment, a heading per rep, counts, leaderboards, audit. One table per subject
 * with KPIs grouped by quadrant, the last periods as block characters with their min and max,
 * and each cell's notes as numbered footnotes under its table.
 * Text from the data (names, KPI names) is escaped so it cannot break the tables. With
 * `locale: "nl"` the fixed texts are Dutch and numbers are written "1.234,5" and "42,6 %".
 *
 * @example
 * const card = scorecard({ activities: [{ owner: "ann", type: "call", at: "2026-10-10", quantity: 50 }] }, { kpis: [catalogKpi("calls")], asOf: "2026-11-15" });
 * const markdown = toMarkdown(card); // write it to scorecard.md, or paste it in a chat
 * markdown.split("\n")[0]; //=> "# Sales scorecard 2026-10"
 */
export function toMarkdown(input: Scorecard, options: ToMarkdownOptions = {}): string {
  const scorecard = parseScorecard(input, true);
  const labels = reportLabels(parseOptions(ToMarkdownOptionsSchema, options).locale);
  const out: string[] = [];
  const table = (subject: ScorecardSubject): void => {
    const rows = scorecardRows(scorecard, subject, labels);
    out.push(
      ...markdownTable(
        [...labels.rowHeadings, labels.lastPeriods(scorecard.history.length, true)],
        rows.map((row) => {
          const cells = rowCells(row);
          cells[1] = `${cells[1]}${row.noteMarks.length === 0 ? "" : ` ${noteMarkText(row)}`}`;
          return [...cells, sparkText(row.cell.history, row.kpi.unit, labels)];
        }),
        [...ROW_NUMERIC, false],
      ),
    );
    const notes = subjectNotes(rows, labels);
    if (notes.length > 0) out.push("", ...notes.map((note) => `${note.number}. ${escapeText(note.text)}`));
  };

  out.push(`# ${escapeText(shownTitle(scorecard, labels))}`, "");
  out.push(metaLine(scorecard, labels, (text) => `**${text}**`, escapeText), "");
  out.push(repCountsLine(scorecard, (count) => `**${count}**`, escapeText, labels), "");
  const perKpi = perKpiCountLines(scorecard, labels);
  if (perKpi.length > 0) out.push(...perKpi.map((line) => `- ${escapeText(line)}`), "");
  out.push(`## ${escapeText(teamHeading(scorecard, labels))}`, "");
  table(scorecard.team);
  out.push("");
  const teamFunnel = funnelSummary(scorecard.team, labels);
  if (teamFunnel !== null) out.push(`${labels.funnel}: ${escapeText(teamFunnel)}`, "");
  if (scorecard.analytics !== undefined) out.push(...analyticsMarkdown(scorecard.analytics, labels));

  out.push(`## ${labels.ranking.heading}`, "");
  out.push(labels.ranking.explainText(scorecard.period.label), "");
  out.push(
    ...markdownTable(
      labels.rankingHeadings,
      rankingCells(scorecard, labels),
      RANKING_NUMERIC,
    ),
    "",
  );

  for (const rep of scorecard.reps) {
    out.push(`## ${labels.repOf(`${escapeText(rep.name)}${rep.team === null ? "" : ` (${escapeText(rep.team)})`}`)}`, "");
    table(rep);
    out.push("");
    out.push(`- ${labels.strengths}: ${escapeText(kpiNames(scorecard, rep.strengths).join(", ")) || "–"}`);
    out.push(`- ${labels.focusPoints}: ${escapeText(kpiNames(scorecard, rep.focusPoints).join(", ")) || "–"}`);
    const funnel = funnelSummary(rep, labels);
    if (funnel !== null) out.push(`- ${labels.funnel}: ${escapeText(funnel)}`);
    out.push("");
  }

  if (scorecard.team.counts.length > 0) {
    out.push(`## ${labels.countsHeading}`, "");
    const names = scorecard.team.counts.map((count) => {
      const kpi = scorecard.kpis.find((candidate) => candidate.id === count.kpiId);
      return kpi === undefined ? count.kpiId : kpiLabel(kpi);
    });
    out.push(
      ...markdownTable(
        labels.countHeadings,
        scorecard.team.counts.map((count, index) => countCells(names[index] ?? count.kpiId, count)),
        [false, true, true, true, true],
      ),
      "",
    );
  }

  const names = new Map(scorecard.reps.map((rep) => [rep.id, rep.name]));
  for (const board of scorecard.team.leaderboards) {
    const kpi = scorecard.kpis.find((candidate) => candidate.id === board.kpiId);
    if (kpi === undefined) continue;
    out.push(`## ${labels.leaderboard(escapeText(kpiLabel(kpi)))}`, "");
    out.push(
      ...markdownTable(
        [...labels.leaderboardHeadings, kpiLabel(kpi)],
        board.entries.map((entry) => [String(entry.rank), names.get(entry.repId) ?? entry.repId, formatValue(entry.value, kpi.unit, labels.locale)]),
        [true, false, true],
      ),
      "",
    );
  }

  if (scorecard.audit.length > 0) {
    out.push(`## ${labels.audit}`, "");
    for (const finding of scorecard.audit) out.push(`- **${labels.severity[finding.severity] ?? finding.severity}** \`${finding.code}\`: ${escapeText(finding.message)}`);
    out.push("");
  }
  out.push(...legendLines(scorecard, labels).map((line) => `${escapeText(line)}  `));
  for (const note of scorecard.notes) out.push(`${labels.note}: ${escapeText(labels.noteText(note))}  `);
  return `${out.join("\n")}\n`;
}
