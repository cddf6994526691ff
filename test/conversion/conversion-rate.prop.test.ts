import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversionRate, type ConversionRateResult, KpiDecimal } from "../../src/index.js";
import { asOfArb, asOfEnd, leadRowsArb, localStart, periodArb, referenceCohort, referenceReach, STEPS, zoneArb } from "./lead-fixtures.js";

const pairArb = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
  .filter(([a, b]) => a < b)
  .map(([a, b]) => ({ from: STEPS[a] as string, to: STEPS[b] as string }));
const windowArb = fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined });

const summary = (r: ConversionRateResult) =>
  JSON.stringify({
    value: r.value?.toString() ?? null,
    counts: [r.entered, r.converted, r.open, r.lapsed, r.impliedFrom, r.mature],
    groups: r.groups.map((g) => [g.group, g.entered, g.converted, g.open, g.lapsed, g.value?.toString() ?? null]),
  });

describe("conversionRate properties", { timeout: 30_000 }, () => {
  it("cohort conversion agrees with a brute-force reference (TZDate and calendar-day differences per lead)", () => {
    fc.assert(
      fc.property(leadRowsArb(), pairArb, periodArb, windowArb, asOfArb, zoneArb, fc.boolean(), (leads, pair, period, windowDays, asOf, zone, fullFunnel) => {
        const steps = fullFunnel ? STEPS : [pair.from, pair.to];
        const result = conversionRate(leads, { ...pair, period, windowDays, asOf, steps, calendar: { timeZone: zone } });
        const expected = referenceCohort(leads, { ...pair, steps, period, windowDays, asOf, zone });
        expect({ entered: result.entered, converted: result.converted, open: result.open, lapsed: result.lapsed }).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("cohort rates are always in [0, 1], per group too, and null only for an empty cohort", () => {
    fc.assert(
      fc.property(leadRowsArb(), pairArb, periodArb, windowArb, asOfArb, zoneArb, (leads, pair, period, windowDays, asOf, zone) => {
        const result = conversionRate(leads, { ...pair, period, windowDays, asOf, steps: STEPS, groupBy: "owner", calendar: { timeZone: zone } });
        for (const counts of [result, ...result.groups]) {
          expect(counts.value === null).toBe(counts.entered === 0);
          if (counts.value !== null) {
            expect(counts.value.gte(0) && counts.value.lte(1)).toBe(true);
          }
          expect(counts.converted + counts.open + counts.lapsed).toBe(counts.entered);
        }
        // Groups partition the leads.
        expect(result.groups.reduce((sum, g) => sum + g.entered, 0)).toBe(result.entered);
        expect(result.groups.reduce((sum, g) => sum + g.converted, 0)).toBe(result.converted);
      }),
      { numRuns: 100 },
    );
  });

  it("widening the window never lowers a cohort rate; no window is the widest", () => {
    fc.assert(
      fc.property(
        leadRowsArb(),
        pairArb,
        periodArb,
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        asOfArb,
        zoneArb,
        (leads, pair, period, a, b, asOf, zone) => {
          const options = { ...pair, period, asOf, steps: STEPS, calendar: { timeZone: zone } };
          const narrow = conversionRate(leads, { ...options, windowDays: Math.min(a, b) });
          const wide = conversionRate(leads, { ...options, windowDays: Math.max(a, b) });
          const open = conversionRate(leads, options);
          expect(wide.entered).toBe(narrow.entered);
          expect(wide.converted).toBeGreaterThanOrEqual(narrow.converted);
          expect(open.converted).toBeGreaterThanOrEqual(wide.converted);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("does not depend on the order of the leads, and does not mutate them", () => {
    fc.assert(
      fc.property(
        leadRowsArb().chain((leads) => fc.tuple(fc.constant(leads), fc.shuffledSubarray(leads, { minLength: leads.length, maxLength: leads.length }))),
        pairArb,
        periodArb,
        windowArb,
        asOfArb,
        fc.constantFrom("cohort" as const, "period" as const),
        ([leads, shuffled], pair, period, windowDays, asOf, mode) => {
          const before = JSON.stringify(leads);
          const options = { ...pair, period, asOf, mode, windowDays: mode === "cohort" ? windowDays : undefined, groupBy: "source" as const };
          expect(summary(conversionRate(shuffled, options))).toBe(summary(conversionRate(leads, options)));
          expect(JSON.stringify(leads)).toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("period mode agrees with a brute-force reference: distinct leads whose `to`, and apart whose `from`, falls in the period (known by asOf)", () => {
    let both = 0;
    fc.assert(
      fc.property(leadRowsArb(), pairArb, periodArb, asOfArb, zoneArb, (leads, pair, period, asOf, zone) => {
        const result = conversionRate(leads, { ...pair, period, asOf, mode: "period", steps: STEPS, calendar: { timeZone: zone } });
        const startMs = localStart(period.from, zone);
        const endMs = localStart(period.to, zone);
        const asOfMs = asOfEnd(asOf, zone);
        const inPeriod = (step: string) =>
          leads.filter((lead) => {
            const at = referenceReach(lead, STEPS, (STEPS as readonly string[]).indexOf(step), asOfMs);
            return at !== undefined && at >= startMs && at < endMs;
          }).length;
        const entered = inPeriod(pair.from);
        const converted = inPeriod(pair.to);
        expect([result.entered, result.converted, result.open, result.lapsed]).toEqual([entered, converted, 0, 0]);
        expect(result.value === null ? null : result.value.toString()).toBe(entered === 0 ? null : new KpiDecimal(converted).div(entered).toString());
        if (entered > 0 && converted > 0) both++;
      }),
      { numRuns: 150 },
    );
    // Periods with leads at both steps are common, or the reference compares little.
    expect(both).toBeGreaterThan(20);
  });
});
