import type { KpiDecimal } from "../core/decimal.js";
import type { Ratio } from "../core/ratio.js";
import type { KpiCalendar } from "../time/calendar.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";
import type { ScorecardAnalytics } from "./scorecard-analytics.js";

/** The four quadrants a scorecard groups its KPIs in. */
export type ScorecardQuadrant = "finding" | "closing" | "growing" | "developing";

/** The quadrants in the order a scorecard shows them. */
export const SCORECARD_QUADRANTS: readonly ScorecardQuadrant[] = ["finding", "closing", "growing", "developing"];

/** What a scorecard needs to know about a KPI to show it. */
export interface ScorecardKpi {
  readonly id: string;
  readonly name: string;
  readonly kind: "action" | "result" | "insight";
  /** `ratio` is a share shown as a percentage, `number` a plain quotient (4.5 meetings per won deal). */
  readonly unit: "count" | "currency" | "ratio" | "number" | "days" | "score" | "hours";
  readonly direction: "higher-is-better" | "lower-is-better";
  readonly controllable: boolean;
  readonly quadrant: ScorecardQuadrant;
  /** Lead or lag indicator, and why (from `classifyIndicator`). */
  readonly indicator: "lead" | "lag";
  readonly indicatorReason: string;
  /** False for insight KPIs (shown, never used to appraise a rep) and KPIs marked so. */
  readonly appraisal: boolean;
  /** True when measures add up over periods (count, sum): only these get a pace projection. */
  readonly additive: boolean;
  /** Currency KPIs: the currency of the amounts (the series' own), when the deals name one. */
  readonly currency?: string;
}

/** Pace of the current (incomplete) period towards its target: where it stands, lands, and what it takes. */
export interface ScorecardPace {
  readonly status: "ahead" | "on-track" | "behind";
  /** The value so far in the current period. */
  readonly toDate: KpiDecimal;
  /** The value the period ends at when the pace so far holds; null when the period has not started. */
  readonly projected: KpiDecimal | null;
  /** The current period's target (the plan may have raised it after the reviewed period). */
  readonly target?: KpiDecimal;
  /** target − projected landing; null without projection. */
  readonly gap?: KpiDecimal | null;
  /** target − to-date: what is still needed. */
  readonly remaining?: KpiDecimal;
  /** The run-rate still needed per remaining working day (value null when none is left). */
  readonly requiredRunRate?: Ratio;
  readonly workingDays?: { readonly total: number; readonly elapsed: number; readonly remaining: number };
  /** How the elapsed share was measured: calendar time or working days. */
  readonly elapsedBy?: "time" | "working-days";
}

