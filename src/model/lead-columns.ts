// Internal: prepared leads as columns — the instant each funnel step was first reached (one
// typed array per step, NaN when not reached) and dictionary codes for owner, team and
// source — built once per prepared array, so cohort passes read numbers, not Maps per lead.
import { type Dictionary, DictionaryBuilder } from "./dictionary.js";
import type { PreparedLead } from "./prepared.js";

/** Leads as columns. */
export interface LeadColumns {
  readonly length: number;
  readonly createdAt: Float64Array;
  readonly owner: Dictionary;
  readonly team: Dictionary;
  readonly source: Dictionary;
  /** When each lead first reached `step` (NaN: not recorded), built on first use per step. */
  reachedAt(step: string): Float64Array;
}

const columnsOf = new WeakMap<readonly PreparedLead[], LeadColumns>();

/** The columns of `leads`, built once per array. */
export function leadColumns(leads: readonly PreparedLead[]): LeadColumns {
  const known = columnsOf.get(leads);
  if (known !== undefined) return known;
  const length = leads.length;
  const createdAt = new Float64Array(length);
  const owner = new DictionaryBuilder(length);
  const team = new DictionaryBuilder(length);
  const source = new DictionaryBuilder(length);
  for (let i = 0; i < length; i++) {
    const lead = leads[i] as PreparedLead;
    createdAt[i] = lead.createdAt;
    owner.set(i, lead.owner);
    team.set(i, lead.team);
    source.set(i, lead.source);
  }
  const steps = new Map<string, Float64Array>();
  const columns: LeadColumns = {
    length,
    createdAt,
    owner: owner.done(),
    team: team.done(),
    source: source.done(),
    reachedAt(step) {
      let at = steps.get(step);
      if (at === undefined) {
        at = new Float64Array(length);
        for (let i = 0; i < length; i++) at[i] = (leads[i] as PreparedLead).reached.get(step) ?? Number.NaN;
        steps.set(step, at);
      }
      return at;
    },
  };
  columnsOf.set(leads, columns);
  return columns;
}
