import type { KpiDecimal } from "../core/decimal.js";
import type { KpiCalendar } from "../time/calendar.js";
import { type ActivityColumns, activityRows } from "./activity-columns.js";
import type { DealRow } from "./deal-row.js";
import type { StageOutcome } from "./pipeline.js";

/** A pipeline stage after preparation: its funnel position and probability as a Decimal. */
export interface PreparedStage {
  readonly id: string;
  readonly label: string | undefined;
  /** Position in funnel order, from 0. */
  readonly index: number;
  readonly probability: KpiDecimal;
  /**
   * `probability` as an exact scaled integer, `probabilityUnits × 10^-probabilityScale`, for
   * fast exact sums (`ExactSum.addScaledProduct`); `undefined` when it has no such form.
   */
  readonly probabilityUnits: number | undefined;
  readonly probabilityScale: number;
  readonly outcome: StageOutcome;
}

/** A pipeline after preparation, with stages looked up by id. */
export interface PreparedPipeline {
  readonly stages: readonly PreparedStage[];
  readonly byId: ReadonlyMap<string, PreparedStage>;
}

/** A move into a stage, with the instant as epoch milliseconds. */
export interface PreparedStageMove {
  readonly stage: PreparedStage;
  readonly at: number;
}

/** An entry of a deal's amount history after preparation. */
export interface PreparedAmountChange {
  readonly amount: KpiDecimal;
  readonly at: number;
}

/** An entry of a deal's expected-close history after preparation. */
export interface PreparedExpectedCloseChange {
  readonly expectedCloseAt: number;
  readonly at: number;
}

/** A deal after preparation: instants as epoch ms, amount parsed, stage resolved. */
export interface PreparedDeal {
  /** Position of the row in the input array. */
  readonly index: number;
  readonly id: string;
  readonly owner: string;
  /** The row's team, else the owner's team in the roster. */
  readonly team: string | undefined;
  readonly account: string | undefined;
  readonly product: string | undefined;
  readonly source: string | undefined;
  readonly currency: string | undefined;
  readonly amount: KpiDecimal | undefined;
  /**
   * `amount` as an exact scaled integer, `amountUnits × 10^-amountScale`, parsed once here so
   * that sums run on plain numbers (`ExactSum.addScaled`); `undefined` when there is no amount
   * or it has no such form (more than 15 significant digits, more than 22 decimals): then use
   * `amount`.
   */
  readonly amountUnits: number | undefined;
  readonly amountScale: number;
  /** The deal's own probability override, if any. */
  readonly probability: KpiDecimal | undefined;
  /** `probability` as a scaled integer, like `amountUnits`; `undefined` when there is no override or no such form. */
  readonly probabilityUnits: number | undefined;
  readonly probabilityScale: number;
  /** Current stage. */
  readonly stage: PreparedStage;
  readonly createdAt: number;
  /**
   * Effective close of a deal now won or lost, equal to `currentSince`: when it moved into
   * its current stage — the last move in `stageHistory` when that is into the current stage,
   * else the row's `closedAt` when not before the last move, else the last move (an earlier
   * close in the history was followed by a reopening, so it is not the close). `undefined`
   * for a deal that is open now (also when it was closed once and reopened).
   */
  readonly closedAt: number | undefined;
  readonly expectedCloseAt: number | undefined;
  /** Moves into stages, sorted by instant; at equal instants open stages first, in pipeline order, then won and lost (`compareStageMoves`). */
  readonly history: readonly PreparedStageMove[];
  /**
   * When the deal entered its current state: the move into its current stage (recorded, or
   * implied when the history does not end there: at `closedAt` for a closed deal, at the last
   * move for an open one), else its creation (open) or close. For a closed deal it equals
   * `closedAt`. As of any instant after it, the deal is in its current state, so as-of
   * snapshots need not search the history.
   */
  readonly currentSince: number;
  /**
   * `amountHistory` sorted by instant (entries at the same instant keep their input order, the
   * later one wins); `undefined` when not given.
   */
  readonly amountHistory?: readonly PreparedAmountChange[] | undefined;
  /** `expectedCloseHistory` sorted like `amountHistory`; `undefined` when not given. */
  readonly expectedCloseHistory?: readonly PreparedExpectedCloseChange[] | undefined;
}

/** An activity after preparation. */
export interface PreparedActivity {
  readonly index: number;
  readonly id: string | undefined;
  readonly owner: string;
  readonly team: string | undefined;
  readonly type: string;
  readonly at: number;
  readonly quantity: number;
}

/** A lead after preparation: the first instant it reached each step. */
export interface PreparedLead {
  readonly index: number;
  readonly id: string;
  readonly owner: string | undefined;
  readonly team: string | undefined;
  readonly source: string | undefined;
  readonly createdAt: number;
  readonly reached: ReadonlyMap<string, number>;
  readonly returnedAt: number | undefined;
}

