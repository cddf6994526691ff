import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { CliError, EXIT_DATA, formatPath } from "./cli-error.js";
import { BaselineMethodSchema, KpiDefinitionSchema, KpiGrainSchema, PipelineSchema } from "./library.js";
import { MappingFileSchema } from "./mapping.js";
import { readJsonFile } from "./read-table.js";

/** The config file `sales-kpi report` reads from the working folder when `--config` is not given. */
export const CONFIG_FILE_NAME = "sales-kpi.config.json";

/** Where editors find the config's JSON Schema (shipped in the package as `schemas/…`). */
export const CONFIG_SCHEMA_URL = "https://raw.githubusercontent.com/sales-kpi/sales-kpi/main/schemas/sales-kpi.config.schema.json";

/** The output formats of the CLI (`table` is another name for `terminal`). */
export const REPORT_FORMATS = ["terminal", "table", "md", "json", "html"] as const;

/** The column separators the CSV reader knows (`auto`: detected from the header line). */
export const DELIMITERS = ["auto", ",", ";", "\t", "tab"] as const;

const path = z.string().min(1);

/**
 * Targets and quotas, per KPI × rep or team × period: the library's `TargetSchema` rows
 * (`{ kpi, owner? | team?, period, value }`) inline, or the path of a CSV or JSON file of
 * them (`--targets FILE` does the same); checked by the library when the report runs.
 */
export const ConfigTargetsSchema = z
  .union([path, z.array(z.record(z.string(), z.unknown()))])
  .meta({ description: "Target rows (kpi, owner: a rep's, or none for the team's; period, value), inline or the path of a CSV or JSON file of them." });

/**
 * How money is shown: `code` (default) names the deals' currency in the notes ("amounts in
 * USD"), `none` leaves it out. `code` is the currency to name when the deals have none.
 */
export const CurrencyDisplaySchema = z.strictObject({
  /** The currency the deals are in, when the data has no currency column (ISO 4217). */
  code: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR").optional(),
  display: z.enum(["code", "none"]).default("code"),
});

/**
 * The `sales-kpi.config.json` file: everything the `report` flags hold, under the flags'
 * names in camelCase (`--as-of` → `asOf`). Flags given on the command line override it.
 * Relative paths are read from the config file's folder, not the working folder.
 */
export const SalesKpiConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    deals: path.optional().meta({ description: "deals (opportunities): CSV with a header row, or JSON" }),
    activities: path.optional().meta({ description: "activities (calls, meetings, …): CSV or JSON" }),
    leads: path.optional().meta({ description: "leads with the dates they reached each funnel step: CSV or JSON" }),
    teams: path.optional().meta({ description: "roster: one row per rep (id, name, team, startedAt, leftAt)" }),
    map: z.union([path, MappingFileSchema]).optional().meta({ description: "the mapping: a file path, or the mapping itself" }),
    pipeline: z.union([path, PipelineSchema]).optional().meta({ description: "the pipeline: a file path, or { stages: [...] }" }),
    asOf: z.string().min(1).optional().meta({ description: "the report date (YYYY-MM-DD, inclusive)" }),
    timeZone: z.string().min(1).optional().meta({ description: "IANA time zone for periods and for dates without offset" }),
    grain: KpiGrainSchema.optional(),
    weekStartsOn: z.number().int().min(0).max(6).optional().meta({ description: "first day of the week: 0 = Sunday, 1 = Monday (default) … 6" }),
    fiscalYearStartMonth: z.number().int().min(1).max(12).optional().meta({ description: "first month of the fiscal year: 1 = January (default) … 12" }),
    kpis: z
      .array(z.union([z.string().min(1), KpiDefinitionSchema]))
      .min(1)
      .optional()
      .meta({ description: "catalog KPI ids, or custom KPI definitions" }),
    baselinePeriods: z.number().int().min(1).max(36).optional().meta({ description: "periods the baseline is taken over (once before programStart; under targetPolicy rolling, before the reviewed period)" }),
    programStart: z.string().min(1).optional().meta({ description: "when targets start (YYYY-MM-DD): the baseline is the baselinePeriods periods before it; default: right after the data's first complete window" }),
    targetPolicy: z.enum(["ratchet", "rolling"]).optional().meta({ description: "ratchet (default): a baseline once, targets raised step by step, never lowered; rolling: each period's target from the periods just before it" }),
    baselineMethod: BaselineMethodSchema.optional(),
    uplift: z.union([z.string(), z.number()]).optional().meta({ description: "target = baseline improved by this share (0.1 = 10%)" }),
    targets: ConfigTargetsSchema.optional(),
    title: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    format: z.enum(REPORT_FORMATS).optional(),
    out: path.optional().meta({ description: 'the report file ("-" for stdout)' }),
    invalidRows: z.enum(["error", "skip"]).optional().meta({ description: "skip: leave invalid rows out, list them on stderr, and go on" }),
    delimiter: z.enum(DELIMITERS).optional(),
    staleAfterDays: z.number().int().min(1).optional().meta({ description: "open deals with no move for longer are counted as stale in the notes" }),
    locale: z.enum(["en", "nl"]).optional().meta({ description: "the report's language: en or nl (KPI names, headings, notes, number style 1.234,5 and 45,3 %; JSON output is not localised)" }),
    currency: CurrencyDisplaySchema.optional(),
  })
  .meta({ title: "sales-kpi config", description: "sales-kpi.config.json: the flags of `sales-kpi report`, in camelCase" });
