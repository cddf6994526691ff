import { tz } from "@date-fns/tz";
import { format as formatDate, isValid, parse as parseDate } from "date-fns";
import { isDecimalLike } from "../core/decimal.js";
import { messages } from "../core/messages.js";
import { isInstantInput } from "../time/instant.js";
import { CliError, EXIT_DATA, type InputProblem } from "./cli-error.js";
import { COLLECTION_FIELDS, type CollectionMapping, type FieldKind, type FieldMapping, type InputCollection } from "./mapping.js";
import type { SourceRecord, SourceTable } from "./read-table.js";
import { ownProperty } from "./own-property.js";

/** Rows ready for the library, the line each came from, and rows skipped by the mapping. */
export interface MappedRows {
  readonly rows: Record<string, unknown>[];
  /** `lines[i]` is the file line (CSV) or row (JSON) of `rows[i]`. */
  readonly lines: number[];
  /** Rows left out by an `ifEmpty: "skip-row"` rule, counted per reason. */
  readonly skipped: Map<string, number>;
}

interface ResolvedField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly column: string | undefined;
  readonly constant: string | number | undefined;
  readonly date: string | undefined;
  readonly values: Readonly<Record<string, string>> | undefined;
  readonly ifEmpty: Exclude<FieldMapping, string>["ifEmpty"];
}

function normalise(field: FieldMapping): Exclude<FieldMapping, string> {
  return typeof field === "string" ? { column: field } : field;
}

function fieldKind(collection: InputCollection, name: string): FieldKind | undefined {
  if (collection === "leads" && name.startsWith("reached.") && name.length > "reached.".length) return "instant";
  return ownProperty(COLLECTION_FIELDS[collection].fields as Record<string, FieldKind>, name);
}

function resolveFields(table: SourceTable, collection: InputCollection, mapping: CollectionMapping | undefined): ResolvedField[] {
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
      if (required.has(name)) fields.push({ name, kind: fieldKind(collection, name) ?? "text", required: true, column: name, constant: undefined, date: undefined, values: undefined, ifEmpty: undefined });
      continue;
    }
    fields.push({
      name,
      kind: fieldKind(collection, name) ?? "text",
      required: required.has(name),
      column: field.column,
      constant: field.value,
      date: field.date,
      values: field.values,
      ifEmpty: field.ifEmpty,
    });
  }
  // Fields filled by a lookup of another field come last, so the looked-up field is ready.
  const isLookup = (field: ResolvedField) => typeof field.ifEmpty === "object" && "lookup" in field.ifEmpty;
  return [...fields.filter((field) => !isLookup(field)), ...fields.filter(isLookup)];
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
  if (pattern !== undefined && typeof value === "string") {
    const key = `${pattern}\u0000${timeZone}\u0000${value}`;
    let cached = dateCache.get(key);
    if (cached === undefined) {
      cached = parseDateUncached(value, pattern, timeZone);
      dateCache.set(key, cached);
    }
    return cached;
  }
  return parseDateUncached(value, pattern, timeZone);
}