/** A rep of the roster after preparation. */
export interface PreparedRep {
  readonly index: number;
  readonly id: string;
  readonly name: string | undefined;
  readonly team: string | undefined;
  readonly startedAt: number | undefined;
  readonly leftAt: number | undefined;
}

/** The collections of a {@link KpiData} bag. */
export type KpiCollection = "reps" | "deals" | "activities" | "leads";

/** A row left out of the computation, with why. */
export interface SkippedRow {
  readonly collection: KpiCollection;
  readonly index: number;
  /** Paths and messages of the problems, e.g. `deals[3].amount: expected a decimal string or number`. */
  readonly reasons: readonly string[];
}

/**
 * The data `prepareKpiData` produced, and only that: a module-private set, so prepared data
 * cannot be forged (a global `Symbol.for` marker could be set on any object) and a copy of it
 * (spread, structuredClone, JSON) is raw data again.
 */
const preparedData = new WeakSet<object>();

/** The parts prepared data is made of: all but the activity rows (made from the columns). */
export type PreparedParts = Pick<PreparedData, "calendar" | "pipeline" | "reps" | "deals" | "activityColumns" | "leads" | "skipped">;

/**
 * Prepared data from its parts, branded as prepared (only preparation and {@link withRows}
 * call it). The activities are held as columns; `activities`, the rows as objects, is made
 * from them on first read (most work never reads it). `activityColumns` is not enumerable, so
 * a copy of prepared data (spread, JSON) looks like a bag of rows, as before.
 */
export function makePrepared(parts: PreparedParts): PreparedData {
  const { calendar, pipeline, reps, deals, activityColumns: columns, leads, skipped } = parts;
  const data = {
    calendar,
    pipeline,
    reps,
    deals,
    get activities(): readonly PreparedActivity[] {
      return activityRows(columns);
    },
    leads,
    skipped,
  };
  Object.defineProperty(data, "activityColumns", { value: columns, enumerable: false });
  preparedData.add(data);
  return data as unknown as PreparedData;
}

/**
 * Prepared data with some collections replaced (say, one owner's deals), still prepared: for
 * inner code that narrows prepared data down. The rows must come from `data` itself.
 */
export function withRows(data: PreparedData, rows: Partial<Pick<PreparedData, "deals" | "activityColumns" | "leads" | "reps">>): PreparedData {
  // Only the prepared fields: keys someone added to the object are not carried into the copy.
  return makePrepared({
    calendar: data.calendar,
    pipeline: data.pipeline,
    reps: rows.reps ?? data.reps,
    deals: rows.deals ?? data.deals,
    activityColumns: rows.activityColumns ?? data.activityColumns,
    leads: rows.leads ?? data.leads,
    skipped: data.skipped,
  });
}

/** Brand of the type: only values from `prepareKpiData` have it. */
declare const preparedBrand: unique symbol;

/**
 * Data validated and normalised once by `prepareKpiData`: every function accepts it in
 * place of raw data and skips the work. Opaque: its layout is the library's own (and may
 * change between versions); read what is in it with `profileKpiData`.
 */
export interface PreparedKpiData {
  readonly [preparedBrand]: true;
  /** The calendar its instants were read in; every function given this data uses it. */
  readonly calendar: KpiCalendar;
  /** Rows left out because they were invalid and `invalidRows: "skip"` was asked. */
  readonly skipped: readonly SkippedRow[];
}

/** Prepared data as inner code reads it (never part of the public types). */
export interface PreparedData extends PreparedKpiData {
  readonly pipeline: PreparedPipeline | undefined;
  readonly reps: readonly PreparedRep[];
  /** Every prepared deal is a {@link DealRow}: its history is a run in preparation's move columns. */
  readonly deals: readonly DealRow[];
  /** The activities as columns: what every activity pass reads. */
  readonly activityColumns: ActivityColumns;
  /** The activities as row objects, made from `activityColumns` on first read. */
  readonly activities: readonly PreparedActivity[];
  readonly leads: readonly PreparedLead[];
}

/** The inner form of prepared data (a type-level view: prepared data is always this). */
export function preparedRows(data: PreparedKpiData): PreparedData {
  return data as PreparedData;
}

/**
 * True when `value` is data that `prepareKpiData` returned (the very object, not a copy).
 *
 * @example
 * isPrepared(prepareKpiData({})); //=> true
 * isPrepared({ ...prepareKpiData({}) }); //=> false
 */
export function isPrepared(value: unknown): value is PreparedKpiData {
  return typeof value === "object" && value !== null && preparedData.has(value);
}
