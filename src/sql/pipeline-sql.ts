// Internal: weighted pipeline and win rate on a database. SQL returns the deals' as-of state
// aggregated per (status, stage, owner, team, currency, own probability, flags): counts and
// exact Σ amount as text; a deal without amount comes back alone (its id). TypeScript then
// converts currencies with the in-process converter, multiplies each Σ amount by its one
// probability (Σ amount × p = Σ (amount × p), exactly) and rolls the groups up.
import { type KpiDecimal, toDecimal } from "../core/decimal.js";
import { definitionError } from "../core/errors.js";
import { createExactSum } from "../core/exact-sum.js";
import { messages } from "../core/messages.js";
import { parseOptions } from "../core/parse-input.js";
import { ratio } from "../core/ratio.js";
import type { PreparedDeal, PreparedPipeline, PreparedStage } from "../model/prepared.js";
import { preparePipeline } from "../model/prepare-kpi-data.js";
import { createCurrencyConverter } from "../pipeline/currency-conversion.js";
import { createAmountReader } from "../pipeline/deal-amount.js";
import type { SkippedDeal } from "../pipeline/deal-input.js";
import { isoInCalendar, resolveDealPeriod } from "../pipeline/deal-period.js";
import type { PipelineGroupTotals, PipelineOwnerTotals, PipelineStageTotals, PipelineTeamTotals } from "../pipeline/pipeline-snapshot.js";
import {
  type PipelineValueResult,
  type WeightedPipelineValueOptions,
  WeightedPipelineValueOptionsSchema,
} from "../pipeline/weighted-pipeline-value.js";
import { type WinRateOptions, WinRateOptionsSchema, type WinRateResult } from "../pipeline/win-rate.js";
import { type KpiCalendar, resolveCalendar } from "../time/calendar.js";
import { parseAsOf } from "../time/instant.js";
import type { SqlStatement } from "./measure-statement.js";
import { readCount, readDecimal, readText } from "./read-aggregates.js";
import { createSqlParams, type DialectSpelling } from "./sql-dialect.js";
import type { SqlRow } from "./sql-execute.js";
import { dealStateAtCtes, type SqlContext } from "./sql-relations.js";
import type { SqlLayout } from "./table-layout.js";
import { rosterStatement } from "./roster-sql.js";

/** What a pipeline statement needs from the engine. */
export interface PipelineSqlEngine {
  readonly spelling: DialectSpelling;
  readonly layout: SqlLayout;
  readonly calendar: KpiCalendar | undefined;
  readonly pipeline: PreparedPipeline | undefined;
}

/** A compiled call: its statements and how their rows become the result. */
export interface SqlPlan<T> {
  readonly statements: readonly SqlStatement[];
  finish(results: ReadonlyArray<readonly SqlRow[]>): T;
}

/** One aggregated group of deals in one as-of state. */
interface StateGroup {
  readonly status: "open" | "won" | "lost";
  readonly stage: PreparedStage;
  readonly owner: string;
  readonly team: string | undefined;
  readonly currency: string | undefined;
  /** The deals' own probability, if any (one value per group). */
  readonly probability: KpiDecimal | undefined;
  /** Set when the group is one deal without amount. */
  readonly missingId: string | undefined;
  readonly hasHistory: boolean;
  readonly stageAssumed: boolean;
  readonly count: number;
  readonly amount: KpiDecimal;
}

function unsupported(options: object, names: readonly string[]): void {
  for (const name of names) {
    if ((options as Record<string, unknown>)[name] !== undefined) throw definitionError("invalid-option", [name], messages.sqlUnsupportedOption(name));
  }
}

function pipelineOf(engine: PipelineSqlEngine, options: { readonly pipeline?: unknown }): PreparedPipeline {
  const pipeline = options.pipeline === undefined ? engine.pipeline : preparePipeline(options.pipeline);
  if (pipeline === undefined) throw definitionError("missing-pipeline", ["pipeline"], messages.pipelineRequired);
  return pipeline;
}

/** The as-of state statement, filtered by `where` (SQL on `deal_at`), grouped per state group. */
function stateStatement(engine: PipelineSqlEngine, pipeline: PreparedPipeline, asOfMs: number | undefined, where: (context: SqlContext) => string | undefined): SqlStatement {
  const params = createSqlParams(engine.spelling);
  const context: SqlContext = { spelling: engine.spelling, layout: engine.layout, params };
  const ctes = dealStateAtCtes(context, pipeline, asOfMs);
  const text = engine.spelling.text;
  const condition = where(context);
  ctes.push(
    `grouped AS (SELECT status_at, stage_idx_at, owner, team, currency, probability, stage_assumed, has_history, ` +
      `CASE WHEN amount IS NULL THEN id END AS missing_id, amount FROM deal_at${condition === undefined ? "" : ` WHERE ${condition}`})`,
  );
  const keys = "status_at, stage_idx_at, owner, team, currency, probability, stage_assumed, has_history, missing_id";
  const sql =
    `WITH ${ctes.join(",\n")}\n` +
    `SELECT status_at, ${text("stage_idx_at")} AS stage_idx_at, owner, team, currency, ${text("probability")} AS probability, ` +
    `${text("stage_assumed")} AS stage_assumed, ${text("has_history")} AS has_history, missing_id, ` +
    `${text("COUNT(*)")} AS row_count, ${text("SUM(amount)")} AS amount_sum\n` +
    `FROM grouped GROUP BY ${keys}\nORDER BY ${keys}`;
  return { sql, params: params.values };
}

