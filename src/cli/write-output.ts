import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError } from "./cli-error.js";

/**
 * Writes `text` to `file` all at once: first to a temporary file in the same folder, then
 * renamed over `file` (atomic on one file system). A reader never sees half a report, and
 * when anything fails no file is left behind.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, text, { encoding: "utf8", flag: "wx" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
