import { Command, InvalidArgumentError, Option } from "commander";
import { CliError, EXIT_DATA, EXIT_STATUS_HELP, EXIT_USAGE } from "./cli-error.js";
import { CONFIG_FILE_NAME, DELIMITERS, loadConfig, type SalesKpiConfig } from "./config-file.js";
import { catalogActivityTypes, chooseKpis } from "./default-kpis.js";
import { runInit } from "./init-config.js";
import { KpiCalendarSchema, KpiDefinitionError, KpiInputError, prepareKpiData } from "./library.js";
import { packageVersion } from "./package-version.js";
import { runReportOnDuckDb } from "./duckdb-report.js";
import { REPORT_FORMATS, type ReportFormat, type ReportSettings, renderScorecard, runReport, scorecardFor } from "./report-command.js";
import type { CsvDelimiter } from "./read-table.js";
import { generateSampleData } from "./sample-data.js";
import { checkOutputPath, STDOUT, writeFileAtomically } from "./write-output.js";

const GRAINS = ["day", "week", "month", "quarter", "year"] as const;
const BASELINE_METHODS = ["mean", "median", "trimmed-mean"] as const;

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return number;
}

function weekday(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 6) throw new InvalidArgumentError("expected 0 (Sunday) … 6 (Saturday)");
  return number;
}

function month(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 12) throw new InvalidArgumentError("expected 1 (January) … 12 (December)");
  return number;
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** The activity types the catalog's KPIs count, for `--help` and the README. */
export function activityTypesHelp(): string {
  return `
Activity types the catalog's KPIs count (an activity's type matches ignoring case; map other
spellings with the mapping's activities.fields.type.values):
  ${catalogActivityTypes().join(", ")}`;
}

interface OutputOptions {
  readonly format: ReportFormat;
  readonly out?: string;
}

function toStdout(out: string | undefined): boolean {
  return out === undefined || out === STDOUT;
}

/** Data to stdout (or to `--out`, written atomically); notes and warnings to stderr. */
function emit(text: string, notes: readonly string[], options: OutputOptions): void {
  for (const note of notes) process.stderr.write(note.startsWith("warning: ") ? `${note}\n` : `note: ${note}\n`);
  if (options.out === undefined || options.out === STDOUT) {
    process.stdout.write(text);
    return;
  }
  writeFileAtomically(options.out, text);
  process.stderr.write(`wrote ${options.out}\n`);
}

function formatOption(): Option {
  return new Option("--format <format>", "output format").choices([...REPORT_FORMATS]).default("terminal");
}

function outOption(): Option {
  return new Option("--out <file>", 'write the report to this file instead of stdout (written atomically; "-" is stdout)');
}

function localeOption(): Option {
  return new Option("--locale <locale>", "language of the report: KPI names, headings, notes and number style (nl: 1.234,5 and 45,3 %; JSON stays as it is)").choices(["en", "nl"]);
}

function scorecardOptions(command: Command): Command {
  return command
    .option("--kpis <ids>", "comma-separated KPI ids from the catalog (default: a standard set for the data given)", list)
    .option("--baseline-periods <n>", "periods the baseline is taken over: once, just before the programme start (default: right after the data's first complete window), or under --target-policy rolling the periods before the reviewed one", positiveInteger, 3)
    .option("--program-start <date>", "when targets start (YYYY-MM-DD): the baseline is the --baseline-periods periods before it, the first target a little above it, raised step by step from there")
    .addOption(new Option("--target-policy <policy>", "ratchet: a baseline once, targets raised step by step, never lowered; rolling: each period's target from the periods just before it").choices(["ratchet", "rolling"]).default("ratchet"))
    .addOption(new Option("--baseline-method <method>", "how the baseline periods are combined").choices([...BASELINE_METHODS]).default("mean"))
    .option("--uplift <share>", "target = baseline improved by this share (0.1 = 10%)", "0.1")
    .option("--targets <file>", "explicit targets (quotas): a CSV or JSON file of rows kpi, owner (a rep's; none for the team's), period (2026-09, 2026-Q3, FY2027) or from and to, value; they win over derived targets")
    .option("--title <text>", "report title")
    .option("--team <name>", "only this team's reps and rows (the roster's or the rows' team)");
}

