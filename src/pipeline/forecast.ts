import type { KpiDecimal } from "../core/decimal.js";
import type { PreparedDeal } from "../model/prepared.js";
import { createExactSum } from "../core/exact-sum.js";
import { forEachClosedInPeriod } from "./closed-in-period.js";
import { expectedCloseAsOf } from "./deal-history-as-of.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { type DealPeriodBounds, type DealPeriodInput, DealPeriodInputSchema, resolveDealPeriod } from "./deal-period.js";
import {
  type PipelineBaseOptions,
  PipelineBaseOptionsSchema,
  type PipelineOwnerTotals,
  type PipelineStageTotals,
  type PipelineContext,
  pipelineContext,
  pipelineSnapshot,
  sortedSkipped,
} from "./pipeline-snapshot.js";

/** Options of {@link forecast}. */
export interface ForecastOptions extends PipelineBaseOptions {
  /** The period forecast: `{ from, to }` or a `KpiPeriod`. */
  readonly period: DealPeriodInput;
}

/** Schema of {@link ForecastOptions}. */
export const ForecastOptionsSchema = PipelineBaseOptionsSchema.extend({ period: DealPeriodInputSchema });

/** A forecast with its parts. */
export interface ForecastResult {
  /** won.total + open.total. */
  readonly total: KpiDecimal;
  /** Deals won in the period so far (effective close in `[start, min(end, asOf))`), at full amount. */
  readonly won: { readonly total: KpiDecimal; readonly dealCount: number };
  /** Deals open at `asOf` whose `expectedCloseAt` is in the period, weighted by probability. */
  readonly open: {
    readonly total: KpiDecimal;
    readonly unweightedTotal: KpiDecimal;
    readonly dealCount: number;
    readonly byStage: readonly PipelineStageTotals[];
    readonly byOwner: readonly PipelineOwnerTotals[];
  };
  /** Open deals left out because they have no `expectedCloseAt`. */
  readonly openWithoutExpectedClose: number;
  /** Open deals given an assumed expected close (backtests with `expectedCloseAfterDays`); 0 otherwise. */
  readonly openWithAssumedExpectedClose: number;
  /** Deals lost in the period: never part of a forecast, counted for the record. */
  readonly lostInPeriod: number;
  readonly currency: string | undefined;
  readonly period: DealPeriodBounds;
  readonly asOf: string | undefined;
  readonly asOfMs: number | undefined;
  readonly skipped: readonly SkippedDeal[];
}

/**
 * What the period is likely to bring in: what is already won plus what the open deals
 * expected to close in it are worth, weighted by their chance.
 *
 * Formula: Σ amount of deals won in the period so far + Σ amount × p over deals open at
 * `asOf` whose `expectedCloseAt` lies in the period (p = deal probability ?? stage
 * probability). Lost deals never count. Won deals are converted at their close, open deals at
 * `asOf`.
 *
 * Edge cases: open deals without `expectedCloseAt` are left out and counted in
 * `openWithoutExpectedClose`; overdue open deals (expected close in the period but before
 * `asOf`) still count; a period that has ended gives just the won value plus any overdue
 * deals still open.
 *
 * Complexity: O(n log h).
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 * ] };
 * const deals = [
 *   { id: "a", owner: "ann", stage: "won", amount: "8000", createdAt: "2026-01-05", closedAt: "2026-02-02" },
 *   { id: "b", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-10", expectedCloseAt: "2026-03-20" },
 *   { id: "c", owner: "bob", stage: "proposal", amount: "4000", createdAt: "2026-02-01", expectedCloseAt: "2026-05-10" },
 * ];
 * // won 8000 in Q1 so far + 10000 × 0.5 expected in March; deal c is expected after Q1
 * forecast(deals, { pipeline, asOf: "2026-02-15", period: { from: "2026-01-01", to: "2026-04-01" } }).total.toString(); //=> "13000"
 */
export function forecast(deals: PipelineDealsInput, options: ForecastOptions): ForecastResult {
  const context = pipelineContext(deals, options, ForecastOptionsSchema);
  return computeForecast(context, resolveDealPeriod(options.period, context.data.calendar));
}

/** How a backtest reads the past: what the forecast would have known at `context.asOfMs`. */
export interface ForecastAsKnown {
  /** Stage probabilities replacing the pipeline's, by stage index (calibrated as of then). */
  readonly stageProbabilities?: ReadonlyArray<KpiDecimal | undefined> | undefined;
  /** Read expected closes and amounts as of `asOf` from the deals' histories. Default false. */
  readonly historiesAsOf?: boolean;
  /** The expected close of an open deal that has none (an assumption the caller made explicit). */
  readonly assumedExpectedClose?: ((deal: PreparedDeal) => number) | undefined;
}

/** The core of {@link forecast} on a prepared context and resolved period (also the backtest's). */
export function computeForecast(context: PipelineContext, period: DealPeriodBounds, known: ForecastAsKnown = {}): ForecastResult {
  const asOfMs = context.asOfMs;
  const historiesAsOf = known.historiesAsOf === true && asOfMs !== undefined;
  const won = createExactSum();
  let wonCount = 0;
  let lostInPeriod = 0;
  forEachClosedInPeriod(context, period, (deal, state) => {
    if (state.status === "lost") {
      lostInPeriod++;
      return;
    }
    const read = context.readAmount(deal);
    if ("skipReason" in read) {
      context.skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
      return;
    }
    won.add(context.converter.convert(deal, read.amount, state.since));
    wonCount++;
  });
  let withoutExpectedClose = 0;
  let assumed = 0;
  const open = pipelineSnapshot(context, {
    weighted: true,
    sumWon: false,
    stageProbabilities: known.stageProbabilities,
    amountsAsOf: historiesAsOf,
    includeOpen: (deal) => {
      let expected = historiesAsOf ? expectedCloseAsOf(deal, asOfMs) : deal.expectedCloseAt;
      if (expected === undefined && known.assumedExpectedClose !== undefined) {
        expected = known.assumedExpectedClose(deal);
        assumed++;
      }
      if (expected === undefined) {
        withoutExpectedClose++;
        return false;
      }
      return expected >= period.startMs && expected < period.endMs;
    },
  });
  const wonTotal = won.value();
  const total = createExactSum();
  total.add(wonTotal);
  total.add(open.total);
  return {
    total: total.value(),
    won: { total: wonTotal, dealCount: wonCount },
    open: { total: open.total, unweightedTotal: open.unweightedTotal, dealCount: open.dealCount, byStage: open.byStage, byOwner: open.byOwner },
    openWithoutExpectedClose: withoutExpectedClose,
    openWithAssumedExpectedClose: assumed,
    lostInPeriod,
    currency: context.converter.currency(),
    period,
    asOf: context.asOf,
    asOfMs: context.asOfMs,
    skipped: sortedSkipped(context.skipped),
  };
}
