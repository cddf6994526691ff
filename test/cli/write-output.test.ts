import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/cli-error.js";
import { writeFileAtomically } from "../../src/cli/write-output.js";

const work = mkdtempSync(join(tmpdir(), "sales-kpi-write-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("writeFileAtomically", () => {
  it("replaces an existing report as a whole and leaves no temporary file", () => {
    const file = join(work, "report.md");
    writeFileSync(file, "old report, longer than the new one\n");
    writeFileAtomically(file, "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(work)).toEqual(["report.md"]);
  });

  it("fails with a CliError naming the file when the folder does not exist, writing nothing", () => {
    const file = join(work, "missing", "report.md");
    expect(() => writeFileAtomically(file, "x")).toThrow(CliError);
    expect(() => writeFileAtomically(file, "x")).toThrow(/missing\/report\.md: cannot write \(ENOENT\)/);
    expect(existsSync(join(work, "missing"))).toBe(false);
  });
});
