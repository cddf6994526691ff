import { describe, expect, it } from "vitest";
import { toHtml } from "../../src/index.js";
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

  it("the colour counter tells a blank page from a drawn one", async () => {
    const blank = await visitHtml("<!doctype html><html><body></body></html>");
    expect(distinctColours(blank.screenshot)).toBe(1);
  }, 60_000);
});
