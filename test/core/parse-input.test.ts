import { z } from "zod";
import { describe, expect, it } from "vitest";
import { KpiDefinitionError, measureSeries, resolveCalendar } from "../../src/index.js";
import * as schemas from "../../src/schemas.js";
import { parseDefinition, parseOptions } from "../../src/core/parse-input.js";

function definitionErrorOf(run: () => unknown): KpiDefinitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiDefinitionError) return error;
    throw error;
  }
  throw new Error("expected a KpiDefinitionError");
}

describe("parseOptions: unknown options", () => {
  const Options = z.strictObject({ asOf: z.string(), groupBy: z.enum(["owner", "team"]).optional(), calendar: z.strictObject({ timeZone: z.string() }).optional() });

  it("each misspelt key is its own issue, with its path and a suggestion: asof → asOf, groupby → groupBy", () => {
    const error = definitionErrorOf(() => parseOptions(Options, { asOf: "2026-01-01", asof: "2026-02-01", groupby: "owner", colour: "red" }));
    expect(error.issues.map((issue) => [issue.code, issue.path, issue.message])).toEqual([
      ["unrecognized_keys", ["asof"], 'unknown option; did you mean "asOf"?'],
      ["unrecognized_keys", ["groupby"], 'unknown option; did you mean "groupBy"?'],
      ["unrecognized_keys", ["colour"], "unknown option"],
    ]);
    expect(error.message.split("\n")[0]).toBe(
      'Invalid definition: asof: unknown option; did you mean "asOf"?; groupby: unknown option; did you mean "groupBy"?; colour: unknown option',
    );
  });

  it("a nested misspelling points into the nested object: calendar.timezone", () => {
    const error = definitionErrorOf(() => parseOptions(Options, { asOf: "2026-01-01", calendar: { timeZone: "UTC", timezone: "UTC" } }));
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([[["calendar", "timezone"], 'unknown option; did you mean "timeZone"?']]);
    expect(error.message).toContain('calendar.timezone: unknown option; did you mean "timeZone"?');
  });

  it("a definition names an unknown field the same way, under its path", () => {
    const Measure = z.strictObject({ kind: z.literal("count"), where: z.strictObject({ type: z.string().optional() }).optional() });
    const error = definitionErrorOf(() => parseDefinition(Measure, { kind: "count", where: { typ: "call" } }, ["measure"]));
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([[["measure", "where", "typ"], 'unknown field; did you mean "type"?']]);
  });

  it("no suggestion when two known keys are equally close or the key is too short to tell; case and separators never matter", () => {
    const Two = z.strictObject({ asOf: z.string().optional(), asAt: z.string().optional() });
    expect(definitionErrorOf(() => parseOptions(Two, { asIn: "b" })).issues[0]?.message).toBe("unknown option");
    expect(definitionErrorOf(() => parseOptions(Two, { as_of: "b" })).issues[0]?.message).toBe('unknown option; did you mean "asOf"?');
    expect(definitionErrorOf(() => parseOptions(z.strictObject({ to: z.string() }), { to: "a", ot: "b" })).issues[0]?.message).toBe("unknown option");
  });

  it("the calendar of any function: a misspelt timeZone is an error, not UTC", () => {
    const error = definitionErrorOf(() => resolveCalendar({ timezone: "Europe/Amsterdam" } as never));
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([[["calendar", "timezone"], 'unknown option; did you mean "timeZone"?']]);
    const series = definitionErrorOf(() => measureSeries({}, { kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-01", grain: "month", calendar: { timezone: "Europe/Amsterdam" } as never }));
    expect(series.issues[0]?.path).toEqual(["calendar", "timezone"]);
  });
});

describe("sales-kpi/schemas: options are strict, data rows are not", () => {
  const optionSchemas = Object.entries(schemas).filter(([name]) => name.endsWith("OptionsSchema"));

  it("every exported *OptionsSchema rejects an unknown key, by name", () => {
    expect(optionSchemas.length).toBeGreaterThanOrEqual(30);
    for (const [name, schema] of optionSchemas) {
      const result = (schema as z.ZodType).safeParse({ thisIsNoOption: 1 });
      expect(result.success, name).toBe(false);
      const unknown = result.error?.issues.find((issue) => issue.code === "unrecognized_keys");
      expect(unknown, name).toMatchObject({ keys: ["thisIsNoOption"] });
    }
  });

  it("the calendar, the periods and the scorecard targets inside options are strict too", () => {
    expect(schemas.KpiCalendarSchema.safeParse({ timezone: "UTC" }).success).toBe(false);
    expect(schemas.DealPeriodInputSchema.safeParse({ from: "2026-01-01", to: "2026-02-01", too: "x" }).success).toBe(false);
    expect(schemas.ScorecardTargetSchema.safeParse({ team: 1, perrep: 2 }).success).toBe(false);
    expect(schemas.RepTurnoverOptionsSchema.safeParse({ period: { from: "2026-01-01", to: "2026-02-01", untill: "x" } }).success).toBe(false);
    // a KpiPeriod (with its label, bounds and more) is still a period
    const period = { label: "2026-01", grain: "month", start: "2026-01-01T00:00:00Z", end: "2026-02-01T00:00:00Z", startMs: 0, endMs: 1 };
    expect(schemas.DealPeriodInputSchema.safeParse(period).success).toBe(true);
  });

  it("CRM rows keep their extra columns: deals, activities, leads and reps accept fields the library does not read", () => {
    const extra = { crmColumn: "x", Probability__c: 0.4 };
    expect(schemas.DealSchema.safeParse({ id: "d", owner: "ann", stage: "open", createdAt: "2026-01-01", ...extra }).success).toBe(true);
    expect(schemas.ActivitySchema.safeParse({ owner: "ann", type: "call", at: "2026-01-01", ...extra }).success).toBe(true);
    expect(schemas.LeadSchema.safeParse({ id: "l", createdAt: "2026-01-01", ...extra }).success).toBe(true);
    expect(schemas.RepSchema.safeParse({ id: "ann", ...extra }).success).toBe(true);
  });
});
