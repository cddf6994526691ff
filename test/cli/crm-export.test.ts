// The shipped example for the real CRM export (../shared/data/crm-sales-opportunities):
// examples/crm-sales-opportunities.config.json with its mapping and pipeline. Counts checked
// with awk on sales_pipeline.csv: 4,238 Won, 2,473 Lost (all with close_value 0), 1,589
// Engaging and 500 Prospecting (no engage_date, no close_date, no close_value); 35 reps in
// sales_teams.csv, 5 of whom own no row.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { InputProblem } from "../../src/cli/cli-error.js";
import { mapTable } from "../../src/cli/map-rows.js";
import { MappingFileSchema } from "../../src/cli/mapping.js";
import { readTable } from "../../src/cli/read-table.js";
import { buildCli, ROOT, runCli } from "./run-cli.js";

const SHARED = join(ROOT, "..", "shared", "data", "crm-sales-opportunities");
const hasShared = existsSync(join(SHARED, "sales_pipeline.csv"));
if (!hasShared) console.warn(`crm-export test: skipping: ${SHARED} is absent`);
const CONFIG = join(ROOT, "examples", "crm-sales-opportunities.config.json");
const mapping = MappingFileSchema.parse(JSON.parse(readFileSync(join(ROOT, "examples", "crm-sales-opportunities.map.json"), "utf8")));
const known = { stage: ["prospecting", "engaging", "won", "lost"] };

describe.skipIf(!hasShared)("the CRM export example", { timeout: 120_000 }, () => {
  beforeAll(() => buildCli(), 120_000);

  it("lost deals' close_value 0 is an unknown amount; open deals take the list price; won deals their value", () => {
    const table = readTable(join(SHARED, "sales_pipeline.csv"), "deals");
    const problems: InputProblem[] = [];
    const { rows } = mapTable(table, "deals", mapping.deals, "UTC", problems, known);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(8800);
    const lost = rows.filter((row) => row.stage === "lost");
    expect(lost).toHaveLength(2473);
    expect(lost.every((row) => !("amount" in row))).toBe(true);
    // 1C1I7A6R, Moses Frase, GTX Plus Basic, Won, close_value 1054
    expect(rows.find((row) => row.id === "1C1I7A6R")?.amount).toBe("1054");
    const open = rows.filter((row) => row.stage === "engaging" || row.stage === "prospecting");
    expect(open).toHaveLength(2089);
    expect(open.every((row) => typeof row.amount === "number" && row.amount > 0)).toBe(true);
  });

  it("Prospecting rows are kept as open deals in prospecting, from the export's last day", () => {
    const table = readTable(join(SHARED, "sales_pipeline.csv"), "deals");
    const { rows } = mapTable(table, "deals", mapping.deals, "UTC", [], known);
    const prospecting = rows.filter((row) => row.stage === "prospecting");
    expect(prospecting).toHaveLength(500);
    expect(prospecting.every((row) => String(row.createdAt).startsWith("2017-12-31") && row.stageHistory === undefined && row.closedAt === undefined)).toBe(true);
  });

  it("report --config: stale deals counted in the notes, reps without deals named, nothing skipped", () => {
    const run = runCli(["report", "--config", CONFIG, "--format", "json"]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      reps: unknown[];
      notes: string[];
      team: { funnel: { steps: Array<{ id: string; count: number }> } | null; cells: Array<{ kpiId: string; actual: string | null }> };
    };
    expect(json.reps).toHaveLength(35);
    // open as of 2017-12-31: 1,589 Engaging + 500 Prospecting = 2,089
    const stale = json.notes.find((note) => note.startsWith("stale deals:"));
    expect(stale).toMatch(/^stale deals: 1,\d{3} of 2,089 open deals as of 2017-12-31 had no stage move for more than 90 days/);
    expect(json.notes).toContain("5 reps of the roster have no deals (shown with zeros): Carl Lin, Carol Thompson, Elizabeth Anderson, Mei-Mei Johns, Natalya Ivanova");
    expect(json.notes).toContain("amounts in USD");
    expect(json.notes).toContain(`2,473 deals rows of ${join(SHARED, "sales_pipeline.csv")} kept with amount unknown (column close_value "0" where stage is lost)`);
    expect(run.stderr).toContain("note: stale deals:");
    expect(run.stderr).not.toContain("skipped");
    // the funnel no longer shows Prospecting = Engaging
    const steps = json.team.funnel?.steps ?? [];
    const count = (id: string) => steps.find((step) => step.id === id)?.count;
    expect(count("prospecting")).toBeGreaterThan(count("engaging") ?? Number.POSITIVE_INFINITY);
    expect(json.team.cells.find((cell) => cell.kpiId === "new-revenue-per-month")?.actual).toBe("1131573");
  });

  it("report --locale nl: Dutch headings, notes and numbers; the JSON stays as it is", () => {
    const run = runCli(["report", "--config", CONFIG, "--locale", "nl", "--format", "md"]);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("--locale");
    const text = run.stdout;
    expect(text.split("\n")[0]).toBe("# Verkoopscorecard 2017-12");
    expect(text).toContain("Periode **2017-12** · nulmeting 2016-11, 2016-12, 2017-01 · tempo in 2018-01 · peildatum 2017-12-31 (UTC)");
    expect(text).toContain("| Kwadrant | KPI | Soort | Realisatie | Nulmeting | Target | Behaald | Status | Trend | Tempo |");
    expect(text).toContain("## Verkopers, gerangschikt op behaald target");
    // awk on sales_pipeline.csv: 511 Won closed in 2017-12 with close_value summing to 1131573,
    // and 140 Lost: win rate 511 / 651 = 78.49 %.
    expect(text).toMatch(/\| Nieuwe omzet per maand \(USD\) \[1\] \| resultaat · naijlend \| 1\.131\.573 \|/);
    expect(text).toMatch(/\| Winratio \[2\] \| inzicht · naijlend \* \| 78,5 % \|/);
    expect(text).toMatch(/Noot: verouderde deals: 1\.\d{3} van 2\.089 open deals hadden op 2017-12-31 al meer dan 90 dagen geen fasewissel/);
    expect(text).toContain("Noot: 5 verkopers uit de bezetting hebben geen deals (met nullen getoond): Carl Lin,");
    expect(text).not.toMatch(/\b(Baseline|Strengths|Focus points|below target|Leaderboard)\b/);
    // JSON: only the KPI names (labels.nl, also in the notes that name a KPI) differ; keys and values do not.
    const withoutNames = (stdout: string) => {
      const card = JSON.parse(stdout) as { kpis: Array<{ name?: string }>; team: unknown; reps: unknown; notes: string[] };
      for (const kpi of card.kpis) delete kpi.name;
      return { kpis: card.kpis, team: card.team, reps: card.reps, notes: card.notes.length };
    };
    const dutch = runCli(["report", "--config", CONFIG, "--locale", "nl", "--format", "json"]).stdout;
    expect(dutch).toContain('"name": "Nieuwe omzet per maand"');
    expect(dutch).toContain('"stale deals: 1,');
    expect(withoutNames(dutch)).toEqual(withoutNames(runCli(["report", "--config", CONFIG, "--format", "json"]).stdout));
  });
});
