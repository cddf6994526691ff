// Internal: dictionary encoding of a text column — each row's value as an integer code into
// the values seen, in order of first appearance — for passes that group on codes.

/** A dictionary: the codes of the values seen, in order of first appearance. */
export interface Dictionary {
  readonly values: readonly string[];
  /** Code of each row; -1 when the row has no value. */
  readonly codes: Int32Array;
}

/** Builds a dictionary row by row (the previous row's value is reused: exports come sorted often). */
export class DictionaryBuilder {
  readonly values: string[] = [];
  /** Sized up front; a caller reading rows of unknown number makes room with `grow`. */
  codes: Int32Array;
  private readonly known = new Map<string, number>();
  private last: string | undefined = undefined;
  private lastCode = -1;
  constructor(length: number) {
    this.codes = new Int32Array(length);
  }
  set(i: number, value: string | undefined): void {
    if (value === undefined) {
      this.codes[i] = -1;
      return;
    }
    if (value !== this.last) {
      let code = this.known.get(value);
      if (code === undefined) {
        code = this.values.length;
        this.values.push(value);
        this.known.set(value, code);
      }
      this.last = value;
      this.lastCode = code;
    }
    this.codes[i] = this.lastCode;
  }
  /** Room for `capacity` rows, the codes so far kept. */
  grow(capacity: number): void {
    const codes = new Int32Array(capacity);
    codes.set(this.codes.subarray(0, Math.min(capacity, this.codes.length)));
    this.codes = codes;
  }
  done(): Dictionary {
    return { values: this.values, codes: this.codes };
  }
}