/** The flags of `report` whose value may also come from the config file, by config key. */
const CONFIG_KEYS = [
  "deals",
  "activities",
  "leads",
  "teams",
  "map",
  "pipeline",
  "asOf",
  "timeZone",
  "grain",
  "weekStartsOn",
  "fiscalYearStartMonth",
  "kpis",
  "baselinePeriods",
  "programStart",
  "targetPolicy",
  "baselineMethod",
  "uplift",
  "title",
  "team",
  "format",
  "out",
  "invalidRows",
  "delimiter",
  "staleAfterDays",
  "locale",
  "targets",
] as const satisfies ReadonlyArray<keyof SalesKpiConfig>;

/**
 * The settings of one `report` run: the config file's values (`--config FILE`, else
 * `sales-kpi.config.json` in the working folder when present), overridden by every flag given
 * on the command line; a flag's default applies only when the config does not set it.
 */
export function reportSettings(command: Command, cwd: string): ReportSettings & { readonly configFile?: string } {
  const flags = command.opts<Record<string, unknown>>();
  const loaded = loadConfig(flags.config as string | undefined, cwd);
  const config = (loaded?.config ?? {}) as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  const configKeys = new Set<string>();
  for (const key of CONFIG_KEYS) {
    const source = command.getOptionValueSource(key);
    const fromFlag = source !== undefined && source !== "default";
    value[key] = fromFlag || config[key] === undefined ? flags[key] : config[key];
    if (!fromFlag && config[key] !== undefined) configKeys.add(key);
  }
  const currency = { ...(loaded?.config.currency ?? {}), ...(typeof flags.currency === "string" ? { code: flags.currency } : {}) };
  if (value.asOf === undefined) throw new CliError(`--as-of is required (or asOf in ${loaded?.file ?? `a ${CONFIG_FILE_NAME}`})`);
  if (value.deals === undefined && value.activities === undefined && value.leads === undefined) {
    throw new CliError(`give --deals, --activities or --leads (or deals, activities, leads in ${loaded?.file ?? `a ${CONFIG_FILE_NAME}`})`);
  }
  const delimiter = value.delimiter === "tab" ? "\t" : (value.delimiter as CsvDelimiter | "auto" | undefined);
  if (delimiter !== undefined && !(DELIMITERS as readonly string[]).includes(delimiter)) {
    throw new CliError(`--delimiter: expected one of , ; tab auto, got "${String(value.delimiter)}"`);
  }
  const files = Object.fromEntries(
    (["deals", "activities", "leads", "teams", "map", "pipeline"] as const).flatMap((key) => (value[key] === undefined ? [] : [[key, value[key]]])),
  ) as ReportSettings["files"];
  const optional = <K extends string>(key: K, v: unknown) => (v === undefined ? {} : ({ [key]: v } as Record<K, never>));
  return {
    files,
    asOf: String(value.asOf),
    timeZone: String(value.timeZone),
    grain: value.grain as ReportSettings["grain"],
    ...optional("weekStartsOn", value.weekStartsOn),
    ...optional("fiscalYearStartMonth", value.fiscalYearStartMonth),
    format: value.format as ReportFormat,
    ...optional("kpis", value.kpis),
    ...optional("baselinePeriods", value.baselinePeriods),
    ...optional("programStart", value.programStart),
    ...optional("targetPolicy", value.targetPolicy),
    ...optional("baselineMethod", value.baselineMethod),
    ...optional("uplift", value.uplift === undefined ? undefined : String(value.uplift)),
    ...optional("title", value.title),
    ...optional("team", value.team),
    ...optional("out", value.out),
    ...optional("invalidRows", value.invalidRows),
    ...optional("delimiter", delimiter),
    ...optional("staleAfterDays", value.staleAfterDays),
    ...optional("locale", value.locale),
    ...optional("targets", value.targets),
    ...(Object.keys(currency).length === 0 ? {} : { currency }),
    ...optional("configFile", loaded?.file),
    ...(configKeys.size === 0 ? {} : { configKeys }),
  };
}

