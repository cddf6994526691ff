import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversionRate, funnel, type FunnelResult } from "../../src/index.js";
import { asOfArb, leadRowsArb, periodArb, STEPS, zoneArb } from "./lead-fixtures.js";

const stepsArb = fc.subarray([...STEPS], { minLength: 1 });
const summary = (r: FunnelResult) =>
  JSON.stringify({
    steps: r.steps.map((s) => [s.count, s.implied]),
    groups: r.groups.map((g) => [g.group, g.entered, g.steps.map((s) => s.count)]),
    skipped: r.skippedSteps,
  });

describe("funnel properties", { timeout: 30_000 }, () => {
  it("counts never rise along the funnel, and the first step holds every entered lead", () => {
    fc.assert(
      fc.property(leadRowsArb(), stepsArb, periodArb, asOfArb, zoneArb, fc.constantFrom("first-step" as const, "created" as const), (leads, steps, period, asOf, zone, entry) => {
        const result = funnel(leads, steps, { period, asOf, entry, groupBy: "source", calendar: { timeZone: zone } });
        for (const f of [result, ...result.groups]) {
          for (let i = 1; i < f.steps.length; i++) expect(f.steps[i]?.count).toBeLessThanOrEqual(f.steps[i - 1]?.count as number);
          if (entry === "first-step") expect(f.steps[0]?.count).toBe(f.entered);
          else expect(f.steps[0]?.count).toBeLessThanOrEqual(f.entered);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("the product of the step ratios equals the overall ratio whenever all are defined (exactly, as fractions)", () => {
    fc.assert(
      fc.property(leadRowsArb(), stepsArb, periodArb, asOfArb, (leads, steps, period, asOf) => {
        const result = funnel(leads, steps, { period, asOf });
        const ratios = result.steps.slice(1).map((s) => s.fromPrevious);
        const defined = ratios.every((r) => r !== null && r.value !== null);
        if (!defined || result.overall.value === null) return;
        let numerator = 1n;
        let denominator = 1n;
        for (const r of ratios) {
          numerator *= BigInt(r?.numerator.toString() as string);
          denominator *= BigInt(r?.denominator.toString() as string);
        }
        // n1/d1 · n2/d2 · … = N/D  ⇔  (Π n) · D = N · (Π d)
        expect(numerator * BigInt(result.overall.denominator.toString())).toBe(BigInt(result.overall.numerator.toString()) * denominator);
        let product = result.overall.value.minus(result.overall.value).plus(1);
        for (const r of ratios) product = product.times(r?.value as NonNullable<typeof product>);
        expect(product.minus(result.overall.value).abs().lte("1e-30")).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("the overall funnel ratio equals the cohort conversion from the first to the last step", () => {
    fc.assert(
      fc.property(leadRowsArb(), stepsArb.filter((s) => s.length >= 2), periodArb, asOfArb, zoneArb, (leads, steps, period, asOf, zone) => {
        const calendar = { timeZone: zone };
        const f = funnel(leads, steps, { period, asOf, calendar });
        const c = conversionRate(leads, { from: steps[0] as string, to: steps[steps.length - 1] as string, steps, period, asOf, calendar });
        expect([f.steps[0]?.count, f.steps[f.steps.length - 1]?.count]).toEqual([c.entered, c.converted]);
      }),
      { numRuns: 100 },
    );
  });

  it("does not depend on the order of the leads; the skipped-step list matches the implied counts", () => {
    fc.assert(
      fc.property(
        leadRowsArb().chain((leads) => fc.tuple(fc.constant(leads), fc.shuffledSubarray(leads, { minLength: leads.length, maxLength: leads.length }))),
        stepsArb,
        periodArb,
        asOfArb,
        ([leads, shuffled], steps, period, asOf) => {
          const options = { period, asOf, groupBy: "owner" as const, listSkippedSteps: true };
          const result = funnel(leads, steps, options);
          expect(summary(funnel(shuffled, steps, options))).toBe(summary(result));
          const listed = (result.skippedSteps ?? []).reduce((sum, s) => sum + s.missing.length, 0);
          expect(listed).toBe(result.steps.reduce((sum, s) => sum + s.implied, 0));
        },
      ),
      { numRuns: 100 },
    );
  });
});
