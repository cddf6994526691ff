import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpiCalendarSchema } from "../../src/index.js";

function intlAccepts(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

describe("KpiCalendarSchema accepts exactly the time zones Intl accepts", () => {
  it("canonical names, aliases, other spellings and garbage", () => {
    const zoneArb = fc.oneof(
      fc.constantFrom(...Intl.supportedValuesOf("timeZone")),
      fc.constantFrom("UTC", "Etc/UTC", "GMT", "Asia/Kathmandu", "Europe/Kiev", "europe/amsterdam", "US/Eastern", "Mars/Olympus", "", "+01:00", "CET"),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(zoneArb, (timeZone) => {
        expect(KpiCalendarSchema.safeParse({ timeZone }).success).toBe(intlAccepts(timeZone));
      }),
      { numRuns: 300 },
    );
  });
});