/** Where a subject (the team or a rep) stands on one KPI. */
export interface ScorecardCell {
  readonly kpiId: string;
  /** The value of the last complete period (`Scorecard.period`); null when a ratio has no denominator. */
  readonly actual: KpiDecimal | null;
  /** Numerator and denominator of `actual` for ratio KPIs. */
  readonly actualRatio: Ratio | null;
  /**
   * Cohort conversion KPIs (close rate, lead → SQL …): false when the reviewed period's cohort
   * is not mature by `asOf` — a lead of it can still convert, so `actual` may still rise (see
   * `conversionRate`); the team's is false when any rep's is. True when it can no longer
   * change; null for every other KPI.
   */
  readonly mature: boolean | null;
  /** The value of the period before it. */
  readonly previous: KpiDecimal | null;
  /**
   * Growth against the previous period: (actual − previous) ÷ previous; value null when
   * previous is 0. Null for rates (unit `ratio`): their change is `trendPoints`.
   */
  readonly trend: Ratio | null;
  /** Rates (unit `ratio`): actual − previous as a share (0.256 is +25.6 percentage points); null otherwise. */
  readonly trendPoints: KpiDecimal | null;
  /** The baseline over `Scorecard.baselinePeriods`; `sufficient` false when too few periods had data, with why. */
  readonly baseline: { readonly value: KpiDecimal | null; readonly sufficient: boolean; readonly reason?: string } | null;
  /**
   * The target; null when none is given and none can be derived: the baseline is insufficient,
   * or it is 0 on a higher-is-better KPI (a target of 0 would be met by doing nothing). `note` says which.
   */
  readonly target: KpiDecimal | null;
  /**
   * Where the target came from: `explicit` (a quota row for this rep or team and period),
   * `sum-of-reps` (the team: Σ of its reps' targets), `given` (the older per-KPI record),
   * `plan` (the target plan: the programme baseline + uplift, raised step by step, never
   * lowered), `baseline` (the rolling policy: the periods before + uplift), or `none`.
   */
  readonly targetSource: "explicit" | "sum-of-reps" | "given" | "plan" | "baseline" | "none";
  /** Why the derived target is what it is ("first target: baseline + 10 %", "raised by a step after 2 met periods", "held: not met"). */
  readonly targetReason: string | null;
  /** A new rep within the ramp (90 days from `startedAt`): the current milestone of the 30/60/90 plan from the team's per-rep baseline. */
  readonly ramp: {
    readonly day: number;
    readonly rampDays: number;
    /** The milestone day worked towards (30, 60 or 90) and its cumulative target since the start. */
    readonly milestone: number;
    readonly target: KpiDecimal | null;
    readonly by: string;
  } | null;
  /** Attainment of the last complete period against the target (`ratio ≥ 1` means met). */
  readonly attainment: { readonly ratio: KpiDecimal | null; readonly met: boolean; readonly gap: KpiDecimal } | null;
  /**
   * The verdict in words that respect the KPI's direction: `met`, `below-target` (higher is
   * better and short of it) or `above-target` (lower is better and over it); null without a target.
   */
  readonly status: "met" | "below-target" | "above-target" | null;
  /** Pace of the current period (additive KPIs with a target only). */
  readonly pace: ScorecardPace | null;
  /** Values of the last periods, oldest first, aligned with `Scorecard.history` (for sparklines); null where there is no data. */
  readonly history: readonly (KpiDecimal | null)[];
  /** Rows of the reviewed period left out of `actual`, by reason (e.g. `missing-amount`); `{}` when none. */
  readonly skipped: Readonly<Record<string, number>>;
  /** The team's cells: rows counted in `actual` that have no owner (a marketing lead); 0 for reps. */
  readonly withoutOwner: number;
  /** True when there is no data for the reviewed period (no rows of the KPI's source, or the period lies before the first row): `actual` is null, not 0. */
  readonly noData: boolean;
  /** Everything the reader should know about this cell: rows left out, rows without owner, why there is no target … */
  readonly notes: readonly string[];
  /** `notes` joined by "; ", or null when there are none. */
  readonly note: string | null;
}

/** One step of a funnel and how many got there. */
export interface ScorecardFunnelStep {
  readonly id: string;
  readonly label: string;
  readonly count: number;
}

/** A funnel (deals through the pipeline's open stages to won) with the weakest step. */
export interface ScorecardFunnel {
  /** What was counted, e.g. "deals created in 2026-02 … 2026-04". */
  readonly basis: string;
  readonly steps: readonly ScorecardFunnelStep[];
  /** Step-to-step conversions: `steps[i + 1].count ÷ steps[i].count`. */
  readonly conversions: ReadonlyArray<{ readonly from: string; readonly to: string; readonly ratio: Ratio }>;
  /** The step with the lowest conversion: where most is lost. Null when no step has data. */
  readonly weakest: { readonly from: string; readonly to: string; readonly ratio: Ratio } | null;
}

/** The team or a rep: one cell per KPI, in the order of `Scorecard.kpis`. */
export interface ScorecardSubject {
  readonly id: string;
  readonly name: string;
  readonly cells: readonly ScorecardCell[];
  readonly funnel: ScorecardFunnel | null;
}

