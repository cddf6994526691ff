import { tz } from "@date-fns/tz";
import { format as formatDate, isValid, parse as parseDate } from "date-fns";
import { isDecimalLike } from "./library.js";
import { CliError, EXIT_DATA, type InputProblem } from "./cli-error.js";
import { COLLECTION_FIELDS, type CollectionMapping, type FieldKind, type FieldMapping, type InputCollection } from "./mapping.js";
import type { SourceTable } from "./read-table.js";
import { ownProperty } from "./own-property.js";

/** Rows ready for the library, the line each came from, and rows skipped by the mapping. */
export interface MappedRows<Rows extends Iterable<Record<string, unknown>> = Record<string, unknown>[]> {
  readonly rows: Rows;
  /** `lines[i]` is the file line (CSV) or row (JSON) of `rows[i]`. */
  readonly lines: number[];
  /** Rows left out by an `ifEmpty: "skip-row"` rule, counted per reason. */
  readonly skipped: Map<string, number>;
  /** Fields left out by an `unknown` rule ("not known"), counted per field and cell value. */
  readonly unknown?: Map<string, number>;
  /** Things in the mapping that no row matched (an `unknown.when` value no row has), complete once every row is read. */
  readonly warnings?: string[];
}

interface ResolvedField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly column: string | undefined;
  readonly constant: string | number | undefined;
  readonly date: string | undefined;
  /** The `values` renames, keyed by the cell text (lower-cased unless `caseSensitive`). */
  readonly values: ReadonlyMap<string, string> | undefined;
  readonly caseSensitive: boolean;
  readonly unknown: Exclude<FieldMapping, string>["unknown"];
  /** The known spellings of the field's values, by lower case (a cell `Call` becomes `call`). */
  readonly spellings: ReadonlyMap<string, string> | undefined;
  readonly ifEmpty: Exclude<FieldMapping, string>["ifEmpty"];
  /** Amounts are written with a decimal comma ("1.234,50"). */
  readonly decimalComma: boolean;
  /** A name under `reached.` (set inside `reached` by `setField`): an instant, except a bare `reached.` column, which is text. */
  readonly reached: boolean;
}

/**
 * The known spellings of field values, by field name (`{ type: ["call", "first-meeting"] }`):
 * a cell that equals one of them ignoring case is read as that spelling.
 */
export type KnownSpellings = Readonly<Record<string, readonly string[]>>;

function valueRenames(values: Readonly<Record<string, string>> | undefined, caseSensitive: boolean): Map<string, string> | undefined {
  if (values === undefined) return undefined;
  const renames = new Map<string, string>();
  for (const [from, to] of Object.entries(values)) renames.set(caseSensitive ? from : from.toLowerCase(), to);
  return renames;
}

function spellingsOf(known: KnownSpellings | undefined, name: string): Map<string, string> | undefined {
  const list = known !== undefined && Object.hasOwn(known, name) ? known[name] : undefined;
  return list === undefined ? undefined : new Map(list.map((spelling) => [spelling.toLowerCase(), spelling]));
}

/** How many distinct cells of one column {@link renamer} remembers (a column of ids would otherwise be kept whole). */
const RENAMES_REMEMBERED = 10_000;

/**
 * What a cell of `field` reads as after its `values` renames (ignoring case unless
 * `caseSensitive`) and its known spellings (ignoring case), or undefined when it has neither.
 * Each distinct cell is renamed once and remembered: a column of a million cells holds a few
 * hundred texts, and lower-casing every cell twice was a fifth of mapping an activity.
 */
function renamer(field: ResolvedField): ((text: string) => string) | undefined {
  const { values, spellings, caseSensitive } = field;
  if (values === undefined && spellings === undefined) return undefined;
  const rename = (text: string): string => {
    const value = values === undefined ? text : (values.get(caseSensitive ? text : text.toLowerCase()) ?? text);
    return spellings === undefined ? value : (spellings.get(value.toLowerCase()) ?? value);
  };
  const seen = new Map<string, string>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) {
      value = rename(text);
      if (seen.size < RENAMES_REMEMBERED) seen.set(text, value);
    }
    return value;
  };
}

function normalise(field: FieldMapping): Exclude<FieldMapping, string> {
  return typeof field === "string" ? { column: field } : field;
}

