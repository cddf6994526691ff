// Internal: the deal count, sum and new-customer (first deal per account) measures over the
// deal columns (typed arrays and dictionary codes; no row objects, no string keys in the
// loop). The same cells as the row pass in `accumulate`, which serves what this one does not
// (distinct accounts per cell, amounts without one exact shared scale, very many groups).
import { countDecimal } from "../core/decimal.js";
import { customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { scaledToDecimal } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { currencyMarks, type DealColumns, dealColumns, dealsStartMs, dealFieldDictionary, markCurrency, markedCurrencies, NOT_CREATED, OPEN, oneCurrency, STATUS_NAMES } from "../model/deal-columns.js";
import type { Dictionary } from "../model/dictionary.js";
import { dealStatesAsOf } from "../model/deal-state-at.js";
import type { PreparedData, PreparedDeal } from "../model/prepared.js";
import type { Accumulated, AccumulateOptions, Buckets, CellValue } from "./accumulate.js";
import { addToCells, type CellCounts, cellCounts, type CellFinish, finishedCells } from "./cell-counts.js";
import { codedGroups } from "./coded-groups.js";
import { acceptedCodes, type CodeCheck, codesPass } from "./filter-matcher.js";
import { codeTable, type CodeTable, NO_CODE, pickRows } from "../core/pick-rows.js";
import type { AdditiveMeasure } from "./measure.js";
import type { KpiGroupBy } from "./series.js";

/** Deterministic "earlier" for first deals: by instant, then id, then owner (input order never matters). */
export function isEarlier(a: PreparedDeal, aAt: number, b: PreparedDeal, bAt: number): boolean {
  if (aAt !== bAt) return aAt < bAt;
  if (a.id !== b.id) return a.id < b.id;
  return a.owner < b.owner;
}

/** At most this many (group code × bucket) cells; beyond, the row pass (a Map of groups) serves. */
const MAX_CELLS = 1 << 22;

/**
 * The cells of a deal `count`, `sum` or new-customer (`distinct` with `first`) measure from
 * the deal columns, or `undefined` when the columns cannot give them exactly (then the row
 * pass does): distinct accounts per cell, amounts without one shared exact scale, fields the
 * deals have not, or too many cells.
 */
export function accumulateDealColumns(data: PreparedData, measure: AdditiveMeasure, options: AccumulateOptions, fields: readonly KpiGroupBy[]): Accumulated | undefined {
  if (measure.source !== "deals" || (measure.kind === "distinct" && measure.first !== true)) return undefined;
  const deals = data.deals;
  const columns = dealColumns(deals);
  const isSum = measure.kind === "sum";
  if (isSum && !columns.amountsExact) return undefined;
  const dictionaries: Dictionary[] = [];
  for (const field of fields) {
    const found = dealFieldDictionary(columns, field);
    if (found === undefined) return undefined;
    dictionaries.push(found);
  }
  const groups = codedGroups(dictionaries);
  const { buckets } = options;
  const bucketCount = buckets.count;
  const grouped = dictionaries.length > 0;
  const groupCount = groups.count;
  if ((groupCount + 1) * bucketCount > MAX_CELLS) return undefined;

  const pipeline = data.pipeline;
  if (pipeline === undefined) return undefined;
  const states =
    options.asOfMs === undefined
      ? { status: columns.currentStatus, since: columns.currentSince, stage: columns.currentStage }
      : dealStatesAsOf(deals, options.asOfMs, pipeline);
  const { status, since, stage } = states;
  const where = measure.where;
  // Not-created deals are left out by instantOf, before any filter.
  const statusOk = acceptedCodes(STATUS_NAMES, where?.outcome);
  const stageOk = acceptedCodes(pipeline.stages.map((s) => s.id), where?.stage);
  const productOk = acceptedCodes(columns.product.values, where?.product);
  const currencyOk = acceptedCodes(columns.currency.values, where?.currency);
  const sourceOk = acceptedCodes(columns.source.values, where?.source);
  const ownerOk = acceptedCodes(columns.owner.values, where?.owner);
  const teamOk = acceptedCodes(columns.team.values, where?.team);
  const { createdAt, amountUnits } = columns;
  const ownerCodes = columns.owner.codes;
  const teamCodes = columns.team.codes;
  const productCodes = columns.product.codes;
  const currencyCodes = columns.currency.codes;
  const sourceCodes = columns.source.codes;
  const atCreation = measure.at === "createdAt";

  // Cells: (group code × bucket) after the total's buckets (group -1 → row 0).
  const cellCount = (groupCount + 1) * bucketCount;
  const cells = cellCounts(groupCount, bucketCount);
  const firstOnly = measure.kind === "distinct";
  // Rows left out and counted: sums without an amount (policy "skip"), new customers without an account.
  const skipReason = firstOnly ? "no-account" : "missing-amount";
  const skipped = (options.missingAmount === "skip" && isSum) || firstOnly ? new Int32Array(cellCount) : undefined;
  const currencyUsed = currencyMarks(columns);
  const amountIssues: KpiIssue[] = [];
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  let skippedRows = 0;

  /** The instant deal `i` is counted at, or NaN ({@link isCounted}). */
  const instantOf = (i: number): number => (!isCounted(status[i] as number, atCreation) ? Number.NaN : atCreation ? (createdAt[i] as number) : (since[i] as number));
  /** The stage, product and currency: the properties but the outcome, which the sum and count pass picks by first. */
  const otherPropertyChecks: CodeCheck[] = [
    [stage, stageOk],
    [productCodes, productOk],
    [currencyCodes, currencyOk],
  ];
  const propertyChecks: CodeCheck[] = [[status, statusOk], ...otherPropertyChecks];
  const groupChecks: CodeCheck[] = [
    [ownerCodes, ownerOk],
    [teamCodes, teamOk],
    [sourceCodes, sourceOk],
  ];
  /** The deal's outcome, stage, product and currency pass the filter. */
  const propertiesPass = codesPass(propertyChecks);
  /** Its owner, team and source pass the filter. */
  const groupPasses = codesPass(groupChecks);
  /** Both but the outcome, for the sum and count pass: it reads only the fields the filter narrows. */
  const passesButStatus = codesPass([...otherPropertyChecks, ...groupChecks]);
  /** The statuses counted and taken by the filter. */
  const statusTaken = codeTable((code) => code < STATUS_NAMES.length && isCounted(code, atCreation) && statusOk[code + 1] !== 0);
  /** Counts deal `i` as left out of `bucket`, in the total's cell and its group's. */
  const skip = (i: number, bucket: number): void => {
    if (skipped === undefined) return;
    skippedRows++;
    skipped[bucket] = (skipped[bucket] as number) + 1;
    const group = groups.codeOf(i);
    if (group < 0) return;
    const cell = (group + 1) * bucketCount + bucket;
    skipped[cell] = (skipped[cell] as number) + 1;
    cells.seen[group] = 1;
  };
  /** Adds `amount` of deal `i` to `bucket`: the total's cell and its group's (or counts it without a group). */
  const use = (i: number, bucket: number, amount: number): void => {
    rowsUsed++;
    if (addToCells(cells, bucket, amount, grouped ? groups.codeOf(i) : undefined)) rowsWithoutGroup++;
  };

  if (firstOnly) {
    // New customers: each account's first matching deal over ALL time decides (by instant,
    // then id, then owner: input order never matters); then its period and group filter.
    const accounts = columns.account();
    const best = new Int32Array(accounts.values.length).fill(-1);
    const bestAt = new Float64Array(accounts.values.length);
    for (let i = 0; i < deals.length; i++) {
      const at = instantOf(i);
      if (at !== at || !propertiesPass(i)) continue;
      const account = accounts.codes[i] as number;
      if (account < 0) {
        const bucket = buckets.indexOf(at);
        if (bucket >= 0 && groupPasses(i)) skip(i, bucket);
        continue;
      }
      const known = best[account] as number;
      if (known < 0 || isEarlier(deals[i] as PreparedDeal, at, deals[known] as PreparedDeal, bestAt[account] as number)) {
        best[account] = i;
        bestAt[account] = at;
      }
    }
    for (let account = 0; account < best.length; account++) {
      const i = best[account] as number;
      if (i < 0) continue;
      const bucket = buckets.indexOf(bestAt[account] as number);
      if (bucket >= 0 && groupPasses(i)) use(i, bucket, 1);
    }
  } else {
    const codes = grouped ? groupCodesOf(groups, dictionaries, deals.length) : undefined;
    const totals = sumPass({ status, statusTaken, since, createdAt, atCreation, passes: passesButStatus, buckets, amounts: isSum ? amountUnits : undefined, codes, cells, columns, currencyUsed });
    rowsUsed += totals.used;
    rowsWithoutGroup += totals.withoutGroup;
    for (let m = 0; m < totals.missing.length; m++) {
      // No amount (NaN): counted where it would have gone, or an error naming it.
      const i = totals.missing[m] as number;
      const bucket = buckets.indexOf(instantOf(i));
      if (skipped !== undefined) skip(i, bucket);
      else if (amountIssues.length < 100) amountIssues.push(customIssue(["deals", (deals[i] as PreparedDeal).index, "amount"], messages.measureMissingAmount));
    }
  }
  if (amountIssues.length > 0) throw new KpiInputError(amountIssues);
  const currency = isSum ? oneCurrency(markedCurrencies(currencyUsed, columns), ["measure"]) : undefined;

  const scale = columns.amountScale;
  const finish: CellFinish = {
    valueOf: (n) => (isSum ? scaledToDecimal(n, scale) : countDecimal(n)),
    ...(skipped === undefined ? {} : { skipped: { counts: skipped, reason: skipReason } }),
  };
  const byGroup = new Map<string, CellValue[]>();
  for (let group = 0; group < groupCount; group++) {
    if (cells.seen[group] === 0) continue;
    byGroup.set(groups.keyOf(group) as string, finishedCells(cells, group + 1, finish));
  }
  return {
    byGroup,
    total: finishedCells(cells, 0, finish),
    rowsUsed,
    rowsWithoutGroup,
    skippedReasons: skippedRows > 0 ? { [skipReason]: skippedRows } : {},
    currency,
    dataStartMs: dealsStartMs(columns, options.asOfMs),
  };
}

/** Whether a deal of status `code` is counted: created, and closed when counted at its close (then at its creation or close). */
function isCounted(code: number, atCreation: boolean): boolean {
  return code !== NOT_CREATED && (atCreation || code !== OPEN);
}

/** Each deal's group code (-1 without one): one field's dictionary codes as they are, two fields' combined once. */
function groupCodesOf(groups: ReturnType<typeof codedGroups>, dictionaries: readonly Dictionary[], length: number): ArrayLike<number> {
  if (dictionaries.length === 1) return (dictionaries[0] as Dictionary).codes;
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = groups.codeOf(i);
  return out;
}

interface SumPassInput {
  readonly status: Uint8Array;
  /** The statuses the pass counts ({@link isCounted} and the filter's outcomes). */
  readonly statusTaken: CodeTable;
  readonly since: Float64Array;
  readonly createdAt: Float64Array;
  readonly atCreation: boolean;
  /** The filter but its outcomes. */
  readonly passes: (i: number) => boolean;
  readonly buckets: Buckets;
  /** Scaled amounts (a sum), or `undefined` (a count: 1 per deal). */
  readonly amounts: Float64Array | undefined;
  /** Group code per deal, or `undefined` when not grouped. */
  readonly codes: ArrayLike<number> | undefined;
  readonly cells: CellCounts;
  readonly columns: DealColumns;
  /** The currencies summed ({@link markCurrency}). */
  readonly currencyUsed: Uint8Array;
}

/**
 * The count or sum pass over the deal columns, in a function of its own so that its arrays are
 * locals (the setup's closures would read each through their context). Deals without an
 * amount are returned for the caller to count or refuse.
 */
function sumPass(input: SumPassInput): { used: number; withoutGroup: number; missing: number[] } {
  const { status, statusTaken, since, createdAt, atCreation, passes, buckets, amounts, codes, cells, columns, currencyUsed } = input;
  const missing: number[] = [];
  let used = 0;
  let without = 0;
  // The deals of a counted status first, without a branch per deal (most deals fail it: won, not lost).
  const { picked, front: count } = pickRows(status, statusTaken, NO_CODE);
  for (let k = 0; k < count; k++) {
    const i = picked[k] as number;
    // The rest of the filter's lookups before the bucket's: cheaper.
    if (!passes(i)) continue;
    const instant = atCreation ? (createdAt[i] as number) : (since[i] as number);
    const bucket = buckets.indexOf(instant);
    if (bucket < 0) continue;
    let amount = 1;
    if (amounts !== undefined) {
      amount = amounts[i] as number;
      if (amount !== amount) {
        missing.push(i);
        continue;
      }
      markCurrency(currencyUsed, columns, i);
    }
    used++;
    if (addToCells(cells, bucket, amount, codes === undefined ? undefined : (codes[i] as number))) without++;
  }
  return { used, withoutGroup: without, missing };
}
