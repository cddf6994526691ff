import { type KpiData, KpiInputError, type Pipeline, PipelineSchema, type PreparedKpiData, prepareKpiData } from "./library.js";
import { CliError, EXIT_DATA, formatPath, type InputProblem, inputProblemsError } from "./cli-error.js";
import { mapTable } from "./map-rows.js";
import { type InputCollection, type MappingFile, MappingFileSchema } from "./mapping.js";
import { readJsonFile, readTable, type SourceTable } from "./read-table.js";

/** The files the `report` command reads. */
export interface InputFiles {
  readonly deals?: string;
  readonly activities?: string;
  readonly leads?: string;
  /** A roster CSV/JSON (→ reps). */
  readonly teams?: string;
  /** A JSON pipeline `{ stages: [...] }`. */
  readonly pipeline?: string;
  /** A JSON mapping file. */
  readonly map?: string;
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
export function readInput(files: InputFiles, timeZone: string): InputData {
  const mapping = files.map === undefined ? {} : readMapping(files.map);
  const pipeline = files.pipeline === undefined ? undefined : readPipeline(files.pipeline);
  const problems: InputProblem[] = [];
  const sources = new Map<InputCollection, { table: SourceTable; lines: number[] }>();
  const notes: string[] = [];
  const data: { -readonly [K in keyof KpiData]: KpiData[K] } = {};

  const load = (collection: InputCollection, file: string | undefined): Record<string, unknown>[] | undefined => {
    if (file === undefined) return undefined;
    const table = readTable(file, collection);
    const mapped = mapTable(table, collection, mapping[collection], timeZone, problems);
    sources.set(collection, { table, lines: mapped.lines });
    for (const [reason, count] of [...mapped.skipped].sort(([a], [b]) => a.localeCompare(b))) {
      notes.push(`${count} ${collection} row${count === 1 ? "" : "s"} of ${file} skipped: ${reason}`);
    }
    return mapped.rows;
  };

  const reps = load("reps", files.teams);
  const deals = load("deals", files.deals);
  const activities = load("activities", files.activities);
  const leads = load("leads", files.leads);
  if (problems.length > 0) throw inputProblemsError(problems);

  if (reps !== undefined) data.reps = reps as unknown as KpiData["reps"];
  if (deals !== undefined) data.deals = deals as unknown as KpiData["deals"];
  if (activities !== undefined) data.activities = activities as unknown as KpiData["activities"];
  if (leads !== undefined) data.leads = leads as unknown as KpiData["leads"];
  if (deals !== undefined && deals.length > 0) {
    data.pipeline = pipeline ?? DEFAULT_PIPELINE;
    if (pipeline === undefined) notes.push("no --pipeline given: the default pipeline lead → qualified → proposal → negotiation → won/lost was used");
  }

  try {
    return { prepared: prepareKpiData(data, { calendar: { timeZone } }), notes };
  } catch (error) {
    if (!(error instanceof KpiInputError)) throw error;
    for (const issue of error.issues) {
      const [collection, index, ...rest] = issue.path;
      const source = typeof collection === "string" ? sources.get(collection as InputCollection) : undefined;
      if (source === undefined || typeof index !== "number") {
        problems.push({ file: "input", line: undefined, format: "csv", field: formatPath(issue.path), message: issue.message });
        continue;
      }
      problems.push({
        file: source.table.file,
        line: source.lines[index],
        format: source.table.format,
        field: rest.length === 0 ? undefined : formatPath(rest),
        message: issue.message,
      });
    }
    // Stage ids that are not in the default pipeline mostly mean the export has its own stages.
    const unknownStage = error.issues.some((issue) => /^unknown stage "/.test(issue.message));
    throw inputProblemsError(problems, pipeline === undefined && unknownStage ? DEFAULT_PIPELINE_HINT : undefined);
  }
}
