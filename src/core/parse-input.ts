import type { z } from "zod";
import { KpiDefinitionError, KpiInputError, type KpiIssue } from "./errors.js";
import { messages } from "./messages.js";

/** What an unknown key is called in the messages: a field of data or a definition, or an option. */
type KeyNoun = "field" | "option";

/**
 * The issues of a failed parse with `path` in front, zod's `unrecognized_keys` issues split
 * into one issue per key whose path ends at the key (`asof: unknown option; did you mean
 * "asOf"?`), so the message points at the misspelt key itself.
 */
function prefixed(schema: z.ZodType, issues: readonly KpiIssue[], path: ReadonlyArray<PropertyKey>, noun: KeyNoun): KpiIssue[] {
  return issues.flatMap((issue): KpiIssue[] => {
    if (issue.code !== "unrecognized_keys") return [{ ...issue, path: [...path, ...issue.path] } as KpiIssue];
    const known = knownKeys(schema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = closestKey(key, known);
      const message = noun === "option" ? messages.unknownOption(suggestion) : messages.unknownField(suggestion);
      return { ...issue, keys: [key], path: [...path, ...issue.path, key], message } as KpiIssue;
    });
  });
}

/** Internals of a zod 4 schema that {@link knownKeys} walks through. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The object schemas `schema` may be at `path` (through optional, default, pipe, union, array and record). */
function objectsAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>, depth = 0): SchemaDef[] {
  if (depth > 50) return [];
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  if (inner !== undefined) return objectsAt(inner, path, depth + 1);
  if (def.type === "union") return (def.options ?? []).flatMap((option) => objectsAt(option, path, depth + 1));
  if (path.length === 0) return def.type === "object" ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === "object") {
    const child = typeof head === "string" ? def.shape?.[head] : undefined;
    return child === undefined ? [] : objectsAt(child, rest, depth + 1);
  }
  if (def.type === "array" && def.element !== undefined) return objectsAt(def.element, rest, depth + 1);
  if (def.type === "record" && def.valueType !== undefined) return objectsAt(def.valueType, rest, depth + 1);
  return [];
}

/** The keys the schema knows for the object at `path` of the input. */
function knownKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {})))];
}

/** Spelling without case, `-`, `_` or spaces: `as_of`, `AsOf` and `asof` are all `asof`. */
const loose = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, "");

/** Edit distance (insert, delete, replace, swap of two neighbours), stopping early above 2. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The known key an unknown one most likely meant: the same but for case and separators, else
 * the one closest by edits — at most 1 for keys of 3 or 4 characters, 2 for longer ones, none
 * for shorter ones; no suggestion when two are equally close.
 */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const same = known.filter((candidate) => loose(candidate) === loose(key));
  if (same.length === 1) return same[0];
  const limit = key.length <= 2 ? 0 : key.length <= 4 ? 1 : 2;
  const scored = known.map((candidate) => ({ candidate, distance: editDistance(loose(key), loose(candidate)) })).filter((s) => s.distance <= limit);
  const best = Math.min(...scored.map((s) => s.distance));
  const closest = scored.filter((s) => s.distance === best);
  return closest.length === 1 ? closest[0]?.candidate : undefined;
}

/**
 * Parses `value` with `schema`; on failure throws {@link KpiInputError} whose issue paths
 * start with `path` (so a bad row of `deals` reads `deals[3].amount`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: ReadonlyArray<PropertyKey> = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new KpiInputError(prefixed(schema, result.error.issues, path, "field"));
}

/** Like {@link parseInput}, for definitions (a KPI, a measure, a pipeline): throws {@link KpiDefinitionError}. */
export function parseDefinition<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: ReadonlyArray<PropertyKey> = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new KpiDefinitionError("invalid-definition", prefixed(schema, result.error.issues, path, "field"));
}

/**
 * Like {@link parseDefinition}, for a function's options object (its schema strict): an
 * unknown key, such as a misspelt `asof`, is a {@link KpiDefinitionError} naming it
 * (`asof: unknown option; did you mean "asOf"?`), never silently ignored.
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, path: ReadonlyArray<PropertyKey> = []): z.output<S> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  throw new KpiDefinitionError("invalid-definition", prefixed(schema, result.error.issues, path, "option"));
}
