import { KpiDecimal } from "../core/decimal.js";
import { formatAttainment, formatChange, formatPace, formatStatus, formatValue, quadrantTitle } from "./format-value.js";
import { type ReportLabels, reportLabels } from "./report-labels.js";
import type { ScorecardAnalytics } from "./scorecard-analytics.js";
import type { WaterfallBar } from "./svg-charts.js";
import type { Scorecard, ScorecardCell, ScorecardKpi, ScorecardKpiCounts, ScorecardRep, ScorecardSubject } from "./scorecard-types.js";

/** One KPI line of a subject's table, every column already formatted. */
export interface ScorecardRow {
  readonly kpi: ScorecardKpi;
  readonly cell: ScorecardCell;
  readonly quadrant: string;
  readonly name: string;
  /** "action · lead", with " *" for KPIs not used for appraisal. */
  readonly kind: string;
  readonly actual: string;
  readonly baseline: string;
  readonly target: string;
  readonly attainment: string;
  readonly status: string;
  readonly trend: string;
  readonly pace: string;
  /** Footnote numbers of the cell's notes in the subject's notes list (see {@link subjectNotes}). */
  readonly noteMarks: readonly number[];
}

/** The column headings are the labels' `rowHeadings`, in the order {@link rowCells} gives the cells. */

/** Which columns hold numbers (aligned right). */
export const ROW_NUMERIC = [false, false, false, true, true, true, true, false, true, false] as const;

/** The cells of a row in {@link ROW_HEADINGS} order. */
export function rowCells(row: ScorecardRow): string[] {
  return [row.quadrant, row.name, row.kind, row.actual, row.baseline, row.target, row.attainment, row.status, row.trend, row.pace];
}

/** The formatted rows of one subject (team or rep), grouped by quadrant in scorecard order. */
export function scorecardRows(scorecard: Scorecard, subject: ScorecardSubject, labels: ReportLabels = reportLabels()): ScorecardRow[] {
  const numbers = new Map<string, number>();
  const kpiIndex = new Map(scorecard.kpis.map((kpi, index) => [kpi.id, index]));
  const rows: ScorecardRow[] = [];
  for (const group of scorecard.quadrants) {
    group.kpiIds.forEach((kpiId, position) => {
      const index = kpiIndex.get(kpiId);
      if (index === undefined) return;
      const kpi = scorecard.kpis[index];
      const cell = subject.cells[index];
      if (kpi === undefined || cell === undefined) return;
      const baseline = cell.baseline === null ? null : cell.baseline.value;
      rows.push({
        kpi,
        cell,
        quadrant: position === 0 ? quadrantTitle(group.quadrant, labels) : "",
        name: kpiLabel(kpi),
        kind: `${labels.kinds[kpi.kind] ?? kpi.kind} · ${labels.indicators[kpi.indicator] ?? kpi.indicator}${kpi.appraisal ? "" : " *"}`,
        actual: `${formatValue(cell.actual, kpi.unit, labels.locale)}${cell.mature === false ? ` ${IMMATURE_MARK}` : ""}`,
        baseline: `${formatValue(baseline, kpi.unit, labels.locale)}${cell.baseline !== null && !cell.baseline.sufficient ? " ?" : ""}`,
        target: formatValue(cell.target, kpi.unit, labels.locale),
        attainment: formatAttainment(cell, labels),
        status: formatStatus(cell, labels),
        trend: formatChange(cell, labels),
        pace: formatPace(cell, labels),
        noteMarks: cell.notes.map((note) => {
          let number = numbers.get(note);
          if (number === undefined) {
            number = numbers.size + 1;
            numbers.set(note, number);
          }
          return number;
        }),
      });
    });
  }
  return rows;
}

/**
 * The team's line of reps on track and at target, each out of the reps it applies to: "Reps on
 * track: 3 of 5 with a pace · reps at target: 2 of 6 with a target". When no rep has a pace
 * (or a target) the count is "–" with the reason, never "0 of 35": before the current period
 * has begun (`asOf` on a period boundary) no pace is measured at all. `strong` marks up the
 * counts, `escape` the reason's text, for the renderer's format.
 */
