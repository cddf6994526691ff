import { type KpiData, type KpiDataInput, KpiInputError, type Pipeline, PipelineSchema, type PreparedKpiData, prepareKpiData } from "./library.js";
import { CliError, EXIT_DATA, formatPath, formatProblem, type InputProblem, inputProblemsError, LIBRARY_MAX_ISSUES } from "./cli-error.js";
import { type KnownSpellings, mapTable, mapTableRows } from "./map-rows.js";
import { type InputCollection, type MappingFile, MappingFileSchema } from "./mapping.js";
import { type CsvDelimiter, readJsonFile, readTable, type SourceTable } from "./read-table.js";

/** The files the `report` command reads. */
export interface InputFiles {
  readonly deals?: string;
  readonly activities?: string;
  readonly leads?: string;
  /** A roster CSV/JSON (→ reps). */
  readonly teams?: string;
  /** A JSON pipeline file, or the pipeline itself (`{ stages: [...] }`, from a config file). */
  readonly pipeline?: string | Pipeline;
  /** A JSON mapping file, or the mapping itself (from a config file). */
  readonly map?: string | MappingFile;
}

/** How the input files are read. */
export interface ReadInputOptions {
  readonly timeZone: string;
  /** The first day of the week (0 = Sunday … 6; default 1, Monday). */
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** The first month of the fiscal year (1 = January … 12; default 1). */
  readonly fiscalYearStartMonth?: number;
  /** The CSV separator; detected from each file's header line by default. */
  readonly delimiter?: CsvDelimiter | "auto";
  /** `skip`: rows with problems are left out and listed (`skippedRows`) instead of failing the run. */
  readonly invalidRows?: "error" | "skip";
  /** Activity types the KPIs count (`call`, …): cells that match ignoring case take this spelling. */
  readonly activityTypes?: readonly string[];
  /** Deal and lead sources the KPIs filter on (`renewal`, …), matched the same way. */
  readonly sources?: readonly string[];
}

/**
 * The pipeline used when deals are given without `--pipeline`: common stage ids in funnel
 * order with textbook probabilities. Real exports should bring their own.
 */
export const DEFAULT_PIPELINE: Pipeline = {
  stages: [
    { id: "lead", probability: 0.1, outcome: "open" },
    { id: "qualified", probability: 0.25, outcome: "open" },
    { id: "proposal", probability: 0.5, outcome: "open" },
    { id: "negotiation", probability: 0.75, outcome: "open" },
    { id: "won", probability: 1, outcome: "won" },
    { id: "lost", probability: 0, outcome: "lost" },
  ],
};

/** What to do about a stage that is not in {@link DEFAULT_PIPELINE}, when no `--pipeline` was given. */
export const DEFAULT_PIPELINE_HINT = `(no --pipeline given: the default stages are ${DEFAULT_PIPELINE.stages.map((stage) => stage.id).join(", ")}; pass --pipeline or map stage names with --map)`;

/** Data read from files and prepared. */
export interface InputData {
  readonly prepared: PreparedKpiData;
  /** Rows the mapping skipped (`ifEmpty: "skip-row"`), as "N deals rows skipped: reason". */
  readonly notes: readonly string[];
  /** Things in the mapping that no row matched (an `unknown.when` value no row has): warnings. */
  readonly warnings: readonly string[];
  /** Under `invalidRows: "skip"`: each row left out, as `file:line: field: problem`. */
  readonly skippedRows: readonly string[];
  /** The collections whose file was given (whether or not it has rows). */
  readonly given: ReadonlySet<InputCollection>;
  /** Where the library's row `index` of `collection` came from: `deals.csv:15` (its line), `deals.json: row 3`; undefined for an unknown collection. */
  readonly placeOf: (collection: string, index: number) => string | undefined;
  /** `message` with each row of a file it names by its place (`deals[5]`) named by its line instead (`line 8`). */
  readonly placed: (message: string) => string;
}

function zodProblems(file: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): CliError {
  return new CliError(issues.map((issue) => `${file}: ${issue.path.length === 0 ? "" : `${formatPath(issue.path)}: `}${issue.message}`).join("\n"), EXIT_DATA);
}

/** Reads and checks a mapping file. */
export function readMapping(file: string): MappingFile {
  const result = MappingFileSchema.safeParse(readJsonFile(file));
  if (!result.success) throw zodProblems(file, result.error.issues);
  return result.data;
}

/** Reads and checks a pipeline file. */
export function readPipeline(file: string): Pipeline {
  const json = readJsonFile(file);
  const result = PipelineSchema.safeParse(json);
  if (!result.success) throw zodProblems(file, result.error.issues);
  return result.data;
}

