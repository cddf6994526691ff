// The data schemas convert to JSON Schema for projects that validate CRM rows outside
// TypeScript (z.toJSONSchema with `unrepresentable: "any"`): decimals and instants come out
// as their JSON forms instead of an empty schema, and those forms agree with the zod checks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DecimalLikeSchema, InstantSchema, KpiDataSchema } from "../../src/schemas.js";

interface JsonForm {
  readonly anyOf?: readonly { readonly type: string; readonly pattern?: string }[];
}

function jsonSchemaOf(schema: z.ZodType): JsonForm {
  return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonForm;
}

/** True when `value` fits one of the JSON forms. */
function fitsJsonForm(form: JsonForm, value: string | number): boolean {
  return (form.anyOf ?? []).some((option) =>
    option.type === "number" ? typeof value === "number" : typeof value === "string" && new RegExp(option.pattern ?? "").test(value),
  );
}

describe("JSON Schema of the data schemas", () => {
  it("describes an amount as a decimal string or a number, and a date as ISO text", () => {
    const json = JSON.stringify(z.toJSONSchema(KpiDataSchema, { unrepresentable: "any", io: "input" }));
    const deal = jsonSchemaOf(z.object({ amount: DecimalLikeSchema, createdAt: InstantSchema })) as {
      properties?: Record<string, JsonForm>;
    };
    expect(deal.properties?.amount?.anyOf?.map((option) => option.type)).toEqual(["string", "number"]);
    expect(deal.properties?.createdAt?.anyOf?.map((option) => option.type)).toEqual(["string", "string"]);
    expect(json).toContain("A decimal");
  });

  it("a decimal string below 10^18 fits the JSON form exactly when DecimalLikeSchema accepts it (the form cannot check the size)", () => {
    const form = jsonSchemaOf(DecimalLikeSchema);
    const decimalish = fc.stringMatching(/^[+-]?\d{0,4}\.?\d{0,3}(?:[eE][+-]?\d)?$/);
    fc.assert(
      fc.property(fc.oneof(decimalish, fc.string({ maxLength: 8 })), (text) => {
        expect(fitsJsonForm(form, text)).toBe(DecimalLikeSchema.safeParse(text).success);
      }),
    );
    expect(fitsJsonForm(form, "1,5")).toBe(false);
    expect(fitsJsonForm(form, 12.5)).toBe(true);
  });

  it("every instant string InstantSchema accepts fits the JSON form (which cannot check the calendar)", () => {
    const form = jsonSchemaOf(InstantSchema);
    const instant = fc
      .tuple(
        fc.integer({ min: Date.parse("2000-01-01"), max: Date.parse("2040-01-01") }),
        fc.constantFrom("date", "Z", "+02:00", "-05:30", "ms"),
      )
      .map(([ms, style]) => {
        const iso = new Date(ms).toISOString();
        if (style === "date") return iso.slice(0, 10);
        if (style === "Z") return `${iso.slice(0, 19)}Z`;
        if (style === "ms") return iso;
        return `${iso.slice(0, 19)}${style}`;
      });
    fc.assert(
      fc.property(fc.oneof(instant, fc.string({ maxLength: 12 })), (text) => {
        if (InstantSchema.safeParse(text).success) expect(fitsJsonForm(form, text)).toBe(true);
      }),
    );
    expect(fitsJsonForm(form, "2026-03-31T23:30:00")).toBe(false); // no offset: rejected by both
    expect(InstantSchema.safeParse("2026-03-31T23:30:00").success).toBe(false);
  });
});
