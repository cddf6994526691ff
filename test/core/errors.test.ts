import { z } from "zod";
import { describe, expect, it } from "vitest";
import { KpiDefinitionError, KpiInputError, prepareKpiData, resolveCalendar } from "../../src/index.js";

describe("errors", () => {
  it("a KpiInputError carries a code, the issues with paths, and the zod error as cause", () => {
    let caught: unknown;
    try {
      prepareKpiData({ activities: [{ owner: "ann", type: "call", at: "2026-01-01", quantity: -2 }] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KpiInputError);
    const error = caught as KpiInputError;
    expect(error.name).toBe("KpiInputError");
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]?.path).toEqual(["activities", 0, "quantity"]);
    expect(error.cause).toBeInstanceOf(z.ZodError);
    // The message starts with a one-line summary and goes on with zod's pretty print.
    expect(error.message.split("\n")[0]).toMatch(/^Invalid input: activities\[0\]\.quantity: /);
    expect(error.message).toContain(z.prettifyError(error.cause));
  });

  it("a bad calendar is a KpiDefinitionError naming the field", () => {
    expect(() => resolveCalendar({ timeZone: "Mars/Olympus" })).toThrow(KpiDefinitionError);
    try {
      resolveCalendar({ timeZone: "Mars/Olympus" });
    } catch (error) {
      expect((error as KpiDefinitionError).issues[0]?.path).toEqual(["calendar", "timeZone"]);
      expect((error as KpiDefinitionError).code).toBe("invalid-definition");
    }
  });
});
