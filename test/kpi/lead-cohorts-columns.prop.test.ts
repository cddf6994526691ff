// Cohort conversions per period and group (one pass over the lead columns) against the row
// implementation behind the public `conversionRate`, called once per period: for any leads,
// steps, window, group key, grain and as-of, the same entered and converted counts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogKpi, conversionRate, kpiSeries, resolveCalendar } from "../../src/index.js";
import { standardFunnelSteps } from "../../src/conversion/standard-conversions.js";
import { prepare } from "../../src/model/prepare-kpi-data.js";
import { sqlKpiDataArb } from "../arbitraries.js";

const DAY = 86_400_000;
const calendar = resolveCalendar({ timeZone: "Europe/Amsterdam" });

describe("cohort conversions from the lead columns", () => {
  it("equal conversionRate per period and group, for every group key, window and grain", () => {
    fc.assert(
      fc.property(
        sqlKpiDataArb(3, 3, 14),
        fc.constantFrom<"owner" | "team" | "source" | undefined>(undefined, "owner", "team", "source"),
        fc.constantFrom(["mql", "sql"], ["sql", "customer"], ["mql", "customer"], ["sql", "quote"]),
        // A definition without a window takes the builtin's (30 days), so every case names one.
        fc.constantFrom(0, 1, 7, 30, 400),
        fc.constantFrom("week", "month", "quarter") as fc.Arbitrary<"week" | "month" | "quarter">,
        fc.integer({ min: 0, max: 420 }),
        (bag, groupBy, [from, to], windowDays, grain, asOfDays) => {
          const data = prepare({ reps: bag.reps, leads: bag.leads }, { calendar });
          const asOf = new Date(Date.parse("2025-12-01T00:00:00Z") + asOfDays * DAY).toISOString();
          const kpi = { ...catalogKpi("conversion-lead-sql"), conversion: { from: from as string, to: to as string, windowDays } };
          const series = kpiSeries(data, kpi, { from: "2025-11-01", to: "2027-01-01", grain, asOf, ...(groupBy === undefined ? {} : { groupBy }) });
          // A grouped series' team (group null) is in `team`: checked against the reference's total as well.
          for (const point of groupBy === undefined ? series.points : [...series.points, ...series.team]) {
            // Periods cut by the range (a week across New Year) count only their part in it.
            const range = series.range as { fromMs: number; toMs: number };
            if (point.period.startMs >= Date.parse(asOf) || point.period.startMs < range.fromMs || point.period.endMs > range.toMs) continue;
            const reference = conversionRate(data, {
              from: from as string,
              to: to as string,
              period: { from: point.period.start, to: point.period.end },
              asOf,
              // The builtin reads the standard funnel: a later step implies the earlier ones.
              steps: [...standardFunnelSteps],
              windowDays,
              ...(groupBy === undefined ? {} : { groupBy }),
            });
            const counts = point.group === null ? reference : reference.groups.find((group) => group.group === point.group);
            expect([point.ratio?.numerator.toString() ?? "0", point.ratio?.denominator.toString() ?? "0"]).toEqual([String(counts?.converted ?? 0), String(counts?.entered ?? 0)]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
