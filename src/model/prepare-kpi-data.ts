import { z } from "zod";
import { type DecimalLike, isAmount, type KpiDecimal, MAX_AMOUNT_DECIMALS, toDecimal } from "../core/decimal.js";
import { scaledToDecimal, toScaledInteger } from "../core/exact-sum.js";
import { customIssue, definitionError, formatPath, KpiInputError, type KpiIssue } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { parseDefinition, parseOptions } from "../core/parse-input.js";
import type { ReadonlyInput } from "../core/readonly-input.js";
import { type KpiCalendarInput, KpiCalendarSchema, DEFAULT_CALENDAR, sameCalendar } from "../time/calendar.js";
import { type InstantReader, createInstantReader } from "../time/instant.js";
import { isIterableObject } from "./kpi-data.js";
import { ActivitySchema } from "./activity.js";
import { DealSchema } from "./deal.js";
import { dealCurrentSince } from "./deal-close.js";
import { type IdHashes, type KeptColumns, type KeptRow, createIdHashes, findDuplicateIds } from "./duplicate-ids.js";
import type { KpiData, KpiDataInput } from "./kpi-data.js";
import { LeadSchema } from "./lead.js";
import { type Pipeline, PipelineSchema } from "./pipeline.js";
import {
  type KpiCollection,
  makePrepared,
  type PreparedAmountChange,
  type PreparedExpectedCloseChange,
  type PreparedData,
  type PreparedKpiData,
  type PreparedLead,
  type PreparedPipeline,
  type PreparedRep,
  type PreparedStage,
  type SkippedRow,
  isPrepared,
  preparedRows,
} from "./prepared.js";
import { ActivityColumnsBuilder } from "./activity-columns.js";
import { dealColumns, dealHistory } from "./deal-columns.js";
import { leadColumns } from "./lead-columns.js";
import { RepSchema } from "./rep.js";
import { type DealFields, DealRow } from "./deal-row.js";
import { StageMoveColumns } from "./stage-moves.js";

/** Schema of {@link PrepareKpiDataOptions} (strict: an unknown option is a `KpiDefinitionError`). */
export const PrepareKpiDataOptionsSchema = z.strictObject({
  /** The calendar that date-only values are read in and periods are computed in. Default UTC. */
  calendar: KpiCalendarSchema.optional(),
  /** The pipeline, when `data.pipeline` is not given (given both, they must be the same). */
  pipeline: PipelineSchema.optional(),
  /**
   * What to do with an invalid row: `"error"` (default) throws `KpiInputError` listing every
   * problem; `"skip"` leaves the row out and lists it in `skipped`.
   */
  invalidRows: z.enum(["error", "skip"]).optional(),
});

/** Options of {@link prepareKpiData}. */
export interface PrepareKpiDataOptions {
  readonly calendar?: KpiCalendarInput | undefined;
  readonly pipeline?: ReadonlyInput<Pipeline> | undefined;
  readonly invalidRows?: "error" | "skip" | undefined;
}

/** The collections a function may take on their own, as an array, in place of a data bag. */
export type RowCollection = "deals" | "leads" | "reps";

/** The inputs {@link prepare} takes: a bag, prepared data, or one collection's rows as an array. */
export type PrepareInput = KpiData | PreparedKpiData | readonly unknown[];

const BagSchema = z.object({
  pipeline: z.unknown().optional(),
  reps: z.array(z.unknown()).optional(),
  deals: z.array(z.unknown()).optional(),
  activities: z.custom<Iterable<unknown>>(isIterableObject, { error: messages.activityRows }).optional(),
  leads: z.array(z.unknown()).optional(),
});

type Bag = z.output<typeof BagSchema>;

/** True when `value` passes {@link BagSchema}: an object whose collections are arrays when given. */
function isBag(value: unknown): value is Bag {
  if (!isRow(value)) return false;
  const bag = value;
  return (
    (bag.reps === undefined || Array.isArray(bag.reps)) &&
    (bag.deals === undefined || Array.isArray(bag.deals)) &&
    (bag.activities === undefined || isIterableObject(bag.activities)) &&
    (bag.leads === undefined || Array.isArray(bag.leads))
  );
}

