import { z } from "zod";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import type { KpiDecimal } from "../core/decimal.js";
import type { KpiSeries } from "../measure/series.js";
import { parseSeries } from "../measure/series-schema.js";

/** Schema of {@link LeadIndicatorCheckOptions}. */
export const LeadIndicatorCheckOptionsSchema = z.strictObject({
  /** Largest shift, in periods, of the result series. Default 3. */
  maxLag: z.number().int().min(0).max(60).optional(),
  /** Fewest paired periods for a correlation (at least 3). Default 6. */
  minPoints: z.number().int().min(3).optional(),
  /** The group to compare in grouped series (the same key in both); default the ungrouped points. */
  group: z.string().min(1).optional(),
});
/** Options of {@link leadIndicatorCheck}. */
export type LeadIndicatorCheckOptions = ReadonlyInput<z.input<typeof LeadIndicatorCheckOptionsSchema>>;

/** The correlation at one lag. */
export interface LagCorrelation {
  /** Periods the result series is shifted: result at t + lag paired with action at t. */
  readonly lag: number;
  /** Number of paired periods (both values known). */
  readonly pairs: number;
  /** Pearson's r in [−1, 1], or null (with `reason`) when it cannot be computed honestly. */
  readonly correlation: number | null;
  readonly reason: string | null;
}

/** Result of {@link leadIndicatorCheck}. */
export interface LeadIndicatorCheck {
  readonly lags: readonly LagCorrelation[];
  /** The lag with the highest correlation (ties: the shorter lag); null when none could be computed. */
  readonly bestLag: number | null;
  readonly bestCorrelation: number | null;
  /** True when the best lag is > 0 and correlates more strongly than lag 0 (or lag 0 has no correlation). */
  readonly beatsLagZero: boolean;
}

/** A period's value, exact (to decide whether a series varies) and as a float (for r). */
interface PeriodValue {
  readonly exact: KpiDecimal;
  readonly value: number;
}

function values(series: KpiSeries, group: string | null): Map<number, PeriodValue> {
  const out = new Map<number, PeriodValue>();
  for (const point of series.points) {
    if (point.group !== group || point.value === null) continue;
    const value = point.value.toNumber();
    if (Number.isFinite(value)) out.set(point.period.startMs, { exact: point.value, value });
  }
  return out;
}

/** True when all values are exactly equal, compared as Decimals (no float noise). */
function doesNotVary(values: readonly PeriodValue[]): boolean {
  const first = values[0];
  return first === undefined || values.every((v) => v.exact.eq(first.exact));
}

/** Pearson's r of series that vary; values are centred on the first pair for float accuracy. */
function pearson(pairs: ReadonlyArray<readonly [PeriodValue, PeriodValue]>): number | null {
  const n = pairs.length;
  const [x0, y0] = pairs[0] as readonly [PeriodValue, PeriodValue];
  const xs = pairs.map(([x]) => x.value - x0.value);
  const ys = pairs.map(([, y]) => y.value - y0.value);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0 && syy > 0)) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  if (!Number.isFinite(r)) return null;
  return Math.min(1, Math.max(-1, r));
}