function fieldKind(collection: InputCollection, name: string): FieldKind | undefined {
  if (collection === "leads" && name.startsWith("reached.") && name.length > "reached.".length) return "instant";
  return ownProperty(COLLECTION_FIELDS[collection].fields as Record<string, FieldKind>, name);
}

function resolveFields(table: SourceTable, collection: InputCollection, mapping: CollectionMapping | undefined, known: KnownSpellings | undefined): ResolvedField[] {
  const spec = COLLECTION_FIELDS[collection];
  const required = new Set<string>(spec.required);
  const names = new Set<string>(Object.keys(spec.fields));
  if (collection === "leads") for (const column of table.columns) if (column.startsWith("reached.")) names.add(column);
  for (const name of Object.keys(mapping?.fields ?? {})) {
    if (fieldKind(collection, name) === undefined) {
      const known = [...Object.keys(spec.fields), ...(collection === "leads" ? ["reached.<step>"] : [])].join(", ");
      throw new CliError(`mapping: ${collection}.fields.${name}: unknown field (known: ${known})`, EXIT_DATA);
    }
    names.add(name);
  }
  const fields: ResolvedField[] = [];
  for (const name of names) {
    const given = ownProperty(mapping?.fields, name);
    const field = given === undefined ? (table.columns.includes(name) ? { column: name } : undefined) : normalise(given);
    if (field === undefined) {
      if (required.has(name)) {
        fields.push({ name, kind: fieldKind(collection, name) ?? "text", required: true, column: name, constant: undefined, date: undefined, values: undefined, caseSensitive: false, unknown: undefined, spellings: spellingsOf(known, name), ifEmpty: undefined, decimalComma: false, reached: name.startsWith("reached.") });
      }
      continue;
    }
    fields.push({
      name,
      kind: fieldKind(collection, name) ?? "text",
      required: required.has(name),
      column: field.column,
      constant: field.value,
      date: field.date,
      values: valueRenames(field.values, field.caseSensitive === true),
      caseSensitive: field.caseSensitive === true,
      unknown: field.unknown,
      spellings: spellingsOf(known, name),
      ifEmpty: field.ifEmpty,
      decimalComma: field.decimalComma === true,
      reached: name.startsWith("reached."),
    });
  }
  // Fields that depend on other fields (an `unknown.when`, a lookup) come after them.
  const rank = (field: ResolvedField) => (typeof field.ifEmpty === "object" && "lookup" in field.ifEmpty ? 2 : field.unknown?.when === undefined ? 0 : 1);
  // An `unknown.when` reads fields mapped before it: a field of the collection without such rules of its own.
  for (const field of fields) {
    for (const name of Object.keys(field.unknown?.when ?? {})) {
      const read = fields.find((other) => other.name === name);
      const why =
        fieldKind(collection, name) === undefined
          ? `unknown field (known: ${Object.keys(spec.fields).join(", ")})`
          : read !== undefined && rank(read) > 0
            ? "a field with an unknown.when or ifEmpty lookup of its own cannot be read by another's when"
            : undefined;
      if (why !== undefined) throw new CliError(`mapping: ${collection}.fields.${field.name}.unknown.when.${name}: ${why}`, EXIT_DATA);
    }
  }
  return [0, 1, 2].flatMap((level) => fields.filter((field) => rank(field) === level));
}

/**
 * Readers of one column's cell by record index: from the text of the fast CSV path (each
 * record's cells cut out once, when its first cell is read: no record objects, no cells kept),
 * else from the table's records.
 */
function cellReaders(table: SourceTable): (column: string | undefined) => ((index: number) => unknown) | undefined {
  const byLine = table.byLine;
  if (byLine !== undefined) {
    let at = -1;
    const cells: string[] = [];
    const record = (index: number): readonly string[] => {
      if (index !== at) {
        byLine.cellsOf(index, cells);
        at = index;
      }
      return cells;
    };
    return (column) => {
      if (column === undefined) return undefined;
      const c = table.columns.indexOf(column);
      return c < 0 ? () => undefined : (index) => record(index)[c];
    };
  }
  const records = table.records;
  return (column) => (column === undefined ? undefined : (index) => ownProperty(records[index]?.values, column));
}

