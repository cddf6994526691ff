// Internal: prepared deals as columns — typed arrays of instants, current states, amounts at
// one shared scale, and dictionary codes for owner, team, product, source and currency —
// built once per prepared array, so passes over the deals read numbers, not row
// objects. The states as of an instant are columns too (`dealStatesAsOf`).
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { StageOutcome } from "./pipeline.js";
import { type Dictionary, DictionaryBuilder } from "./dictionary.js";
import type { DealRow } from "./deal-row.js";
import type { StageMoveColumns } from "./stage-moves.js";

/** Status codes of the state columns: not created yet, open, won, lost. */
export const NOT_CREATED = 0;
export const OPEN = 1;
export const WON = 2;
export const LOST = 3;
/** The status code of a stage outcome (a deal in that stage). */
export function statusCode(outcome: StageOutcome): number {
  return outcome === "open" ? OPEN : outcome === "won" ? WON : LOST;
}
/** The status a code stands for. */
export const STATUS_NAMES = ["not-created", "open", "won", "lost"] as const;

/** Deals as columns. */
export interface DealColumns {
  readonly length: number;
  readonly createdAt: Float64Array;
  /** The earliest `createdAt` (+∞ without deals); {@link dealsStartMs} reads it as of an instant. */
  readonly firstCreatedAt: number;
  /** When each deal entered its current state (`PreparedDeal.currentSince`). */
  readonly currentSince: Float64Array;
  /** Current status code (OPEN, WON or LOST). */
  readonly currentStatus: Uint8Array;
  /** Current stage: its position in the pipeline (`PreparedStage.index`). */
  readonly currentStage: Int32Array;
  /** 1 when the deal has its own probability (it wins over its stage's). */
  readonly ownProbability: Uint8Array;
  /** 1 when the deal has a recorded stage history. */
  readonly hasHistory: Uint8Array;
  readonly owner: Dictionary;
  /** The row's team, else the owner's team in the roster (`PreparedDeal.team`). */
  readonly team: Dictionary;
  readonly product: Dictionary;
  readonly source: Dictionary;
  readonly currency: Dictionary;
  /** The accounts' dictionary, built on first use (many distinct values; only distinct-account measures read it). */
  account(): Dictionary;
  /**
   * Each amount as `amountUnits[i] × 10^-amountScale`; NaN when the deal has no amount. Only
   * meaningful when `amountsExact`.
   */
  readonly amountUnits: Float64Array;
  readonly amountScale: number;
  /**
   * True when every amount has such a form and the sum of their absolute values is a safe
   * integer: then every float sum of a subset of `amountUnits` is exact (no rounding ever).
   */
  readonly amountsExact: boolean;
}

/**
 * The first instant the deals cover as of `asOfMs` (exclusive; `undefined`: now): the earliest
 * `createdAt` before it, or `undefined` when no deal was created by then. Deals created later
 * are not there yet, and the earliest of all is before `asOfMs` whenever any deal is.
 */
export function dealsStartMs(columns: DealColumns, asOfMs: number | undefined): number | undefined {
  const first = columns.firstCreatedAt;
  return first === Number.POSITIVE_INFINITY || (asOfMs !== undefined && !(first < asOfMs)) ? undefined : first;
}

/**
 * The instant of the implied move into a deal's current stage when its history does not end
 * there: its `closedAt` for a closed deal (not before the last recorded move), else the last
 * recorded move; `undefined` when the history ends in the current stage (or is empty).
 */
export function impliedMoveAt(deal: DealRow): number | undefined {
  const lastStage = deal.lastMoveStage;
  if (lastStage === undefined || lastStage === deal.stage) return undefined;
  const lastAt = deal.lastMoveAt;
  if (deal.stage.outcome !== "open" && deal.closedAt !== undefined) return Math.max(deal.closedAt, lastAt);
  return lastAt;
}

const columnsOf = new WeakMap<readonly DealRow[], DealColumns>();

