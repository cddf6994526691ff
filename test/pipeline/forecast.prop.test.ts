import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Deal, forecast } from "../../src/index.js";
import { pipeline } from "./fixtures.js";
import { START_MS, asOfMsArb, outcomeOf, pipelineDealsArb } from "./pipeline-arbitraries.js";

const DAY = 86_400_000;
const withExpectedClose = (deals: Deal[], offsets: number[]) =>
  deals.map((d, i) => ({ ...d, expectedCloseAt: new Date(START_MS + (offsets[i] ?? 0) * DAY).toISOString() }));

describe("forecast properties", () => {
  it("lost deals never change the forecast; it is won so far + weighted open, and ≥ won so far", () => {
    fc.assert(
      fc.property(
        pipelineDealsArb(15),
        pipelineDealsArb(8),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 15 }),
        asOfMsArb,
        fc.integer({ min: 0, max: 300 }),
        (deals, extra, offsets, asOfMs, start) => {
          const period = { from: new Date(START_MS + start * DAY), to: new Date(START_MS + (start + 90) * DAY) };
          const base = withExpectedClose(deals, offsets);
          const lost = extra.filter((d) => d.stage === "lost" && outcomeOf(d.stage) === "lost").map((d, i) => ({ ...d, id: `lost${i}`, stageHistory: undefined }));
          const a = forecast(base, { pipeline, period, asOf: new Date(asOfMs) });
          const b = forecast([...lost, ...base], { pipeline, period, asOf: new Date(asOfMs) });
          // lost deals created after asOf or lost after it were open at asOf: only those lost before count as lost
          const lostBefore = lost.filter((d) => Date.parse(String(d.closedAt)) < asOfMs);
          const c = forecast([...lostBefore, ...base], { pipeline, period, asOf: new Date(asOfMs) });
          expect(c.total.equals(a.total)).toBe(true);
          expect(b.won.total.equals(a.won.total)).toBe(true);
          expect(a.total.equals(a.won.total.plus(a.open.total))).toBe(true);
          expect(a.total.gte(a.won.total)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
