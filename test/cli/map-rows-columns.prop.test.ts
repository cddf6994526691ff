// The CLI's mapping read from the text in place (the fast CSV path keeps where each record
// lies and cuts its cells out as it maps it: no record objects) against the same mapping over
// the table's records: the same rows, lines,
// skipped rows and problems, for a mapping with renames, constants, lookups, skip-row rules,
// dates in a format and stage moves, over cells that are often empty or unexpected.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InputProblem } from "../../src/cli/cli-error.js";
import { mapTable } from "../../src/cli/map-rows.js";
import { CRM_DEAL_COLUMNS, crmDealsMapping } from "./crm-deals-mapping.js";
import { csvTable, type SourceTable } from "../../src/cli/read-table.js";

// The CRM mapping, its amount also leaving out a lost deal's 0 (an `unknown` rule) before the lookup.
const mapping = crmDealsMapping({ column: "close_value", unknown: { values: ["0"], when: { stage: ["lost"] } }, ifEmpty: { lookup: "product", table: { "GTX Pro": 4821 } } });

const columns = CRM_DEAL_COLUMNS;
const cellArbs = [
  fc.constantFrom("o1", "o2", ""),
  fc.constantFrom("Ann", "Bob", ""),
  fc.constantFrom("GTXPro", "GTX Pro", "MG Special", ""),
  fc.constantFrom("Won", "Lost", "Engaging", "won", ""),
  fc.constantFrom("31/03/2026", "01/04/2026", "2026-04-01", ""),
  fc.constantFrom("02/04/2026", "15/05/2026", "nope", ""),
  fc.constantFrom("4514", "0", "12.50", "1,5", ""),
];

describe("mapTable over the text in place", () => {
  it("maps a CSV read in place exactly as the same table's records", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(...cellArbs), { maxLength: 25 }), fc.boolean(), (rows, activitiesToo) => {
        const text = [columns.join(";"), ...rows.map((row) => row.join(";"))].join("\n");
        const table = csvTable("deals.csv", text, ";");
        expect(table.byLine).toBeDefined();
        const asRecords: SourceTable = { file: table.file, format: table.format, columns: table.columns, records: table.records };
        const byColumnProblems: InputProblem[] = [];
        const byRecordProblems: InputProblem[] = [];
        expect(mapTable(table, "deals", mapping, "Europe/Amsterdam", byColumnProblems)).toEqual(mapTable(asRecords, "deals", mapping, "Europe/Amsterdam", byRecordProblems));
        expect(byColumnProblems).toEqual(byRecordProblems);
        if (activitiesToo) {
          // No mapping: the fields' own columns (owner is missing: one problem for the whole file).
          const a: InputProblem[] = [];
          const b: InputProblem[] = [];
          expect(mapTable(table, "activities", undefined, "UTC", a)).toEqual(mapTable(asRecords, "activities", undefined, "UTC", b));
          expect(a).toEqual(b);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("maps an activities CSV without a mapping as the fields say: text as it is, known types in their spelling, empty optional cells left out, rows with an empty required cell out", () => {
    const rowArb = fc.record({
      id: fc.constantFrom("a1", "a2", ""),
      owner: fc.constantFrom("ann", "Bob", ""),
      type: fc.constantFrom("call", "Call", "EMAIL", "demo", ""),
      at: fc.constantFrom("2026-03-02T09:00:00Z", "2026-03-31T22:30:00.000Z", ""),
      quantity: fc.constantFrom("", "3", "1"),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 20 }), (rows) => {
        const names = ["id", "owner", "type", "at", "quantity"] as const;
        const text = [names.join(","), ...rows.map((row) => names.map((name) => row[name]).join(","))].join("\n");
        const problems: InputProblem[] = [];
        const mapped = mapTable(csvTable("activities.csv", text, ","), "activities", undefined, "UTC", problems, { type: ["call", "email"] });
        const spelled: Record<string, string> = { call: "call", email: "email" };
        const expected = rows.flatMap((row, i) => {
          if (row.owner === "" || row.type === "" || row.at === "") return [];
          const out: Record<string, unknown> = {};
          if (row.id !== "") out.id = row.id;
          out.owner = row.owner;
          out.type = spelled[row.type.toLowerCase()] ?? row.type;
          out.at = row.at;
          if (row.quantity !== "") out.quantity = Number(row.quantity);
          return [{ row: out, line: i + 2 }];
        });
        expect(mapped.rows).toEqual(expected.map((e) => e.row));
        expect(mapped.lines).toEqual(expected.map((e) => e.line));
        expect(problems.length).toBe(rows.filter((row) => row.owner === "" || row.type === "" || row.at === "").reduce((n, row) => n + [row.owner, row.type, row.at].filter((cell) => cell === "").length, 0));
      }),
      { numRuns: 200 },
    );
  });
});
