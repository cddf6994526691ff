// Labels and amounts of the pipeline charts get room for their length: nothing is cut off at
// the chart's edge (at 12 px a sans-serif character is at most about 0.62 em wide).
import { describe, expect, it } from "vitest";
import { stackedStagesChart, waterfallChart } from "../../src/report/svg-charts.js";

const CHAR = 12 * 0.62;
const width = (svg: string) => Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
const texts = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+"( text-anchor="end")? font-size="12">([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), end: m[2] !== undefined, text: m[3] as string }));

describe("chart room", () => {
  it("a waterfall with a long label and amount keeps both inside the drawing", () => {
    const svg = waterfallChart(
      [
        { label: "Closing (as of 2017-12-31)", value: 4_966_215, kind: "level", text: "4,966,215 USD" },
        { label: "Won", value: -1_131_573, kind: "change", text: "-1,131,573 USD" },
      ] as never,
      "waterfall",
    );
    for (const t of texts(svg)) {
      if (t.end) expect(t.x - t.text.length * CHAR).toBeGreaterThanOrEqual(0);
      else expect(t.x + t.text.length * CHAR).toBeLessThanOrEqual(width(svg));
    }
  });

  it("a stacked chart's totals fit, however long", () => {
    const svg = stackedStagesChart([{ label: "2017-09", parts: [{ label: "Engaging", value: 1, text: "1" }], totalText: "4,908,227,000.00 USD" }], "stages");
    for (const t of texts(svg)) if (!t.end) expect(t.x + t.text.length * CHAR).toBeLessThanOrEqual(width(svg));
  });
});
