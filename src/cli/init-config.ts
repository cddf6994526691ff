import { existsSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { CliError } from "./cli-error.js";
import { isDecimalLike } from "./library.js";
import { DECIMAL_COMMA } from "./map-rows.js";
import { COLLECTION_FIELDS, type InputCollection } from "./mapping.js";
import { type CsvDelimiter, readTable } from "./read-table.js";

/** Where an installed package's config schema lies, for editors (`$schema` of a starter config). */
export const INSTALLED_CONFIG_SCHEMA = "./node_modules/sales-kpi/schemas/sales-kpi.config.schema.json";

/** Column names each field is often exported under, compared without case, spaces or punctuation. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  id: ["id", "opportunityid", "dealid", "activityid", "leadid", "repid", "recordid"],
  owner: ["owner", "salesagent", "agent", "rep", "salesrep", "salesperson", "ownername", "dealowner", "assignedto", "user"],
  team: ["team", "regionaloffice", "region", "office", "salesteam"],
  account: ["account", "accountname", "company", "companyname", "customer", "client", "organisation", "organization"],
  product: ["product", "productname", "item"],
  amount: ["amount", "value", "closevalue", "dealvalue", "dealamount", "revenue", "price"],
  currency: ["currency", "currencycode"],
  stage: ["stage", "dealstage", "pipelinestage", "status"],
  createdAt: ["createdat", "created", "createdate", "createddate", "creationdate", "engagedate", "opendate", "date"],
  closedAt: ["closedat", "closed", "closedate", "closeddate", "wondate"],
  expectedCloseAt: ["expectedcloseat", "expectedclose", "expectedclosedate", "forecastclosedate"],
  probability: ["probability", "winprobability"],
  source: ["source", "leadsource", "channel", "origin"],
  type: ["type", "activitytype", "kind", "category"],
  at: ["at", "date", "timestamp", "activitydate", "datetime", "when"],
  quantity: ["quantity", "count", "qty", "number"],
  name: ["name", "fullname", "repname", "salesagent"],
  startedAt: ["startedat", "startdate", "started", "hiredate", "hired"],
  leftAt: ["leftat", "enddate", "left", "leavedate"],
  returnedAt: ["returnedat", "returned", "returndate"],
};

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The date-fns format the cells of a date column are written in, from its first cells:
 * undefined when they are ISO (the CLI reads those as they are); `dd/MM/yyyy` when a first
 * number exceeds 12, `MM/dd/yyyy` when a second does; day first when both fit (say so).
 */
export function guessDateFormat(cells: readonly string[]): { readonly format: string | undefined; readonly sure: boolean } {
  const sample = cells.map((cell) => cell.trim()).filter((cell) => cell !== "").slice(0, 200);
  if (sample.length === 0 || sample.every((cell) => /^\d{4}-\d{2}-\d{2}(?:T.*)?$/.test(cell))) return { format: undefined, sure: true };
  const first = sample[0] ?? "";
  const time = / \d{1,2}:\d{2}:\d{2}$/.test(first) ? " HH:mm:ss" : / \d{1,2}:\d{2}$/.test(first) ? " HH:mm" : "";
  const iso = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/.exec(first);
  if (iso !== null) return { format: `yyyy${iso[2]}MM${iso[2]}dd${time}`, sure: true };
  const dmy = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2,4})/.exec(first);
  if (dmy === null) return { format: undefined, sure: false };
  const separator = dmy[2] ?? "-";
  const year = (dmy[4] ?? "").length === 2 ? "yy" : "yyyy";
  let dayFirst = false;
  let monthFirst = false;
  for (const cell of sample) {
    const parts = new RegExp(`^(\\d{1,2})\\${separator}(\\d{1,2})\\${separator}`).exec(cell);
    if (parts === null) continue;
    if (Number(parts[1]) > 12) dayFirst = true;
    if (Number(parts[2]) > 12) monthFirst = true;
  }
  const order = monthFirst && !dayFirst ? `MM${separator}dd` : `dd${separator}MM`;
  return { format: `${order}${separator}${year}${time}`, sure: dayFirst !== monthFirst };
}

/** A guessed mapping section, and what was guessed, for the user to check. */
interface Guess {
  readonly fields: Record<string, string | { column: string; date: string } | { column: string; decimalComma: true }>;
  readonly lines: string[];
  /** Deals: the distinct values of the stage column, in the order first seen. */
  readonly stages?: string[];
}

/**
 * A starter pipeline from the stage values of a deals export: values that read as won
 * (`won`, `closed won`) or lost are the won and lost stages, the others open, in the order first
 * seen, with probabilities spread evenly between 0 and 1 (to be checked: they are a guess).
 */
export function guessPipeline(values: readonly string[]): { stages: Array<{ id: string; label: string; probability: number; outcome: "open" | "won" | "lost" }> } {
  const outcome = (value: string) => (/\bwon\b/i.test(value) ? "won" : /\blost\b/i.test(value) ? "lost" : "open");
  const open = values.filter((value) => outcome(value) === "open");
  const stages = [
    ...open.map((value, index) => ({ id: value.toLowerCase(), label: value, probability: Math.round(((index + 1) / (open.length + 1)) * 100) / 100, outcome: "open" as const })),
    ...values.filter((value) => outcome(value) === "won").map((value) => ({ id: value.toLowerCase(), label: value, probability: 1, outcome: "won" as const })),
    ...values.filter((value) => outcome(value) === "lost").map((value) => ({ id: value.toLowerCase(), label: value, probability: 0, outcome: "lost" as const })),
  ];
  return { stages };
}

