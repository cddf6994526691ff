import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { DecimalLikeSchema, toDecimal } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { BuiltinMeasureId } from "../measure/measure.js";
import { indicatorOf } from "./classify-indicator.js";
import { type KpiDefinition, type KpiDefinitionInput, KpiDefinitionSchema } from "./kpi-definition.js";

/** The codes of {@link auditKpiSet} findings. */
export type KpiAuditCode =
  | "too-many-kpis"
  | "lag-heavy"
  | "no-action-kpi"
  | "insight-used-for-appraisal"
  | "target-without-baseline"
  | "uncontrollable-target"
  | "target-far-above-baseline"
  | "ambiguous-conversion";

/** One problem with a KPI set. */
export interface KpiAuditFinding {
  readonly code: KpiAuditCode;
  /** `error`: the set misleads as it is; `warning`: a weakness to fix. */
  readonly severity: "error" | "warning";
  /** The KPIs concerned, sorted. */
  readonly kpiIds: readonly string[];
  readonly message: string;
  /** For `too-many-kpis`: the audience. */
  readonly audience?: string;
}

/** Schema of {@link AuditKpiSetOptions}. */
export const AuditKpiSetOptionsSchema = z.strictObject({
  /** Most KPIs one audience should steer on. Default 7. */
  maxKpis: z.number().int().positive().optional(),
  /** Largest relative step from baseline to target before it is "far": 0.3 = 30 %. Default 0.3. */
  maxUplift: DecimalLikeSchema.optional(),
});
/** Options of {@link auditKpiSet}. */
export type AuditKpiSetOptions = ReadonlyInput<z.input<typeof AuditKpiSetOptionsSchema>>;

const CODE_ORDER: readonly KpiAuditCode[] = [
  "too-many-kpis",
  "lag-heavy",
  "no-action-kpi",
  "insight-used-for-appraisal",
  "target-without-baseline",
  "uncontrollable-target",
  "target-far-above-baseline",
  "ambiguous-conversion",
];

/** The funnel steps of the builtin conversion KPIs (as `standardConversions` computes them). */
const BUILTIN_STEPS: Partial<Record<BuiltinMeasureId, readonly [string, string]>> = {
  "conversion-lead-sql": ["mql", "sql"],
  "conversion-sql-customer": ["sql", "customer"],
  "conversion-quote-customer": ["quote", "customer"],
  "close-rate": ["sql", "customer"],
};

/** The steps a conversion KPI converts between, or undefined when it is no conversion KPI. */
function conversionSteps(kpi: KpiDefinition): readonly string[] | undefined {
  if (kpi.conversion !== undefined) return [kpi.conversion.from, kpi.conversion.to];
  const measure = kpi.measure;
  if (measure.kind === "builtin") return BUILTIN_STEPS[measure.id];
  if (measure.kind === "ratio" && measure.numerator.source === "leads" && measure.denominator.source === "leads") {
    const step = (part: typeof measure.numerator): string =>
      part.kind === "count" && part.source === "leads" ? (part.step ?? "lead") : "lead";
    return [step(measure.denominator), step(measure.numerator)];
  }
  return undefined;
}

