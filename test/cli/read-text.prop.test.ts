// The CLI reads a file as bytes and decodes them itself (faster than Node's own "utf8" read):
// the text must be exactly the one `readFileSync(file, "utf8")` gives, whatever the bytes —
// a byte-order mark kept (the table reader strips it), invalid or cut-off UTF-8 as U+FFFD.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readText } from "../../src/cli/read-table.js";

const dir = mkdtempSync(join(tmpdir(), "sales-kpi-read-text-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that are mostly text, with a BOM, multi-byte characters and broken sequences mixed in. */
const chunk = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 8 }).map((text) => Buffer.from(text, "utf8")),
  fc.constant(Buffer.from([0xef, 0xbb, 0xbf])),
  fc.uint8Array({ maxLength: 4 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xff, 0xfe])),
);
const bytesArb = fc.array(chunk, { maxLength: 12 }).map((chunks) => Buffer.concat(chunks));

describe("readText", () => {
  it("keeps a byte-order mark and reads a euro sign written as UTF-8", () => {
    const file = join(dir, "bom.csv");
    writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("amount\n€ 5\n", "utf8")]));
    expect(readText(file)).toBe("\uFEFFamount\n€ 5\n");
  });

  it("gives the text Node's own utf8 read gives, for any bytes", () => {
    let n = 0;
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const file = join(dir, `case-${n++}.csv`);
        writeFileSync(file, bytes);
        expect(readText(file)).toBe(readFileSync(file, "utf8"));
      }),
      { numRuns: 200 },
    );
  });

  it("names the file that is not there", () => {
    expect(() => readText(join(dir, "missing.csv"))).toThrow(/missing\.csv: file not found/);
  });
});
