import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { CliError, EXIT_DATA } from "./cli-error.js";

/** One input record and where it came from. */
export interface SourceRecord {
  /** The record's values by column (CSV: strings; JSON: whatever the file holds). */
  readonly values: Readonly<Record<string, unknown>>;
  /** 1-based line of a CSV record (the header is line 1); for JSON the 1-based row number. */
  readonly line: number;
}

/** A table read from a file. */
export interface SourceTable {
  readonly file: string;
  readonly format: "csv" | "json";
  /** Column names (CSV header; for JSON the keys seen in any row). */
  readonly columns: readonly string[];
  readonly records: readonly SourceRecord[];
  /**
   * The fast CSV path's records as places in the text: each record's cells are cut from the
   * text when read (`cellsOf`), so no object and no cell string is kept per record (`records`
   * is then made on first read, for the few places that want them).
   */
  readonly byLine?: PlainLines;
}

/** The records of a quote-free CSV text, as places in the text. */
export interface PlainLines {
  /** Number of records. */
  readonly length: number;
  /** The 1-based line of each record (the header is line 1). */
  readonly lines: Int32Array;
  /** Record `record`'s cells, trimmed, one per column, written into `into` (and returned). */
  cellsOf(record: number, into: string[]): string[];
}

/** A quote-free CSV text read as places in the text. */
export interface PlainCsv {
  readonly columns: readonly string[];
  readonly byLine: PlainLines;
}

/** The records of a plain CSV text, one object per record (what csv-parse gives). */
export function plainRecords(plain: PlainCsv): SourceRecord[] {
  const { byLine } = plain;
  const cells: string[] = [];
  return Array.from(byLine.lines, (line, i) => {
    byLine.cellsOf(i, cells);
    return { values: Object.fromEntries(plain.columns.map((column, c) => [column, cells[c] as string])), line };
  });
}

/**
 * Reads the text of a file, turning "not found" into a message that names the file. Read as
 * bytes, then decoded: the same text as `readFileSync(file, "utf8")` (a byte-order mark kept,
 * invalid bytes as U+FFFD) in half its time on Node 20 (a 49 MB file: 57–70 ms against 104–128).
 */
export function readText(file: string): string {
  try {
    return readFileSync(file).toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(error)})`}`);
  }
}

