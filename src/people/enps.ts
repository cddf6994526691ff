import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { KpiDecimal, type KpiDecimal as Decimal, withoutNegativeZero } from "../core/decimal.js";
import { customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";

const isScale = (value: unknown): value is readonly [0 | 1, 10] =>
  Array.isArray(value) && value.length === 2 && (value[0] === 0 || value[0] === 1) && value[1] === 10;

/** Schema of {@link EnpsOptions}: the answer scale, `[0, 10]` (default) or `[1, 10]`. */
export const EnpsOptionsSchema = z.strictObject({
  scale: z.custom<readonly [0 | 1, 10]>(isScale, { error: messages.enpsScale }).transform(([low, high]) => [low + 0, high] as unknown as readonly [0 | 1, 10]).default([0, 10]),
});

/** Options of {@link enps}. */
export type EnpsOptions = ReadonlyInput<z.input<typeof EnpsOptionsSchema>>;

/** Result of {@link enps}. */
export interface EnpsResult {
  /** eNPS = 100 · (promoters − detractors) ÷ responses, in [−100, 100]; `null` without responses. */
  readonly score: Decimal | null;
  readonly responses: number;
  /** Scores 9 and 10. */
  readonly promoters: number;
  /** Scores 7 and 8. */
  readonly passives: number;
  /** Scores from the bottom of the scale to 6. */
  readonly detractors: number;
  readonly promoterShare: Ratio;
  readonly passiveShare: Ratio;
  readonly detractorShare: Ratio;
  readonly scale: readonly [number, number];
}

/**
 * Employee Net Promoter Score: would your people recommend working here? "Of 20 reps, 8
 * answered 9 or 10 and 5 answered 6 or less: eNPS = 100 · (8 − 5) / 20 = 15."
 *
 * Promoters answer 9–10, passives 7–8, detractors everything below 7 (0–6 on a 0–10 scale,
 * 1–6 on a 1–10 scale, which is accepted as is: the thresholds do not move).
 * eNPS = %promoters − %detractors = 100 · (P − D) ÷ N, an exact Decimal in [−100, 100]
 * (not rounded: 100 · 1 / 3 = 33.33… to 40 digits; round when showing it). Passives count
 * in N only, so adding one moves the score toward 0. No responses → `score: null`.
 *
 * Complexity: one pass over the scores.
 *
 * @throws KpiInputError listing every score that is not a whole number on the scale, with
 *   its index (`scores[3]: expected a whole number from 0 to 10`).
 * @throws KpiDefinitionError for a scale other than [0, 10] or [1, 10].
 * @example
 * const result = enps([10, 9, 9, 8, 7, 6, 3, 10, 2, 5], { scale: [1, 10] });
 * [result.promoters, result.passives, result.detractors]; //=> [4, 2, 4]
 * result.score?.toString(); //=> "0"
 */
export function enps(scores: readonly number[], options: EnpsOptions = {}): EnpsResult {
  const opts = parseOptions(EnpsOptionsSchema, options);
  const [low, high] = opts.scale;
  if (!Array.isArray(scores)) throw new KpiInputError([customIssue(["scores"], messages.scoresArray, scores)]);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  const issues: KpiIssue[] = [];
  for (let i = 0; i < scores.length; i++) {
    const score: unknown = scores[i];
    if (typeof score !== "number" || !Number.isInteger(score) || score < low || score > high) {
      if (issues.length < 100) issues.push(customIssue(["scores", i], messages.enpsScore(low, high), score));
      continue;
    }
    if (score >= 9) promoters++;
    else if (score >= 7) passives++;
    else detractors++;
  }
  if (issues.length > 0) throw new KpiInputError(issues);
  const responses = promoters + passives + detractors;
  return {
    score: responses === 0 ? null : withoutNegativeZero(new KpiDecimal(100 * (promoters - detractors)).div(responses)),
    responses,
    promoters,
    passives,
    detractors,
    promoterShare: ratio(promoters, responses),
    passiveShare: ratio(passives, responses),
    detractorShare: ratio(detractors, responses),
    scale: [low, high],
  };
}
