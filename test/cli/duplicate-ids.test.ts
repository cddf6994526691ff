import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/cli-error.js";
import { readInput } from "../../src/cli/read-input.js";

const work = mkdtempSync(join(tmpdir(), "sales-kpi-duplicates-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function problems(files: Parameters<typeof readInput>[0]): string {
  try {
    readInput(files, { timeZone: "UTC" });
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error("expected a CliError");
}

describe("the CLI reports a duplicate id at the later row's file and line, and the first row's line", () => {
  it("deals: the second a1 (row index 2) is line 4", () => {
    const deals = file("deals.csv", "id,owner,stage,amount,createdAt,closedAt\na1,ann,won,100,2026-01-05,2026-01-15\nb1,bob,won,200,2026-01-05,2026-01-15\na1,ann,lost,100,2026-01-05,2026-01-20\n");
    expect(problems({ deals })).toBe(`${deals}:4: id: duplicate id "a1": also line 2`);
  });

  it("reps: a rep listed twice in the teams file", () => {
    const deals = file("deals-ok.csv", "id,owner,stage,amount,createdAt,closedAt\na1,ann,won,100,2026-01-05,2026-01-15\n");
    const teams = file("teams.csv", "id,name,team\nann,Ann,North\nbob,Bob,North\nann,Ann,South\n");
    expect(problems({ deals, teams })).toBe(`${teams}:4: id: duplicate id "ann": also line 2`);
  });

  it("the first row's line, not its place among the rows the mapping passed: a bad row before it is not counted", () => {
    // line 2 is left out by the mapping (no owner), so the first a1 (line 3) is the library's deals[0]
    const deals = file("deals-gap.csv", "id,owner,stage,amount,createdAt,closedAt\nz1,,won,100,2026-01-05,2026-01-15\na1,ann,won,100,2026-01-05,2026-01-15\na1,ann,lost,100,2026-01-05,2026-01-20\n");
    expect(problems({ deals })).toBe(`${deals}:2: owner: is empty (column "owner")\n${deals}:4: id: duplicate id "a1": also line 3`);
  });
});
