// The README's TypeScript examples are code users copy: each block must type-check against
// the library and run, and each `// → value` comment must be what the `console.log` before it
// prints. Blocks import from "sales-kpi"; here those imports point at src/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "test-output", "readme");

interface Block {
  readonly line: number;
  readonly code: string;
}

function typescriptBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```ts") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}

/** The `// → …` comments of a block, in order. */
function expectedOutput(code: string): string[] {
  return [...code.matchAll(/\/\/ → (.*)$/gm)].map((match) => (match[1] ?? "").trimEnd());
}

/** The block with its "sales-kpi" imports pointing at the sources (`.js`, as in src/). */
function localImports(code: string): string {
  const source = (target: string) => join(root, target).replaceAll("\\", "/").replace(/\.ts$/, ".js");
  return code
    .replaceAll('from "sales-kpi/schemas"', `from "${source("src/schemas.ts")}"`)
    .replaceAll('from "sales-kpi/sql"', `from "${source("src/sql.ts")}"`)
    .replaceAll('from "sales-kpi"', `from "${source("src/index.ts")}"`);
}

const blocks = typescriptBlocks(readFileSync(join(root, "README.md"), "utf8"));
const files = blocks.map((block, index) => join(outDir, `block-${index + 1}-line-${block.line}.ts`));

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
blocks.forEach((block, index) => {
  const file = files[index] as string;
  writeFileSync(file, `${localImports(block.code)}\nexport {};\n`);
});

describe("README examples", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("has TypeScript examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it("type-check against the library (strict, skipLibCheck off)", () => {
    const tsconfig = join(outDir, "tsconfig.json");
    writeFileSync(
      tsconfig,
      JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true, rootDir: "../.." }, include: ["*.ts"] }, null, 2),
    );
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", tsconfig], { cwd: root, encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);

  it.each(blocks.map((block, index) => [block.line, index] as const))("the block at README line %i runs and prints what it says", async (_line, index) => {
    const block = blocks[index] as Block;
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    await import(pathToFileURL(files[index] as string).href);
    expect(printed).toEqual(expectedOutput(block.code));
  });
});
