import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// One folder per test file (each imports this module afresh), so test files that build the CLI
// in parallel never read each other's half-written bundle. Folders of earlier runs (older
// than an hour) are removed by the next build.
const OUTPUT = join(ROOT, "test-output");
const OUT_DIR = join(OUTPUT, `cli-bin-${randomUUID().slice(0, 8)}`);

function removeOldBundles(): void {
  if (!existsSync(OUTPUT)) return;
  for (const name of readdirSync(OUTPUT)) {
    const folder = join(OUTPUT, name);
    if (name.startsWith("cli-bin") && folder !== OUT_DIR && Date.now() - statSync(folder).mtimeMs > 3_600_000) rmSync(folder, { recursive: true, force: true });
  }
}
/** The CLI as tsup bundles it (same entry and bundler as `dist/cli.js`, built into test-output/). */
export const CLI = join(OUT_DIR, "main.js");

/**
 * Builds the CLI bundle once per test run. The tests then run the built file as a process,
 * like `npx sales-kpi` does, so they catch bundling problems too. Built into test-output/
 * (not dist/) so a test run never races a `npm run build`.
 */
export function buildCli(): void {
  removeOldBundles();
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "tsup", "dist", "cli-default.js"), "src/cli/main.ts", "--no-config", "--format", "esm", "--target", "node20", "--out-dir", OUT_DIR, "--silent"],
    { cwd: ROOT, stdio: "pipe" },
  );
  if (!existsSync(CLI)) throw new Error(`building the CLI did not produce ${CLI}`);
}

/** What a CLI run did. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI with `args` in `cwd`, without a TTY (so no colours). */
export function runCli(args: readonly string[], cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
