// Internal: the pipeline at the end of each period (plain and weighted), as of `asOf`, in one
// pass over the deal columns shared by both pipeline KPIs: a deal settled in its current state
// before a period's end is read from numbers, any other from its history (`dealStateAsOf`).
import { customIssue, KpiInputError, type KpiIssue } from "../../core/errors.js";
import { createExactSum, type ExactSum, MAX_FAST_SCALE, POW10 } from "../../core/exact-sum.js";
import { MemoPerObject } from "../../core/memo-per-object.js";
import { messages } from "../../core/messages.js";
import { lastIndexAtOrBefore } from "../../core/sorted-search.js";
import { keyedCells } from "../../measure/grouped-cells.js";
import type { CodedGroups } from "../../measure/coded-groups.js";
import { currencyMarks, type DealColumns, dealColumns, type DealHistory, dealHistory, type DealStateColumns, markCurrency, markedCurrencies, OPEN, oneCurrency } from "../../model/deal-columns.js";
import { dealStatesAsOf, firstOpenPosition, readStateAsOf, stateCodes } from "../../model/deal-state-at.js";
import type { PreparedStage } from "../../model/prepared.js";
import { dealGroups } from "./closed-deals.js";
import type { BuiltinContext, BuiltinEvaluator } from "./context.js";
import type { KpiDecimal } from "../../core/decimal.js";
import type { DealRow } from "../../model/deal-row.js";

/**
 * The pipeline of each period: Σ amount (weighted: Σ amount × p, p = the deal's own
 * probability, else its stage's) of the deals open at the period's end, or at `asOf` when that
 * comes first. Each deal is read as of that instant (DESIGN §6). Deals without an amount are
 * skipped and counted per period (policy `"skip"`) or an error.
 */
export function pipelineSnapshotEvaluator(weighted: boolean): BuiltinEvaluator {
  return (context) => {
    const pass = snapshotPass(context);
    if (context.missingAmount === "error" && pass.issues.length > 0) throw new KpiInputError([...pass.issues]);
    const currency = oneCurrency(pass.currencies, ["kpi"]);
    const { bucketCount, groups, rows, missing } = pass;
    const { units, sums, scale } = weighted ? pass.weighted : pass.plain;
    // One update per (group, period): it adds to the team's cell and to the group's (or counts the rows without a group).
    const cells = keyedCells(bucketCount, () => ({ sum: createExactSum() }), context.keyOf !== undefined);
    for (let cell = 0; cell < rows.length; cell++) {
      const bucket = cell % bucketCount;
      const key = groups.keyOf(Math.floor(cell / bucketCount) - 1);
      const left = missing[cell] as number;
      if (left > 0) cells.skip(bucket, key, "missing-amount", left);
      const counted = rows[cell] as number;
      if (counted === 0) continue;
      const sum = sums[cell];
      const plain = units[cell] as number;
      for (const state of cells.cellsOf(bucket, key, counted)) {
        if (plain !== 0) state.sum.addScaled(plain, scale);
        if (sum !== undefined) state.sum.addSum(sum);
      }
    }
    return cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), {
      currency,
      dataStartMs: pass.dataStartMs,
    });
  };
}

/**
 * One kind's sums per cell: plain-number units at `scale` while exact (every product and
 * partial sum a safe integer), and past that the cell's ExactSum; the value is both together.
 */
interface KindSums {
  readonly units: Float64Array;
  readonly sums: Array<ExactSum | undefined>;
  readonly scale: number;
}

/** Both pipelines of every (group code + 1, period) cell (row 0: no group), and what they counted. */
interface SnapshotPass {
  readonly bucketCount: number;
  readonly groups: CodedGroups;
  readonly plain: KindSums;
  readonly weighted: KindSums;
  /** Deals counted per cell (the same for both kinds). */
  readonly rows: Int32Array;
  /** Deals without an amount per cell. */
  readonly missing: Int32Array;
  /** One issue per deal without an amount (at most 100), for the `"error"` policy. */
  readonly issues: readonly KpiIssue[];
  readonly currencies: readonly string[];
  readonly dataStartMs: number | undefined;
}

/** At most 4 frames remembered per deal states, as for the closed deals. */
const passesOf = new MemoPerObject<DealStateColumns, string, SnapshotPass>(4);

/**
 * The pass of `context`, computed once per (deals, asOf, periods, breakdown): a scorecard's
 * pipeline and weighted pipeline read the deals and their histories once.
 */
