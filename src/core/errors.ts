import { z } from "zod";
import { messages } from "./messages.js";

/** One problem found in the input: zod's issue shape, with a path into the input. */
export type KpiIssue = z.core.$ZodIssue;

/** Stable codes of {@link KpiInputError}. */
export type KpiInputErrorCode = "invalid-input";
/** Stable codes of {@link KpiDefinitionError}. */
export type KpiDefinitionErrorCode =
  | "invalid-definition"
  | "unknown-stage"
  | "missing-pipeline"
  | "missing-rate"
  | "mixed-currencies"
  | "calendar-mismatch"
  | "pipeline-mismatch"
  | "invalid-option"
  | "too-many-periods";

/** Formats a path like zod does in prettifyError: `deals[3].amount`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "symbol") out += `[${String(key)}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out;
}

function summary(title: string, issues: readonly KpiIssue[]): string {
  const first = issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message));
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
  return `${title}: ${first.join("; ")}${more}`;
}

/**
 * Thrown when input data is invalid: a bad row, field or date. `issues` holds every problem
 * with its path into the input (`deals[3].amount`), `cause` the zod error, and the message
 * names the first problems and is followed by zod's pretty print of all of them.
 *
 * @example
 * const rows = JSON.parse('[{ "type": "call", "at": "2026-01-05" }]'); // an activity without an owner
 * try {
 *   prepareKpiData({ activities: rows });
 * } catch (error) {
 *   error instanceof KpiInputError; //=> true
 *   if (error instanceof KpiInputError) error.issues.map((issue) => issue.path); //=> [["activities", 0, "owner"]]
 * }
 */
export class KpiInputError extends Error {
  override readonly name = "KpiInputError";
  readonly code: KpiInputErrorCode;
  readonly issues: readonly KpiIssue[];
  override readonly cause: z.ZodError;

  constructor(issues: readonly KpiIssue[], code: KpiInputErrorCode = "invalid-input") {
    const zodError = new z.ZodError([...issues]);
    super(`${summary(messages.inputInvalid, issues)}\n${z.prettifyError(zodError)}`, { cause: zodError });
    this.code = code;
    this.issues = issues;
    this.cause = zodError;
  }
}

/**
 * Thrown when a KPI definition, pipeline or option makes no sense: an unknown stage, a
 * probability outside [0, 1], currencies mixed without rates. Carries a stable `code`, the
 * issues with paths (into the options or definition), and the zod error as `cause`.
 *
 * @example
 * try {
 *   catalogKpi("no-such-kpi");
 * } catch (error) {
 *   if (error instanceof KpiDefinitionError) error.issues.map((issue) => issue.message); //=> ['no KPI "no-such-kpi" in the catalog']
 * }
 */
export class KpiDefinitionError extends Error {
  override readonly name = "KpiDefinitionError";
  readonly code: KpiDefinitionErrorCode;
  readonly issues: readonly KpiIssue[];
  override readonly cause: z.ZodError;

  constructor(code: KpiDefinitionErrorCode, issues: readonly KpiIssue[]) {
    const zodError = new z.ZodError([...issues]);
    super(`${summary(messages.definitionInvalid, issues)}\n${z.prettifyError(zodError)}`, { cause: zodError });
    this.code = code;
    this.issues = issues;
    this.cause = zodError;
  }
}

/** Builds a custom issue (zod's shape) for a problem found outside a schema. */
export function customIssue(path: ReadonlyArray<PropertyKey>, message: string, input?: unknown): KpiIssue {
  return { code: "custom", path: [...path], message, input } as KpiIssue;
}

/** Shorthand: a {@link KpiDefinitionError} with one issue. */
export function definitionError(
  code: KpiDefinitionErrorCode,
  path: ReadonlyArray<PropertyKey>,
  message: string,
): KpiDefinitionError {
  return new KpiDefinitionError(code, [customIssue(path, message)]);
}