function readGroups(rows: readonly SqlRow[], pipeline: PreparedPipeline): StateGroup[] {
  return rows.map((row) => {
    const probability = readText(row, "probability");
    return {
      status: readText(row, "status_at") as StateGroup["status"],
      stage: pipeline.stages[readCount(row, "stage_idx_at")] as PreparedStage,
      owner: readText(row, "owner") ?? "",
      team: readText(row, "team"),
      currency: readText(row, "currency"),
      probability: probability === undefined ? undefined : toDecimal(probability),
      missingId: readText(row, "missing_id"),
      hasHistory: readCount(row, "has_history") === 1,
      stageAssumed: readCount(row, "stage_assumed") === 1,
      count: readCount(row, "row_count"),
      amount: readDecimal(row, "amount_sum"),
    };
  });
}

/** The stand-in deal the in-process converter and amount reader see for a group. */
function standIn(group: StateGroup): PreparedDeal {
  return { index: -1, id: group.missingId ?? "", currency: group.currency } as PreparedDeal;
}

/** Reads a group's Σ amount (converted), or records why it has none (a deal without amount). */
function groupAmount(
  group: StateGroup,
  atMs: number | undefined,
  readAmount: ReturnType<typeof createAmountReader>,
  converter: ReturnType<typeof createCurrencyConverter>,
  skipped: SkippedDeal[],
): KpiDecimal | undefined {
  const deal = standIn(group);
  if (group.missingId !== undefined) {
    const read = readAmount({ ...deal, amount: undefined } as PreparedDeal);
    if ("skipReason" in read) {
      skipped.push({ index: -1, id: group.missingId, reason: read.skipReason.replace("deals[-1]", `deals[id=${group.missingId}]`) });
      return undefined;
    }
    return converter.convert(deal, read.amount, atMs);
  }
  return converter.convert(deal, group.amount, atMs);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `weightedPipelineValue` on the database (same options and result, `fx` and `staleAfterDays` aside). */
export function planWeightedPipelineValue(engine: PipelineSqlEngine, options: WeightedPipelineValueOptions, weighted: boolean): SqlPlan<PipelineValueResult> {
  parseOptions(WeightedPipelineValueOptionsSchema, options);
  unsupported(options, ["fx", "staleAfterDays", "probabilities"]);
  if (typeof options.missingAmount === "function") throw definitionError("invalid-option", ["missingAmount"], messages.sqlUnsupportedOption("missingAmount"));
  const pipeline = pipelineOf(engine, options);
  const calendar = options.calendar === undefined ? (engine.calendar ?? resolveCalendar(undefined)) : resolveCalendar(options.calendar);
  const asOfMs = options.asOf === undefined ? undefined : parseAsOf(options.asOf, calendar);
  const statements = [stateStatement(engine, pipeline, asOfMs, () => undefined), rosterStatement(engine.layout)];
  return {
    statements,
    finish(results) {
      const groups = readGroups(results[0] ?? [], pipeline);
      const roster = (results[1] ?? []).map((row) => ({ id: readText(row, "id") ?? "", team: readText(row, "team") }));
      const converter = createCurrencyConverter(options);
      const readAmount = createAmountReader(options.missingAmount);
      const skipped: SkippedDeal[] = [];
      interface Acc {
        weighted: ReturnType<typeof createExactSum>;
        plain: ReturnType<typeof createExactSum>;
        count: number;
      }
      const newAcc = (): Acc => ({ weighted: createExactSum(), plain: createExactSum(), count: 0 });
      const total = newAcc();
      const stageAcc = new Map<number, Acc>();
      const ownerAcc = new Map<string, Acc>();
      const teamAcc = new Map<string | undefined, Acc>();
      for (const stage of pipeline.stages) if (stage.outcome === "open") stageAcc.set(stage.index, newAcc());
      for (const rep of roster) {
        ownerAcc.set(rep.id, newAcc());
        if (rep.team !== undefined) teamAcc.set(rep.team, newAcc());
      }
      const won = createExactSum();
      let wonCount = 0;
      let lostCount = 0;
      let withoutHistory = 0;
      let assumed = 0;
      for (const group of groups) {
        if (group.status === "lost") {
          lostCount += group.count;
          continue;
        }
        // Won deals at their close; fx is not supported, so the instant does not matter.
        const amount = groupAmount(group, group.status === "won" ? undefined : asOfMs, readAmount, converter, skipped);
        if (amount === undefined) continue;
        if (group.status === "won") {
          won.add(amount);
          wonCount += group.count;
          continue;
        }
        const probability = group.probability ?? group.stage.probability;
        const get = <K>(map: Map<K, Acc>, key: K): Acc => {
          let acc = map.get(key);
          if (acc === undefined) map.set(key, (acc = newAcc()));
          return acc;
        };
        for (const acc of [total, get(stageAcc, group.stage.index), get(ownerAcc, group.owner), get(teamAcc, group.team)]) {
          acc.plain.add(amount);
          acc.weighted.addProduct(amount, probability);
          acc.count += group.count;
        }
        if (!group.hasHistory) withoutHistory += group.count;
        if (group.stageAssumed) assumed += group.count;
      }
      const totals = (acc: Acc): PipelineGroupTotals => {
        const unweightedTotal = acc.plain.value();
        return { total: weighted ? acc.weighted.value() : unweightedTotal, unweightedTotal, dealCount: acc.count };
      };
      const byStage: PipelineStageTotals[] = [...stageAcc.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([index, acc]) => {
          const stage = pipeline.stages[index] as PreparedStage;
          return { stage: stage.id, label: stage.label, probability: stage.probability, ...totals(acc) };
        });
      const byOwner: PipelineOwnerTotals[] = [...ownerAcc.entries()].sort((a, b) => compareText(a[0], b[0])).map(([owner, acc]) => ({ owner, ...totals(acc) }));
      const byTeam: PipelineTeamTotals[] = [...teamAcc.entries()]
        .sort((a, b) => (a[0] === undefined ? 1 : b[0] === undefined ? -1 : compareText(a[0], b[0])))
        .map(([team, acc]) => ({ team, ...totals(acc) }));
      const all = totals(total);
      return {
        total: all.total,
        unweightedTotal: all.unweightedTotal,
        weighted,
        probabilities: "pipeline",
        currency: converter.currency(),
        asOf: asOfMs === undefined ? undefined : isoInCalendar(asOfMs, calendar),
        asOfMs,
        byStage,
        byOwner,
        byTeam,
        dealCount: all.dealCount,
        won: { total: won.value(), dealCount: wonCount },
        lostCount,
        dealsWithoutHistory: withoutHistory,
        dealsWithAssumedStage: assumed,
        stale: undefined,
        skipped: skipped.sort((a, b) => compareText(a.id ?? "", b.id ?? "")),
      };
    },
  };
}

/** `winRate` on the database (same options and result, `fx` aside). */
export function planWinRate(engine: PipelineSqlEngine, options: WinRateOptions): SqlPlan<WinRateResult> {
  parseOptions(WinRateOptionsSchema, options);
  unsupported(options, ["fx"]);
  if (typeof options.missingAmount === "function") throw definitionError("invalid-option", ["missingAmount"], messages.sqlUnsupportedOption("missingAmount"));
  const pipeline = pipelineOf(engine, options);
  const calendar = options.calendar === undefined ? (engine.calendar ?? resolveCalendar(undefined)) : resolveCalendar(options.calendar);
  const asOfMs = options.asOf === undefined ? undefined : parseAsOf(options.asOf, calendar);
  const period = resolveDealPeriod(options.period, calendar);
  const basis = options.basis ?? "closed";
  const by = options.by ?? "count";
  const endMs = asOfMs === undefined ? period.endMs : Math.min(period.endMs, asOfMs);
  const ts = engine.spelling.timestamp;
  const where =
    basis === "closed"
      ? `status_at IN ('won', 'lost') AND created_at < ${ts(endMs)} AND since_at >= ${ts(period.startMs)} AND since_at < ${ts(endMs)}`
      : `created_at >= ${ts(period.startMs)} AND created_at < ${ts(endMs)}`;
  const statements = [stateStatement(engine, pipeline, asOfMs, () => where)];
  return {
    statements,
    finish(results) {
      const groups = readGroups(results[0] ?? [], pipeline);
      const converter = createCurrencyConverter(options);
      const readAmount = createAmountReader(options.missingAmount);
      const skipped: SkippedDeal[] = [];
      const wonSum = createExactSum();
      const allSum = createExactSum();
      let won = 0;
      let lost = 0;
      let open = 0;
      for (const group of groups) {
        if (by === "value") {
          const amount = groupAmount(group, group.status === "open" ? asOfMs : undefined, readAmount, converter, skipped);
          if (amount === undefined) continue;
          allSum.add(amount);
          if (group.status === "won") wonSum.add(amount);
        }
        if (group.status === "won") won += group.count;
        else if (group.status === "lost") lost += group.count;
        else open += group.count;
      }
      const result = by === "count" ? ratio(won, won + lost + open) : ratio(wonSum.value(), allSum.value());
      return {
        value: result.value,
        ratio: result,
        basis,
        by,
        period,
        asOf: asOfMs === undefined ? undefined : isoInCalendar(asOfMs, calendar),
        asOfMs,
        currency: by === "value" ? converter.currency() : undefined,
        won,
        lost,
        open,
        dealCount: won + lost + open,
        skipped: skipped.sort((a, b) => compareText(a.id ?? "", b.id ?? "")),
      };
    },
  };
}