/** The most invalid rows one KpiInputError names (the CLI says so past them: its LIBRARY_MAX_ISSUES). */
const MAX_ISSUES = 100;
/** Longest output array sized up front (V8 keeps arrays of up to 32M elements in fast mode). */
const MAX_PREALLOCATED = 1 << 24;

/**
 * An output array for `length` rows, sized up front: growing a million-row array by pushing
 * copies it again and again. The caller trims it to the rows it kept.
 */
function preallocate<T>(length: number): T[] {
  return length <= MAX_PREALLOCATED ? new Array<T>(length) : [];
}

type Row = Record<string, unknown>;
/** An invalid row, reported once the collection's duplicate ids are known (in input order). */
interface Rejected {
  readonly index: number;
  readonly issues: readonly KpiIssue[];
}
type Result<T> = T | KpiIssue[];

function isRow(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
/**
 * The rule of zod's `z.record`: a plain object (not a Date, Map, array or class instance)
 * without enumerable symbol keys.
 */
function isPlainRecord(value: unknown): value is Row {
  if (!isRow(value)) return false;
  const constructor = value.constructor;
  if (constructor !== undefined && typeof constructor === "function") {
    const prototype: unknown = constructor.prototype;
    if (!isRow(prototype) || !Object.hasOwn(prototype, "isPrototypeOf")) return false;
  }
  for (const key of Object.getOwnPropertySymbols(value)) if (Object.prototype.propertyIsEnumerable.call(value, key)) return false;
  return true;
}
function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}
function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === "string";
}
function optionalInstant(value: unknown, reader: InstantReader): number | undefined | null {
  if (value === undefined) return undefined;
  const ms = reader.read(value);
  return Number.isNaN(ms) ? null : ms;
}
function isProbability(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === "number" && value >= 0 && value <= 1);
}

/**
 * The amount check of the hot path: a safe integer, or a value whose scaled-integer form has
 * at most 10 decimals (a safe integer is below 10^16), else the full rule ({@link isAmount}).
 */
function isFastAmount(value: unknown): boolean {
  if (typeof value === "number" && Number.isSafeInteger(value)) return true;
  if (typeof value === "number" || typeof value === "string") {
    const scaled = toScaledInteger(value);
    if (scaled !== undefined) return scaled.scale <= MAX_AMOUNT_DECIMALS;
  }
  return isAmount(value);
}

/** zod's issues for a row the fast check rejected; the same rules, so there always are some. */
function schemaIssues(schema: z.ZodType, row: unknown): KpiIssue[] {
  const result = schema.safeParse(row);
  return result.success ? [customIssue([], messages.rowInvalid)] : result.error.issues;
}

/** Prepares the pipeline (a definition: problems are `KpiDefinitionError`). */
export function preparePipeline(input: unknown): PreparedPipeline {
  const pipeline = parseDefinition(PipelineSchema, input, ["pipeline"]);
  const stages: PreparedStage[] = pipeline.stages.map((stage, index) => {
    const scaled = toScaledInteger(stage.probability);
    return {
      id: stage.id,
      label: stage.label,
      index,
      probability: toDecimal(stage.probability),
      probabilityUnits: scaled?.units,
      probabilityScale: scaled?.scale ?? 0,
      outcome: stage.outcome,
    };
  });
  return { stages, byId: new Map(stages.map((stage) => [stage.id, stage])) };
}

function prepareRep(row: unknown, index: number, reader: InstantReader): Result<PreparedRep> {
  if (isRow(row) && isText(row.id) && isOptionalString(row.name) && isOptionalString(row.team)) {
    const startedAt = optionalInstant(row.startedAt, reader);
    const leftAt = optionalInstant(row.leftAt, reader);
    if (startedAt !== null && leftAt !== null) {
      if (startedAt !== undefined && leftAt !== undefined && leftAt < startedAt) {
        return [customIssue(["leftAt"], messages.leftBeforeStarted, row.leftAt)];
      }
      return { index, id: row.id, name: row.name, team: row.team, startedAt, leftAt };
    }
  }
  return schemaIssues(RepSchema, row);
}

/**
 * The activities, checked by hand in one loop (a million rows is the common size): the hot
 * path reads each field once and writes it straight into the columns (no row object). An
 * iterable that is not an array is read once, in order; its rows are numbered as read.
 */
