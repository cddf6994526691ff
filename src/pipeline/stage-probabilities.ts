import { z } from "zod";
import { type KpiDecimal, KpiDecimal as Decimal, toDecimal } from "../core/decimal.js";
import type { KpiTable } from "../core/kpi-table.js";
import { parseOptions } from "../core/parse-input.js";
import { type Ratio, ratio } from "../core/ratio.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { PipelineSchema } from "../model/pipeline.js";
import type { PreparedData } from "../model/prepared.js";
import { KpiCalendarSchema } from "../time/calendar.js";
import { InstantSchema, parseAsOf } from "../time/instant.js";
import { trailingWindow } from "../time/trailing-window.js";
import { type PipelineDealsInput, prepareDeals } from "./deal-input.js";
import { isoInCalendar } from "./deal-period.js";
import { dealStateAsOf } from "../model/deal-state-at.js";
import { stagesVisited } from "./stages-visited.js";

/** Schema of {@link StageProbabilitiesOptions}. */
export const StageProbabilitiesOptionsSchema = z.strictObject({
  /** The exclusive end of what is known (date-only = through that local day). */
  asOf: InstantSchema,
  /** Learn only from deals closed in the last N whole local days before `asOf` (default: all history). */
  lookbackDays: z.number().int().min(1).max(36_600).optional(),
  /** Fewer closed deals than this in a stage is "insufficient history" (default 30). */
  minDeals: z.number().int().min(1).default(30),
  /** The pipeline, when the first argument is raw deals. */
  pipeline: PipelineSchema.optional(),
  calendar: KpiCalendarSchema.partial().optional(),
});

/** Options of {@link stageProbabilities}. */
export type StageProbabilitiesOptions = ReadonlyInput<z.input<typeof StageProbabilitiesOptionsSchema>>;

/** The learnt win probability of one open stage. */
export interface StageProbability {
  readonly stage: string;
  readonly label: string | undefined;
  /** The probability the pipeline configures for the stage. */
  readonly configured: KpiDecimal;
  /** Deals that were ever in the stage and closed (won or lost) in the lookback before `asOf`. */
  readonly closed: number;
  /** Of those, the deals won. */
  readonly won: number;
  /** Of those, the deals lost. */
  readonly lost: number;
  /** `won ÷ closed`, exact; value `null` when no deal closed. */
  readonly share: Ratio;
  /**
   * Wilson score 95 % interval of the share (z = 1.959963984540054), in Decimal at 40 digits;
   * `null` when no deal closed.
   */
  readonly interval: { readonly lower: KpiDecimal; readonly upper: KpiDecimal } | null;
  /** True when `closed ≥ minDeals`. */
  readonly sufficient: boolean;
  readonly status: "calibrated" | "insufficient-history";
  /** What weighted pipeline uses: the share when sufficient, else the configured probability. */
  readonly probability: KpiDecimal;
  /** Deals in the stage at `asOf` (open, not counted in the share). */
  readonly openNow: number;
}

/** Result of {@link stageProbabilities}. */
export interface StageProbabilitiesResult {
  readonly asOf: string;
  readonly asOfMs: number;
  /** The lookback window `[start, asOf)`, or `null` for all history before `asOf`. */
  readonly lookback: { readonly days: number; readonly start: string; readonly startMs: number } | null;
  readonly minDeals: number;
  /** Every open stage of the pipeline, in funnel order. */
  readonly stages: readonly StageProbability[];
  /** Deals closed in the lookback (each counted once, in every stage it was in). */
  readonly dealsClosed: number;
  /** Deals open at `asOf`. */
  readonly dealsOpen: number;
  /** Deal rows used (after preparation) and rows left out by the preparation. */
  readonly rows: number;
  readonly rowsSkipped: number;
  /** Stage, configured, closed, won, share, interval, status, used probability. */
  readonly table: KpiTable;
}

/** z of the two-sided 95 % normal interval, to 16 digits. */
const Z = new Decimal("1.959963984540054");
const Z2 = Z.times(Z);

/**
 * The Wilson score interval of `won` successes out of `n` (n > 0) at 95 %:
 * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n), clamped to [0, 1].
 */
export function wilsonInterval(won: number, n: number): { lower: KpiDecimal; upper: KpiDecimal } {
  const N = new Decimal(n);
  const p = new Decimal(won).div(N);
  const denominator = Decimal.add(1, Z2.div(N));
  const centre = p.plus(Z2.div(N.times(2)));
  const half = Z.times(p.times(Decimal.sub(1, p)).div(N).plus(Z2.div(N.times(N).times(4))).sqrt());
  const clamp = (value: Decimal) => toDecimal(Decimal.max(0, Decimal.min(1, value)));
  return { lower: clamp(centre.minus(half).div(denominator)), upper: clamp(centre.plus(half).div(denominator)) };
}

