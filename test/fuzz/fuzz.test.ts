// The bounded fuzz run inside `npm test`: every public function over a few dozen corrupted
// inputs (the long run is `npm run fuzz`, 10,000 per function). Each must give a result or a
// Kpi error, within a second, without NaN/Infinity/-0 in the result and without touching
// (or freezing) its input.
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { FUZZ_ENTRIES, NOT_FUZZED } from "./entries.js";
import { fuzzFunction, publicFunctions } from "./harness.js";

const RUNS = Number(process.env.FUZZ_TEST_RUNS ?? 40);
// `npm run fuzz` holds every call to 1 s; inside the whole test suite, on a shared machine
// running the other test files in parallel, a call may take up to 3 s before it counts.
const MAX_CALL_MS_IN_SUITE = 3000;
const names = publicFunctions(api as Record<string, unknown>);

describe("the fuzz table", () => {
  it("has an entry for every public function (add one to test/fuzz/entries.ts for a new export)", () => {
    const missing = names.filter((name) => !(name in NOT_FUZZED) && FUZZ_ENTRIES[name] === undefined);
    expect(missing).toEqual([]);
  });

  it("has no entry for a name that is not a public function", () => {
    expect(Object.keys(FUZZ_ENTRIES).filter((name) => !names.includes(name))).toEqual([]);
  });
});

describe("every public function on corrupted input: a result or a Kpi error, fast, clean, input untouched", () => {
  for (const name of names.filter((n) => !(n in NOT_FUZZED) && FUZZ_ENTRIES[n] !== undefined)) {
    it(name, () => {
      const stats = fuzzFunction(name, (api as Record<string, unknown>)[name] as (...args: unknown[]) => unknown, FUZZ_ENTRIES[name] as never, RUNS, 7, MAX_CALL_MS_IN_SUITE);
      expect(stats.findings).toEqual([]);
      expect(stats.results + stats.kpiErrors).toBe(RUNS);
    });
  }
});
