// Internal: the group key of a row under one or two breakdown fields.
import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { KpiGroupBy } from "./series.js";

/** The row sources a breakdown reads. */
export type GroupSource = "activities" | "deals" | "leads";

/** The fields each source can be broken down by. */
const FIELDS: Readonly<Record<GroupSource, readonly KpiGroupBy[]>> = {
  activities: ["owner", "team", "type"],
  deals: ["owner", "team", "source", "product"],
  leads: ["owner", "team", "source"],
};

/** Separates the parts of a two-field key (a control character no CRM value holds). */
export const KEY_SEPARATOR = "\u001f";

/** A row with the fields a breakdown can read. */
export interface GroupedRow {
  readonly owner: string | undefined;
  readonly team: string | undefined;
  readonly source?: string | undefined;
  readonly type?: string | undefined;
  readonly product?: string | undefined;
}

/** Reads a row's group key, or `undefined` when the row lacks one of the fields. */
export type GroupKeyReader = (row: GroupedRow) => string | undefined;

/**
 * Throws KpiDefinitionError when rows of `source` have no field named in `groupBy`
 * (activities have no source, leads no type or product). A definition error, so it is
 * raised before any row is read: the same error whatever the data holds.
 */
export function checkGroupBy(source: GroupSource, groupBy: readonly KpiGroupBy[]): void {
  for (const field of groupBy) {
    if (!FIELDS[source].includes(field)) {
      throw definitionError("invalid-option", ["groupBy"], messages.groupByNotInSource(field, source, FIELDS[source]));
    }
  }
}

/**
 * The key reader for `groupBy` (one field or two) over rows of `source`, or `undefined` when
 * not grouped. Throws KpiDefinitionError when the source has no such field (activities have
 * no source, leads no type or product).
 */
export function groupKeyReader(source: GroupSource, groupBy: readonly KpiGroupBy[]): GroupKeyReader | undefined {
  if (groupBy.length === 0) return undefined;
  checkGroupBy(source, groupBy);
  const [first, second] = groupBy as readonly [KpiGroupBy, KpiGroupBy | undefined];
  if (second === undefined) return (row) => row[first];
  return (row) => {
    const a = row[first];
    const b = row[second];
    return a === undefined || b === undefined ? undefined : a + KEY_SEPARATOR + b;
  };
}

/** The field values of a key made by {@link groupKeyReader}. */
export function keyParts(key: string): readonly string[] {
  return key.split(KEY_SEPARATOR);
}

/** How a group key reads in a report: the field values joined by " · ". */
export function keyLabel(key: string): string {
  return keyParts(key).join(" · ");
}

/** `groupBy` as a list of fields (`undefined` → none). */
export function groupFields(groupBy: KpiGroupBy | readonly KpiGroupBy[] | undefined | null): readonly KpiGroupBy[] {
  if (groupBy === undefined || groupBy === null) return [];
  return typeof groupBy === "string" ? [groupBy] : groupBy;
}
