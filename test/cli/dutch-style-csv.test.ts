// A new user's first files, as a Dutch spreadsheet writes them: semicolons, amounts with a
// decimal comma ("1.234,50"), dates day first ("03-09-2026"). Each mistake gets a message
// that says what to write; `init` guesses the formats, so `init` then `report` just works.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runCli } from "./run-cli.js";

const DEALS = ["id;owner;stage;amount;createdAt;closedAt", "d1;Anna;won;1.234,50;03-09-2026;15-10-2026", "d2;Anna;lost;500;05-09-2026;20-10-2026", "d3;Bram;won;2500;10-09-2026;01-11-2026", "d4;Bram;negotiation;3.000;12-10-2026;", ""].join("\n");
const PIPELINE = { stages: [{ id: "negotiation", probability: 0.5, outcome: "open" }, { id: "won", probability: 1, outcome: "won" }, { id: "lost", probability: 0, outcome: "lost" }] };
const MAP = { deals: { fields: { amount: { column: "amount", decimalComma: true }, createdAt: { column: "createdAt", date: "dd-MM-yyyy" }, closedAt: { column: "closedAt", date: "dd-MM-yyyy" } } } };

let work: string;
beforeAll(() => {
  buildCli();
  work = mkdtempSync(join(tmpdir(), "sales-kpi-dutch-csv-"));
  writeFileSync(join(work, "deals.csv"), DEALS);
  writeFileSync(join(work, "pipeline.json"), JSON.stringify(PIPELINE));
  writeFileSync(join(work, "map.json"), JSON.stringify(MAP));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Cells {
  readonly team: { readonly cells: ReadonlyArray<{ readonly kpiId: string; readonly actual: string | null }> };
}
const actual = (stdout: string, kpi: string) => (JSON.parse(stdout) as Cells).team.cells.find((cell) => cell.kpiId === kpi)?.actual;

describe("a Dutch-style CSV", { timeout: 60_000 }, () => {
  it("a decimal comma without the mapping's decimalComma: the row, the cell and what to set", () => {
    const run = runCli(["report", "--deals", "deals.csv", "--pipeline", "pipeline.json", "--as-of", "2026-10-31"], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('deals.csv:2: amount: expected a number such as 1234.50, got "1.234,50" (written with a decimal comma? set "decimalComma": true on the amount field of the mapping)');
  });

  it("a day-first date without a date format: the format to give, guessed from the cell", () => {
    writeFileSync(join(work, "amounts-only.json"), JSON.stringify({ deals: { fields: { amount: { column: "amount", decimalComma: true } } } }));
    const run = runCli(["report", "--deals", "deals.csv", "--pipeline", "pipeline.json", "--map", "amounts-only.json", "--as-of", "2026-10-31"], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('deals.csv:2: createdAt: expected a date as YYYY-MM-DD (or an ISO date-time), got "03-09-2026": give the column\'s format in the mapping, such as "createdAt": { "column": "createdAt", "date": "dd-MM-yyyy" }');
  });

  it("with decimalComma and the date format: October's new revenue is d1's 1.234,50 = 1234.5, and 3.000 is 3000", () => {
    const run = runCli(["report", "--deals", "deals.csv", "--pipeline", "pipeline.json", "--map", "map.json", "--as-of", "2026-10-31", "--format", "json"], work);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(actual(run.stdout, "new-revenue-per-month")).toBe("1234.5");
    // open at the end of October: d3 (2500, won in November) and d4 (3000) at 50 %
    expect(actual(run.stdout, "weighted-pipeline-value")).toBe("2750");
    const dutch = runCli(["report", "--deals", "deals.csv", "--pipeline", "pipeline.json", "--map", "map.json", "--as-of", "2026-10-31", "--format", "md", "--locale", "nl"], work);
    // money from 100 up without cents, half to even: 1234.5 → 1.234
    expect(dutch.stdout).toMatch(/\| Nieuwe omzet per maand \[\d\] \| resultaat · naijlend \| 1\.234 \|/);
  });

  it("a mistyped KPI id is named with the id it most likely means", () => {
    const run = runCli(["report", "--deals", "deals.csv", "--pipeline", "pipeline.json", "--map", "map.json", "--as-of", "2026-10-31", "--kpis", "win-rate,winrat"], work);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('--kpis: unknown KPI "winrat" (did you mean "win-rate"?); known: ');
  });

  it("init guesses the decimal comma and the day-first dates, so its config reports at once", () => {
    const folder = join(work, "init");
    mkdirSync(folder);
    writeFileSync(join(folder, "deals.csv"), DEALS);
    const init = runCli(["init", "deals.csv"], folder);
    expect(init.status).toBe(0);
    expect(init.stderr + init.stdout).toContain('deals.amount ← "amount", amounts with a decimal comma (1.234,50)');
    const config = JSON.parse(readFileSync(join(folder, "sales-kpi.config.json"), "utf8")) as { map: { deals: { fields: Record<string, unknown> } }; asOf: string; out?: string };
    expect(config.map.deals.fields.amount).toEqual({ column: "amount", decimalComma: true });
    writeFileSync(join(folder, "sales-kpi.config.json"), JSON.stringify({ ...config, asOf: "2026-10-31", format: "json", out: "-" }));
    const report = runCli(["report"], folder);
    expect(report.status).toBe(0);
    expect(actual(report.stdout, "new-revenue-per-month")).toBe("1234.5");
  });
});
