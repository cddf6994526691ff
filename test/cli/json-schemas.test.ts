// The JSON Schemas shipped in schemas/ are generated from the zod schemas the CLI parses the
// config and mapping files with (`npm run schemas`); this test fails when they are out of date.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_FILES } from "../../src/cli/json-schemas.js";
import { ROOT } from "./run-cli.js";

describe("the published JSON Schemas", () => {
  it.each(JSON_SCHEMA_FILES().map((entry) => [entry.file, entry.text] as const))("%s is up to date (run npm run schemas)", (file, text) => {
    expect(readFileSync(join(ROOT, file), "utf8")).toBe(text);
  });

  it("the config schema is strict and knows every key an editor should complete, $schema included", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "sales-kpi.config.schema.json"), "utf8")) as { additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["$schema", "asOf", "timeZone", "deals", "activities", "leads", "teams", "map", "pipeline", "kpis", "format", "out", "baselineMethod", "baselinePeriods", "invalidRows", "locale", "currency", "delimiter", "targets"]));
    const map = JSON.parse(readFileSync(join(ROOT, "schemas", "sales-kpi.map.schema.json"), "utf8")) as { properties: Record<string, unknown> };
    expect(Object.keys(map.properties)).toEqual(["$schema", "$comment", "deals", "activities", "leads", "reps"]);
  });
});
