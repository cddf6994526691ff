// Internal: the one-pass engine behind measureSeries, measureTotals and periodToDate.
// Rows are bucketed by their epoch instant into precomputed buckets (periods or ranges) and
// accumulated per (group, bucket). Inner helpers trust their (already parsed) input.
import { countDecimal, type KpiDecimal } from "../core/decimal.js";
import { definitionError, customIssue, KpiInputError, type KpiIssue } from "../core/errors.js";
import { createExactSum, type ExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import type { PreparedDeal, PreparedData, PreparedStage } from "../model/prepared.js";
import { dealStatesAsOf } from "../model/deal-state-at.js";
import { NOT_CREATED, OPEN, oneCurrency, STATUS_NAMES } from "../model/deal-columns.js";
import { accumulateActivityCube } from "./activity-cube-pass.js";
import { accumulateDealColumns, isEarlier } from "./deal-columns-pass.js";
import { type Matcher, matcher } from "./filter-matcher.js";
import type { SlotTable } from "./series-of.js";
import { type GroupedRow, type GroupKeyReader, type GroupSource, groupFields, groupKeyReader } from "./group-key.js";
import type { AdditiveMeasure, DealWhere, FilterValue, Measure } from "./measure.js";
import type { KpiGroupBy } from "./series.js";

/** Where a row's instant goes: a bucket index, or -1 when the row is outside every bucket. */
export interface Buckets {
  readonly count: number;
  indexOf(ms: number): number;
  /**
   * Identifies the bucket boundaries (and the range they are clipped to): buckets with equal
   * keys put every instant in the same bucket, so work over them can be shared (the activity
   * cube). `undefined`: not shared.
   */
  readonly key?: string;
  /**
   * The slot table behind `indexOf` (an hour or a quarter hour per slot), for passes that
   * bucket many rows inline: the bucket of an instant is `table[floor(ms / slotMs) - base]`
   * when that slot is in the table (else the instant is outside `[fromMs, toMs)`), unless it
   * is -2 (a slot holding a period boundary or the range's start or end): then `indexOf` decides.
   */
  readonly slots?: { readonly table: SlotTable; readonly base: number; readonly slotMs: number; readonly fromMs: number; readonly toMs: number };
}

/** The running state of one (group, bucket) cell. */
interface Cell {
  rows: number;
  count: number;
  sum: ExactSum | undefined;
  keys: Set<string> | undefined;
  /** Rows of this cell left out, by reason; `undefined` while none. */
  skipped: Record<string, number> | undefined;
  /** Rows of this (total) cell without a group key. */
  withoutGroup: number;
}

/** The finished value of one cell. */
export interface CellValue {
  readonly value: KpiDecimal;
  readonly rows: number;
  /** Rows of this cell left out, by reason (absent when none). */
  readonly skipped?: Readonly<Record<string, number>>;
  /** Total cells of a grouped measure: rows counted here that have no group key. */
  readonly withoutGroup?: number;
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
  /**
   * The earliest instant of the measure's source known as of `asOf` (first activity, deal
   * created, lead created), in or out of the buckets; `undefined` without rows. Periods that
   * end before it are "before the data", not zeros.
   */
  readonly dataStartMs: number | undefined;
}

/** Options of {@link accumulate}. */
export interface AccumulateOptions {
  readonly buckets: Buckets;
  /** One field or two; `undefined` or `[]` when not grouped. */
  readonly groupBy: KpiGroupBy | readonly KpiGroupBy[] | undefined;
  readonly missingAmount: "error" | "skip";
  /**
   * The exclusive instant the deals are read as of: each deal's outcome, stage and close are
   * those of its history before it (DESIGN §3, one as-of rule); `undefined` reads the current
   * state. Rows at or after it are never counted (the caller's buckets end there).
   */
  readonly asOfMs: number | undefined;
  /** Use the row pass even where the deal columns or the activity cube serve (tests compare them). */
  readonly rows?: boolean;
}

/** A deal as of the measure's `asOf`: its outcome, stage and close (`undefined` while open). */
interface DealView {
  outcome: string;
  stage: string;
  closedAt: number | undefined;
}

function dealPropertyMatcher(where: DealWhere | undefined): (deal: PreparedDeal, view: DealView) => boolean {
  const outcome = matcher(where?.outcome);
  const stage = matcher(where?.stage);
  const product = matcher(where?.product);
  const currency = matcher(where?.currency);
  return (deal, view) => outcome(view.outcome) && stage(view.stage) && product(deal.product) && currency(deal.currency);
}

/**
 * Reads deal `i` of `data.deals` as of `asOfMs` (or now) into one reused view (no allocation
 * per deal); `undefined` when the deal was not created yet. The states as of `asOfMs` are
 * found once per deals array and instant (`dealStatesAsOf`), shared by every deal measure.
 */
function dealViewer(data: PreparedData, asOfMs: number | undefined): (i: number) => DealView | undefined {
  const view: DealView = { outcome: "", stage: "", closedAt: undefined };
  const pipeline = data.pipeline;
  const deals = data.deals;
  if (asOfMs === undefined || pipeline === undefined) {
    return (i) => {
      const deal = deals[i] as PreparedDeal;
      view.outcome = deal.stage.outcome;
      view.stage = deal.stage.id;
      view.closedAt = deal.closedAt;
      return view;
    };
  }
  const states = dealStatesAsOf(deals, asOfMs, pipeline);
  const { status, since, stage } = states;
  return (i) => {
    const code = status[i] as number;
    if (code === NOT_CREATED) return undefined;
    view.outcome = STATUS_NAMES[code] as string;
    view.stage = (pipeline.stages[stage[i] as number] as PreparedStage).id;
    view.closedAt = code === OPEN ? undefined : (since[i] as number);
    return view;
  };
}

type Grouped = GroupedRow;

function groupMatcher(where: { owner?: FilterValue; team?: FilterValue; source?: FilterValue } | undefined): (row: Grouped) => boolean {
  const owner = matcher(where?.owner);
  const team = matcher(where?.team);
  const source = matcher(where?.source);
  return (row) => owner(row.owner) && team(row.team) && source(row.source);
}

/** The instant of a deal the measure counts it at, or undefined (an open deal has no close). */
function dealInstant(deal: PreparedDeal, view: DealView, at: "createdAt" | "closedAt"): number | undefined {
  return at === "createdAt" ? deal.createdAt : view.closedAt;
}

/**
 * Accumulates an additive measure in one pass over its rows (plus one pass over all deals
 * for `distinct` with `first`). Throws KpiInputError for a deal without amount in a sum
 * (unless `missingAmount: "skip"`) and KpiDefinitionError for a sum over mixed currencies.
 */
export function accumulate(data: PreparedData, measure: AdditiveMeasure, options: AccumulateOptions): Accumulated {
  const fromColumns =
    options.rows === true
      ? undefined
      : measure.source === "activities"
        ? accumulateActivityCube(data, measure, options, groupFields(options.groupBy))
        : accumulateDealColumns(data, measure, options, groupFields(options.groupBy));
  if (fromColumns !== undefined) return fromColumns;
  const { buckets } = options;
  const keyOf: GroupKeyReader | undefined = groupKeyReader(measure.source as GroupSource, groupFields(options.groupBy));
  // Deal states are read only by deal measures (built on first use).
  let viewer: ((i: number) => DealView | undefined) | undefined;
  const viewOf = (i: number): DealView | undefined => (viewer ??= dealViewer(data, options.asOfMs))(i);
  const byGroupCells = new Map<string, Cell[]>();
  const kind = measure.kind;
  const newCell = (): Cell => ({
    rows: 0,
    count: 0,
    sum: kind === "sum" ? createExactSum() : undefined,
    keys: kind === "distinct" && measure.first !== true ? new Set<string>() : undefined,
    skipped: undefined,
    withoutGroup: 0,
  });
  const newCells = (): Cell[] => Array.from({ length: buckets.count }, newCell);
  const total = newCells();
  let rowsUsed = 0;
  let rowsWithoutGroup = 0;
  const skippedReasons: Record<string, number> = {};
  const tally = (cell: Cell, reason: string): void => {
    cell.skipped ??= {};
    cell.skipped[reason] = (cell.skipped[reason] ?? 0) + 1;
  };
  /** Counts a row of `bucket` left out, in the result and in the cells it would have gone to. */
  const skip = (bucket: number, row: Grouped, reason: string): void => {
    skippedReasons[reason] = (skippedReasons[reason] ?? 0) + 1;
    tally(total[bucket] as Cell, reason);
    const key = keyOf?.(row);
    if (key === undefined) return;
    let cells = byGroupCells.get(key);
    if (cells === undefined) {
      cells = newCells();
      byGroupCells.set(key, cells);
    }
    tally(cells[bucket] as Cell, reason);
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
    if (keyOf !== undefined) {
      const key = keyOf(row);
      if (key === undefined) {
        rowsWithoutGroup++;
        totalCell.withoutGroup++;
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
  let dataStartMs = Number.POSITIVE_INFINITY;
  const asOfMs = options.asOfMs ?? Number.POSITIVE_INFINITY;

  if (measure.source === "activities") {
    // Over the columns: a row's owner, team and type come from its codes, and whether the
    // filter takes them is decided once per (owner × team, type) pair.
    const byGroup = groupMatcher(measure.where);
    const type = matcher(measure.where?.type);
    const columns = data.activityColumns;
    const { at, combo, quantity, comboOwner, comboTeam, types } = columns;
    const typeCodes = columns.type;
    const typeCount = types.length;
    /**
     * Per pair seen: the row's fields when the filter takes it, null when not. A Map: this pass
     * runs where pairs are many (the cube did not fit), up to one per row.
     */
    const pairs = new Map<number, GroupedRow | null>();
    for (let i = 0; i < columns.length; i++) {
      const ms = at[i] as number;
      if (ms < dataStartMs && ms < asOfMs) dataStartMs = ms;
      const bucket = buckets.indexOf(ms);
      if (bucket < 0) continue;
      const code = combo[i] as number;
      const typeCode = typeCodes[i] as number;
      // A float: exact however many pairs there are.
      const pair = code * typeCount + typeCode;
      let row = pairs.get(pair);
      if (row === undefined) {
        const fields: GroupedRow = { owner: comboOwner[code] as string, team: comboTeam[code], type: types[typeCode] as string };
        row = type(fields.type) && byGroup(fields) ? fields : null;
        pairs.set(pair, row);
      }
      if (row === null) continue;
      const units = quantity[i] as number;
      use(bucket, row).count += units;
      if (groupCell !== undefined) groupCell.count += units;
    }
  } else if (measure.source === "leads") {
    const byGroup = groupMatcher(measure.where);
    const step = measure.step;
    for (const lead of data.leads) {
      if (lead.createdAt < dataStartMs && lead.createdAt < asOfMs) dataStartMs = lead.createdAt;
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
    const deals = data.deals;
    for (let i = 0; i < deals.length; i++) {
      const deal = deals[i] as PreparedDeal;
      const view = viewOf(i);
      if (view === undefined) continue;
      if (deal.createdAt < dataStartMs) dataStartMs = deal.createdAt;
      const at = dealInstant(deal, view, measure.at);
      if (at === undefined || !property(deal, view)) continue;
      if (deal.account === undefined) {
        const bucket = buckets.indexOf(at);
        if (bucket >= 0 && byGroup(deal)) skip(bucket, deal, "no-account");
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
    const deals = data.deals;
    for (let i = 0; i < deals.length; i++) {
      const deal = deals[i] as PreparedDeal;
      const view = viewOf(i);
      if (view === undefined) continue;
      if (deal.createdAt < dataStartMs) dataStartMs = deal.createdAt;
      const instant = dealInstant(deal, view, at);
      if (instant === undefined) continue;
      const bucket = buckets.indexOf(instant);
      if (bucket < 0 || !property(deal, view) || !byGroup(deal)) continue;
      if (measure.kind === "sum") {
        const amount = deal.amount;
        if (amount === undefined) {
          if (options.missingAmount === "skip") skip(bucket, deal, "missing-amount");
          else if (amountIssues.length < 100) amountIssues.push(customIssue(["deals", deal.index, "amount"], messages.measureMissingAmount));
          continue;
        }
        currencies?.add(deal.currency ?? "(none)");
        const totalCell = use(bucket, deal);
        // Fast exact path on scaled integers when the amount has one (same result as `add`).
        const units = deal.amountUnits;
        const group: Cell | undefined = groupCell;
        if (units !== undefined) {
          totalCell.sum?.addScaled(units, deal.amountScale);
          group?.sum?.addScaled(units, deal.amountScale);
        } else {
          totalCell.sum?.add(amount);
          group?.sum?.add(amount);
        }
      } else if (measure.kind === "distinct") {
        const account = deal.account;
        if (account === undefined) {
          skip(bucket, deal, "no-account");
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
  const currency = currencies === undefined ? undefined : oneCurrency(currencies, ["measure"]);

  const finish = (cells: readonly Cell[]): CellValue[] =>
    cells.map((cell) => {
      const value = cell.sum !== undefined ? cell.sum.value() : countDecimal(cell.keys !== undefined ? cell.keys.size : cell.count);
      const out: { rows: number; value: KpiDecimal; skipped?: Readonly<Record<string, number>>; withoutGroup?: number } = { rows: cell.rows, value };
      if (cell.skipped !== undefined) out.skipped = cell.skipped;
      if (cell.withoutGroup !== 0) out.withoutGroup = cell.withoutGroup;
      return out;
    });
  const byGroup = new Map<string, CellValue[]>();
  for (const [key, cells] of byGroupCells) byGroup.set(key, finish(cells));
  return {
    byGroup,
    total: finish(total),
    rowsUsed,
    rowsWithoutGroup,
    skippedReasons,
    currency,
    dataStartMs: dataStartMs === Number.POSITIVE_INFINITY ? undefined : dataStartMs,
  };
}

/** The `where` filter on the grouping field of a measure (or of both parts of a ratio), if any. */
function groupFilters(measure: Measure, groupBy: KpiGroupBy): Matcher[] {
  const parts = measure.kind === "ratio" ? [measure.numerator, measure.denominator] : measure.kind === "builtin" ? [] : [measure];
  const out: Matcher[] = [];
  for (const part of parts) {
    const where = part.where as Partial<Record<KpiGroupBy, FilterValue>> | undefined;
    const filter = where?.[groupBy];
    if (filter !== undefined) out.push(matcher(filter));
  }
  return out;
}

/**
 * The group keys of a result: the caller's `groups`, the roster (reps or teams; only those
 * the measure's own owner/team filter lets through; for one field only) and the keys seen,
 * sorted.
 */
export function groupKeys(
  data: Pick<PreparedData, "reps">,
  measure: Measure,
  groupBy: KpiGroupBy | readonly KpiGroupBy[] | undefined,
  requested: readonly string[] | undefined,
  seen: Iterable<string>,
): string[] {
  const fields = groupFields(groupBy);
  if (fields.length === 0) {
    if (requested !== undefined && requested.length > 0) throw definitionError("invalid-option", ["groups"], messages.groupsWithoutGroupBy);
    return [];
  }
  const keys = new Set<string>(requested ?? []);
  if (fields.length === 1) {
    const field = fields[0] as KpiGroupBy;
    const filters = groupFilters(measure, field);
    const admit = (key: string): void => {
      if (filters.every((accepts) => accepts(key))) keys.add(key);
    };
    if (field === "owner") for (const rep of data.reps) admit(rep.id);
    if (field === "team") for (const rep of data.reps) if (rep.team !== undefined) admit(rep.team);
  }
  for (const key of seen) keys.add(key);
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Adds skip counts of `from` into `into`. */
export function mergeReasons(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [reason, count] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + count;
}