function prepareActivities(
  rows: Iterable<unknown>,
  reader: InstantReader,
  teams: ReadonlyMap<string, string>,
  rejected: Rejected[],
): { readonly builder: ActivityColumnsBuilder; readonly ids: IdHashes } {
  const capacity = Array.isArray(rows) ? rows.length : 0;
  const out = new ActivityColumnsBuilder(capacity, teams);
  const ids = createIdHashes(capacity);
  if (Array.isArray(rows)) {
    for (let index = 0; index < rows.length; index++) prepareActivity(rows[index], index, reader, out, ids, rejected);
  } else {
    const iterator = readOnce(rows);
    let index = 0;
    for (let step = iterator.next(); step.done !== true; step = iterator.next()) prepareActivity(step.value, index++, reader, out, ids, rejected);
  }
  return { builder: out, ids };
}

/** The iterators of activities read so far: a second read would find no rows, not the rows. */
const readIterators = new WeakSet<object>();

/**
 * The iterator to read `rows` with, once: throws when it is one an earlier call has read (a
 * generator, `array.values()`, or an iterable that hands out the same cursor each time), and
 * remembers it. Iterables that start afresh each time (a Set) can be read any number of times.
 */
function readOnce(rows: Iterable<unknown>): Iterator<unknown> {
  const iterator = rows[Symbol.iterator]();
  if (readIterators.has(iterator)) throw new KpiInputError([customIssue(["activities"], messages.iteratorRead, undefined)]);
  readIterators.add(iterator);
  return iterator;
}

/** One activity into the columns, or into `rejected` with its issues. */
function prepareActivity(row: unknown, index: number, reader: InstantReader, out: ActivityColumnsBuilder, ids: IdHashes, rejected: Rejected[]): void {
  if (isRow(row)) {
    const id = row.id;
    const owner = row.owner;
    const team = row.team;
    const type = row.type;
    const quantity = row.quantity;
    if (
      isText(owner) &&
      isText(type) &&
      isOptionalString(id) &&
      isOptionalString(team) &&
      (quantity === undefined || (Number.isSafeInteger(quantity) && (quantity as number) > 0))
    ) {
      const at = reader.read(row.at);
      if (!Number.isNaN(at)) {
        out.add(index, id, owner, team, type, at, (quantity as number | undefined) ?? 1);
        ids.add(id);
        return;
      }
    }
  }
  rejected.push({ index, issues: schemaIssues(ActivitySchema, row) });
}

function prepareLead(row: unknown, index: number, reader: InstantReader, teams: ReadonlyMap<string, string>): Result<PreparedLead> {
  if (
    isRow(row) &&
    isText(row.id) &&
    isOptionalString(row.owner) &&
    isOptionalString(row.team) &&
    isOptionalString(row.source) &&
    (row.reached === undefined || isPlainRecord(row.reached))
  ) {
    const createdAt = reader.read(row.createdAt);
    const returnedAt = optionalInstant(row.returnedAt, reader);
    const reached = new Map<string, number>();
    let valid = !Number.isNaN(createdAt) && returnedAt !== null;
    if (valid && row.reached !== undefined) {
      for (const step of Object.keys(row.reached)) {
        // zod's record skips a "__proto__" key (JSON.parse can create one).
        if (step === "__proto__") continue;
        const at = reader.read(row.reached[step]);
        if (Number.isNaN(at)) {
          valid = false;
          break;
        }
        reached.set(step, at);
      }
    }
    if (valid) {
      const owner = row.owner;
      return {
        index,
        id: row.id,
        owner,
        team: row.team ?? (owner === undefined ? undefined : teams.get(owner)),
        source: row.source,
        createdAt,
        reached,
        returnedAt: returnedAt ?? undefined,
      };
    }
  }
  return schemaIssues(LeadSchema, row);
}

const NO_MOVES: readonly unknown[] = [];

