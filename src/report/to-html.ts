import type { KpiDecimal } from "../core/decimal.js";
import { formatValue } from "./format-value.js";
import type { ScorecardAnalytics } from "./scorecard-analytics.js";
import { type ReportLabels, type ReportLocale, ReportLocaleSchema, reportLabels } from "./report-labels.js";
import {
  analyticsTables,
  countCells,
  funnelSummary,
  kpiLabel,
  kpiNames,
  legendLines,
  metaLine,
  perKpiCountLines,
  rankedReps,
  repCountsLine,
  ROW_NUMERIC,
  rowCells,
  scorecardRows,
  shownTitle,
  snapshotLabel,
  subjectNotes,
  teamHeading,
  waterfallBars,
} from "./scorecard-rows.js";
import { z } from "zod";
import { parseOptions } from "../core/parse-input.js";
import { capLabel, parseScorecard } from "./scorecard-schema.js";
import type { Scorecard, ScorecardSubject } from "./scorecard-types.js";
import { attainmentBar, escapeHtml, funnelChart, sparkline, stackedStagesChart, waterfallChart } from "./svg-charts.js";

const STYLE = `
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#111;background:#fff;overflow-wrap:break-word}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
.scroll{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;margin:6px 0 10px}th,td{padding:3px 8px;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:middle}
th{background:#f5f5f5;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.status-met{color:#1d4ed8;font-weight:600}.status-miss{color:#9a3412;font-weight:600}
.pace-behind{color:#9a3412}.pace-ahead,.pace-on-track{color:#1d4ed8}
.meta,.legend,.range{color:#555}.quadrant{font-weight:600;text-transform:capitalize}
.range{font-size:11px;white-space:nowrap}
td.status-met,td.status-miss,td[class^="pace-"]{white-space:nowrap}
sup.note{font-size:10px;color:#1d4ed8}
ol.notes{color:#444;font-size:12px;margin:0 0 12px;padding-left:22px}
.headline{border:1px solid #cbd5e1;border-radius:6px;padding:8px 12px;background:#f8fafc}
.headline ul{margin:4px 0 0;padding-left:18px}
svg{max-width:100%;height:auto}
td.heat{text-align:right;font-variant-numeric:tabular-nums}
td.immature{background:repeating-linear-gradient(45deg,#f1f5f9,#f1f5f9 4px,#e2e8f0 4px,#e2e8f0 8px);color:#555;font-style:italic}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
@media (max-width:600px){body{margin:10px}th,td{padding:2px 4px}}
@media print{
  @page{margin:12mm}
  body{margin:0;font-size:10px}
  .scroll{overflow:visible}
  table{font-size:8px}
  th,td{padding:1px 3px}
  svg.spark{width:48px}
  svg.bar{width:100px}
  details::details-content{content-visibility:visible;display:contents}
  details>*{display:block}
  details>table,details>.scroll{display:block}
  summary{list-style:none}
  summary::-webkit-details-marker{display:none}
  section.rep{break-inside:auto}
  h2,h3,summary{break-after:avoid}
  tr{break-inside:avoid}
  .status-met,.status-miss,.pace-behind,.pace-ahead,.pace-on-track{color:#000}
}
`;

/** Words first, an icon beside them, colour last: readable without colour and in print. */
const STATUS_ICON: Readonly<Record<string, string>> = { met: "✓", "below-target": "▼", "above-target": "▲" };
const PACE_ICON: Readonly<Record<string, string>> = { ahead: "▲", "on-track": "●", behind: "▼" };

function cellClass(numeric: boolean, extra = ""): string {
  const classes = [numeric ? "num" : "", extra].filter((name) => name !== "").join(" ");
  return classes === "" ? "" : ` class="${classes}"`;
}

function scroll(table: string): string {
  return `<div class="scroll">${table}</div>`;
}

