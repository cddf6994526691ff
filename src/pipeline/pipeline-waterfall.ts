import { z } from "zod";
import { type KpiDecimal, ZERO } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { type ExactSum, createExactSum } from "../core/exact-sum.js";
import type { KpiTable } from "../core/kpi-table.js";
import { messages } from "../core/messages.js";
import type { PreparedDeal, PreparedData, PreparedStage } from "../model/prepared.js";
import { type InstantInput, InstantSchema, parseInstant } from "../time/instant.js";
import type { PipelineDealsInput, SkippedDeal } from "./deal-input.js";
import { isoInCalendar } from "./deal-period.js";
import { amountAsOf, expectedCloseAsOf } from "./deal-history-as-of.js";
import { dealStateAsOf } from "../model/deal-state-at.js";
import { type PipelineBaseOptions, PipelineBaseOptionsSchema, pipelineContext, sortedSkipped } from "./pipeline-snapshot.js";

/** What the waterfall groups by: fields a deal keeps over time. */
export type PipelineWaterfallGroupBy = "owner" | "team" | "source" | "product";

/** Schema of {@link PipelineWaterfallOptions}. */
export const PipelineWaterfallOptionsSchema = PipelineBaseOptionsSchema.omit({ asOf: true, fx: true }).extend({
  /** The opening instant: the pipeline as of `from` (date-only = the start of that local day). */
  from: InstantSchema,
  /** The closing instant: the pipeline as of `to` (exclusive, like `asOf`; date-only = the start of that day). */
  to: InstantSchema,
  /** Weighted (Σ amount × probability) instead of plain amounts. Default false. */
  weighted: z.boolean().optional(),
  groupBy: z.enum(["owner", "team", "source", "product"]).optional(),
  /**
   * `"all-open"` (default): every open deal. `"due-in-period"`: only open deals whose expected
   * close (as known at the instant) lies before `to` — the pipeline that can still land in
   * the period, overdue deals included; then deals pushed out (expected close moved to `to` or
   * later) and pulled in are movements of their own.
   */
  scope: z.enum(["all-open", "due-in-period"]).optional(),
});

/** Options of {@link pipelineWaterfall}. */
export interface PipelineWaterfallOptions extends Omit<PipelineBaseOptions, "asOf" | "fx"> {
  readonly from: InstantInput;
  readonly to: InstantInput;
  readonly weighted?: boolean;
  readonly groupBy?: PipelineWaterfallGroupBy;
  readonly scope?: "all-open" | "due-in-period";
}

/** The kinds of movement, in the order the waterfall lists them. */
export type WaterfallMovementKind =
  | "created"
  | "moved-forward"
  | "moved-back"
  | "amount-up"
  | "amount-down"
  | "pulled-in"
  | "pushed-out"
  | "won"
  | "lost"
  | "reopened";

const LABELS: Record<WaterfallMovementKind, string> = {
  created: "Created",
  "moved-forward": "Moved forward",
  "moved-back": "Moved back",
  "amount-up": "Amount up",
  "amount-down": "Amount down",
  "pulled-in": "Pulled into the period",
  "pushed-out": "Pushed out of the period",
  won: "Won",
  lost: "Lost",
  reopened: "Reopened",
};

/** One deal's part in a movement. */
export interface WaterfallDeal {
  readonly id: string;
  /** The deal's net contribution to the movement (negative for won, lost, down, back, pushed out). */
  readonly value: KpiDecimal;
  /** How many times it happened to this deal in the window (a deal can move forward twice). */
  readonly events: number;
}

/** One bar of the waterfall. */
export interface WaterfallMovement {
  readonly kind: WaterfallMovementKind;
  readonly label: string;
  /** Σ of the deals' values. */
  readonly value: KpiDecimal;
  readonly dealCount: number;
  /** The deals, sorted by id. */
  readonly deals: readonly WaterfallDeal[];
}

/** A pipeline at one instant. */
export interface WaterfallLevel {
  readonly value: KpiDecimal;
  readonly dealCount: number;
}

/** Opening, movements and closing of one group (or of everything). */
export interface WaterfallPart {
  readonly opening: WaterfallLevel;
  readonly movements: readonly WaterfallMovement[];
  readonly closing: WaterfallLevel;
}

/** One group of a waterfall. */
export interface WaterfallGroup extends WaterfallPart {
  /** The group key; `"(none)"` for deals without the field. */
  readonly group: string;
}

