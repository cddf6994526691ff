// Runs one public function over corrupted inputs and counts what went wrong.
import fc from "fast-check";
import { KpiDefinitionError, KpiInputError } from "../../src/index.js";
import { corrupted } from "./corrupt.js";
import { badNumbers, picture } from "./inspect.js";

/** Longest a call on small input may take. */
export const MAX_CALL_MS = 1000;

/** One thing that went wrong, with the input that showed it. */
export interface FuzzFinding {
  readonly kind: "crash" | "slow" | "bad-number" | "mutation";
  readonly detail: string;
  readonly input: string;
}

/** What {@link fuzzFunction} counted. */
export interface FuzzStats {
  readonly name: string;
  readonly runs: number;
  readonly results: number;
  readonly kpiErrors: number;
  readonly crashes: number;
  readonly slow: number;
  readonly badNumbers: number;
  readonly mutations: number;
  readonly slowestMs: number;
  readonly findings: readonly FuzzFinding[];
}

const short = (text: string, max = 600): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Calls `fn` on `runs` corrupted inputs drawn from `valid` (deterministic for a seed) and
 * counts: results, Kpi errors, other throws (crashes), calls over {@link MAX_CALL_MS} (slow),
 * results with NaN/±Infinity/-0 and calls after which an input differs (mutations).
 * Keeps the first few findings of each kind.
 */
export function fuzzFunction(name: string, fn: (...args: unknown[]) => unknown, valid: fc.Arbitrary<unknown[]>, runs: number, seed: number, maxCallMs = MAX_CALL_MS): FuzzStats {
  let results = 0;
  let kpiErrors = 0;
  let crashes = 0;
  let slow = 0;
  let bad = 0;
  let mutations = 0;
  let slowestMs = 0;
  const findings: FuzzFinding[] = [];
  const keep = (finding: FuzzFinding) => {
    if (findings.filter((f) => f.kind === finding.kind).length < 3) findings.push(finding);
  };
  const arb = corrupted(valid);
  const samples = fc.sample(arb, { numRuns: runs, seed });
  for (const args of samples) {
    const before = picture(args);
    const started = performance.now();
    let result: unknown;
    let threw: unknown;
    let ok = false;
    try {
      result = fn(...args);
      ok = true;
    } catch (error) {
      threw = error;
    }
    const elapsed = performance.now() - started;
    slowestMs = Math.max(slowestMs, elapsed);
    if (elapsed > maxCallMs) {
      slow++;
      keep({ kind: "slow", detail: `${Math.round(elapsed)} ms`, input: short(before) });
    }
    const after = picture(args);
    if (after !== before) {
      mutations++;
      keep({ kind: "mutation", detail: short(after, 300), input: short(before) });
    }
    if (ok) {
      results++;
      const found = badNumbers(result, (text) => before.includes(text));
      if (found.length > 0) {
        bad++;
        keep({ kind: "bad-number", detail: found.slice(0, 3).join("; "), input: short(before) });
      }
    } else if (threw instanceof KpiInputError || threw instanceof KpiDefinitionError) {
      kpiErrors++;
    } else {
      crashes++;
      const error = threw as Error;
      keep({ kind: "crash", detail: short(`${error?.name}: ${error?.message}\n${error?.stack?.split("\n").slice(1, 4).join("\n") ?? ""}`), input: short(before) });
    }
  }
  return { name, runs, results, kpiErrors, crashes, slow, badNumbers: bad, mutations, slowestMs, findings };
}

/** The public functions of a module namespace (classes excluded by the caller). */
export function publicFunctions(namespace: Record<string, unknown>): string[] {
  return Object.keys(namespace)
    .filter((key) => typeof namespace[key] === "function")
    .sort();
}