function subjectTable(scorecard: Scorecard, subject: ScorecardSubject, prefix: string, labels: ReportLabels): string {
  const subjectRows = scorecardRows(scorecard, subject, labels);
  const rows = subjectRows
    .map((row) => {
      const cells = rowCells(row)
        .map((text, column) => {
          let extra = "";
          let html = escapeHtml(text);
          if (column === 0) extra = "quadrant";
          if (column === 1 && row.noteMarks.length > 0) {
            html += [...new Set(row.noteMarks)].map((mark) => ` <sup class="note">${mark}</sup>`).join("");
          }
          const status = row.cell.status;
          if (column === 7 && status !== null) {
            extra = status === "met" ? "status-met" : "status-miss";
            html = `${STATUS_ICON[status] ?? ""} ${html}`;
          }
          const pace = row.cell.pace?.status;
          if (column === 9 && pace !== undefined) {
            extra = `pace-${pace}`;
            html = `${PACE_ICON[pace] ?? ""} ${html}`;
          }
          return `<td${cellClass(ROW_NUMERIC[column] === true, extra)}>${html}</td>`;
        })
        .join("");
      const periods = scorecard.history.map((period) => period.label);
      const title = `${row.name}: ${periods.map((label, index) => `${label} ${formatValue(row.cell.history[index] ?? null, row.kpi.unit, labels.locale)}`).join(", ")}`;
      const present = row.cell.history.filter((value): value is KpiDecimal => value !== null);
      const range =
        present.length === 0
          ? ""
          : `<span class="range">max ${escapeHtml(formatValue(maxOf(present), row.kpi.unit, labels.locale))}<br>min ${escapeHtml(formatValue(minOf(present), row.kpi.unit, labels.locale))}</span>`;
      return `<tr data-kpi="${escapeHtml(row.kpi.id)}">${cells}<td class="spark-cell">${sparkline(row.cell.history, title)} ${range}</td></tr>`;
    })
    .join("\n");
  const head = [...labels.rowHeadings, labels.lastPeriods(scorecard.history.length, false)].map((heading, column) => `<th${ROW_NUMERIC[column] === true ? ' class="num"' : ""}>${escapeHtml(heading)}</th>`).join("");
  const notes = subjectNotes(subjectRows, labels);
  const list =
    notes.length === 0
      ? ""
      : `<ol class="notes">${notes.map((note) => `<li id="${prefix}-note-${note.number}" value="${note.number}">${escapeHtml(note.text)}</li>`).join("")}</ol>`;
  return `${scroll(`<table class="kpis"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`)}${list}`;
}

function minOf(values: readonly KpiDecimal[]): KpiDecimal {
  return values.reduce((a, b) => (b.lt(a) ? b : a));
}
function maxOf(values: readonly KpiDecimal[]): KpiDecimal {
  return values.reduce((a, b) => (b.gt(a) ? b : a));
}

function simpleTable(columns: readonly string[], rows: readonly string[][], numeric: readonly boolean[], className = ""): string {
  const head = columns.map((heading, column) => `<th${numeric[column] === true ? ' class="num"' : ""}>${escapeHtml(heading)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((text, column) => `<td${numeric[column] === true ? ' class="num"' : ""}>${escapeHtml(text)}</td>`).join("")}</tr>`).join("\n");
  return scroll(`<table${className === "" ? "" : ` class="${className}"`}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`);
}

