import { parseDefinition } from "../core/parse-input.js";
import { type AdditiveMeasure, type BuiltinMeasure, leafMeasures } from "../measure/measure.js";
import { builtinRegistry } from "./builtin-registry.js";
import { type Indicator, type KpiDefinition, type KpiDefinitionInput, KpiDefinitionSchema } from "./kpi-definition.js";

/** Result of {@link classifyIndicator}. */
export interface IndicatorClass {
  readonly indicator: Indicator;
  /** Why, in words. */
  readonly reason: string;
  /** True when the definition's own `indicator` override decided. */
  readonly overridden: boolean;
}


function describe(leaf: AdditiveMeasure | BuiltinMeasure): string {
  if (leaf.kind === "builtin") return `builtin "${leaf.id}"`;
  return leaf.source;
}

function isActionMeasure(leaf: AdditiveMeasure | BuiltinMeasure): boolean {
  if (leaf.kind === "builtin") return builtinRegistry[leaf.id].sources.every((source) => source === "activities");
  return leaf.kind === "count" && leaf.source === "activities";
}

/**
 * Is this KPI a lead indicator (steer on it now) or a lag indicator (it reports results)?
 *
 * Rules (DESIGN §4): an `indicator` override wins and carries its `indicatorReason`;
 * otherwise action → lead; result → lag; insight → lead when every measure it is computed
 * from counts activities (meetings per call), else lag (win rate uses won deals). Builtin
 * measures count as non-action (lag) unless the builtin registry says they use activities
 * only; a builtin's own reason (from the registry) is given.
 *
 * Complexity: O(1).
 * @throws KpiDefinitionError when the definition is invalid (an override without reason).
 * @example
 * classifyIndicator(catalogKpi("meetings-per-call")).indicator; //=> "lead"
 * classifyIndicator(catalogKpi("win-rate")).indicator; //=> "lag"
 */
export function classifyIndicator(kpi: KpiDefinitionInput): IndicatorClass {
  return indicatorOf(parseDefinition(KpiDefinitionSchema, kpi, ["kpi"]));
}

/** {@link classifyIndicator} of a parsed definition (the scorecard's and the audit's, which parsed theirs already). */
export function indicatorOf(definition: KpiDefinition): IndicatorClass {
  if (definition.indicator !== undefined) {
    return { indicator: definition.indicator, reason: definition.indicatorReason ?? "", overridden: true };
  }
  switch (definition.kind) {
    case "action":
      return { indicator: "lead", reason: "action KPI: it counts what the team does, which drives later results", overridden: false };
    case "result":
      return { indicator: "lag", reason: "result KPI: it reports an outcome after the fact", overridden: false };
    case "insight": {
      const leaves = leafMeasures(definition.measure);
      const nonAction = leaves.filter((leaf) => !isActionMeasure(leaf));
      if (nonAction.length === 0) {
        return { indicator: "lead", reason: "insight KPI computed only from activities, so it moves before results do", overridden: false };
      }
      const only = nonAction.length === 1 ? nonAction[0] : undefined;
      if (only?.kind === "builtin") {
        return { indicator: "lag", reason: `insight KPI computed from ${describe(only)}: ${builtinRegistry[only.id].indicatorReason}, so it follows results`, overridden: false };
      }
      const inputs = [...new Set(nonAction.map(describe))].join(", ");
      return { indicator: "lag", reason: `insight KPI computed from ${inputs}, not only from activities, so it follows results`, overridden: false };
    }
  }
}
