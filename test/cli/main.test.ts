import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCli } from "./run-cli.js";

let work: string;

beforeAll(() => {
  buildCli();
  work = mkdtempSync(join(tmpdir(), "sales-kpi-cli-"));
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const PIPELINE = JSON.stringify({
  stages: [
    { id: "qualify", probability: 0.2, outcome: "open" },
    { id: "proposal", probability: 0.5, outcome: "open" },
    { id: "won", probability: 1, outcome: "won" },
    { id: "lost", probability: 0, outcome: "lost" },
  ],
});

// Ann and Bob, January–April 2026; reviewed as of 15 May: April against January–March.
const DEALS = `id,owner,stage,amount,createdAt,closedAt
a1,ann,won,1000,2026-01-05,2026-01-15
a2,ann,won,2000,2026-03-05,2026-03-15
a3,ann,won,3000,2026-04-05,2026-04-15
a4,ann,lost,700,2026-04-05,2026-04-20
b1,bob,won,4000,2026-02-05,2026-02-15
b2,bob,lost,900,2026-03-05,2026-03-15
b3,bob,won,1000,2026-04-05,2026-04-15
b4,bob,proposal,1500,2026-04-25,
`;

const ACTIVITIES = `owner,type,at,quantity
ann,call,2026-01-10,10
ann,call,2026-02-10,12
ann,call,2026-03-10,14
ann,call,2026-04-10,15
bob,call,2026-01-10,20
bob,call,2026-02-10,20
bob,call,2026-03-10,20
bob,call,2026-04-10,18
`;

const TEAMS = `id,name,team
ann,Ann Example,North
bob,Bob Example,North
`;

// Each case starts node on the bundle (~0.5 s, more on a busy machine).
describe("sales-kpi (the built CLI, run as a process)", { timeout: 60_000 }, () => {
  it("--help lists the commands; each command has its own help", () => {
    const help = runCli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("demo");
    expect(help.stdout).toContain("report");
    const report = runCli(["report", "--help"]);
    expect(report.status).toBe(0);
    for (const option of ["--deals", "--activities", "--leads", "--pipeline", "--teams", "--map", "--as-of", "--time-zone", "--grain", "--format", "--out"]) {
      expect(report.stdout).toContain(option);
    }
    expect(runCli(["demo", "--help"]).stdout).toContain("--format");
  });

  it("demo prints the sample team's scorecard: the team and every rep, no escape codes when piped", () => {
    const run = runCli(["demo"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Sample team scorecard");
    expect(run.stdout).toMatch(/^Team$/m);
    expect(run.stdout).not.toContain("Team: Team");
    for (const name of ["Anna de Vries", "Bram Jansen", "Chloé Peeters", "Daan Visser", "Eva Smit", "Finn Bakker"]) expect(run.stdout).toContain(`Rep: ${name}`);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it("demo --format json is the documented JSON shape", () => {
    const run = runCli(["demo", "--format", "json"]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { format: string; version: number; reps: unknown[]; team: { cells: Array<{ actual: unknown }> } };
    expect(json.format).toBe("sales-kpi/scorecard");
    expect(json.version).toBe(1);
    expect(json.reps).toHaveLength(6);
    expect(typeof json.team.cells[0]?.actual).toBe("string");
  });

  it("report from CSV files: Ann's calls 15 against a target of 13.2, written atomically to --out", () => {
    const out = join(work, "report.json");
    const run = runCli([
      "report",
      "--deals", file("deals.csv", DEALS),
      "--activities", file("activities.csv", ACTIVITIES),
      "--teams", file("teams.csv", TEAMS),
      "--pipeline", file("pipeline.json", PIPELINE),
      "--as-of", "2026-05-15",
      "--kpis", "calls,new-revenue-per-month,win-rate",
      "--format", "json",
      "--out", out,
    ]);
    expect(run.stderr).toContain(`wrote ${out}`);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    const json = JSON.parse(readFileSync(out, "utf8")) as {
      period: { label: string };
      reps: Array<{ id: string; name: string; team: string; cells: Array<{ kpiId: string; actual: string; target: string | null }> }>;
    };
    expect(json.period.label).toBe("2026-04");
    const ann = json.reps.find((rep) => rep.id === "ann");
    expect(ann?.name).toBe("Ann Example");
    expect(ann?.team).toBe("North");
    const calls = ann?.cells.find((cell) => cell.kpiId === "calls");
    expect(calls?.actual).toBe("15");
    expect(calls?.target).toBe("13.2");
    expect(ann?.cells.find((cell) => cell.kpiId === "new-revenue-per-month")?.actual).toBe("3000");
  });

  it("report --format md and html render the same data", () => {
    const args = ["report", "--deals", join(work, "deals.csv"), "--activities", join(work, "activities.csv"), "--pipeline", join(work, "pipeline.json"), "--as-of", "2026-05-15", "--kpis", "calls"];
    const md = runCli([...args, "--format", "md"]);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain("## Rep: ann");
    expect(md.stdout).toContain("| Finding | Calls | action · lead | 15 | 12 | 13.2 | 113.6% | met |");
    const html = runCli([...args, "--format", "html"]);
    expect(html.status).toBe(0);
    expect(html.stdout.match(/<tr data-rep=/g)).toHaveLength(2);
  });

  it("a partial result is never silent: deals without an amount column give notes on stderr, the report alone on stdout", () => {
    // Ann won a deal in January and one in April, but the export has no amount column:
    // revenue is 0 because no row was counted, not because nothing was sold.
    const deals = file("deals-without-amount.csv", "id,owner,stage,createdAt,closedAt\na1,ann,won,2026-01-05,2026-01-15\na2,ann,won,2026-04-05,2026-04-15\n");
    const run = runCli(["report", "--deals", deals, "--as-of", "2026-05-15", "--kpis", "new-revenue-per-month", "--format", "json"]);
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toContain("note: New revenue per month: 2 rows not counted (missing-amount)");
    expect(lines).toContain("note: no --pipeline given: the default pipeline lead → qualified → proposal → negotiation → won/lost was used");
    expect(lines.every((line) => line.startsWith("note: "))).toBe(true);
    // stdout is the data only: the same notes are in the JSON, nothing else is mixed in
    const json = JSON.parse(run.stdout) as { notes: string[] };
    expect(json.notes.map((note) => `note: ${note}`)).toEqual(lines);
  });

  it("JSON input in the library's shape; --time-zone decides the month of a late-evening win", () => {
    // won at 23:30 on 31 March in New York = 04:30 on 1 April UTC
    const deals = file(
      "deals.json",
      JSON.stringify({
        deals: [
          { id: "n1", owner: "ann", stage: "won", amount: "1250.50", createdAt: "2026-03-01", closedAt: "2026-03-31T23:30:00-04:00", stageHistory: [{ stage: "qualify", at: "2026-03-01" }, { stage: "won", at: "2026-03-31T23:30:00-04:00" }] },
        ],
      }),
    );
    const revenue = (timeZone: string, asOf: string): string | null => {
      const run = runCli(["report", "--deals", deals, "--pipeline", join(work, "pipeline.json"), "--as-of", asOf, "--time-zone", timeZone, "--kpis", "new-revenue-per-month", "--format", "json"]);
      expect(run.status).toBe(0);
      const json = JSON.parse(run.stdout) as { team: { cells: Array<{ actual: string | null }> } };
      return json.team.cells[0]?.actual ?? null;
    };
    // reviewing March: in New York the deal is a March win, in UTC an April one
    expect(revenue("America/New_York", "2026-04-10")).toBe("1250.5");
    expect(revenue("UTC", "2026-04-10")).toBe("0");
    expect(revenue("UTC", "2026-05-10")).toBe("1250.5");
  });

  describe("bad input: exit code ≠ 0, file and line in the message, no output file", () => {
    function expectFailure(deals: string, expected: RegExp, extra: string[] = []): void {
      const out = join(work, "bad-out.md");
      rmSync(out, { force: true });
      const dealsFile = file("bad-deals.csv", deals);
      const run = runCli(["report", "--deals", dealsFile, "--pipeline", join(work, "pipeline.json"), "--as-of", "2026-05-15", "--format", "md", "--out", out, ...extra]);
      expect(run.status).not.toBe(0);
      expect(run.status).not.toBeNull();
      expect(run.stderr).toMatch(expected);
      expect(run.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
      // no temporary file left behind either
      expect(readdirSync(work).filter((name) => name.endsWith(".tmp") || name.startsWith(".bad-out"))).toEqual([]);
    }

    it("a missing required column is reported at the header, line 1", () => {
      expectFailure("id,owner,stage,amount\na1,ann,won,100\n", /bad-deals\.csv:1: createdAt: column "createdAt" is missing/);
    });

    it("a bad date names its line: row index 2 is line 4", () => {
      const csv = DEALS.split("\n").slice(0, 3).join("\n") + "\na9,ann,won,100,2026-13-45,2026-04-01\n";
      expectFailure(csv, /bad-deals\.csv:4: createdAt: expected an ISO 8601 date-time/);
    });

    it("a bad number names its line and field", () => {
      const csv = DEALS.split("\n").slice(0, 2).join("\n") + "\na9,ann,won,12x,2026-04-01,2026-04-02\n";
      expectFailure(csv, /bad-deals\.csv:3: amount: expected a number such as 1234\.50, got "12x"/);
    });

    it("a problem the library finds (closed before created) is mapped back to the CSV line", () => {
      const csv = `${DEALS}a9,ann,won,100,2026-04-10,2026-04-01\n`;
      expectFailure(csv, /bad-deals\.csv:10: closedAt: closedAt is before createdAt/);
    });

    it("every problem comes in one run, by line: a bad amount (the mapping's) and an unknown stage and a close before creation (the library's)", () => {
      const csv =
        "id,owner,stage,amount,createdAt,closedAt\n" +
        "a1,ann,won,100,2026-04-01,2026-04-02\n" +
        "a2,ann,negotiating,100,2026-04-01,\n" + // line 3: unknown stage (library)
        "a3,ann,won,12x,2026-04-01,2026-04-02\n" + // line 4: bad amount (mapping)
        "a4,ann,won,100,2026-04-10,2026-04-01\n"; // line 5: closed before created (library)
      const dealsFile = file("bad-deals.csv", csv);
      const run = runCli(["report", "--deals", dealsFile, "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-05-15"]);
      expect(run.status).toBe(2);
      expect(run.stderr.split("\n").filter((line) => line !== "").map((line) => line.replace(/:[^:]*$/, "").replace(`${dealsFile}:`, ""))).toEqual([
        "3: stage: unknown stage \"negotiating\"",
        "4: amount",
        "5: closedAt",
      ]);
    });

    it("activities too: a mapping problem and the library's duplicate id, by line, in one run", () => {
      const activities = file("bad-activities.csv", "id,owner,type,at\nc1,ann,call,2026-04-02T09:00:00Z\nc2,,call,2026-04-03T09:00:00Z\nc1,ann,call,2026-04-04T09:00:00Z\n");
      const run = runCli(["report", "--activities", activities, "--as-of", "2026-05-15", "--kpis", "calls"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`${activities}:3: owner: is empty (column "owner")\n${activities}:4: id: duplicate id "c1": also line 2\n`);
    });

    it("an empty file is one problem that says so, not a missing column per field; a header naming a column twice is refused", () => {
      expectFailure("", /^[^\n]*bad-deals\.csv: the file is empty \(expected a header row, then one row per record\)\n$/);
      expectFailure("\uFEFF\n\n", /bad-deals\.csv: the file is empty/);
      expectFailure("id,owner,owner,stage,amount,createdAt,closedAt\na1,ann,bob,won,100,2026-04-01,2026-04-02\n", /bad-deals\.csv:1: column "owner" appears 2 times in the header \(columns 2 and 3\)/);
      // the same for a header without rows, and for a text csv-parse reads (quoted fields)
      expectFailure("id,owner,owner\n", /column "owner" appears 2 times/);
      expectFailure('id,"owner",owner,stage,amount,createdAt,closedAt\na1,ann,bob,won,100,2026-04-01,2026-04-02\n', /column "owner" appears 2 times/);
    });

    it("a file with a header and no rows is named in a note, not a silent blank report", () => {
      const deals = file("header-only.csv", "id,owner,stage,amount,createdAt,closedAt\n");
      const run = runCli(["report", "--deals", deals, "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-05-15", "--kpis", "new-revenue-per-month"]);
      expect(run.stderr).toContain(`note: ${deals} has no rows (only a header): no deals were read`);
    });

    it("under --invalid-rows skip the report's notes name a skipped row by its file and line, as stderr does, not by its place among the rows", () => {
      const deals = file(
        "skip-deals.csv",
        "id,owner,stage,amount,createdAt,closedAt\n" +
          "a1,ann,won,100,2026-04-01,2026-04-02\n" +
          "a2,ann,won,12x,2026-04-01,2026-04-02\n" + // line 3: the mapping leaves it out
          "a3,ann,negotiating,100,2026-04-01,\n", // line 4: the library's second row (deals[1])
      );
      const run = runCli(["report", "--deals", deals, "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-05-15", "--kpis", "new-revenue-per-month", "--invalid-rows", "skip", "--format", "md", "--out", "-"]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`${deals}:4 skipped: stage: unknown stage "negotiating"`);
      expect(run.stdout).not.toContain("deals[1]");
    });

    it("the default set follows the activity types of the file: calls, emails and meetings for an export of those, not three rows of 0; --kpis is kept as asked", () => {
      const rows = ["id,owner,type,at", ...Array.from({ length: 40 }, (_, i) => `a${i},${i % 2 === 0 ? "ann" : "bob"},${["call", "email", "meeting", "Demo"][i % 4]},2026-0${1 + (i % 4)}-1${i % 10}T10:00:00Z`)];
      const activities = file("typed-activities.csv", `${rows.join("\n")}\n`);
      const ids = (extra: string[]) => {
        const run = runCli(["report", "--activities", activities, "--as-of", "2026-04-30", "--format", "json", ...extra]);
        expect(run.status).toBe(0);
        return { ids: (JSON.parse(run.stdout) as { kpis: Array<{ id: string }> }).kpis.map((kpi) => kpi.id), stderr: run.stderr };
      };
      const chosen = ids([]);
      expect(chosen.ids).toEqual(["calls", "emails", "meetings"]);
      expect(chosen.stderr).toContain("warning: the default activity KPIs (first-meetings, qualified-proposals, training-hours) count types the activities file does not have; calls, emails, meetings shown instead (choose with --kpis)");
      expect(ids(["--kpis", "first-meetings"]).ids).toEqual(["first-meetings"]);
    });

    it("past the library's hundred invalid rows the count says 'at least': the rest are found on the next run", () => {
      const rows = ["id,owner,type,at", ...Array.from({ length: 150 }, (_, i) => `c${i},ann,call,2026-04-${String((i % 28) + 1).padStart(2, "0")}T25:00:00Z`)];
      const activities = file("many-bad.csv", `${rows.join("\n")}\n`);
      const run = runCli(["report", "--activities", activities, "--as-of", "2026-05-15", "--kpis", "calls"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("… and at least 80 more problems (the library names the first 100 invalid rows it finds; fix these and run again for the rest)");
    });

    it("a date format that misreads the activities (found once they are all read) stops first, like a whole-file problem in any file: no other file's row problems beside it", () => {
      const acts = ["owner,type,at,quantity", ...Array.from({ length: 60 }, (_, i) => `ann,call,2026-0${1 + (i % 3)}-${String((i % 28) + 1).padStart(2, "0")} 09:15,1`)];
      const activities = file("collapse-acts.csv", `${acts.join("\n")}\n`);
      const map = file("collapse.map.json", JSON.stringify({ activities: { fields: { at: { column: "at", date: "yyyy-mm-dd HH:ss" } } } }));
      const deals = file("collapse-deals.csv", "id,owner,stage,amount,createdAt,closedAt\na1,ann,negotiating,100,2026-04-01,\n");
      const run = runCli(["report", "--deals", deals, "--activities", activities, "--map", map, "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-05-15"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/date format "yyyy-mm-dd HH:ss" misreads column "at"/);
      expect(run.stderr).not.toContain("unknown stage");
    });

    it("a mapping's unknown.when value that no row has is a warning on stderr and in the report, not a rule that silently never applies", () => {
      const deals = file("when-deals.csv", "id,owner,stage,amount,createdAt,closedAt\na1,ann,won,100,2026-04-01,2026-04-20\na2,ann,lost,0,2026-04-02,2026-04-21\n");
      const map = file("when.map.json", JSON.stringify({ deals: { fields: { amount: { column: "amount", unknown: { values: ["0"], when: { stage: ["lsot"] } } } } } }));
      const run = runCli(["report", "--deals", deals, "--map", map, "--as-of", "2026-05-15", "--kpis", "win-rate", "--format", "md"]);
      expect(run.status).toBe(0);
      const warning = `mapping deals.fields.amount.unknown.when.stage: no row of ${deals} has stage "lsot", so the rule never applies`;
      expect(run.stderr).toContain(`warning: ${warning}`);
      expect(run.stdout).toContain(warning);
    });

    it("an unknown stage is reported with its line", () => {
      expectFailure("id,owner,stage,amount,createdAt,closedAt\na1,ann,negotiating,100,2026-04-01,\n", /bad-deals\.csv:2: stage: unknown stage "negotiating"/);
    });

    it("without --pipeline, a stage the default pipeline lacks says which stages it has and what to do; with one it does not", () => {
      const csv = "id,owner,stage,amount,createdAt,closedAt\na1,ann,won,100,2026-01-05,2026-01-15\na2,ann,open,100,2026-04-05,\n";
      const deals = file("own-stages.csv", csv);
      const run = runCli(["report", "--deals", deals, "--as-of", "2026-05-15"]);
      expect(run.stderr).toBe(
        `${deals}:3: stage: unknown stage "open": not in the pipeline\n` +
          "(no --pipeline given: the default stages are lead, qualified, proposal, negotiation, won, lost; pass --pipeline or map stage names with --map)\n",
      );
      expect(run.status).toBe(2);
      const withPipeline = runCli(["report", "--deals", deals, "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-05-15"]);
      expect(withPipeline.stderr).toBe(`${deals}:3: stage: unknown stage "open": not in the pipeline\n`);
    });

    it("an unreadable file or an unknown option is a clear error", () => {
      const run = runCli(["report", "--deals", join(work, "nope.csv"), "--as-of", "2026-05-15"]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain("nope.csv: file not found");
      const bad = runCli(["report", "--deals", join(work, "deals.csv"), "--as-of", "2026-05-15", "--format", "pdf"]);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain("pdf");
    });
  });

  describe("exit status: 0 ok, 1 a usage error, 2 a problem in the data or definitions, as --help says", () => {
    const report = (deals: string, extra: string[] = []) =>
      runCli(["report", "--deals", deals, "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-05-15", "--kpis", "new-revenue-per-month", ...extra]);
    const goodDeals = () => file("deals.csv", DEALS);

    it("--help of the program and of each command explains the exit statuses", () => {
      for (const args of [["--help"], ["report", "--help"], ["demo", "--help"]]) {
        const help = runCli(args);
        expect(help.status).toBe(0);
        expect(help.stdout).toContain("Exit status:");
        expect(help.stdout).toMatch(/^ {2}1 {2}usage error/m);
        expect(help.stdout).toMatch(/^ {2}2 {2}problem in the data or definitions/m);
      }
    });

    it("a CSV syntax error is a problem in the data, like a bad row: 2", () => {
      const unclosed = report(file("unclosed-quote.csv", 'id,owner,stage,amount,createdAt,closedAt\na1,ann,won,"100,2026-04-01,2026-04-02\n'));
      expect(unclosed.stderr).toContain("unclosed-quote.csv:2: not valid CSV");
      expect(unclosed.status).toBe(2);
      const badRow = report(file("bad-row.csv", "id,owner,stage,amount,createdAt,closedAt\na1,ann,won,12x,2026-04-01,2026-04-02\n"));
      expect(badRow.stderr).toContain('bad-row.csv:2: amount: expected a number such as 1234.50, got "12x"');
      expect(badRow.status).toBe(2);
    });

    it("a JSON syntax error in a data or pipeline file is 2 too", () => {
      expect(report(file("broken.json", '{"deals": [')).status).toBe(2);
      const pipeline = runCli(["report", "--deals", goodDeals(), "--pipeline", file("broken-pipeline.json", "{ stages: }"), "--as-of", "2026-05-15"]);
      expect(pipeline.stderr).toContain("broken-pipeline.json: not valid JSON");
      expect(pipeline.status).toBe(2);
    });

    it("an option value the library rejects is named by its flag, not by the library's option: a usage error", () => {
      const uplift = report(goodDeals(), ["--uplift", "abc"]);
      expect(uplift.stderr).toBe('--uplift: expected a decimal string or number, below 10^18 in size (0, or at least 10^-1000) with at most 40 significant digits, got "abc"\n');
      expect(uplift.status).toBe(1);
      // 30 February looks like a date but is none
      const asOf = runCli(["report", "--deals", goodDeals(), "--pipeline", file("pipeline.json", PIPELINE), "--as-of", "2026-02-30"]);
      expect(asOf.stderr).toBe('--as-of: "2026-02-30" is not a valid date; expected one such as 2026-11-30 (or an ISO date-time with offset)\n');
      expect(asOf.status).toBe(1);
      const periods = report(goodDeals(), ["--baseline-periods", "40"]);
      expect(periods.stderr).toMatch(/^--baseline-periods: .*36.*, got "40"\n$/);
      expect(periods.status).toBe(1);
      const demo = runCli(["demo", "--uplift", "-0.5"]);
      expect(demo.stderr).toBe('--uplift: expected a number of 0 or more, got "-0.5"\n');
      expect(demo.status).toBe(1);
    });

    it("an unknown option, a bad option value or a file that cannot be read is a usage error: 1", () => {
      expect(report(goodDeals(), ["--bogus"]).status).toBe(1);
      expect(report(goodDeals(), ["--format", "pdf"]).status).toBe(1);
      expect(report(goodDeals(), ["--baseline-periods", "0"]).status).toBe(1);
      const missing = report(join(work, "no-such-file.csv"));
      expect(missing.stderr).toContain("no-such-file.csv: file not found");
      expect(missing.status).toBe(1);
    });
  });

  const SHARED = join(ROOT, "..", "shared", "data", "crm-sales-opportunities");
  const hasShared = existsSync(join(SHARED, "sales_pipeline.csv"));
  if (!hasShared) console.warn(`cli test: skipping the real sample export: ${SHARED} is absent`);

  it.skipIf(!hasShared)("--program-start moves the baseline (nulmeting) to the periods before it, --target-policy rolling to those before the reviewed month; both also from the config", () => {
    const header = (extra: string[]) => {
      const run = runCli(["report", "--config", join(ROOT, "examples", "crm-sales-opportunities.config.json"), "--format", "md", "--out", "-", ...extra]);
      expect(run.status).toBe(0);
      return run.stdout.split("\n")[2];
    };
    // The export's deals start in October 2016: by default the window is its first three complete months.
    expect(header([])).toContain("baseline 2016-11, 2016-12, 2017-01");
    expect(header(["--program-start", "2017-06-01"])).toContain("baseline 2017-03, 2017-04, 2017-05");
    expect(header(["--target-policy", "rolling"])).toContain("baseline 2017-09, 2017-10, 2017-11");
    const example = JSON.parse(readFileSync(join(ROOT, "examples", "crm-sales-opportunities.config.json"), "utf8")) as Record<string, unknown>;
    const absolute = Object.fromEntries(["deals", "teams", "map", "pipeline"].map((key) => [key, join(ROOT, "examples", String(example[key]))]));
    const config = file("programme.config.json", JSON.stringify({ ...example, $schema: undefined, ...absolute, programStart: "2017-06-01" }));
    const fromConfig = runCli(["report", "--config", config, "--format", "md", "--out", "-"]);
    expect(fromConfig.status).toBe(0);
    expect(fromConfig.stdout.split("\n")[2]).toContain("baseline 2017-03, 2017-04, 2017-05");
    // a start whose baseline is not over by --as-of, or lies before the data, gives no target: said so
    const late = runCli(["report", "--config", join(ROOT, "examples", "crm-sales-opportunities.config.json"), "--program-start", "2018-03-01", "--format", "md", "--out", "-"]);
    expect(late.stderr).toContain("warning: --program-start 2018-03-01: its baseline window (2017-12, 2018-01, 2018-02) has not ended by --as-of 2017-12-31, so the targets have not begun");
    const early = runCli(["report", "--config", join(ROOT, "examples", "crm-sales-opportunities.config.json"), "--program-start", "2015-01-01", "--format", "md", "--out", "-"]);
    expect(early.stderr).toContain("warning: --program-start 2015-01-01: its baseline window (2014-10, 2014-11, 2014-12) lies before the data's first row, so there is no baseline and no target");
    const bad = runCli(["report", "--config", join(ROOT, "examples", "crm-sales-opportunities.config.json"), "--program-start", "2017-13-01"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--program-start: expected an ISO 8601 date-time');
  });

  it.skipIf(!hasShared)("a weekly review with the default set leaves out the monthly KPI with a note instead of failing; asked for, it is the library's error", () => {
    const config = join(ROOT, "examples", "crm-sales-opportunities.config.json");
    const weekly = runCli(["report", "--config", config, "--grain", "week", "--as-of", "2017-12-24", "--format", "json"]);
    expect(weekly.status).toBe(0);
    expect(weekly.stderr).toContain("warning: KPI new-revenue-per-month left out of the default set: it is read per month, the report per week (choose with --kpis)");
    expect((JSON.parse(weekly.stdout) as { kpis: Array<{ id: string }> }).kpis.map((kpi) => kpi.id)).not.toContain("new-revenue-per-month");
    const asked = runCli(["report", "--config", config, "--grain", "week", "--as-of", "2017-12-24", "--kpis", "new-revenue-per-month"]);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain("new-revenue-per-month");
  });

  it.skipIf(!hasShared)("the real sample export with the example mapping: 35 reps, Prospecting rows kept as open deals", () => {
    const run = runCli([
      "report",
      "--deals", join(SHARED, "sales_pipeline.csv"),
      "--teams", join(SHARED, "sales_teams.csv"),
      "--map", join(ROOT, "examples", "crm-sales-opportunities.map.json"),
      "--pipeline", join(ROOT, "examples", "crm-sales-opportunities.pipeline.json"),
      "--as-of", "2017-12-31",
      "--format", "json",
    ]);
    expect(run.stderr).not.toContain("skipped");
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      period: { label: string };
      reps: Array<{ id: string; team: string | null }>;
      team: { cells: Array<{ kpiId: string; actual: string | null }>; repsWithPace: number; repsOnTrack: number };
      notes: string[];
    };
    expect(json.period.label).toBe("2017-12");
    expect(json.reps).toHaveLength(35);
    // as of 31 December, January has not begun: no rep has a pace (not "0 of 35 on track")
    expect(json.team.repsWithPace).toBe(0);
    expect(json.team.repsOnTrack).toBe(0);
    expect(json.reps.find((rep) => rep.id === "Anna Snelling")?.team).toBe("Central");
    expect(json.notes.some((note) => note.includes("rows of") && note.includes("skipped"))).toBe(false);
    // one regional office only
    const central = runCli([
      "report",
      "--deals", join(SHARED, "sales_pipeline.csv"),
      "--teams", join(SHARED, "sales_teams.csv"),
      "--map", join(ROOT, "examples", "crm-sales-opportunities.map.json"),
      "--pipeline", join(ROOT, "examples", "crm-sales-opportunities.pipeline.json"),
      "--as-of", "2017-12-31",
      "--team", "Central",
      "--format", "json",
    ]);
    expect(central.status).toBe(0);
    const centralJson = JSON.parse(central.stdout) as { team: { name: string }; reps: Array<{ team: string | null }> };
    expect(centralJson.team.name).toBe("Central");
    expect(centralJson.reps.length).toBeGreaterThan(0);
    expect(centralJson.reps.length).toBeLessThan(35);
    expect(centralJson.reps.every((rep) => rep.team === "Central")).toBe(true);
    const unknown = runCli(["report", "--deals", join(SHARED, "sales_pipeline.csv"), "--teams", join(SHARED, "sales_teams.csv"), "--map", join(ROOT, "examples", "crm-sales-opportunities.map.json"), "--pipeline", join(ROOT, "examples", "crm-sales-opportunities.pipeline.json"), "--as-of", "2017-12-31", "--team", "Mars"]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('--team: no rep or row has team "Mars"; teams: Central, East, West');
    // December 2017 revenue: the sum of close_value of Won rows closed in 2017-12 (checked with awk)
    expect(json.team.cells.find((cell) => cell.kpiId === "new-revenue-per-month")?.actual).toBe("1131573");
  }, 120_000);
});
