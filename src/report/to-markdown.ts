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
function analyticsMarkdown(analytics: ScorecardAnalytics): string[] {
  const tables = analyticsTables(analytics);
  return [
    "## Pipeline",
    "",
    ...tableMarkdown(tables.byStage),
    ...tableMarkdown(tables.waterfall),
    ...tableMarkdown(tables.calibration),
    ...tableMarkdown(tables.backtest),
    ...tableMarkdown(tables.cohorts),
    ...(tables.cohorts === null ? [] : ["“immature”: the cohort has not had that many days by the as-of date (never a low rate).", ""]),
    ...analytics.notes.map((note) => `- ${escapeText(note)}`),
    ...(analytics.notes.length === 0 ? [] : [""]),
  ];
}

/**
 * Renders a scorecard as GitHub-flavoured Markdown: the headline (reps at target on every KPI
 * and per KPI), the team's table, the pipeline analytics as tables (with `analytics`), reps
 * ranked by attainment, a heading per rep, counts, leaderboards, audit. One table per subject
 * with KPIs grouped by quadrant, the last periods as block characters with their min and max,
 * and each cell's notes as numbered footnotes under its table.
 * Text from the data (names, KPI names) is escaped so it cannot break the tables.
 *
 * @example
 * const card = scorecard({ activities: [{ owner: "ann", type: "call", at: "2026-10-10", quantity: 50 }] }, { kpis: [catalogKpi("calls")], asOf: "2026-11-15" });
 * const markdown = toMarkdown(card); // write it to scorecard.md, or paste it in a chat
 * markdown.split("\n")[0]; //=> "# Sales scorecard 2026-10"
 */
export function toMarkdown(input: Scorecard): string {
  const scorecard = parseScorecard(input, true);
  const out: string[] = [];
  const table = (subject: ScorecardSubject): void => {
    const rows = scorecardRows(scorecard, subject);
    out.push(
      ...markdownTable(
        [...ROW_HEADINGS, `Last ${scorecard.history.length} (min – max)`],
        rows.map((row) => {
          const cells = rowCells(row);
          cells[1] = `${cells[1]}${row.noteMarks.length === 0 ? "" : ` ${noteMarkText(row)}`}`;
          return [...cells, sparkText(row.cell.history, row.kpi.unit)];
        }),
        [...ROW_NUMERIC, false],
      ),
    );
    const notes = subjectNotes(rows);
    if (notes.length > 0) out.push("", ...notes.map((note) => `${note.number}. ${escapeText(note.text)}`));
  };

  out.push(`# ${escapeText(scorecard.title)}`, "");
  out.push(
    `Period **${scorecard.period.label}** · baseline ${scorecard.baselinePeriods.map((p) => p.label).join(", ") || "–"} · pace in ${scorecard.currentPeriod.label} · as of ${escapeText(scorecard.asOf)} (${escapeText(scorecard.calendar.timeZone)})`,
    "",
  );
  out.push(repCountsLine(scorecard, (count) => `**${count}**`, escapeText), "");
  const perKpi = perKpiCountLines(scorecard);
  if (perKpi.length > 0) out.push(...perKpi.map((line) => `- ${escapeText(line)}`), "");
  out.push(`## ${escapeText(teamHeading(scorecard))}`, "");
  table(scorecard.team);
  out.push("");
  const teamFunnel = funnelSummary(scorecard.team);
  if (teamFunnel !== null) out.push(`Funnel: ${escapeText(teamFunnel)}`, "");
  if (scorecard.analytics !== undefined) out.push(...analyticsMarkdown(scorecard.analytics));

  out.push("## Reps, ranked by attainment", "");
  out.push(`Attainment: the mean of actual ÷ target over the rep's appraisal KPIs with a target in ${scorecard.period.label}, each capped at 150 %.`, "");
  out.push(
    ...markdownTable(
      RANKING_HEADINGS,
      rankingCells(scorecard),
      RANKING_NUMERIC,
    ),
    "",
  );

  for (const rep of scorecard.reps) {
    out.push(`## Rep: ${escapeText(rep.name)}${rep.team === null ? "" : ` (${escapeText(rep.team)})`}`, "");
    table(rep);
    out.push("");
    out.push(`- Strengths: ${escapeText(kpiNames(scorecard, rep.strengths).join(", ")) || "–"}`);
    out.push(`- Focus points: ${escapeText(kpiNames(scorecard, rep.focusPoints).join(", ")) || "–"}`);
    const funnel = funnelSummary(rep);
    if (funnel !== null) out.push(`- Funnel: ${escapeText(funnel)}`);
    out.push("");
  }

  if (scorecard.team.counts.length > 0) {
    out.push("## Reps on track and at target, per KPI", "");
    const names = scorecard.team.counts.map((count) => {
      const kpi = scorecard.kpis.find((candidate) => candidate.id === count.kpiId);
      return kpi === undefined ? count.kpiId : kpiLabel(kpi);
    });
    out.push(
      ...markdownTable(
        COUNT_HEADINGS,
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
    out.push(`## Leaderboard: ${escapeText(kpiLabel(kpi))}`, "");
    out.push(
      ...markdownTable(
        ["#", "Rep", kpiLabel(kpi)],
        board.entries.map((entry) => [String(entry.rank), names.get(entry.repId) ?? entry.repId, formatValue(entry.value, kpi.unit)]),
        [true, false, true],
      ),
      "",
    );
  }

  if (scorecard.audit.length > 0) {
    out.push("## KPI-set audit", "");
    for (const finding of scorecard.audit) out.push(`- **${finding.severity}** \`${finding.code}\`: ${escapeText(finding.message)}`);
    out.push("");
  }
  out.push(...legendLines(scorecard).map((line) => `${escapeText(line)}  `));
  for (const note of scorecard.notes) out.push(`Note: ${escapeText(note)}  `);
  return `${out.join("\n")}\n`;
}
