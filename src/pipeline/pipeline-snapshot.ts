import { z } from "zod";
import type { KpiDecimal } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { type ExactSum, createExactSum, MAX_FAST_SCALE, toScaledInteger } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { PipelineSchema, type Pipeline } from "../model/pipeline.js";
import type { PreparedDeal, PreparedData, PreparedStage } from "../model/prepared.js";
import { type KpiCalendarInput, KpiCalendarSchema } from "../time/calendar.js";
import { type InstantInput, InstantSchema, parseAsOf } from "../time/instant.js";
import { addLocalDays } from "../time/local-days.js";
import { type CurrencyConverter, type CurrencyOptions, CurrencyOptionsSchema, createCurrencyConverter } from "./currency-conversion.js";
import { amountAsOf } from "./deal-history-as-of.js";
import { createAmountReader, type MissingAmount, MissingAmountSchema } from "./deal-amount.js";
import { dealColumns, type DealHistory, dealHistory, LOST, OPEN, WON } from "../model/deal-columns.js";
import { type DealStateAt, dealStateAsOf, firstOpenPosition, readStateAsOf, stateCodes } from "../model/deal-state-at.js";
import { type PipelineDealsInput, prepareDeals, type SkippedDeal, skippedInPreparation } from "./deal-input.js";
import { isoInCalendar } from "./deal-period.js";
import type { DealRow } from "../model/deal-row.js";

/** Options shared by every pipeline function. */
export interface PipelineBaseOptions extends CurrencyOptions {
  /** The pipeline, when the first argument is raw deals (prepared data carries its own). */
  readonly pipeline?: Pipeline;
  /** Calendar that date-only values are read in. Default UTC. */
  readonly calendar?: KpiCalendarInput;
  /** Exclusive instant the pipeline is looked at (date-only = end of that local day). Default: the current state. */
  readonly asOf?: InstantInput;
  /** What to do with a deal that has no amount. Default `"error"`. */
  readonly missingAmount?: MissingAmount;
}

/** Schema of {@link PipelineBaseOptions}. */
export const PipelineBaseOptionsSchema = CurrencyOptionsSchema.extend({
  pipeline: PipelineSchema.optional(),
  calendar: KpiCalendarSchema.partial().optional(),
  asOf: InstantSchema.optional(),
  missingAmount: MissingAmountSchema.optional(),
});

/** Parsed context every pipeline function starts from. */
export interface PipelineContext {
  readonly data: PreparedData;
  readonly asOfMs: number | undefined;
  readonly asOf: string | undefined;
  readonly converter: CurrencyConverter;
  readonly readAmount: ReturnType<typeof createAmountReader>;
  readonly skipped: SkippedDeal[];
}

/** Validates the options with `schema`, prepares the deals and builds the shared context. */
export function pipelineContext(input: PipelineDealsInput, options: PipelineBaseOptions, schema: z.ZodType): PipelineContext {
  parseOptions(schema, options);
  const data = prepareDeals(input, options);
  const asOfMs = options.asOf === undefined ? undefined : parseAsOf(options.asOf, data.calendar);
  return {
    data,
    asOfMs,
    asOf: asOfMs === undefined ? undefined : isoInCalendar(asOfMs, data.calendar),
    converter: createCurrencyConverter(options),
    readAmount: createAmountReader(options.missingAmount),
    skipped: skippedInPreparation(data),
  };
}

/** Sorts skipped deals by input position (deterministic output). */
export function sortedSkipped(skipped: readonly SkippedDeal[]): SkippedDeal[] {
  return [...skipped].sort((a, b) => a.index - b.index);
}

/** One group of a pipeline snapshot. */
export interface PipelineGroupTotals {
  /** Weighted value (Σ amount × probability) for weighted results, else the plain value. */
  readonly total: KpiDecimal;
  /** Σ amount. */
  readonly unweightedTotal: KpiDecimal;
  readonly dealCount: number;
}

/** Pipeline value of one stage. */
export interface PipelineStageTotals extends PipelineGroupTotals {
  readonly stage: string;
  readonly label: string | undefined;
  /** The stage's probability (deals may override it with their own). */
  readonly probability: KpiDecimal;
}
/** Pipeline value of one owner. */
export interface PipelineOwnerTotals extends PipelineGroupTotals {
  readonly owner: string;
}
/** Pipeline value of one team (`team: undefined` = deals without a team). */
export interface PipelineTeamTotals extends PipelineGroupTotals {
  readonly team: string | undefined;
}

