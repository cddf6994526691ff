// Internal: the rows whose code a table takes, picked without a branch per row. A pass over
// deals in input order tests each deal's status, which is as good as random there (won, lost,
// open), so a test per deal mispredicts about every other time; that was most of the closed
// deals' pass and two fifths of the won-revenue pass. Here every row's position is written and
// the count moves on by the table's 0 or 1, so the loop has no branch but its own.

/** A code's 0 or 1 for each of the 256 byte codes (`take[code]`). */
export type CodeTable = Uint8Array;

/** A {@link CodeTable} taking the codes `accepts` says yes to (codes 0 to 255). */
export function codeTable(accepts: (code: number) => boolean): CodeTable {
  const table = new Uint8Array(256);
  for (let code = 0; code < 256; code++) table[code] = accepts(code) ? 1 : 0;
  return table;
}

/** Rows picked by {@link pickRows}: `picked[0, front)` ascending, `picked[back, length)` descending. */
export interface PickedRows {
  readonly picked: Int32Array;
  /** The rows `front` takes are `picked[0, front)`, in input order. */
  readonly front: number;
  /** The rows `back` takes are `picked[back, codes.length)`, in reverse input order. */
  readonly back: number;
}

/**
 * The rows `i` with `front[codes[i]] = 1`, in input order from the start of one index column,
 * and those with `back[codes[i]] = 1`, from its end: two sets in one pass and one column. The
 * tables must not both take a code (a row would be picked twice).
 *
 * Neither end's write reaches the other end's kept positions: before row i, at most i rows are
 * kept, so the front writes at most at length − kept-at-back − 1, where the back writes (the same row).
 */
export function pickRows(codes: Uint8Array, front: CodeTable, back: CodeTable): PickedRows {
  const length = codes.length;
  const picked = new Int32Array(length);
  let end = 0;
  let start = length;
  for (let i = 0; i < length; i++) {
    const code = codes[i] as number;
    picked[end] = i;
    end += front[code] as number;
    picked[start - 1] = i;
    start -= back[code] as number;
  }
  return { picked, front: end, back: start };
}

/** A table taking no code: the `back` of a {@link pickRows} that needs one set. */
export const NO_CODE: CodeTable = new Uint8Array(256);