/** The pipeline analytics: stacked stages, waterfall, calibration, backtest, cohort heat map. */
function analyticsHtml(analytics: ScorecardAnalytics, labels: ReportLabels): string[] {
  const words = labels.analytics;
  const parts: string[] = [`<section class="analytics" id="pipeline"><h2>${words.pipeline}</h2>`];
  const tables = analyticsTables(analytics, labels);
  if (tables.byStage !== null && analytics.pipelineByStage !== null) {
    parts.push(`<h3>${escapeHtml(tables.byStage.title)}</h3>`);
    parts.push(
      stackedStagesChart(
        analytics.pipelineByStage.map((snapshot) => ({
          label: /^end of /.test(snapshot.label) ? snapshot.label.replace(/^end of /, "") : snapshotLabel(snapshot.label, labels),
          totalText: tables.money(snapshot.total),
          parts: snapshot.stages.map((stage) => ({ label: stage.label, value: stage.value.toNumber(), text: `${tables.money(stage.value)} (${words.dealsCount(stage.dealCount)})` })),
        })),
        tables.byStage.title,
      ),
    );
    parts.push(simpleTable(tables.byStage.columns, tables.byStage.rows, tables.byStage.numeric));
  }
  if (tables.waterfall !== null && analytics.waterfall !== null) {
    parts.push(`<h3>${escapeHtml(tables.waterfall.title)}</h3>`);
    parts.push(waterfallChart(waterfallBars(analytics, labels), tables.waterfall.title));
    parts.push(simpleTable(tables.waterfall.columns, tables.waterfall.rows, tables.waterfall.numeric));
  }
  if (tables.calibration !== null) {
    parts.push(`<h3>${escapeHtml(tables.calibration.title)}</h3>`);
    parts.push(simpleTable(tables.calibration.columns, tables.calibration.rows, tables.calibration.numeric));
  }
  if (tables.backtest !== null) {
    parts.push(`<h3>${escapeHtml(tables.backtest.title)}</h3>`);
    parts.push(simpleTable(tables.backtest.columns, tables.backtest.rows, tables.backtest.numeric));
  }
  if (analytics.cohorts !== null && tables.cohorts !== null) {
    parts.push(`<h3>${escapeHtml(tables.cohorts.title)}</h3><p class="meta">${escapeHtml(words.heatExplain)}</p>`);
    const head = tables.cohorts.columns.map((heading, column) => `<th${tables.cohorts?.numeric[column] === true ? ' class="num"' : ""}>${escapeHtml(heading)}</th>`).join("");
    const body = analytics.cohorts.cohorts
      .map((cohort) => {
        const cells = cohort.cells
          .map((cell) => {
            if (!cell.mature) return `<td class="heat immature">${escapeHtml(words.immature)}</td>`;
            if (cell.value === null) return `<td class="heat">–</td>`;
            const share = Math.max(0, Math.min(1, cell.value.toNumber()));
            const alpha = Math.round((0.08 + share * 0.82) * 100) / 100;
            const ink = alpha > 0.5 ? "#fff" : "#111";
            return `<td class="heat" style="background:rgba(29,78,216,${alpha});color:${ink}">${escapeHtml(formatValue(cell.value, "ratio", labels.locale))}</td>`;
          })
          .join("");
        return `<tr><td>${escapeHtml(cohort.period.label)}</td><td class="num">${cohort.entered}</td>${cells}</tr>`;
      })
      .join("\n");
    parts.push(scroll(`<table class="heatmap"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`));
  }
  if (analytics.notes.length > 0) parts.push(`<ul class="legend">${analytics.notes.map((note) => `<li>${escapeHtml(labels.noteText(note))}</li>`).join("")}</ul>`);
  parts.push(`</section>`);
  return parts;
}

/** Options of {@link toHtml}. */
/** Schema of {@link ToHtmlOptions}. */
export const ToHtmlOptionsSchema = z.strictObject({ title: z.string().optional(), locale: ReportLocaleSchema.optional() });

export interface ToHtmlOptions {
  /** The page title; default the scorecard's title. */
  readonly title?: string;
  /** The page's language (`<html lang>`): headings, status words, notes and number style. Default `"en"`. */
  readonly locale?: ReportLocale;
}

/**
 * Renders a scorecard as one self-contained HTML page for a manager at a glance: a headline
 * whose counts agree with the tables (reps at target on every KPI, and per KPI), the team's
 * table, reps ranked by attainment with a bar per rep (the line marks the target), per-KPI
 * attainment bars, each rep's table (in `<details>`, expanded when printed), and with
 * `analytics` the pipeline by stage (stacked), the waterfall since the previous review, the
 * stage calibration, the forecast backtest and the cohort heat map.
 *
 * Inline CSS and SVG only: no scripts, fonts, images or links to fetch; a
 * Content-Security-Policy forbids every network request, so it opens offline and can be
 * mailed. Works from 400 px (wide tables scroll inside their box, never the page) to print
 * (print CSS). Status and pace are words with an icon, bars short of target are striped:
 * nothing is told by colour alone. Every cell's notes are a numbered footnote under its
 * table. Every text from the data is HTML-escaped.
 *
 * @example
 * const card = scorecard({ activities: [{ owner: "ann", type: "call", at: "2026-10-10", quantity: 50 }] }, { kpis: [catalogKpi("calls")], asOf: "2026-11-15" });
 * const html = toHtml(card); // write it to scorecard.html and open it in a browser
 * html.startsWith("<!doctype html>"); //=> true
 * html.includes("<title>Sales scorecard 2026-10</title>"); //=> true
 */