function prepareDeal(
  row: unknown,
  index: number,
  reader: InstantReader,
  pipeline: PreparedPipeline,
  teams: ReadonlyMap<string, string>,
  moves: StageMoveColumns,
): Result<DealRow> {
  if (
    !(
      isRow(row) &&
      isText(row.id) &&
      isText(row.owner) &&
      isText(row.stage) &&
      isOptionalString(row.team) &&
      isOptionalString(row.account) &&
      isOptionalString(row.product) &&
      isOptionalString(row.source) &&
      (row.currency === undefined || isText(row.currency)) &&
      (row.amount === undefined || isFastAmount(row.amount)) &&
      isProbability(row.probability) &&
      (row.stageHistory === undefined || Array.isArray(row.stageHistory)) &&
      (row.amountHistory === undefined || Array.isArray(row.amountHistory)) &&
      (row.expectedCloseHistory === undefined || Array.isArray(row.expectedCloseHistory))
    )
  ) {
    return schemaIssues(DealSchema, row);
  }
  const createdAt = reader.read(row.createdAt);
  const closedAtInput = optionalInstant(row.closedAt, reader);
  const expectedCloseAt = optionalInstant(row.expectedCloseAt, reader);
  if (Number.isNaN(createdAt) || closedAtInput === null || expectedCloseAt === null) return schemaIssues(DealSchema, row);
  const amountHistory = row.amountHistory === undefined ? undefined : prepareAmountHistory(row.amountHistory as unknown[], reader);
  const expectedCloseHistory =
    row.expectedCloseHistory === undefined ? undefined : prepareExpectedCloseHistory(row.expectedCloseHistory as unknown[], reader);
  if (amountHistory === null || expectedCloseHistory === null) return schemaIssues(DealSchema, row);

  // Allocated only when there is a problem: most rows have none.
  let issues: KpiIssue[] | undefined;
  const stage = pipeline.byId.get(row.stage);
  if (stage === undefined) (issues ??= []).push(customIssue(["stage"], messages.unknownStage(row.stage), row.stage));

  const historyInput = row.stageHistory === undefined ? NO_MOVES : (row.stageHistory as unknown[]);
  // The moves go straight into the columns, as the deal's run; a rejected deal takes its run back.
  const from = moves.length;
  let closedInHistory = false;
  for (let i = 0; i < historyInput.length; i++) {
    const move = historyInput[i];
    if (!(isRow(move) && isText(move.stage))) return rejectRun(moves, from, schemaIssues(DealSchema, row));
    const at = reader.read(move.at);
    if (Number.isNaN(at)) return rejectRun(moves, from, schemaIssues(DealSchema, row));
    const moveStage = pipeline.byId.get(move.stage);
    if (moveStage === undefined) {
      (issues ??= []).push(customIssue(["stageHistory", i, "stage"], messages.unknownStage(move.stage), move.stage));
    } else if (at < createdAt) {
      (issues ??= []).push(customIssue(["stageHistory", i, "at"], messages.moveBeforeCreated, move.at));
    } else {
      moves.push(at, moveStage.index);
      if (moveStage.outcome !== "open") closedInHistory = true;
    }
  }
  if (issues !== undefined || stage === undefined) return rejectRun(moves, from, issues ?? []);
  const to = moves.length;
  // By instant, same-instant moves in funnel order (skipped when already in order).
  moves.sortRun(from, to);

  // When the deal entered its current state; for a closed deal also its one effective close.
  const currentSince = dealCurrentSince(stage, to === from ? undefined : moves.move(to - 1), closedInHistory, createdAt, closedAtInput);
  let closedAt: number | undefined;
  if (stage.outcome !== "open") {
    if (Number.isNaN(currentSince)) return rejectRun(moves, from, [customIssue(["closedAt"], messages.closedWithoutCloseDate(stage.id), row.closedAt)]);
    // Moves are not before createdAt, so only the row's own closedAt can be.
    if (closedAtInput !== undefined && closedAtInput < createdAt) return rejectRun(moves, from, [customIssue(["closedAt"], messages.closedBeforeCreated, row.closedAt)]);
    closedAt = currentSince;
  }
  const amountInput = row.amount as DecimalLike | undefined;
  const amountScaled = amountInput === undefined || typeof amountInput === "object" ? undefined : toScaledInteger(amountInput);
  // With a scaled integer, the deal makes its Decimal from it when first read (the same Decimal, without reading the digits again).
  const amount: KpiDecimal | undefined = amountScaled !== undefined || amountInput === undefined ? undefined : toDecimal(amountInput);
  const probabilityScaled = row.probability === undefined ? undefined : toScaledInteger(row.probability);
  const fields: DealFields = {
    index,
    id: row.id,
    owner: row.owner,
    team: row.team ?? teams.get(row.owner),
    account: row.account,
    product: row.product,
    source: row.source,
    currency: row.currency as string | undefined,
    amount,
    amountUnits: amountScaled?.units,
    amountScale: amountScaled?.scale ?? 0,
    probability:
      probabilityScaled !== undefined
        ? scaledToDecimal(probabilityScaled.units, probabilityScaled.scale)
        : row.probability === undefined
          ? undefined
          : toDecimal(row.probability),
    probabilityUnits: probabilityScaled?.units,
    probabilityScale: probabilityScaled?.scale ?? 0,
    stage,
    createdAt,
    closedAt,
    expectedCloseAt,
    currentSince,
    amountHistory,
    expectedCloseHistory,
  };
  return new DealRow(fields, moves, from, to);
}

