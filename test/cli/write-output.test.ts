import { execFileSync, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    expect(readdirSync(work).filter((name) => name !== "report.pipe")).toEqual(["report.md"]);
  });

  it("writes into a named pipe as it is, never putting a regular file in its place (as --out /dev/null once did)", async () => {
    const pipe = join(work, "report.pipe");
    execFileSync("mkfifo", [pipe]);
    const reader = spawn("cat", [pipe], { stdio: ["ignore", "pipe", "ignore"] });
    let read = "";
    reader.stdout.on("data", (chunk: Buffer) => (read += chunk.toString("utf8")));
    const done = new Promise<void>((resolve) => reader.on("close", () => resolve()));
    const killer = setTimeout(() => reader.kill(), 10_000);
    writeFileAtomically(pipe, "report\n");
    await done;
    clearTimeout(killer);
    expect(read).toBe("report\n");
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it("fails with a CliError naming the file when the folder does not exist, writing nothing", () => {
    const file = join(work, "missing", "report.md");
    expect(() => writeFileAtomically(file, "x")).toThrow(CliError);
    expect(() => writeFileAtomically(file, "x")).toThrow(/missing\/report\.md: cannot write \(ENOENT\)/);
    expect(existsSync(join(work, "missing"))).toBe(false);
  });
});