function audiences(kpi: KpiDefinition): readonly string[] {
  if (kpi.audience === undefined) return [];
  return typeof kpi.audience === "string" ? [kpi.audience] : kpi.audience;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Checks a set of KPIs against the rules of a good sales scorecard: few KPIs per
 * audience, mostly lead indicators, at least one action KPI, no appraisal on insight KPIs,
 * targets only on controllable KPIs with a measured baseline and within reach, and written
 * definitions for the steps of every conversion.
 *
 * Findings (DESIGN §4): `too-many-kpis` (more than `maxKpis`, default 7, for one audience;
 * a KPI without `audience` counts for every audience), `lag-heavy` (fewer than half are
 * lead indicators by {@link classifyIndicator}), `no-action-kpi`,
 * `insight-used-for-appraisal`, `target-without-baseline`, `uncontrollable-target`,
 * `target-far-above-baseline` (higher-is-better: target − baseline > maxUplift × |baseline|;
 * lower-is-better: baseline − target > maxUplift × |baseline|; default maxUplift 0.3),
 * `ambiguous-conversion` (a conversion KPI — with `conversion`, a builtin conversion or
 * close rate, or a ratio of two lead counts — whose steps lack a non-blank
 * `stepDefinitions` entry). An empty set has no findings.
 *
 * Output: findings sorted by the order above, then KPI ids. Complexity: O(k) for k KPIs.
 *
 * @throws KpiDefinitionError for an invalid definition or two KPIs with the same id.
 * @example
 * auditKpiSet([catalogKpi("new-revenue-per-month"), catalogKpi("win-rate")]).map((f) => f.code); //=> ["lag-heavy", "no-action-kpi"]
 */
export function auditKpiSet(kpis: readonly KpiDefinitionInput[], options: AuditKpiSetOptions = {}): KpiAuditFinding[] {
  const opts = parseOptions(AuditKpiSetOptionsSchema, options);
  const maxKpis = opts.maxKpis ?? 7;
  const maxUplift = toDecimal(opts.maxUplift ?? "0.3");
  if (!Array.isArray(kpis)) throw definitionError("invalid-definition", ["kpis"], messages.kpisArray);
  // Array.from, not map: a hole in a sparse array is a missing definition, not skipped.
  const definitions = Array.from(kpis, (kpi, i) => parseDefinition(KpiDefinitionSchema, kpi, ["kpis", i]));
  const seen = new Set<string>();
  definitions.forEach((kpi, i) => {
    if (seen.has(kpi.id)) throw definitionError("invalid-definition", ["kpis", i, "id"], messages.duplicateKpiId(kpi.id));
    seen.add(kpi.id);
  });
  const findings: KpiAuditFinding[] = [];
  if (definitions.length === 0) return findings;

  // too-many-kpis, per audience
  const named = new Set(definitions.flatMap(audiences));
  const untagged = definitions.filter((kpi) => audiences(kpi).length === 0).map((kpi) => kpi.id);
  const audienceList = named.size === 0 ? [messages.everyone] : sorted(named);
  for (const audience of audienceList) {
    const ids = [...untagged, ...definitions.filter((kpi) => audiences(kpi).includes(audience)).map((kpi) => kpi.id)];
    if (ids.length > maxKpis) {
      findings.push({
        code: "too-many-kpis",
        severity: "warning",
        kpiIds: sorted(ids),
        message: messages.auditTooManyKpis(audience, ids.length, maxKpis),
        audience,
      });
    }
  }

  // lag-heavy, no-action-kpi
  const lagIds = definitions.filter((kpi) => indicatorOf(kpi).indicator === "lag").map((kpi) => kpi.id);
  const leadCount = definitions.length - lagIds.length;
  if (leadCount * 2 < definitions.length) {
    findings.push({ code: "lag-heavy", severity: "warning", kpiIds: sorted(lagIds), message: messages.auditLagHeavy(leadCount, definitions.length) });
  }
  if (!definitions.some((kpi) => kpi.kind === "action")) {
    findings.push({ code: "no-action-kpi", severity: "warning", kpiIds: [], message: messages.auditNoActionKpi });
  }

  for (const kpi of definitions) {
    if (kpi.kind === "insight" && kpi.appraisal === true) {
      findings.push({ code: "insight-used-for-appraisal", severity: "error", kpiIds: [kpi.id], message: messages.auditInsightForAppraisal(kpi.id) });
    }
    const target = kpi.target;
    if (target !== undefined) {
      if (kpi.baseline === undefined) {
        findings.push({ code: "target-without-baseline", severity: "warning", kpiIds: [kpi.id], message: messages.auditTargetWithoutBaseline(kpi.id) });
      }
      if (!kpi.controllable) {
        findings.push({ code: "uncontrollable-target", severity: "error", kpiIds: [kpi.id], message: messages.auditUncontrollableTarget(kpi.id) });
      }
      if (kpi.baseline !== undefined) {
        const targetValue = toDecimal(target.value);
        const baselineValue = toDecimal(kpi.baseline.value);
        const step = kpi.direction === "higher-is-better" ? targetValue.minus(baselineValue) : baselineValue.minus(targetValue);
        if (step.greaterThan(maxUplift.times(baselineValue.abs()))) {
          findings.push({
            code: "target-far-above-baseline",
            severity: "warning",
            kpiIds: [kpi.id],
            message: messages.auditTargetFarAboveBaseline(kpi.id, targetValue.toString(), baselineValue.toString(), `${maxUplift.times(100).toString()}%`),
          });
        }
      }
    }
    const steps = conversionSteps(kpi);
    if (steps !== undefined) {
      const missing = steps.filter((step) => (kpi.stepDefinitions?.[step] ?? "").trim() === "");
      if (missing.length > 0) {
        findings.push({ code: "ambiguous-conversion", severity: "warning", kpiIds: [kpi.id], message: messages.auditAmbiguousConversion(kpi.id, missing) });
      }
    }
  }
  return findings.sort((a, b) => {
    const byCode = CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code);
    if (byCode !== 0) return byCode;
    const ka = a.kpiIds.join(",");
    const kb = b.kpiIds.join(",");
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