/** Amounts written the Dutch way: some cell has a decimal comma, and none reads as a plain decimal only. */
function writtenWithDecimalComma(cells: readonly string[]): boolean {
  const filled = cells.filter((cell) => cell !== "").slice(0, 1000);
  return filled.some((cell) => cell.includes(",") && !isDecimalLike(cell)) && filled.every((cell) => DECIMAL_COMMA.test(cell));
}

function guessCollection(file: string, collection: InputCollection, delimiter: CsvDelimiter | "auto"): Guess {
  const table = readTable(file, collection, delimiter);
  const spec = COLLECTION_FIELDS[collection];
  const fields: Guess["fields"] = {};
  const used = new Set<string>();
  const lines: string[] = [];
  for (const [name, kind] of Object.entries(spec.fields)) {
    // A roster's id is the rep's name or id as the deals' owner column holds it.
    const names = collection === "reps" && name === "id" ? [...(SYNONYMS.id ?? []), ...(SYNONYMS.owner ?? [])] : (SYNONYMS[name] ?? [name]);
    const column = table.columns.find((candidate) => !used.has(candidate) && names.includes(normalise(candidate)));
    if (column === undefined) {
      if ((spec.required as readonly string[]).includes(name)) lines.push(`init: ${collection}.${name}: no column found; set fields.${name} in the map (required)`);
      continue;
    }
    used.add(column);
    if (kind === "instant") {
      const { format, sure } = guessDateFormat(table.records.map((record) => String(record.values[column] ?? "")));
      fields[name] = format === undefined ? column : { column, date: format };
      if (format !== undefined) lines.push(`init: ${collection}.${name} ← "${column}", dates as ${format}${sure ? "" : " (a guess: day and month both fit; check it)"}`);
      else lines.push(`init: ${collection}.${name} ← "${column}"`);
    } else if (kind === "decimal" && writtenWithDecimalComma(table.records.map((record) => String(record.values[column] ?? "").trim()))) {
      fields[name] = { column, decimalComma: true };
      lines.push(`init: ${collection}.${name} ← "${column}", amounts with a decimal comma (1.234,50)`);
    } else {
      fields[name] = column;
      lines.push(`init: ${collection}.${name} ← "${column}"`);
    }
  }
  const unused = table.columns.filter((column) => !used.has(column));
  if (unused.length > 0) lines.push(`init: ${collection}: columns not used: ${unused.join(", ")}`);
  const stageColumn = collection === "deals" ? fields.stage : undefined;
  if (typeof stageColumn !== "string") return { fields, lines };
  const stages = [...new Set(table.records.slice(0, 100_000).map((record) => String(record.values[stageColumn] ?? "").trim()).filter((value) => value !== ""))].slice(0, 30);
  return { fields, lines, stages };
}

/** The CSV files `init` reads, by the flag that named them. */
export interface InitFiles {
  readonly deals?: string;
  readonly activities?: string;
  readonly leads?: string;
  readonly teams?: string;
}

/**
 * `sales-kpi init`: writes a starter config (`configFile`) whose mapping is guessed from the
 * header row (and the first cells' date formats) of each CSV file. The config's paths are
 * relative to its own folder. An existing file is never overwritten (a usage error). Returns
 * the lines to print: what was guessed and what is left to do.
 */
export function runInit(files: InitFiles, configFile: string, cwd: string, delimiter: CsvDelimiter | "auto"): string[] {
  const entries = Object.entries(files).filter(([, file]) => file !== undefined) as Array<[keyof InitFiles, string]>;
  if (entries.length === 0) throw new CliError("init: give a CSV file: sales-kpi init deals.csv, or --deals, --activities, --leads, --teams");
  const target = resolve(cwd, configFile);
  if (existsSync(target)) throw new CliError(`init: ${configFile} exists; not overwritten (remove it, or give another name with --config)`);
  const folder = dirname(target);
  const map: Record<string, { fields: Guess["fields"] }> = {};
  const config: Record<string, unknown> = { $schema: INSTALLED_CONFIG_SCHEMA };
  const lines: string[] = [];
  let pipeline: ReturnType<typeof guessPipeline> | undefined;
  for (const [flag, file] of entries) {
    const collection: InputCollection = flag === "teams" ? "reps" : flag;
    const guess = guessCollection(resolve(cwd, file), collection, delimiter);
    // relative to the config when the file lies in its folder, else absolute
    const path = relative(folder, resolve(cwd, file)).split(sep).join("/");
    config[flag] = path.startsWith("../") || path === ".." ? resolve(cwd, file) : `./${path}`;
    map[collection] = { fields: guess.fields };
    lines.push(...guess.lines);
    if (guess.stages !== undefined && guess.stages.length > 0) {
      pipeline = guessPipeline(guess.stages);
      lines.push(`init: pipeline guessed from the stage values (${pipeline.stages.map((stage) => `${stage.label} ${stage.outcome} ${stage.probability}`).join(", ")}): check the funnel order and the probabilities`);
    }
  }
  Object.assign(config, {
    map,
    ...(pipeline === undefined ? {} : { pipeline }),
    asOf: "YYYY-MM-DD",
    timeZone: "UTC",
    format: "html",
    out: "scorecard.html",
  });
  if (delimiter !== "auto") config.delimiter = delimiter;
  try {
    writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`, { encoding: "utf8", flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === "EEXIST" ? `init: ${configFile} exists; not overwritten` : `init: ${configFile}: cannot write (${code ?? String(error)})`);
  }
  lines.push(`wrote ${configFile}: set asOf (the report date) and timeZone, check the guessed columns, then run: sales-kpi report${configFile === "sales-kpi.config.json" ? "" : ` --config ${configFile}`}`);
  return lines;
}
