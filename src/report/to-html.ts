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
import { capLabel, parseScorecard } from "./scorecard-schema.js";
import type { Scorecard, ScorecardSubject } from "./scorecard-types.js";
import { attainmentBar, escapeHtml, funnelChart, sparkline } from "./svg-charts.js";

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#111;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 10px}th,td{padding:3px 8px;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:middle}
th{background:#f5f5f5;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.met{color:#15803d;font-weight:600}.below{color:#b91c1c;font-weight:600}.behind{color:#b45309}.ahead,.on-track{color:#15803d}
.meta,.legend{color:#555}.quadrant{font-weight:600;text-transform:capitalize}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
`;

function cellClass(numeric: boolean, extra = ""): string {
  const classes = [numeric ? "num" : "", extra].filter((name) => name !== "").join(" ");
  return classes === "" ? "" : ` class="${classes}"`;
}

function subjectTable(scorecard: Scorecard, subject: ScorecardSubject): string {
  const rows = scorecardRows(scorecard, subject)
    .map((row) => {
      const cells = rowCells(row)
        .map((text, column) => {
          const extra = column === 0 ? "quadrant" : column === 7 && text !== "–" ? text : column === 9 && text !== "–" ? text : "";
          return `<td${cellClass(ROW_NUMERIC[column] === true, extra)}>${escapeHtml(text)}</td>`;
        })
        .join("");
      const labels = scorecard.history.map((period) => period.label);
      const title = `${row.name}: ${labels.map((label, index) => `${label} ${formatValue(row.cell.history[index] ?? null, row.kpi.unit)}`).join(", ")}`;
      return `<tr data-kpi="${escapeHtml(row.kpi.id)}">${cells}<td>${sparkline(row.cell.history, title)}</td></tr>`;
    })
    .join("\n");
  const head = [...ROW_HEADINGS, `Last ${scorecard.history.length}`].map((heading) => `<th>${escapeHtml(heading)}</th>`).join("");
  return `<table class="kpis"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** Options of {@link toHtml}. */
/** Schema of {@link ToHtmlOptions}. */
export const ToHtmlOptionsSchema = z.strictObject({ title: z.string().optional() });

export interface ToHtmlOptions {
  /** The page title; default the scorecard's title. */
  readonly title?: string;
}

/**
 * Renders a scorecard as one self-contained HTML page: inline CSS, inline SVG charts
 * (a sparkline of the last periods per KPI, a bar per rep for attainment of each KPI with
 * targets, the team funnel), no scripts, no fonts, images or links to fetch. A
 * Content-Security-Policy forbids every network request, so the page opens offline and
 * can be mailed as an attachment. Every text from the data is HTML-escaped.
 *
 * @example
 * writeFileSync("scorecard.html", toHtml(scorecard(data, options)));
 */
export function toHtml(input: Scorecard, options: ToHtmlOptions = {}): string {
  const scorecard = parseScorecard(input, true);
  const parsedOptions = parseOptions(ToHtmlOptionsSchema, options);
  const title = parsedOptions.title === undefined ? scorecard.title : capLabel(parsedOptions.title);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p class="meta">Period <strong>${escapeHtml(scorecard.period.label)}</strong> · baseline ${escapeHtml(scorecard.baselinePeriods.map((p) => p.label).join(", ") || "–")} · pace in ${escapeHtml(scorecard.currentPeriod.label)} · as of ${escapeHtml(scorecard.asOf)} (${escapeHtml(scorecard.calendar.timeZone)})</p>`,
  );

  parts.push(`<h2>Team: ${escapeHtml(scorecard.team.name)}</h2>`);
  parts.push(subjectTable(scorecard, scorecard.team));
  parts.push(`<p>${repCountsLine(scorecard, (count) => `<strong>${count}</strong>`, escapeHtml)}</p>`);
  if (scorecard.team.funnel !== null && scorecard.team.funnel.steps.length > 0) {
    parts.push(`<h3>Funnel</h3><p class="meta">${escapeHtml(scorecard.team.funnel.basis)}</p>`);
    parts.push(funnelChart(scorecard.team.funnel.steps));
    const summary = funnelSummary(scorecard.team);
    if (summary !== null) parts.push(`<p>The team ${escapeHtml(summary)}.</p>`);
  }

  parts.push(`<h2>Reps</h2>`);
  const repRows = scorecard.reps
    .map((rep) => {
      const onTrack = rep.onTrack === null ? "–" : rep.onTrack ? "yes" : "no";
      return `<tr data-rep="${escapeHtml(rep.id)}"><td>${escapeHtml(rep.name)}</td><td>${escapeHtml(rep.team ?? "–")}</td><td>${onTrack}</td><td>${escapeHtml(kpiNames(scorecard, rep.strengths).join(", ") || "–")}</td><td>${escapeHtml(kpiNames(scorecard, rep.focusPoints).join(", ") || "–")}</td><td>${escapeHtml(funnelSummary(rep) ?? "–")}</td></tr>`;
    })
    .join("\n");
  parts.push(
    `<table id="reps"><thead><tr><th>Rep</th><th>Team</th><th>On track</th><th>Strengths</th><th>Focus points</th><th>Funnel</th></tr></thead><tbody>\n${repRows}\n</tbody></table>`,
  );

  const targeted = scorecard.kpis.filter((kpi, index) => kpi.appraisal && scorecard.reps.some((rep) => rep.cells[index]?.attainment !== null));
  if (targeted.length > 0) {
    parts.push(`<h2>Attainment by rep</h2><p class="meta">Bar = actual ÷ target in ${escapeHtml(scorecard.period.label)}; the line marks 100%.</p>`);
    for (const kpi of targeted) {
      const index = scorecard.kpis.indexOf(kpi);
      const rows = scorecard.reps
        .map((rep) => {
          const cell = rep.cells[index];
          const ratio = cell?.attainment?.ratio ?? null;
          const text = ratio === null ? "–" : formatValue(ratio, "ratio");
          return `<tr><td>${escapeHtml(rep.name)}</td><td>${attainmentBar(ratio, `${rep.name}: ${text} of target`)}</td><td class="num">${escapeHtml(text)}</td></tr>`;
        })
        .join("\n");
      parts.push(`<h3>${escapeHtml(kpi.name)}</h3><table class="attainment"><tbody>\n${rows}\n</tbody></table>`);
    }
  }

  for (const rep of scorecard.reps) {
    parts.push(`<details><summary>${escapeHtml(rep.name)}${rep.team === null ? "" : ` (${escapeHtml(rep.team)})`}</summary>`);
    parts.push(subjectTable(scorecard, rep));
    if (rep.funnel !== null && rep.funnel.steps.length > 0) parts.push(funnelChart(rep.funnel.steps));
    parts.push(`</details>`);
  }

  if (scorecard.team.counts.length > 0) {
    parts.push(`<h2>Reps on track and at target, per KPI</h2>`);
    const names = kpiNames(scorecard, scorecard.team.counts.map((count) => count.kpiId));
    const rows = scorecard.team.counts
      .map(
        (count, index) =>
          `<tr>${countCells(names[index] ?? count.kpiId, count)
            .map((text, column) => `<td${column === 0 ? "" : ' class="num"'}>${escapeHtml(text)}</td>`)
            .join("")}</tr>`,
      )
      .join("\n");
    const head = COUNT_HEADINGS.map((heading) => `<th>${escapeHtml(heading)}</th>`).join("");
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`);
  }

  const names = new Map(scorecard.reps.map((rep) => [rep.id, rep.name]));
  for (const board of scorecard.team.leaderboards) {
    const kpi = scorecard.kpis.find((candidate) => candidate.id === board.kpiId);
    if (kpi === undefined) continue;
    const rows = board.entries
      .map(
        (entry) =>
          `<tr><td class="num">${entry.rank}</td><td>${escapeHtml(names.get(entry.repId) ?? entry.repId)}</td><td class="num">${escapeHtml(formatValue(entry.value, kpi.unit))}</td></tr>`,
      )
      .join("\n");
    parts.push(`<h3>Leaderboard: ${escapeHtml(kpi.name)}</h3><table class="leaderboard"><tbody>\n${rows}\n</tbody></table>`);
  }

  if (scorecard.audit.length > 0) {
    parts.push(`<h2>KPI-set audit</h2><ul>`);
    for (const finding of scorecard.audit) {
      parts.push(`<li><strong>${escapeHtml(finding.severity)}</strong> <code>${escapeHtml(finding.code)}</code>: ${escapeHtml(finding.message)}</li>`);
    }
    parts.push(`</ul>`);
  }
  parts.push(`<p class="legend">${legendLines(scorecard).map(escapeHtml).join("<br>")}</p>`);
  if (scorecard.notes.length > 0) parts.push(`<ul class="legend">${scorecard.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join("")}</ul>`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join("\n")}
</body>
</html>
`;
}
