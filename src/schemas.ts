// `sales-kpi/schemas`: the zod schemas of every public input, for projects that validate,
// extend or convert them (z.toJSONSchema) themselves. Explicit named re-exports only.
export { DecimalLikeSchema } from "./core/decimal.js";
export { KpiCalendarSchema } from "./time/calendar.js";
export { KpiRetailCalendarSchema } from "./time/retail-calendar.js";
export { InstantSchema } from "./time/instant.js";
export { KpiGrainSchema } from "./time/period.js";
export { PipelineSchema, StageSchema, StageOutcomeSchema } from "./model/pipeline.js";
export { DealSchema, StageMoveSchema, AmountChangeSchema, ExpectedCloseChangeSchema } from "./model/deal.js";
export { ActivitySchema } from "./model/activity.js";
export { LeadSchema } from "./model/lead.js";
export { RepSchema } from "./model/rep.js";
export { KpiDataSchema, KpiDataInputSchema } from "./model/kpi-data.js";
// measures, KPI definitions, options
// baseline + targets
export { BaselineOptionsSchema, BaselineMethodSchema } from "./baseline/baseline.js";
export { MeasureBaselineOptionsSchema } from "./baseline/measure-baseline.js";
export { TargetFromBaselineOptionsSchema } from "./targets/target-from-baseline.js";
export { RaiseTargetOptionsSchema } from "./targets/raise-target.js";
export { RollingTargetsOptionsSchema } from "./targets/rolling-targets.js";
export { EvaluateRollingOptionsSchema } from "./targets/evaluate-rolling.js";
export { PlanTargetsOptionsSchema } from "./targets/plan-targets.js";
export { QuarterlyTargetsOptionsSchema } from "./targets/quarterly-targets.js";
export { PaceOptionsSchema } from "./targets/pace.js";
export {
  MeasureSchema,
  AdditiveMeasureSchema,
  CountMeasureSchema,
  SumMeasureSchema,
  DistinctMeasureSchema,
  RatioMeasureSchema,
  BuiltinMeasureSchema,
  BuiltinMeasureIdSchema,
  ActivityWhereSchema,
  DealWhereSchema,
  LeadWhereSchema,
} from "./measure/measure.js";
export { MeasureSeriesOptionsSchema, KpiGroupBySchema, KpiBreakdownSchema } from "./measure/measure-series.js";
export { KpiSeriesOptionsSchema } from "./evaluate/kpi-series.js";
export { MeasureTotalsOptionsSchema } from "./measure/measure-totals.js";
export { PeriodToDateOptionsSchema } from "./measure/period-to-date.js";
export {
  KpiKindSchema,
  IndicatorSchema,
  KpiUnitSchema,
  KpiDirectionSchema,
  KpiQuadrantSchema,
  KpiTargetSchema,
  KpiBaselineSchema,
  KpiDefinitionSchema,
} from "./kpi/kpi-definition.js";
export { AuditKpiSetOptionsSchema } from "./kpi/audit-kpi-set.js";
export { LeadIndicatorCheckOptionsSchema } from "./kpi/lead-indicator-check.js";
export { ConversionRateOptionsSchema } from "./conversion/conversion-rate.js";
export { FunnelOptionsSchema, FunnelStepsSchema } from "./conversion/funnel.js";
export { CloseRateOptionsSchema } from "./conversion/close-rate.js";
export { ReturnedLeadsOptionsSchema } from "./conversion/returned-leads.js";
export { EnpsOptionsSchema } from "./people/enps.js";
export { RepTurnoverOptionsSchema } from "./people/rep-turnover.js";
export { CacSpendSchema } from "./economics/cac.js";
export { ClvInputSchema } from "./economics/clv.js";
// pipeline
export { CurrencyOptionsSchema } from "./pipeline/currency-conversion.js";
export { MissingAmountSchema } from "./pipeline/deal-amount.js";
export { DealPeriodInputSchema } from "./pipeline/deal-period.js";
export { PipelineBaseOptionsSchema } from "./pipeline/pipeline-snapshot.js";
export { PipelineValueOptionsSchema } from "./pipeline/pipeline-value.js";
export { WeightedPipelineValueOptionsSchema } from "./pipeline/weighted-pipeline-value.js";
export { WinRateOptionsSchema } from "./pipeline/win-rate.js";
export { AverageDealSizeOptionsSchema } from "./pipeline/average-deal-size.js";
export { SalesCycleLengthOptionsSchema } from "./pipeline/sales-cycle-length.js";
export { SalesVelocityOptionsSchema } from "./pipeline/sales-velocity.js";
export { ForecastOptionsSchema } from "./pipeline/forecast.js";
export { PipelineCoverageOptionsSchema } from "./pipeline/pipeline-coverage.js";
// report
export { ScorecardOptionsSchema, ScorecardTargetSchema } from "./report/scorecard.js";
// targets
export { TargetSchema, TargetsSchema } from "./targets/target-schema.js";
// input boundary and results passed back in
export { AmountSchema } from "./core/decimal.js";
export { RatioSchema } from "./core/ratio.js";
export { KpiPeriodSchema, PeriodListSchema } from "./time/time-helpers.js";
export { PrepareKpiDataOptionsSchema } from "./model/prepare-kpi-data.js";
export { KpiSeriesSchema } from "./measure/series-schema.js";
export { BaselineSchema } from "./baseline/baseline-schema.js";
export { BaselineTargetSchema, AttainmentSchema, RollingTargetsInputSchema } from "./targets/target-schemas.js";
export { DealStateAtOptionsSchema } from "./pipeline/deal-state-at.js";
export { ScorecardSchema } from "./report/scorecard-schema.js";
export { ToTerminalOptionsSchema } from "./report/to-terminal.js";
export { ToHtmlOptionsSchema } from "./report/to-html.js";