function snapshotPass(context: BuiltinContext): SnapshotPass {
  const pipeline = context.data.pipeline;
  // The states as of asOf stand for (deals, asOf): forgetting them forgets this pass too.
  const states = pipeline === undefined ? undefined : dealStatesAsOf(context.data.deals, context.asOfMs, pipeline);
  const memoKey = context.buckets.key === undefined ? undefined : `${context.buckets.key}|${context.asOfMs}|${context.fields.join(",")}`;
  const known = states === undefined || memoKey === undefined ? undefined : passesOf.get(states, memoKey);
  if (known !== undefined) return known;
  const found = findSnapshots(context);
  if (states !== undefined && memoKey !== undefined) passesOf.set(states, memoKey, found);
  return found;
}

/** A kind's arrays for `size` cells. */
function kindSums(size: number, scale: number): KindSums {
  return { units: new Float64Array(size), sums: new Array<ExactSum | undefined>(size), scale };
}

/** The per-period arrays, or the carried ones. */
interface Into {
  readonly plain: KindSums;
  readonly weighted: KindSums;
  readonly rows: Int32Array;
  readonly missing: Int32Array;
}

function findSnapshots(context: BuiltinContext): SnapshotPass {
  const pipeline = context.data.pipeline;
  const periods = context.periods;
  const bucketCount = periods.length;
  const deals = context.data.deals;
  const columns = dealColumns(deals);
  const groups = dealGroups(context);
  const size = (groups.count + 1) * bucketCount;
  const stages = pipeline?.stages ?? [];
  const { createdAt, currentSince, currentStatus, currentStage, amountUnits, amountScale, amountsExact, ownProbability } = columns;
  const factors = stageFactors(stages);
  const into = (): Into => ({ plain: kindSums(size, amountScale), weighted: kindSums(size, amountScale + factors.scale), rows: new Int32Array(size), missing: new Int32Array(size) });
  const now = into();
  // The deals that stay open from a period's end on (settled in their current stage before
  // it): each is added once, at the first such period, and carried to every later period by
  // running totals at the end, instead of once per period.
  const from = into();
  const currencyUsed = currencyMarks(columns);
  const issues: KpiIssue[] = [];
  let lastIssue = -1;
  // Non-decreasing (the periods are in order): a deal past its last change stays as it is in every later snapshot.
  const snapshotAt = periods.map((period) => Math.min(period.endMs, context.asOfMs));
  const asOfMs = context.asOfMs;
  let dataStart = Number.POSITIVE_INFINITY;

  /** Adds deal `i`, open in stage `stageCode`, to `cell` of `to`. */
  const add = (i: number, stageCode: number, cell: number, to: Into): void => {
    const shared = amountsExact ? (amountUnits[i] as number) : Number.NaN;
    const deal = deals[i] as DealRow;
    // With one exact scale, NaN units are a missing amount (no `hasAmount` getter read for it).
    if (amountsExact ? shared !== shared : !deal.hasAmount) {
      to.missing[cell] = (to.missing[cell] as number) + 1;
      // One issue per deal, however many snapshots it is open in.
      if (issues.length < 100 && lastIssue !== i) issues.push(customIssue(["deals", deal.index, "amount"], messages.measureMissingAmount));
      lastIssue = i;
      return;
    }
    markCurrency(currencyUsed, columns, i);
    to.rows[cell] = (to.rows[cell] as number) + 1;
    if (!(shared === shared && addUnits(to.plain.units, cell, shared))) addAmount(sumAt(to.plain.sums, cell), deal, columns, shared);
    const factor = ownProbability[i] === 0 ? (factors.units[stageCode] as number) : Number.NaN;
    if (!(shared === shared && addUnits(to.weighted.units, cell, shared * factor))) addWeighted(sumAt(to.weighted.sums, cell), deal, stages[stageCode] as PreparedStage, columns, shared);
  };
  if (pipeline !== undefined) {
    const firstOpen = firstOpenPosition(pipeline);
    const read = stateCodes();
    let history: DealHistory | undefined;
    for (let i = 0; i < deals.length; i++) {
      const created = createdAt[i] as number;
      if (!(created < asOfMs)) continue;
      if (created < dataStart) dataStart = created;
      const since = currentSince[i] as number;
      const row = (groups.codeOf(i) + 1) * bucketCount;
      // From the first snapshot after the deal's creation (the snapshots are in order).
      for (let bucket = lastIndexAtOrBefore(snapshotAt, created) + 1; bucket < bucketCount; bucket++) {
        const at = snapshotAt[bucket] as number;
        if (at > since) {
          // From here on the deal is as it is now: open in every later snapshot (carried), or closed in all.
          if (currentStatus[i] === OPEN) add(i, currentStage[i] as number, row + bucket, from);
          break;
        }
        readStateAsOf(columns, (history ??= dealHistory(deals)), i, at, firstOpen, pipeline, read);
        if (read.status !== OPEN) continue;
        add(i, read.stage, row + bucket, now);
      }
    }
  }
  // The carried deals into every period from theirs on: running totals along each group's periods.
  for (let start = 0; start < size; start += bucketCount) {
    carry(now.plain, from.plain, start, bucketCount);
    carry(now.weighted, from.weighted, start, bucketCount);
    let carriedRows = 0;
    let carriedMissing = 0;
    for (let cell = start; cell < start + bucketCount; cell++) {
      carriedRows += from.rows[cell] as number;
      carriedMissing += from.missing[cell] as number;
      now.rows[cell] = (now.rows[cell] as number) + carriedRows;
      now.missing[cell] = (now.missing[cell] as number) + carriedMissing;
    }
  }
  return {
    bucketCount,
    groups,
    plain: now.plain,
    weighted: now.weighted,
    rows: now.rows,
    missing: now.missing,
    issues,
    currencies: markedCurrencies(currencyUsed, columns),
    dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
  };
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Adds `product` units to `cell` when it and the new sum are safe integers (so exact); false otherwise (NaN included). */
function addUnits(units: Float64Array, cell: number, product: number): boolean {
  const next = (units[cell] as number) + product;
  if (!(product <= MAX_SAFE && product >= -MAX_SAFE && next <= MAX_SAFE && next >= -MAX_SAFE)) return false;
  units[cell] = next;
  return true;
}

function sumAt(sums: Array<ExactSum | undefined>, cell: number): ExactSum {
  let sum = sums[cell];
  if (sum === undefined) sums[cell] = sum = createExactSum();
  return sum;
}

/** Adds the deal's amount exactly (`shared`: its units at the columns' scale, NaN without one). */
function addAmount(sum: ExactSum, deal: DealRow, columns: DealColumns, shared: number): void {
  const units = shared === shared ? shared : deal.amountUnits;
  if (units !== undefined) sum.addScaled(units, shared === shared ? columns.amountScale : deal.amountScale);
  else sum.add(deal.amount as KpiDecimal);
}

/** Adds the deal's amount × its own probability, else its stage's, exactly. */
function addWeighted(sum: ExactSum, deal: DealRow, stage: PreparedStage, columns: DealColumns, shared: number): void {
  const own = deal.probability !== undefined;
  const units = shared === shared ? shared : deal.amountUnits;
  const scale = shared === shared ? columns.amountScale : deal.amountScale;
  const probabilityUnits = own ? deal.probabilityUnits : stage.probabilityUnits;
  if (units !== undefined && probabilityUnits !== undefined) sum.addScaledProduct(units, scale, probabilityUnits, own ? deal.probabilityScale : stage.probabilityScale);
  else sum.addProduct(deal.amount as KpiDecimal, deal.probability ?? stage.probability);
}

/** Carries `from`'s units and sums along the periods of one group (`bucketCount` cells from `start`) into `now`. */
function carry(now: KindSums, from: KindSums, start: number, bucketCount: number): void {
  let carried: ExactSum | undefined;
  let carriedUnits = 0;
  for (let cell = start; cell < start + bucketCount; cell++) {
    const arrived = from.sums[cell];
    if (arrived !== undefined) (carried ??= createExactSum()).addSum(arrived);
    const arrivedUnits = from.units[cell] as number;
    if (arrivedUnits !== 0) {
      const next = carriedUnits + arrivedUnits;
      if (next <= MAX_SAFE && next >= -MAX_SAFE) carriedUnits = next;
      else (carried ??= createExactSum()).addScaled(arrivedUnits, from.scale);
    }
    if (carriedUnits !== 0) {
      const next = (now.units[cell] as number) + carriedUnits;
      if (next <= MAX_SAFE && next >= -MAX_SAFE) now.units[cell] = next;
      else sumAt(now.sums, cell).addScaled(carriedUnits, now.scale);
    }
    if (carried !== undefined) sumAt(now.sums, cell).addSum(carried);
  }
}

/**
 * Each stage's probability as an integer at one shared scale: its units raised to the largest
 * probability scale. NaN for a stage whose probability has no exact fast form, or whose raised
 * units are not a safe integer: its deals take the ExactSum path.
 */
function stageFactors(stages: readonly PreparedStage[]): { readonly units: Float64Array; readonly scale: number } {
  let scale = 0;
  for (const stage of stages) if (stage.probabilityUnits !== undefined && stage.probabilityScale <= MAX_FAST_SCALE) scale = Math.max(scale, stage.probabilityScale);
  const units = Float64Array.from(stages, (stage) => {
    if (stage.probabilityUnits === undefined || stage.probabilityScale > MAX_FAST_SCALE) return Number.NaN;
    const raised = stage.probabilityUnits * (POW10[scale - stage.probabilityScale] as number);
    return Number.isSafeInteger(raised) ? raised : Number.NaN;
  });
  return { units, scale };
}