/** Reads and parses a JSON file, naming the file and position on a syntax error. */
export function readJsonFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file}: not valid JSON: ${(error as Error).message}`, EXIT_DATA);
  }
}

/** A CSV column separator: `,`, `;` or a tab. */
export type CsvDelimiter = "," | ";" | "\t";

/**
 * The separator of a CSV text, from its header line: the one of `,` `;` and tab that occurs
 * most often outside double quotes (a comma when none does, or on a tie with it).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text.startsWith("\uFEFF") ? text.slice(1) : text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === "," || char === ";" || char === "\t")) counts[char] += 1;
  }
  const best = (Object.entries(counts) as Array<[CsvDelimiter, number]>).reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] === 0 ? "," : best[0];
}

/** A header that names one column twice: the second would silently win over the first. */
export class DuplicateColumnError extends Error {
  constructor(
    readonly column: string,
    readonly positions: readonly number[],
  ) {
    super(`column "${column}" appears ${positions.length} times in the header (columns ${positions.join(" and ")}): rename or remove all but one`);
  }
}

/** Throws {@link DuplicateColumnError} for the first column the header names twice. */
function checkUniqueColumns(columns: readonly string[]): void {
  const seen = new Map<string, number[]>();
  for (const [i, column] of columns.entries()) seen.set(column, [...(seen.get(column) ?? []), i + 1]);
  for (const [column, positions] of seen) if (positions.length > 1 && column !== "") throw new DuplicateColumnError(column, positions);
}

function readCsv(file: string, delimiter: CsvDelimiter | "auto", emptyIsProblem: boolean): SourceTable {
  const text = readText(file);
  if (emptyIsProblem && /^\uFEFF?\s*$/.test(text)) throw new CliError(`${file}: the file is empty (expected a header row, then one row per record)`, EXIT_DATA);
  const separator = delimiter === "auto" ? detectDelimiter(text) : delimiter;
  try {
    return csvTable(file, text, separator);
  } catch (error) {
    if (error instanceof DuplicateColumnError) throw new CliError(`${file}:1: ${error.message}`, EXIT_DATA);
    const err = error as Error & { lines?: number };
    const name = separator === "\t" ? "tab" : `"${separator}"`;
    throw new CliError(`${file}:${err.lines ?? "?"}: not valid CSV (columns separated by ${name}${delimiter === "auto" ? ", detected from the header" : ""}; set another with --delimiter): ${err.message}`, EXIT_DATA);
  }
}

/**
 * The table of a CSV text: a plain text read in place (its records made only when read),
 * anything else by csv-parse.
 */
export function csvTable(file: string, text: string, separator: CsvDelimiter): SourceTable {
  const plain = parsePlainCsv(text, separator);
  if (plain === undefined) return { file, format: "csv", ...parseQuotedCsv(text, separator) };
  let records: SourceRecord[] | undefined;
  return {
    file,
    format: "csv",
    columns: plain.columns,
    byLine: plain.byLine,
    get records() {
      records ??= plainRecords(plain);
      return records;
    },
  };
}

/** What csv-parse trims around a field (its `trim` option): space, tab, CR, LF, form feed. */
const TRIMMED = /^[ \t\r\n\f]+|[ \t\r\n\f]+$/g;
const isTrimmed = (code: number): boolean => code === 32 || code === 9 || code === 13 || code === 10 || code === 12;
const trimField = (field: string): string =>
  field.length === 0 || (!isTrimmed(field.charCodeAt(0)) && !isTrimmed(field.charCodeAt(field.length - 1))) ? field : field.replace(TRIMMED, "");

/**
 * The fast path for the common export: no quote character anywhere, lines ending in LF or
 * CRLF. Each line must have the header's number of fields; fields are trimmed as csv-parse
 * would; the result is the same records with the same line numbers (a property test compares
 * the two). Anything else — a quote, a lone CR, a row with another number of fields, an empty
 * or repeated header name — returns `undefined`, and csv-parse reads the text (and reports
 * what is wrong). The records are kept as where they lie in the text: a record's cells are
 * cut out when read, so none outlives its reader's use of it.
 */
export function parsePlainCsv(text: string, separator: CsvDelimiter): PlainCsv | undefined {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.length === 0 || body.includes('"') || (body.includes("\r") && /\r(?!\n)/.test(body))) return undefined;
  const headerEnd = body.indexOf("\n");
  const columns = (headerEnd < 0 ? body : body.slice(0, headerEnd)).split(separator).map(trimField);
  if (columns.some((column) => column === "" || column === "__proto__") || new Set(columns).size !== columns.length) return undefined;
  const width = columns.length;
  // Sized once (a count of the line ends), not grown a million times.
  let lineEnds = 0;
  for (let at = body.indexOf("\n"); at >= 0; at = body.indexOf("\n", at + 1)) lineEnds++;
  const starts = new Int32Array(lineEnds + 1);
  const stops = new Int32Array(lineEnds + 1);
  const lines = new Int32Array(lineEnds + 1);
  let records = 0;
  let line = 2;
  // The next separator at or after the read position (it may lie lines ahead: searched again
  // only once passed, so a file with few separators is still read in one pass).
  let separatorAt = -1;
  for (let start = headerEnd < 0 ? body.length + 1 : headerEnd + 1; start <= body.length; start++, line++) {
    let stop = body.indexOf("\n", start);
    if (stop < 0) stop = body.length;
    let count = 1;
    for (let from = start; ; ) {
      if (separatorAt < from) {
        separatorAt = body.indexOf(separator, from);
        if (separatorAt < 0) separatorAt = Number.POSITIVE_INFINITY;
      }
      if (separatorAt > stop) break;
      if (count === width) return undefined; // more fields than columns
      count++;
      from = separatorAt + 1;
    }
    // An empty line (or one of blanks) is not a record.
    const blank = count === 1 && isBlank(body, start, stop);
    if (!blank) {
      if (count !== width) return undefined;
      starts[records] = start;
      stops[records] = stop;
      lines[records++] = line;
    }
    start = stop;
  }
  const recordStarts = starts.subarray(0, records);
  const recordStops = stops.subarray(0, records);
  const cellsOf = (record: number, into: string[]): string[] => {
    const stop = recordStops[record] as number;
    let from = recordStarts[record] as number;
    for (let c = 0; c < width; c++) {
      let next = c === width - 1 ? stop : body.indexOf(separator, from);
      if (next < 0 || next > stop) next = stop;
      into[c] = trimField(body.slice(from, next));
      from = next + 1;
    }
    if (into.length !== width) into.length = width;
    return into;
  };
  return { columns, byLine: { length: records, lines: lines.subarray(0, records), cellsOf } };
}

/** True when `text` holds only what csv-parse trims between `start` and `stop`. */
function isBlank(text: string, start: number, stop: number): boolean {
  for (let at = start; at < stop; at++) if (!isTrimmed(text.charCodeAt(at))) return false;
  return true;
}

/** Any CSV text, by csv-parse (quoted fields, line breaks inside quotes); throws its errors. */
export function parseQuotedCsv(text: string, separator: CsvDelimiter): Pick<SourceTable, "columns" | "records"> {
  const parsed = parse(text, {
    delimiter: separator,
    columns: (header: string[]) => {
      const columns = header.map((column) => column.trim());
      checkUniqueColumns(columns);
      return columns;
    },
    bom: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: false,
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  if (parsed.length === 0) {
    // no records: still read the header so a missing column is reported
    const header = text.length === 0 ? [] : (parse(text, { bom: true, to_line: 1, trim: true, delimiter: separator }) as string[][]);
    checkUniqueColumns(header[0] ?? []);
    return { columns: header[0] ?? [], records: [] };
  }
  return { columns: Object.keys(parsed[0]?.record ?? {}), records: parsed.map(({ record, info }) => ({ values: record, line: info.lines })) };
}

function readJsonTable(file: string, collection: string): SourceTable {
  const json = readJsonFile(file);
  const rows: unknown =
    Array.isArray(json) ? json : typeof json === "object" && json !== null ? (json as Record<string, unknown>)[collection] : undefined;
  if (!Array.isArray(rows)) throw new CliError(`${file}: expected a JSON array of ${collection}, or an object with a "${collection}" array`, EXIT_DATA);
  const columns = new Set<string>();
  const records = rows.map((row, index) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) throw new CliError(`${file}: row ${index + 1}: expected an object`, EXIT_DATA);
    for (const key of Object.keys(row)) columns.add(key);
    return { values: row as Record<string, unknown>, line: index + 1 };
  });
  return { file, format: "json", columns: [...columns], records };
}

/**
 * Reads a CSV file (header row, separated by `delimiter`, detected from the header line by
 * default; quoted fields, UTF-8 with or without BOM; a text without quotes is split directly,
 * any other by csv-parse, with the same result) or a JSON file
 * (`.json`: an array of rows, or an object holding the `collection` array). Every record
 * keeps its line so problems can be reported as `file:line`.
 */
export function readTable(file: string, collection: string, delimiter: CsvDelimiter | "auto" = "auto"): SourceTable {
  // An empty data file is a problem (a wrong path, an export that failed); an empty targets file is no targets.
  return extname(file).toLowerCase() === ".json" ? readJsonTable(file, collection) : readCsv(file, delimiter, collection !== "targets");
}
