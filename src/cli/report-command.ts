import { KpiDefinitionError } from "../core/errors.js";
import { type PreparedKpiData, withRows } from "../model/prepared.js";
import { scorecard } from "../report/scorecard.js";
import type { Scorecard } from "../report/scorecard-types.js";
import { toHtml } from "../report/to-html.js";
import { toJSON } from "../report/to-json.js";
import { toMarkdown } from "../report/to-markdown.js";
import { toTerminal } from "../report/to-terminal.js";
import { CliError } from "./cli-error.js";
import { chooseKpis } from "./default-kpis.js";
import { type InputFiles, readInput } from "./read-input.js";

/** The output formats of the CLI (`table` is another name for `terminal`). */
export const REPORT_FORMATS = ["terminal", "table", "md", "json", "html"] as const;
/** An output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What shapes the scorecard, from the command line. */
export interface ScorecardChoices {
  readonly asOf: string;
  readonly grain: "day" | "week" | "month" | "quarter" | "year";
  readonly kpis?: readonly string[];
  readonly baselinePeriods?: number;
  readonly uplift?: string;
  readonly title?: string;
  /** Only the reps of this team (the roster's `team`, or the rows' own `team`), and their rows. */
  readonly team?: string;
}

/**
 * The part of the data that belongs to one team: the roster reps of that team, and the deals,
 * activities and leads whose row team is it (a row without team takes its owner's from the
 * roster when the data is prepared). An unknown team is an error that lists the known ones.
 */
export function onlyTeam(prepared: PreparedKpiData, team: string): PreparedKpiData {
  const known = new Set<string>();
  for (const rep of prepared.reps) if (rep.team !== undefined) known.add(rep.team);
  for (const deal of prepared.deals) if (deal.team !== undefined) known.add(deal.team);
  for (const activity of prepared.activities) if (activity.team !== undefined) known.add(activity.team);
  if (!known.has(team)) {
    throw new CliError(`--team: no rep or row has team "${team}"; teams: ${[...known].sort().join(", ") || "none (give --teams or a team column)"}`);
  }
  return withRows(prepared, {
    reps: prepared.reps.filter((rep) => rep.team === team),
    deals: prepared.deals.filter((deal) => deal.team === team),
    activities: prepared.activities.filter((activity) => activity.team === team),
    leads: prepared.leads.filter((lead) => lead.team === team),
  });
}

/** Renders a scorecard in one of the CLI's formats. */
export function renderScorecard(card: Scorecard, format: ReportFormat, color: boolean): string {
  switch (format) {
    case "terminal":
    case "table":
      return toTerminal(card, { color });
    case "md":
      return toMarkdown(card);
    case "json":
      return `${JSON.stringify(toJSON(card), null, 2)}\n`;
    case "html":
      return toHtml(card);
  }
}

/** The message of a bad `--as-of`, whether the CLI or the library finds it. */
function badAsOf(asOf: string): string {
  return `--as-of: "${asOf}" is not a valid date; expected one such as 2026-11-30 (or an ISO date-time with offset)`;
}

/** The scorecard options the command line sets, by the flag that sets them. */
const OPTION_FLAGS: Readonly<Record<string, { readonly flag: string; readonly given: (choices: ScorecardChoices) => unknown }>> = {
  asOf: { flag: "--as-of", given: (choices) => choices.asOf },
  grain: { flag: "--grain", given: (choices) => choices.grain },
  baselinePeriods: { flag: "--baseline-periods", given: (choices) => choices.baselinePeriods },
  uplift: { flag: "--uplift", given: (choices) => choices.uplift },
  title: { flag: "--title", given: (choices) => choices.title },
  teamName: { flag: "--team", given: (choices) => choices.team },
};

/**
 * A scorecard option error as the flag that set the option (`--uplift: expected a decimal
 * string or number, got "abc"`), a usage error; undefined when an issue is about something
 * else (a KPI definition), which stays the library's error.
 */
function asFlagError(error: KpiDefinitionError, choices: ScorecardChoices): CliError | undefined {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.length === 1 ? issue.path[0] : undefined;
    const option = typeof key === "string" && Object.hasOwn(OPTION_FLAGS, key) ? OPTION_FLAGS[key] : undefined;
    if (option === undefined) return undefined;
    const given = option.given(choices);
    lines.push(key === "asOf" ? badAsOf(String(given)) : `${option.flag}: ${issue.message}${given === undefined ? "" : `, got "${String(given)}"`}`);
  }
  return lines.length === 0 ? undefined : new CliError([...new Set(lines)].join("\n"));
}

/**
 * Builds the scorecard of prepared data with the command line's choices. An option the
 * library rejects is reported by its flag (`--as-of: …`), as a usage error.
 */
export function scorecardFor(all: PreparedKpiData, choices: ScorecardChoices, notes: readonly string[]): Scorecard {
  const prepared = choices.team === undefined ? all : onlyTeam(all, choices.team);
  const kpis = chooseKpis(choices.kpis, prepared);
  let card: Scorecard;
  try {
    card = scorecard(prepared, {
      ...(choices.team === undefined ? {} : { teamName: choices.team }),
      kpis,
      asOf: choices.asOf,
      grain: choices.grain,
      ...(choices.baselinePeriods === undefined ? {} : { baselinePeriods: choices.baselinePeriods }),
      ...(choices.uplift === undefined ? {} : { uplift: choices.uplift }),
      ...(choices.title === undefined ? {} : { title: choices.title }),
    });
  } catch (error) {
    throw (error instanceof KpiDefinitionError ? asFlagError(error, choices) : undefined) ?? error;
  }
  return { ...card, notes: [...notes, ...card.notes] };
}

/** `sales-kpi report`: reads the files, builds the scorecard and renders it. */
export function runReport(files: InputFiles, timeZone: string, choices: ScorecardChoices, format: ReportFormat, color: boolean): { text: string; card: Scorecard } {
  if (!/^\d{4}-\d{2}-\d{2}(?:T.*)?$/.test(choices.asOf)) {
    throw new CliError(badAsOf(choices.asOf));
  }
  const input = readInput(files, timeZone);
  const card = scorecardFor(input.prepared, choices, input.notes);
  return { text: renderScorecard(card, format, color), card };
}
