// The CLI's fast CSV path (plain text split directly) against csv-parse, which reads every
// other text: wherever the fast path answers, it gives the same columns, values and lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvTable, type CsvDelimiter, parsePlainCsv, parseQuotedCsv, plainRecords } from "../../src/cli/read-table.js";

const pad = fc.constantFrom("", "", " ", "\t", "  ", " \f");
const word = fc.stringMatching(/^[a-c0-9.:-]{0,6}$/);
const field = fc.tuple(pad, word, pad).map(([a, w, b]) => a + w + b);

const textArb = fc
  .record({
    separator: fc.constantFrom<CsvDelimiter>(",", ";", "\t"),
    header: fc.uniqueArray(fc.stringMatching(/^[a-c]{1,3}$/), { minLength: 1, maxLength: 4 }),
    rows: fc.array(fc.oneof({ weight: 6, arbitrary: fc.array(field, { minLength: 1, maxLength: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(["   "], [""]) }), { maxLength: 12 }),
    newline: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
    trailing: fc.boolean(),
    headerPad: pad,
  })
  .map(({ separator, header, rows, newline, bom, trailing, headerPad }) => {
    const width = header.length;
    // Most rows have the header's width; some (5 fields for a narrower header) do not.
    const lines = [header.map((h) => headerPad + h).join(separator), ...rows.map((row) => (row.length === 1 && row[0]?.trim() === "" ? (row[0] as string) : row.length === 5 ? row.join(separator) : Array.from({ length: width }, (_, i) => row[i % row.length]).join(separator)))];
    return { separator, text: (bom ? "\uFEFF" : "") + lines.join(newline) + (trailing ? newline : "") };
  });

describe("CSV fast path", () => {
  it("gives csv-parse's columns, values and line numbers wherever it answers", () => {
    let answered = 0;
    fc.assert(
      fc.property(textArb, ({ separator, text }) => {
        const plain = parsePlainCsv(text, separator);
        if (plain === undefined) return;
        answered++;
        const quoted = parseQuotedCsv(text, separator);
        expect(plain.columns).toEqual(quoted.columns);
        expect(plainRecords(plain)).toEqual(quoted.records);
        // Record by record, in any order (a record's cells are cut from the text when read):
        // every record has a cell per column, and the table's records are the same.
        const cells: string[] = [];
        for (let i = plain.byLine.length - 1; i >= 0; i--) {
          expect(plain.byLine.cellsOf(i, cells)).toEqual(plain.columns.map((column) => quoted.records[i]?.values[column]));
          expect(plain.byLine.lines[i]).toBe(quoted.records[i]?.line);
        }
        expect(plain.byLine.length).toBe(quoted.records.length);
        expect(csvTable("a.csv", text, separator).records).toEqual(quoted.records);
      }),
      { numRuns: 400 },
    );
    // The fast path must be the common case, or the property checks little.
    expect(answered).toBeGreaterThan(100);
  });

  it("leaves quoted fields, lone CRs and ragged rows to csv-parse", () => {
    expect(parsePlainCsv('a,b\n"x, y",2\n', ",")).toBeUndefined();
    expect(parsePlainCsv("a,b\r1,2\r", ",")).toBeUndefined();
    expect(parsePlainCsv("a,b\n1,2,3\n", ",")).toBeUndefined();
    expect(parsePlainCsv("a,a\n1,2\n", ",")).toBeUndefined();
    // a plain export: the second record is on line 4 (line 3 is empty)
    const plain = parsePlainCsv("owner;type\nann; call \n\nbob;email\n", ";");
    expect(plain?.columns).toEqual(["owner", "type"]);
    expect([...(plain?.byLine.lines ?? [])]).toEqual([2, 4]);
    expect(plain === undefined ? undefined : plainRecords(plain)).toEqual([
      { values: { owner: "ann", type: "call" }, line: 2 },
      { values: { owner: "bob", type: "email" }, line: 4 },
    ]);
  });
});
