// The mapping skips trimming a cell that is trimmed already: its check must agree with
// String.prototype.trim on every text, the Unicode spaces and line ends included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTrimmed } from "../../src/cli/map-rows.js";

/** Every code point `trim` removes (WhiteSpace and LineTerminator), and some it keeps. */
const SPACES = ["\t", "\n", "\v", "\f", "\r", " ", "\u00a0", "\u1680", "\u2000", "\u2005", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"];
const NOT_SPACES = ["a", "0", "\u0085", "\u180e", "\u200b", "\u2060", "\u0000", "\u001f", "\u00a1", "\u1fff", "\u200c", "\u3001", "\ufefe", "é"];

describe("trimmed cells", () => {
  it("are exactly the texts trim returns unchanged", () => {
    const char = fc.constantFrom(...SPACES, ...NOT_SPACES);
    fc.assert(fc.property(fc.oneof(fc.array(char, { maxLength: 6 }).map((chars) => chars.join("")), fc.string({ unit: "binary", maxLength: 6 })), (text) => {
      expect(isTrimmed(text)).toBe(text.trim() === text);
    }), { numRuns: 3000 });
  });

  it("include the empty text and ISO instants; not a cell with a no-break space at its end", () => {
    expect(isTrimmed("")).toBe(true);
    expect(isTrimmed("2026-03-15T10:30:00Z")).toBe(true);
    expect(isTrimmed("ann\u00a0")).toBe(false);
    expect(isTrimmed("\ufeffann")).toBe(false);
  });
});
