import { KpiDecimal } from "../core/decimal.js";
import { formatAttainment, formatChange, formatPace, formatStatus, formatValue, quadrantTitle } from "./format-value.js";
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

/** The column headings, in the order {@link rowCells} gives the cells. */
export const ROW_HEADINGS = ["Quadrant", "KPI", "Kind", "Actual", "Baseline", "Target", "Attained", "Status", "Trend", "Pace"] as const;

/** Which columns hold numbers (aligned right). */
export const ROW_NUMERIC = [false, false, false, true, true, true, true, false, true, false] as const;

/** The cells of a row in {@link ROW_HEADINGS} order. */
export function rowCells(row: ScorecardRow): string[] {
  return [row.quadrant, row.name, row.kind, row.actual, row.baseline, row.target, row.attainment, row.status, row.trend, row.pace];
}

/** The formatted rows of one subject (team or rep), grouped by quadrant in scorecard order. */
export function scorecardRows(scorecard: Scorecard, subject: ScorecardSubject): ScorecardRow[] {
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
        quadrant: position === 0 ? quadrantTitle(group.quadrant) : "",
        name: kpiLabel(kpi),
        kind: `${kpi.kind} · ${kpi.indicator}${kpi.appraisal ? "" : " *"}`,
        actual: `${formatValue(cell.actual, kpi.unit)}${cell.mature === false ? ` ${IMMATURE_MARK}` : ""}`,
        baseline: `${formatValue(baseline, kpi.unit)}${cell.baseline !== null && !cell.baseline.sufficient ? " ?" : ""}`,
        target: formatValue(cell.target, kpi.unit),
        attainment: formatAttainment(cell),
        status: formatStatus(cell),
        trend: formatChange(cell),
        pace: formatPace(cell),
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
export function repCountsLine(scorecard: Scorecard, strong: (count: number) => string = String, escape: (text: string) => string = (text) => text): string {
  const { team } = scorecard;
  const noPace =
    scorecard.asOfMs <= scorecard.currentPeriod.startMs
      ? `no pace yet: ${scorecard.currentPeriod.label} has not begun as of ${scorecard.asOf}`
      : "no rep has a target on a KPI that adds up over the period";
  const onTrack = team.repsWithPace > 0 ? `${strong(team.repsOnTrack)} of ${team.repsWithPace} with a pace` : `– (${escape(noPace)})`;
  const atTarget = team.repsWithTarget > 0 ? `${strong(team.repsAtTarget)} of ${team.repsWithTarget} with a target` : "– (no rep has a target)";
  return `Reps on track on every KPI with a pace: ${onTrack} · reps at target on every KPI with a target: ${atTarget}`;
}

/** The headings of the per-KPI counts table, in the order of {@link countCells}. */
export const COUNT_HEADINGS = ["KPI", "On track", "With pace", "At target", "With target"] as const;

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
export function funnelSummary(subject: ScorecardSubject): string | null {
  const weakest = subject.funnel?.weakest;
  if (weakest === undefined || weakest === null || weakest.ratio.value === null) return null;
  const label = (id: string): string => subject.funnel?.steps.find((step) => step.id === id)?.label ?? id;
  return `loses most at ${label(weakest.from)} → ${label(weakest.to)} (${formatValue(weakest.ratio.value, "ratio")} convert)`;
}

/** The footnotes every rendering shows under its tables. */
export const LEGEND = [
  "* insight KPI: shown for insight, not for appraisal.",
  "? baseline from fewer periods than asked (new rep or little data).",
] as const;

/** Marks the value of a conversion cohort that is not mature yet (`mature: false`). */
export const IMMATURE_MARK = "†";

/**
 * The footnotes under a scorecard's tables: {@link LEGEND}, plus the meaning of
 * {@link IMMATURE_MARK} when a cell of the team or a rep carries it.
 */
export function legendLines(scorecard: Scorecard): string[] {
  const subjects = [scorecard.team, ...scorecard.reps];
  const immature = subjects.some((subject) => subject.cells.some((cell) => cell.mature === false));
  return immature
    ? [...LEGEND, `${IMMATURE_MARK} conversion cohort not yet mature: some of its leads can still convert, so the value may still rise.`]
    : [...LEGEND];
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
export function subjectNotes(rows: readonly ScorecardRow[]): Array<{ readonly number: number; readonly text: string }> {
  const seen = new Map<number, string>();
  for (const row of rows) {
    row.cell.notes.forEach((note, index) => {
      const number = row.noteMarks[index];
      if (number !== undefined && !seen.has(number)) seen.set(number, note);
    });
  }
  return [...seen].sort(([a], [b]) => a - b).map(([number, text]) => ({ number, text }));
}

/**
 * The heading of the team's part: "Team: East" for a named team; just "Team" when the team
 * has no name of its own (the reps are in several teams or none), never "Team: Team".
 */
export function teamHeading(scorecard: Scorecard): string {
  return scorecard.team.name === "Team" ? "Team" : `Team: ${scorecard.team.name}`;
}

/**
 * The per-KPI counts behind the headline, so it agrees with the tables: "New revenue: 15 of 30
 * at target, 12 of 30 on track" for each appraisal KPI with a target or a pace.
 */
export function perKpiCountLines(scorecard: Scorecard): string[] {
  const byId = new Map(scorecard.kpis.map((kpi) => [kpi.id, kpi]));
  return scorecard.team.counts.map((count) => {
    const kpi = byId.get(count.kpiId);
    const parts: string[] = [];
    if (count.withTarget > 0) parts.push(`${count.atTarget} of ${count.withTarget} at target`);
    if (count.withPace > 0) parts.push(`${count.onTrack} of ${count.withPace} on track`);
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
export function sparkText(history: readonly (KpiDecimal | null)[], unit: ScorecardKpi["unit"]): string {
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
  return `${bars} ${formatValue(min, unit)} – ${formatValue(max, unit)}`;
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

/** The analytics section of a scorecard as text tables (a part without data is null). */
export function analyticsTables(analytics: ScorecardAnalytics): AnalyticsTables {
  const code = analytics.currency === undefined ? "" : ` ${analytics.currency}`;
  const money = (value: KpiDecimal): string => `${formatValue(value, "currency")}${code}`;
  const pct = (value: KpiDecimal | null): string => formatValue(value, "ratio");

  const snapshots = analytics.pipelineByStage;
  const byStage: TextTable | null =
    snapshots === null || snapshots.length === 0
      ? null
      : {
          title: `Open pipeline by stage${code === "" ? "" : ` (${analytics.currency})`}`,
          columns: ["Stage", ...snapshots.map((snapshot) => snapshot.label)],
          rows: [
            ...(snapshots[0]?.stages ?? []).map((stage, index) => [stage.label, ...snapshots.map((snapshot) => formatValue(snapshot.stages[index]?.value ?? null, "currency"))]),
            ["Total", ...snapshots.map((snapshot) => formatValue(snapshot.total, "currency"))],
            ["Open deals", ...snapshots.map((snapshot) => String(snapshot.dealCount))],
          ],
          numeric: [false, ...snapshots.map(() => true)],
        };

  const flow = analytics.waterfall;
  const waterfall: TextTable | null =
    flow === null
      ? null
      : {
          title: `Pipeline waterfall since the previous review: start of ${analytics.periodLabel} → as of ${analytics.asOf}${code === "" ? "" : ` (${analytics.currency})`}`,
          columns: ["Movement", "Value", "Deals"],
          rows: [
            [`Opening (start of ${analytics.periodLabel})`, formatValue(flow.opening.value, "currency"), String(flow.opening.dealCount)],
            ...flow.movements.filter((movement) => movement.dealCount > 0).map((movement) => [movement.label, signed(formatValue(movement.value, "currency"), movement.value), String(movement.dealCount)]),
            [`Closing (as of ${analytics.asOf})`, formatValue(flow.closing.value, "currency"), String(flow.closing.dealCount)],
          ],
          numeric: [false, true, true],
        };

  const learnt = analytics.calibration;
  const calibration: TextTable | null =
    learnt === null
      ? null
      : {
          title: `Stage probabilities: configured vs learnt from the deals closed as of ${analytics.asOf} (a stage needs ${learnt.minDeals} closed deals)`,
          columns: ["Stage", "Configured", "Learnt", "95 % interval", "Won of closed", "Open now", "Status"],
          rows: learnt.stages.map((stage) => [
            stage.label ?? stage.stage,
            pct(stage.configured),
            pct(stage.share.value),
            stage.interval === null ? "–" : `${pct(stage.interval.lower)} – ${pct(stage.interval.upper)}`,
            `${stage.won} of ${stage.closed}`,
            String(stage.openNow),
            stage.sufficient ? "calibrated" : "insufficient history",
          ]),
          numeric: [false, true, true, true, true, true, false],
        };

  const test = analytics.backtest;
  const backtest: TextTable | null =
    test === null
      ? null
      : {
          title: `Forecast backtest: the forecast at each period's start vs what was won${code === "" ? "" : ` (${analytics.currency})`}`,
          columns: ["Period", "Forecast (fixed %)", "Forecast (learnt %)", "Won", "Error (fixed)", "Error (learnt)"],
          rows: [
            ...test.fixed.periods.map((period, index) => {
              const calibrated = test.calibrated.periods[index];
              return [
                period.period.label,
                formatValue(period.forecast, "currency"),
                formatValue(calibrated?.forecast ?? null, "currency"),
                formatValue(period.actual, "currency"),
                signed(formatValue(period.error, "currency"), period.error),
                calibrated === undefined ? "–" : signed(formatValue(calibrated.error, "currency"), calibrated.error),
              ];
            }),
            ["Bias (mean error)", "", "", "", signed(formatValue(test.fixed.overall.meanError, "currency"), test.fixed.overall.meanError), signed(formatValue(test.calibrated.overall.meanError, "currency"), test.calibrated.overall.meanError)],
            ["Mean absolute error", "", "", "", formatValue(test.fixed.overall.meanAbsoluteError, "currency"), formatValue(test.calibrated.overall.meanAbsoluteError, "currency")],
            ["MAPE", "", "", "", pct(test.fixed.overall.mape), pct(test.calibrated.overall.mape)],
          ],
          numeric: [false, true, true, true, true, true],
        };

  const matrix = analytics.cohorts;
  const cohorts: TextTable | null =
    matrix === null
      ? null
      : {
          title: `Conversion ${matrix.from.toUpperCase()} → ${matrix.to.toUpperCase()} by cohort and age`,
          columns: ["Cohort", "Leads", ...matrix.ages.map((age) => `${age} d`)],
          rows: matrix.cohorts.map((cohort) => [cohort.period.label, String(cohort.entered), ...cohort.cells.map((cell) => (cell.mature ? pct(cell.value) : "immature"))]),
          numeric: [false, true, ...matrix.ages.map(() => true)],
        };
  return { money, byStage, waterfall, calibration, backtest, cohorts };
}

/** The waterfall's bars for a chart: opening, each movement with deals, closing. */
export function waterfallBars(analytics: ScorecardAnalytics): WaterfallBar[] {
  const flow = analytics.waterfall;
  if (flow === null) return [];
  const code = analytics.currency === undefined ? "" : ` ${analytics.currency}`;
  const text = (value: KpiDecimal, sign: boolean): string => `${sign ? signed(formatValue(value, "currency"), value) : formatValue(value, "currency")}${code}`;
  return [
    { label: `Opening (${analytics.periodLabel})`, value: flow.opening.value.toNumber(), kind: "level", text: text(flow.opening.value, false) },
    ...flow.movements
      .filter((movement) => movement.dealCount > 0)
      .map((movement) => ({ label: movement.label, value: movement.value.toNumber(), kind: "movement" as const, text: text(movement.value, true) })),
    { label: `Closing (as of ${analytics.asOf})`, value: flow.closing.value.toNumber(), kind: "level", text: text(flow.closing.value, false) },
  ];
}

/** The headings of the reps-ranked-by-attainment table, in the order of {@link rankingCells}. */
export const RANKING_HEADINGS = ["#", "Rep", "Team", "Attainment", "KPIs met", "On track"] as const;
/** Which columns of that table hold numbers (right-aligned). */
export const RANKING_NUMERIC = [true, false, false, true, true, false] as const;

/** The rows of the reps-ranked-by-attainment table, for the text renderers. */
export function rankingCells(scorecard: Scorecard): string[][] {
  return rankedReps(scorecard).map(({ rank, rep, attainment, judged, met }) => [
    attainment === null ? "–" : String(rank),
    rep.name,
    rep.team ?? "–",
    formatValue(attainment, "ratio"),
    `${met} of ${judged}`,
    rep.onTrack === null ? "–" : rep.onTrack ? "yes" : "no",
  ]);
}
