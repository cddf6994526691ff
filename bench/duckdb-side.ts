// The DuckDB side of the side-by-side benchmark (bench/side-by-side.ts): loads the SAME
// generated rows into an in-process DuckDB and computes the same figures with its best
// formulation: local periods and days as boundary tables computed in TypeScript (the
// library's own `periodsBetween`), rows bucketed by ASOF join on epoch ms, as-of stages by
// ASOF join on the stage history, exact DECIMAL sums. Not part of the library.
import {
  BIGINT,
  BOOLEAN,
  DECIMAL,
  DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBDecimalValue,
  DuckDBInstance,
  type DuckDBType,
  INTEGER,
} from "@duckdb/node-api";
import type { KpiData } from "../src/index.js";

/** The DuckDB instance of a run, with its thread count. */
export interface DuckSide {
  readonly connection: DuckDBConnection;
  readonly threads: number;
  close(): void;
}

export async function openDuckDb(threads: number): Promise<DuckSide> {
  const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  const connection = await instance.connect();
  return {
    connection,
    threads,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Dictionaries of the loaded data (codes → names), to read results back. */
export interface Dictionaries {
  readonly owners: readonly string[];
  readonly types: readonly string[];
}

const CHUNK = 2048;
const DEC18_2 = DECIMAL(18, 2);
const DEC3_2 = DECIMAL(4, 3);

/** Appends columns (all of the same length) to `table` in data chunks of 2048 rows. */
async function appendColumns(
  connection: DuckDBConnection,
  table: string,
  types: readonly DuckDBType[],
  columns: ReadonlyArray<ArrayLike<unknown>>,
  length: number,
): Promise<void> {
  const appender: DuckDBAppender = await connection.createAppender(table);
  for (let offset = 0; offset < length; offset += CHUNK) {
    const n = Math.min(CHUNK, length - offset);
    const chunk = DuckDBDataChunk.create(types, n);
    columns.forEach((column, c) => {
      const values = new Array(n);
      for (let i = 0; i < n; i++) values[i] = column[offset + i];
      chunk.setColumnValues(c, values as never);
    });
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

/** Cents of a decimal amount with at most 2 decimals (the generated amounts), exactly. */
function cents(amount: string | number): bigint {
  const text = typeof amount === "number" ? amount.toFixed(2) : amount;
  const [whole = "0", fraction = ""] = text.split(".");
  const sign = whole.startsWith("-") ? -1n : 1n;
  return sign * (BigInt(whole.replace("-", "")) * 100n + BigInt((fraction + "00").slice(0, 2)));
}

const milli = (ms: number) => Math.round(ms * 1000);

/**
 * Loads the raw rows (as a caller holds them: arrays of objects with ISO strings) into DuckDB:
 * owners and types dictionary-encoded to INTEGER codes, instants parsed to epoch ms (BIGINT),
 * amounts to DECIMAL(18,2) (exact), stage history as its own table (deal, stage, at). All of it
 * is part of DuckDB's "load" time. `amountEur` are the amounts in EUR (USD converted), `usd`
 * flags the deals originally in USD.
 */
export async function loadDuckDb(side: DuckSide, data: KpiData, euroDeals: KpiData["deals"], usdRate: string): Promise<Dictionaries> {
  const { connection } = side;
  const reps = data.reps ?? [];
  const activities = data.activities ?? [];
  const deals = data.deals ?? [];
  const leads = data.leads ?? [];
  const stages = data.pipeline?.stages ?? [];
  const ownerCode = new Map<string, number>();
  const owners: string[] = [];
  const code = (owner: string): number => {
    let c = ownerCode.get(owner);
    if (c === undefined) {
      c = owners.length;
      owners.push(owner);
      ownerCode.set(owner, c);
    }
    return c;
  };
  for (const rep of reps) code(rep.id);
  const typeCode = new Map<string, number>();
  const types: string[] = [];

  await connection.run(`
    CREATE OR REPLACE TABLE activities (owner INTEGER, type INTEGER, ts BIGINT, quantity INTEGER);
    CREATE OR REPLACE TABLE deals (id INTEGER, owner INTEGER, account INTEGER, outcome INTEGER, amount DECIMAL(18,2), usd BOOLEAN, amount_eur DECIMAL(18,2),
      prob DECIMAL(4,3), created BIGINT, closed BIGINT);
    CREATE OR REPLACE TABLE moves (deal INTEGER, stage INTEGER, ts BIGINT);
    CREATE OR REPLACE TABLE leads (owner INTEGER, mql BIGINT, sql BIGINT, quote BIGINT, customer BIGINT);
    CREATE OR REPLACE TABLE stages (stage INTEGER, outcome INTEGER, prob DECIMAL(4,3));
    CREATE OR REPLACE TABLE rates (usd DECIMAL(6,4));
  `);
  await connection.run(`INSERT INTO rates VALUES (${usdRate}::DECIMAL(6,4))`);
  const outcomeCode = (outcome: string) => (outcome === "open" ? 0 : outcome === "won" ? 1 : 2);
  const stageCode = new Map<string, number>();
  stages.forEach((stage, i) => stageCode.set(stage.id, i));
  await appendColumns(
    connection,
    "stages",
    [INTEGER, INTEGER, DEC3_2],
    [stages.map((_, i) => i), stages.map((s) => outcomeCode(s.outcome ?? "open")), stages.map((s) => new DuckDBDecimalValue(BigInt(milli(Number(s.probability ?? 0))), 4, 3))],
    stages.length,
  );

  {
    const n = activities.length;
    const owner = new Int32Array(n);
    const type = new Int32Array(n);
    const at = new BigInt64Array(n);
    const quantity = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const a = activities[i] as (typeof activities)[number];
      owner[i] = code(a.owner);
      let t = typeCode.get(a.type);
      if (t === undefined) {
        t = types.length;
        types.push(a.type);
        typeCode.set(a.type, t);
      }
      type[i] = t;
      at[i] = BigInt(typeof a.at === "string" ? Date.parse(a.at) : new Date(a.at as Date).getTime());
      quantity[i] = a.quantity ?? 1;
    }
    await appendColumns(connection, "activities", [INTEGER, INTEGER, BIGINT, INTEGER], [owner, type, at, quantity], n);
  }

  {
    const n = deals.length;
    const id = new Int32Array(n);
    const owner = new Int32Array(n);
    const account = new Int32Array(n);
    const outcome = new Int32Array(n);
    const amount: DuckDBDecimalValue[] = new Array(n);
    const usd: boolean[] = new Array(n);
    const amountEur: DuckDBDecimalValue[] = new Array(n);
    const prob: Array<DuckDBDecimalValue | null> = new Array(n);
    const created = new BigInt64Array(n);
    const closed: Array<bigint | null> = new Array(n);
    const accountCode = new Map<string, number>();
    let moveCount = 0;
    for (const deal of deals) moveCount += deal.stageHistory?.length ?? 0;
    const moveDeal = new Int32Array(moveCount);
    const moveStage = new Int32Array(moveCount);
    const moveAt = new BigInt64Array(moveCount);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const d = deals[i] as (typeof deals)[number];
      id[i] = i;
      owner[i] = code(d.owner);
      const acc = d.account ?? "";
      let a = accountCode.get(acc);
      if (a === undefined) accountCode.set(acc, (a = accountCode.size));
      account[i] = a;
      outcome[i] = outcomeCode(stages[stageCode.get(d.stage) ?? 0]?.outcome ?? "open");
      amount[i] = new DuckDBDecimalValue(cents(d.amount as string | number), 18, 2);
      usd[i] = d.currency === "USD";
      amountEur[i] = new DuckDBDecimalValue(cents((euroDeals?.[i]?.amount ?? d.amount) as string | number), 18, 2);
      prob[i] = d.probability === undefined ? null : new DuckDBDecimalValue(BigInt(milli(Number(d.probability))), 4, 3);
      created[i] = BigInt(Date.parse(d.createdAt as string));
      closed[i] = d.closedAt === undefined ? null : BigInt(Date.parse(d.closedAt as string));
      for (const move of d.stageHistory ?? []) {
        moveDeal[m] = i;
        moveStage[m] = stageCode.get(move.stage) ?? 0;
        moveAt[m] = BigInt(Date.parse(move.at as string));
        m++;
      }
    }
    await appendColumns(
      connection,
      "deals",
      [INTEGER, INTEGER, INTEGER, INTEGER, DEC18_2, BOOLEAN, DEC18_2, DEC3_2, BIGINT, BIGINT],
      [id, owner, account, outcome, amount, usd, amountEur, prob, created, closed],
      n,
    );
    await appendColumns(connection, "moves", [INTEGER, INTEGER, BIGINT], [moveDeal, moveStage, moveAt], moveCount);
  }

  {
    const n = leads.length;
    const owner = new Int32Array(n);
    const steps = ["mql", "sql", "quote", "customer"].map(() => new Array<bigint | null>(n));
    for (let i = 0; i < n; i++) {
      const lead = leads[i] as (typeof leads)[number];
      owner[i] = lead.owner === undefined ? -1 : code(lead.owner);
      const reached = (lead.reached ?? {}) as Record<string, string | undefined>;
      ["mql", "sql", "quote", "customer"].forEach((step, s) => {
        const at = reached[step];
        (steps[s] as Array<bigint | null>)[i] = at === undefined ? null : BigInt(Date.parse(at));
      });
    }
    await appendColumns(connection, "leads", [INTEGER, BIGINT, BIGINT, BIGINT, BIGINT], [owner, ...steps], n);
  }
  return { owners, types };
}

const HOUR = 3_600_000;

/**
 * A `[start, end)` boundary table `name` (idx, start_ms, end_ms, optional extra columns) and,
 * when every boundary is on a whole UTC hour (all zones with whole-hour offsets), its
 * expansion `name_h` to one row per hour (idx, hour, extras): rows are then bucketed by an
 * equi-join on `ts // 3600000`, a hash join that DuckDB runs much faster than an ASOF or range
 * join against the boundaries (measured: ~60–100 ms against ~250 ms for 1M activities).
 * Returns whether the hour table exists.
 */
export async function boundaryTable(
  side: DuckSide,
  name: string,
  bounds: ReadonlyArray<{ readonly startMs: number; readonly endMs: number }>,
  extra?: { readonly name: string; readonly values: readonly number[] },
): Promise<boolean> {
  await side.connection.run(
    `CREATE OR REPLACE TABLE ${name} (idx INTEGER, start_ms BIGINT, end_ms BIGINT${extra === undefined ? "" : `, ${extra.name} BIGINT`})`,
  );
  const idx = bounds.map((_, i) => i);
  const starts = bounds.map((b) => BigInt(b.startMs));
  const ends = bounds.map((b) => BigInt(b.endMs));
  const columns: Array<ArrayLike<unknown>> = [idx, starts, ends];
  const types: DuckDBType[] = [INTEGER, BIGINT, BIGINT];
  if (extra !== undefined) {
    columns.push(extra.values.map((v) => BigInt(v)));
    types.push(BIGINT);
  }
  await appendColumns(side.connection, name, types, columns, bounds.length);
  const wholeHours = bounds.every((b) => b.startMs % HOUR === 0 && b.endMs % HOUR === 0 && b.endMs > b.startMs);
  if (wholeHours) {
    await side.connection.run(
      `CREATE OR REPLACE TABLE ${name}_h AS SELECT idx, unnest(range(start_ms // ${HOUR}, end_ms // ${HOUR})) AS hour${extra === undefined ? "" : `, ${extra.name}`} FROM ${name}`,
    );
  }
  return wholeHours;
}

/** How rows are put into periods: equi-join on the hour number, or ASOF join on the boundaries. */
export type Bucketing = "hour" | "asof";

/** The JOIN clause that puts `expr` (epoch ms) into a period of `table` as `alias`, and the condition it needs. */
function bucket(strategy: Bucketing, table: string, alias: string, expr: string): { join: string; where: string } {
  return strategy === "hour"
    ? { join: `JOIN ${table}_h ${alias} ON ${alias}.hour = ${expr} // ${HOUR}`, where: "TRUE" }
    : { join: `ASOF JOIN ${table} ${alias} ON ${expr} >= ${alias}.start_ms`, where: `${expr} < ${alias}.end_ms` };
}

/** Runs a query and returns its rows as arrays of strings (numbers and DECIMALs as text). */
export async function query(side: DuckSide, sql: string): Promise<string[][]> {
  const reader = await side.connection.runAndReadAll(sql);
  return reader.getRows().map((row) => row.map((value) => (value === null ? "" : String(value))));
}

// ---- The figures' queries. Period tables: idx, start_ms, end_ms; `days` also has deadline_ms.

/** Σ quantity per (period, owner, type) of activities in [fromMs, toMs). */
export function activityCountsSql(periods: string, fromMs: number, toMs: number, strategy: Bucketing = "hour"): string {
  const p = bucket(strategy, periods, "p", "a.ts");
  return `
  SELECT p.idx, a.owner, a.type, SUM(a.quantity)::BIGINT
  FROM activities a ${p.join}
  WHERE a.ts >= ${fromMs} AND a.ts < ${toMs} AND ${p.where}
  GROUP BY ALL`;
}

/** Σ amount (EUR) per (period, owner) of deals now won, by their close, in [fromMs, toMs). */
export function wonRevenueSql(periods: string, fromMs: number, toMs: number, strategy: Bucketing = "hour"): string {
  const p = bucket(strategy, periods, "p", "d.closed");
  return `
  SELECT p.idx, d.owner, SUM(d.amount_eur)
  FROM deals d ${p.join}
  WHERE d.outcome = 1 AND d.closed >= ${fromMs} AND d.closed < ${toMs} AND ${p.where}
  GROUP BY ALL`;
}

/**
 * Cohort conversion from `from` to `to` (steps in funnel order; a later step implies the
 * earlier ones) per (cohort, owner): entered and converted. With a window, the deadline is
 * the start of the local day `windowDays + 1` after the day of entry (`days.deadline_ms`).
 */
export function conversionSql(cohorts: string, steps: readonly string[], fromStep: string, toStep: string, asOfMs: number, windowed: boolean, strategy: Bucketing = "hour", daysTable = "days"): string {
  const known = (step: string) => `CASE WHEN ${step} < ${asOfMs} THEN ${step} END`;
  const reach = (step: string) => {
    const later = steps.slice(steps.indexOf(step));
    return later.length === 1 ? known(later[0] as string) : `least(${later.map(known).join(", ")})`;
  };
  const c = bucket(strategy, cohorts, "c", "l.f");
  const d = bucket(strategy, daysTable, "d", "l.f");
  return `
  WITH l AS (SELECT owner, ${reach(fromStep)} AS f, ${reach(toStep)} AS t FROM leads)
  SELECT c.idx, l.owner, count(*), count(*) FILTER (WHERE ${windowed ? "l.t < d.deadline_ms" : "l.t IS NOT NULL"})
  FROM l ${c.join} ${windowed ? d.join : ""}
  WHERE ${c.where} AND ${windowed ? d.where : "TRUE"}
  GROUP BY ALL`;
}

/**
 * Per (period, owner) over deals closed (now won or lost) before `asOfMs`: won, lost, Σ amount
 * of the won (EUR), Σ local calendar days from creation to close of the won.
 */
export function closedDealsSql(periods: string, asOfMs: number, strategy: Bucketing = "hour"): string {
  const p = bucket(strategy, periods, "p", "d.closed");
  const cd = bucket(strategy, "days", "cd", "d.closed");
  const kd = bucket(strategy, "days", "kd", "d.created");
  return `
  SELECT p.idx, d.owner,
    count(*) FILTER (WHERE d.outcome = 1), count(*) FILTER (WHERE d.outcome = 2),
    SUM(d.amount_eur) FILTER (WHERE d.outcome = 1),
    SUM(cd.idx - kd.idx) FILTER (WHERE d.outcome = 1)
  FROM deals d ${p.join} ${cd.join} ${kd.join}
  WHERE d.closed < ${asOfMs} AND ${p.where} AND ${cd.where} AND ${kd.where}
  GROUP BY ALL`;
}

/**
 * Weighted pipeline per (as-of instant, owner): the stage of each deal created before t is
 * that of its last move before t (ASOF join on the history); open stages count
 * amount (EUR, USD × rate) × (deal's probability ?? stage's).
 */
export const weightedPipelineSql = (asOfs: string, eur = false) => `
  WITH dq AS (SELECT q.idx, q.start_ms AS t, d.id, d.owner, d.prob,
      ${eur ? "d.amount_eur" : "CASE WHEN d.usd THEN d.amount * r.usd ELSE d.amount END"} AS amount
    FROM deals d JOIN ${asOfs} q ON d.created < q.start_ms, rates r)
  SELECT dq.idx, dq.owner, SUM(dq.amount * COALESCE(dq.prob, s.prob)), count(*)
  FROM dq ASOF JOIN moves m ON dq.id = m.deal AND dq.t > m.ts
    JOIN stages s ON s.stage = m.stage
  WHERE s.outcome = 0
  GROUP BY ALL`;

/** The same with arg_max over the history instead of an ASOF join (measured as an alternative). */
export const weightedPipelineArgMaxSql = (asOfs: string, eur = false) => `
  WITH st AS (SELECT q.idx, m.deal, arg_max(m.stage, m.ts) AS stage
    FROM moves m JOIN ${asOfs} q ON m.ts < q.start_ms GROUP BY ALL)
  SELECT st.idx, d.owner, SUM(${eur ? "d.amount_eur" : "CASE WHEN d.usd THEN d.amount * r.usd ELSE d.amount END"} * COALESCE(d.prob, s.prob)), count(*)
  FROM st JOIN deals d ON d.id = st.deal JOIN stages s ON s.stage = st.stage, rates r, ${asOfs} q
  WHERE s.outcome = 0 AND q.idx = st.idx AND d.created < q.start_ms
  GROUP BY ALL`;

/** New customers per (period, owner): accounts whose first won deal (by close, then id) closed in [fromMs, toMs). */
export function newCustomersSql(periods: string, fromMs: number, toMs: number, strategy: Bucketing = "hour"): string {
  const p = bucket(strategy, periods, "p", "f.closed");
  return `
  WITH f AS (SELECT account, arg_min(owner, (closed, id)) AS owner, min(closed) AS closed FROM deals WHERE outcome = 1 GROUP BY account)
  SELECT p.idx, f.owner, count(*)
  FROM f ${p.join}
  WHERE f.closed >= ${fromMs} AND f.closed < ${toMs} AND ${p.where}
  GROUP BY ALL`;
}

/**
 * The other way to load: the raw rows written as CSV files under `dir` (owners, types and
 * stages as codes, instants as the ISO strings they are, amounts as decimal text), then
 * `read_csv` with explicit types into the same tables as {@link loadDuckDb}: DuckDB parses
 * the instants and decimals itself, on its threads. Writing the files is part of the time.
 */
export async function loadDuckDbViaCsv(side: DuckSide, data: KpiData, euroDeals: KpiData["deals"], usdRate: string, dir: string): Promise<Dictionaries> {
  const { writeFileSync, mkdirSync } = await import("node:fs");
  mkdirSync(dir, { recursive: true });
  const { connection } = side;
  const reps = data.reps ?? [];
  const stages = data.pipeline?.stages ?? [];
  const owners: string[] = [];
  const ownerCode = new Map<string, number>();
  const code = (owner: string): number => {
    let c = ownerCode.get(owner);
    if (c === undefined) {
      ownerCode.set(owner, (c = owners.length));
      owners.push(owner);
    }
    return c;
  };
  for (const rep of reps) code(rep.id);
  const types: string[] = [];
  const typeCode = new Map<string, number>();
  const stageCode = new Map<string, number>();
  stages.forEach((stage, i) => stageCode.set(stage.id, i));
  const outcomeCode = (outcome: string | undefined) => (outcome === "won" ? 1 : outcome === "lost" ? 2 : 0);
  const file = (name: string) => `${dir}/${name}.csv`;
  const instant = (value: unknown) => (value === undefined ? "" : typeof value === "string" ? value : new Date(value as Date).toISOString());

  const activityLines: string[] = [];
  for (const a of data.activities ?? []) {
    let t = typeCode.get(a.type);
    if (t === undefined) {
      typeCode.set(a.type, (t = types.length));
      types.push(a.type);
    }
    activityLines.push(`${code(a.owner)},${t},${instant(a.at)},${a.quantity ?? 1}`);
  }
  writeFileSync(file("activities"), activityLines.join("\n"));
  const dealLines: string[] = [];
  const moveLines: string[] = [];
  const accounts = new Map<string, number>();
  (data.deals ?? []).forEach((d, i) => {
    let account = accounts.get(d.account ?? "");
    if (account === undefined) accounts.set(d.account ?? "", (account = accounts.size));
    const eur = euroDeals?.[i]?.amount ?? d.amount;
    const amount = (value: unknown) => (typeof value === "number" ? value.toFixed(2) : String(value));
    dealLines.push(
      `${i},${code(d.owner)},${account},${outcomeCode(stages[stageCode.get(d.stage) ?? 0]?.outcome)},${amount(d.amount)},${d.currency === "USD"},${amount(eur)},${d.probability ?? ""},${instant(d.createdAt)},${instant(d.closedAt)}`,
    );
    for (const move of d.stageHistory ?? []) moveLines.push(`${i},${stageCode.get(move.stage) ?? 0},${instant(move.at)}`);
  });
  writeFileSync(file("deals"), dealLines.join("\n"));
  writeFileSync(file("moves"), moveLines.join("\n"));
  const leadLines: string[] = [];
  for (const lead of data.leads ?? []) {
    const reached = (lead.reached ?? {}) as Record<string, string | undefined>;
    leadLines.push(`${lead.owner === undefined ? -1 : code(lead.owner)},${reached.mql ?? ""},${reached.sql ?? ""},${reached.quote ?? ""},${reached.customer ?? ""}`);
  }
  writeFileSync(file("leads"), leadLines.join("\n"));
  const read = (name: string, columns: Record<string, string>) =>
    `read_csv('${file(name)}', header = false, auto_detect = false, columns = {${Object.entries(columns)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(", ")}})`;
  const ms = (column: string) => `epoch_ms(${column})::BIGINT AS ${column}`;
  await connection.run(`
    CREATE OR REPLACE TABLE activities AS SELECT owner, type, ${ms("ts")}, quantity
      FROM ${read("activities", { owner: "INTEGER", type: "INTEGER", ts: "TIMESTAMPTZ", quantity: "INTEGER" })};
    CREATE OR REPLACE TABLE deals AS SELECT id, owner, account, outcome, amount, usd, amount_eur, prob, ${ms("created")}, ${ms("closed")}
      FROM ${read("deals", { id: "INTEGER", owner: "INTEGER", account: "INTEGER", outcome: "INTEGER", amount: "DECIMAL(18,2)", usd: "BOOLEAN", amount_eur: "DECIMAL(18,2)", prob: "DECIMAL(4,3)", created: "TIMESTAMPTZ", closed: "TIMESTAMPTZ" })};
    CREATE OR REPLACE TABLE moves AS SELECT deal, stage, ${ms("ts")} FROM ${read("moves", { deal: "INTEGER", stage: "INTEGER", ts: "TIMESTAMPTZ" })};
    CREATE OR REPLACE TABLE leads AS SELECT owner, ${ms("mql")}, ${ms("sql")}, ${ms("quote")}, ${ms("customer")}
      FROM ${read("leads", { owner: "INTEGER", mql: "TIMESTAMPTZ", sql: "TIMESTAMPTZ", quote: "TIMESTAMPTZ", customer: "TIMESTAMPTZ" })};
    CREATE OR REPLACE TABLE stages (stage INTEGER, outcome INTEGER, prob DECIMAL(4,3));
    CREATE OR REPLACE TABLE rates (usd DECIMAL(6,4));
    INSERT INTO rates VALUES (${usdRate}::DECIMAL(6,4));
  `);
  if (stages.length > 0) {
    await connection.run(
      `INSERT INTO stages VALUES ${stages.map((s, i) => `(${i}, ${outcomeCode(s.outcome)}, ${Number(s.probability ?? 0)}::DECIMAL(4,3))`).join(", ")}`,
    );
  }
  return { owners, types };
}