/**
 * Whether `text` neither starts nor ends with white space as `String.prototype.trim` reads it
 * (WhiteSpace and LineTerminator): then trimming returns it as it is. Cells of a CSV file come
 * trimmed already; this check is cheaper than trimming them again.
 */
export function isTrimmed(text: string): boolean {
  return text.length === 0 || (!isTrimSpace(text.charCodeAt(0)) && !isTrimSpace(text.charCodeAt(text.length - 1)));
}

function isTrimSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

type Converted = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

// Parsing a date in a time zone costs ~100 µs; exports repeat the same few hundred days, so
// each (format, zone, text) is parsed once per process.
const dateCache = new Map<string, Converted>();

function readDate(value: unknown, pattern: string | undefined, timeZone: string): Converted {
  // Cached: texts in a format, and date-times without offset (both are parsed in the zone).
  if (typeof value === "string" && (pattern !== undefined || isLocalDateTime(value))) {
    const key = `${pattern ?? ""}\u0000${timeZone}\u0000${value}`;
    let cached = dateCache.get(key);
    if (cached === undefined) {
      cached = parseDateUncached(value, pattern, timeZone);
      // date-times are mostly distinct: keep the cache from growing without bound
      if (dateCache.size >= 200_000) dateCache.clear();
      dateCache.set(key, cached);
    }
    return cached;
  }
  return parseDateUncached(value, pattern, timeZone);
}

