// After `tsup`: one set of type declarations for both formats. tsup writes every declaration
// twice, as .d.ts (ESM) and .d.cts (CommonJS), each about 420 KB of the same text. This keeps
// the .d.cts files and turns each ESM entry's .d.ts into one line re-exporting them, as zod
// does for its own types (an ES module may import CommonJS types; the reverse is not allowed).
// The ESM chunks' .d.ts files are then unused and removed.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const entries = ["index", "schemas", "sql"];
for (const name of readdirSync(dist)) {
  if (!name.endsWith(".d.ts")) continue;
  const base = name.slice(0, -".d.ts".length);
  if (entries.includes(base)) {
    const cjsTypes = readFileSync(join(dist, `${base}.d.cts`), "utf8");
    if (!/\bexport\b/.test(cjsTypes)) throw new Error(`dist/${base}.d.cts has no exports`);
    writeFileSync(join(dist, name), `export * from "./${base}.cjs";\n`);
  } else {
    rmSync(join(dist, name));
  }
}
