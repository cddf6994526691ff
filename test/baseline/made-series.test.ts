// A series the library made is passed back in without re-checking its points; a copy of it
// (a user's series) is parsed. Both must give the same baseline, and the made one is frozen.
import { describe, expect, it } from "vitest";
import { baseline, measureSeries } from "../../src/index.js";

const data = {
  reps: [{ id: "ann" }, { id: "bob" }],
  // The series starts on 16 August: August is only partly covered; September to November are whole months.
  activities: [
    { owner: "ann", type: "call", at: "2026-08-20T10:00:00Z", quantity: 10 },
    { owner: "ann", type: "call", at: "2026-09-10T10:00:00Z", quantity: 30 },
    { owner: "ann", type: "call", at: "2026-10-10T10:00:00Z", quantity: 40 },
    { owner: "bob", type: "call", at: "2026-11-10T10:00:00Z", quantity: 50 },
  ],
};

describe("a series passed back in", () => {
  const series = measureSeries(data, { kind: "count", source: "activities", where: { type: "call" } }, { from: "2026-08-16", to: "2026-12-01", grain: "month", groupBy: "owner" });

  it("is frozen as the library made it", () => {
    expect(Object.isFrozen(series)).toBe(true);
    expect(Object.isFrozen(series.points[0])).toBe(true);
    expect(() => {
      (series.points as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it("gives the same baseline as a copy of it (which is parsed): August is partial and left out", () => {
    const copy = JSON.parse(JSON.stringify(series, (_key, value: unknown) => value)) as typeof series;
    const made = baseline(series, { asOf: "2026-12-01", group: "ann" });
    const parsed = baseline(copy, { asOf: "2026-12-01", group: "ann" });
    expect(JSON.stringify(made)).toBe(JSON.stringify(parsed));
    // Sep 30, Oct 40, Nov 0 for ann: the mean of three full months; August (partial) left out
    expect(made.value?.toString()).toBe("23.33333333333333333333333333333333333333");
  });
});