// A local date-time without offset: 2026-03-15T10:30, 2026-03-15 10:30:00, 2026-03-15T10:30:00.250.
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})([T ])(\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/;
const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
/** {@link LOCAL_DATE_TIME}, its length and last digit checked first (an ISO instant with Z or an offset fails them without the pattern). */
const isLocalDateTime = (value: string): boolean =>
  value.length >= 16 && value.length <= 23 && isDigitCode(value.charCodeAt(value.length - 1)) && LOCAL_DATE_TIME.test(value);

function parseDateUncached(value: unknown, pattern: string | undefined, timeZone: string): Converted {
  if (pattern === undefined) {
    // A date-time without offset is a local time in the report's time zone (--time-zone).
    // (A local date-time ends in a digit: "…Z" and "…+01:00" skip the pattern.)
    const local = typeof value === "string" && isLocalDateTime(value) ? LOCAL_DATE_TIME.exec(value) : null;
    if (local !== null) {
      const localPattern = `yyyy-MM-dd${local[2] === "T" ? "'T'" : " "}HH:mm${local[4] === undefined ? "" : ":ss"}${local[5] === undefined ? "" : `.${"S".repeat(local[5].length - 1)}`}`;
      return parseDateUncached(value, localPattern, timeZone);
    }
    // Anything else goes to the library as it is, which checks it once, with the row's line.
    return { ok: true, value };
  }
  if (typeof value !== "string") return { ok: false, message: `expected a date written as "${pattern}", got ${show(value)}` };
  let date: Date;
  try {
    date = parseDate(value, pattern, new Date(0), { in: tz(timeZone) });
  } catch (error) {
    return { ok: false, message: `date format "${pattern}" cannot be used: ${(error as Error).message}` };
  }
  if (!isValid(date)) return { ok: false, message: `expected a date written as "${pattern}", got ${show(value)}` };
  return { ok: true, value: formatDate(date, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx") };
}

/** An amount written the Dutch way: "1.234,50", "1 234,5", "-12,75", "1234". */
export const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:[. ]\d{3})+|\d+)(?:,\d+)?$/;

/**
 * A date-only cell that is not YYYY-MM-DD ("03-09-2026", "15/3/2026") and no `date` format
 * for it: an error that says how to read it, with the format guessed from the cell (a
 * 4-digit last group is the year, day first, as such exports usually are).
 */
function dateWithoutFormat(value: unknown, field: ResolvedField): Converted | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  // At most 12 characters ("2026/12/31" style): longer cells (date-times) pass without the patterns.
  if (text.length > DATE_ONLY_MAX_LENGTH || !DATE_ONLY_CELL.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const parts = text.split(/[-/.]/);
  const separator = /[-/.]/.exec(text)?.[0] ?? "-";
  const guess = (parts[0] ?? "").length === 4 ? ["yyyy", "MM", "dd"].join(separator) : ["dd", "MM", (parts[2] ?? "").length === 2 ? "yy" : "yyyy"].join(separator);
  const column = field.column ?? field.name;
  return {
    ok: false,
    message: `expected a date as YYYY-MM-DD (or an ISO date-time), got ${show(value)}: give the column's format in the mapping, such as "${field.name}": { "column": "${column}", "date": "${guess}" } (date-fns tokens: MM is the month, mm the minutes)`,
  };
}

function convert(value: unknown, field: ResolvedField, timeZone: string): Converted {
  switch (field.kind) {
    case "text":
      return typeof value === "object" ? { ok: false, message: `expected text, got ${show(value)}` } : { ok: true, value: String(value) };
    case "decimal": {
      const text = typeof value === "string" ? value.trim() : value;
      if (field.decimalComma && typeof text === "string") {
        return DECIMAL_COMMA.test(text)
          ? { ok: true, value: text.replace(/[. ]/g, "").replace(",", ".") }
          : { ok: false, message: `expected a number with a decimal comma such as 1.234,50 (decimalComma), got ${show(value)}` };
      }
      if (isDecimalLike(text)) return { ok: true, value: text };
      const hint = typeof text === "string" && DECIMAL_COMMA.test(text) && text.includes(",") ? ` (written with a decimal comma? set "decimalComma": true on the ${field.name} field of the mapping)` : "";
      return { ok: false, message: `expected a number such as 1234.50, got ${show(value)}${hint}` };
    }
    case "probability": {
      const number = typeof value === "string" ? Number(value.trim()) : value;
      return typeof number === "number" && Number.isFinite(number) && number >= 0 && number <= 1
        ? { ok: true, value: number }
        : { ok: false, message: `expected a probability between 0 and 1, got ${show(value)}` };
    }
    case "integer": {
      const number = typeof value === "string" ? Number(value.trim()) : value;
      return typeof number === "number" && Number.isInteger(number) && number > 0
        ? { ok: true, value: number }
        : { ok: false, message: `expected a whole number of 1 or more, got ${show(value)}` };
    }
    case "instant": {
      const unreadable = field.date === undefined ? dateWithoutFormat(value, field) : undefined;
      return unreadable ?? readDate(value, field.date, timeZone);
    }
  }
}

/** Every field name of the collections (the compiler checks that {@link NAMED_STORES} has each, and no other). */
type CollectionFieldName = { [C in InputCollection]: keyof (typeof COLLECTION_FIELDS)[C]["fields"] }[InputCollection];

/** Sets one field of a mapped row. */
type Store = (row: Record<string, unknown>, value: unknown) => void;

/**
 * A store per field name of the collections, each its own property write: the rows of a file
 * get their fields in the same order, so each write sees one row shape (one keyed write for
 * every field name would see them all, and look each name up at run time).
 */
const NAMED_STORES: Readonly<Record<CollectionFieldName, Store>> = {
  id: (row, value) => void (row.id = value),
  owner: (row, value) => void (row.owner = value),
  team: (row, value) => void (row.team = value),
  account: (row, value) => void (row.account = value),
  product: (row, value) => void (row.product = value),
  amount: (row, value) => void (row.amount = value),
  currency: (row, value) => void (row.currency = value),
  stage: (row, value) => void (row.stage = value),
  createdAt: (row, value) => void (row.createdAt = value),
  closedAt: (row, value) => void (row.closedAt = value),
  expectedCloseAt: (row, value) => void (row.expectedCloseAt = value),
  probability: (row, value) => void (row.probability = value),
  source: (row, value) => void (row.source = value),
  type: (row, value) => void (row.type = value),
  at: (row, value) => void (row.at = value),
  quantity: (row, value) => void (row.quantity = value),
  returnedAt: (row, value) => void (row.returnedAt = value),
  name: (row, value) => void (row.name = value),
  startedAt: (row, value) => void (row.startedAt = value),
  leftAt: (row, value) => void (row.leftAt = value),
};

/** The store of field `name`: `reached.<step>` into the row's `reached`, a known name by its own write, else by name. */
function storeOf(name: string): Store {
  if (name.startsWith("reached.")) {
    const step = name.slice("reached.".length);
    return (row, value) => {
      const reached = (row.reached ?? {}) as Record<string, unknown>;
      reached[step] = value;
      row.reached = reached;
    };
  }
  return ownProperty(NAMED_STORES as Readonly<Record<string, Store>>, name) ?? ((row, value) => void (row[name] = value));
}

// date-fns tokens of a time of day (outside quotes): hours, minutes, seconds, fractions, AM/PM.
const TIME_TOKENS = /[HhKkmsSaBb]/;
// A date-only cell: three groups of digits (2026-03-15, 15/03/2026, 15.3.2026).
const DATE_ONLY_CELL = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
/** The longest cell {@link DATE_ONLY_CELL} matches: 4 + 1 + 2 + 1 + 4 characters. */
const DATE_ONLY_MAX_LENGTH = 12;

function unquoted(pattern: string): string {
  return pattern.replace(/'[^']*'/g, "");
}

/**
 * A date format that cannot read the column: one with time tokens (`mm` is minutes, `HH`
 * hours) for a column that holds dates only (its first cells look like `2026-03-15`), or
 * one date-fns refuses (`YYYY`, `DD`). Returns the message, or undefined when it may fit.
 */
export function dateFormatProblem(pattern: string, column: string, cells: readonly unknown[]): string | undefined {
  const sample = cells.filter((cell): cell is string => typeof cell === "string" && cell.trim() !== "").slice(0, 50);
  // date-fns refuses some formats only once a cell gets that far: try the first cells too.
  for (const probe of ["2000-01-01", ...sample.slice(0, 5)]) {
    try {
      parseDate(probe.trim(), pattern, new Date(0));
    } catch (error) {
      return `date format "${pattern}" cannot be used: ${(error as Error).message}`;
    }
  }
  const tokens = unquoted(pattern);
  if (!TIME_TOKENS.test(tokens)) return undefined;
  if (sample.length === 0 || !sample.every((cell) => DATE_ONLY_CELL.test(cell.trim()))) return undefined;
  const hint = /m/.test(tokens) && !/M/.test(tokens) ? " (mm is minutes; months are MM)" : "";
  return `date format "${pattern}" has time tokens${hint}, but column "${column}" holds dates only (such as "${sample[0]?.trim()}")`;
}

/** The parsed dates of one column with a date format: cell text and local ISO date-time. */
interface DateSample {
  readonly label: string;
  readonly pattern: string;
  readonly column: string;
  readonly texts: string[];
  readonly parsed: string[];
}

/**
 * Most dates of a column falling on one day or in one month, from cells that name more days
 * than that can hold, means the format misreads the column (`yyyy-mm-dd` reads every month
 * as January): the texts' date parts are compared with where they landed.
 */
export function dateCollapseProblem(sample: { readonly pattern: string; readonly column: string; readonly texts: readonly string[]; readonly parsed: readonly string[] }): string | undefined {
  const count = sample.parsed.length;
  if (count < 10) return undefined;
  const datePart = (text: string) => text.split(/[ T]/)[0] ?? text;
  for (const [unit, length, share, most] of [
    ["day", 10, 0.5, 2],
    ["month", 7, 0.9, 31],
  ] as const) {
    const buckets = new Map<string, Set<string>>();
    const sizes = new Map<string, number>();
    sample.parsed.forEach((iso, index) => {
      const key = iso.slice(0, length);
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      let texts = buckets.get(key);
      if (texts === undefined) buckets.set(key, (texts = new Set()));
      texts.add(datePart(sample.texts[index] ?? ""));
    });
    for (const [key, size] of sizes) {
      const texts = buckets.get(key) ?? new Set<string>();
      if (size > count * share && texts.size > most) {
        const examples = [...texts].slice(0, 3).map((text) => `"${text}"`).join(", ");
        return `date format "${sample.pattern}" misreads column "${sample.column}": ${size} of ${count} dates fall in the ${unit} ${key}, from ${texts.size} different dates such as ${examples}`;
      }
    }
  }
  return undefined;
}

/** When a CSV header reads as one column holding separators, the hint to set `--delimiter`. */
function delimiterHint(table: SourceTable): string {
  const only = table.format === "csv" && table.columns.length === 1 ? table.columns[0] : undefined;
  const found = only === undefined ? undefined : [";", "\t", ","].find((separator) => only.includes(separator));
  return found === undefined ? "" : ` (the header looks separated by ${found === "\t" ? "tabs" : `"${found}"`}: set --delimiter, or leave it to detect)`;
}

/**
 * Turns the records of one input file into rows of `collection`, following the mapping:
 * renames columns, fills constants, renames values (`values`, ignoring case unless
 * `caseSensitive`) and reads the `known` spellings whatever their case (an activity type
 * `Call` is `call`), leaves out values that mean "not known" (`unknown`), reads dates in the
 * given format and time zone (a date-time without offset in the time zone), applies
 * `ifEmpty` (error, omit, skip-row, a constant or a lookup by another field), and builds deal
 * stage moves from date columns. Problems are appended to `problems` with their file and
 * line; a missing column, or a date format that does not fit the column, is reported once,
 * for the whole file (`wholeFile`), before any row is read. The rows come one at a time as
 * they are read (an iterable, read once): `lines`, `skipped`, `unknown` and the row problems
 * are complete when the last has been read.
 */
export function mapTableRows(
  table: SourceTable,
  collection: InputCollection,
  mapping: CollectionMapping | undefined,
  timeZone: string,
  problems: InputProblem[],
  known?: KnownSpellings,
): MappedRows<Iterable<Record<string, unknown>>> {
  const skipped = new Map<string, number>();
  const problem = (line: number | undefined, field: string | undefined, message: string, wholeFile = false) =>
    problems.push({ file: table.file, line, format: table.format, field, message, ...(wholeFile ? { wholeFile } : {}) });
  // A JSON file without a mapping section is already in the library's shape: rows pass as they
  // are, only the known spellings are applied (`Call` → `call`) and date-times without offset
  // are read in the time zone.
  if (table.format === "json" && mapping === undefined) {
    const spellings = Object.keys(known ?? {}).flatMap((name) => {
      const map = spellingsOf(known, name);
      return map === undefined ? [] : [[name, map] as const];
    });
    const instants = Object.entries(COLLECTION_FIELDS[collection].fields as Record<string, FieldKind>).flatMap(([name, kind]) => (kind === "instant" ? [name] : []));
    const local = (value: unknown) => (typeof value === "string" && LOCAL_DATE_TIME.test(value) ? readDate(value, undefined, timeZone) : undefined);
    const rows = table.records.map((record) => {
      const row: Record<string, unknown> = { ...record.values };
      for (const [name, map] of spellings) {
        const value = row[name];
        if (typeof value === "string") row[name] = map.get(value.toLowerCase()) ?? value;
      }
      for (const name of instants) {
        const read = local(row[name]);
        if (read?.ok === true) row[name] = read.value;
      }
      if (Array.isArray(row.stageHistory)) {
        row.stageHistory = row.stageHistory.map((move: unknown) => {
          if (typeof move !== "object" || move === null) return move;
          const read = local((move as { at?: unknown }).at);
          return read?.ok === true ? { ...move, at: read.value } : move;
        });
      }
      if (typeof row.reached === "object" && row.reached !== null && !Array.isArray(row.reached)) {
        row.reached = Object.fromEntries(
          Object.entries(row.reached as Record<string, unknown>).map(([step, at]) => {
            const read = local(at);
            return [step, read?.ok === true ? read.value : at];
          }),
        );
      }
      return row;
    });
    return { rows, lines: table.records.map((record) => record.line), skipped };
  }
  const fields = resolveFields(table, collection, mapping, known);

  let missing = false;
  const headerLine = table.format === "csv" ? 1 : undefined;
  for (const field of fields) {
    if (field.column !== undefined && !table.columns.includes(field.column)) {
      missing = true;
      const why = field.column === field.name ? (field.required ? "required" : "mapped") : `mapped to field ${field.name}`;
      problem(headerLine, field.name, `column "${field.column}" is missing (${why}); columns are: ${table.columns.join(", ") || "none"}${delimiterHint(table)}`, true);
    }
  }
  for (const move of mapping?.stageHistory ?? []) {
    if (collection !== "deals") throw new CliError(`mapping: ${collection}.stageHistory: only deals have a stage history`, EXIT_DATA);
    if (!table.columns.includes(move.at)) {
      missing = true;
      problem(headerLine, "stageHistory", `column "${move.at}" is missing (stage move into "${move.stage}")`, true);
    }
  }
  if (missing) return { rows: [], lines: [], skipped };

  const byLine = table.byLine;
  const recordCount = byLine?.length ?? table.records.length;
  const lineOf = (index: number): number => (byLine !== undefined ? (byLine.lines[index] as number) : (table.records[index]?.line as number));
  // Each field's and each stage move's column read by index, resolved once.
  const cellReader = cellReaders(table);
  const fieldCells = fields.map((field) => cellReader(field.column));
  const stores = fields.map((field) => storeOf(field.name));
  const renames = fields.map(renamer);
  const moveCells = (mapping?.stageHistory ?? []).map((move) => cellReader(move.at) as (index: number) => unknown);
  // Date formats are checked against the column before any row is read.
  const samples = new Map<string, DateSample>();
  const dated: Array<{ label: string; pattern: string; column: string }> = [
    ...fields.flatMap((field) => (field.date !== undefined && field.column !== undefined && field.kind === "instant" ? [{ label: field.name, pattern: field.date, column: field.column }] : [])),
    ...(mapping?.stageHistory ?? []).flatMap((move) => (move.date === undefined ? [] : [{ label: `stageHistory (${move.at})`, pattern: move.date, column: move.at }])),
  ];
  let badFormat = false;
  for (const { label, pattern, column } of dated) {
    const read = cellReader(column) as (index: number) => unknown;
    const message = dateFormatProblem(pattern, column, Array.from({ length: Math.min(200, recordCount) }, (_, index) => read(index)));
    if (message !== undefined) {
      badFormat = true;
      problem(undefined, label, message, true);
    }
    samples.set(label, { label, pattern, column, texts: [], parsed: [] });
  }
  if (badFormat) return { rows: [], lines: [], skipped };
  const remember = (label: string, text: unknown, converted: Converted) => {
    const sample = samples.get(label);
    if (sample !== undefined && converted.ok && typeof text === "string" && sample.texts.length < 5000) {
      sample.texts.push(text);
      sample.parsed.push(String(converted.value));
    }
  };

  const lines: number[] = [];
  const unknown = new Map<string, number>();
  const count = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const matchesWhen = (row: Record<string, unknown>, when: Readonly<Record<string, readonly string[]>> | undefined) =>
    when === undefined ||
    Object.entries(when).every(([name, list]) => {
      const mapped = row[name];
      return typeof mapped === "string" && list.some((item) => item.toLowerCase() === mapped.toLowerCase());
    });

  // Each `unknown.when` value, and whether a row has had it (lower-cased): one no row has is a warning (a typo would be silent).
  const whenValues = fields.flatMap((field) =>
    Object.entries(field.unknown?.when ?? {}).flatMap(([name, list]) => list.map((item) => ({ field: field.name, name, item, lower: item.toLowerCase(), seen: false }))),
  );
  const noteWhenValues = (row: Record<string, unknown>): void => {
    for (const when of whenValues) {
      const value = row[when.name];
      if (!when.seen && typeof value === "string" && value.toLowerCase() === when.lower) when.seen = true;
    }
  };
  const warnings: string[] = [];

  const mapRecord = (index: number): Record<string, unknown> | undefined => {
    const row: Record<string, unknown> = {};
    const line = lineOf(index);
    let ok = true;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as ResolvedField;
      let value: unknown = field.constant ?? fieldCells[f]?.(index);
      if (typeof value === "string" && !isTrimmed(value)) value = value.trim();
      // A value that means "not known" (a lost deal's 0): the field is left out.
      if (field.unknown !== undefined && (typeof value === "string" || typeof value === "number") && field.unknown.values.includes(String(value)) && matchesWhen(row, field.unknown.when)) {
        const reason = `${field.name} unknown (column ${field.column ?? "?"} ${JSON.stringify(String(value))}${field.unknown.when === undefined ? "" : ` where ${Object.entries(field.unknown.when).map(([name, list]) => `${name} is ${list.join(" or ")}`).join(" and ")}`})`;
        unknown.set(reason, (unknown.get(reason) ?? 0) + 1);
        continue;
      }
      // Trimmed above: an empty text is "".
      if (value === undefined || value === null || value === "") {
        const rule = field.ifEmpty ?? (field.required ? "error" : "omit");
        if (rule === "omit") continue;
        if (rule === "skip-row") {
          count(`${field.name} empty (column ${field.column ?? "?"})`);
          return undefined;
        }
        if (rule === "error") {
          problem(line, field.name, `is empty${field.column === undefined ? "" : ` (column "${field.column}")`}`);
          ok = false;
          continue;
        }
        if ("value" in rule) {
          value = rule.value;
        } else {
          const key = row[rule.lookup];
          const found = typeof key === "string" ? ownProperty(rule.table, key) : undefined;
          if (found === undefined) {
            problem(line, field.name, `is empty and ${rule.lookup} ${show(key)} is not in its lookup table`);
            ok = false;
            continue;
          }
          value = found;
        }
      } else if (typeof value === "string") {
        const rename = renames[f];
        if (rename !== undefined) value = rename(value);
      }
      // Text as it is (most cells): no conversion result to make.
      if (field.kind === "text" && typeof value === "string" && !field.reached) {
        (stores[f] as Store)(row, value);
        continue;
      }
      const converted = convert(value, field, timeZone);
      if (converted.ok) {
        (stores[f] as Store)(row, converted.value);
        if (field.date !== undefined) remember(field.name, value, converted);
      } else {
        problem(line, field.name, converted.message);
        ok = false;
      }
    }
    const moves = mapping?.stageHistory ?? [];
    if (ok && moves.length > 0) {
      const history: Array<{ stage: string; at: unknown }> = [];
      for (let m = 0; m < moves.length; m++) {
        const move = moves[m] as (typeof moves)[number];
        const cell = (moveCells[m] as (index: number) => unknown)(index);
        if (isEmpty(cell)) continue;
        const text = typeof cell === "string" ? cell.trim() : cell;
        const converted = readDate(text, move.date, timeZone);
        // "$stage" is the row's own (mapped) stage: the move into where the deal is now.
        const stage = move.stage === "$stage" ? String(row.stage) : move.stage;
        if (converted.ok) {
          history.push({ stage, at: converted.value });
          if (move.date !== undefined) remember(`stageHistory (${move.at})`, text, converted);
        } else {
          problem(line, `stageHistory (${move.at})`, converted.message);
          ok = false;
        }
      }
      if (history.length > 0) row.stageHistory = history;
    }
    if (whenValues.length > 0) noteWhenValues(row);
    return ok ? row : undefined;
  };

  // Rows one at a time, as they are read: a caller that consumes each at once (preparation)
  // never holds them all. `lines`, `skipped`, `unknown` and the problems are complete once
  // the last row is read; then the dates read are checked for a format that misreads them.
  function* mapped(): Generator<Record<string, unknown>, void, undefined> {
    for (let index = 0; index < recordCount; index++) {
      const before = problems.length;
      const row = mapRecord(index);
      if (row !== undefined && problems.length === before) {
        lines.push(lineOf(index));
        yield row;
      }
    }
    for (const sample of samples.values()) {
      const message = dateCollapseProblem(sample);
      if (message !== undefined) problem(undefined, sample.label, message, true);
    }
    for (const when of whenValues) {
      if (!when.seen) warnings.push(`mapping ${collection}.fields.${when.field}.unknown.when.${when.name}: no row of ${table.file} has ${when.name} ${JSON.stringify(when.item)}, so the rule never applies`);
    }
  }
  return { rows: mapped(), lines, skipped, unknown, warnings };
}

/**
 * {@link mapTableRows} with every row read: the rows in an array, and `lines`, `skipped`,
 * `unknown` and the problems complete.
 */
export function mapTable(
  table: SourceTable,
  collection: InputCollection,
  mapping: CollectionMapping | undefined,
  timeZone: string,
  problems: InputProblem[],
  known?: KnownSpellings,
): MappedRows {
  const mapped = mapTableRows(table, collection, mapping, timeZone, problems, known);
  return { ...mapped, rows: [...mapped.rows] };
}
