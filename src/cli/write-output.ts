import { randomBytes } from "node:crypto";
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError } from "./cli-error.js";

/** `--out -`: the report goes to stdout, as without `--out`. */
export const STDOUT = "-";

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The real path a file has or would have (its folder's real path, then its name). */
function realPathOf(file: string): string {
  const absolute = resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * Checks `--out` before anything is read or computed, so a run never ends in a half-done
 * write: the path must not be an input file (compared by real path, so `./deals.csv`, an
 * absolute path and a symbolic link to it are the same file), its folder must exist and be a
 * folder, and it must not itself be a folder. Each problem is one line, a usage error (exit 1).
 *
 * @param inputs the input files by the flag or config key that named them (`--deals`).
 */
export function checkOutputPath(out: string, inputs: Readonly<Record<string, string | undefined>>): void {
  if (out === STDOUT) return;
  const target = realPathOf(out);
  for (const [flag, input] of Object.entries(inputs)) {
    if (input !== undefined && realPathOf(input) === target) {
      throw new CliError(`--out: ${out} is the ${flag} input file; the report would overwrite it (choose another path, or --out - for stdout)`);
    }
  }
  const own = statOrUndefined(out);
  if (own?.isDirectory() === true) throw new CliError(`--out: ${out} is a folder; give a file name in it, such as ${join(out, "report.html")}`);
  // Walk up to the nearest existing ancestor: a file there means the path lies under a file.
  let folder = dirname(resolve(out));
  const missing: string[] = [];
  for (;;) {
    const stat = statOrUndefined(folder);
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw new CliError(`--out: ${out}: ${folder} is a file, not a folder`);
      break;
    }
    missing.push(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  if (missing.length > 0) throw new CliError(`--out: ${out}: folder ${missing[0]} does not exist (create it first)`);
}

/**
 * Writes `text` to `file` all at once: first to a temporary file in the same folder, then
 * renamed over `file` (atomic on one file system). A reader never sees half a report, and
 * when anything fails no file is left behind. A `file` that exists and is no regular file (a
 * device such as `/dev/null`, a named pipe) is written to as it is: a rename would put a
 * regular file in its place.
 */
export function writeFileAtomically(file: string, text: string): void {
  const existing = statOrUndefined(file);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    try {
      writeFileSync(file, text, { encoding: "utf8" });
      return;
    } catch (error) {
      throw new CliError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, text, { encoding: "utf8", flag: "wx" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
