// Every `@example` in a doc comment under src/ is code a user copies, so each one must
// type-check against the library, run on its own, and print what it says, like the README's.
//
// How an example is run: its lines (after `@example`, up to the next tag or the end of the
// comment) become the body of a function in a generated module under test-output/examples/.
// The module imports the names the example uses from the public API (src/index.ts); an
// example of an internal function may also use the names its own file exports, and the inner
// preparation `prepare` (prepared data is opaque in the public API; inner functions take its
// rows). Nothing else is in scope: an example defines its own data.
//
// What is checked: each statement `expr; //=> value` (the `//=>` comment on the statement's
// last line, or alone on the line right below it). The rule, one for all:
// - `value` is a JavaScript literal: a string ("..." or '...'), a number, true, false, null,
//   undefined, an array, or an object with bare or quoted keys.
// - Strings, booleans, null and undefined must be equal (===).
// - A number matches a JS number (===), or a Decimal exactly equal to the number as written
//   (`new KpiDecimal("0.75").eq(actual)`, so `0.75` never matches a float near it, and a
//   Decimal never matches a string: write `.toString()` to show a string).
// - An array matches element by element, with the same length.
// - An object has exactly the listed keys, each matching; an object literal ending in `...`
//   (or `…`) lists only some keys ("and more fields not shown").
// Anything else (a Date, a Map, a function) must be turned into one of those in the example.
// Every `//=>` statement must run (a check inside a branch that is not taken fails), every
// example has at least one, and a trailing `// value` without `=>` on an expression statement
// is rejected, so an unchecked value cannot pass for a checked one.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { KpiDecimal } from "../src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "test-output", "examples");

// ---------------------------------------------------------------- the expected-value literal

type Literal =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "constant"; readonly value: boolean | null | undefined }
  | { readonly kind: "array"; readonly items: readonly Literal[] }
  | { readonly kind: "object"; readonly entries: ReadonlyArray<readonly [string, Literal]>; readonly open: boolean };

