import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureBaseline } from "../../src/baseline/measure-baseline.js";
import { type KpiData, KpiDecimal, type Measure } from "../../src/index.js";

const reps = ["ann", "bob", "cy"];
const DAY = 86_400_000;
const START = Date.UTC(2026, 4, 1); // 1 May 2026
const activity = fc.record({
  owner: fc.constantFrom(...reps),
  at: fc.integer({ min: 0, max: 200 * DAY - 1 }).map((offset) => new Date(START + offset).toISOString()),
  type: fc.constantFrom("call", "email"),
  quantity: fc.integer({ min: 1, max: 20 }),
});
const calls: Measure = { kind: "count", source: "activities", where: { type: "call" } };

describe("measureBaseline properties", () => {
  it("with zero-filled counts and the mean, the team baseline is the sum of the rep baselines, in any time zone", () => {
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("UTC", "Europe/Amsterdam", "Asia/Kolkata"),
        (activities, periods, timeZone) => {
          // The data starts on 1 May (an e-mail), before every window: months in it are zeros, not "before the data".
          const first = { owner: "ann", at: new Date(START).toISOString(), type: "email", quantity: 1 };
          const data: KpiData = { reps: reps.map((id) => ({ id, startedAt: "2020-01-01" })), activities: [first, ...activities] };
          const result = measureBaseline(data, calls, { asOf: "2026-11-23", periods, calendar: { timeZone } });
          const sum = result.byGroup.reduce((total, g) => total.plus(g.baseline.value ?? Number.NaN), new KpiDecimal(0));
          expect(result.team.value?.minus(sum).abs().lte("1e-30")).toBe(true);
          expect(result.byGroup.map((g) => g.group)).toEqual(reps);
          // brute force: the team total is the number of calls in the window
          const fromMs = result.team.window[0]?.startMs ?? 0;
          const toMs = result.team.window[result.team.window.length - 1]?.endMs ?? 0;
          const expected = activities
            .filter((a) => a.type === "call" && Date.parse(a.at) >= fromMs && Date.parse(a.at) < toMs)
            .reduce((total, a) => total + a.quantity, 0);
          expect(result.team.total?.toString()).toBe(String(expected));
        },
      ),
      { numRuns: 60 },
    );
  });
});
