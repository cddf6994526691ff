// Runs a TypeScript entry (the benchmark, a profiling helper) bundled by esbuild the way the
// published package is built: without esbuild's keepNames. tsx always sets keepNames, which
// wraps every function expression in `__name(fn, "name")`, an Object.defineProperty call each
// time a hot path makes a closure; that cost 5–8 % of a scorecard, a cost the package does
// not have (tsup.config.ts). Node runs the bundle with --expose-gc (the benchmark collects
// the heap before each figure).
//   node scripts/run-bundled.mjs bench/run.ts [arguments…]
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error("usage: node scripts/run-bundled.mjs <entry.ts> [arguments…]");
  process.exit(2);
}
// In the project's node_modules (so the bundle's packages resolve from wherever it is run),
// named after the entry's path: bench/run.ts → bench__run.mjs.
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const folder = join(root, "node_modules", ".cache", "sales-kpi-bundled");
mkdirSync(folder, { recursive: true });
const source = resolve(entry);
const outfile = join(folder, `${relative(root, source).replace(/[\\/]/g, "__").replace(/\.ts$/, "")}.mjs`);
await build({
  entryPoints: [source],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  keepNames: false,
  outfile,
  logLevel: "error",
});
const result = spawnSync(process.execPath, ["--expose-gc", "--enable-source-maps", outfile, ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