/** A parsed config file. */
export type SalesKpiConfig = z.infer<typeof SalesKpiConfigSchema>;

/** The config keys that hold file paths, resolved against the config file's folder. */
const PATH_KEYS = ["deals", "activities", "leads", "teams", "map", "pipeline", "out", "targets"] as const;

interface ConfigIssue {
  readonly path: PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly errors?: ReadonlyArray<readonly ConfigIssue[]>;
}

/**
 * The issues of a failed parse, with "Invalid input" of a union (a KPI id or a definition, a
 * path or an inline mapping) replaced by the issues of the branch the value was meant for:
 * the one that got past the value's type.
 */
function flattenIssues(issues: readonly ConfigIssue[], prefix: readonly PropertyKey[]): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== "invalid_union" || issue.errors === undefined) return [{ path, message: issue.message }];
    const meant = issue.errors.find((branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0));
    return meant === undefined ? [{ path, message: issue.message }] : flattenIssues(meant, path);
  });
}

/** A config file read and checked, its paths made absolute. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: SalesKpiConfig;
}

/**
 * Reads the config: `--config FILE` when given (a missing file is an error), else
 * {@link CONFIG_FILE_NAME} in `cwd` when present, else none. Problems are listed one a line as
 * `file: key.path: problem` (exit 2); path values are resolved against the file's folder
 * (`"-"` for `out` stays stdout).
 */
export function loadConfig(given: string | undefined, cwd: string): LoadedConfig | undefined {
  const file = given === undefined ? resolve(cwd, CONFIG_FILE_NAME) : resolve(cwd, given);
  if (given === undefined && !existsSync(file)) return undefined;
  const result = SalesKpiConfigSchema.safeParse(readJsonFile(file));
  if (!result.success) {
    throw new CliError(
      flattenIssues(result.error.issues, [])
        .map((issue) => `${file}: ${issue.path.length === 0 ? "" : `${formatPath(issue.path)}: `}${issue.message}`)
        .join("\n"),
      EXIT_DATA,
    );
  }
  const folder = dirname(file);
  const config: Record<string, unknown> = { ...result.data };
  for (const key of PATH_KEYS) {
    const value = config[key];
    if (typeof value === "string" && !(key === "out" && value === "-")) config[key] = isAbsolute(value) ? value : resolve(folder, value);
  }
  return { file, config: config as SalesKpiConfig };
}
