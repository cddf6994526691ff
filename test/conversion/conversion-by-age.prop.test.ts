import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversionByAge, conversionRate } from "../../src/index.js";
import { asOfArb, asOfEnd, leadRowsArb, referenceCohort, zoneArb } from "./lead-fixtures.js";

const agesArb = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 5 }).map((ages) => [...ages].sort((a, b) => a - b));
const grainArb = fc.constantFrom("day" as const, "week" as const, "month" as const);
const stepsArb = fc.constantFrom(
  { from: "mql", to: "sql", steps: ["mql", "sql", "quote", "customer"] },
  { from: "sql", to: "customer", steps: ["mql", "sql", "quote", "customer"] },
);

describe("conversionByAge properties", () => {
  it("mature cells never fall along the ages; immature cells are exactly those whose window ends after asOf", () => {
    fc.assert(
      fc.property(leadRowsArb(30), zoneArb, asOfArb, agesArb, grainArb, stepsArb, (leads, zone, asOf, ages, grain, funnel) => {
        const matrix = conversionByAge(leads, { ...funnel, cohorts: { from: "2026-02-20", to: "2026-04-20", grain }, ages, asOf, calendar: { timeZone: zone } });
        const asOfMs = asOfEnd(asOf, zone);
        for (const cohort of matrix.cohorts) {
          let previous = -1;
          for (const cell of cohort.cells) {
            // Brute force: the window of a lead on the cohort's last local day ends at the local
            // midnight `age + 1` days after that day.
            const lastDay = new TZDate(cohort.period.endMs - 1, zone);
            const windowEnd = new TZDate(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() + cell.age + 1, zone).getTime();
            expect(cell.windowEndMs).toBe(windowEnd);
            expect(cell.mature).toBe(windowEnd <= asOfMs);
            if (!cell.mature) {
              expect(cell.value).toBeNull();
              continue;
            }
            expect(cell.converted).toBeGreaterThanOrEqual(previous);
            previous = cell.converted;
            if (cell.value !== null) expect(cell.value.gte(0) && cell.value.lte(1)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("each cell equals conversionRate with windowDays = age over the cohort's period, and a brute-force count", () => {
    fc.assert(
      fc.property(leadRowsArb(25), zoneArb, asOfArb, agesArb, stepsArb, (leads, zone, asOf, ages, funnel) => {
        const matrix = conversionByAge(leads, { ...funnel, cohorts: { from: "2026-03-01", to: "2026-05-01", grain: "month" }, ages, asOf, calendar: { timeZone: zone } });
        for (const cohort of matrix.cohorts) {
          const period = { from: cohort.period.start.slice(0, 10), to: cohort.period.end.slice(0, 10) };
          for (const cell of cohort.cells) {
            const rate = conversionRate(leads, { ...funnel, period, windowDays: cell.age, asOf, calendar: { timeZone: zone } });
            expect([cohort.entered, cell.converted, cell.mature]).toEqual([rate.entered, rate.converted, rate.mature]);
            const reference = referenceCohort(leads, { ...funnel, period, windowDays: cell.age, asOf, zone });
            expect([cohort.entered, cell.converted]).toEqual([reference.entered, reference.converted]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
