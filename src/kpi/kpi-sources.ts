import type { Measure } from "../measure/measure.js";
import { leafMeasures, MeasureSchema } from "../measure/measure.js";
import { parseDefinition } from "../core/parse-input.js";
import { type BuiltinSource, builtinRegistry } from "./builtin-registry.js";

/**
 * The data a KPI's measure is computed from (activities, deals, leads, or for builtins also
 * reps, surveys, spend, targets), read from the measure and the builtin registry.
 *
 * @example
 * kpiSources({ kind: "builtin", id: "close-rate" }); //=> ["leads"]
 */
export function kpiSources(measureInput: Measure): BuiltinSource[] {
  const measure = parseDefinition(MeasureSchema, measureInput, ["measure"]) as Measure;
  const sources = new Set<BuiltinSource>();
  for (const leaf of leafMeasures(measure)) {
    if (leaf.kind === "builtin") for (const source of builtinRegistry[leaf.id].sources) sources.add(source);
    else sources.add(leaf.source);
  }
  return [...sources].sort();
}
