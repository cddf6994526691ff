/** Exit status of a usage error: an unknown or bad option, a file that cannot be read. */
export const EXIT_USAGE = 1;
/** Exit status of a problem in the data or definitions: a bad row, a file that does not parse. */
export const EXIT_DATA = 2;

/** The exit statuses, as `sales-kpi --help` and the README explain them. */
export const EXIT_STATUS_HELP = `
Exit status:
  0  the report was written
  ${EXIT_USAGE}  usage error: an unknown or bad option, a file that cannot be read, an --out that cannot be
     written (an input file, a missing folder, a path under a file), or an unexpected failure
  ${EXIT_DATA}  problem in the data or definitions: bad rows or fields, CSV or JSON that does not parse,
     a bad mapping or pipeline file (one line per problem: file:line: field: problem)`;

/**
 * An error the CLI reports to a person and exits on: the message is printed to stderr as it
 * is (one problem per line, `file:line: field: problem`), with exit code `exitCode`
 * ({@link EXIT_USAGE} unless said otherwise).
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: number;

  constructor(message: string, exitCode = EXIT_USAGE) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** One problem in an input file, located by file and line. */
export interface InputProblem {
  readonly file: string;
  /** 1-based line (CSV) or row (JSON); undefined for problems about the whole file. */
  readonly line: number | undefined;
  readonly format: "csv" | "json";
  readonly field: string | undefined;
  readonly message: string;
  /** A problem with the whole file (a missing column, a date format that misreads it), not one row. */
  readonly wholeFile?: boolean;
}

/** `file:line: field: problem` for CSV, `file: row N: field: problem` for JSON. */
export function formatProblem(problem: InputProblem): string {
  const where =
    problem.line === undefined ? problem.file : problem.format === "csv" ? `${problem.file}:${problem.line}` : `${problem.file}: row ${problem.line}`;
  return `${where}: ${problem.field === undefined ? "" : `${problem.field}: `}${problem.message}`;
}

/** The most problems listed in one error message. */
export const MAX_PROBLEMS = 20;

/** The most invalid rows `prepareKpiData` names in one KpiInputError; past them it stops counting. */
export const LIBRARY_MAX_ISSUES = 100;

/**
 * A {@link CliError} listing input problems (at most {@link MAX_PROBLEMS}, then a count),
 * then `hint` when given: what to do about them. `more`: the list is known to be incomplete
 * (the library stopped at its {@link LIBRARY_MAX_ISSUES}), so the count is a lower bound.
 */
export function inputProblemsError(problems: readonly InputProblem[], hint?: string, more = false): CliError {
  const lines = problems.slice(0, MAX_PROBLEMS).map(formatProblem);
  if (problems.length > MAX_PROBLEMS || more) {
    const left = problems.length - Math.min(problems.length, MAX_PROBLEMS);
    lines.push(more ? `… and at least ${left} more problems (the library names the first ${LIBRARY_MAX_ISSUES} invalid rows it finds; fix these and run again for the rest)` : `… and ${left} more problems`);
  }
  if (hint !== undefined) lines.push(hint);
  return new CliError(lines.join("\n"), EXIT_DATA);
}

/** A path into the input as people write it: `deals[3].amount`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "symbol") out += `[${String(key)}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out;
}
