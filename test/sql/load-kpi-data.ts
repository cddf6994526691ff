// Test helper: loads a raw KpiData bag into the default layout of `sales-kpi/sql`, through the
// same `execute` the engine uses. Instants are read as the in-process engine reads them (in
// `calendar`) and stored as UTC; `seq` is the position in the deal's `stageHistory`.
import { createTablesSql, type SqlDialect, type SqlExecute } from "../../src/sql.js";
import { type KpiCalendarInput, resolveCalendar } from "../../src/index.js";
import { parseInstant } from "../../src/time/instant.js";
import type { PreparedData as PreparedKpiData } from "../../src/model/prepared.js";

type Row = Record<string, unknown>;
interface Bag {
  reps?: readonly Row[];
  deals?: readonly Row[];
  activities?: readonly Row[];
  leads?: readonly Row[];
}

const BATCH = 400;

/** Creates the tables (dropping old ones) and inserts every row of `data`. */
export async function loadKpiData(execute: SqlExecute, dialect: SqlDialect, data: Bag, calendar?: KpiCalendarInput): Promise<void> {
  const resolved = resolveCalendar(calendar);
  const instant = (value: unknown): string | null =>
    value === undefined || value === null ? null : new Date(parseInstant(value as string, resolved)).toISOString();
  const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
  for (const table of ["lead_steps", "leads", "activities", "deal_stage_history", "deals", "reps"]) {
    await execute(`DROP TABLE IF EXISTS ${table}`, []);
  }
  for (const ddl of createTablesSql(dialect)) await execute(ddl, []);

  const insert = async (table: string, columns: ReadonlyArray<readonly [string, string]>, rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<void> => {
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const params: unknown[] = [];
      const tuples = batch.map((row) =>
        `(${row
          .map((value, i) => {
            params.push(value);
            return `CAST($${params.length} AS ${(columns[i] as readonly [string, string])[1]})`;
          })
          .join(", ")})`,
      );
      await execute(`INSERT INTO ${table} (${columns.map(([name]) => `"${name}"`).join(", ")}) VALUES ${tuples.join(", ")}`, params);
    }
  };
  const T = dialect === "duckdb" ? "VARCHAR" : "TEXT";
  const TS = "TIMESTAMPTZ";
  const MONEY = dialect === "duckdb" ? "DECIMAL(18,2)" : "NUMERIC(18,2)";
  const P = dialect === "duckdb" ? "DECIMAL(7,6)" : "NUMERIC(7,6)";

  await insert(
    "reps",
    [["id", T], ["name", T], ["team", T], ["started_at", TS], ["left_at", TS]],
    (data.reps ?? []).map((r) => [text(r.id), text(r.name), text(r.team), instant(r.startedAt), instant(r.leftAt)]),
  );
  await insert(
    "deals",
    [
      ["id", T], ["owner", T], ["team", T], ["account", T], ["product", T], ["amount", MONEY], ["currency", T], ["stage", T],
      ["created_at", TS], ["closed_at", TS], ["expected_close_at", TS], ["probability", P], ["source", T],
    ],
    (data.deals ?? []).map((d) => [
      text(d.id), text(d.owner), text(d.team), text(d.account), text(d.product), text(d.amount), text(d.currency), text(d.stage),
      instant(d.createdAt), instant(d.closedAt), instant(d.expectedCloseAt), text(d.probability), text(d.source),
    ]),
  );
  const history: unknown[][] = [];
  for (const d of data.deals ?? []) {
    ((d.stageHistory as Row[] | undefined) ?? []).forEach((move, seq) => history.push([text(d.id), text(move.stage), instant(move.at), String(seq)]));
  }
  await insert("deal_stage_history", [["deal_id", T], ["stage", T], ["at", TS], ["seq", "BIGINT"]], history);
  await insert(
    "activities",
    [["id", T], ["owner", T], ["team", T], ["type", T], ["at", TS], ["quantity", "BIGINT"]],
    (data.activities ?? []).map((a) => [text(a.id), text(a.owner), text(a.team), text(a.type), instant(a.at), String(a.quantity ?? 1)]),
  );
  await insert(
    "leads",
    [["id", T], ["owner", T], ["team", T], ["source", T], ["created_at", TS], ["returned_at", TS]],
    (data.leads ?? []).map((l) => [text(l.id), text(l.owner), text(l.team), text(l.source), instant(l.createdAt), instant(l.returnedAt)]),
  );
  const steps: unknown[][] = [];
  for (const l of data.leads ?? []) {
    for (const [step, at] of Object.entries((l.reached as Row | undefined) ?? {})) steps.push([text(l.id), step, instant(at)]);
  }
  await insert("lead_steps", [["lead_id", T], ["step", T], ["at", TS]], steps);
}

/** Prepared data back as a raw bag (ISO instants, amounts as their exact strings), for {@link loadKpiData}. */
export function bagOfPrepared(prepared: PreparedKpiData): Bag {
  const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    reps: prepared.reps.map((r) => ({ id: r.id, name: r.name, team: r.team, startedAt: iso(r.startedAt), leftAt: iso(r.leftAt) })),
    deals: prepared.deals.map((d) => ({
      id: d.id,
      owner: d.owner,
      team: d.team,
      account: d.account,
      product: d.product,
      amount: d.amount?.toFixed(),
      currency: d.currency,
      stage: d.stage.id,
      createdAt: iso(d.createdAt),
      closedAt: iso(d.closedAt),
      expectedCloseAt: iso(d.expectedCloseAt),
      probability: d.probability?.toFixed(),
      source: d.source,
      stageHistory: d.history.map((move) => ({ stage: move.stage.id, at: iso(move.at) })),
    })),
    activities: prepared.activities.map((a) => ({ id: a.id, owner: a.owner, team: a.team, type: a.type, at: iso(a.at), quantity: a.quantity })),
    leads: prepared.leads.map((l) => ({
      id: l.id,
      owner: l.owner,
      team: l.team,
      source: l.source,
      createdAt: iso(l.createdAt),
      returnedAt: iso(l.returnedAt),
      reached: Object.fromEntries([...l.reached].map(([step, at]) => [step, iso(at)])),
    })),
  };
}
