// Internal: the one-pass engine behind measureSeries, measureTotals and periodToDate.
// Rows are bucketed by their epoch instant into precomputed buckets (periods or ranges) and
// accumulated per (group, bucket). Inner helpers trust their (already parsed) input.
import { type KpiDecimal, toDecimal } from "../core/decimal.js";
import { definitionError, customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { createExactSum, type ExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import type { PreparedDeal, PreparedKpiData } from "../model/prepared.js";
import type { AdditiveMeasure, DealWhere, FilterValue, Measure } from "./measure.js";
import type { KpiGroupBy } from "./series.js";

/** Where a row's instant goes: a bucket index, or -1 when the row is outside every bucket. */
export interface Buckets {
  readonly count: number;
  indexOf(ms: number): number;
}

/** The running state of one (group, bucket) cell. */
interface Cell {
  rows: number;
  count: number;
  sum: ExactSum | undefined;
  keys: Set<string> | undefined;
}

/** The finished value of one cell. */
export interface CellValue {
  readonly value: KpiDecimal;
  readonly rows: number;
}

/** What {@link accumulate} found. */
export interface Accumulated {
  /** Per group key, one cell value per bucket. Empty when not grouped. */
  readonly byGroup: ReadonlyMap<string, readonly CellValue[]>;
  /** One cell value per bucket over all rows (also those without a group key). */
  readonly total: readonly CellValue[];
  /** Rows in a bucket that passed the filters (including those without a group key). */
  readonly rowsUsed: number;
  /** Rows in a bucket that passed the filters but have no value for the group key. */
  readonly rowsWithoutGroup: number;
  /** Rows left out, by reason (missing amount, no account). */
  readonly skippedReasons: Readonly<Record<string, number>>;
  /** The currency of a summed measure when every used row has the same one. */
  readonly currency: string | undefined;
}

/** Options of {@link accumulate}. */
export interface AccumulateOptions {
  readonly buckets: Buckets;
  readonly groupBy: KpiGroupBy | undefined;
  readonly missingAmount: "error" | "skip";
}

type Matcher = (value: string | undefined) => boolean;

function matcher(filter: FilterValue | undefined): Matcher {
  if (filter === undefined) return () => true;
  if (typeof filter === "string") return (value) => value === filter;
  const accepted = new Set(filter);
  return (value) => value !== undefined && accepted.has(value);
}

function dealPropertyMatcher(where: DealWhere | undefined): (deal: PreparedDeal) => boolean {
  const outcome = matcher(where?.outcome);
  const stage = matcher(where?.stage);
  const product = matcher(where?.product);
  const currency = matcher(where?.currency);
  return (deal) => outcome(deal.stage.outcome) && stage(deal.stage.id) && product(deal.product) && currency(deal.currency);
}

interface Grouped {
  readonly owner: string | undefined;
  readonly team: string | undefined;
  readonly source?: string | undefined;
}

function groupMatcher(where: { owner?: FilterValue; team?: FilterValue; source?: FilterValue } | undefined): (row: Grouped) => boolean {
  const owner = matcher(where?.owner);
  const team = matcher(where?.team);
  const source = matcher(where?.source);
  return (row) => owner(row.owner) && team(row.team) && source(row.source);
}

/** The instant of a deal the measure counts it at, or undefined (an open deal has no close). */
function dealInstant(deal: PreparedDeal, at: "createdAt" | "closedAt"): number | undefined {
  return at === "createdAt" ? deal.createdAt : deal.closedAt;
}

/** Deterministic "earlier" for first deals: by instant, then id, then owner (input order never matters). */
function isEarlier(a: PreparedDeal, aAt: number, b: PreparedDeal, bAt: number): boolean {
  if (aAt !== bAt) return aAt < bAt;
  if (a.id !== b.id) return a.id < b.id;
  return a.owner < b.owner;
}

/**
 * Accumulates an additive measure in one pass over its rows (plus one pass over all deals
 * for `distinct` with `first`). Throws KpiInputError for a deal without amount in a sum
 * (unless `missingAmount: "skip"`) and KpiDefinitionError for a sum over mixed currencies.
 */
export function accumulate(data: PreparedKpiData, measure: AdditiveMeasure, options: AccumulateOptions): Accumulated {
  const { buckets, groupBy } = options;
  const byGroupCells = new Map<string, Cell[]>();
  const kind = measure.kind;
  const newCell = (): Cell => ({
    rows: 0,
    count: 0,
    sum: kind === "sum" ? createExactSum() : undefined,
    keys: kind === "distinct" && measure.first !== true ? new Set<string>() : undefined,
  });
  const newCells = (): Cell[] => Array.from({ length: buckets.count }, newCell);
  const total = newCells();
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  const skippedReasons: Record<string, number> = {};
  const skip = (reason: string): void => {
    skippedReasons[reason] = (skippedReasons[reason] ?? 0) + 1;
  };

  /**
   * Counts one row as used and returns the cells it adds to: the total's and, when grouped
   * and the row has the group field, its group's. Callers update the cells inline (no
   * allocation per row).
   */
  let groupCell: Cell | undefined;
  const use = (bucket: number, row: Grouped): Cell => {
    rowsUsed++;
    const totalCell = total[bucket] as Cell;
    totalCell.rows++;
    groupCell = undefined;
    if (groupBy !== undefined) {
      const key = row[groupBy];
      if (key === undefined) {
        rowsWithoutGroup++;
      } else {
        let cells = byGroupCells.get(key);
        if (cells === undefined) {
          cells = newCells();
          byGroupCells.set(key, cells);
        }
        groupCell = cells[bucket] as Cell;
        groupCell.rows++;
      }
    }
    return totalCell;
  };

  let currencies: Set<string> | undefined;
  const amountIssues: KpiIssue[] = [];

  if (measure.source === "activities") {
    if (groupBy === "source") throw definitionError("invalid-option", ["groupBy"], messages.noActivitySource);
    const byGroup = groupMatcher(measure.where);
    const type = matcher(measure.where?.type);
    for (const activity of data.activities) {
      const bucket = buckets.indexOf(activity.at);
      if (bucket < 0 || !type(activity.type) || !byGroup(activity)) continue;
      use(bucket, activity).count += activity.quantity;
      if (groupCell !== undefined) groupCell.count += activity.quantity;
    }
  } else if (measure.source === "leads") {
    const byGroup = groupMatcher(measure.where);
    const step = measure.step;
    for (const lead of data.leads) {
      const at = step === undefined ? lead.createdAt : lead.reached.get(step);
      if (at === undefined) continue;
      const bucket = buckets.indexOf(at);
      if (bucket < 0 || !byGroup(lead)) continue;
      use(bucket, lead).count += 1;
      if (groupCell !== undefined) groupCell.count += 1;
    }
  } else if (measure.kind === "distinct" && measure.first === true) {
    // New customers: the first matching deal of each account over ALL time decides.
    const property = dealPropertyMatcher(measure.where);
    const byGroup = groupMatcher(measure.where);
    const first = new Map<string, { deal: PreparedDeal; at: number }>();
    for (const deal of data.deals) {
      const at = dealInstant(deal, measure.at);
      if (at === undefined || !property(deal)) continue;
      if (deal.account === undefined) {
        if (buckets.indexOf(at) >= 0 && byGroup(deal)) skip("no-account");
        continue;
      }
      const best = first.get(deal.account);
      if (best === undefined || isEarlier(deal, at, best.deal, best.at)) first.set(deal.account, { deal, at });
    }
    for (const { deal, at } of first.values()) {
      const bucket = buckets.indexOf(at);
      if (bucket < 0 || !byGroup(deal)) continue;
      use(bucket, deal).count += 1;
      if (groupCell !== undefined) groupCell.count += 1;
    }
  } else {
    const property = dealPropertyMatcher(measure.where);
    const byGroup = groupMatcher(measure.where);
    const at = measure.at;
    if (measure.kind === "sum") currencies = new Set<string>();
    for (const deal of data.deals) {
      const instant = dealInstant(deal, at);
      if (instant === undefined) continue;
      const bucket = buckets.indexOf(instant);
      if (bucket < 0 || !property(deal) || !byGroup(deal)) continue;
      if (measure.kind === "sum") {
        const amount = deal.amount;
        if (amount === undefined) {
          if (options.missingAmount === "skip") skip("missing-amount");
          else if (amountIssues.length < 100) amountIssues.push(customIssue(["deals", deal.index, "amount"], messages.measureMissingAmount));
          continue;
        }
        currencies?.add(deal.currency ?? "(none)");
        const totalCell = use(bucket, deal);
        // Fast exact path on scaled integers when the amount has one (same result as `add`).
        const units = deal.amountUnits;
        for (const cell of groupCell === undefined ? [totalCell] : [totalCell, groupCell]) {
          if (units !== undefined) cell.sum?.addScaled(units, deal.amountScale);
          else cell.sum?.add(amount);
        }
      } else if (measure.kind === "distinct") {
        const account = deal.account;
        if (account === undefined) {
          skip("no-account");
          continue;
        }
        use(bucket, deal).keys?.add(account);
        groupCell?.keys?.add(account);
      } else {
        use(bucket, deal).count += 1;
        if (groupCell !== undefined) groupCell.count += 1;
      }
    }
  }
  if (amountIssues.length > 0) throw new KpiInputError(amountIssues);
  if (currencies !== undefined && currencies.size > 1) {
    throw definitionError("mixed-currencies", ["measure"], messages.measureMixedCurrencies([...currencies].sort()));
  }

  const finish = (cells: readonly Cell[]): CellValue[] =>
    cells.map((cell) => ({
      rows: cell.rows,
      value: cell.sum !== undefined ? cell.sum.value() : toDecimal(cell.keys !== undefined ? cell.keys.size : cell.count),
    }));
  const byGroup = new Map<string, CellValue[]>();
  for (const [key, cells] of byGroupCells) byGroup.set(key, finish(cells));
  const currency = currencies?.size === 1 ? [...currencies][0] : undefined;
  return {
    byGroup,
    total: finish(total),
    rowsUsed,
    rowsWithoutGroup,
    skippedReasons,
    currency: currency === "(none)" ? undefined : currency,
  };
}

/** The `where` filter on the grouping field of a measure (or of both parts of a ratio), if any. */
function groupFilters(measure: Measure, groupBy: KpiGroupBy): Matcher[] {
  const parts = measure.kind === "ratio" ? [measure.numerator, measure.denominator] : measure.kind === "builtin" ? [] : [measure];
  const out: Matcher[] = [];
  for (const part of parts) {
    const where = part.where as { owner?: FilterValue; team?: FilterValue; source?: FilterValue } | undefined;
    const filter = where?.[groupBy];
    if (filter !== undefined) out.push(matcher(filter));
  }
  return out;
}

/**
 * The group keys of a result: the caller's `groups`, the roster (reps or teams; only those
 * the measure's own owner/team filter lets through) and the keys seen, sorted.
 */
export function groupKeys(
  data: Pick<PreparedKpiData, "reps">,
  measure: Measure,
  groupBy: KpiGroupBy | undefined,
  requested: readonly string[] | undefined,
  seen: Iterable<string>,
): string[] {
  if (groupBy === undefined) {
    if (requested !== undefined && requested.length > 0) throw definitionError("invalid-option", ["groups"], messages.groupsWithoutGroupBy);
    return [];
  }
  const keys = new Set<string>(requested ?? []);
  const filters = groupFilters(measure, groupBy);
  const admit = (key: string): void => {
    if (filters.every((accepts) => accepts(key))) keys.add(key);
  };
  if (groupBy === "owner") for (const rep of data.reps) admit(rep.id);
  if (groupBy === "team") for (const rep of data.reps) if (rep.team !== undefined) admit(rep.team);
  for (const key of seen) keys.add(key);
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Adds skip counts of `from` into `into`. */
export function mergeReasons(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [reason, count] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + count;
}
