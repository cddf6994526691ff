import { describe, expect, it } from "vitest";
import type { InputProblem } from "../../src/cli/cli-error.js";
import { CliError } from "../../src/cli/cli-error.js";
import { mapTable } from "../../src/cli/map-rows.js";
import { MappingFileSchema } from "../../src/cli/mapping.js";
import type { SourceTable } from "../../src/cli/read-table.js";

function csv(columns: string[], rows: string[][]): SourceTable {
  return {
    file: "deals.csv",
    format: "csv",
    columns,
    records: rows.map((row, index) => ({ values: Object.fromEntries(columns.map((column, i) => [column, row[i] ?? ""])), line: index + 2 })),
  };
}

const columns = ["id", "owner", "stage", "createdAt", "closedAt", "product", "amount"];

describe("the CLI's mappings, value maps and lookup tables read only their own keys", () => {
  it("a mapping field named constructor or toString is an unknown field, not a crash", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty"]) {
      const mapping = MappingFileSchema.parse(JSON.parse(`{"deals": {"fields": {"${name}": "owner"}}}`)).deals;
      expect(() => mapTable(csv(columns, [["d1", "ann", "won", "2026-01-01", "2026-02-01", "x", "10"]]), "deals", mapping, "UTC", [])).toThrow(CliError);
      expect(() => mapTable(csv(columns, [["d1", "ann", "won", "2026-01-01", "2026-02-01", "x", "10"]]), "deals", mapping, "UTC", [])).toThrow(/unknown field/);
    }
  });

  it("a stage cell reading constructor stays the text constructor: a values map never answers with an inherited function", () => {
    const mapping = MappingFileSchema.parse({ deals: { fields: { stage: { column: "stage", values: { Won: "won" } } } } }).deals;
    const problems: InputProblem[] = [];
    const mapped = mapTable(csv(columns, [["d1", "ann", "constructor", "2026-01-01", "", "x", "10"]]), "deals", mapping, "UTC", problems);
    expect(mapped.rows[0]?.stage).toBe("constructor");
  });

  it("an empty amount whose product is toString is not in the lookup table (a problem named, not a function)", () => {
    const mapping = MappingFileSchema.parse({ deals: { fields: { amount: { column: "amount", ifEmpty: { lookup: "product", table: { widget: 10 } } } } } }).deals;
    const problems: InputProblem[] = [];
    mapTable(csv(columns, [["d1", "ann", "won", "2026-01-01", "2026-02-01", "toString", ""]]), "deals", mapping, "UTC", problems);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining("is not in its lookup table")]);
  });

  it("a mapped column that the file lacks reads as empty, also when it is named like an Object method", () => {
    const mapping = MappingFileSchema.parse({ deals: { fields: { team: "valueOf" } } }).deals;
    const problems: InputProblem[] = [];
    const mapped = mapTable(csv(columns, [["d1", "ann", "won", "2026-01-01", "2026-02-01", "x", "10"]]), "deals", mapping, "UTC", problems);
    expect(mapped.rows[0]?.team).toBeUndefined();
  });
});
