// `sales-kpi demo`, the first thing a new user runs: its notes show numbers as the tables do,
// never a 40-digit quotient, in English and in Dutch.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, runCli } from "./run-cli.js";

beforeAll(() => buildCli(), 120_000);

describe("the demo's notes", { timeout: 60_000 }, () => {
  it("a new rep's ramp target is rounded as its KPI's values are (5.1 calls, 16,589 EUR, 13.1 h)", () => {
    const english = runCli(["demo", "--format", "md"]);
    expect(english.status).toBe(0);
    const ramps = english.stdout.split("\n").filter((line) => line.includes("ramp target"));
    expect(ramps.length).toBeGreaterThan(0);
    for (const line of ramps) expect(line).toMatch(/ramp target (?:\d[\d,]*(?:\.\d)?(?: h| d)?|–) by day \d+$/);
    const dutch = runCli(["demo", "--format", "md", "--locale", "nl"]);
    expect(dutch.stdout.split("\n")[0]).toBe("# Scorecard voorbeeldteam");
    expect(dutch.stdout).toMatch(/nieuwe verkoper: dag \d+ van 90, inwerktarget \d+(?:\.\d{3})*(?:,\d)?(?: u)? op dag \d+/);
  });
});
