// The package as npm would publish it: `npm pack --dry-run` runs the `prepare` build (so a
// fresh clone packs real code), and the tarball is small, licensed, and holds one copy of the
// library: dist/cli.js imports ./index.js instead of bundling it.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./run-cli.js";

interface PackResult {
  readonly unpackedSize: number;
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number }>;
}

describe("the npm package", () => {
  it("npm pack builds it (prepare); it is under 1.25 MB unpacked, with LICENSE, schemas, one copy of the code and of its types, and no source maps", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const output = execFileSync(npm, ["pack", "--dry-run", "--json", "--silent"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 280_000 });
    // The prepare build may print lines of its own (with brackets) before npm's JSON array.
    const start = output.search(/^\[\s*\{/m);
    const [pack] = JSON.parse(output.slice(start)) as PackResult[];
    const paths = pack?.files.map((file) => file.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["LICENSE", "dist/cli.js", "dist/index.js", "dist/index.cjs", "schemas/sales-kpi.config.schema.json", "schemas/sales-kpi.map.schema.json", "examples/crm-sales-opportunities.config.json"]));
    expect(paths.filter((path) => path.endsWith(".map"))).toEqual([]);
    // Three entry points (library, schemas, sql), one copy of the code and one set of type
    // declarations: CommonJS (.cjs, .d.cts), and per entry an ES module wrapper (.js) and a
    // .d.ts that re-export it by name (3.5 MB before maps left the tarball; 1.65 MB with the
    // code and the declarations written twice, once per format; 0.96 MB before the calendar,
    // measure and KPI-definition schemas had named zod types that declarations refer to; 0.95 MB
    // after the speed work's column passes, README and CHANGELOG included; 1.0 MB once the
    // build kept function and class names, about 13 KB; 1.19 MB once identifiers were no longer
    // minified, 13 KB more gzipped). A second copy of the code or of the declarations would add
    // 250 KB or more: this bound catches that.
    expect(pack?.unpackedSize).toBeLessThan(1_250_000);
    for (const entry of ["index", "schemas", "sql"]) {
      expect(readFileSync(join(ROOT, "dist", `${entry}.d.ts`), "utf8")).toBe(`export * from "./${entry}.cjs";\n`);
      expect(readFileSync(join(ROOT, "dist", `${entry}.js`), "utf8")).toMatch(new RegExp(`^import library from "\\./${entry}\\.cjs";\\nexport const \\{ [\\w$, ]+ \\} = library;\\n$`));
      expect(paths).toContain(`dist/${entry}.d.cts`);
    }
    expect(paths.filter((path) => (path.endsWith(".d.ts") || path.endsWith(".js")) && !/^dist\/(index|schemas|sql|cli)\.(d\.ts|js)$/.test(path))).toEqual([]);

    // the CLI bundle imports the library entry instead of a second copy of it
    const cli = readFileSync(join(ROOT, "dist", "cli.js"), "utf8");
    expect(cli).toMatch(/from\s*"\.\/index\.js"/);
    // message texts of the library's core, which a bundled copy would carry
    for (const text of ["not in the pipeline", "closedAt is before createdAt", "duplicate id"]) {
      expect(readdirSync(join(ROOT, "dist")).some((name) => name.endsWith(".cjs") && readFileSync(join(ROOT, "dist", name), "utf8").includes(text))).toBe(true);
      expect(cli).not.toContain(text);
    }
    // the source maps left in dist/ (for local debugging) carry no copy of the sources
    for (const map of readdirSync(join(ROOT, "dist")).filter((name) => name.endsWith(".map"))) {
      expect((JSON.parse(readFileSync(join(ROOT, "dist", map), "utf8")) as { sourcesContent?: unknown }).sourcesContent).toBeUndefined();
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg.repository).toEqual({ type: "git", url: "git+https://github.com/sales-kpi/sales-kpi.git" });
    expect(pkg.homepage).toBe("https://github.com/sales-kpi/sales-kpi#readme");
    expect(pkg.bugs).toEqual({ url: "https://github.com/sales-kpi/sales-kpi/issues" });
    expect((pkg.scripts as Record<string, string>).prepare).toBe("npm run build");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toContain("Copyright (c) 2026 sales-kpi contributors");
  }, 300_000);

  it("the build keeps the source's names without esbuild's keepNames helper, which would redefine the name of every closure the library makes", () => {
    // keepNames wraps each function expression in __name(fn, "name"), an Object.defineProperty
    // call every time a hot path makes a closure (5–8 % of a scorecard's time, measured).
    for (const name of readdirSync(join(ROOT, "dist")).filter((file) => file.endsWith(".cjs") || file === "cli.js")) {
      expect(readFileSync(join(ROOT, "dist", name), "utf8"), name).not.toMatch(/\b__name\(/);
    }
    const script = `
      const library = require("./dist/index.cjs");
      let error;
      try { library.prepareKpiData(5); } catch (caught) { error = caught; }
      let periodError;
      try { library.periodOf("no date", "month"); } catch (caught) { periodError = caught; }
      // Every exported function and class, named as it is exported (a name the bundle had to
      // rename for a clash between modules would read periodOf2); KpiDecimal is decimal.js's
      // Decimal.clone(), whose name is decimal.js's own.
      const renamed = [];
      for (const entry of ["index", "schemas", "sql"]) {
        for (const [name, value] of Object.entries(require("./dist/" + entry + ".cjs"))) {
          if (typeof value === "function" && value.name !== name && name !== "KpiDecimal") renamed.push(entry + ": " + name + " is named " + value.name);
        }
      }
      const frameOf = (caught) => /at (?:Object\\.)?(\\w+)/.exec(caught.stack.split("\\n").find((line) => line.trim().startsWith("at ") && !line.includes("node:")))[1];
      console.log(JSON.stringify({ error: error.constructor.name, definition: library.KpiDefinitionError.name, fn: library.kpiSeries.name, frame: frameOf(error), periodFrames: periodError.stack.includes("periodOf2"), renamed }));`;
    const result = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as Record<string, unknown>;
    expect(result).toEqual({ error: "KpiInputError", definition: "KpiDefinitionError", fn: "kpiSeries", frame: "prepareBag", periodFrames: false, renamed: [] });
  });

  it("the ES module entries export exactly the names of the CommonJS build, the same objects", () => {
    // In a plain Node process: vitest would load the .cjs files a second time through its own loader.
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const out = {};
      for (const entry of ["index", "schemas", "sql"]) {
        const required = require(\`./dist/\${entry}.cjs\`);
        const imported = await import(\`./dist/\${entry}.js\`);
        out[entry] = { names: Object.keys(required).length, same: Object.keys(imported).sort().join() === Object.keys(required).sort().join(), differ: Object.keys(required).filter((name) => imported[name] !== required[name]) };
      }
      console.log(JSON.stringify(out));`;
    const result = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" })) as Record<string, { names: number; same: boolean; differ: string[] }>;
    for (const entry of ["index", "schemas", "sql"]) {
      expect(result[entry]?.names, entry).toBeGreaterThan(5);
      expect(result[entry]?.same, entry).toBe(true);
      expect(result[entry]?.differ, entry).toEqual([]);
    }
  });
});
