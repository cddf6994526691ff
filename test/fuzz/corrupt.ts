// Corruption of valid inputs: start from arguments a user could pass and break one (or a few)
// things in them — wrong types, missing fields, NaN/Infinity/-0, huge and tiny numbers,
// impossible and extreme dates, unknown stages, duplicate ids, `__proto__`/`constructor` keys,
// options with unknown keys or wrong types, zones from the full IANA list — sometimes freezing
// the whole input, to see that no call writes to (or freezes) what it was given.
import { Decimal } from "decimal.js";
import fc from "fast-check";

/** Every zone the runtime knows, plus a few aliases and spellings people use. */
export const ALL_TIME_ZONES: readonly string[] = [
  ...Intl.supportedValuesOf("timeZone"),
  "UTC",
  "Etc/GMT+12",
  "Etc/GMT-14",
  "Asia/Calcutta",
  "europe/amsterdam",
];

/** A Decimal-looking object that is no Decimal: decimal.js reads such objects by their tag and fields. */
function forgedDecimal(exponent: number): object {
  return { constructor: { name: "Decimal" }, d: [1], e: exponent, s: 1, [Symbol.toStringTag]: "Decimal" };
}

/** Values that break assumptions: one is put where a valid value was. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    1e308,
    -1e308,
    5e-324,
    2 ** 53,
    -1,
    0.1,
    1.5,
    "",
    " ",
    "NaN",
    "Infinity",
    "-0",
    "1e9000000000000000",
    "-1e-9000000000000000",
    "1e18",
    "999999999999999999.99",
    "0.00000000001",
    "12345678901234567890123456789012345678901234567890",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "1850-01-01",
    "1000-06-15",
    "2026-02-30",
    "2026-13-01",
    "+275760-09-13T00:00:00Z",
    "2026-03-31T23:30:00",
    null,
    undefined,
    true,
    false,
    [],
    [null],
    {},
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "=HYPERLINK(\"http://x\")",
    "+1+1",
    "@SUM(A1)",
    "<img src=x onerror=alert(1)>",
    "a|b\n| c",
    "x".repeat(20_000),
    "unknown-stage",
  ),
  fc.constantFrom<() => unknown>(
    () => new Date(Number.NaN),
    () => new Date(8.64e15),
    () => new Date(-8.64e15),
    () => new Date(Date.UTC(1850, 0, 1)),
    () => new Date(Date.UTC(2026, 2, 29, 1)),
    () => Symbol("x"),
    () => () => 1,
    () => Object.create(null),
    () => new Map(),
    () => new Set([1]),
    () => new Decimal(Number.NaN),
    () => new Decimal(Number.POSITIVE_INFINITY),
    () => new Decimal(-0),
    () => new Decimal("1e9000000000000000"),
    () => new Decimal("1e-9000000000000000"),
    () => forgedDecimal(9e15),
    () => forgedDecimal(-9e15),
    () => JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}'),
    () => ({ toString: 1, valueOf: 1 }),
    () => new Array(3),
    () => 10n,
  ).map((make) => make()),
  fc.constantFrom(...ALL_TIME_ZONES),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
);

type Path = readonly (string | number)[];

const shared = new WeakSet<object>();
/** Marks a value that many inputs share (prepared data, a computed scorecard): never copied, never corrupted inside. */
export function markShared<T extends object>(value: T): T {
  shared.add(value);
  return value;
}
const isShared = (value: object): boolean => shared.has(value);

