import { defineConfig, type Options } from "tsup";

/**
 * The CLI imports the library only through `src/cli/library.ts`, which re-exports from
 * `src/index.ts`; in the bundle that import becomes `./index.js`, the published library entry
 * beside `dist/cli.js`, so the package holds one copy of the library, not two.
 */
const libraryAsExternal: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "sales-kpi-library-external",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(index|sql)\.js$/ }, (args) =>
      args.importer.replaceAll("\\", "/").endsWith("/src/cli/library.ts") ? { path: args.path.replace("../", "./"), external: true } : undefined,
    );
  },
};

// Source maps point into src/ but carry no copy of it (sourcesContent off), and are left out of
// the tarball (package.json `files`); whitespace and syntax are minified but identifiers are
// not, so a stack trace names the function and an error's `constructor.name` is
// `KpiInputError`, not a minified letter. Not esbuild's keepNames instead: it wraps every
// function expression in `__name(fn, "name")`, an Object.defineProperty call each time a hot
// path makes a closure (5–8 % of a scorecard's time). Two top-level functions of one name in
// two modules are renamed in the bundle (`periodOf2`), so internal functions do not share a
// public function's name (test/cli/package.test.ts checks every export's `name`). The package
// is about 1.2 MB unpacked, 0.31 MB packed.
const withoutSourcesContent: Options["esbuildOptions"] = (options) => {
  options.sourcesContent = false;
  options.minifyWhitespace = true;
  options.minifySyntax = true;
  options.minifyIdentifiers = false;
  options.keepNames = false;
};

// The library is built once, as CommonJS with its .d.cts declarations; `npm run build` then runs
// scripts/share-declarations.mjs, which writes each ES module entry (dist/index.js, schemas.js,
// sql.js) as a wrapper re-exporting the CommonJS build by name, and its .d.ts as a one-line
// re-export of the .d.cts. One copy of the code and of its types: the package is half the size,
// and `import` and `require` in one program share the same KpiDecimal and error classes.
export default defineConfig([
  {
    entry: { index: "src/index.ts", schemas: "src/schemas.ts", sql: "src/sql.ts" },
    format: ["cjs"],
    dts: true,
    sourcemap: true,
    esbuildOptions: withoutSourcesContent,
    clean: true,
    treeshake: true,
    target: "node20",
    splitting: true,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    esbuildOptions: withoutSourcesContent,
    esbuildPlugins: [libraryAsExternal],
    clean: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
