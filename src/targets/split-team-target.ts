import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type DecimalLike, DecimalLikeSchema, type KpiDecimal, toDecimal, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import { allocate } from "./allocate.js";

/**
 * Options of {@link splitTeamTarget}: the `reps` to share the target over, `by` `"equal"`
 * (default) or `"baseline"` (in proportion to each rep's baseline, given in `baselines`), and
 * `scale` (decimals of the parts, default 2).
 */
export const SplitTeamTargetOptionsSchema = z.strictObject({
  reps: z.array(z.string().min(1)).min(1, { error: messages.noReps }),
  by: z.enum(["equal", "baseline"]).default("equal"),
  baselines: z.record(z.string(), DecimalLikeSchema.nullable()).optional(),
  scale: z.number().int().min(0).max(20).default(2),
});
/** Options of {@link splitTeamTarget}. */
export type SplitTeamTargetOptions = ReadonlyInput<z.input<typeof SplitTeamTargetOptionsSchema>>;

/** A team target shared over its reps. */
export interface SplitTeamTarget {
  readonly total: KpiDecimal;
  /** How the shares were set; `"equal"` also when `"baseline"` was asked but no rep has a baseline above 0. */
  readonly by: "equal" | "baseline";
  readonly scale: number;
  /** One per rep, sorted by rep id. */
  readonly parts: ReadonlyArray<{ readonly rep: string; readonly weight: KpiDecimal; readonly share: KpiDecimal; readonly target: KpiDecimal }>;
  /** Reps without a baseline (or a negative one) when splitting by baseline: they get 0, named here. */
  readonly withoutBaseline: readonly string[];
  readonly note?: string;
}

/**
 * Shares a team target over its reps, equally or in proportion to their baselines, the parts
 * adding up exactly to the team target.
 *
 * Formula: weightᵣ = 1 (equal) or the rep's baseline (baseline); partᵣ ≈ total × weightᵣ ÷ Σ
 * weights at `scale` decimals by largest remainder (see `splitTarget`): Σ parts = total exactly,
 * each part within one unit of the last decimal of its exact share; ties go to the rep whose
 * id sorts first (reps are sorted by id, so input order never changes a part).
 *
 * Edge cases: by baseline, a rep without a baseline (a new rep) or with a negative one gets
 * weight 0 and is named in `withoutBaseline`; when no rep has a baseline above 0 the target is
 * shared equally, with a note. Duplicate rep ids count once. Complexity: O(r log r).
 *
 * @example
 * splitTeamTarget(1000, { reps: ["ann", "bob", "cy"], by: "baseline", baselines: { ann: 60, bob: 30, cy: 10 } }).parts.map((p) => `${p.rep} ${p.target}`);
 * //=> ["ann 600", "bob 300", "cy 100"]
 */
export function splitTeamTarget(total: DecimalLike, options: SplitTeamTargetOptions): SplitTeamTarget {
  const parsed = parseOptions(SplitTeamTargetOptionsSchema, options);
  const whole = toDecimal(parseDefinition(DecimalLikeSchema, total, ["total"]));
  const reps = [...new Set(parsed.reps)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let by = parsed.by;
  let note: string | undefined;
  const withoutBaseline: string[] = [];
  let weights = reps.map(() => toDecimal(1));
  if (by === "baseline") {
    weights = reps.map((rep) => {
      const value = parsed.baselines?.[rep];
      const w = value === null || value === undefined ? null : toDecimal(value);
      if (w === null || w.isNegative()) {
        withoutBaseline.push(rep);
        return ZERO;
      }
      return w;
    });
    if (!weights.some((w) => w.gt(0))) {
      by = "equal";
      note = messages.weightsSumZero;
      weights = reps.map(() => toDecimal(1));
    }
  }
  const sum = weights.reduce((acc, w) => acc.plus(w), ZERO);
  if (!sum.gt(0)) throw definitionError("invalid-option", ["reps"], messages.noReps);
  const { parts, scale } = allocate(whole, weights, parsed.scale);
  const result: SplitTeamTarget = {
    total: whole,
    by,
    scale,
    parts: reps.map((rep, i) => ({ rep, weight: weights[i] as KpiDecimal, share: toDecimal((weights[i] as KpiDecimal).div(sum)), target: parts[i] as KpiDecimal })),
    withoutBaseline,
  };
  return note === undefined ? result : { ...result, note };
}