/** Result of {@link pipelineWaterfall}. */
export interface PipelineWaterfallResult extends WaterfallPart {
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly weighted: boolean;
  readonly scope: "all-open" | "due-in-period";
  readonly currency: string | undefined;
  readonly groupBy: PipelineWaterfallGroupBy | null;
  /** One per group, sorted by key (roster reps and teams included with zeros); `[]` without `groupBy`. */
  readonly groups: readonly WaterfallGroup[];
  /** Scope `"due-in-period"`: open deals left out at some point because no expected close was known. */
  readonly withoutExpectedClose: number;
  /** Deal rows looked at (after preparation). */
  readonly rows: number;
  readonly skipped: readonly SkippedDeal[];
  /** Opening, each movement, closing: label, value, deals. */
  readonly table: KpiTable;
  /** With `groupBy`: one row per group — group, opening, each movement's value, closing; `null` without. */
  readonly groupTable: KpiTable | null;
}

/** A deal's place in the waterfall's pipeline at one instant. */
interface Position {
  readonly status: "not-created" | "open" | "won" | "lost";
  readonly stage: PreparedStage | undefined;
  /** In the pipeline (open, and due in the period under that scope). */
  readonly inPipeline: boolean;
  readonly amount: KpiDecimal;
  readonly probability: KpiDecimal;
  /** amount × probability (weighted) or amount. */
  readonly value: KpiDecimal;
}

interface Tally {
  readonly sum: ExactSum;
  readonly deals: Map<string, { readonly sum: ExactSum; events: number; readonly index: number }>;
}

interface PartAcc {
  readonly opening: ExactSum;
  openingCount: number;
  readonly closing: ExactSum;
  closingCount: number;
  readonly movements: Map<WaterfallMovementKind, Tally>;
}

/**
 * Where did the pipeline go between two dates? The pipeline as of `from`, the movements
 * between, each with its deals, and the pipeline as of `to` — adding up exactly.
 *
 * Opening = Σ value of the deals in the pipeline as of `from`; closing = the same as of `to`
 * ("as of t" = everything before t, the rule of `dealStateAt`); value = amount (plain) or
 * amount × (deal probability ?? stage probability) (weighted). A deal is in the pipeline when
 * it is open; under `scope: "due-in-period"` also only when its expected close as known then
 * lies before `to`. Amount and expected close as of t come from `amountHistory` /
 * `expectedCloseHistory` (the last entry before t, else the earliest), else from the row.
 *
 * Movements: each deal's changes at instants in `[from, to)` are walked in order; the value
 * after the changes at instant e is the value as of e + 1 ms, so the steps telescope from the
 * opening to the closing value. A step is:
 * - **created** (+value) when the deal comes into being open; **won** / **lost** (−value before)
 *   when it closes; **reopened** (+value after) when it leaves won/lost for an open stage;
 * - for an open deal whose amount changes: **amount up / down** = (new − old amount) × old
 *   probability; then, weighted only, **moved forward / back** (a later / earlier stage in the
 *   funnel) = new amount × (new − old probability);
 * - scope `"due-in-period"`: **pushed out** (−value before) when the expected close moves to
 *   `to` or later, **pulled in** (+value after) when it moves back before `to`.
 * A deal that closes or is pushed out was in the pipeline; one that was never in it adds nothing.
 *
 * Identity: opening + Σ movements = closing, exactly (every sum an exact Decimal sum of per-deal
 * values), in total and in every group. With `groupBy` (owner, team, source, product: fields a
 * deal keeps) the groups partition the deals, so they add up to the total.
 *
 * Edge cases: currencies follow `currency` and fixed `rates` (no dated `fx`: a rate that moves
 * would be a movement of its own); a deal without amount follows `missingAmount` (skipped
 * deals are listed); `to` must be after `from`.
 *
 * Complexity: O(n · k log h) for n deals with k changes in the window and h history entries.
 *
 * @example
 * const pipeline: Pipeline = { stages: [
 *   { id: "qualify", probability: 0.1, outcome: "open" },
 *   { id: "proposal", probability: 0.5, outcome: "open" },
 *   { id: "won", probability: 1, outcome: "won" },
 * ] };
 * const result = pipelineWaterfall(
 *   [
 *     { id: "a", owner: "ann", stage: "proposal", amount: "10000", createdAt: "2026-01-05" },
 *     { id: "b", owner: "ann", stage: "won", amount: "4000", createdAt: "2026-01-06", closedAt: "2026-03-10" },
 *     { id: "c", owner: "bob", stage: "qualify", amount: "2500", createdAt: "2026-03-03" },
 *   ],
 *   { pipeline, from: "2026-03-01", to: "2026-04-01" },
 * );
 * // March opens with 14000; 2500 created, 4000 won
 * [result.opening.value.toString(), result.closing.value.toString()]; //=> ["14000", "12500"]
 */