/** Parses the text after `//=>` as a literal (see the rule at the top); throws on anything else. */
export function parseLiteral(text: string): Literal {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at column ${at + 1} of ${JSON.stringify(text)}`);
  };
  const space = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };
  const eat = (token: string): boolean => {
    space();
    if (!text.startsWith(token, at)) return false;
    at += token.length;
    return true;
  };
  const ellipsis = (): boolean => eat("...") || eat("…");
  const stringToken = (): string | undefined => {
    space();
    const quote = text[at];
    if (quote !== '"' && quote !== "'") return undefined;
    let end = at + 1;
    while (end < text.length && text[end] !== quote) end += text[end] === "\\" ? 2 : 1;
    if (end >= text.length) fail("unterminated string");
    const body = text.slice(at + 1, end);
    at = end + 1;
    return JSON.parse(quote === '"' ? `"${body}"` : `"${body.replaceAll("\\'", "'").replaceAll('"', '\\"')}"`) as string;
  };
  const value = (): Literal => {
    space();
    const string = stringToken();
    if (string !== undefined) return { kind: "string", value: string };
    const number = /^-?\d+(\.\d+)?(e[+-]?\d+)?/i.exec(text.slice(at));
    if (number) {
      at += number[0].length;
      return { kind: "number", text: number[0] };
    }
    for (const [word, constant] of [["true", true], ["false", false], ["null", null], ["undefined", undefined]] as const) {
      if (new RegExp(`^${word}\\b`).test(text.slice(at))) {
        at += word.length;
        return { kind: "constant", value: constant };
      }
    }
    if (eat("[")) {
      const items: Literal[] = [];
      while (!eat("]")) {
        items.push(value());
        if (!eat(",") && !text.startsWith("]", (space(), at))) fail("expected , or ]");
      }
      return { kind: "array", items };
    }
    if (eat("{")) {
      const entries: Array<readonly [string, Literal]> = [];
      let open = false;
      while (!eat("}")) {
        if (ellipsis()) {
          open = true;
          eat(",");
          if (!eat("}")) fail("expected } after ...");
          break;
        }
        let key = stringToken();
        if (key === undefined) {
          key = /^[A-Za-z_$][\w$]*/.exec(text.slice(at))?.[0] ?? fail("expected a key");
          at += key.length;
        }
        if (!eat(":")) fail("expected :");
        entries.push([key, value()]);
        if (!eat(",") && !text.startsWith("}", (space(), at))) fail("expected , or }");
      }
      return { kind: "object", entries, open };
    }
    return fail("expected a value");
  };
  const result = value();
  space();
  if (at < text.length) fail("unexpected text");
  return result;
}

/** The actual value written the way the rule reads it (Decimals as their digits). */
function render(actual: unknown): string {
  if (KpiDecimal.isDecimal(actual)) return (actual as KpiDecimal).toString();
  if (typeof actual === "string") return JSON.stringify(actual);
  if (Array.isArray(actual)) return `[${actual.map(render).join(", ")}]`;
  if (actual !== null && typeof actual === "object") {
    if (Object.getPrototypeOf(actual) !== Object.prototype && Object.getPrototypeOf(actual) !== null) return `<${actual.constructor.name}>`;
    const entries = Object.entries(actual).map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${render(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return typeof actual === "function" ? "<function>" : String(actual);
}

/** Where `actual` does not match `expected`, one line per difference (empty when it matches). */
export function mismatches(expected: Literal, actual: unknown, path = "value"): string[] {
  const differ = (why: string) => [`${path}: ${why}`];
  switch (expected.kind) {
    case "string":
    case "constant":
      return actual === expected.value ? [] : differ(`expected ${render(expected.value)}, got ${render(actual)}`);
    case "number":
      if (typeof actual === "number") return actual === Number(expected.text) ? [] : differ(`expected ${expected.text}, got ${actual}`);
      if (KpiDecimal.isDecimal(actual)) return new KpiDecimal(expected.text).eq(actual as KpiDecimal) ? [] : differ(`expected ${expected.text}, got the Decimal ${render(actual)}`);
      return differ(`expected the number ${expected.text}, got ${render(actual)}`);
    case "array":
      if (!Array.isArray(actual)) return differ(`expected an array, got ${render(actual)}`);
      if (actual.length !== expected.items.length) return differ(`expected ${expected.items.length} items, got ${actual.length}: ${render(actual)}`);
      return expected.items.flatMap((item, index) => mismatches(item, actual[index], `${path}[${index}]`));
    case "object": {
      if (actual === null || typeof actual !== "object" || Array.isArray(actual) || KpiDecimal.isDecimal(actual)) return differ(`expected an object, got ${render(actual)}`);
      const record = actual as Record<string, unknown>;
      const listed = new Set(expected.entries.map(([key]) => key));
      const extra = expected.open ? [] : Object.keys(record).filter((key) => !listed.has(key));
      const missing = expected.entries.filter(([key]) => !Object.hasOwn(record, key)).map(([key]) => key);
      return [
        ...(missing.length > 0 ? differ(`missing ${missing.join(", ")} in ${render(actual)}`) : []),
        ...(extra.length > 0 ? differ(`unlisted ${extra.join(", ")} (end the literal with ... to list only some keys) in ${render(actual)}`) : []),
        ...expected.entries.filter(([key]) => Object.hasOwn(record, key)).flatMap(([key, item]) => mismatches(item, record[key], `${path}.${key}`)),
      ];
    }
  }
}

// ---------------------------------------------------------------- finding and generating examples

interface Check {
  readonly line: number;
  readonly expected: string;
}

interface Example {
  /** "src/x/y.ts name" */
  readonly key: string;
  readonly file: string;
  readonly line: number;
  readonly module: string;
  readonly checks: readonly Check[];
  readonly problems: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []))
    .sort();
}

interface Exported {
  readonly values: Set<string>;
  readonly types: Set<string>;
}

/** The names a module exports (declarations and `export { … }` lists), split into values and types. */
function exportsOf(file: string): Exported {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const values = new Set<string>();
  const types = new Set<string>();
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) (statement.isTypeOnly || element.isTypeOnly ? types : values).add(element.name.text);
    } else if (exported(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) values.add(declaration.name.text);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        values.add(statement.name.text);
      } else if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) {
        types.add(statement.name.text);
      }
    }
  }
  return { values, types };
}

/** The raw `@example` snippets of a file: line of the tag, the code, and the documented name. */
function examplesIn(text: string): Array<{ line: number; code: string; name: string }> {
  const lines = text.split("\n");
  const found: Array<{ line: number; code: string; name: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i] as string)) continue;
    const code: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*\*\/|^\s*\*\s*@\w/.test(lines[j] as string); j++) code.push((lines[j] as string).replace(/^\s*\* ?/, ""));
    let end = j;
    while (end < lines.length && !/\*\//.test(lines[end] as string)) end++;
    let next = end + 1;
    while (next < lines.length && /^\s*(\/\/.*)?$/.test(lines[next] as string)) next++;
    const name = /(?:function|const|class|let|type|interface)\s+([A-Za-z_$][\w$]*)/.exec(lines[next] ?? "")?.[1] ?? `line ${i + 1}`;
    found.push({ line: i + 1, code: code.join("\n").trimEnd(), name });
  }
  return found;
}

const publicApi = exportsOf(join(root, "src", "index.ts"));
// The sql subpath's public names (sales-kpi/sql), for the examples of its functions.
const sqlApi = exportsOf(join(root, "src", "sql.ts"));
const innerPreparation = join(root, "src", "model", "prepare-kpi-data.ts");
const moduleSpecifier = (file: string) => file.replaceAll("\\", "/").replace(/\.ts$/, ".js");

function generate(file: string, tagLine: number, code: string, index: number): { module: string; checks: Check[]; problems: string[] } {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const line = (pos: number) => tagLine + 1 + source.getLineAndCharacterOfPosition(pos).line;
  const syntax = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  for (const diagnostic of syntax) problems.push(`line ${line(diagnostic.start ?? 0)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);

  const used = new Set<string>();
  const declared = new Set<string>();
  const declare = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declare(element.name);
  };
  const checks: Check[] = [];
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) used.add(node.text);
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) declare(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) declared.add(node.name.text);
    // The comment after the statement on its last line, or a `//=>` line right below it.
    const after = /^[ \t]*(?:(\/\/[^\n]*)|\r?\n[ \t]*(\/\/=>[^\n]*))/.exec(code.slice(node.end));
    const comment = ts.isExpressionStatement(node) ? (after?.[1] ?? after?.[2])?.trimEnd() : undefined;
    if (comment !== undefined && ts.isExpressionStatement(node)) {
      if (comment.startsWith("//=>")) {
        const expected = comment.slice(4).trim();
        try {
          parseLiteral(expected);
        } catch (error) {
          problems.push(`line ${line(node.end)}: the //=> value is not a literal: ${(error as Error).message}`);
        }
        replacements.push({ start: node.getStart(source), end: node.end, text: `__check(${checks.length}, (${node.expression.getText(source)}));` });
        checks.push({ line: line(node.end), expected });
      } else {
        problems.push(`line ${line(node.end)}: a value written as "${comment}": write "//=> value"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  source.statements.forEach(visit);
  const arrows = code.split("\n").filter((text) => text.includes("//=>")).length;
  if (arrows !== checks.length) problems.push(`${arrows - checks.length} //=> comment(s) not after an expression statement (only "expr;" can be checked)`);
  if (checks.length === 0) problems.push("no `expr; //=> value` line: an example must show a checked value");

  let body = code;
  for (const { start, end, text } of replacements.sort((a, b) => b.start - a.start)) body = body.slice(0, start) + text + body.slice(end);

  const own = exportsOf(file);
  const fromIndex = { values: [] as string[], types: [] as string[] };
  const fromOwn = { values: [] as string[], types: [] as string[] };
  const fromSql = { values: [] as string[], types: [] as string[] };
  const fromInner = { values: [] as string[], types: [] as string[] };
  const inSql = relative(root, file).replaceAll("\\", "/").startsWith("src/sql");
  for (const name of [...used].filter((name) => !declared.has(name)).sort()) {
    if (publicApi.values.has(name)) fromIndex.values.push(name);
    else if (publicApi.types.has(name)) fromIndex.types.push(name);
    else if (inSql && sqlApi.values.has(name)) fromSql.values.push(name);
    else if (inSql && sqlApi.types.has(name)) fromSql.types.push(name);
    else if (own.values.has(name)) fromOwn.values.push(name);
    else if (own.types.has(name)) fromOwn.types.push(name);
    else if (name === "prepare" && !publicApi.values.has(name)) fromInner.values.push(name);
  }
  const importLine = (names: { values: string[]; types: string[] }, target: string) =>
    names.values.length + names.types.length === 0 ? "" : `import { ${[...names.values, ...names.types.map((name) => `type ${name}`)].join(", ")} } from "${moduleSpecifier(target)}";\n`;
  const module =
    `// Example ${index + 1}: ${relative(root, file)} line ${tagLine}\n` +
    importLine(fromIndex, join(root, "src", "index.ts")) +
    importLine(fromSql, join(root, "src", "sql.ts")) +
    (file.endsWith("index.ts") ? "" : importLine(fromOwn, file)) +
    (file === innerPreparation ? "" : importLine(fromInner, innerPreparation)) +
    `\nexport async function example(__check: (id: number, actual: unknown) => void): Promise<void> {\n${body}\n}\n`;
  return { module, checks, problems };
}

const examples: Example[] = [];
for (const file of sourceFiles(join(root, "src"))) {
  for (const found of examplesIn(readFileSync(file, "utf8"))) {
    const { module, checks, problems } = generate(file, found.line, found.code, examples.length);
    examples.push({ key: `${relative(root, file).replaceAll("\\", "/")} ${found.name}`, file, line: found.line, module, checks, problems });
  }
}
const moduleFile = (index: number) => join(outDir, `example-${String(index + 1).padStart(3, "0")}.ts`);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
examples.forEach((example, index) => writeFileSync(moduleFile(index), example.module));

describe("the literal rule for //=> values", () => {
  it("reads strings, numbers, arrays and objects, and compares Decimals exactly", () => {
    expect(mismatches(parseLiteral('"0.3"'), "0.3")).toEqual([]);
    expect(mismatches(parseLiteral("0.3"), new KpiDecimal("0.3"))).toEqual([]);
    expect(mismatches(parseLiteral("0.3"), new KpiDecimal("0.30000000000000004"))).not.toEqual([]);
    expect(mismatches(parseLiteral('"0.3"'), new KpiDecimal("0.3"))).not.toEqual([]);
    expect(mismatches(parseLiteral("[1, 'a', null]"), [1, "a", null])).toEqual([]);
    expect(mismatches(parseLiteral("[1, 2]"), [1, 2, 3])).not.toEqual([]);
    expect(mismatches(parseLiteral('{ a: 1, "b c": [true] }'), { a: 1, "b c": [true] })).toEqual([]);
    expect(mismatches(parseLiteral("{ a: 1 }"), { a: 1, b: 2 })).not.toEqual([]);
    expect(mismatches(parseLiteral("{ a: 1, ... }"), { a: 1, b: 2 })).toEqual([]);
    expect(mismatches(parseLiteral("{ a: 1, … }"), { b: 2 })).not.toEqual([]);
    expect(() => parseLiteral("Date.UTC(2026, 1, 1)")).toThrow();
    expect(() => parseLiteral('"a" (because)')).toThrow();
  });
});

describe("@example blocks in src/", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(70);
  });

  it("type-check against the library (strict, skipLibCheck off)", () => {
    const tsconfig = join(outDir, "tsconfig.json");
    writeFileSync(tsconfig, JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true, rootDir: "../.." }, include: ["*.ts"] }, null, 2));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", tsconfig], { cwd: root, encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Name the source line of each error, not the generated file's.
    const errors = output.split("\n").filter((line) => line.trim() !== "");
    expect(errors.map((line) => line.replace(/test-output\/examples\/example-(\d+)\.ts/, (_, n: string) => `${examples[Number(n) - 1]?.key} (example ${Number(n)})`))).toEqual([]);
  }, 180_000);

  it.each(examples.map((example, index) => [`${example.key} (line ${example.line})`, index] as const))("%s runs and shows what it says", async (_name, index) => {
    const example = examples[index] as Example;
    expect(example.problems).toEqual([]);
    const module = (await import(pathToFileURL(moduleFile(index)).href)) as { example: (check: (id: number, actual: unknown) => void) => Promise<void> };
    const seen = new Map<number, unknown[]>();
    await module.example((id, actual) => {
      seen.set(id, [...(seen.get(id) ?? []), actual]);
    });
    const failures = example.checks.flatMap((check, id) => {
      const values = seen.get(id);
      if (values === undefined) return [`line ${check.line}: never ran`];
      return values.flatMap((actual) => mismatches(parseLiteral(check.expected), actual).map((why) => `line ${check.line}: //=> ${check.expected}\n  ${why}`));
    });
    expect(failures).toEqual([]);
  });
});
