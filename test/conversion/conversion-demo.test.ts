import { describe, expect, it } from "vitest";
import { conversionDemo } from "../../examples/demo/conversion.js";
import { generateSampleData } from "../../src/cli/sample-data.js";

describe("conversion demo", () => {
  it("prints the marketing → sales → customer funnel of the last complete quarter, never rising, with matching overall ratio", () => {
    const sample = generateSampleData();
    const text = conversionDemo(sample);
    expect(text.split("\n")[0]).toMatch(/^Conversion — leads that became an MQL in \d{4}-Q\d, as of /);
    const counts = ["mql", "sql", "quote", "customer"].map((step) => {
      const match = new RegExp(`^\\s+${step}\\s+(\\d+)`, "m").exec(text);
      return Number(match?.[1]);
    });
    expect(counts.every((n) => Number.isInteger(n))).toBe(true);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] as number);
    expect(counts[0]).toBeGreaterThan(0);
    expect(text).toContain(`MQL → customer`);
    expect(text).toContain(`(${counts[3]}/${counts[0]})`);
    // Close rate per source adds up to the team's numerator and denominator.
    const team = /close rate \(SQL → customer, no window\): [\d.]+% \((\d+)\/(\d+)\)/.exec(text);
    const groups = [...text.matchAll(/^\s{4}(?:event|outbound|referral|website)\s+[\d.–]+%? \((\d+)\/(\d+)\)/gm)];
    expect(groups.reduce((s, m) => s + Number(m[1]), 0)).toBe(Number(team?.[1]));
    expect(groups.reduce((s, m) => s + Number(m[2]), 0)).toBe(Number(team?.[2]));
  });
});
