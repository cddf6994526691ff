// `npm run fuzz`: every public function over 10,000 corrupted inputs (FUZZ_RUNS to change),
// or only the functions named as arguments. Prints a table and the first findings; exits 1
// when anything crashed, hung, leaked NaN/Infinity/-0 or changed its input.
import * as api from "../../src/index.js";
import { FUZZ_ENTRIES, NOT_FUZZED } from "./entries.js";
import { fuzzFunction, publicFunctions } from "./harness.js";

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? 42);
const only = process.argv.slice(2);
const names = publicFunctions(api as Record<string, unknown>).filter((name) => !(name in NOT_FUZZED) && (only.length === 0 || only.includes(name)));
const totals = { runs: 0, results: 0, kpiErrors: 0, crashes: 0, slow: 0, badNumbers: 0, mutations: 0 };
const started = performance.now();
console.log(`fuzz: ${names.length} functions × ${runs} inputs, seed ${seed}`);
console.log("function".padEnd(22), "results", "kpi-err", "crash", "slow", "nan/inf/-0", "mutation", "slowest-ms");
for (const name of names) {
  const valid = FUZZ_ENTRIES[name];
  if (valid === undefined) {
    console.log(`${name}: NO FUZZ ENTRY`);
    totals.crashes++;
    continue;
  }
  const stats = fuzzFunction(name, (api as Record<string, unknown>)[name] as (...args: unknown[]) => unknown, valid, runs, seed);
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += stats[key];
  console.log(name.padEnd(22), String(stats.results).padStart(7), String(stats.kpiErrors).padStart(7), String(stats.crashes).padStart(5), String(stats.slow).padStart(4), String(stats.badNumbers).padStart(10), String(stats.mutations).padStart(8), String(Math.round(stats.slowestMs)).padStart(10));
  for (const finding of stats.findings) console.log(`  ${finding.kind}: ${finding.detail}\n    input: ${finding.input}`);
}
console.log(
  `total: ${totals.runs} inputs, ${totals.results} results, ${totals.kpiErrors} Kpi errors, ${totals.crashes} crashes, ${totals.slow} over 1 s, ${totals.badNumbers} with NaN/Infinity/-0, ${totals.mutations} mutations; ${Math.round((performance.now() - started) / 1000)} s`,
);
process.exitCode = totals.crashes + totals.slow + totals.badNumbers + totals.mutations === 0 ? 0 : 1;
