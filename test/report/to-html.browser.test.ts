import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runReport } from "../../src/cli/report-command.js";
import { generateSampleData } from "../../src/cli/sample-data.js";
import { kpiCatalog, scorecard, toHtml } from "../../src/index.js";
import { chromiumAvailability, distinctColours, layoutHtml, visitHtml } from "./html-in-chromium.js";
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

describe.skipIf(!availability.run)("toHtml from 420 px to print, in headless Chromium", () => {
  const sample = generateSampleData();
  const ids = ["first-meetings", "qualified-proposals", "new-revenue-per-month", "weighted-pipeline-value", "win-rate", "sales-cycle", "conversion-lead-sql", "training-hours"];
  const card = scorecard(sample.data, { kpis: kpiCatalog.filter((kpi) => ids.includes(kpi.id)), asOf: sample.asOf, calendar: sample.calendar, analytics: true });
  const html = toHtml(card);

  it("at 420 px nothing overflows the page sideways: wide tables scroll inside their own box", async () => {
    const visit = await layoutHtml(html, 420);
    expect(visit.overflowing).toEqual([]);
    expect(visit.scrollWidth).toBeLessThanOrEqual(visit.clientWidth);
  }, 90_000);

  it("at 1400 px nothing overflows either, and the charts of the analytics are drawn", async () => {
    const visit = await layoutHtml(html, 1400);
    expect(visit.scrollWidth).toBeLessThanOrEqual(visit.clientWidth);
    expect(html).toContain('<svg class="chart waterfall"');
    expect(html).toContain('<table class="heatmap"');
  }, 90_000);

  it("printed, every rep's details are there: each rep section's table is rendered, and its KPI rows are in the PDF's text", async () => {
    const visit = await layoutHtml(html, 1400);
    expect(visit.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // nothing wider than the paper: in print the tables do not scroll, so they must fit
    expect(visit.print.scrollWidth).toBeLessThanOrEqual(visit.print.clientWidth);
    expect(visit.printedReps.map((rep) => rep.id)).toEqual(card.reps.map((rep) => `rep-${rep.id}`));
    for (const rep of visit.printedReps) {
      expect(rep.visible, `${rep.id} collapsed in print`).toBe(true);
      expect(rep.text).toContain("Training hours");
    }
    if (visit.pdfText === null) {
      console.warn("to-html.browser.test: pdftotext missing (apt-get install -y poppler-utils): checked the printed DOM only");
      return;
    }
    const text = visit.pdfText.replace(/\s+/g, " ");
    for (const rep of card.reps) {
      // the summary line of the rep's section, and its strengths/focus line, which only the details hold
      expect(text).toContain(rep.team === null ? rep.name : `${rep.name} (${rep.team})`);
    }
    const detailLines = text.match(/Strengths: .*? · Focus points:/g) ?? [];
    expect(detailLines.length).toBe(card.reps.length);
  }, 90_000);

  it("on screen the rep details start collapsed (the ranking is the glance), and the print CSS is what opens them", async () => {
    expect(html.match(/<details>/g)?.length).toBe(card.reps.length);
    expect(html).toContain("@media print");
    expect(html).toContain("details::details-content");
  });
});

const CRM = join("..", "shared", "data", "crm-sales-opportunities");
const crmPresent = existsSync(join(CRM, "sales_pipeline.csv"));
if (!crmPresent) console.warn(`to-html.browser.test: the real CRM export is absent (${CRM}): its layout test is skipped`);

describe.skipIf(!availability.run || !crmPresent)("the real CRM export's report (35 reps, pipeline section) in headless Chromium", () => {
  it("no sideways overflow at 420 px, fits A4 in print, and every rep's details are in the PDF", async () => {
    const { text: html, card } = runReport(
      {
        files: {
          deals: join(CRM, "sales_pipeline.csv"),
          teams: join(CRM, "sales_teams.csv"),
          map: join("examples", "crm-sales-opportunities.map.json"),
          pipeline: join("examples", "crm-sales-opportunities.pipeline.json"),
        },
        timeZone: "UTC",
        asOf: "2017-12-31",
        grain: "month",
        format: "html",
      },
      false,
    );
    expect(card.analytics?.waterfall).not.toBeNull();
    const visit = await layoutHtml(html, 420);
    expect(visit.overflowing).toEqual([]);
    expect(visit.scrollWidth).toBeLessThanOrEqual(visit.clientWidth);
    expect(visit.print.scrollWidth).toBeLessThanOrEqual(visit.print.clientWidth);
    expect(visit.printedReps.filter((rep) => !rep.visible)).toEqual([]);
    expect(visit.printedReps.length).toBe(card.reps.length);
    if (visit.pdfText !== null) expect(visit.pdfText.match(/Strengths: /g)?.length).toBe(card.reps.length);
  }, 120_000);
});
