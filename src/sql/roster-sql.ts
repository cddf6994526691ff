// Internal: the roster as the SQL engine reads it (each rep's id and team), for the functions
// that give every rep a group, rows or not.
import type { PreparedRep } from "../model/prepared.js";
import type { SqlStatement } from "./measure-statement.js";
import { readText } from "./read-aggregates.js";
import type { SqlRow } from "./sql-execute.js";
import type { SqlLayout } from "./table-layout.js";

/** The statement reading the roster: `id` and `team` of every rep. */
export function rosterStatement(layout: SqlLayout): SqlStatement {
  return { sql: `SELECT ${layout.column("reps", "id")} AS id, ${layout.column("reps", "team")} AS team FROM ${layout.table("reps")}`, params: [] };
}

/** The reps of {@link rosterStatement}'s rows, in their order (no names or dates: the statement reads none). */
export function rosterFromRows(rows: readonly SqlRow[]): PreparedRep[] {
  return rows.map((row, index) => ({
    index,
    id: readText(row, "id") ?? "",
    name: undefined,
    team: readText(row, "team"),
    startedAt: undefined,
    leftAt: undefined,
  }));
}