export function repCountsLine(
  scorecard: Scorecard,
  strong: (count: number) => string = String,
  escape: (text: string) => string = (text) => text,
  labels: ReportLabels = reportLabels(),
): string {
  const { team } = scorecard;
  const words = labels.repCounts;
  const noPace = scorecard.asOfMs <= scorecard.currentPeriod.startMs ? words.noPaceYet(scorecard.currentPeriod.label, scorecard.asOf) : words.noPaceTarget;
  const onTrack = team.repsWithPace > 0 ? words.withPace(strong(team.repsOnTrack), team.repsWithPace) : `– (${escape(noPace)})`;
  const atTarget = team.repsWithTarget > 0 ? words.withTarget(strong(team.repsAtTarget), team.repsWithTarget) : escape(words.noTarget);
  return words.line(onTrack, atTarget);
}

/** The headings of the per-KPI counts table are the labels' `countHeadings`, in the order of {@link countCells}. */

/** The cells of one row of the per-KPI counts table (the KPI's name first). */
export function countCells(name: string, count: ScorecardKpiCounts): string[] {
  return [name, String(count.onTrack), String(count.withPace), String(count.atTarget), String(count.withTarget)];
}

/** Names of KPIs by id, for lists of strengths and focus points. */
export function kpiNames(scorecard: Scorecard, ids: readonly string[]): string[] {
  const names = new Map(scorecard.kpis.map((kpi) => [kpi.id, kpi.name]));
  return ids.map((id) => names.get(id) ?? id);
}

/** "loses most at Engaging → Won (42.0% convert)", or null without funnel data. */
export function funnelSummary(subject: ScorecardSubject, labels: ReportLabels = reportLabels()): string | null {
  const weakest = subject.funnel?.weakest;
  if (weakest === undefined || weakest === null || weakest.ratio.value === null) return null;
  const label = (id: string): string => subject.funnel?.steps.find((step) => step.id === id)?.label ?? id;
  return labels.funnelSummary(label(weakest.from), label(weakest.to), formatValue(weakest.ratio.value, "ratio", labels.locale));
}

/** Marks the value of a conversion cohort that is not mature yet (`mature: false`). */
export const IMMATURE_MARK = "†";

/**
 * The footnotes under a scorecard's tables: the labels' `legend`, plus the meaning of
 * {@link IMMATURE_MARK} when a cell of the team or a rep carries it.
 */
export function legendLines(scorecard: Scorecard, labels: ReportLabels = reportLabels()): string[] {
  const subjects = [scorecard.team, ...scorecard.reps];
  const immature = subjects.some((subject) => subject.cells.some((cell) => cell.mature === false));
  return immature ? [...labels.legend, labels.immatureLegend(IMMATURE_MARK)] : [...labels.legend];
}

/** The KPI's name with its currency code for currency KPIs that have one: "New revenue (EUR)". */
export function kpiLabel(kpi: ScorecardKpi): string {
  return kpi.currency === undefined ? kpi.name : `${kpi.name} (${kpi.currency})`;
}

/** "[1,3]" after a KPI's name for the notes of its cell; "" without notes. */
export function noteMarkText(row: ScorecardRow): string {
  return row.noteMarks.length === 0 ? "" : `[${[...new Set(row.noteMarks)].join(",")}]`;
}

/** The distinct notes of a subject's rows, numbered as the rows' `noteMarks` refer to them. */
export function subjectNotes(rows: readonly ScorecardRow[], labels: ReportLabels = reportLabels()): Array<{ readonly number: number; readonly text: string }> {
  const seen = new Map<number, string>();
  for (const row of rows) {
    row.cell.notes.forEach((note, index) => {
      const number = row.noteMarks[index];
      if (number !== undefined && !seen.has(number)) seen.set(number, labels.noteText(note));
    });
  }
  return [...seen].sort(([a], [b]) => a - b).map(([number, text]) => ({ number, text }));
}

/**
 * The heading of the team's part: "Team: East" for a named team; just "Team" when the team
 * has no name of its own (the reps are in several teams or none), never "Team: Team".
 */
export function teamHeading(scorecard: Scorecard, labels: ReportLabels = reportLabels()): string {
  return scorecard.team.name === "Team" ? labels.team : labels.teamOf(scorecard.team.name);
}

/**
 * The scorecard's title in the labels' language: the default title ("Sales scorecard
 * 2026-10") translated, a title the caller gave as it is.
 */
