// The library as the CLI sees it: its public entry point, and nothing else. `tsup` marks this
// import external, so `dist/cli.js` imports `./index.js` (the published library) instead of
// bundling a second copy of it (and a second `KpiInputError` class that `instanceof` would miss).
// Everything the CLI takes from the library is imported from this file.
export {
  BaselineMethodSchema,
  isDecimalLike,
  KpiCalendarSchema,
  kpiCatalog,
  kpiSources,
  KpiDefinitionError,
  KpiDefinitionSchema,
  KpiGrainSchema,
  KpiInputError,
  PipelineSchema,
  prepareKpiData,
  profileKpiData,
  scorecard,
  teamSlice,
  toHtml,
  toJSON,
  toMarkdown,
  toTerminal,
  weightedPipelineValue,
} from "../index.js";
export { createTablesSql, duckdbExecute, insertKpiData, sqlEngine } from "../sql.js";
export type { DuckDbConnectionLike, SqlExecute } from "../sql.js";
export type { KpiData, KpiDataInput, KpiDataProfile, KpiDefinition, KpiDefinitionInput, Pipeline, PreparedKpiData, Scorecard } from "../index.js";
