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

/**
 * Renders a scorecard as GitHub-flavoured Markdown: a heading per part (team, each rep,
 * counts, leaderboards, audit), one table per subject with KPIs grouped by quadrant.
 * Text from the data (names, KPI names) is escaped so it cannot break the tables.
 *
 * @example
 * writeFileSync("scorecard.md", toMarkdown(scorecard(data, options)));
 */
export function toMarkdown(input: Scorecard): string {
  const scorecard = parseScorecard(input, true);
  const out: string[] = [];
  const table = (subject: ScorecardSubject): void => {
    out.push(...markdownTable(ROW_HEADINGS, scorecardRows(scorecard, subject).map(rowCells), ROW_NUMERIC));
  };

  out.push(`# ${escapeText(scorecard.title)}`, "");
  out.push(
    `Period **${scorecard.period.label}** · baseline ${scorecard.baselinePeriods.map((p) => p.label).join(", ") || "–"} · pace in ${scorecard.currentPeriod.label} · as of ${escapeText(scorecard.asOf)} (${escapeText(scorecard.calendar.timeZone)})`,
    "",
  );
  out.push(`## Team: ${escapeText(scorecard.team.name)}`, "");
  table(scorecard.team);
  out.push("");
  const teamFunnel = funnelSummary(scorecard.team);
  if (teamFunnel !== null) out.push(`Funnel: ${escapeText(teamFunnel)}`, "");
  out.push(
    repCountsLine(scorecard, (count) => `**${count}**`, escapeText),
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
    const names = kpiNames(scorecard, scorecard.team.counts.map((count) => count.kpiId));
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
    out.push(`## Leaderboard: ${escapeText(kpi.name)}`, "");
    out.push(
      ...markdownTable(
        ["#", "Rep", kpi.name],
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
