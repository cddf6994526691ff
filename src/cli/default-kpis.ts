import { CliError } from "./cli-error.js";
import { type KpiDefinition, type KpiDefinitionInput, KpiDefinitionSchema, kpiCatalog, kpiSources } from "./library.js";

/**
 * The KPIs the CLI puts on a scorecard when `--kpis` is not given, in this order; the ones
 * whose data is missing (no activities, deals or leads) are left out.
 */
export const DEFAULT_SCORECARD_KPIS: readonly string[] = [
  "first-meetings",
  "qualified-proposals",
  "new-revenue-per-month",
  "weighted-pipeline-value",
  "win-rate",
  "sales-cycle",
  "training-hours",
];

/** A data source a KPI reads. */
export type KpiSource = "deals" | "activities" | "leads";

/** The flag that gives each source's file. */
export const SOURCE_FLAGS: Readonly<Record<KpiSource, string>> = { deals: "--deals", activities: "--activities", leads: "--leads" };

type Leaf = Extract<KpiDefinition["measure"], { kind: "builtin" }> | Exclude<KpiDefinition["measure"], { kind: "ratio" }>;

function leaves(kpi: KpiDefinition): Leaf[] {
  return kpi.measure.kind === "ratio" ? [kpi.measure.numerator, kpi.measure.denominator] : [kpi.measure];
}

/** The row sources a KPI's measures read (from the builtin registry for builtins). */
export function sourcesOf(kpi: KpiDefinition): Set<KpiSource> {
  const sources = new Set<KpiSource>();
  for (const source of kpiSources(kpi.measure)) if (source === "deals" || source === "activities" || source === "leads") sources.add(source);
  return sources;
}

/**
 * The activity types the KPIs count, sorted; `undefined` when one of them counts activities
 * of every type (then no type is unmatched).
 */
export function activityTypesOf(kpis: readonly KpiDefinition[]): string[] | undefined {
  const types = new Set<string>();
  for (const kpi of kpis) {
    for (const leaf of leaves(kpi)) {
      if (leaf.kind === "builtin" || leaf.source !== "activities") continue;
      const type = (leaf.where as { type?: string | readonly string[] } | undefined)?.type;
      if (type === undefined) return undefined;
      for (const one of typeof type === "string" ? [type] : type) types.add(one);
    }
  }
  return [...types].sort();
}

/** The deal and lead sources the KPIs filter on (`renewal`, `cross-sell`, …), sorted. */
export function sourcesFilteredBy(kpis: readonly KpiDefinition[]): string[] {
  const sources = new Set<string>();
  for (const kpi of kpis) {
    for (const leaf of leaves(kpi)) {
      if (leaf.kind === "builtin") continue;
      const source = (leaf.where as { source?: string | readonly string[] } | undefined)?.source;
      for (const one of source === undefined ? [] : typeof source === "string" ? [source] : source) sources.add(one);
    }
  }
  return [...sources].sort();
}

/** The activity types the catalog's KPIs count (`call`, `first-meeting`, …), sorted. */
export function catalogActivityTypes(): string[] {
  return activityTypesOf(kpiCatalog) ?? [];
}

/** The KPIs of a scorecard, and what was left out. */
export interface ChosenKpis {
  readonly kpis: KpiDefinition[];
  /** One line per KPI left out because its source file was not given. */
  readonly warnings: string[];
}

/**
 * The KPIs for a scorecard: the ones asked for (catalog ids, or custom definitions checked by
 * `KpiDefinitionSchema`; an unknown id is an error that lists the known ones), or the default
 * set. A KPI whose source file was not given is left out with a warning (asked for) or
 * silently (default set): no data is no data, never a row of zeros.
 *
 * @param given the sources whose file was given.
 */