/** What a pass over the deals at one instant found. */
export interface PipelineSnapshot {
  readonly total: KpiDecimal;
  readonly unweightedTotal: KpiDecimal;
  readonly dealCount: number;
  readonly byStage: PipelineStageTotals[];
  readonly byOwner: PipelineOwnerTotals[];
  readonly byTeam: PipelineTeamTotals[];
  readonly won: { readonly total: KpiDecimal; readonly dealCount: number };
  readonly lostCount: number;
  readonly dealsWithoutHistory: number;
  readonly dealsWithAssumedStage: number;
  /** Ids of open deals without a stage move (or creation) in the stale window, sorted. */
  readonly staleDealIds: string[];
}

interface Cell {
  readonly stageIndex: number;
  readonly owner: string;
  readonly team: string | undefined;
  readonly weighted: ExactSum;
  readonly plain: ExactSum;
  count: number;
}

/** Numbers (owner, team) groups as they are met: two Map lookups per deal, no string building. */
function createGroupIds(): (owner: string, team: string | undefined) => number {
  const byOwner = new Map<string, Map<string | undefined, number>>();
  let next = 0;
  return (owner, team) => {
    let teams = byOwner.get(owner);
    if (teams === undefined) byOwner.set(owner, (teams = new Map()));
    let id = teams.get(team);
    if (id === undefined) teams.set(team, (id = next++));
    return id;
  };
}

/** A rate as `units × 10^-scale`; identity is `{ units: 1, scale: 0 }`. */
interface ScaledRate {
  readonly units: number;
  readonly scale: number;
}

/**
 * Per currency code of the deal columns (shifted by one: `[0]` is a deal without currency), the
 * fixed rate the converter multiplies by, as a scaled integer; `undefined` entries convert
 * through the converter (a dated or missing rate). `undefined` altogether when the deals'
 * currencies need the converter's own checks (several currencies and no target currency).
 */
function scaledRates(deals: readonly DealRow[], converter: CurrencyConverter): ReadonlyArray<ScaledRate | undefined> | undefined {
  const { values: currencies, codes } = dealColumns(deals).currency;
  const identity: ScaledRate = { units: 1, scale: 0 };
  if (converter.target === undefined) {
    // Amounts are not converted, but a second currency is an error the converter words.
    if (currencies.length + (codes.includes(-1) ? 1 : 0) > 1) return undefined;
    return [identity, ...currencies.map(() => identity)];
  }
  const rateOf = (currency: string | undefined): ScaledRate | undefined => {
    const rate = converter.fixedRate(currency);
    if (rate === undefined) return undefined;
    if (rate === null) return identity;
    const scaled = toScaledInteger(rate.toFixed());
    return scaled === undefined || scaled.units === 0 ? undefined : scaled;
  };
  return [rateOf(undefined), ...currencies.map(rateOf)];
}

/** Options of one snapshot pass. */
export interface SnapshotPass {
  readonly weighted: boolean;
  /** Open deals without a move or creation at or after this instant are stale. */
  readonly staleBeforeMs?: number | undefined;
  /** Keeps only the open deals for which this is true (forecast: expected close in period). */
  readonly includeOpen?: ((deal: PreparedDeal, state: DealStateAt) => boolean) | undefined;
  /** Also sum won deals (reported separately). Default true. */
  readonly sumWon?: boolean;
  /**
   * Stage probabilities that replace the pipeline's, by stage index (calibrated ones); a
   * deal's own `probability` still wins. `undefined` entries keep the pipeline's.
   */
  readonly stageProbabilities?: ReadonlyArray<KpiDecimal | undefined> | undefined;
  /** Read each open deal's amount as of `asOf` from its `amountHistory` (backtests); default: the row's amount. */
  readonly amountsAsOf?: boolean | undefined;
}