export function shownTitle(scorecard: Scorecard, labels: ReportLabels = reportLabels()): string {
  return scorecard.title === reportLabels("en").title(scorecard.period.label) ? labels.title(scorecard.period.label) : scorecard.title;
}

/** The line under the title: period, baseline periods, pace period, as-of date and zone; `strong` marks up the period. */
export function metaLine(scorecard: Scorecard, labels: ReportLabels = reportLabels(), strong: (text: string) => string = (text) => text, escape: (text: string) => string = (text) => text): string {
  return labels.meta({
    period: strong(escape(scorecard.period.label)),
    baseline: escape(scorecard.baselinePeriods.map((p) => p.label).join(", ") || "–"),
    pace: escape(scorecard.currentPeriod.label),
    asOf: escape(scorecard.asOf),
    zone: escape(scorecard.calendar.timeZone),
  });
}

/**
 * The per-KPI counts behind the headline, so it agrees with the tables: "New revenue: 15 of 30
 * at target, 12 of 30 on track" for each appraisal KPI with a target or a pace.
 */
export function perKpiCountLines(scorecard: Scorecard, labels: ReportLabels = reportLabels()): string[] {
  const byId = new Map(scorecard.kpis.map((kpi) => [kpi.id, kpi]));
  return scorecard.team.counts.map((count) => {
    const kpi = byId.get(count.kpiId);
    const parts: string[] = [];
    if (count.withTarget > 0) parts.push(labels.perKpi.atTarget(count.atTarget, count.withTarget));
    if (count.withPace > 0) parts.push(labels.perKpi.onTrack(count.onTrack, count.withPace));
    return `${kpi === undefined ? count.kpiId : kpiLabel(kpi)}: ${parts.join(", ") || "–"}`;
  });
}

/** A rep's place in the ranking by attainment. */
export interface RankedRep {
  readonly rank: number;
  readonly rep: ScorecardRep;
  /** Mean attainment over the rep's appraisal KPIs with a target and an actual (each capped at {@link ATTAINMENT_CAP}); null when none. */
  readonly attainment: KpiDecimal | null;
  /** The KPIs in that mean. */
  readonly judged: number;
  /** Of those, the KPIs met. */
  readonly met: number;
}

/** Attainment above this (150 % of target) counts as this in the ranking, so one outlier KPI does not carry a rep. */
export const ATTAINMENT_CAP = new KpiDecimal("1.5");

/**
 * Reps ranked by attainment: the mean, over the rep's appraisal KPIs with a target and an
 * actual in the reviewed period, of actual ÷ target (target ÷ actual when lower is better),
 * each capped at 150 %. Best first; reps with no such KPI last; ties share a rank and are
 * listed by name, then id.
 */
export function rankedReps(scorecard: Scorecard): RankedRep[] {
  const rows = scorecard.reps.map((rep) => {
    let sum = new KpiDecimal(0);
    let judged = 0;
    let met = 0;
    rep.cells.forEach((cell, index) => {
      const ratio = cell.attainment?.ratio ?? null;
      if (ratio === null || scorecard.kpis[index]?.appraisal !== true) return;
      sum = sum.plus(KpiDecimal.min(ratio, ATTAINMENT_CAP));
      judged++;
      if (cell.attainment?.met === true) met++;
    });
    return { rep, attainment: judged === 0 ? null : new KpiDecimal(sum.div(judged)), judged, met };
  });
  const byName = (a: ScorecardRep, b: ScorecardRep): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  rows.sort((a, b) => {
    if (a.attainment === null || b.attainment === null) return a.attainment === null ? (b.attainment === null ? byName(a.rep, b.rep) : 1) : -1;
    return b.attainment.comparedTo(a.attainment) || byName(a.rep, b.rep);
  });
  let rank = 0;
  return rows.map((row, position) => {
    const previous = rows[position - 1];
    const tied = previous !== undefined && previous.attainment !== null && row.attainment !== null && previous.attainment.eq(row.attainment);
    if (!tied) rank = position + 1;
    return { rank: row.attainment === null ? rows.length : rank, ...row };
  });
}

const BLOCKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/**
 * The last periods of a cell as text for Markdown and terminals: block characters scaled
 * between the lowest and highest value, then that range ("▁▃▅█ 3 – 12"); a gap is " ".
 */
