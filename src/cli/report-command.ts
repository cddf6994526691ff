import { CliError, EXIT_DATA } from "./cli-error.js";
import { REPORT_FORMATS } from "./config-file.js";
import { activityTypesOf, catalogActivityTypes, chooseKpis, sourcesFilteredBy, withActivityTypesPresent } from "./default-kpis.js";
import {
  type KpiDefinition,
  KpiDefinitionError,
  KpiGrainSchema,
  type KpiDataProfile,
  type KpiDefinitionInput,
  kpiCatalog,
  type PreparedKpiData,
  profileKpiData,
  type Scorecard,
  scorecard,
  toHtml,
  toJSON,
  toMarkdown,
  toTerminal,
  teamSlice,
  weightedPipelineValue,
} from "./library.js";
import type { MappingFile } from "./mapping.js";
import { type InputFiles, readInput } from "./read-input.js";
import { type CsvDelimiter, readTable } from "./read-table.js";
import { type PlacedTargetRow, unmatchedTargets } from "./target-warnings.js";

export { REPORT_FORMATS };
/** An output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What shapes the scorecard, from the command line. */
export interface ScorecardChoices {
  readonly asOf: string;
  readonly grain: "day" | "week" | "month" | "quarter" | "year";
  /** Catalog ids or custom definitions (from a config file). */
  readonly kpis?: ReadonlyArray<string | KpiDefinitionInput>;
  readonly baselinePeriods?: number;
  /** When targets start (the baseline is taken just before it); default: after the data's first complete window. */
  readonly programStart?: string;
  /** `ratchet` (default): a baseline once, targets raised step by step; `rolling`: each period's target from the periods before it. */
  readonly targetPolicy?: "ratchet" | "rolling";
  /** The config file the settings came from, and the keys whose value it gave (not a flag): a bad value there is named by file and key. */
  readonly configFile?: string;
  readonly configKeys?: ReadonlySet<string>;
  readonly baselineMethod?: "mean" | "median" | "trimmed-mean";
  readonly uplift?: string;
  readonly title?: string;
  /** Only the reps of this team (the roster's `team`, or the rows' own `team`), and their rows. */
  readonly team?: string;
  /** Explicit targets: `TargetSchema` rows, or the path of a CSV or JSON file of them. */
  readonly targets?: string | ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/**
 * The target rows of `--targets FILE` or the config's `targets`: a CSV's columns `kpi`,
 * `owner` or `team`, `period` (a label) or `from` and `to`, `value` (empty cells left out),
 * or JSON rows as they are. The library checks them (paths `targets[i]…`).
 */
export function targetRows(targets: NonNullable<ScorecardChoices["targets"]>): Array<Record<string, unknown>> {
  return placedTargetRows(targets).map(({ row }) => row);
}

/** {@link targetRows}, each with where it came from: `targets.csv:5` (its line), or `targets[3]` inline. */
export function placedTargetRows(targets: NonNullable<ScorecardChoices["targets"]>): Array<PlacedTargetRow & { readonly row: Record<string, unknown> }> {
  if (typeof targets !== "string") return targets.map((row, i) => ({ row: { ...row }, where: `targets[${i}]` }));
  const table = readTable(targets, "targets");
  return table.records.map(({ values, line }) => {
    const row: Record<string, unknown> = {};
    for (const [key, cell] of Object.entries(values)) {
      if (cell === "" || cell === undefined || cell === null) continue;
      if (key === "from" || key === "to") continue;
      row[key] = cell;
    }
    if (row.period === undefined && typeof values.from === "string" && typeof values.to === "string") row.period = [values.from, values.to];
    return { row, where: table.format === "csv" ? `${targets}:${line}` : `${targets}: row ${line}` };
  });
}

/**
 * The part of the data that belongs to one team: the roster reps of that team, and the deals,
 * activities and leads whose row team is it (a row without team takes its owner's from the
 * roster when the data is prepared). An unknown team is an error that lists the known ones.
 */
export function onlyTeam(prepared: PreparedKpiData, team: string): PreparedKpiData {
  const known = profileKpiData(prepared).teams;
  if (!known.includes(team)) {
    throw new CliError(`--team: no rep or row has team "${team}"; teams: ${known.join(", ") || "none (give --teams or a team column)"}`);
  }
  return teamSlice(prepared, team);
}

/**
 * Renders a scorecard in one of the CLI's formats, in the locale's language and number style
 * (JSON keeps its machine keys and values, whatever the locale).
 */
export function renderScorecard(card: Scorecard, format: ReportFormat, color: boolean, locale: "en" | "nl" = "en"): string {
  const language = locale === "en" ? {} : { locale };
  switch (format) {
    case "terminal":
    case "table":
      return toTerminal(card, { color, ...language });
    case "md":
      return toMarkdown(card, language);
    case "json":
      return `${JSON.stringify(toJSON(card), null, 2)}\n`;
    case "html":
      return toHtml(card, language);
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
  programStart: { flag: "--program-start", given: (choices) => choices.programStart },
  targetPolicy: { flag: "--target-policy", given: (choices) => choices.targetPolicy },
  baselineMethod: { flag: "--baseline-method", given: (choices) => choices.baselineMethod },
  uplift: { flag: "--uplift", given: (choices) => choices.uplift },
  title: { flag: "--title", given: (choices) => choices.title },
  teamName: { flag: "--team", given: (choices) => choices.team },
};

/**
 * A scorecard option error as the flag that set the option (`--uplift: expected a decimal
 * string or number, got "abc"`), a usage error; undefined when an issue is about something
 * else (a KPI definition), which stays the library's error.
 */
export function asFlagError(error: KpiDefinitionError, choices: ScorecardChoices): CliError | undefined {
  const lines: string[] = [];
  let inConfig = false;
  for (const issue of error.issues) {
    const key = issue.path.length === 1 ? issue.path[0] : undefined;
    const option = typeof key === "string" && Object.hasOwn(OPTION_FLAGS, key) ? OPTION_FLAGS[key] : undefined;
    if (option === undefined) return undefined;
    const given = option.given(choices);
    const got = given === undefined ? "" : `, got "${String(given)}"`;
    // A value from the config file is a problem in that file (a data error), named by its key.
    const configKey = key === "teamName" ? "team" : (key as string);
    if (choices.configFile !== undefined && choices.configKeys?.has(configKey) === true) {
      inConfig = true;
      lines.push(`${choices.configFile}: ${configKey}: ${key === "asOf" ? `"${String(given)}" is not a valid date; expected one such as 2026-11-30 (or an ISO date-time with offset)` : `${issue.message}${got}`}`);
    } else {
      lines.push(key === "asOf" ? badAsOf(String(given)) : `${option.flag}: ${issue.message}${got}`);
    }
  }
  return lines.length === 0 ? undefined : new CliError([...new Set(lines)].join("\n"), inConfig ? EXIT_DATA : undefined);
}

/**
 * Builds the scorecard of prepared data with the command line's choices and KPIs. An option
 * the library rejects is reported by its flag (`--as-of: …`), as a usage error.
 */
export function scorecardFor(all: PreparedKpiData, choices: ScorecardChoices, kpis: readonly KpiDefinition[], notes: readonly string[]): Scorecard {
  const prepared = choices.team === undefined ? all : onlyTeam(all, choices.team);
  let card: Scorecard;
  try {
    card = scorecard(prepared, scorecardOptionsFor(choices, kpis));
  } catch (error) {
    throw (error instanceof KpiDefinitionError ? asFlagError(error, choices) : undefined) ?? error;
  }
  return { ...card, notes: [...notes, ...card.notes] };
}

/** The scorecard options the choices make (with the pipeline analytics). */
export function scorecardOptionsFor(choices: ScorecardChoices, kpis: readonly KpiDefinition[]) {
  return {
      ...(choices.team === undefined ? {} : { teamName: choices.team }),
      kpis,
      asOf: choices.asOf,
      grain: choices.grain,
      analytics: true,
      ...(choices.baselinePeriods === undefined ? {} : { baselinePeriods: choices.baselinePeriods }),
      ...(choices.programStart === undefined ? {} : { programStart: choices.programStart }),
      ...(choices.targetPolicy === undefined ? {} : { targetPolicy: choices.targetPolicy }),
      ...(choices.baselineMethod === undefined ? {} : { baselineMethod: choices.baselineMethod }),
      ...(choices.uplift === undefined ? {} : { uplift: choices.uplift }),
      ...(choices.title === undefined ? {} : { title: choices.title }),
      ...(choices.targets === undefined ? {} : { targets: targetRows(choices.targets) as never }),
  };
}

/** Everything `sales-kpi report` is told, by flags and config file together. */
export interface ReportSettings extends ScorecardChoices {
  readonly files: InputFiles & { readonly map?: string | MappingFile };
  readonly timeZone: string;
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  readonly fiscalYearStartMonth?: number;
  readonly format: ReportFormat;
  /** The report file; undefined or `-` is stdout. */
  readonly out?: string;
  readonly delimiter?: CsvDelimiter | "auto";
  readonly invalidRows?: "error" | "skip";
  readonly staleAfterDays?: number;
  readonly locale?: "en" | "nl";
  readonly currency?: { readonly code?: string; readonly display?: "code" | "none" };
}

/** What a report run produced: the text, the scorecard, and what to tell the user on stderr. */
export interface ReportRun {
  readonly text: string;
  readonly card: Scorecard;
  /** Things that may make the numbers misleading (`warning: …` on stderr, and in the notes). */
  readonly warnings: readonly string[];
  /** Under `--invalid-rows skip`: each row left out, `file:line: field: problem`. */
  readonly skippedRows: readonly string[];
}

const DAY_MS = 86_400_000;

function isoDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/** The first and last instant of any row (deal created, moved or closed; activity; lead created or reached). */
export function dataRange(profile: KpiDataProfile): { readonly first: number; readonly last: number } | undefined {
  return profile.firstMs === null || profile.lastMs === null ? undefined : { first: profile.firstMs, last: profile.lastMs };
}

/**
 * Warnings about an `--as-of` the data does not reach (from the first and last instant of the
 * data, however they were found): after the last row (the reviewed period holds no row at all:
 * every count would be 0, the pipeline frozen), or before the first row.
 */
export function asOfWarningsFor(range: { readonly first: number; readonly last: number } | undefined, card: Scorecard, timeZone: string): string[] {
  if (range === undefined) return [];
  if (range.last < card.period.startMs) {
    const days = Math.floor((card.period.startMs - range.last) / DAY_MS);
    return [`--as-of ${card.asOf.slice(0, 10)} is after the last row (${isoDay(range.last, timeZone)}): the reviewed period ${card.period.label} begins ${days} day${days === 1 ? "" : "s"} after it, so its counts are 0 for lack of data, not of sales`];
  }
  if (range.first >= card.asOfMs) {
    return [`--as-of ${card.asOf.slice(0, 10)} is before the first row (${isoDay(range.first, timeZone)}): there is nothing to report yet`];
  }
  return [];
}

/**
 * A `--program-start` that gives no target: its baseline window not ended by `--as-of` (the
 * plan has not begun), or wholly before the data's first row (no baseline to start from).
 */
export function programStartWarnings(programStart: string | undefined, range: { readonly first: number } | undefined, card: Scorecard): string[] {
  if (programStart === undefined) return [];
  const window = card.baselinePeriods;
  const windowEnd = window[window.length - 1]?.endMs;
  const labels = window.map((period) => period.label).join(", ");
  if (windowEnd !== undefined && windowEnd > card.asOfMs) return [`--program-start ${programStart}: its baseline window (${labels}) has not ended by --as-of ${card.asOf.slice(0, 10)}, so the targets have not begun`];
  if (range !== undefined && windowEnd !== undefined && windowEnd <= range.first) return [`--program-start ${programStart}: its baseline window (${labels}) lies before the data's first row, so there is no baseline and no target`];
  return [];
}

/** The notes that describe the data around the scorecard: stale deals, reps with no deals, the currency. */
function dataNotes(prepared: PreparedKpiData, profile: KpiDataProfile, settings: ReportSettings, card: Scorecard): string[] {
  const notes: string[] = [];
  if (settings.staleAfterDays !== undefined && profile.rows.deals > 0) {
    try {
      const pipeline = weightedPipelineValue(prepared, { asOf: settings.asOf, staleAfterDays: settings.staleAfterDays, missingAmount: "skip" });
      const stale = pipeline.stale?.dealIds.length ?? 0;
      notes.push(`stale deals: ${stale.toLocaleString("en-US")} of ${pipeline.dealCount.toLocaleString("en-US")} open deals as of ${settings.asOf} had no stage move for more than ${settings.staleAfterDays} days (still in the pipeline)`);
    } catch (error) {
      if (!(error instanceof KpiDefinitionError)) throw error;
      notes.push(`stale deals: not counted (${error.message})`);
    }
  }
  if (settings.files.deals !== undefined && profile.reps.length > 0) {
    const owners = new Set(profile.owners.deals);
    const idle = profile.reps.filter((rep) => !owners.has(rep.id)).map((rep) => rep.name ?? rep.id);
    if (idle.length > 0) notes.push(`${idle.length} rep${idle.length === 1 ? "" : "s"} of the roster ha${idle.length === 1 ? "s" : "ve"} no deals (shown with zeros): ${idle.sort((a, b) => a.localeCompare(b)).join(", ")}`);
  }
  if (settings.currency?.display !== "none") {
    const currencies = profile.currencies;
    const code = currencies.length === 0 ? settings.currency?.code : currencies.join(", ");
    if (code !== undefined && card.kpis.some((kpi) => kpi.unit === "currency")) notes.push(`amounts in ${code}`);
  }
  return notes;
}

/** Rows per activity type in the data. */
function activityTypeCounts(profile: KpiDataProfile): Map<string, number> {
  return new Map(profile.activityTypes.map(({ type, rows }) => [type, rows]));
}

/**
 * Activity types in the data that no KPI on the scorecard counts, most rows first (from the
 * activities' count per type, however they were counted): "12,400 activities of type "Demo"
 * match no KPI".
 */
export function unmatchedTypesOf(typeCounts: ReadonlyMap<string, number>, kpis: readonly KpiDefinition[]): string[] {
  const counted = activityTypesOf(kpis);
  if (counted === undefined || !kpis.some((kpi) => kpi.measure.kind !== "builtin")) return [];
  const wanted = new Set(counted);
  const counts = new Map<string, number>();
  for (const [type, count] of typeCounts) if (!wanted.has(type)) counts.set(type, count);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([type, count]) => `${count.toLocaleString("en-US")} activit${count === 1 ? "y" : "ies"} of type "${type}" match${count === 1 ? "es" : ""} no KPI (the KPIs count ${counted.join(", ") || "no activity type"}; rename types with the mapping's activities.fields.type.values)`);
}

/**
 * The KPIs whose deals field is in the data: one that counts distinct accounts (new
 * customers) is left out, with a warning, when no deal has an `account`, rather than showing 0.
 */
export function withoutTheirFields(kpis: readonly KpiDefinition[], profile: KpiDataProfile): { kpis: KpiDefinition[]; warnings: string[] } {
  const warnings: string[] = [];
  const hasAccount = profile.dealsWith.account > 0;
  const kept = kpis.filter((kpi) => {
    const leaves = kpi.measure.kind === "ratio" ? [kpi.measure.numerator, kpi.measure.denominator] : [kpi.measure];
    const needsAccount = leaves.some((leaf) => leaf.kind === "distinct" && leaf.key === "account");
    if (needsAccount && !hasAccount && profile.rows.deals > 0) {
      warnings.push(`KPI ${kpi.id} left out: it counts accounts, and no deal has an account (map the deals' account column)`);
      return false;
    }
    return true;
  });
  return { kpis: kept, warnings };
}

/** The KPIs with their Dutch names (`labels.nl`) for `--locale nl`. */
function localised(kpis: readonly KpiDefinition[], locale: "en" | "nl" | undefined): KpiDefinition[] {
  return locale === "nl" ? kpis.map((kpi) => ({ ...kpi, name: kpi.labels.nl })) : [...kpis];
}

/**
 * `sales-kpi report`: reads the files, chooses the KPIs (leaving out those whose data was not
 * given, with a warning), builds the scorecard, adds what the numbers need to be read right
 * (warnings about the as-of date and unmatched activity types, stale deals, reps without
 * deals) and renders it.
 */
export function runReport(settings: ReportSettings, color: boolean): ReportRun {
  const read = reportInput(settings);
  const { input, kpis } = read;
  const base = scorecardFor(input.prepared, withTargetsRead(settings, read), kpis, input.notes);
  return finishReport(settings, color, read, base, dataRange(read.profile), activityTypeCounts(read.profile));
}

/**
 * The default set without the KPIs read per a longer period than the report's (the library
 * refuses a monthly KPI on a weekly card), each named in a note; KPIs asked for are kept (the
 * library's error then says what is wrong with the choice).
 */
function withinGrain(kpis: readonly KpiDefinition[], grain: ScorecardChoices["grain"], isDefault: boolean): { readonly kpis: KpiDefinition[]; readonly notes: string[] } {
  if (!isDefault) return { kpis: [...kpis], notes: [] };
  // The grains in order, shortest first.
  const order: readonly string[] = KpiGrainSchema.options;
  const longer = (kpi: KpiDefinition) => kpi.grain !== undefined && order.indexOf(kpi.grain) > order.indexOf(grain);
  return {
    kpis: kpis.filter((kpi) => !longer(kpi)),
    notes: kpis.filter(longer).map((kpi) => `KPI ${kpi.id} left out of the default set: it is read per ${kpi.grain}, the report per ${grain} (choose with --kpis)`),
  };
}

/** The files read and mapped, the KPIs chosen for them, and the warnings about that choice. */
export interface ReportInput {
  readonly input: ReturnType<typeof readInput>;
  readonly kpis: KpiDefinition[];
  readonly warnings: readonly string[];
  /** What the files hold, read once: every check and note around the scorecard reads it. */
  readonly profile: KpiDataProfile;
  /** The activity types the KPIs count (catalog and custom), in their spelling: values of the type column are matched to them ignoring case. */
  readonly activityTypes: readonly string[];
  /** The target rows (`--targets` or the config's), read once, each with where it came from. */
  readonly targets: readonly PlacedTargetRow[] | undefined;
}

/** `settings` with its targets as the rows `reportInput` read (a targets file is read once). */
export function withTargetsRead(settings: ReportSettings, read: ReportInput): ReportSettings {
  return read.targets === undefined ? settings : { ...settings, targets: read.targets.map(({ row }) => row) };
}

/**
 * Reads the files and chooses the KPIs (leaving out those whose data was not given, with a
 * warning). `alsoGiven`: collections read elsewhere (`--engine duckdb` reads the activities).
 */
export function reportInput(settings: ReportSettings, alsoGiven: readonly ("activities" | "deals" | "leads" | "reps")[] = []): ReportInput {
  if (!/^\d{4}-\d{2}-\d{2}(?:T.*)?$/.test(settings.asOf)) {
    throw new CliError(badAsOf(settings.asOf));
  }
  const custom = (settings.kpis ?? []).filter((kpi): kpi is KpiDefinitionInput => typeof kpi !== "string");
  const activityTypes = [...new Set([...catalogActivityTypes(), ...(activityTypesOf(custom as KpiDefinition[]) ?? [])])];
  const input = readInput(settings.files, {
    timeZone: settings.timeZone,
    activityTypes,
    ...(settings.weekStartsOn === undefined ? {} : { weekStartsOn: settings.weekStartsOn }),
    ...(settings.fiscalYearStartMonth === undefined ? {} : { fiscalYearStartMonth: settings.fiscalYearStartMonth }),
    sources: [...new Set([...sourcesFilteredBy(kpiCatalog), ...sourcesFilteredBy(custom as KpiDefinition[])])],
    ...(settings.delimiter === undefined ? {} : { delimiter: settings.delimiter }),
    ...(settings.invalidRows === undefined ? {} : { invalidRows: settings.invalidRows }),
  });
  const chosen = chooseKpis(settings.kpis, new Set([...input.given, ...alsoGiven]));
  const profile = profileKpiData(input.prepared);
  const isDefault = settings.kpis === undefined || settings.kpis.length === 0;
  const grained = withinGrain(chosen.kpis, settings.grain, isDefault);
  const typed = withActivityTypesPresent(grained.kpis, activityTypeCounts(profile), isDefault);
  const fieldless = withoutTheirFields(typed.kpis, profile);
  if (fieldless.kpis.length === 0) throw new CliError(`no KPI has its data: ${fieldless.warnings.join("; ")}`);
  const kpis = localised(fieldless.kpis, settings.locale);
  const targets = settings.targets === undefined ? undefined : placedTargetRows(settings.targets);
  return { input, kpis, warnings: [...input.warnings, ...chosen.warnings, ...grained.notes, ...typed.notes, ...fieldless.warnings], profile, activityTypes, targets };
}

/**
 * The report around a scorecard: warnings about the as-of date (from the data's first and
 * last instant) and unmatched activity types (from the count per type), stale deals, reps
 * without deals, and the rendered text.
 */
export function finishReport(
  settings: ReportSettings,
  color: boolean,
  { input, kpis, warnings: early, profile, targets }: ReportInput,
  base: Scorecard,
  range: { readonly first: number; readonly last: number } | undefined,
  typeCounts: ReadonlyMap<string, number>,
): ReportRun {
  const warnings = [
    ...early,
    ...asOfWarningsFor(range, base, settings.timeZone),
    ...programStartWarnings(settings.programStart, range, base),
    ...unmatchedTypesOf(typeCounts, kpis),
    ...(targets === undefined ? [] : unmatchedTargets(targets, base)),
  ];
  // The library names a skipped row by its place among the rows it was given (`deals[11]`); the
  // reader knows it by its file and line (rows the mapping left out are not among them).
  const placed = (note: string): string => {
    const match = /^(reps|deals|activities|leads)\[(\d+)\] skipped: /.exec(note);
    const place = match === null ? undefined : input.placeOf(match[1] as string, Number(match[2]));
    if (match === null || place === undefined) return note;
    const row = `${match[1]}[${match[2]}]`;
    // its reasons name the row the same way: `deals[11].stage: …` is `stage: …` at that line
    return `${place} skipped: ${input.placed(note.slice(match[0].length).split(`${row}.`).join("").split(`${row}: `).join(""))}`;
  };
  const card: Scorecard = { ...base, notes: [...warnings.map((warning) => `warning: ${warning}`), ...base.notes.map(placed), ...dataNotes(input.prepared, profile, settings, base)] };
  return { text: renderScorecard(card, settings.format, color, settings.locale), card, warnings, skippedRows: input.skippedRows };
}
