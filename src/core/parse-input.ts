import type { z } from "zod";
import { KpiDefinitionError, KpiInputError, type KpiIssue } from "./errors.js";

function prefixed(issues: readonly KpiIssue[], path: ReadonlyArray<PropertyKey>): KpiIssue[] {
  return issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }) as KpiIssue);
}

/**
 * Parses `value` with `schema`; on failure throws {@link KpiInputError} whose issue paths
 * start with `path` (so a bad row of `deals` reads `deals[3].amount`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: ReadonlyArray<PropertyKey> = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new KpiInputError(prefixed(result.error.issues, path));
}

/** Like {@link parseInput}, for definitions and options: throws {@link KpiDefinitionError}. */
export function parseDefinition<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: ReadonlyArray<PropertyKey> = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new KpiDefinitionError("invalid-definition", prefixed(result.error.issues, path));
}