/** Builds the `sales-kpi` program (exported for tests that drive it in-process). */
export function buildProgram(): Command {
  const program = new Command("sales-kpi")
    .description("Sales KPIs from CRM exports: a monthly scorecard for the team and each rep (baseline, target, attainment, trend, pace).")
    .version(packageVersion(), "-V, --version", "print the version of sales-kpi")
    .showHelpAfterError("(run with --help for usage)")
    .option("--debug", "on an unexpected failure, print the stack trace (it is never shown otherwise)")
    .addHelpText("after", `${EXIT_STATUS_HELP}\n${activityTypesHelp()}`)
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });

  scorecardOptions(
    program
      .command("demo")
      .description("print the scorecard of the bundled sample team (6 fictional reps, Europe/Amsterdam)")
      .addHelpText("after", EXIT_STATUS_HELP)
      .addOption(formatOption())
      .addOption(outOption())
      .addOption(localeOption()),
  ).action((options: { format: ReportFormat; out?: string; kpis?: string[]; baselinePeriods: number; programStart?: string; targetPolicy: "ratchet" | "rolling"; baselineMethod: (typeof BASELINE_METHODS)[number]; uplift: string; title?: string; team?: string; locale?: "en" | "nl" }) => {
    if (options.out !== undefined) checkOutputPath(options.out, {});
    const sample = generateSampleData();
    const prepared = prepareKpiData(sample.data, { calendar: sample.calendar });
    const chosen = chooseKpis(options.kpis, new Set(["deals", "activities", "leads"])).kpis;
    const kpis = options.locale === "nl" ? chosen.map((kpi) => ({ ...kpi, name: kpi.labels.nl })) : chosen;
    const card = scorecardFor(
      prepared,
      {
        asOf: sample.asOf,
        grain: "month",
        baselinePeriods: options.baselinePeriods,
        ...(options.programStart === undefined ? {} : { programStart: options.programStart }),
        targetPolicy: options.targetPolicy,
        baselineMethod: options.baselineMethod,
        uplift: options.uplift,
        title: options.title ?? (options.locale === "nl" ? "Scorecard voorbeeldteam" : "Sample team scorecard"),
        ...(options.team === undefined ? {} : { team: options.team }),
      },
      kpis,
      [],
    );
    emit(renderScorecard(card, options.format, toStdout(options.out) && process.stdout.isTTY === true, options.locale), card.notes, options);
  });

  scorecardOptions(
    program
      .command("report")
      .description(`build the scorecard from CSV or JSON exports (settings from --config FILE, or ${CONFIG_FILE_NAME} in the working folder; flags override it)`)
      .addHelpText("after", `${EXIT_STATUS_HELP}\n${activityTypesHelp()}`)
      .option("--config <file>", `JSON config file with the flags' values in camelCase (default: ${CONFIG_FILE_NAME} here, if present)`)
      .option("--deals <file>", "deals (opportunities): CSV with a header row, or JSON")
      .option("--activities <file>", "activities (calls, meetings, …): CSV or JSON")
      .option("--leads <file>", "leads with the dates they reached each funnel step: CSV or JSON")
      .option("--pipeline <file>", 'JSON pipeline: { "stages": [{ "id", "probability", "outcome": "open" | "won" | "lost" }] }')
      .option("--teams <file>", "roster: CSV or JSON with one row per rep (id, name, team, startedAt, leftAt; rename with --map)")
      .option("--map <file>", "JSON mapping file: renames columns and values (stages, activity types, sources), reads date formats, fills constants")
      .option("--as-of <date>", "the report date (YYYY-MM-DD, inclusive); the last complete period before it is reviewed (required)")
      .option("--time-zone <zone>", "IANA time zone for periods and for date-times without offset", "UTC")
      .addOption(new Option("--grain <grain>", "period length").choices([...GRAINS]).default("month"))
      .option("--week-starts-on <day>", "first day of the week: 0 = Sunday, 1 = Monday (default) … 6", weekday)
      .option("--fiscal-year-start-month <month>", "first month of the fiscal year: 1 = January (default) … 12", month)
      .addOption(formatOption())
      .addOption(outOption())
      .addOption(new Option("--invalid-rows <policy>", "error: stop at bad rows; skip: leave them out, list them on stderr and go on").choices(["error", "skip"]).default("error"))
      .option("--delimiter <char>", 'CSV column separator: "," ";" "tab", or "auto" (detected from the header line)', "auto")
      .option("--stale-after-days <n>", "count open deals with no stage move for longer than this as stale (in the notes)", positiveInteger)
      .addOption(localeOption())
      .option("--currency <code>", "the currency of amounts that have none (ISO 4217, such as EUR)")
      .addOption(
        new Option("--engine <engine>", "memory: read every file into memory; duckdb: DuckDB reads the activities (CSV or Parquet) and computes the scorecard (needs @duckdb/node-api)")
          .choices(["memory", "duckdb"])
          .default("memory"),
      ),
  ).action(async (_options: unknown, command: Command) => {
    const settings = reportSettings(command, process.cwd());
    if (!KpiCalendarSchema.shape.timeZone.safeParse(settings.timeZone).success) {
      const unknownZone = `unknown time zone "${settings.timeZone}" (use an IANA name such as Europe/Amsterdam)`;
      throw settings.configKeys?.has("timeZone") === true ? new CliError(`${settings.configFile}: timeZone: ${unknownZone}`, EXIT_DATA) : new CliError(`--time-zone: ${unknownZone}`);
    }
    if (settings.out !== undefined) {
      const { map, pipeline, ...files } = settings.files;
      checkOutputPath(settings.out, {
        ...Object.fromEntries(Object.entries(files).map(([key, file]) => [`--${key}`, file as string])),
        ...(typeof map === "string" ? { "--map": map } : {}),
        ...(typeof pipeline === "string" ? { "--pipeline": pipeline } : {}),
        ...(settings.configFile === undefined ? {} : { "--config": settings.configFile }),
        ...(typeof settings.targets === "string" ? { "--targets": settings.targets } : {}),
      });
    }
    if (settings.configFile !== undefined) process.stderr.write(`note: settings from ${settings.configFile} (flags override them)\n`);
    const color = toStdout(settings.out) && process.stdout.isTTY === true;
    const engine = (command.opts() as { engine?: string }).engine;
    const { text, card, skippedRows } = engine === "duckdb" ? await runReportOnDuckDb(settings, color) : runReport(settings, color);
    for (const row of skippedRows.slice(0, 1000)) process.stderr.write(`skipped: ${row}\n`);
    if (skippedRows.length > 1000) process.stderr.write(`skipped: … and ${skippedRows.length - 1000} more rows\n`);
    // Every note (rows skipped or not counted, a default assumed, KPIs left out) goes to stderr
    // too: a piped or --out report is not the only place a partial result shows.
    emit(text, card.notes, settings);
  });

  program
    .command("init")
    .description(`write a starter ${CONFIG_FILE_NAME} from the header row of CSV exports, guessing which column is which (never overwrites a file)`)
    .addHelpText("after", EXIT_STATUS_HELP)
    .argument("[csv]", "a deals CSV (the same as --deals)")
    .option("--deals <file>", "deals CSV")
    .option("--activities <file>", "activities CSV")
    .option("--leads <file>", "leads CSV")
    .option("--teams <file>", "roster CSV")
    .option("--config <file>", "the config file to write", CONFIG_FILE_NAME)
    .option("--delimiter <char>", 'CSV column separator: "," ";" "tab", or "auto"', "auto")
    .action((csv: string | undefined, options: { deals?: string; activities?: string; leads?: string; teams?: string; config: string; delimiter: string }) => {
      const delimiter = options.delimiter === "tab" ? "\t" : options.delimiter;
      if (!(DELIMITERS as readonly string[]).includes(delimiter)) throw new CliError(`--delimiter: expected one of , ; tab auto, got "${options.delimiter}"`);
      const deals = options.deals ?? csv;
      const lines = runInit(
        {
          ...(deals === undefined ? {} : { deals }),
          ...(options.activities === undefined ? {} : { activities: options.activities }),
          ...(options.leads === undefined ? {} : { leads: options.leads }),
          ...(options.teams === undefined ? {} : { teams: options.teams }),
        },
        options.config,
        process.cwd(),
        delimiter as CsvDelimiter | "auto",
      );
      for (const line of lines) process.stderr.write(`${line}\n`);
    });
  return program;
}

/**
 * Runs the CLI; returns the exit code. The one place errors are caught: problems are printed
 * to stderr as one line each, never thrown.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // --debug may stand anywhere; it only decides how an unexpected failure is shown.
  const debug = argv.includes("--debug");
  try {
    await buildProgram().parseAsync(argv.filter((arg) => arg !== "--debug"), { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof KpiDefinitionError || error instanceof KpiInputError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_DATA;
    }
    const message = error instanceof Error ? error.message : String(error);
    const detail = debug && error instanceof Error ? (error.stack ?? message) : `${message} (run again with --debug for the stack trace)`;
    process.stderr.write(`sales-kpi: unexpected error: ${detail}\n`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