export function chooseKpis(asked: ReadonlyArray<string | KpiDefinitionInput> | undefined, given: ReadonlySet<string>): ChosenKpis {
  const byId = new Map(kpiCatalog.map((kpi) => [kpi.id, kpi]));
  const warnings: string[] = [];
  const missingSources = (kpi: KpiDefinition) => [...sourcesOf(kpi)].filter((source) => !given.has(source));
  if (asked !== undefined && asked.length > 0) {
    const kpis = asked.flatMap((entry) => {
      let kpi: KpiDefinition | undefined;
      if (typeof entry === "string") {
        kpi = byId.get(entry);
        if (kpi === undefined) {
          const near = nearest(entry, [...byId.keys()]);
          throw new CliError(`--kpis: unknown KPI "${entry}"${near === undefined ? "" : ` (did you mean "${near}"?)`}; known: ${[...byId.keys()].join(", ")}`);
        }
      } else {
        kpi = KpiDefinitionSchema.parse(entry);
      }
      const missing = missingSources(kpi);
      if (missing.length === 0) return [kpi];
      warnings.push(`KPI ${kpi.id} left out: it needs ${missing.map((source) => `${source} (${SOURCE_FLAGS[source]})`).join(" and ")}, which ${missing.length === 1 ? "was" : "were"} not given`);
      return [];
    });
    if (kpis.length === 0) throw new CliError(`no KPI has its data: ${warnings.join("; ")}`);
    return { kpis, warnings };
  }
  const kpis = DEFAULT_SCORECARD_KPIS.flatMap((id) => {
    const kpi = byId.get(id);
    return kpi !== undefined && missingSources(kpi).length === 0 ? [kpi] : [];
  });
  if (kpis.length === 0) throw new CliError("no data for any KPI: give --deals, --activities or --leads");
  return { kpis, warnings };
}

/** The types a KPI counts, when it counts activities of some types only (else undefined). */
function countedTypes(kpi: KpiDefinition): readonly string[] | undefined {
  const measure = kpi.measure;
  if (measure.kind === "ratio" || measure.kind === "builtin" || measure.source !== "activities") return undefined;
  const type = (measure.where as { type?: string | readonly string[] } | undefined)?.type;
  return type === undefined ? undefined : typeof type === "string" ? [type] : type;
}

/**
 * The default set's activity KPIs when the file holds none of the types they count (an export
 * of calls, emails and meetings gets no first meetings, proposals or training hours): the
 * catalog's activity counts whose types the file has take their place, with a note, instead
 * of three rows of 0. Asked-for KPIs, and a default set with any activity type present, stay.
 *
 * @param typeRows the rows per activity type in the data.
 */
export function withActivityTypesPresent(kpis: readonly KpiDefinition[], typeRows: ReadonlyMap<string, number>, isDefault: boolean): { readonly kpis: KpiDefinition[]; readonly notes: string[] } {
  const has = (kpi: KpiDefinition) => (countedTypes(kpi) ?? []).some((type) => (typeRows.get(type) ?? 0) > 0);
  const activityKpis = kpis.filter((kpi) => countedTypes(kpi) !== undefined);
  if (!isDefault || activityKpis.length === 0 || activityKpis.some(has) || typeRows.size === 0) return { kpis: [...kpis], notes: [] };
  const onCard = new Set(kpis.map((kpi) => kpi.id));
  // Counts per period of the review (a per-week KPI would fail a monthly card's grain rule).
  const instead = kpiCatalog.filter((kpi) => !onCard.has(kpi.id) && kpi.grain === undefined && countedTypes(kpi) !== undefined && has(kpi));
  if (instead.length === 0) return { kpis: [...kpis], notes: [] };
  const kept = kpis.filter((kpi) => countedTypes(kpi) === undefined);
  return {
    kpis: [...instead, ...kept],
    notes: [`the default activity KPIs (${activityKpis.map((kpi) => kpi.id).join(", ")}) count types the activities file does not have; ${instead.map((kpi) => kpi.id).join(", ")} shown instead (choose with --kpis)`],
  };
}

/** The edit distance of two texts (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known id closest to a mistyped one (at most 2 edits, or a known id that contains it), if any. */
function nearest(typed: string, known: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  let best: { id: string; distance: number } | undefined;
  for (const id of known) {
    const distance = editDistance(lower, id);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { id, distance };
  }
  return best?.id ?? known.find((id) => lower.length >= 4 && id.includes(lower));
}
