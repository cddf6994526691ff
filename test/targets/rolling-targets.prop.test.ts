import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseline } from "../../src/baseline/baseline.js";
import { rollingTargets } from "../../src/targets/rolling-targets.js";
import { seriesOf } from "../baseline/series-fixture.js";

describe("rollingTargets properties", () => {
  it("for a constant daily rate the window targets are proportional to the window lengths", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
        fc.constantFrom("UTC", "Europe/Amsterdam", "America/New_York"),
        (perDay, windows, uplift, timeZone) => {
          // a constant rate: each month holds perDay × its days (Feb 2026 has 28, Mar 31, Apr 30)
          const series = seriesOf("2026-02-01", "2026-05-01", "month", [perDay * 28, perDay * 31, perDay * 30], { timeZone });
          const result = rollingTargets(baseline(series, { asOf: "2026-04-30", calendar: { timeZone } }), { windows, uplift });
          expect(result.dailyRate?.toString()).toBe(String(perDay));
          const first = result.windows[0];
          for (const window of result.windows) {
            // target_w × w₀ = target_w₀ × w
            expect(window.target?.times(first?.days ?? 0).eq(first?.target?.times(window.days) ?? -1)).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