export function sparkText(history: readonly (KpiDecimal | null)[], unit: ScorecardKpi["unit"], labels: ReportLabels = reportLabels()): string {
  const present = history.filter((value): value is KpiDecimal => value !== null);
  if (present.length === 0) return "–";
  const min = KpiDecimal.min(...present);
  const max = KpiDecimal.max(...present);
  const span = max.minus(min);
  const bars = history
    .map((value) => {
      if (value === null) return " ";
      if (span.isZero()) return BLOCKS[3];
      const step = value.minus(min).div(span).times(BLOCKS.length - 1).round().toNumber();
      return BLOCKS[Math.max(0, Math.min(BLOCKS.length - 1, step))];
    })
    .join("");
  return `${bars} ${formatValue(min, unit, labels.locale)} – ${formatValue(max, unit, labels.locale)}`;
}

/** A titled table of plain text cells, for every renderer. */
export interface TextTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly string[][];
  readonly numeric: readonly boolean[];
}

/** The analytics section as tables: what Markdown and the terminal show, and HTML beside its charts. */
export interface AnalyticsTables {
  /** An amount with the pipeline's currency code ("12,500 EUR"). */
  readonly money: (value: KpiDecimal) => string;
  readonly byStage: TextTable | null;
  readonly waterfall: TextTable | null;
  readonly calibration: TextTable | null;
  readonly backtest: TextTable | null;
  readonly cohorts: TextTable | null;
}

function signed(text: string, value: KpiDecimal): string {
  return value.isPositive() && !value.isZero() ? `+${text}` : text;
}

/** A pipeline snapshot's label ("end of 2017-09", "as of 2017-12-31") in the labels' language. */
export function snapshotLabel(label: string, labels: ReportLabels = reportLabels()): string {
  const end = /^end of (.+)$/.exec(label);
  if (end !== null) return labels.analytics.endOf(end[1] as string);
  const at = /^as of (.+)$/.exec(label);
  return at === null ? label : labels.analytics.asOfColumn(at[1] as string);
}

/** The analytics section of a scorecard as text tables (a part without data is null). */
export function analyticsTables(analytics: ScorecardAnalytics, labels: ReportLabels = reportLabels()): AnalyticsTables {
  const words = labels.analytics;
  const locale = labels.locale;
  const currency = (value: KpiDecimal | null): string => formatValue(value, "currency", locale);
  const money = (value: KpiDecimal): string => labels.number.money(currency(value), analytics.currency);
  const pct = (value: KpiDecimal | null): string => formatValue(value, "ratio", locale);
  const movement = (kind: string, label: string): string => (Object.hasOwn(words.movements, kind) ? (words.movements[kind] as string) : label);
  const column = (label: string): string => snapshotLabel(label, labels);

  const snapshots = analytics.pipelineByStage;
  const byStage: TextTable | null =
    snapshots === null || snapshots.length === 0
      ? null
      : {
          title: words.byStage(analytics.currency),
          columns: [words.stage, ...snapshots.map((snapshot) => column(snapshot.label))],
          rows: [
            ...(snapshots[0]?.stages ?? []).map((stage, index) => [stage.label, ...snapshots.map((snapshot) => currency(snapshot.stages[index]?.value ?? null))]),
            [words.total, ...snapshots.map((snapshot) => currency(snapshot.total))],
            [words.openDeals, ...snapshots.map((snapshot) => String(snapshot.dealCount))],
          ],
          numeric: [false, ...snapshots.map(() => true)],
        };

  const flow = analytics.waterfall;
  const waterfall: TextTable | null =
    flow === null
      ? null
      : {
          title: words.waterfall(analytics.periodLabel, analytics.asOf, analytics.currency),
          columns: [...words.waterfallHeadings],
          rows: [
            [words.opening(analytics.periodLabel), currency(flow.opening.value), String(flow.opening.dealCount)],
            ...flow.movements.filter((item) => item.dealCount > 0).map((item) => [movement(item.kind, item.label), signed(currency(item.value), item.value), String(item.dealCount)]),
            [words.closing(analytics.asOf), currency(flow.closing.value), String(flow.closing.dealCount)],
          ],
          numeric: [false, true, true],
        };

  const learnt = analytics.calibration;
  const calibration: TextTable | null =
    learnt === null
      ? null
      : {
          title: words.calibration(analytics.asOf, learnt.minDeals),
          columns: [...words.calibrationHeadings],
          rows: learnt.stages.map((stage) => [
            stage.label ?? stage.stage,
            pct(stage.configured),
            pct(stage.share.value),
            stage.interval === null ? "–" : `${pct(stage.interval.lower)} – ${pct(stage.interval.upper)}`,
            labels.of(String(stage.won), String(stage.closed)),
            String(stage.openNow),
            stage.sufficient ? words.calibrated : words.insufficientHistory,
          ]),
          numeric: [false, true, true, true, true, true, false],
        };

  const test = analytics.backtest;
  const backtest: TextTable | null =
    test === null
      ? null
      : {
          title: words.backtest(analytics.currency),
          columns: [...words.backtestHeadings],
          rows: [
            ...test.fixed.periods.map((period, index) => {
              const calibrated = test.calibrated.periods[index];
              return [
                period.period.label,
                currency(period.forecast),
                currency(calibrated?.forecast ?? null),
                currency(period.actual),
                signed(currency(period.error), period.error),
                calibrated === undefined ? "–" : signed(currency(calibrated.error), calibrated.error),
              ];
            }),
            [words.bias, "", "", "", signed(currency(test.fixed.overall.meanError), test.fixed.overall.meanError), signed(currency(test.calibrated.overall.meanError), test.calibrated.overall.meanError)],
            [words.meanAbsoluteError, "", "", "", currency(test.fixed.overall.meanAbsoluteError), currency(test.calibrated.overall.meanAbsoluteError)],
            [words.mape, "", "", "", pct(test.fixed.overall.mape), pct(test.calibrated.overall.mape)],
          ],
          numeric: [false, true, true, true, true, true],
        };

  const matrix = analytics.cohorts;
  const cohorts: TextTable | null =
    matrix === null
      ? null
      : {
          title: words.cohorts(matrix.from.toUpperCase(), matrix.to.toUpperCase()),
          columns: [...words.cohortHeadings, ...matrix.ages.map((age) => `${age}${labels.number.days}`)],
          rows: matrix.cohorts.map((cohort) => [cohort.period.label, String(cohort.entered), ...cohort.cells.map((cell) => (cell.mature ? pct(cell.value) : words.immature))]),
          numeric: [false, true, ...matrix.ages.map(() => true)],
        };
  return { money, byStage, waterfall, calibration, backtest, cohorts };
}