/** Takes back the moves a rejected deal added (from `from` on) and returns its issues. */
function rejectRun(moves: StageMoveColumns, from: number, issues: KpiIssue[]): KpiIssue[] {
  moves.truncate(from);
  return issues;
}

/** The most stage moves the deals can add: the sum of their histories' lengths (an upper bound: invalid rows add none). */
function movesBound(rows: readonly unknown[]): number {
  let count = 0;
  for (const row of rows) if (isRow(row) && Array.isArray(row.stageHistory)) count += row.stageHistory.length;
  return count;
}

/** Sorts dated entries by instant, stably (entries at one instant keep their input order). */
function byInstant<T extends { readonly at: number }>(entries: T[]): T[] {
  for (let i = 1; i < entries.length; i++) {
    if ((entries[i - 1] as T).at > (entries[i] as T).at) return entries.sort((a, b) => a.at - b.at);
  }
  return entries;
}

/** A deal's `amountHistory`, sorted by instant; `null` when an entry is invalid (zod then names it). */
function prepareAmountHistory(input: readonly unknown[], reader: InstantReader): PreparedAmountChange[] | null {
  const out: PreparedAmountChange[] = [];
  for (const entry of input) {
    if (!isRow(entry) || !isAmount(entry.amount)) return null;
    const at = reader.read(entry.at);
    if (Number.isNaN(at)) return null;
    out.push({ amount: toDecimal(entry.amount as DecimalLike), at });
  }
  return byInstant(out);
}

/** A deal's `expectedCloseHistory`, sorted by instant; `null` when an entry is invalid. */
function prepareExpectedCloseHistory(input: readonly unknown[], reader: InstantReader): PreparedExpectedCloseChange[] | null {
  const out: PreparedExpectedCloseChange[] = [];
  for (const entry of input) {
    if (!isRow(entry)) return null;
    const at = reader.read(entry.at);
    const expected = reader.read(entry.expectedCloseAt);
    if (Number.isNaN(at) || Number.isNaN(expected)) return null;
    out.push({ expectedCloseAt: expected, at });
  }
  return byInstant(out);
}

/**
 * Validates and normalises a {@link KpiData} bag once: instants become epoch milliseconds
 * (date-only values are the start of that day in the calendar's zone), amounts become
 * Decimals, stages are resolved against the pipeline, stage histories are sorted (by instant;
 * moves at the same instant open stages first in pipeline order, then won and lost — never by
 * input order, see `compareStageMoves`) and each deal's effective close is found. Every KPI
 * function accepts the result in place of raw data and skips this work, so a CRM computing
 * twenty KPIs pays for validation once.
 *
 * Rules beyond the row schemas: a deal's stage and every history stage exist in the
 * pipeline; a deal in a won or lost stage has a `closedAt` or a move into won/lost in its
 * history, and no `closedAt` before `createdAt`; its effective close is when it entered its
 * current stage — the last move when that is into the current stage, else the row's
 * `closedAt` when not before the last move, else the last move (`dealCurrentSince`) — and
 * every KPI reads that one instant; no stage move lies before `createdAt`; a rep's
 * `leftAt` is not before `startedAt`; ids are unique within reps, deals and leads (and
 * activities that have one): a later row with an earlier row's id is an issue at its `id`
 * (`deals[7].id: duplicate id "d1": also deals[2]`), or skipped, and the first row kept. A
 * row without `team` takes its owner's team from the roster.
 *
 * Activities may come as any iterable of rows instead of an array (a generator that reads a
 * file or a database cursor, so that a million rows are never held as objects at once): it is
 * read once, in order, and a row's position in issues (`activities[7]`) is its place in that
 * order. An iterator that an earlier call has read is refused (`activities: this iterator was
 * read already…`), never taken for no rows.
 *
 * Cost: one pass over each collection (with a hash set of its ids), plus a sort of each
 * deal's history.
 *
 * @throws KpiInputError listing every invalid row and field (`deals[3].amount: expected a
 *   decimal string or number`), unless `invalidRows: "skip"`.
 * @throws KpiDefinitionError when the pipeline is invalid, or deals are given without one.
 * @example
 * const prepared = prepareKpiData(
 *   { activities: [{ owner: "ann", type: "call", at: "2026-03-31" }] },
 *   { calendar: { timeZone: "Europe/Amsterdam" } },
 * );
 * new Date(profileKpiData(prepared).firstMs ?? 0).toISOString(); //=> "2026-03-30T22:00:00.000Z"
 */
