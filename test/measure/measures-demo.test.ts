import { describe, expect, it } from "vitest";
import { measuresDemo } from "../../examples/demo/measures.js";
import { generateSampleData } from "../../src/cli/sample-data.js";

describe("measures demo", () => {
  it("prints one row per rep plus the team, with the lead/lag class of each KPI, and the team calls add up", () => {
    const sample = generateSampleData();
    const lines = measuresDemo(sample).split("\n");
    expect(lines[0]).toContain("last complete month");
    expect(lines[2]).toMatch(/action\/lead.*result\/lag.*insight\/lead/);
    const rows = lines.slice(3).map((line) => line.trim().split(/\s{2,}/));
    expect(rows.map((row) => row[0])).toEqual([...(sample.data.reps ?? []).map((rep) => rep.id).sort(), "team"]);
    const calls = rows.map((row) => Number(row[1]));
    const team = calls.pop();
    expect(calls.reduce((a, b) => a + b, 0)).toBe(team);
  });
});
