// The analyst's CLI on the fixtures in test/cli/fixtures/: the config file and init, value
// spellings, warnings instead of silent zeros and shifts, output safety. Each case runs the
// built CLI as a process (like `npx sales-kpi`).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SalesKpiConfigSchema } from "../../src/cli/config-file.js";
import { guessPipeline } from "../../src/cli/init-config.js";
import { buildCli, ROOT, runCli } from "./run-cli.js";

const FIXTURES = join(ROOT, "test", "cli", "fixtures");
const BASIC = join(FIXTURES, "basic");
let work: string;

beforeAll(() => {
  buildCli();
  work = mkdtempSync(join(tmpdir(), "sales-kpi-config-"));
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface ReportJson {
  period: { label: string };
  kpis: Array<{ id: string; name: string }>;
  team: { cells: Array<{ kpiId: string; actual: string | null }> };
  reps: Array<{ id: string; cells: Array<{ kpiId: string; actual: string | null; baseline: { value: string | null; sufficient: boolean } | null; note: string | null }> }>;
  notes: string[];
}

function cell(json: ReportJson, rep: string, kpi: string) {
  return json.reps.find((one) => one.id === rep)?.cells.find((one) => one.kpiId === kpi);
}

describe("sales-kpi report with a config file", { timeout: 60_000 }, () => {
  it("sales-kpi.config.json in the working folder is read; its relative paths are the config's folder's", () => {
    const run = runCli(["report"], BASIC);
    expect(run.stderr).not.toContain("Error");
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.period.label).toBe("2026-04");
    // Ann's calls in April: 15; a custom KPI from the config: Ann won 1 deal in April
    expect(cell(json, "ann", "calls")?.actual).toBe("15");
    expect(cell(json, "ann", "big-wins")?.actual).toBe("1");
    // baselineMethod median: Bob's revenue January–March is 0, 4000, 0 → median 0 (the mean would be 1333.33)
    expect(cell(json, "bob", "new-revenue-per-month")?.baseline?.value).toBe("0");
  });

  it("--config FILE from another folder resolves the paths against the config file, and flags override it", () => {
    const run = runCli(["report", "--config", join(BASIC, "sales-kpi.config.json"), "--as-of", "2026-04-15", "--baseline-method", "mean"], work);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ReportJson;
    // --as-of overrides asOf: March is reviewed
    expect(json.period.label).toBe("2026-03");
    // Reviewing March, the baseline window is December–February, and December lies before the
    // data's first row (5 January): no baseline rather than a December counted as 0.
    expect(cell(json, "bob", "new-revenue-per-month")?.baseline?.sufficient).toBe(false);
    expect(cell(json, "bob", "new-revenue-per-month")?.note).toMatch(/before the first row/);
    // --baseline-method mean overrides median: reviewing April, Bob's January–March 0, 4000, 0 → 1333.33…
    const april = JSON.parse(runCli(["report", "--config", join(BASIC, "sales-kpi.config.json"), "--baseline-method", "mean"], work).stdout) as ReportJson;
    expect(cell(april, "bob", "new-revenue-per-month")?.baseline?.value?.slice(0, 7)).toBe("1333.33");
    const md = runCli(["report", "--config", join(BASIC, "sales-kpi.config.json"), "--format", "md"], work);
    expect(md.stdout).toMatch(/^# Sales scorecard 2026-04/);
  });

  it("out in the config is relative to the config file's folder too", () => {
    const folder = mkdtempSync(join(work, "relative-out-"));
    writeFileSync(join(folder, "c.json"), JSON.stringify({ deals: join(BASIC, "deals.csv"), pipeline: join(BASIC, "pipeline.json"), asOf: "2026-05-15", format: "md", out: "report.md" }));
    const run = runCli(["report", "--config", join(folder, "c.json")], ROOT);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`wrote ${join(folder, "report.md")}`);
    expect(readFileSync(join(folder, "report.md"), "utf8")).toMatch(/^# Sales scorecard 2026-04/);
    expect(existsSync(join(ROOT, "report.md"))).toBe(false);
  });

  it("a config with an unknown key or a bad KPI definition is a data problem (2), named by its path", () => {
    const bad = join(work, "bad.config.json");
    writeFileSync(bad, JSON.stringify({ deals: "deals.csv", asOf: "2026-05-15", asof: "typo", kpis: ["calls", { id: "x", kind: "action" }] }));
    const run = runCli(["report", "--config", bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${bad}: Unrecognized key: "asof"`);
    expect(run.stderr).toMatch(/kpis\[1\]\.labels: Invalid input/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const missing = runCli(["report", "--config", join(work, "none.json")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("none.json: file not found");
  });

  it("a bad value in the config is named by the config file and its key, a data problem (2); the same value as a flag is named by the flag, a usage error (1)", () => {
    const config = join(work, "values.config.json");
    const base = { deals: join(BASIC, "deals.csv"), pipeline: join(BASIC, "pipeline.json"), asOf: "2026-05-15", kpis: ["new-revenue-per-month"] };
    writeFileSync(config, JSON.stringify({ ...base, uplift: -2 }));
    const uplift = runCli(["report", "--config", config]);
    expect(uplift.status).toBe(2);
    expect(uplift.stderr).toMatch(new RegExp(`${config.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: uplift: .*, got "-2"`));
    writeFileSync(config, JSON.stringify({ ...base, timeZone: "Europe/Amsterdm" }));
    const zone = runCli(["report", "--config", config]);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain(`${config}: timeZone: unknown time zone "Europe/Amsterdm"`);
    writeFileSync(config, JSON.stringify(base));
    const flag = runCli(["report", "--config", config, "--uplift", "-2", "--time-zone", "UTC"]);
    expect(flag.status).toBe(1);
    expect(flag.stderr).toMatch(/^--uplift: .*, got "-2"/m);
  });

  it("the shipped example config and the fixture config fit the schema", () => {
    for (const file of [join(ROOT, "examples", "crm-sales-opportunities.config.json"), join(BASIC, "sales-kpi.config.json")]) {
      expect(SalesKpiConfigSchema.safeParse(JSON.parse(readFileSync(file, "utf8"))).success).toBe(true);
    }
  });

  it("the calendar: weekStartsOn and fiscalYearStartMonth from the config, or their flags", () => {
    const config = join(work, "calendar.config.json");
    writeFileSync(config, JSON.stringify({ deals: join(BASIC, "deals.csv"), pipeline: join(BASIC, "pipeline.json"), asOf: "2026-07-15", grain: "quarter", fiscalYearStartMonth: 4, kpis: ["new-revenue-per-month"], format: "json" }));
    const run = runCli(["report", "--config", config]);
    expect(run.status).toBe(0);
    // April–June 2026 is the first quarter of the fiscal year ending March 2027: 3000 + 1000 won in April
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.period.label).toBe("FY2027-Q1");
    // New revenue is a per-month KPI: in a quarterly review it reads as the mean per month, 4000 ÷ 3.
    expect(json.team.cells[0]?.actual?.slice(0, 7)).toBe("1333.33");
    const weeks = runCli(["report", "--config", config, "--kpis", "win-rate", "--grain", "week", "--week-starts-on", "0", "--as-of", "2026-05-15"]);
    expect((JSON.parse(weeks.stdout) as { period: { start: string } }).period.start).toBe("2026-05-03T00:00:00+00:00");
  });

  it("new customers without an account column are left out with a warning, not shown as 0", () => {
    const run = runCli(["report", "--deals", join(BASIC, "deals.csv"), "--pipeline", join(BASIC, "pipeline.json"), "--as-of", "2026-05-15", "--kpis", "new-customers,win-rate", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("warning: KPI new-customers left out: it counts accounts, and no deal has an account");
    expect((JSON.parse(run.stdout) as ReportJson).kpis.map((kpi) => kpi.id)).toEqual(["win-rate"]);
  });

  it("--locale nl names the KPIs in Dutch, a custom KPI by its labels.nl, with no warning left", () => {
    const run = runCli(["report", "--locale", "nl"], BASIC);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.kpis.find((kpi) => kpi.id === "big-wins")?.name).toBe("Grote orders");
    expect(run.stderr).not.toContain("--locale");
  });
});

describe("sales-kpi init", { timeout: 60_000 }, () => {
  it("writes a starter config from the header row, guessing columns and date formats, and never overwrites it", () => {
    const folder = join(work, "init");
    mkdirSync(folder);
    writeFileSync(
      join(folder, "export.csv"),
      "Opportunity ID;Sales Agent;Deal Stage;Close Value;Created Date;Close Date;Notes\nO1;Ann;won;100;25/01/2026;03/02/2026;x\nO2;Bob;lost;50;02/02/2026;14/02/2026;y\n",
    );
    const run = runCli(["init", "export.csv"], folder);
    expect(run.stderr).toContain("wrote sales-kpi.config.json");
    expect(run.status).toBe(0);
    const config = JSON.parse(readFileSync(join(folder, "sales-kpi.config.json"), "utf8")) as { deals: string; map: { deals: { fields: Record<string, unknown> } } };
    expect(config.deals).toBe("./export.csv");
    expect(config.map.deals.fields).toEqual({
      id: "Opportunity ID",
      owner: "Sales Agent",
      amount: "Close Value",
      stage: "Deal Stage",
      createdAt: { column: "Created Date", date: "dd/MM/yyyy" },
      closedAt: { column: "Close Date", date: "dd/MM/yyyy" },
    });
    expect(run.stderr).toContain("columns not used: Notes");
    // the pipeline from the stage values: won and lost (no open stage in this export)
    expect((config as unknown as { pipeline: unknown }).pipeline).toEqual({
      stages: [
        { id: "won", label: "won", probability: 1, outcome: "won" },
        { id: "lost", label: "lost", probability: 0, outcome: "lost" },
      ],
    });
    expect(SalesKpiConfigSchema.safeParse(config).success).toBe(true);
    // the starter config runs once asOf is set
    writeFileSync(join(folder, "sales-kpi.config.json"), JSON.stringify({ ...config, asOf: "2026-03-01", out: "-", format: "json" }));
    const report = runCli(["report", "--kpis", "new-revenue-per-month"], folder);
    expect(report.stderr).toBe(
      `note: settings from ${join(folder, "sales-kpi.config.json")} (flags override them)\n`,
    );
    expect(report.status).toBe(0);
    expect((JSON.parse(report.stdout) as ReportJson).team.cells[0]?.actual).toBe("100");
    // a second init leaves the file alone
    const before = readFileSync(join(folder, "sales-kpi.config.json"), "utf8");
    const again = runCli(["init", "--deals", "export.csv"], folder);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("sales-kpi.config.json exists; not overwritten");
    expect(readFileSync(join(folder, "sales-kpi.config.json"), "utf8")).toBe(before);
  });
});

describe("init's pipeline guess", () => {
  it("open stages in the order first seen, with probabilities spread evenly; won and lost last", () => {
    expect(guessPipeline(["Prospecting", "Engaging", "Won", "Lost"]).stages).toEqual([
      { id: "prospecting", label: "Prospecting", probability: 0.33, outcome: "open" },
      { id: "engaging", label: "Engaging", probability: 0.67, outcome: "open" },
      { id: "won", label: "Won", probability: 1, outcome: "won" },
      { id: "lost", label: "Lost", probability: 0, outcome: "lost" },
    ]);
    expect(guessPipeline(["Closed Lost", "Qualify", "Closed Won"]).stages.map((stage) => [stage.id, stage.outcome])).toEqual([
      ["qualify", "open"],
      ["closed won", "won"],
      ["closed lost", "lost"],
    ]);
  });
});

describe("spellings: values mapped and matched ignoring case, the rest reported", { timeout: 60_000 }, () => {
  const activities = join(FIXTURES, "spellings", "activities.csv");

  it("Call and CALL count as call; Phone is mapped to call; Demo and Meeting are named with counts on stderr", () => {
    const run = runCli(["report", "--activities", activities, "--map", join(FIXTURES, "spellings", "map.json"), "--kpis", "calls", "--as-of", "2026-05-01", "--format", "json"]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.team.cells.find((one) => one.kpiId === "calls")?.actual).toBe("3");
    expect(run.stderr).toContain('warning: 2 activities of type "Demo" match no KPI');
    expect(run.stderr).toContain('warning: 1 activity of type "meeting" matches no KPI');
  });

  it("--help lists the activity types the catalog counts", () => {
    const help = runCli(["report", "--help"]);
    expect(help.stdout).toContain("call, coaching-session, email, first-meeting, follow-up-meeting, meeting, proposal, training-hour");
  });
});

describe("no silent zeros, no silent shifts", { timeout: 60_000 }, () => {
  const deals = join(BASIC, "deals.csv");
  const pipeline = join(BASIC, "pipeline.json");

  it("a KPI whose file was not given is left out with a warning, not a row of zeros", () => {
    const run = runCli(["report", "--deals", deals, "--pipeline", pipeline, "--kpis", "calls,win-rate", "--as-of", "2026-05-15", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("warning: KPI calls left out: it needs activities (--activities), which was not given");
    expect((JSON.parse(run.stdout) as ReportJson).kpis.map((kpi) => kpi.id)).toEqual(["win-rate"]);
    const none = runCli(["report", "--deals", deals, "--pipeline", pipeline, "--kpis", "calls", "--as-of", "2026-05-15"]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("no KPI has its data");
  });

  it("an --as-of after the last row or before the first is a warning", () => {
    const late = runCli(["report", "--deals", deals, "--pipeline", pipeline, "--as-of", "2027-12-31", "--format", "json"]);
    expect(late.status).toBe(0);
    expect(late.stderr).toContain("warning: --as-of 2027-12-31 is after the last row (2026-04-25)");
    expect((JSON.parse(late.stdout) as ReportJson).notes.some((note) => note.startsWith("warning: --as-of 2027-12-31"))).toBe(true);
    const early = runCli(["report", "--deals", deals, "--pipeline", pipeline, "--as-of", "2025-12-31", "--format", "json"]);
    expect(early.stderr).toContain("warning: --as-of 2025-12-31 is before the first row (2026-01-05)");
    const fine = runCli(["report", "--deals", deals, "--pipeline", pipeline, "--as-of", "2026-05-15", "--format", "json"]);
    expect(fine.stderr).not.toContain("warning: --as-of");
  });

  it("a date format with minutes for months is refused for a date-only column, naming the format", () => {
    const run = runCli(["report", "--deals", join(FIXTURES, "dates", "deals.csv"), "--map", join(FIXTURES, "dates", "minutes.map.json"), "--as-of", "2027-01-01"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${join(FIXTURES, "dates", "deals.csv")}: createdAt: date format "yyyy-mm-dd" has time tokens (mm is minutes; months are MM), but column "createdAt" holds dates only (such as "2026-01-03")\n`);
  });

  it("a date format that puts most dates on one day is an error naming the format", () => {
    const run = runCli(["report", "--deals", join(FIXTURES, "dates", "deals-with-time.csv"), "--map", join(FIXTURES, "dates", "collapse.map.json"), "--as-of", "2027-01-01"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('createdAt: date format "yyyy-mm-dd HH:ss" misreads column "createdAt": 12 of 12 dates fall in the day 2026-01-03, from 12 different dates');
    const right = join(work, "right.map.json");
    writeFileSync(right, JSON.stringify({ deals: { fields: { createdAt: { column: "createdAt", date: "yyyy-MM-dd HH:mm" }, closedAt: { column: "closedAt", date: "yyyy-MM-dd HH:mm" } } } }));
    expect(runCli(["report", "--deals", join(FIXTURES, "dates", "deals-with-time.csv"), "--map", right, "--as-of", "2027-01-01"]).status).toBe(0);
  });

  it("date-times without offset are read in --time-zone", () => {
    // every row has no offset (2026-04-05T23:30:00, 2026-04-02 10:00): each is a local time in
    // the zone, so the one meeting counts in April wherever the team is (rows used to fail)
    const json = (zone: string) => {
      const run = runCli(["report", "--activities", join(FIXTURES, "spellings", "activities.csv"), "--kpis", "meetings", "--as-of", "2026-05-01", "--time-zone", zone, "--format", "json"]);
      expect(run.status).toBe(0);
      return JSON.parse(run.stdout) as ReportJson;
    };
    expect(json("Europe/Amsterdam").team.cells[0]?.actual).toBe("1");
    expect(json("Pacific/Auckland").team.cells[0]?.actual).toBe("1");
    // in a JSON file in the library's shape too: "Meeting" at 2026-04-30T23:30:00 (local) and
    // "meeting" at 2026-04-10T10:00:00+02:00 are both April meetings
    const run = runCli(["report", "--activities", join(FIXTURES, "spellings", "activities.json"), "--kpis", "meetings", "--as-of", "2026-05-01", "--time-zone", "Europe/Amsterdam", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as ReportJson).team.cells[0]?.actual).toBe("2");
  });

  it("a semicolon-separated file is read (the separator is detected); --delimiter , says what to do", () => {
    const semicolon = join(FIXTURES, "semicolon", "deals.csv");
    const run = runCli(["report", "--deals", semicolon, "--pipeline", pipeline, "--kpis", "new-revenue-per-month", "--as-of", "2026-05-15", "--format", "json"]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as ReportJson).team.cells[0]?.actual).toBe("4000");
    const forced = runCli(["report", "--deals", semicolon, "--pipeline", pipeline, "--as-of", "2026-05-15", "--delimiter", ","]);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toContain('the header looks separated by ";": set --delimiter');
    const tab = join(work, "tab.csv");
    writeFileSync(tab, readFileSync(join(BASIC, "deals.csv"), "utf8").replaceAll(",", "\t"));
    expect(runCli(["report", "--deals", tab, "--pipeline", pipeline, "--as-of", "2026-05-15", "--delimiter", "tab"]).status).toBe(0);
  });

  it("--invalid-rows skip lists each bad row on stderr with its line and goes on", () => {
    const bad = join(FIXTURES, "dates", "bad-row.csv");
    const stopped = runCli(["report", "--deals", bad, "--as-of", "2026-05-15"]);
    expect(stopped.status).toBe(2);
    const run = runCli(["report", "--deals", bad, "--as-of", "2026-05-15", "--kpis", "new-revenue-per-month", "--invalid-rows", "skip", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`skipped: ${bad}:3: amount: expected a number such as 1234.50, got "12x"`);
    expect(run.stderr).toContain(`skipped: ${bad}:4: closedAt: closedAt is before createdAt`);
    // April: only a4 (500) is left; a3 (3000, closed before created) is skipped
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.team.cells[0]?.actual).toBe("500");
    expect(json.notes).toContain("2 invalid rows skipped (--invalid-rows skip); each is listed on stderr");
  });
});

describe("output safety", { timeout: 60_000 }, () => {
  function inputs(): { deals: string; args: string[] } {
    const folder = mkdtempSync(join(work, "out-"));
    const deals = join(folder, "deals.csv");
    copyFileSync(join(BASIC, "deals.csv"), deals);
    return { deals, args: ["report", "--deals", deals, "--pipeline", join(BASIC, "pipeline.json"), "--as-of", "2026-05-15", "--format", "md"] };
  }

  it("--out onto an input file, even by another path or a link, is refused and the input is untouched", () => {
    const { deals, args } = inputs();
    const before = readFileSync(deals, "utf8");
    const run = runCli([...args, "--out", deals]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`--out: ${deals} is the --deals input file; the report would overwrite it (choose another path, or --out - for stdout)\n`);
    const link = `${deals}.link`;
    symlinkSync(deals, link);
    expect(runCli([...args, "--out", link]).status).toBe(1);
    expect(runCli([...args, "--out", join(deals, "..", ".", "deals.csv")]).status).toBe(1);
    expect(readFileSync(deals, "utf8")).toBe(before);
  });

  it("a missing folder or a path under a regular file is one line, exit 1, no stack trace", () => {
    const { deals, args } = inputs();
    const missing = runCli([...args, "--out", join(deals, "..", "no", "such", "report.md")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("does not exist (create it first)");
    const underFile = runCli([...args, "--out", join(deals, "report.md")]);
    expect(underFile.status).toBe(1);
    expect(underFile.stderr).toBe(`--out: ${join(deals, "report.md")}: ${deals} is a file, not a folder\n`);
  });

  it("--out - is stdout, and makes no file named -", () => {
    const { deals, args } = inputs();
    const folder = join(deals, "..");
    const run = runCli([...args, "--out", "-"], folder);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Sales scorecard 2026-04/);
    expect(existsSync(join(folder, "-"))).toBe(false);
  });

  it("--version prints the package's version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const run = runCli(["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });
});

describe("targets and quotas from the command line and the config", () => {
  let folder = "";
  beforeAll(() => {
    buildCli();
    folder = mkdtempSync(join(tmpdir(), "sales-kpi-targets-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const basic = ["report", "--deals", join(BASIC, "deals.csv"), "--activities", join(BASIC, "activities.csv"), "--teams", join(BASIC, "teams.csv"), "--pipeline", join(BASIC, "pipeline.json"), "--as-of", "2026-05-15", "--kpis", "calls", "--format", "json"];
  const callsCell = (stdout: string, rep: string) =>
    (JSON.parse(stdout) as { reps: Array<{ id: string; cells: Array<{ target: string | null; targetSource: string }> }> }).reps.find((one) => one.id === rep)?.cells[0];

  it("--targets FILE (CSV): Ann's April quota of 20 calls wins over her derived target, and says so", () => {
    const file = join(folder, "targets.csv");
    writeFileSync(file, "kpi,owner,team,period,value\ncalls,ann,,2026-04,20\n");
    const run = runCli([...basic, "--targets", file]);
    expect(run.status).toBe(0);
    expect(callsCell(run.stdout, "ann")).toMatchObject({ target: "20", targetSource: "explicit" });
    expect(callsCell(run.stdout, "bob")?.targetSource).not.toBe("explicit");
  });

  it("a target row no cell can read is named with its line and why, never dropped in silence; a row for another month is no mistake", () => {
    const file = join(folder, "unmatched.csv");
    writeFileSync(
      file,
      "kpi,owner,team,period,value\n" +
        "calls,ann,,2026-04,20\n" + // used
        "call,ann,,2026-04,20\n" + // misspelt KPI
        "calls,anne,,2026-04,20\n" + // no such rep
        "calls,,nord,2026-04,20\n" + // a team row: the team's cell reads the row without owner and team
        "calls,ann,,2026-Q2,60\n" + // a quarter on a monthly card
        "calls,bob,,2026-01,20\n", // another month: fine
    );
    const run = runCli([...basic, "--targets", file]);
    expect(run.status).toBe(0);
    expect(callsCell(run.stdout, "ann")).toMatchObject({ target: "20", targetSource: "explicit" });
    const warnings = run.stderr.split("\n").filter((line) => line.includes("target row not used"));
    expect(warnings).toEqual([
      `warning: ${file}:3: target row not used: KPI "call" is not on the scorecard (its KPIs: calls)`,
      `warning: ${file}:4: target row not used: owner "anne" is no rep on the scorecard`,
      `warning: ${file}:5: target row not used: a row for team "nord" is not read by the scorecard: the team's target is the row with neither owner nor team (with --team nord, that team's)`,
      `warning: ${file}:6: target row not used: period "2026-Q2" is not a month like the reviewed 2026-04`,
    ]);
  });

  it("an empty targets file is no targets, not an error (an empty data file is one)", () => {
    const file = join(folder, "empty-targets.csv");
    writeFileSync(file, "");
    const run = runCli([...basic, "--targets", file]);
    expect(run.status).toBe(0);
    expect(callsCell(run.stdout, "ann")?.targetSource).not.toBe("explicit");
  });

  it("targets inline in the config, and a bad row is a data error naming its path", () => {
    const config = join(folder, "sales-kpi.config.json");
    writeFileSync(config, JSON.stringify({ targets: [{ kpi: "calls", owner: "ann", period: "2026-04", value: 18 }] }));
    expect(callsCell(runCli([...basic, "--config", config]).stdout, "ann")).toMatchObject({ target: "18", targetSource: "explicit" });
    writeFileSync(config, JSON.stringify({ targets: [{ kpi: "calls", owner: "ann", period: "2026-04", value: "many" }] }));
    const bad = runCli([...basic, "--config", config]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/targets\[0\]\.value/);
  });
});
