// What the fuzz suite checks on a call: a canonical picture of the inputs (to see that the
// call changed nothing, frozen state included) and the bad numbers in an output.
import { Decimal } from "decimal.js";

const MAX_NODES = 20_000;

/**
 * A canonical text picture of `value`: every own key (symbols too) in insertion order, each
 * object's extensible/sealed/frozen state, Decimals by value, Dates by instant, NaN and -0
 * marked, shared and cyclic objects by reference. Two pictures are equal when nothing was
 * changed, added, removed or frozen.
 */
export function picture(value: unknown): string {
  const seen = new Map<object, number>();
  let nodes = 0;
  const walk = (v: unknown): string => {
    if (++nodes > MAX_NODES) return "…";
    if (v === null) return "null";
    switch (typeof v) {
      case "undefined":
        return "undefined";
      case "number":
        return Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : String(v);
      case "string":
        return JSON.stringify(v.length > 200 ? `${v.slice(0, 100)}…(${v.length})…${v.slice(-100)}` : v);
      case "bigint":
        return `${v}n`;
      case "boolean":
        return String(v);
      case "symbol":
        return v.toString();
      case "function":
        return `fn:${v.name}`;
    }
    const object = v as object;
    const known = seen.get(object);
    if (known !== undefined) return `#${known}`;
    seen.set(object, seen.size);
    const state = `${Object.isFrozen(object) ? "F" : Object.isSealed(object) ? "S" : Object.isExtensible(object) ? "" : "N"}`;
    if (Decimal.isDecimal(object)) {
      const decimal = object as Decimal;
      return `D${state}(${decimal.isNaN() ? "NaN" : decimal.toString()}${decimal.isZero() && decimal.isNeg() ? ",-0" : ""})`;
    }
    if (object instanceof Date) return `Date${state}(${object.getTime()})`;
    if (object instanceof Map) return `Map${state}{${[...object].map(([k, x]) => `${walk(k)}=>${walk(x)}`).join(",")}}`;
    if (object instanceof Set) return `Set${state}{${[...object].map(walk).join(",")}}`;
    const keys = Reflect.ownKeys(object);
    const parts = keys.map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      const body = descriptor === undefined ? "?" : "value" in descriptor ? walk(descriptor.value) : "get/set";
      return `${typeof key === "symbol" ? key.toString() : JSON.stringify(key)}:${body}`;
    });
    const proto = Object.getPrototypeOf(object);
    const kind = Array.isArray(object) ? "A" : proto === null ? "N" : proto === Object.prototype ? "O" : `C(${proto?.constructor?.name ?? "?"})`;
    return `${kind}${state}{${parts.join(",")}}`;
  };
  return walk(value);
}

/**
 * Paths in `value` to NaN, ±Infinity or -0: numbers and Decimals (of any clone). Strings
 * reading "NaN" or "Infinity" are reported too unless `allowText` holds them (the input had them).
 */
export function badNumbers(value: unknown, allowText: (text: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  let nodes = 0;
  const walk = (v: unknown, path: string): void => {
    if (found.length > 10 || ++nodes > MAX_NODES) return;
    if (typeof v === "number") {
      if (!Number.isFinite(v) || Object.is(v, -0)) found.push(`${path}: ${Object.is(v, -0) ? "-0" : v}`);
      return;
    }
    if (typeof v === "string") {
      const match = /\bNaN\b|Infinity|(?<![\w.])-0(?:\.0+)?(?![\d.])/.exec(v);
      if (match !== null && !allowText(match[0])) found.push(`${path}: text "${v.slice(Math.max(0, match.index - 20), match.index + 20)}"`);
      return;
    }
    if (typeof v !== "object" || v === null) return;
    if (seen.has(v)) return;
    seen.add(v);
    if (Decimal.isDecimal(v)) {
      const decimal = v as Decimal;
      if (!decimal.isFinite() || (decimal.isZero() && decimal.isNeg())) found.push(`${path}: Decimal ${decimal.isZero() ? "-0" : decimal.toString()}`);
      return;
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) found.push(`${path}: Invalid Date`);
      return;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) walk(x, `${path}.get(${String(k)})`);
      return;
    }
    if (v instanceof Set) {
      for (const x of v) walk(x, `${path}[set]`);
      return;
    }
    for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], `${path}.${key}`);
  };
  walk(value, "result");
  return found;
}