/**
 * Reads the input files into a {@link KpiData} bag and prepares it in the time zone:
 * CSV/JSON tables are mapped (see `mapTable`), then validated by `prepareKpiData`. Every
 * problem is reported with its file and line (`deals.csv:5: amount: expected …`; the
 * header is line 1, so row index 3 is line 5) in one {@link CliError}.
 */
export function readInput(files: InputFiles, options: ReadInputOptions): InputData {
  const { timeZone } = options;
  const skipInvalid = options.invalidRows === "skip";
  const mapping = files.map === undefined ? {} : typeof files.map === "string" ? readMapping(files.map) : files.map;
  const pipeline = files.pipeline === undefined ? undefined : typeof files.pipeline === "string" ? readPipeline(files.pipeline) : files.pipeline;
  const known: Partial<Record<InputCollection, KnownSpellings>> = {
    deals: { stage: (pipeline ?? DEFAULT_PIPELINE).stages.map((stage) => stage.id), ...(options.sources === undefined ? {} : { source: options.sources }) },
    ...(options.activityTypes === undefined ? {} : { activities: { type: options.activityTypes } }),
    ...(options.sources === undefined ? {} : { leads: { source: options.sources } }),
  };
  const given = new Set<InputCollection>();
  const skippedRows: string[] = [];
  // Each file's problems apart, reported in the files' order (activities are mapped while they
  // are prepared, after the others).
  const problemsOf = new Map<InputCollection, InputProblem[]>();
  const allProblems = (): InputProblem[] => [...problemsOf.values()].flat();
  // What a problem found later names: the file, its format and each row's line (not the table: its cells are not kept alive).
  const sources = new Map<InputCollection, { table: Pick<SourceTable, "file" | "format">; lines: number[] }>();
  // Each file's notes on rows the mapping left out or kept without a value, made once it is read.
  const notesOf: Array<() => string[]> = [];
  // Each file's warnings on its mapping, made once it is read.
  const warningsOf: Array<() => readonly string[]> = [];
  const data: { -readonly [K in keyof KpiDataInput]: KpiDataInput[K] } = {};

  const load = (collection: InputCollection, file: string | undefined): Iterable<Record<string, unknown>> | undefined => {
    if (file === undefined) return undefined;
    given.add(collection);
    const problems: InputProblem[] = [];
    problemsOf.set(collection, problems);
    const table = readTable(file, collection, options.delimiter ?? "auto");
    const records = table.byLine?.length ?? table.records.length;
    // The activities (the file of a million rows) are mapped row by row as preparation reads
    // them, so no row object outlives its row; the other files are mapped at once.
    const mapped = collection === "activities" ? mapTableRows(table, collection, mapping[collection], timeZone, problems, known[collection]) : mapTable(table, collection, mapping[collection], timeZone, problems, known[collection]);
    sources.set(collection, { table: { file: table.file, format: table.format }, lines: mapped.lines });
    notesOf.push(() => [
      ...(records === 0 ? [`${file} has no rows${table.format === "csv" ? " (only a header)" : ""}: no ${collection} were read`] : []),
      ...[...mapped.skipped].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${count} ${collection} row${count === 1 ? "" : "s"} of ${file} skipped: ${reason}`),
      ...[...(mapped.unknown ?? [])].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${count.toLocaleString("en-US")} ${collection} row${count === 1 ? "" : "s"} of ${file} kept with ${reason}`),
    ]);
    warningsOf.push(() => mapped.warnings ?? []);
    return mapped.rows;
  };

  const reps = load("reps", files.teams);
  const deals = load("deals", files.deals);
  const activities = load("activities", files.activities);
  const leads = load("leads", files.leads);
  // Under --invalid-rows skip, a bad row is left out (the mapping kept it out) and listed; a
  // problem with a whole file (a missing column, a date format that misreads it) still stops.
  const fatalOf = (problems: readonly InputProblem[]) => (skipInvalid ? problems.filter((problem) => problem.wholeFile === true) : problems);
  /** Reads what is left of the activities (their problems are then all known) and throws the fatal problems, if any. */
  const throwFatal = (): void => {
    if (activities !== undefined) for (const _ of activities) void _;
    const fatal = fatalOf(allProblems());
    if (fatal.length > 0) throw inputProblemsError(fatal);
  };
  // A whole file that cannot be read stops before preparation; a bad row does not: the rows
  // the mapping passed are prepared too, so every problem is named in one run.
  if (allProblems().some((problem) => problem.wholeFile === true)) throwFatal();

  if (reps !== undefined) data.reps = reps as unknown as KpiData["reps"];
  if (deals !== undefined) data.deals = deals as unknown as KpiData["deals"];
  if (activities !== undefined) data.activities = activities as unknown as KpiDataInput["activities"];
  if (leads !== undefined) data.leads = leads as unknown as KpiData["leads"];
  const pipelineNote = deals !== undefined && (deals as unknown[]).length > 0 && pipeline === undefined;
  if (deals !== undefined && (deals as unknown[]).length > 0) data.pipeline = pipeline ?? DEFAULT_PIPELINE;

  const placeOf = (collection: string, index: number): string | undefined => {
    const source = sources.get(collection as InputCollection);
    if (source === undefined) return undefined;
    return source.table.format === "csv" ? `${source.table.file}:${source.lines[index] ?? "?"}` : `${source.table.file}: row ${source.lines[index] ?? "?"}`;
  };
  /**
   * A library message naming another row of the same file by its place (`also deals[5]`, a
   * duplicate id's first row) names it by its line (`also line 8`; `row 8` in JSON): the
   * message is shown beside its own file's name.
   */
  const placed = (message: string): string =>
    message.replace(/\b(reps|deals|activities|leads)\[(\d+)\]/g, (whole, collection: string, index: string) => {
      const source = sources.get(collection as InputCollection);
      const line = source?.lines[Number(index)];
      return source === undefined || line === undefined ? whole : `${source.table.format === "csv" ? "line" : "row"} ${line}`;
    });
  let prepared: PreparedKpiData;
  try {
    prepared = prepareKpiData(data, {
      calendar: {
        timeZone,
        ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
        ...(options.fiscalYearStartMonth === undefined ? {} : { fiscalYearStartMonth: options.fiscalYearStartMonth }),
      },
      ...(skipInvalid ? { invalidRows: "skip" as const } : {}) });
  } catch (error) {
    if (activities !== undefined) for (const _ of activities) void _;
    // A file that cannot be read as a whole (found once its last row was read: a date format
    // that misreads the activities) stops first, as it does before preparing.
    if (allProblems().some((problem) => problem.wholeFile === true)) throwFatal();
    if (!(error instanceof KpiInputError)) {
      throwFatal();
      throw error;
    }
    // The mapping's problems and preparation's, file by file in the files' order, by line.
    const found = new Map<InputCollection | "input", InputProblem[]>([...problemsOf].map(([collection, problems]) => [collection, [...fatalOf(problems)]]));
    for (const issue of error.issues) {
      const [collection, index, ...rest] = issue.path;
      const source = typeof collection === "string" ? sources.get(collection as InputCollection) : undefined;
      const into = (key: InputCollection | "input", problem: InputProblem) => (found.get(key) ?? found.set(key, []).get(key))?.push(problem);
      if (source === undefined || typeof index !== "number") {
        into("input", { file: "input", line: undefined, format: "csv", field: formatPath(issue.path), message: issue.message });
        continue;
      }
      into(collection as InputCollection, {
        file: source.table.file,
        line: source.lines[index],
        format: source.table.format,
        field: rest.length === 0 ? undefined : formatPath(rest),
        message: placed(issue.message),
      });
    }
    const problems = [...found.values()].flatMap((list) => list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
    // Stage ids that are not in the default pipeline mostly mean the export has its own stages.
    const unknownStage = error.issues.some((issue) => /^unknown stage "/.test(issue.message));
    throw inputProblemsError(problems, pipeline === undefined && unknownStage ? DEFAULT_PIPELINE_HINT : undefined, error.issues.length >= LIBRARY_MAX_ISSUES);
  }
  throwFatal();
  for (const problem of allProblems()) skippedRows.push(formatProblem(problem));
  const notes = notesOf.flatMap((notesOfFile) => notesOfFile());
  if (pipelineNote) notes.push("no --pipeline given: the default pipeline lead → qualified → proposal → negotiation → won/lost was used");
  for (const row of prepared.skipped) {
    const where = placeOf(row.collection, row.index) ?? row.collection;
    skippedRows.push(`${where}: ${row.reasons.map((reason) => placed(reason.replace(/^[a-zA-Z]+\[\d+\]\.?/, ""))).join("; ")}`);
  }
  if (skippedRows.length > 0) notes.push(`${skippedRows.length} invalid row${skippedRows.length === 1 ? "" : "s"} skipped (--invalid-rows skip); each is listed on stderr`);
  return { prepared, notes, warnings: warningsOf.flatMap((warningsOfFile) => warningsOfFile()), skippedRows, given, placeOf, placed };
}
