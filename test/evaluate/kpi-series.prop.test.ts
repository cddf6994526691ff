import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Activity,
  catalogKpi,
  type Deal,
  type KpiData,
  type KpiDefinition,
  kpiCatalog,
  kpiSeries,
  type Lead,
  forecast,
  prepareKpiData,
  salesVelocity,
  winRate,
} from "../../src/index.js";
import { builtinRegistry } from "../../src/kpi/builtin-registry.js";
import { leadRowsArb } from "../conversion/lead-fixtures.js";
import { outcomeOf, pipelineDealsArb, START_MS } from "../pipeline/pipeline-arbitraries.js";
import { pipeline } from "../pipeline/fixtures.js";

const DAY = 86_400_000;
const FROM = "2026-01-01";
const TO = "2026-07-01";

/** Every catalog KPI the engine can evaluate from a data bag. */
const evaluable: KpiDefinition[] = kpiCatalog.filter((kpi) => kpi.measure.kind !== "builtin" || builtinRegistry[kpi.measure.id].evaluate !== undefined);

const activityArb: fc.Arbitrary<Activity> = fc.record({
  owner: fc.constantFrom("ann", "bob", "cem"),
  type: fc.constantFrom("call", "first-meeting", "proposal", "email"),
  at: fc.integer({ min: START_MS, max: START_MS + 200 * DAY }).map((ms) => new Date(ms).toISOString()),
  quantity: fc.integer({ min: 1, max: 5 }),
});

const dataArb: fc.Arbitrary<KpiData> = fc
  .record({ deals: pipelineDealsArb(15), activities: fc.array(activityArb, { maxLength: 20 }), leads: leadRowsArb(15) })
  .map(({ deals, activities, leads }) => ({
    pipeline,
    reps: [{ id: "ann" }, { id: "bob" }, { id: "cem" }],
    deals,
    activities,
    leads: leads.map((lead, i) => (i % 3 === 0 ? { ...lead, returnedAt: lead.createdAt } : lead)),
  }));

const asOfArb = fc.integer({ min: START_MS + 20 * DAY, max: START_MS + 220 * DAY });

/** The same data with history added at or after `asOfMs`: moves, activities, lead steps, returns. */
function withLaterHistory(data: KpiData, asOfMs: number): KpiData {
  const later = (ms: number) => new Date(ms).toISOString();
  const deals = (data.deals ?? []).map((deal): Deal => {
    const history = deal.stageHistory ?? [];
    if (history.length === 0) return deal;
    const lastAt = Math.max(...history.map((move) => Date.parse(String(move.at))));
    const at = Math.max(asOfMs, lastAt + 1) + DAY;
    // Won after asOf, or reopened when it was already closed.
    const stage = outcomeOf(deal.stage) === "open" ? "won" : "proposal";
    const { closedAt: _closedAt, ...rest } = deal;
    return { ...rest, stage, stageHistory: [...history, { stage, at: later(at) }], ...(stage === "won" ? { closedAt: later(at) } : {}) };
  });
  const activities: Activity[] = [...(data.activities ?? []), { owner: "ann", type: "call", at: later(asOfMs), quantity: 9 }];
  const leads = (data.leads ?? []).map((lead): Lead => {
    const reached: Record<string, string> = { ...(lead.reached as Record<string, string>) };
    for (const step of ["mql", "sql", "quote", "customer"]) if (reached[step] === undefined) reached[step] = later(asOfMs + DAY);
    return { ...lead, reached, ...(lead.returnedAt === undefined ? { returnedAt: later(asOfMs + 2 * DAY) } : {}) };
  });
  return { ...data, deals, activities, leads: [...leads, { id: "late", owner: "bob", createdAt: later(asOfMs), reached: { mql: later(asOfMs) } }] };
}

const json = (value: unknown) => JSON.stringify(value);

