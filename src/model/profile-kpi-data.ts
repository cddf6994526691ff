import type { KpiData } from "./kpi-data.js";
import type { Pipeline } from "./pipeline.js";
import { prepare, type PrepareKpiDataOptions } from "./prepare-kpi-data.js";
import type { PreparedKpiData, SkippedRow } from "./prepared.js";

/** What a data bag holds, as the library reads it: see {@link profileKpiData}. */
export interface KpiDataProfile {
  /** Rows kept per collection (invalid rows skipped in preparation are in `skipped`, not here). */
  readonly rows: { readonly reps: number; readonly deals: number; readonly activities: number; readonly leads: number };
  /** Rows left out in preparation (`invalidRows: "skip"`), with why. */
  readonly skipped: readonly SkippedRow[];
  /** The earliest and latest instant of any row (deal created, moved or closed; activity; lead created or reached), epoch ms; `null` without rows. */
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  /** The roster, in input order. */
  readonly reps: ReadonlyArray<{ readonly id: string; readonly name: string | undefined; readonly team: string | undefined }>;
  /** Every team of the roster or of a row (a row's own, else its owner's from the roster), sorted. */
  readonly teams: readonly string[];
  /** The distinct owners of each collection, sorted (leads without owner are not listed). */
  readonly owners: { readonly deals: readonly string[]; readonly activities: readonly string[]; readonly leads: readonly string[] };
  /** Activity types with their row counts, most rows first (ties by name). */
  readonly activityTypes: ReadonlyArray<{ readonly type: string; readonly rows: number }>;
  /** The deals' currencies, sorted. */
  readonly currencies: readonly string[];
  /** The pipeline the deals' stages belong to, as `PipelineSchema` input (`undefined` without one). */
  readonly pipeline: Pipeline | undefined;
  /** How many deals carry each optional field. */
  readonly dealsWith: { readonly amount: number; readonly account: number; readonly product: number; readonly source: number };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A profile of the data as the library reads it: row counts, skipped rows, the first and
 * last instant, the roster, teams, owners, activity types, currencies and how many deals carry
 * each optional field. For checks before reporting ("is the as-of date inside the data?",
 * "which activity types will no KPI count?", "do the deals have accounts?"), on raw or
 * prepared data — prepared data is opaque, so this is how its contents are read.
 *
 * `options` are {@link prepareKpiData}'s (`calendar`, `pipeline`, `invalidRows`), for raw data:
 * a date-only instant is read in that calendar, as every KPI would read it; prepared data
 * keeps its own (a conflicting option is a KpiDefinitionError).
 *
 * Cost: one pass over each collection.
 *
 * @example
 * const profile = profileKpiData({
 *   activities: [
 *     { owner: "ann", type: "call", at: "2026-03-02" },
 *     { owner: "bob", type: "call", at: "2026-03-05" },
 *     { owner: "ann", type: "demo", at: "2026-03-03" },
 *   ],
 * });
 * [profile.rows.activities, profile.activityTypes[0]?.type, profile.owners.activities]; //=> [3, "call", ["ann", "bob"]]
 */
export function profileKpiData(data: KpiData | PreparedKpiData, options: PrepareKpiDataOptions = {}): KpiDataProfile {
  const prepared = prepare(data, options);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const see = (ms: number | undefined): void => {
    if (ms === undefined) return;
    if (ms < first) first = ms;
    if (ms > last) last = ms;
  };
  const teams = new Set<string>();
  for (const rep of prepared.reps) if (rep.team !== undefined) teams.add(rep.team);
  const dealOwners = new Set<string>();
  const currencies = new Set<string>();
  const dealsWith = { amount: 0, account: 0, product: 0, source: 0 };
  for (const deal of prepared.deals) {
    see(deal.createdAt);
    see(deal.closedAt);
    // Moves lie between creation and the last move (sorted): the last one is all that can widen the range.
    const lastMoveAt = deal.lastMoveAt;
    if (!Number.isNaN(lastMoveAt)) see(lastMoveAt);
    dealOwners.add(deal.owner);
    if (deal.team !== undefined) teams.add(deal.team);
    if (deal.currency !== undefined) currencies.add(deal.currency);
    if (deal.hasAmount) dealsWith.amount++;
    if (deal.account !== undefined) dealsWith.account++;
    if (deal.product !== undefined) dealsWith.product++;
    if (deal.source !== undefined) dealsWith.source++;
  }
  // The activities from their columns (every owner × team pair and type code has a row).
  const activityColumns = prepared.activityColumns;
  const activityOwners = new Set<string>(activityColumns.comboOwner);
  for (const team of activityColumns.comboTeam) if (team !== undefined) teams.add(team);
  const rowsOfType = new Array<number>(activityColumns.types.length).fill(0);
  for (let i = 0; i < activityColumns.length; i++) {
    see(activityColumns.at[i] as number);
    const code = activityColumns.type[i] as number;
    rowsOfType[code] = (rowsOfType[code] as number) + 1;
  }
  const types = new Map<string, number>(activityColumns.types.map((type, code) => [type, rowsOfType[code] as number]));
  const leadOwners = new Set<string>();
  for (const lead of prepared.leads) {
    see(lead.createdAt);
    for (const at of lead.reached.values()) see(at);
    if (lead.owner !== undefined) leadOwners.add(lead.owner);
    if (lead.team !== undefined) teams.add(lead.team);
  }
  const sorted = (values: Iterable<string>): string[] => [...values].sort(byCodeUnit);
  return {
    rows: { reps: prepared.reps.length, deals: prepared.deals.length, activities: activityColumns.length, leads: prepared.leads.length },
    skipped: prepared.skipped,
    firstMs: first === Number.POSITIVE_INFINITY ? null : first,
    lastMs: last === Number.NEGATIVE_INFINITY ? null : last,
    reps: prepared.reps.map((rep) => ({ id: rep.id, name: rep.name, team: rep.team })),
    teams: sorted(teams),
    owners: { deals: sorted(dealOwners), activities: sorted(activityOwners), leads: sorted(leadOwners) },
    activityTypes: [...types].sort(([a, x], [b, y]) => y - x || byCodeUnit(a, b)).map(([type, rows]) => ({ type, rows })),
    currencies: sorted(currencies),
    pipeline:
      prepared.pipeline === undefined
        ? undefined
        : {
            stages: prepared.pipeline.stages.map((stage) => ({
              id: stage.id,
              ...(stage.label === undefined ? {} : { label: stage.label }),
              probability: stage.probability.toNumber(),
              outcome: stage.outcome,
            })),
          },
    dealsWith,
  };
}