/** A rep's part of the scorecard. */
export interface ScorecardRep extends ScorecardSubject {
  readonly team: string | null;
  /** Appraisal KPIs at or above target in the last complete period. */
  readonly strengths: readonly string[];
  /** Appraisal KPIs below target in the last complete period: where to coach. */
  readonly focusPoints: readonly string[];
  /** True when every appraisal KPI with a pace is on track or ahead; null when none has one. */
  readonly onTrack: boolean | null;
}

/** Reps on track and at target for one KPI. */
export interface ScorecardKpiCounts {
  readonly kpiId: string;
  /** Reps whose pace is on-track or ahead. */
  readonly onTrack: number;
  /** Reps with a pace for this KPI: the reps `onTrack` is out of (none before the current period has begun). */
  readonly withPace: number;
  /** Reps whose last complete period met the target. */
  readonly atTarget: number;
  /** Reps with a target for this KPI. */
  readonly withTarget: number;
}

/** Reps ranked by a result KPI in the last complete period (best first; ties by id). */
export interface ScorecardLeaderboard {
  readonly kpiId: string;
  readonly entries: ReadonlyArray<{ readonly rank: number; readonly repId: string; readonly value: KpiDecimal | null }>;
}

/** The team's part of the scorecard. */
export interface ScorecardTeam extends ScorecardSubject {
  readonly counts: readonly ScorecardKpiCounts[];
  /** Reps on track on every appraisal KPI with a pace. */
  readonly repsOnTrack: number;
  /**
   * Reps with a pace on at least one appraisal KPI: the reps `repsOnTrack` is out of. 0 when
   * `asOf` is on a period boundary (the current period has not begun, so no pace is measured).
   */
  readonly repsWithPace: number;
  /** Reps that met the target on every appraisal KPI with a target. */
  readonly repsAtTarget: number;
  /** Reps with a target on at least one appraisal KPI: the reps `repsAtTarget` is out of. */
  readonly repsWithTarget: number;
  /** The two headline counts in words that say what they count, for renderers. */
  readonly headline: { readonly onTrack: string; readonly atTarget: string };
  readonly leaderboards: readonly ScorecardLeaderboard[];
}

/** A finding of the KPI-set audit. */
export interface ScorecardFinding {
  readonly code: string;
  readonly severity: "info" | "warning" | "error";
  readonly kpiIds: readonly string[];
  readonly message: string;
}

/**
 * The monthly review of a team and its reps: per KPI the actual of the last complete period,
 * its baseline, target, attainment, trend and pace, grouped in four quadrants.
 */
export interface Scorecard {
  readonly title: string;
  /** `asOf` as given, and as the exclusive end instant (epoch ms). */
  readonly asOf: string;
  readonly asOfMs: number;
  readonly calendar: KpiCalendar;
  readonly grain: KpiGrain;
  /** The period reviewed: the last complete period before `asOf`. */
  readonly period: KpiPeriod;
  /** The period holding `asOf` (pace is measured in it). */
  readonly currentPeriod: KpiPeriod;
  /**
   * The periods the team's baseline is taken over: under the default ratchet policy the ones
   * before the programme start (the baseline is taken once), under `"rolling"` the ones before
   * `period`.
   */
  readonly baselinePeriods: readonly KpiPeriod[];
  /** The periods of the sparklines, oldest first, ending with `period`. */
  readonly history: readonly KpiPeriod[];
  readonly kpis: readonly ScorecardKpi[];
  /** KPI ids per quadrant, in the order of `SCORECARD_QUADRANTS`. */
  readonly quadrants: ReadonlyArray<{ readonly quadrant: ScorecardQuadrant; readonly kpiIds: readonly string[] }>;
  readonly team: ScorecardTeam;
  /** Every rep, sorted by id. */
  readonly reps: readonly ScorecardRep[];
  readonly audit: readonly ScorecardFinding[];
  /** Things the reader should know: KPIs left out and why, rows skipped. */
  readonly notes: readonly string[];
  /** The pipeline analytics (waterfall, stage calibration, forecast backtest, cohort matrix), with `analytics: true`. */
  readonly analytics?: ScorecardAnalytics;
}
