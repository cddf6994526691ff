import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSampleData } from "../../src/cli/sample-data.js";
import { kpiCatalog, scorecard, toHtml } from "../../src/index.js";
import { chromiumAvailability, distinctColours, visitHtml } from "./html-in-chromium.js";
import { fixtureScorecard } from "./scorecard-fixture.js";

const availability = chromiumAvailability();
if (!availability.run) console.warn(`to-html.browser.test: ${availability.reason}`);

describe.skipIf(!availability.run)("toHtml in headless Chromium", () => {
  it("loads with no console errors and no network requests, one row per rep, and draws something", async () => {
    const card = fixtureScorecard();
    const visit = await visitHtml(toHtml(card));
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.requests).toEqual([]);
    expect(visit.repRows).toBe(card.reps.length);
    expect(distinctColours(visit.screenshot)).toBeGreaterThan(1);
  }, 60_000);

  it("the sample team's scorecard: one row per rep, sparklines drawn, nothing fetched", async () => {
    const sample = generateSampleData();
    const ids = ["first-meetings", "qualified-proposals", "new-revenue-per-month", "weighted-pipeline-value", "win-rate", "training-hours"];
    const card = scorecard(sample.data, { kpis: kpiCatalog.filter((kpi) => ids.includes(kpi.id)), asOf: sample.asOf, calendar: sample.calendar });
    const visit = await visitHtml(toHtml(card));
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.requests).toEqual([]);
    expect(visit.repRows).toBe(6);
    expect(distinctColours(visit.screenshot)).toBeGreaterThan(8);
    // kept for people to look at (test-output/ is not committed)
    mkdirSync(join("test-output"), { recursive: true });
    writeFileSync(join("test-output", "scorecard-sample.png"), visit.screenshot);
  }, 60_000);

  it("the colour counter tells a blank page from a drawn one", async () => {
    const blank = await visitHtml("<!doctype html><html><body></body></html>");
    expect(distinctColours(blank.screenshot)).toBe(1);
  }, 60_000);
});
