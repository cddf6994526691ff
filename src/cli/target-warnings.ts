import type { Scorecard } from "./library.js";

/** A target row as the CLI hands it to the scorecard, and where it came from (`targets.csv:5`). */
export interface PlacedTargetRow {
  readonly row: Readonly<Record<string, unknown>>;
  readonly where: string;
}

/** A period label's shape: its digits as 9 (`2026-09` → `9999-99`, `2026-Q3` → `9999-Q9`). */
const shapeOf = (label: string): string => label.replace(/\d/g, "9");

/**
 * The target rows no cell of the card can read, each with why, so that a quota given is never
 * dropped in silence: a KPI that is not on the card (a misspelt id, or one left out), an owner
 * who is no rep on it, a row for a team (the team's cell reads the row with neither owner nor
 * team), or a period label of another grain than the card's (`2026-Q4` on a monthly card). A
 * row for another period of the card's grain is no mistake (a targets file holds the year)
 * and is not named.
 */
export function unmatchedTargets(rows: readonly PlacedTargetRow[], card: Scorecard): string[] {
  const kpis = new Set(card.kpis.map((kpi) => kpi.id));
  const reps = new Set(card.reps.map((rep) => rep.id));
  const shape = shapeOf(card.period.label);
  const warnings: string[] = [];
  for (const { row, where } of rows) {
    const why: string[] = [];
    if (typeof row.kpi === "string" && !kpis.has(row.kpi)) why.push(`KPI "${row.kpi}" is not on the scorecard (its KPIs: ${[...kpis].join(", ")})`);
    if (typeof row.owner === "string" && !reps.has(row.owner)) why.push(`owner "${row.owner}" is no rep on the scorecard`);
    // The team's cell reads the row with neither owner nor team (the card is one team's, or the
    // whole team's): a row naming a team is never read by a scorecard.
    if (typeof row.team === "string") why.push(`a row for team "${row.team}" is not read by the scorecard: the team's target is the row with neither owner nor team (with --team ${row.team}, that team's)`);
    if (typeof row.period === "string" && shapeOf(row.period) !== shape) why.push(`period "${row.period}" is not a ${card.grain} like the reviewed ${card.period.label}`);
    if (why.length > 0) warnings.push(`${where}: target row not used: ${why.join("; ")}`);
  }
  return warnings;
}