export function pipelineWaterfall(deals: PipelineDealsInput, options: PipelineWaterfallOptions): PipelineWaterfallResult {
  const context = pipelineContext(deals, options as PipelineBaseOptions, PipelineWaterfallOptionsSchema);
  const data = context.data;
  const fromMs = parseInstant(options.from, data.calendar, ["from"]);
  const toMs = parseInstant(options.to, data.calendar, ["to"]);
  if (!(toMs > fromMs)) throw definitionError("invalid-option", ["to"], messages.emptyRange);
  const weighted = options.weighted ?? false;
  const scope = options.scope ?? "all-open";
  const groupBy = options.groupBy;
  const pipeline = data.pipeline;

  const newPart = (): PartAcc => ({ opening: createExactSum(), openingCount: 0, closing: createExactSum(), closingCount: 0, movements: new Map() });
  const total = newPart();
  const groups = new Map<string, PartAcc>();
  if (groupBy !== undefined) for (const key of rosterKeys(data, groupBy)) groups.set(key, newPart());
  const withoutExpected = new Set<number>();

  if (pipeline !== undefined) {
    for (const deal of data.deals) {
      if (!(deal.createdAt < toMs)) continue;
      // Closed for good before `from` (its current won/lost state began earlier): never in the
      // pipeline in the window, whatever its amount or expected close did. Most old deals.
      if (deal.stage.outcome !== "open" && deal.currentSince < fromMs) continue;
      let baseAmount = deal.amount;
      if (baseAmount === undefined && (deal.amountHistory?.length ?? 0) === 0) {
        const read = context.readAmount(deal);
        if ("skipReason" in read) {
          context.skipped.push({ index: deal.index, id: deal.id, reason: read.skipReason });
          continue;
        }
        baseAmount = read.amount;
      }
      const fixedAmount = baseAmount;
      const position = (t: number): Position => {
        const state = dealStateAsOf(deal, t, pipeline);
        const rawAmount = (amountAsOf(deal, t) ?? fixedAmount) as KpiDecimal;
        const amount = context.converter.convert(deal, rawAmount, undefined);
        const probability = state.stage === undefined ? ZERO : (deal.probability ?? state.stage.probability);
        let inPipeline = state.status === "open";
        if (inPipeline && scope === "due-in-period") {
          const expected = expectedCloseAsOf(deal, t);
          if (expected === undefined) withoutExpected.add(deal.index);
          inPipeline = expected !== undefined && expected < toMs;
        }
        return { status: state.status, stage: state.stage, inPipeline, amount, probability, value: weighted ? amount.times(probability) : amount };
      };
      const parts = [total];
      if (groupBy !== undefined) {
        const key = groupKey(deal, groupBy);
        let part = groups.get(key);
        if (part === undefined) groups.set(key, (part = newPart()));
        parts.push(part);
      }
      const add = (kind: WaterfallMovementKind, plus: KpiDecimal | undefined, minus: KpiDecimal | undefined) => {
        for (const part of parts) {
          let tally = part.movements.get(kind);
          if (tally === undefined) part.movements.set(kind, (tally = { sum: createExactSum(), deals: new Map() }));
          let entry = tally.deals.get(deal.id);
          if (entry === undefined) tally.deals.set(deal.id, (entry = { sum: createExactSum(), events: 0, index: deal.index }));
          entry.events++;
          for (const sum of [tally.sum, entry.sum]) {
            if (plus !== undefined) sum.add(plus);
            if (minus !== undefined) sum.add(minus.neg());
          }
        }
      };

      let before = position(fromMs);
      if (before.inPipeline) {
        for (const part of parts) {
          part.opening.add(before.value);
          part.openingCount++;
        }
      }
      for (const at of changeInstants(deal, fromMs, toMs)) {
        const after = position(at + 1);
        step(before, after, weighted, add);
        before = after;
      }
      // The closing is read as of `to` on its own, not taken from the walk: the identity is checked, not assumed.
      const closing = position(toMs);
      if (closing.inPipeline) {
        for (const part of parts) {
          part.closing.add(closing.value);
          part.closingCount++;
        }
      }
    }
  }

  const kinds: WaterfallMovementKind[] = [
    "created",
    ...(weighted ? (["moved-forward", "moved-back"] as const) : []),
    "amount-up",
    "amount-down",
    ...(scope === "due-in-period" ? (["pulled-in", "pushed-out"] as const) : []),
    "won",
    "lost",
    "reopened",
  ];
  const finish = (part: PartAcc): WaterfallPart => ({
    opening: { value: part.opening.value(), dealCount: part.openingCount },
    movements: kinds.map((kind) => movement(kind, part.movements.get(kind))),
    closing: { value: part.closing.value(), dealCount: part.closingCount },
  });
  const all = finish(total);
  const cell = (value: KpiDecimal) => value.toString();
  const grouped = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([group, part]) => ({ group, ...finish(part) }));
  return {
    from: isoInCalendar(fromMs, data.calendar),
    to: isoInCalendar(toMs, data.calendar),
    fromMs,
    toMs,
    weighted,
    scope,
    currency: context.converter.currency(),
    groupBy: groupBy ?? null,
    ...all,
    groups: grouped,
    withoutExpectedClose: withoutExpected.size,
    rows: data.deals.length,
    skipped: sortedSkipped(context.skipped),
    table: {
      columns: ["movement", "value", "deals"],
      rows: [
        ["Opening pipeline", cell(all.opening.value), all.opening.dealCount],
        ...all.movements.map((m) => [m.label, cell(m.value), m.dealCount]),
        ["Closing pipeline", cell(all.closing.value), all.closing.dealCount],
      ],
    },
    groupTable:
      groupBy === undefined
        ? null
        : {
            columns: [groupBy, "Opening pipeline", ...kinds.map((kind) => LABELS[kind]), "Closing pipeline"],
            rows: grouped.map((g) => [g.group, cell(g.opening.value), ...g.movements.map((m) => cell(m.value)), cell(g.closing.value)]),
          },
  };
}

