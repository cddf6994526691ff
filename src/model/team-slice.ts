import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import { activityColumnsWhere } from "./activity-columns.js";
import { isPrepared, type PreparedKpiData, preparedRows, withRows } from "./prepared.js";

/**
 * One team's part of prepared data, still prepared: the team's reps and the deals, activities
 * and leads of that team (a row's team, else its owner's team in the roster). For a review of
 * one team out of a company-wide export, without preparing the data again.
 *
 * @throws KpiDefinitionError when `data` is not prepared data (`prepareKpiData`'s result).
 * @example
 * const data = prepareKpiData({
 *   reps: [{ id: "ann", team: "north" }, { id: "bob", team: "south" }],
 *   activities: [{ owner: "ann", type: "call", at: "2026-01-05" }, { owner: "bob", type: "call", at: "2026-01-06" }],
 * });
 * profileKpiData(teamSlice(data, "north")).rows.activities; //=> 1
 */
export function teamSlice(data: PreparedKpiData, team: string): PreparedKpiData {
  if (!isPrepared(data)) throw definitionError("invalid-option", ["data"], messages.teamSliceNeedsPrepared);
  const rows = preparedRows(data);
  return withRows(rows, {
    reps: rows.reps.filter((rep) => rep.team === team),
    deals: rows.deals.filter((deal) => deal.team === team),
    // From the columns: no object per activity.
    activityColumns: activityColumnsWhere(rows.activityColumns, (_owner, rowTeam) => rowTeam === team),
    leads: rows.leads.filter((lead) => lead.team === team),
  });
}