/** The waterfall's bars for a chart: opening, each movement with deals, closing. */
export function waterfallBars(analytics: ScorecardAnalytics, labels: ReportLabels = reportLabels()): WaterfallBar[] {
  const flow = analytics.waterfall;
  if (flow === null) return [];
  const words = labels.analytics;
  const text = (value: KpiDecimal, sign: boolean): string => {
    const amount = formatValue(value, "currency", labels.locale);
    return labels.number.money(sign ? signed(amount, value) : amount, analytics.currency);
  };
  return [
    { label: words.openingBar(analytics.periodLabel), value: flow.opening.value.toNumber(), kind: "level", text: text(flow.opening.value, false) },
    ...flow.movements
      .filter((movement) => movement.dealCount > 0)
      .map((movement) => ({
        label: Object.hasOwn(words.movements, movement.kind) ? (words.movements[movement.kind] as string) : movement.label,
        value: movement.value.toNumber(),
        kind: "movement" as const,
        text: text(movement.value, true),
      })),
    { label: words.closing(analytics.asOf), value: flow.closing.value.toNumber(), kind: "level", text: text(flow.closing.value, false) },
  ];
}

/** The headings of the reps-ranked-by-attainment table are the labels' `rankingHeadings`, in the order of {@link rankingCells}. */
/** Which columns of that table hold numbers (right-aligned). */
export const RANKING_NUMERIC = [true, false, false, true, true, false] as const;

/** The rows of the reps-ranked-by-attainment table, for the text renderers. */
export function rankingCells(scorecard: Scorecard, labels: ReportLabels = reportLabels()): string[][] {
  return rankedReps(scorecard).map(({ rank, rep, attainment, judged, met }) => [
    attainment === null ? "–" : String(rank),
    rep.name,
    rep.team ?? "–",
    formatValue(attainment, "ratio", labels.locale),
    labels.of(String(met), String(judged)),
    rep.onTrack === null ? "–" : rep.onTrack ? labels.yes : labels.no,
  ]);
}
