import { formatAttainment, formatChange, formatPace, formatStatus, formatValue, quadrantTitle } from "./format-value.js";
import type { Scorecard, ScorecardCell, ScorecardKpi, ScorecardKpiCounts, ScorecardSubject } from "./scorecard-types.js";

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
        name: kpi.name,
        kind: `${kpi.kind} · ${kpi.indicator}${kpi.appraisal ? "" : " *"}`,
        actual: `${formatValue(cell.actual, kpi.unit)}${cell.mature === false ? ` ${IMMATURE_MARK}` : ""}`,
        baseline: `${formatValue(baseline, kpi.unit)}${cell.baseline !== null && !cell.baseline.sufficient ? " ?" : ""}`,
        target: formatValue(cell.target, kpi.unit),
        attainment: formatAttainment(cell),
        status: formatStatus(cell),
        trend: formatChange(cell),
        pace: formatPace(cell),
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