/**
 * Does an action KPI lead a result KPI in this team's own data? "Calls this month go with
 * revenue two months later" is evidence that calls are a lead indicator for revenue.
 *
 * Formula: for each lag L in 0..maxLag, Pearson's r of the pairs (action_t, result_{t+L})
 * over the periods t where both values are known; the periods are matched by their start,
 * so the two series may cover different ranges. r = Σ(x−x̄)(y−ȳ) ÷ √(Σ(x−x̄)² · Σ(y−ȳ)²).
 * The best lag is the one with the highest r (a negative r is no evidence of leading).
 *
 * Edge cases: fewer than `minPoints` pairs (default 6) → correlation null with the reason
 * "only n paired periods"; a series that does not vary over the paired periods (all values
 * exactly equal as Decimals, so 0.1 every period counts however its float mean rounds) →
 * null with a reason; never NaN or Infinity. r is a statistic, not money, so it is computed
 * in floating point (values are converted from Decimal). Correlation is evidence, not proof of cause.
 * Complexity: O(maxLag · p) for p periods.
 *
 * @throws KpiDefinitionError when the series have different grains, or are grouped and no `group` is given.
 * @example
 * // ann's calls per month, January to August, and her meetings: half the calls of two months before
 * const perMonth = (type: string, quantities: number[]) =>
 *   quantities.map((quantity, month) => ({ owner: "ann", type, at: new Date(Date.UTC(2026, month, 10)), quantity }));
 * const data = { activities: [...perMonth("call", [10, 30, 20, 50, 40, 60, 20, 30]), ...perMonth("meeting", [5, 5, 5, 15, 10, 25, 20, 30])] };
 * const range = { from: "2026-01-01", to: "2026-09-01", grain: "month" } as const;
 * const calls = measureSeries(data, { kind: "count", source: "activities", where: { type: "call" } }, range);
 * const meetings = measureSeries(data, { kind: "count", source: "activities", where: { type: "meeting" } }, range);
 * leadIndicatorCheck(calls, meetings, { maxLag: 3 }).bestLag; //=> 2
 */
export function leadIndicatorCheck(
  actionInput: KpiSeries,
  resultInput: KpiSeries,
  options: LeadIndicatorCheckOptions = {},
): LeadIndicatorCheck {
  const actionSeries = parseSeries(actionInput, ["actionSeries"]);
  const resultSeries = parseSeries(resultInput, ["resultSeries"]);
  const opts = parseOptions(LeadIndicatorCheckOptionsSchema, options);
  if (actionSeries.grain !== resultSeries.grain) throw definitionError("invalid-option", ["resultSeries"], messages.seriesMismatch);
  if (opts.group === undefined && (actionSeries.groupBy !== null || resultSeries.groupBy !== null)) {
    throw definitionError("invalid-option", ["group"], messages.seriesGroupNeeded);
  }
  const maxLag = opts.maxLag ?? 3;
  const minPoints = opts.minPoints ?? 6;
  const group = opts.group ?? null;
  const actions = values(actionSeries, group);
  const results = values(resultSeries, group);
  const resultPeriods = resultSeries.periods.map((p) => p.startMs);
  const resultIndex = new Map(resultPeriods.map((start, i) => [start, i]));
  const lags: LagCorrelation[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    const pairs: Array<readonly [PeriodValue, PeriodValue]> = [];
    for (const period of actionSeries.periods) {
      const x = actions.get(period.startMs);
      const i = resultIndex.get(period.startMs);
      if (x === undefined || i === undefined) continue;
      const start = resultPeriods[i + lag];
      const y = start === undefined ? undefined : results.get(start);
      if (y === undefined) continue;
      pairs.push([x, y]);
    }
    if (pairs.length < minPoints) {
      lags.push({ lag, pairs: pairs.length, correlation: null, reason: messages.tooFewPoints(pairs.length, minPoints) });
      continue;
    }
    const varies = !doesNotVary(pairs.map(([x]) => x)) && !doesNotVary(pairs.map(([, y]) => y));
    const r = varies ? pearson(pairs) : null;
    lags.push({ lag, pairs: pairs.length, correlation: r, reason: r === null ? messages.constantSeries : null });
  }
  let best: LagCorrelation | undefined;
  for (const entry of lags) {
    if (entry.correlation === null) continue;
    if (best === undefined || entry.correlation > (best.correlation as number)) best = entry;
  }
  const zero = lags[0]?.correlation ?? null;
  const bestCorrelation = best?.correlation ?? null;
  return {
    lags,
    bestLag: best?.lag ?? null,
    bestCorrelation,
    beatsLagZero: best !== undefined && best.lag > 0 && (zero === null || (bestCorrelation as number) > zero),
  };
}