export function prepareKpiData(data: KpiDataInput | PreparedKpiData, options: PrepareKpiDataOptions = {}): PreparedKpiData {
  return prepare(data, options);
}

/** True when two prepared pipelines have the same stages, in the same order, with the same outcomes and probabilities. */
function samePipeline(a: PreparedPipeline, b: PreparedPipeline): boolean {
  return (
    a.stages.length === b.stages.length &&
    a.stages.every((stage, i) => {
      const other = b.stages[i] as PreparedStage;
      return stage.id === other.id && stage.outcome === other.outcome && stage.probability.eq(other.probability) && stage.label === other.label;
    })
  );
}

/**
 * The one way in: every function hands its data argument to this, once, at its boundary.
 * Takes any of the input shapes — a {@link KpiData} bag, data from {@link prepareKpiData}
 * (returned as it is, after checking that a `calendar` or `pipeline` option agrees with it),
 * or, when `rows` names the collection, an array of that collection's rows (deals, leads or
 * reps on their own) — and returns prepared data. Inner code takes the result and never asks
 * "raw or prepared?".
 *
 * @throws KpiDefinitionError for bad options, or a `calendar` (`calendar-mismatch`) or
 *   `pipeline` (`pipeline-mismatch`) that conflicts with the prepared data or the bag's own.
 * @throws KpiInputError for invalid rows, or an input of none of the shapes.
 */
export function prepare(input: unknown, options: unknown = {}, rows?: RowCollection): PreparedData {
  const opts = parseOptions(PrepareKpiDataOptionsSchema, options === undefined ? {} : options);
  if (isPrepared(input)) {
    const prepared = preparedRows(input);
    if (opts.calendar !== undefined && !sameCalendar(input.calendar, opts.calendar)) {
      throw definitionError("calendar-mismatch", ["calendar"], messages.calendarMismatch);
    }
    if (opts.pipeline !== undefined && (prepared.pipeline === undefined || !samePipeline(prepared.pipeline, preparePipeline(opts.pipeline)))) {
      throw definitionError("pipeline-mismatch", ["pipeline"], messages.pipelineMismatch);
    }
    return prepared;
  }
  if (rows !== undefined && Array.isArray(input)) return prepareBag({ [rows]: input }, opts);
  if (rows !== undefined && !isBag(input)) throw new KpiInputError([customIssue([rows], messages.rowsExpected(rows), undefined)]);
  return prepareBag(input, opts);
}