/** Paths to every value inside `value` (plain objects and arrays, not Decimals, Dates, Maps or class instances), breadth-limited. */
function pathsOf(value: unknown, max = 400): Path[] {
  const out: Path[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: Path, depth: number): void => {
    if (out.length >= max || depth > 8 || typeof v !== "object" || v === null || seen.has(v)) return;
    if (Decimal.isDecimal(v) || v instanceof Date || v instanceof Map || v instanceof Set || isShared(v)) return;
    // Like copyPlain: an instance of a class (a prepared deal) is not copied, so it is shared
    // between inputs and never corrupted inside (that would change every later input's data).
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return;
    seen.add(v);
    for (const key of Object.keys(v)) {
      const child = Array.isArray(v) ? Number(key) : key;
      out.push([...path, child]);
      walk((v as Record<string, unknown>)[key], [...path, child], depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}

/** A copy of plain objects and arrays (Decimals, Dates, Maps and functions shared); cycles not expected. */
export function copyPlain<T>(value: T, depth = 0): T {
  if (depth > 40 || typeof value !== "object" || value === null) return value;
  if (Decimal.isDecimal(value) || value instanceof Date || value instanceof Map || value instanceof Set || isShared(value)) return value;
  if (Array.isArray(value)) return value.map((x) => copyPlain(x, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  for (const key of Object.keys(value)) {
    // defineProperty keeps a "__proto__" own key an own key.
    Object.defineProperty(out, key, { value: copyPlain((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node = node?.[key] as Record<string | number, unknown>;
    if (typeof node !== "object" || node === null) return undefined;
  }
  return node;
}

/** Deep-freezes plain objects and arrays (what `as const` data or an immutable store hands over). */
export function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  if (typeof value !== "object" || value === null || seen.has(value) || Decimal.isDecimal(value) || isShared(value)) return value;
  seen.add(value);
  if (value instanceof Map || value instanceof Set || value instanceof Date) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  return Object.freeze(value);
}

/** One corruption of a copy of `args`. */
type Mutation =
  | { readonly kind: "replace"; readonly pick: number; readonly value: unknown }
  | { readonly kind: "delete"; readonly pick: number }
  | { readonly kind: "unknown-key"; readonly pick: number; readonly key: string; readonly value: unknown }
  | { readonly kind: "duplicate"; readonly pick: number }
  | { readonly kind: "argument"; readonly index: number; readonly value: unknown }
  | { readonly kind: "drop-arguments"; readonly keep: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("unknown-key" as const),
      pick: fc.nat(),
      key: fc.constantFrom("__proto__", "constructor", "asof", "extra", "toString", "prototype"),
      value: nastyValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("argument" as const), index: fc.nat({ max: 3 }), value: nastyValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-arguments" as const), keep: fc.nat({ max: 2 }) }) },
);

function apply(args: unknown[], mutation: Mutation): unknown[] {
  switch (mutation.kind) {
    case "argument": {
      const out = [...args];
      out[Math.min(mutation.index, out.length)] = mutation.value;
      return out;
    }
    case "drop-arguments":
      return args.slice(0, mutation.keep);
    default: {
      const paths = pathsOf(args);
      if (paths.length === 0) return args;
      const path = paths[mutation.pick % paths.length] as Path;
      const parent = parentOf(args, path);
      if (parent === undefined || Object.isFrozen(parent)) return args;
      const key = path[path.length - 1] as string | number;
      if (mutation.kind === "replace") parent[key] = mutation.value;
      else if (mutation.kind === "delete") {
        if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
        else delete parent[key];
      } else if (mutation.kind === "unknown-key") {
        const target = parent[key];
        if (typeof target === "object" && target !== null && !Object.isFrozen(target) && !Decimal.isDecimal(target)) {
          Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
        }
      } else if (Array.isArray(parent) && typeof key === "number") parent.push(parent[key]);
      return args;
    }
  }
}

/**
 * Arguments from `valid`, corrupted: a third as they are, the rest with one to three
 * mutations; a fifth of all deep-frozen.
 */
export function corrupted(valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown[]> {
  return fc
    .tuple(valid, fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }), fc.nat({ max: 4 }))
    .map(([args, mutations, freeze]) => {
      let out = copyPlain(args);
      for (const mutation of mutations) {
        try {
          out = apply(out, mutation);
        } catch {
          // A mutation that cannot be applied (an array given a "constructor" key cannot splice): skip it.
        }
      }
      return freeze === 0 ? out.map((arg) => deepFreeze(arg)) : out;
    });
}