export function toHtml(input: Scorecard, options: ToHtmlOptions = {}): string {
  const scorecard = parseScorecard(input, true);
  const parsedOptions = parseOptions(ToHtmlOptionsSchema, options);
  const labels = reportLabels(parsedOptions.locale);
  const title = parsedOptions.title === undefined ? shownTitle(scorecard, labels) : capLabel(parsedOptions.title);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(`<p class="meta">${metaLine(scorecard, labels, (text) => `<strong>${text}</strong>`, escapeHtml)}</p>`);

  const perKpi = perKpiCountLines(scorecard, labels);
  parts.push(
    `<section class="headline" id="headline"><p>${repCountsLine(scorecard, (count) => `<strong>${count}</strong>`, escapeHtml, labels)}</p>${
      perKpi.length === 0 ? "" : `<p>${labels.perKpi.heading}</p><ul>${perKpi.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`
    }</section>`,
  );

  parts.push(`<h2>${escapeHtml(teamHeading(scorecard, labels))}</h2>`);
  parts.push(subjectTable(scorecard, scorecard.team, "team", labels));
  if (scorecard.team.funnel !== null && scorecard.team.funnel.steps.length > 0) {
    parts.push(`<h3>${labels.funnel}</h3><p class="meta">${escapeHtml(labels.noteText(scorecard.team.funnel.basis))}</p>`);
    parts.push(funnelChart(scorecard.team.funnel.steps, undefined, labels.funnel));
    const summary = funnelSummary(scorecard.team, labels);
    if (summary !== null) parts.push(`<p>${labels.teamFunnel(escapeHtml(summary))}</p>`);
  }

  if (scorecard.analytics !== undefined) parts.push(...analyticsHtml(scorecard.analytics, labels));

  const ranking = labels.ranking;
  parts.push(`<h2>${ranking.heading}</h2>`);
  parts.push(`<p class="meta">${ranking.explainHtml(escapeHtml(scorecard.period.label))}</p>`);
  const repRows = rankedReps(scorecard)
    .map(({ rank, rep, attainment, judged, met }) => {
      const onTrack = rep.onTrack === null ? "–" : rep.onTrack ? labels.yes : labels.no;
      const text = attainment === null ? "–" : formatValue(attainment, "ratio", labels.locale);
      const label = ranking.barLabel(rep.name, text, met, judged);
      return `<tr data-rep="${escapeHtml(rep.id)}"><td class="num">${attainment === null ? "–" : rank}</td><td>${escapeHtml(rep.name)}</td><td>${escapeHtml(rep.team ?? "–")}</td><td>${attainmentBar(attainment, label)}</td><td class="num">${escapeHtml(text)}</td><td class="num">${labels.of(String(met), String(judged))}</td><td>${onTrack}</td><td>${escapeHtml(kpiNames(scorecard, rep.strengths).join(", ") || "–")}</td><td>${escapeHtml(kpiNames(scorecard, rep.focusPoints).join(", ") || "–")}</td><td>${escapeHtml(funnelSummary(rep, labels) ?? "–")}</td></tr>`;
    })
    .join("\n");
  const numericHeadings = new Set([0, 4, 5]);
  parts.push(
    scroll(
      `<table id="reps"><thead><tr>${ranking.htmlHeadings.map((heading, column) => `<th${numericHeadings.has(column) ? ' class="num"' : ""}>${escapeHtml(heading)}</th>`).join("")}</tr></thead><tbody>\n${repRows}\n</tbody></table>`,
    ),
  );

  const targeted = scorecard.kpis.filter((kpi, index) => kpi.appraisal && scorecard.reps.some((rep) => rep.cells[index]?.attainment !== null));
  if (targeted.length > 0) {
    parts.push(`<h2>${labels.attainmentByKpi.heading}</h2><p class="meta">${labels.attainmentByKpi.explain(escapeHtml(scorecard.period.label))}</p>`);
    for (const kpi of targeted) {
      const index = scorecard.kpis.indexOf(kpi);
      const rows = scorecard.reps
        .map((rep) => {
          const cell = rep.cells[index];
          const ratio = cell?.attainment?.ratio ?? null;
          const text = ratio === null ? "–" : formatValue(ratio, "ratio", labels.locale);
          const verdict = cell?.status === null || cell?.status === undefined ? "" : labels.status[cell.status];
          return `<tr><td>${escapeHtml(rep.name)}</td><td>${attainmentBar(ratio, labels.attainmentByKpi.barLabel(rep.name, text, verdict))}</td><td class="num">${escapeHtml(text)}</td></tr>`;
        })
        .join("\n");
      parts.push(`<h3>${escapeHtml(kpiLabel(kpi))}</h3>${scroll(`<table class="attainment"><tbody>\n${rows}\n</tbody></table>`)}`);
    }
  }

  parts.push(`<h2>${labels.eachRep}</h2>`);
  for (const rep of scorecard.reps) {
    parts.push(`<section class="rep" id="rep-${escapeHtml(rep.id)}"><details><summary>${escapeHtml(rep.name)}${rep.team === null ? "" : ` (${escapeHtml(rep.team)})`}</summary>`);
    parts.push(subjectTable(scorecard, rep, `rep-${escapeHtml(rep.id)}`, labels));
    parts.push(`<p>${labels.strengths}: ${escapeHtml(kpiNames(scorecard, rep.strengths).join(", ") || "–")} · ${labels.focusPoints}: ${escapeHtml(kpiNames(scorecard, rep.focusPoints).join(", ") || "–")}</p>`);
    if (rep.funnel !== null && rep.funnel.steps.length > 0) parts.push(funnelChart(rep.funnel.steps, undefined, labels.funnel));
    parts.push(`</details></section>`);
  }

  if (scorecard.team.counts.length > 0) {
    parts.push(`<h2>${labels.countsHeading}</h2>`);
    const names = scorecard.team.counts.map((count) => {
      const kpi = scorecard.kpis.find((candidate) => candidate.id === count.kpiId);
      return kpi === undefined ? count.kpiId : kpiLabel(kpi);
    });
    parts.push(simpleTable(labels.countHeadings, scorecard.team.counts.map((count, index) => countCells(names[index] ?? count.kpiId, count)), [false, true, true, true, true], "counts"));
  }

  const names = new Map(scorecard.reps.map((rep) => [rep.id, rep.name]));
  for (const board of scorecard.team.leaderboards) {
    const kpi = scorecard.kpis.find((candidate) => candidate.id === board.kpiId);
    if (kpi === undefined) continue;
    parts.push(`<h3>${labels.leaderboard(escapeHtml(kpiLabel(kpi)))}</h3>`);
    parts.push(
      simpleTable(
        [...labels.leaderboardHeadings, kpiLabel(kpi)],
        board.entries.map((entry) => [String(entry.rank), names.get(entry.repId) ?? entry.repId, formatValue(entry.value, kpi.unit, labels.locale)]),
        [true, false, true],
        "leaderboard",
      ),
    );
  }

  if (scorecard.audit.length > 0) {
    parts.push(`<h2>${labels.audit}</h2><ul>`);
    for (const finding of scorecard.audit) {
      parts.push(`<li><strong>${escapeHtml(labels.severity[finding.severity] ?? finding.severity)}</strong> <code>${escapeHtml(finding.code)}</code>: ${escapeHtml(finding.message)}</li>`);
    }
    parts.push(`</ul>`);
  }
  parts.push(`<p class="legend">${legendLines(scorecard, labels).map(escapeHtml).join("<br>")}<br>${labels.htmlLegend}</p>`);
  if (scorecard.notes.length > 0) parts.push(`<ul class="legend">${scorecard.notes.map((note) => `<li>${escapeHtml(labels.noteText(note))}</li>`).join("")}</ul>`);

  return `<!doctype html>
<html lang="${labels.locale}">
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