function prepareBag(data: unknown, options: z.output<typeof PrepareKpiDataOptionsSchema>): PreparedData {
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  // The bag's shape, checked by hand: zod would copy every million-row array.
  if (!isBag(data)) {
    const bagResult = BagSchema.safeParse(data);
    throw new KpiInputError(bagResult.success ? [customIssue([], messages.bagExpected)] : bagResult.error.issues);
  }
  const bag = data;
  const skipMode = options.invalidRows === "skip";
  const issues: KpiIssue[] = [];
  const skipped: SkippedRow[] = [];

  function reject(collection: KpiCollection, index: number, result: readonly KpiIssue[]): void {
    const rowIssues = result.map((issue) => ({ ...issue, path: [collection, index, ...issue.path] }) as KpiIssue);
    if (skipMode) {
      skipped.push({ collection, index, reasons: rowIssues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`) });
    } else if (issues.length < MAX_ISSUES) {
      issues.push(...rowIssues.slice(0, MAX_ISSUES - issues.length));
    }
  }

  /**
   * Of the valid rows `kept` (in input order, their ids added to `ids`), the positions
   * of every later row with an id already kept, ascending: those are rejected. Reports them
   * and the invalid rows `rejected` (in input order) together, in input order.
   */
  function laterOfEachId(collection: KpiCollection, kept: readonly KeptRow[] | KeptColumns, ids: IdHashes, rejected: readonly Rejected[]): number[] {
    const duplicates = findDuplicateIds(collection, kept, ids);
    let next = 0;
    const reportUpTo = (index: number) => {
      for (; next < rejected.length && (rejected[next] as Rejected).index < index; next++) {
        const row = rejected[next] as Rejected;
        reject(collection, row.index, row.issues);
      }
    };
    const positions: number[] = [];
    for (const duplicate of duplicates) {
      reportUpTo(duplicate.index);
      reject(collection, duplicate.index, duplicate.issues);
      positions.push(duplicate.position);
    }
    reportUpTo(Number.POSITIVE_INFINITY);
    return positions;
  }

  /** `kept` less the rows at `drop` (positions, ascending), in place. */
  function without<T>(kept: T[], drop: readonly number[]): T[] {
    if (drop.length === 0) return kept;
    let count = 0;
    let next = 0;
    for (let position = 0; position < kept.length; position++) {
      if (next < drop.length && drop[next] === position) {
        next++;
        continue;
      }
      kept[count++] = kept[position] as T;
    }
    kept.length = count;
    return kept;
  }

  function collect<T extends { readonly id: string; readonly index: number }>(
    collection: KpiCollection,
    rows: readonly unknown[] | undefined,
    prepare: (row: unknown, index: number) => Result<T>,
  ): T[] {
    if (rows === undefined) return [];
    const out = preallocate<T>(rows.length);
    const ids = createIdHashes(rows.length);
    const rejected: Rejected[] = [];
    let count = 0;
    for (let index = 0; index < rows.length; index++) {
      const result = prepare(rows[index], index);
      if (Array.isArray(result)) {
        rejected.push({ index, issues: result });
      } else {
        out[count++] = result as T;
        ids.add((result as T).id);
      }
    }
    if (count < out.length) out.length = count;
    return without(out, laterOfEachId(collection, out, ids, rejected));
  }

  const pipeline = bag.pipeline === undefined ? (options.pipeline === undefined ? undefined : preparePipeline(options.pipeline)) : preparePipeline(bag.pipeline);
  if (pipeline !== undefined && bag.pipeline !== undefined && options.pipeline !== undefined && !samePipeline(pipeline, preparePipeline(options.pipeline))) {
    throw definitionError("pipeline-mismatch", ["pipeline"], messages.pipelineMismatch);
  }
  const reader = createInstantReader(calendar);
  const reps = collect("reps", bag.reps, (row, index) => prepareRep(row, index, reader));
  const teams = new Map<string, string>();
  for (const rep of reps) if (rep.team !== undefined) teams.set(rep.id, rep.team);
  // Columns of its own per prepared data (its cubes and rows are remembered on them).
  let activities = new ActivityColumnsBuilder(0).done();
  if (bag.activities !== undefined) {
    const rejected: Rejected[] = [];
    const { builder, ids } = prepareActivities(bag.activities, reader, teams, rejected);
    activities = builder.done(laterOfEachId("activities", builder.kept, ids, rejected));
  }
  const leads = collect("leads", bag.leads, (row, index) => prepareLead(row, index, reader, teams));
  let deals: DealRow[] = [];
  if (bag.deals !== undefined && bag.deals.length > 0) {
    if (pipeline === undefined) throw definitionError("missing-pipeline", ["pipeline"], messages.pipelineRequired);
    const moves = new StageMoveColumns(pipeline.stages, movesBound(bag.deals));
    deals = collect("deals", bag.deals, (row, index) => prepareDeal(row, index, reader, pipeline, teams, moves));
  }
  if (issues.length > 0) throw new KpiInputError(issues);
  dealColumns(deals);
  // The stage histories as columns: preparation's move columns themselves (nothing is copied).
  dealHistory(deals);
  leadColumns(leads);
  return makePrepared({ calendar, pipeline, reps, deals, activityColumns: activities, leads, skipped });
}
