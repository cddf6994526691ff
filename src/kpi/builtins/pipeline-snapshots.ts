// Internal: the pipeline at the end of each period (plain or weighted), as of `asOf`, in one
// pass over the deal columns: a deal settled in its current state before a period's end is
// read from numbers, any other from its history (`dealStateAsOf`).
import { customIssue, KpiInputError, type KpiIssue } from "../../core/errors.js";
import { createExactSum, type ExactSum, MAX_FAST_SCALE, POW10 } from "../../core/exact-sum.js";
import { messages } from "../../core/messages.js";
import { lastIndexAtOrBefore } from "../../core/sorted-search.js";
import { keyedCells } from "../../measure/grouped-cells.js";
import { currencyMarks, dealColumns, type DealHistory, dealHistory, markCurrency, markedCurrencies, OPEN, oneCurrency } from "../../model/deal-columns.js";
import { firstOpenPosition, readStateAsOf, stateCodes } from "../../model/deal-state-at.js";
import type { PreparedStage } from "../../model/prepared.js";
import { dealGroups } from "./closed-deals.js";
import type { BuiltinEvaluator } from "./context.js";
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
    const pipeline = context.data.pipeline;
    const periods = context.periods;
    const bucketCount = periods.length;
    const deals = context.data.deals;
    const columns = dealColumns(deals);
    const groups = dealGroups(context);
    const size = (groups.count + 1) * bucketCount;
    // Per (group code + 1, period; row 0: no group): the sum, the deals in it, the deals without an amount.
    const sums: Array<ExactSum | undefined> = new Array(size);
    const rows = new Int32Array(size);
    const missing = new Int32Array(size);
    // The same for the deals that stay open from a period's end on (settled in their current
    // stage before it): each is added once, at the first such period, and carried to every
    // later period by running totals at the end, instead of once per period.
    const fromSums: Array<ExactSum | undefined> = new Array(size);
    const fromRows = new Int32Array(size);
    const fromMissing = new Int32Array(size);
    const currencyUsed = currencyMarks(columns);
    const issues: KpiIssue[] = [];
    let lastIssue = -1;
    // Non-decreasing (the periods are in order): a deal past its last change stays as it is in every later snapshot.
    const snapshotAt = periods.map((period) => Math.min(period.endMs, context.asOfMs));
    const asOfMs = context.asOfMs;
    const { createdAt, currentSince, currentStatus, currentStage, amountUnits, amountScale, amountsExact } = columns;
    const open = OPEN;
    let dataStart = Number.POSITIVE_INFINITY;
    const { ownProbability } = columns;
    const stages = pipeline?.stages ?? [];
    // The common case in plain numbers: a cell's sum of amount units × stage units, all at one
    // scale, while every product and partial sum is a safe integer (so exact); past that the
    // deal goes to the cell's ExactSum.
    const factors = stageFactors(stages, weighted);
    const unitScale = amountScale + factors.scale;
    const plainUnits = new Float64Array(size);
    const fromPlainUnits = new Float64Array(size);
    /** Adds deal `i`, open in stage `stageCode`, to its cell of `bucket` in `plain`/`sums`/`rows`/`missing` (the per-period or the carried arrays). */
    const add = (
      i: number,
      stageCode: number,
      bucket: number,
      group: number,
      plain: Float64Array,
      sums: Array<ExactSum | undefined>,
      rows: Int32Array,
      missing: Int32Array,
    ): void => {
      const cell = (group + 1) * bucketCount + bucket;
      const stage = stages[stageCode] as PreparedStage;
      const shared = amountsExact ? (amountUnits[i] as number) : Number.NaN;
      if (shared === shared && ownProbability[i] === 0) {
        const product = shared * (factors.units[stageCode] as number);
        const next = (plain[cell] as number) + product;
        // NaN (a stage without a fast probability) fails both tests.
        if (product <= MAX_SAFE && product >= -MAX_SAFE && next <= MAX_SAFE && next >= -MAX_SAFE) {
          markCurrency(currencyUsed, columns, i);
          rows[cell] = (rows[cell] as number) + 1;
          plain[cell] = next;
          return;
        }
      }
      // An amount at the shared scale and the stage's probability, past the plain numbers.
      if (shared === shared && ownProbability[i] === 0 && (!weighted || stage.probabilityUnits !== undefined)) {
        markCurrency(currencyUsed, columns, i);
        rows[cell] = (rows[cell] as number) + 1;
        let sum = sums[cell];
        if (sum === undefined) sums[cell] = sum = createExactSum();
        if (weighted) sum.addScaledProduct(shared, amountScale, stage.probabilityUnits as number, stage.probabilityScale);
        else sum.addScaled(shared, amountScale);
        return;
      }
      // With one exact scale, NaN units are a missing amount (no `hasAmount` getter read for it).
      const deal = deals[i] as DealRow;
      if (amountsExact ? shared !== shared : !deal.hasAmount) {
        if (context.missingAmount === "error") {
          // One issue per deal, however many snapshots it is open in.
          if (issues.length < 100 && lastIssue !== i) issues.push(customIssue(["deals", deal.index, "amount"], messages.measureMissingAmount));
          lastIssue = i;
        } else missing[cell] = (missing[cell] as number) + 1;
        return;
      }
      markCurrency(currencyUsed, columns, i);
      const own = deal.probability !== undefined;
      const units = amountsExact ? shared : deal.amountUnits;
      const scale = amountsExact ? amountScale : deal.amountScale;
      const probabilityUnits = own ? deal.probabilityUnits : stage.probabilityUnits;
      rows[cell] = (rows[cell] as number) + 1;
      let sum = sums[cell];
      if (sum === undefined) sums[cell] = sum = createExactSum();
      if (!weighted) {
        if (units !== undefined) sum.addScaled(units, scale);
        else sum.add(deal.amount as KpiDecimal);
      } else if (units !== undefined && probabilityUnits !== undefined) {
        sum.addScaledProduct(units, scale, probabilityUnits, own ? deal.probabilityScale : stage.probabilityScale);
      } else {
        sum.addProduct(deal.amount as KpiDecimal, deal.probability ?? stage.probability);
      }
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
        const group = groups.codeOf(i);
        // From the first snapshot after the deal's creation (the snapshots are in order).
        for (let bucket = lastIndexAtOrBefore(snapshotAt, created) + 1; bucket < bucketCount; bucket++) {
          const at = snapshotAt[bucket] as number;
          if (at > since) {
            // From here on the deal is as it is now: open in every later snapshot (carried), or closed in all.
            if (currentStatus[i] === open) add(i, currentStage[i] as number, bucket, group, fromPlainUnits, fromSums, fromRows, fromMissing);
            break;
          }
          readStateAsOf(columns, (history ??= dealHistory(deals)), i, at, firstOpen, pipeline, read);
          if (read.status !== open) continue;
          add(i, read.stage, bucket, group, plainUnits, sums, rows, missing);
        }
      }
    }
    // The carried deals into every period from theirs on: running totals along each group's periods.
    for (let start = 0; start < size; start += bucketCount) {
      let carried: ExactSum | undefined;
      let carriedUnits = 0;
      let carriedRows = 0;
      let carriedMissing = 0;
      for (let cell = start; cell < start + bucketCount; cell++) {
        const arrived = fromSums[cell];
        if (arrived !== undefined) (carried ??= createExactSum()).addSum(arrived);
        const arrivedUnits = fromPlainUnits[cell] as number;
        if (arrivedUnits !== 0) {
          const next = carriedUnits + arrivedUnits;
          if (next <= MAX_SAFE && next >= -MAX_SAFE) carriedUnits = next;
          else (carried ??= createExactSum()).addScaled(arrivedUnits, unitScale);
        }
        if (carriedUnits !== 0) {
          const next = (plainUnits[cell] as number) + carriedUnits;
          if (next <= MAX_SAFE && next >= -MAX_SAFE) plainUnits[cell] = next;
          else (sums[cell] ??= createExactSum()).addScaled(carriedUnits, unitScale);
        }
        carriedRows += fromRows[cell] as number;
        carriedMissing += fromMissing[cell] as number;
        rows[cell] = (rows[cell] as number) + carriedRows;
        missing[cell] = (missing[cell] as number) + carriedMissing;
        if (carried !== undefined) (sums[cell] ??= createExactSum()).addSum(carried);
      }
    }
    if (issues.length > 0) throw new KpiInputError(issues);
    const currency = oneCurrency(markedCurrencies(currencyUsed, columns), ["kpi"]);
    // One update per (group, period): it adds to the team's cell and to the group's (or counts the rows without a group).
    const cells = keyedCells(bucketCount, () => ({ sum: createExactSum() }), context.keyOf !== undefined);
    for (let cell = 0; cell < size; cell++) {
      const bucket = cell % bucketCount;
      const key = groups.keyOf(Math.floor(cell / bucketCount) - 1);
      const left = missing[cell] as number;
      if (left > 0) cells.skip(bucket, key, "missing-amount", left);
      const counted = rows[cell] as number;
      if (counted === 0) continue;
      const sum = sums[cell];
      const plain = plainUnits[cell] as number;
      for (const state of cells.cellsOf(bucket, key, counted)) {
        if (plain !== 0) state.sum.addScaled(plain, unitScale);
        if (sum !== undefined) state.sum.addSum(sum);
      }
    }
    return cells.finish(false, (cell) => ({ value: cell.sum.value(), ratio: undefined }), {
      currency,
      dataStartMs: dataStart === Number.POSITIVE_INFINITY ? undefined : dataStart,
    });
  };
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Each stage's factor as an integer at one shared scale: its probability's units raised to the
 * largest probability scale (weighted), or 1 at scale 0 (plain). NaN for a stage whose
 * probability has no exact fast form, or whose raised units are not a safe integer: its deals
 * take the ExactSum path.
 */
function stageFactors(stages: readonly PreparedStage[], weighted: boolean): { readonly units: Float64Array; readonly scale: number } {
  if (!weighted) return { units: new Float64Array(stages.length).fill(1), scale: 0 };
  let scale = 0;
  for (const stage of stages) if (stage.probabilityUnits !== undefined && stage.probabilityScale <= MAX_FAST_SCALE) scale = Math.max(scale, stage.probabilityScale);
  const units = Float64Array.from(stages, (stage) => {
    if (stage.probabilityUnits === undefined || stage.probabilityScale > MAX_FAST_SCALE) return Number.NaN;
    const raised = stage.probabilityUnits * (POW10[scale - stage.probabilityScale] as number);
    return Number.isSafeInteger(raised) ? raised : Number.NaN;
  });
  return { units, scale };
}