/** The core of {@link stageProbabilities}, on prepared data and parsed instants. */
export function computeStageProbabilities(
  data: PreparedData,
  asOfMs: number,
  lookbackDays: number | undefined,
  minDeals: number,
): StageProbabilitiesResult {
  const calendar = data.calendar;
  const pipeline = data.pipeline;
  const window = lookbackDays === undefined ? undefined : trailingWindow(asOfMs, lookbackDays, calendar);
  const startMs = window?.startMs ?? Number.NEGATIVE_INFINITY;
  const open = (pipeline?.stages ?? []).filter((stage) => stage.outcome === "open");
  const won = new Map<number, number>();
  const lost = new Map<number, number>();
  const openNow = new Map<number, number>();
  let dealsClosed = 0;
  let dealsOpen = 0;
  if (pipeline !== undefined) {
    for (const deal of data.deals) {
      if (!(deal.createdAt < asOfMs)) continue;
      const state = dealStateAsOf(deal, asOfMs, pipeline);
      if (state.status === "open") {
        dealsOpen++;
        const index = (state.stage as { index: number }).index;
        openNow.set(index, (openNow.get(index) ?? 0) + 1);
        continue;
      }
      if (state.status === "not-created" || state.since < startMs) continue;
      dealsClosed++;
      const tally = state.status === "won" ? won : lost;
      for (const stage of stagesVisited(deal, asOfMs, pipeline)) {
        if (stage.outcome === "open") tally.set(stage.index, (tally.get(stage.index) ?? 0) + 1);
      }
    }
  }
  const stages = open.map((stage): StageProbability => {
    const w = won.get(stage.index) ?? 0;
    const l = lost.get(stage.index) ?? 0;
    const closed = w + l;
    const share = ratio(w, closed);
    const sufficient = closed >= minDeals;
    return {
      stage: stage.id,
      label: stage.label,
      configured: stage.probability,
      closed,
      won: w,
      lost: l,
      share,
      interval: closed === 0 ? null : wilsonInterval(w, closed),
      sufficient,
      status: sufficient ? "calibrated" : "insufficient-history",
      probability: sufficient && share.value !== null ? share.value : stage.probability,
      openNow: openNow.get(stage.index) ?? 0,
    };
  });
  let rowsSkipped = 0;
  for (const row of data.skipped) if (row.collection === "deals") rowsSkipped++;
  return {
    asOf: isoInCalendar(asOfMs, calendar),
    asOfMs,
    lookback: window === undefined ? null : { days: window.days, start: window.start, startMs: window.startMs },
    minDeals,
    stages,
    dealsClosed,
    dealsOpen,
    rows: data.deals.length,
    rowsSkipped,
    table: {
      columns: ["stage", "configured", "closed", "won", "share", "lower 95%", "upper 95%", "status", "probability used"],
      rows: stages.map((s) => [
        s.label ?? s.stage,
        s.configured.toString(),
        s.closed,
        s.won,
        s.share.value?.toString() ?? null,
        s.interval?.lower.toString() ?? null,
        s.interval?.upper.toString() ?? null,
        s.status,
        s.probability.toString(),
      ]),
    },
  };
}

/**
 * Are our stage percentages real? Learns each open stage's chance of winning from the team's
 * own closed deals: of the deals that were ever in the stage and have since closed (before
 * `asOf`, within `lookbackDays` when given), the share that was won.
 *
 * Formula per open stage s: closed(s) = deals closed (won or lost, by their effective close,
 * as of `asOf`) in `[asOf − lookbackDays local days, asOf)` that were in s at some time before
 * `asOf` (see `stagesVisited`: recorded moves, the assumed first open stage, the implied move
 * into the current stage); won(s) = those won; share = won(s) ÷ closed(s), an exact Ratio.
 * A deal counts once per stage, however often it re-entered it, and in every stage it passed
 * (so shares of later stages are at least as selective). Reopened deals count by their state at
 * `asOf`: won, reopened and open is not closed; won, reopened and lost is lost.
 *
 * With each share: the Wilson 95 % interval (Decimal, 40 digits; the only non-exact number, as
 * √ is irrational), and `status: "insufficient-history"` when closed(s) < `minDeals` (default
 * 30): then `probability` (what `weightedPipelineValue({ probabilities })` uses) stays the
 * configured one. Deals still open at `asOf` are not in any share (counted in `openNow`).
 *
 * Edge cases: no closed deal in a stage → share value `null`, interval `null`, insufficient;
 * no deals → every stage insufficient. Nothing at or after `asOf` changes a number.
 *
 * Complexity: O(n · h log h) for n deals with up to h stage moves.
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 *   { id: "lost", probability: 0, outcome: "lost" },
 * ] };
 * // 2 of the 3 deals that reached proposal were won
 * const result = stageProbabilities(
 *   [
 *     { id: "a", owner: "ann", stage: "won", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-10" }, { stage: "won", at: "2026-02-01" }] },
 *     { id: "b", owner: "ann", stage: "won", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-12" }, { stage: "won", at: "2026-02-03" }] },
 *     { id: "c", owner: "ann", stage: "lost", createdAt: "2026-01-05", stageHistory: [{ stage: "proposal", at: "2026-01-15" }, { stage: "lost", at: "2026-02-05" }] },
 *   ],
 *   { pipeline, asOf: "2026-03-31", minDeals: 3 },
 * );
 * result.stages.find((s) => s.stage === "proposal")?.share.value?.toFixed(4); //=> "0.6667"
 */
export function stageProbabilities(data: PipelineDealsInput, options: StageProbabilitiesOptions): StageProbabilitiesResult {
  const opts = parseOptions(StageProbabilitiesOptionsSchema, options);
  const prepared = prepareDeals(data, opts);
  const asOfMs = parseAsOf(opts.asOf, prepared.calendar);
  return computeStageProbabilities(prepared, asOfMs, opts.lookbackDays, opts.minDeals);
}
