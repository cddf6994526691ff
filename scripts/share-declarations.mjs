// After `tsup`: one copy of the library, and one set of type declarations, for both formats.
// tsup builds the library as CommonJS only (dist/*.cjs, dist/*.d.cts); this writes each ESM
// entry as a thin ES module wrapper that re-exports the CommonJS build by name (Node's own
// advice against the dual package hazard: `import` and `require` then share one KpiDecimal
// and one KpiInputError class), and each ESM entry's .d.ts as one line re-exporting the
// .d.cts, as zod does for its types (an ES module may import CommonJS types).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const require = createRequire(import.meta.url);
for (const entry of ["index", "schemas", "sql"]) {
  const names = Object.keys(require(join(dist, `${entry}.cjs`))).filter((name) => name !== "__esModule" && name !== "default");
  if (names.length === 0) throw new Error(`dist/${entry}.cjs exports nothing`);
  for (const name of names) if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`dist/${entry}.cjs: export "${name}" is not a plain name`);
  writeFileSync(join(dist, `${entry}.js`), `import library from "./${entry}.cjs";\nexport const { ${names.sort().join(", ")} } = library;\n`);
  if (!/\bexport\b/.test(readFileSync(join(dist, `${entry}.d.cts`), "utf8"))) throw new Error(`dist/${entry}.d.cts has no exports`);
  writeFileSync(join(dist, `${entry}.d.ts`), `export * from "./${entry}.cjs";\n`);
}
