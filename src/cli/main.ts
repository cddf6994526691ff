import { Command, InvalidArgumentError, Option } from "commander";
import { KpiDefinitionError, KpiInputError } from "../core/errors.js";
import { prepareKpiData } from "../model/prepare-kpi-data.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { CliError, EXIT_DATA, EXIT_STATUS_HELP, EXIT_USAGE } from "./cli-error.js";
import { REPORT_FORMATS, type ReportFormat, renderScorecard, runReport, scorecardFor } from "./report-command.js";
import { generateSampleData } from "./sample-data.js";
import { writeFileAtomically } from "./write-output.js";

const GRAINS = ["day", "week", "month", "quarter", "year"] as const;

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return number;
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

interface OutputOptions {
  readonly format: ReportFormat;
  readonly out?: string;
}

/** Data to stdout (or to `--out`, written atomically); messages to stderr. */
function emit(text: string, notes: readonly string[], options: OutputOptions): void {
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (options.out === undefined) {
    process.stdout.write(text);
    return;
  }
  writeFileAtomically(options.out, text);
  process.stderr.write(`wrote ${options.out}\n`);
}

function formatOption(): Option {
  return new Option("--format <format>", "output format").choices([...REPORT_FORMATS]).default("terminal");
}

function scorecardOptions(command: Command): Command {
  return command
    .option("--kpis <ids>", "comma-separated KPI ids from the catalog (default: a standard set for the data given)", list)
    .option("--baseline-periods <n>", "complete periods before the reviewed one that the baseline is taken over", positiveInteger, 3)
    .option("--uplift <share>", "target = baseline improved by this share (0.1 = 10%)", "0.1")
    .option("--title <text>", "report title")
    .option("--team <name>", "only this team's reps and rows (the roster's or the rows' team)");
}

/** Builds the `sales-kpi` program (exported for tests that drive it in-process). */
export function buildProgram(): Command {
  const program = new Command("sales-kpi")
    .description("Sales KPIs from CRM exports: a monthly scorecard for the team and each rep (baseline, target, attainment, trend, pace).")
    .showHelpAfterError("(run with --help for usage)")
    .option("--debug", "on an unexpected failure, print the stack trace (it is never shown otherwise)")
    .addHelpText("after", EXIT_STATUS_HELP)
    .configureOutput({ writeErr: (text) => process.stderr.write(text), writeOut: (text) => process.stdout.write(text) });

  scorecardOptions(
    program
      .command("demo")
      .description("print the scorecard of the bundled sample team (6 fictional reps, Europe/Amsterdam)")
      .addHelpText("after", EXIT_STATUS_HELP)
      .addOption(formatOption())
      .option("--out <file>", "write the report to this file instead of stdout (written atomically)"),
  ).action((options: { format: ReportFormat; out?: string; kpis?: string[]; baselinePeriods: number; uplift: string; title?: string; team?: string }) => {
    const sample = generateSampleData();
    const prepared = prepareKpiData(sample.data, { calendar: sample.calendar });
    const card = scorecardFor(prepared, {
      asOf: sample.asOf,
      grain: "month",
      kpis: options.kpis,
      baselinePeriods: options.baselinePeriods,
      uplift: options.uplift,
      title: options.title ?? "Sample team scorecard",
      ...(options.team === undefined ? {} : { team: options.team }),
    }, []);
    emit(renderScorecard(card, options.format, options.out === undefined && process.stdout.isTTY === true), card.notes, options);
  });

  scorecardOptions(
    program
      .command("report")
      .description("build the scorecard from CSV or JSON exports")
      .addHelpText("after", EXIT_STATUS_HELP)
      .requiredOption("--deals <file>", "deals (opportunities): CSV with a header row, or JSON")
      .option("--activities <file>", "activities (calls, meetings, …): CSV or JSON")
      .option("--leads <file>", "leads with the dates they reached each funnel step: CSV or JSON")
      .option("--pipeline <file>", 'JSON pipeline: { "stages": [{ "id", "probability", "outcome": "open" | "won" | "lost" }] }')
      .option("--teams <file>", "roster: CSV or JSON with one row per rep (id, name, team, startedAt, leftAt; rename with --map)")
      .option("--map <file>", "JSON mapping file: renames columns, reads date formats, maps stage names, fills constants")
      .requiredOption("--as-of <date>", "the report date (YYYY-MM-DD, inclusive); the last complete period before it is reviewed")
      .option("--time-zone <zone>", "IANA time zone for periods and dates without offset", "UTC")
      .addOption(new Option("--grain <grain>", "period length").choices([...GRAINS]).default("month"))
      .addOption(formatOption())
      .option("--out <file>", "write the report to this file instead of stdout (written atomically)"),
  ).action(
    (options: {
      deals: string;
      activities?: string;
      leads?: string;
      pipeline?: string;
      teams?: string;
      map?: string;
      asOf: string;
      timeZone: string;
      grain: (typeof GRAINS)[number];
      format: ReportFormat;
      out?: string;
      kpis?: string[];
      baselinePeriods: number;
      uplift: string;
      title?: string;
      team?: string;
    }) => {
      if (!KpiCalendarSchema.shape.timeZone.safeParse(options.timeZone).success) throw new CliError(`--time-zone: unknown time zone "${options.timeZone}" (use an IANA name such as Europe/Amsterdam)`);
      const { text, card } = runReport(
        {
          deals: options.deals,
          ...(options.activities === undefined ? {} : { activities: options.activities }),
          ...(options.leads === undefined ? {} : { leads: options.leads }),
          ...(options.pipeline === undefined ? {} : { pipeline: options.pipeline }),
          ...(options.teams === undefined ? {} : { teams: options.teams }),
          ...(options.map === undefined ? {} : { map: options.map }),
        },
        options.timeZone,
        {
          asOf: options.asOf,
          grain: options.grain,
          kpis: options.kpis,
          baselinePeriods: options.baselinePeriods,
          uplift: options.uplift,
          ...(options.title === undefined ? {} : { title: options.title }),
          ...(options.team === undefined ? {} : { team: options.team }),
        },
        options.format,
        options.out === undefined && process.stdout.isTTY === true,
      );
      // Every note (rows skipped or not counted, a default assumed, KPIs left out) goes to stderr
      // too: a piped or --out report is not the only place a partial result shows.
      emit(text, card.notes, options);
    },
  );
  return program;
}

/** Runs the CLI; returns the exit code. Problems are printed to stderr, never thrown. */
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