/** Classifies one step of a deal (all its changes at one instant) into movements. */
function step(
  before: Position,
  after: Position,
  weighted: boolean,
  add: (kind: WaterfallMovementKind, plus: KpiDecimal | undefined, minus: KpiDecimal | undefined) => void,
): void {
  const wasOpen = before.status === "open";
  const isOpen = after.status === "open";
  if (!wasOpen && !isOpen) return;
  if (!wasOpen) {
    // Into an open stage: created (from nothing) or reopened (from won or lost).
    if (after.inPipeline) add(before.status === "not-created" ? "created" : "reopened", after.value, undefined);
    return;
  }
  if (!isOpen) {
    if (before.inPipeline) add(after.status === "won" ? "won" : "lost", undefined, before.value);
    return;
  }
  if (before.inPipeline && !after.inPipeline) {
    add("pushed-out", undefined, before.value);
    return;
  }
  if (!before.inPipeline) {
    if (after.inPipeline) add("pulled-in", after.value, undefined);
    return;
  }
  // Open and in the pipeline before and after: the amount change at the old probability, then
  // the probability change at the new amount; the two add up to after − before exactly.
  const amountChanged = !after.amount.equals(before.amount);
  const middle = weighted ? after.amount.times(before.probability) : after.amount;
  if (amountChanged) add(after.amount.gt(before.amount) ? "amount-up" : "amount-down", middle, before.value);
  if (weighted && after.stage !== before.stage && after.stage !== undefined && before.stage !== undefined) {
    add(after.stage.index > before.stage.index ? "moved-forward" : "moved-back", after.value, middle);
  } else if (weighted && !after.value.equals(middle)) {
    // Not reached with the pipeline's probabilities (they depend on the stage only); kept so the
    // identity can never break silently.
    add(after.probability.gt(before.probability) ? "moved-forward" : "moved-back", after.value, middle);
  }
}

/** The distinct instants in `[fromMs, toMs)` at which the deal's state, amount or expected close may change, ascending. */
function changeInstants(deal: PreparedDeal, fromMs: number, toMs: number): number[] {
  const instants = new Set<number>();
  const consider = (at: number | undefined) => {
    if (at !== undefined && at >= fromMs && at < toMs) instants.add(at);
  };
  consider(deal.createdAt);
  for (const move of deal.history) consider(move.at);
  consider(deal.currentSince);
  consider(deal.closedAt);
  for (const entry of deal.amountHistory ?? []) consider(entry.at);
  for (const entry of deal.expectedCloseHistory ?? []) consider(entry.at);
  return [...instants].sort((a, b) => a - b);
}

const NO_GROUP = "(none)";

function groupKey(deal: PreparedDeal, groupBy: PipelineWaterfallGroupBy): string {
  const key = groupBy === "owner" ? deal.owner : groupBy === "team" ? deal.team : groupBy === "source" ? deal.source : deal.product;
  return key ?? NO_GROUP;
}

function rosterKeys(data: PreparedData, groupBy: PipelineWaterfallGroupBy): string[] {
  if (groupBy === "owner") return data.reps.map((rep) => rep.id);
  if (groupBy === "team") return data.reps.flatMap((rep) => (rep.team === undefined ? [] : [rep.team]));
  return [];
}

function movement(kind: WaterfallMovementKind, tally: Tally | undefined): WaterfallMovement {
  const deals = tally === undefined ? [] : [...tally.deals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    kind,
    label: LABELS[kind],
    value: tally === undefined ? ZERO : tally.sum.value(),
    dealCount: deals.length,
    deals: deals.map(([id, entry]) => ({ id, value: entry.sum.value(), events: entry.events })),
  };
}