/** The columns of `deals`, built once per array. */
export function dealColumns(deals: readonly DealRow[]): DealColumns {
  const known = columnsOf.get(deals);
  if (known !== undefined) return known;
  const length = deals.length;
  const createdAt = new Float64Array(length);
  const currentSince = new Float64Array(length);
  const currentStatus = new Uint8Array(length);
  const currentStage = new Int32Array(length);
  const ownProbability = new Uint8Array(length);
  const hasHistory = new Uint8Array(length);
  const owner = new DictionaryBuilder(length);
  const team = new DictionaryBuilder(length);
  const product = new DictionaryBuilder(length);
  const source = new DictionaryBuilder(length);
  const currency = new DictionaryBuilder(length);
  let amountScale = 0;
  let amountsExact = true;
  let firstCreatedAt = Number.POSITIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const deal = deals[i] as DealRow;
    createdAt[i] = deal.createdAt;
    if (deal.createdAt < firstCreatedAt) firstCreatedAt = deal.createdAt;
    currentSince[i] = deal.currentSince;
    currentStatus[i] = statusCode(deal.stage.outcome);
    currentStage[i] = deal.stage.index;
    ownProbability[i] = deal.probability === undefined ? 0 : 1;
    hasHistory[i] = deal.historyLength === 0 ? 0 : 1;
    owner.set(i, deal.owner);
    team.set(i, deal.team);
    product.set(i, deal.product);
    source.set(i, deal.source);
    currency.set(i, deal.currency);
    if (deal.hasAmount) {
      if (deal.amountUnits === undefined) amountsExact = false;
      else if (deal.amountScale > amountScale) amountScale = deal.amountScale;
    }
  }
  const amountUnits = new Float64Array(length);
  const powers = Array.from({ length: amountScale + 1 }, (_, k) => 10 ** k);
  let absoluteTotal = 0;
  for (let i = 0; i < length && amountsExact; i++) {
    const deal = deals[i] as DealRow;
    if (!deal.hasAmount) {
      amountUnits[i] = Number.NaN;
      continue;
    }
    // Exact: a safe integer times a power of ten up to 10^22, checked to stay safe.
    const units = (deal.amountUnits as number) * (powers[amountScale - deal.amountScale] as number);
    absoluteTotal += Math.abs(units);
    if (!Number.isSafeInteger(units) || !(absoluteTotal <= Number.MAX_SAFE_INTEGER)) amountsExact = false;
    amountUnits[i] = units;
  }
  let accounts: Dictionary | undefined;
  const columns: DealColumns = {
    length,
    createdAt,
    firstCreatedAt,
    currentSince,
    currentStatus,
    currentStage,
    ownProbability,
    hasHistory,
    owner: owner.done(),
    team: team.done(),
    product: product.done(),
    source: source.done(),
    currency: currency.done(),
    account() {
      if (accounts === undefined) {
        const builder = new DictionaryBuilder(length);
        for (let i = 0; i < length; i++) builder.set(i, (deals[i] as DealRow).account);
        accounts = builder.done();
      }
      return accounts;
    },
    amountUnits,
    amountScale,
    amountsExact,
  };
  columnsOf.set(deals, columns);
  return columns;
}

/** The deals' stage histories as columns, for passes that read past states (`readStateAsOf`). */
export interface DealHistory {
  /** Deal `i`'s moves are `historyStart[i]` to `historyStart[i + 1] - 1`, sorted as `history`. */
  readonly historyStart: Int32Array;
  readonly moveAt: Float64Array;
  /** The stage of each move (its pipeline position). */
  readonly moveStage: Int32Array;
  /** The implied move into the current stage when the history does not end there ({@link impliedMoveAt}); NaN when none. */
  readonly impliedAt: Float64Array;
}

const historyOf = new WeakMap<readonly DealRow[], DealHistory>();

/**
 * The stage histories of `deals` as columns, built once per array (preparation builds the
 * prepared deals' own). Deals from preparation hold their moves in its move columns already:
 * for the prepared array itself, whose runs follow one another, those columns are used as
 * they are (nothing is copied); a narrowed-down array (one team's deals) gets its runs copied.
 */