describe("kpiSeries properties", () => {
  it("nothing after asOf changes a result, for every catalog KPI, per rep and for the team", () => {
    fc.assert(
      fc.property(dataArb, asOfArb, (data, asOfMs) => {
        const asOf = new Date(asOfMs).toISOString();
        const extended = withLaterHistory(data, asOfMs);
        for (const kpi of evaluable) {
          const options = { from: FROM, to: TO, grain: "month" as const, groupBy: "owner" as const, asOf, missingAmount: "skip" as const };
          expect(json(kpiSeries(extended, kpi, options)), kpi.id).toBe(json(kpiSeries(data, kpi, options)));
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("additive KPIs: the team is Σ groups + the rows without a group; ratio KPIs: Σ numerators ÷ Σ denominators", () => {
    fc.assert(
      fc.property(dataArb, asOfArb, (data, asOfMs) => {
        const asOf = new Date(asOfMs).toISOString();
        for (const kpi of evaluable) {
          // Growth and velocity (a product of rates) are not sums or ratios of sums over groups.
          if (kpi.transform !== undefined || kpi.id === "sales-velocity") continue;
          const series = kpiSeries(data, kpi, { from: FROM, to: TO, grain: "month", groupBy: "owner", asOf, missingAmount: "skip" });
          for (const team of series.team) {
            const groups = series.points.filter((p) => p.period.startMs === team.period.startMs);
            const unowned = team.withoutGroup ?? 0;
            if (team.ratio !== undefined) {
              const n = groups.reduce((sum, p) => sum.plus(p.ratio?.numerator ?? 0), team.ratio.numerator.minus(team.ratio.numerator));
              const d = groups.reduce((sum, p) => sum.plus(p.ratio?.denominator ?? 0), team.ratio.denominator.minus(team.ratio.denominator));
              if (unowned === 0) {
                expect(team.ratio.numerator.eq(n), kpi.id).toBe(true);
                expect(team.ratio.denominator.eq(d), kpi.id).toBe(true);
              } else {
                expect(team.ratio.denominator.gte(d), kpi.id).toBe(true);
              }
            } else if (team.value !== null) {
              const sum = groups.reduce((total, p) => total.plus(p.value ?? 0), team.value.minus(team.value));
              // Only lead KPIs have rows without an owner here, and each counts 1 (returned leads).
              expect(team.value.minus(sum).toString(), kpi.id).toBe(String(unowned));
            }
            expect(team.rows, kpi.id).toBe(groups.reduce((total, p) => total + p.rows, 0) + unowned);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("the win rate per rep and month equals winRate() on that rep's deals for that month (brute-force reference)", () => {
    fc.assert(
      fc.property(pipelineDealsArb(20), asOfArb, (deals, asOfMs) => {
        const asOf = new Date(asOfMs).toISOString();
        const series = kpiSeries({ pipeline, deals }, catalogKpi("win-rate"), { from: FROM, to: TO, groupBy: "owner", asOf });
        for (const point of series.points) {
          const own = deals.filter((deal) => deal.owner === point.group);
          const reference = winRate(prepareKpiData({ pipeline, deals: own }), { period: point.period, asOf });
          expect(json(point.ratio)).toBe(json(reference.ratio));
        }
      }),
      { numRuns: 25 },
    );
  });

  it("forecast per rep and month equals forecast() on that rep's deals; velocity of the month holding asOf equals salesVelocity()", () => {
    const forecastKpi: KpiDefinition = { ...catalogKpi("weighted-pipeline-value"), id: "forecast", measure: { kind: "builtin", id: "forecast" } };
    const velocityKpi: KpiDefinition = { ...catalogKpi("weighted-pipeline-value"), id: "velocity", measure: { kind: "builtin", id: "sales-velocity" } };
    fc.assert(
      fc.property(pipelineDealsArb(20), asOfArb, fc.integer({ min: 0, max: 200 }), (rows, asOfMs, seed) => {
        const deals = rows.map((deal, i) => ((i + seed) % 3 === 0 ? deal : { ...deal, expectedCloseAt: new Date(START_MS + ((i * 37 + seed) % 200) * DAY).toISOString() }));
        const asOf = new Date(asOfMs).toISOString();
        const series = kpiSeries({ pipeline, deals }, forecastKpi, { from: FROM, to: TO, groupBy: "owner", asOf });
        for (const point of series.points) {
          const own = deals.filter((deal) => deal.owner === point.group);
          const reference = forecast(prepareKpiData({ pipeline, deals: own }), { period: point.period, asOf });
          expect(point.value?.toString()).toBe(reference.total.toString());
        }
        const holding = new Date(asOfMs - 1);
        const monthStart = new Date(Date.UTC(holding.getUTCFullYear(), holding.getUTCMonth(), 1)).toISOString();
        const month = kpiSeries({ pipeline, deals }, velocityKpi, { from: monthStart, to: new Date(asOfMs).toISOString(), asOf }).team[0];
        const period = month?.period;
        if (period !== undefined && period.endMs >= asOfMs) {
          const reference = salesVelocity(prepareKpiData({ pipeline, deals }), { period: { from: new Date(period.startMs), to: new Date(asOfMs) }, asOf });
          expect(month?.value?.toString() ?? null).toBe(reference.value?.toString() ?? null);
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("the same answer whether the data is prepared or raw, and the input is not mutated", () => {
    fc.assert(
      fc.property(dataArb, asOfArb, (data, asOfMs) => {
        const before = json(data);
        const prepared = prepareKpiData(data);
        const asOf = new Date(asOfMs).toISOString();
        for (const kpi of evaluable) {
          const options = { from: FROM, to: TO, groupBy: "owner" as const, asOf, missingAmount: "skip" as const };
          expect(json(kpiSeries(prepared, kpi, options)), kpi.id).toBe(json(kpiSeries(data, kpi, options)));
        }
        expect(json(data)).toBe(before);
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