function parseDateUncached(value: unknown, pattern: string | undefined, timeZone: string): Converted {
  if (pattern === undefined) {
    if (value instanceof Date || isInstantInput(value)) return { ok: true, value };
    return { ok: false, message: `${messages.instant}, got ${show(value)}` };
  }
  if (typeof value !== "string") return { ok: false, message: `expected a date written as "${pattern}", got ${show(value)}` };
  const date = parseDate(value, pattern, new Date(0), { in: tz(timeZone) });
  if (!isValid(date)) return { ok: false, message: `expected a date written as "${pattern}", got ${show(value)}` };
  return { ok: true, value: formatDate(date, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx") };
}

function convert(value: unknown, field: ResolvedField, timeZone: string): Converted {
  switch (field.kind) {
    case "text":
      return typeof value === "object" ? { ok: false, message: `expected text, got ${show(value)}` } : { ok: true, value: String(value) };
    case "decimal": {
      const text = typeof value === "string" ? value.trim() : value;
      return isDecimalLike(text) ? { ok: true, value: text } : { ok: false, message: `expected a number such as 1234.50, got ${show(value)}` };
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
    case "instant":
      return readDate(value, field.date, timeZone);
  }
}

function setField(row: Record<string, unknown>, name: string, value: unknown): void {
  if (name.startsWith("reached.")) {
    const reached = (row.reached ?? {}) as Record<string, unknown>;
    reached[name.slice("reached.".length)] = value;
    row.reached = reached;
  } else {
    row[name] = value;
  }
}

/**
 * Turns the records of one input file into rows of `collection`, following the mapping:
 * renames columns, fills constants, renames values (`values`), reads dates in the given
 * format and time zone, applies `ifEmpty` (error, omit, skip-row, a constant or a lookup by
 * another field), and builds deal stage moves from date columns. Problems are appended to
 * `problems` with their file and line; a missing column is reported once, at line 1.
 */
export function mapTable(
  table: SourceTable,
  collection: InputCollection,
  mapping: CollectionMapping | undefined,
  timeZone: string,
  problems: InputProblem[],
): MappedRows {
  const skipped = new Map<string, number>();
  // A JSON file without a mapping section is already in the library's shape: rows pass as they are.
  if (table.format === "json" && mapping === undefined) {
    return { rows: table.records.map((record) => ({ ...record.values })), lines: table.records.map((record) => record.line), skipped };
  }
  const fields = resolveFields(table, collection, mapping);
  const problem = (line: number | undefined, field: string | undefined, message: string) =>
    problems.push({ file: table.file, line, format: table.format, field, message });

  let missing = false;
  const headerLine = table.format === "csv" ? 1 : undefined;
  for (const field of fields) {
    if (field.column !== undefined && !table.columns.includes(field.column)) {
      missing = true;
      const why = field.column === field.name ? (field.required ? "required" : "mapped") : `mapped to field ${field.name}`;
      problem(headerLine, field.name, `column "${field.column}" is missing (${why}); columns are: ${table.columns.join(", ") || "none"}`);
    }
  }
  for (const move of mapping?.stageHistory ?? []) {
    if (collection !== "deals") throw new CliError(`mapping: ${collection}.stageHistory: only deals have a stage history`, EXIT_DATA);
    if (!table.columns.includes(move.at)) {
      missing = true;
      problem(headerLine, "stageHistory", `column "${move.at}" is missing (stage move into "${move.stage}")`);
    }
  }
  if (missing) return { rows: [], lines: [], skipped };

  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const count = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);

  const mapRecord = (record: SourceRecord): Record<string, unknown> | undefined => {
    const row: Record<string, unknown> = {};
    let ok = true;
    for (const field of fields) {
      let value: unknown = field.constant ?? (field.column === undefined ? undefined : ownProperty(record.values, field.column));
      if (typeof value === "string") value = value.trim();
      if (isEmpty(value)) {
        const rule = field.ifEmpty ?? (field.required ? "error" : "omit");
        if (rule === "omit") continue;
        if (rule === "skip-row") {
          count(`${field.name} empty (column ${field.column ?? "?"})`);
          return undefined;
        }
        if (rule === "error") {
          problem(record.line, field.name, `is empty${field.column === undefined ? "" : ` (column "${field.column}")`}`);
          ok = false;
          continue;
        }
        if ("value" in rule) {
          value = rule.value;
        } else {
          const key = row[rule.lookup];
          const found = typeof key === "string" ? ownProperty(rule.table, key) : undefined;
          if (found === undefined) {
            problem(record.line, field.name, `is empty and ${rule.lookup} ${show(key)} is not in its lookup table`);
            ok = false;
            continue;
          }
          value = found;
        }
      } else if (field.values !== undefined && typeof value === "string") {
        value = ownProperty(field.values, value) ?? value;
      }
      const converted = convert(value, field, timeZone);
      if (converted.ok) setField(row, field.name, converted.value);
      else {
        problem(record.line, field.name, converted.message);
        ok = false;
      }
    }
    const moves = mapping?.stageHistory ?? [];
    if (ok && moves.length > 0) {
      const history: Array<{ stage: string; at: unknown }> = [];
      for (const move of moves) {
        const cell = ownProperty(record.values, move.at);
        if (isEmpty(cell)) continue;
        const converted = readDate(typeof cell === "string" ? cell.trim() : cell, move.date, timeZone);
        // "$stage" is the row's own (mapped) stage: the move into where the deal is now.
        const stage = move.stage === "$stage" ? String(row.stage) : move.stage;
        if (converted.ok) history.push({ stage, at: converted.value });
        else {
          problem(record.line, `stageHistory (${move.at})`, converted.message);
          ok = false;
        }
      }
      if (history.length > 0) row.stageHistory = history;
    }
    return ok ? row : undefined;
  };

  for (const record of table.records) {
    const before = problems.length;
    const row = mapRecord(record);
    if (row !== undefined && problems.length === before) {
      rows.push(row);
      lines.push(record.line);
    }
  }
  return { rows, lines, skipped };
}