export function dealHistory(deals: readonly DealRow[]): DealHistory {
  const known = historyOf.get(deals);
  if (known !== undefined) return known;
  const length = deals.length;
  const historyStart = new Int32Array(length + 1);
  const impliedAt = new Float64Array(length);
  // One pass for the offsets, and to see whether the runs are one stretch of shared columns.
  let shared: StageMoveColumns | undefined;
  let base = 0;
  let contiguous = true;
  let moves = 0;
  for (let i = 0; i < length; i++) {
    const deal = deals[i] as DealRow;
    historyStart[i] = moves;
    moves += deal.historyLength;
    impliedAt[i] = impliedMoveAt(deal) ?? Number.NaN;
    if (!contiguous) continue;
    if (shared === undefined) {
      shared = deal.historyColumns;
      base = deal.historyFrom;
    }
    if (deal.historyColumns !== shared || deal.historyFrom !== base + (historyStart[i] as number)) contiguous = false;
  }
  historyStart[length] = moves;
  let moveAt: Float64Array;
  let moveStage: Int32Array;
  if (contiguous && shared !== undefined) {
    moveAt = shared.at.subarray(base, base + moves);
    moveStage = shared.stage.subarray(base, base + moves);
  } else {
    moveAt = new Float64Array(moves);
    moveStage = new Int32Array(moves);
    for (let i = 0; i < length; i++) {
      const deal = deals[i] as DealRow;
      const from = deal.historyFrom;
      const to = from + deal.historyLength;
      moveAt.set(deal.historyColumns.at.subarray(from, to), historyStart[i] as number);
      moveStage.set(deal.historyColumns.stage.subarray(from, to), historyStart[i] as number);
    }
  }
  const history: DealHistory = { historyStart, moveAt, moveStage, impliedAt };
  historyOf.set(deals, history);
  return history;
}

/** Stands for "no currency" among the currencies a sum saw. */
const NO_CURRENCY = "(none)";

/** One mark per currency code of the deal columns, at code + 1 (`[0]`: deals without a currency); set with {@link markCurrency}. */
export function currencyMarks(columns: DealColumns): Uint8Array {
  return new Uint8Array(columns.currency.values.length + 1);
}

/** Marks the currency of deal `i` as summed. */
export function markCurrency(marks: Uint8Array, columns: DealColumns, i: number): void {
  marks[(columns.currency.codes[i] as number) + 1] = 1;
}

/** The currencies marked, sorted ("(none)" for deals without one). */
export function markedCurrencies(marks: Uint8Array, columns: DealColumns): string[] {
  const out: string[] = [];
  marks.forEach((used, code) => {
    if (used === 1) out.push(code === 0 ? NO_CURRENCY : (columns.currency.values[code - 1] as string));
  });
  return out.sort();
}

/**
 * The one currency of the deals a sum saw (`deal.currency ?? "(none)"` each): `undefined` when
 * none or only deals without one; a KpiDefinitionError `"mixed-currencies"` at `path` for two
 * or more — never a mixed sum.
 */
export function oneCurrency(currencies: Iterable<string>, path: readonly string[]): string | undefined {
  const sorted = [...new Set(currencies)].sort();
  if (sorted.length > 1) throw definitionError("mixed-currencies", path, messages.measureMixedCurrencies(sorted));
  return sorted[0] === NO_CURRENCY ? undefined : sorted[0];
}

/** The dictionary of a breakdown field of deals (owner, team, product, source); `undefined` for any other field. */
export function dealFieldDictionary(columns: DealColumns, field: string): Dictionary | undefined {
  return field === "owner" || field === "team" || field === "product" || field === "source" ? columns[field] : undefined;
}

/** The deals' states as of an instant, as columns (same positions as the deals). */
export interface DealStateColumns {
  /** NOT_CREATED, OPEN, WON or LOST. */
  readonly status: Uint8Array;
  /** When the deal entered the state (for won and lost: its effective close); its creation when not created. */
  readonly since: Float64Array;
  /** The stage's position in the pipeline; -1 when not created. */
  readonly stage: Int32Array;
  /** 1 when the stage is an assumption (`DealStateAt.stageAssumed`). */
  readonly assumed: Uint8Array;
}