/** The instant before which an open deal's last move makes it stale; needs `asOf`. */
export function staleBefore(asOfMs: number | undefined, staleAfterDays: number | undefined, context: PipelineContext): number | undefined {
  if (staleAfterDays === undefined) return undefined;
  if (asOfMs === undefined) throw definitionError("invalid-option", ["asOf"], messages.staleNeedsAsOf);
  return addLocalDays(asOfMs, -staleAfterDays, context.data.calendar.timeZone);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One pass over the deals: the state of each at `asOf` (binary search in its history), its
 * amount converted (open deals at `asOf`, won deals at their close) and, for open deals,
 * amount × (deal.probability ?? stage probability) added to one cell per (stage, owner, team).
 * Groups are rolled up from the cells, so every total is an exact sum of per-deal values.
 * O(n log h) for n deals with histories of up to h moves.
 */
export function pipelineSnapshot(context: PipelineContext, pass: SnapshotPass): PipelineSnapshot {
  const { data, asOfMs, converter, readAmount, skipped } = context;
  const pipeline = data.pipeline;
  const groupId = createGroupIds();
  const stageCount = pipeline?.stages.length ?? 0;
  const cells: Array<Cell | undefined> = [];
  const won = createExactSum();
  let wonCount = 0;
  let lostCount = 0;
  let withoutHistory = 0;
  let assumed = 0;
  const stale: string[] = [];
  const sumWon = pass.sumWon ?? true;
  /** Adds a won deal's amount (converted at its close) to `won`; false when it has none and is skipped. */
  const addWon = (deal: PreparedDeal, closedAt: number): boolean => {
    let raw = deal.amount;
    if (raw === undefined) {
      const read = readAmount(deal);
      if ("skipReason" in read) {
        skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
        return false;
      }
      raw = read.amount;
    }
    const amount = converter.convert(deal, raw, closedAt);
    const units = amount === deal.amount ? deal.amountUnits : undefined;
    if (units === undefined) won.add(amount);
    else won.addScaled(units, deal.amountScale);
    return true;
  };
  /** Adds an open deal in `stage` (entered at `since`) to its cell; false when it has no amount and is skipped. */
  const addOpen = (deal: PreparedDeal, stage: PreparedStage, since: number, stageAssumed: boolean): void => {
    let raw = pass.amountsAsOf === true && asOfMs !== undefined ? amountAsOf(deal, asOfMs) : deal.amount;
    if (raw === undefined) {
      const read = readAmount(deal);
      if ("skipReason" in read) {
        skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
        return;
      }
      raw = read.amount;
    }
    const amount = converter.convert(deal, raw, asOfMs);
    const cell = cellOf(deal, stage);
    // Fast path: the amount as pre-parsed scaled integers (when it was not converted), times
    // the probability as one; exactly the Decimal product (see ExactSum).
    const units = amount === deal.amount ? deal.amountUnits : undefined;
    const replaced = deal.probability === undefined ? pass.stageProbabilities?.[stage.index] : undefined;
    if (replaced !== undefined) {
      cell.plain.add(amount);
      if (pass.weighted) cell.weighted.addProduct(amount, replaced);
    } else if (units === undefined) {
      cell.plain.add(amount);
      if (pass.weighted) cell.weighted.addProduct(amount, deal.probability ?? stage.probability);
    } else {
      cell.plain.addScaled(units, deal.amountScale);
      if (pass.weighted) {
        const own = deal.probability !== undefined;
        const probabilityUnits = own ? deal.probabilityUnits : stage.probabilityUnits;
        if (probabilityUnits === undefined) cell.weighted.addProduct(amount, deal.probability ?? stage.probability);
        else cell.weighted.addScaledProduct(units, deal.amountScale, probabilityUnits, own ? deal.probabilityScale : stage.probabilityScale);
      }
    }
    countOpen(cell, deal, deal.history.length === 0, since, stageAssumed);
  };
  const cellOf = (deal: PreparedDeal, stage: PreparedStage): Cell => {
    const key = groupId(deal.owner, deal.team) * stageCount + stage.index;
    let cell = cells[key];
    if (cell === undefined) {
      cell = { stageIndex: stage.index, owner: deal.owner, team: deal.team, weighted: createExactSum(), plain: createExactSum(), count: 0 };
      cells[key] = cell;
    }
    return cell;
  };
  /** Counts an open deal in its cell and in the notes (its fields are read only when it is stale). */
  const countOpen = (cell: Cell, deal: PreparedDeal, noHistory: boolean, since: number, stageAssumed: boolean): void => {
    cell.count++;
    if (noHistory) withoutHistory++;
    if (stageAssumed) assumed++;
    if (pass.staleBeforeMs !== undefined && since < pass.staleBeforeMs) stale.push(deal.id);
  };
  /** Adds a deal in the state `state` as of asOf (not-created deals are never passed). */
  const addDeal = (deal: PreparedDeal, state: DealStateAt): void => {
    if (state.status === "lost") {
      lostCount++;
      return;
    }
    if (state.status === "won") {
      if (sumWon && addWon(deal, state.since)) wonCount++;
      return;
    }
    if (state.status !== "open" || state.stage === undefined) return;
    if (pass.includeOpen !== undefined && !pass.includeOpen(deal, state)) return;
    addOpen(deal, state.stage, state.since, state.stageAssumed);
  };
  const rates = pipeline === undefined || pass.includeOpen !== undefined || pass.stageProbabilities !== undefined ? undefined : scaledRates(data.deals, converter);
  if (pipeline !== undefined && rates !== undefined) {
    // Over the deal columns: a deal settled in its current state by asOf, with an amount that
    // converts at a fixed rate, is added from numbers; any other goes through addDeal.
    const deals = data.deals;
    const columns = dealColumns(deals);
    const { createdAt, currentSince, currentStatus, currentStage, amountUnits, amountScale, amountsExact } = columns;
    const currencyCodes = columns.currency.codes;
    const [open, won_, lost] = [OPEN, WON, LOST];
    const stages = pipeline.stages;
    const fromColumns = amountsExact && pass.amountsAsOf !== true;
    const { ownProbability, hasHistory } = columns;
    const ownerCodes = columns.owner.codes;
    const teamCodes = columns.team.codes;
    const teamCount = columns.team.values.length + 1;
    // The (owner, team) group number of each code pair, found once (the numbering the row path uses).
    const groupIds = new Int32Array(columns.owner.values.length * teamCount).fill(-1);
    const groupOf = (i: number): number => {
      const pair = (ownerCodes[i] as number) * teamCount + (teamCodes[i] as number) + 1;
      let id = groupIds[pair] as number;
      if (id < 0) {
        const deal = deals[i] as PreparedDeal;
        id = groupId(deal.owner, deal.team);
        groupIds[pair] = id;
      }
      return id;
    };
    const firstOpen = firstOpenPosition(pipeline);
    const read = stateCodes();
    let history: DealHistory | undefined;
    // The first deal added from numbers: shown to the converter once, as the row path shows each.
    let firstFast = -1;
    for (let i = 0; i < deals.length; i++) {
      if (asOfMs !== undefined && !((createdAt[i] as number) < asOfMs)) continue;
      let since = currentSince[i] as number;
      let status = currentStatus[i] as number;
      let stageIndex = currentStage[i] as number;
      let assumedStage = false;
      if (asOfMs !== undefined && !(asOfMs > since)) {
        readStateAsOf(columns, (history ??= dealHistory(deals)), i, asOfMs, firstOpen, pipeline, read);
        status = read.status;
        stageIndex = read.stage;
        since = read.since;
        assumedStage = read.assumed;
      }
      if (status === lost) {
        lostCount++;
        continue;
      }
      const units = amountUnits[i] as number;
      const rate = rates[(currencyCodes[i] as number) + 1];
      const converted = fromColumns && units === units && rate !== undefined ? units * rate.units : Number.NaN;
      const scale = amountScale + (rate?.scale ?? 0);
      const exact = Number.isSafeInteger(converted) && scale <= MAX_FAST_SCALE;
      if (status === won_) {
        if (!sumWon) continue;
        if (exact) {
          won.addScaled(converted, scale);
          wonCount++;
          if (firstFast < 0) firstFast = i;
        } else if (addWon(deals[i] as PreparedDeal, since)) wonCount++;
        continue;
      }
      if (status !== open) continue;
      const stage = stages[stageIndex] as PreparedStage;
      if (!exact || ownProbability[i] === 1 || stage.probabilityUnits === undefined) {
        addOpen(deals[i] as PreparedDeal, stage, since, assumedStage);
        continue;
      }
      if (firstFast < 0) firstFast = i;
      const key = groupOf(i) * stageCount + stageIndex;
      const cell = cells[key] ?? cellOf(deals[i] as PreparedDeal, stage);
      cell.plain.addScaled(converted, scale);
      if (pass.weighted) cell.weighted.addScaledProduct(converted, scale, stage.probabilityUnits, stage.probabilityScale);
      countOpen(cell, deals[i] as PreparedDeal, hasHistory[i] === 0, since, assumedStage);
    }
    const first = deals[firstFast];
    if (first?.amount !== undefined) converter.convert(first, first.amount, asOfMs);
  } else if (pipeline !== undefined) {
    for (const deal of data.deals) {
      // Most deals are either not created yet or settled in their current state by asOf:
      // answer those from two prepared fields, without a state object (dealStateAsOf agrees).
      if (asOfMs !== undefined && !(deal.createdAt < asOfMs)) continue;
      const settled = asOfMs === undefined || asOfMs > deal.currentSince;
      if (settled && deal.stage.outcome === "lost") {
        lostCount++;
        continue;
      }
      if (settled && deal.stage.outcome === "won") {
        if (sumWon && addWon(deal, deal.currentSince)) wonCount++;
        continue;
      }
      addDeal(deal, settled ? { status: deal.stage.outcome, stage: deal.stage, since: deal.currentSince, stageAssumed: false } : dealStateAsOf(deal, asOfMs, pipeline));
    }
  }

  interface Acc {
    weighted: ExactSum;
    plain: ExactSum;
    count: number;
  }
  const newAcc = (): Acc => ({ weighted: createExactSum(), plain: createExactSum(), count: 0 });
  const stageAcc = new Map<number, Acc>();
  const ownerAcc = new Map<string, Acc>();
  const teamAcc = new Map<string | undefined, Acc>();
  for (const stage of pipeline?.stages ?? []) if (stage.outcome === "open") stageAcc.set(stage.index, newAcc());
  for (const rep of data.reps) {
    ownerAcc.set(rep.id, newAcc());
    if (rep.team !== undefined) teamAcc.set(rep.team, newAcc());
  }
  const total = newAcc();
  for (const cell of cells) {
    if (cell === undefined) continue;
    const targets: Acc[] = [total];
    let s = stageAcc.get(cell.stageIndex);
    if (s === undefined) stageAcc.set(cell.stageIndex, (s = newAcc()));
    let o = ownerAcc.get(cell.owner);
    if (o === undefined) ownerAcc.set(cell.owner, (o = newAcc()));
    let t = teamAcc.get(cell.team);
    if (t === undefined) teamAcc.set(cell.team, (t = newAcc()));
    targets.push(s, o, t);
    for (const acc of targets) {
      // Roll the exact running sums up as they are: no Decimal per cell.
      acc.weighted.addSum(cell.weighted);
      acc.plain.addSum(cell.plain);
      acc.count += cell.count;
    }
  }
  const totals = (acc: Acc): PipelineGroupTotals => {
    const unweightedTotal = acc.plain.value();
    return { total: pass.weighted ? acc.weighted.value() : unweightedTotal, unweightedTotal, dealCount: acc.count };
  };
  const stages = pipeline?.stages ?? [];
  const byStage: PipelineStageTotals[] = [...stageAcc.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, acc]) => {
      const stage = stages[index] as PreparedStage;
      return { stage: stage.id, label: stage.label, probability: pass.stageProbabilities?.[index] ?? stage.probability, ...totals(acc) };
    });
  const byOwner: PipelineOwnerTotals[] = [...ownerAcc.entries()]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([owner, acc]) => ({ owner, ...totals(acc) }));
  const byTeam: PipelineTeamTotals[] = [...teamAcc.entries()]
    .sort((a, b) => (a[0] === undefined ? 1 : b[0] === undefined ? -1 : compareText(a[0], b[0])))
    .map(([team, acc]) => ({ team, ...totals(acc) }));
  const all = totals(total);
  return {
    total: all.total,
    unweightedTotal: all.unweightedTotal,
    dealCount: all.dealCount,
    byStage,
    byOwner,
    byTeam,
    won: { total: won.value(), dealCount: wonCount },
    lostCount,
    dealsWithoutHistory: withoutHistory,
    dealsWithAssumedStage: assumed,
    staleDealIds: stale.sort(compareText),
  };
}
