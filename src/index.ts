// The public API of sales-kpi: explicit named re-exports, nothing else.

// core
export { KpiDecimal, toDecimal, DecimalLikeSchema, AmountSchema, isDecimalLike } from "./core/decimal.js";
export type { DecimalLike } from "./core/decimal.js";
export { ratio, RatioSchema } from "./core/ratio.js";
export type { Ratio } from "./core/ratio.js";
export { KpiInputError, KpiDefinitionError } from "./core/errors.js";
export type { KpiIssue, KpiInputErrorCode, KpiDefinitionErrorCode } from "./core/errors.js";

// time
export { KpiCalendarSchema, resolveCalendar, DEFAULT_CALENDAR } from "./time/calendar.js";
export type { KpiCalendar, KpiCalendarInput } from "./time/calendar.js";
export { InstantSchema } from "./time/instant.js";
export type { InstantInput } from "./time/instant.js";
export { KpiGrainSchema } from "./time/period.js";
export type { KpiGrain, KpiPeriod, PeriodIndex } from "./time/period.js";
export { KpiRetailCalendarSchema } from "./time/retail-calendar.js";
export type { KpiRetailCalendar, KpiRetailCalendarInput } from "./time/retail-calendar.js";
export { parseInstant, parseAsOf, periodOf, periodsBetween, createPeriodIndex, trailingWindow, PeriodListSchema, KpiPeriodSchema } from "./time/time-helpers.js";
export type { TimeInstant } from "./time/time-helpers.js";
export type { KpiWindow } from "./time/trailing-window.js";

// model
export { PipelineSchema, StageSchema, StageOutcomeSchema } from "./model/pipeline.js";
export type { Pipeline, Stage, StageOutcome } from "./model/pipeline.js";
export { DealSchema, StageMoveSchema, AmountChangeSchema, ExpectedCloseChangeSchema } from "./model/deal.js";
export type { Deal, StageMove, AmountChange, ExpectedCloseChange } from "./model/deal.js";
export { ActivitySchema } from "./model/activity.js";
export type { Activity } from "./model/activity.js";
export { LeadSchema } from "./model/lead.js";
export type { Lead } from "./model/lead.js";
export { RepSchema } from "./model/rep.js";
export type { Rep } from "./model/rep.js";
export { KpiDataSchema, KpiDataInputSchema } from "./model/kpi-data.js";
export type { KpiData, KpiDataInput } from "./model/kpi-data.js";
export { teamSlice } from "./model/team-slice.js";
export { prepareKpiData, PrepareKpiDataOptionsSchema } from "./model/prepare-kpi-data.js";
export type { PrepareKpiDataOptions } from "./model/prepare-kpi-data.js";
export { isPrepared } from "./model/prepared.js";
export { profileKpiData } from "./model/profile-kpi-data.js";
export type { KpiDataProfile } from "./model/profile-kpi-data.js";
export type { PreparedKpiData, SkippedRow, KpiCollection } from "./model/prepared.js";

// measure
export type { KpiSeries, KpiSeriesPoint, KpiGroupBy } from "./measure/series.js";
export { KpiSeriesSchema } from "./measure/series-schema.js";

// kpi
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
export type { KpiKind, Indicator, KpiUnit, KpiDirection, KpiQuadrant, KpiDefinition, KpiDefinitionInput } from "./kpi/kpi-definition.js";
export { classifyIndicator } from "./kpi/classify-indicator.js";
export type { IndicatorClass } from "./kpi/classify-indicator.js";
export { kpiCatalog, catalogKpi } from "./kpi/kpi-catalog.js";
export { auditKpiSet, AuditKpiSetOptionsSchema } from "./kpi/audit-kpi-set.js";
export type { AuditKpiSetOptions, KpiAuditFinding, KpiAuditCode } from "./kpi/audit-kpi-set.js";
export { leadIndicatorCheck, LeadIndicatorCheckOptionsSchema } from "./kpi/lead-indicator-check.js";
export type { LeadIndicatorCheckOptions, LeadIndicatorCheck, LagCorrelation } from "./kpi/lead-indicator-check.js";

// measure
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
export type {
  Measure,
  AdditiveMeasure,
  CountMeasure,
  SumMeasure,
  DistinctMeasure,
  RatioMeasure,
  BuiltinMeasure,
  BuiltinMeasureId,
  FilterValue,
  ActivityWhere,
  DealWhere,
  LeadWhere,
} from "./measure/measure.js";
export { measureSeries, MeasureSeriesOptionsSchema, KpiGroupBySchema, KpiBreakdownSchema } from "./measure/measure-series.js";
export type { MeasureSeriesOptions } from "./measure/measure-series.js";
export { measureTotals, MeasureTotalsOptionsSchema } from "./measure/measure-totals.js";
export type { MeasureTotalsOptions, MeasureTotals, MeasureTotal } from "./measure/measure-totals.js";
export type { MeasureRange } from "./measure/range.js";
export { periodOverPeriod, PeriodOverPeriodOptionsSchema } from "./measure/period-over-period.js";
export type { PeriodOverPeriod, PeriodGrowth, PeriodOverPeriodOptions } from "./measure/period-over-period.js";
export { periodToDate, PeriodToDateOptionsSchema } from "./measure/period-to-date.js";
export type { PeriodToDateOptions, PeriodToDate, PeriodToDateValue } from "./measure/period-to-date.js";

// baseline + targets
export { baseline, BaselineOptionsSchema, BaselineMethodSchema } from "./baseline/baseline.js";
export type { Baseline, BaselineOptions, BaselineMethod, BaselineExclusion } from "./baseline/baseline.js";
export { measureBaseline, MeasureBaselineOptionsSchema } from "./baseline/measure-baseline.js";
export { BaselineSchema } from "./baseline/baseline-schema.js";
export { BaselineTargetSchema, AttainmentSchema, RollingTargetsInputSchema } from "./targets/target-schemas.js";
export type { MeasureBaseline, MeasureBaselineOptions, GroupBaseline } from "./baseline/measure-baseline.js";
export { targetFromBaseline, TargetFromBaselineOptionsSchema } from "./targets/target-from-baseline.js";
export type { BaselineTarget, TargetFromBaselineOptions } from "./targets/target-from-baseline.js";
export { raiseTarget, RaiseTargetOptionsSchema } from "./targets/raise-target.js";
export type { RaisedTarget, RaiseTargetOptions } from "./targets/raise-target.js";
export { rollingTargets, RollingTargetsOptionsSchema } from "./targets/rolling-targets.js";
export type { RollingTargets, RollingTargetsOptions, RollingWindowTarget } from "./targets/rolling-targets.js";
export { evaluateRolling, EvaluateRollingOptionsSchema } from "./targets/evaluate-rolling.js";
export type { RollingEvaluation, EvaluateRollingOptions, RollingGroupResult, RollingWindowResult } from "./targets/evaluate-rolling.js";
export { planTargets, PlanTargetsOptionsSchema } from "./targets/plan-targets.js";
export type { PlanTargets, PlanTargetsOptions, PlanMilestone } from "./targets/plan-targets.js";
export { quarterlyTargets, QuarterlyTargetsOptionsSchema } from "./targets/quarterly-targets.js";
export type { QuarterlyTargets, QuarterlyTargetsOptions, QuarterTarget } from "./targets/quarterly-targets.js";
export { attainment } from "./targets/attainment.js";
export type { Attainment } from "./targets/attainment.js";
export { pace, PaceOptionsSchema } from "./targets/pace.js";
export type { Pace, PaceOptions, PaceStatus } from "./targets/pace.js";
export { repsOnTrack } from "./targets/reps-on-track.js";
export type { RepCount } from "./targets/reps-on-track.js";
export { repsAtTarget } from "./targets/reps-at-target.js";
// target plans, explicit targets, splits, pacing, new reps
export { targetPlan, TargetPlanOptionsSchema } from "./targets/target-plan.js";
export type { TargetPlans, TargetPlanOptions, GroupTargetPlan } from "./targets/target-plan.js";
export { planFromSeries, PlanFromSeriesOptionsSchema, TargetPolicySchema } from "./targets/plan-from-series.js";
export type { TargetPlan, TargetPlanPeriod, TargetChange, TargetPolicy, PlanFromSeriesOptions } from "./targets/plan-from-series.js";
export { TargetSchema, TargetsSchema, TargetPeriodLabelSchema } from "./targets/target-schema.js";
export type { Target, Targets } from "./targets/target-schema.js";
export { resolveTarget, ResolveTargetQuerySchema } from "./targets/resolve-target.js";
export type { ResolvedTarget, ResolveTargetQuery, TargetSource } from "./targets/resolve-target.js";
export { splitTarget, SplitTargetOptionsSchema } from "./targets/split-target.js";
export type { SplitTarget, SplitTargetOptions, SplitPart } from "./targets/split-target.js";
export { splitTeamTarget, SplitTeamTargetOptionsSchema } from "./targets/split-team-target.js";
export type { SplitTeamTarget, SplitTeamTargetOptions } from "./targets/split-team-target.js";
export { newRepRamp, perRepBaseline, NewRepRampOptionsSchema } from "./targets/new-rep-ramp.js";
export type { NewRepRamp, NewRepRampOptions } from "./targets/new-rep-ramp.js";
export type { PaceCurve } from "./targets/pace.js";


// pipeline
export { dealStateAt, DealStateAtOptionsSchema } from "./pipeline/deal-state-at.js";
export type { DealState, DealStateAtOptions, DealStatus } from "./pipeline/deal-state-at.js";
export type { PipelineDealsInput, SkippedDeal } from "./pipeline/deal-input.js";
export type { DealPeriodInput, DealPeriodBounds } from "./pipeline/deal-period.js";
export type { MissingAmount } from "./pipeline/deal-amount.js";
export type { CurrencyOptions, FxRate } from "./pipeline/currency-conversion.js";
export type {
  PipelineBaseOptions,
  PipelineGroupTotals,
  PipelineStageTotals,
  PipelineOwnerTotals,
  PipelineTeamTotals,
} from "./pipeline/pipeline-snapshot.js";
export { pipelineValue } from "./pipeline/pipeline-value.js";
export type { PipelineValueOptions } from "./pipeline/pipeline-value.js";
export { weightedPipelineValue } from "./pipeline/weighted-pipeline-value.js";
export type { WeightedPipelineValueOptions, PipelineValueResult } from "./pipeline/weighted-pipeline-value.js";
export { winRate } from "./pipeline/win-rate.js";
export type { WinRateOptions, WinRateResult } from "./pipeline/win-rate.js";
export { averageDealSize } from "./pipeline/average-deal-size.js";
export type { AverageDealSizeOptions, AverageDealSizeResult } from "./pipeline/average-deal-size.js";
export { salesCycleLength } from "./pipeline/sales-cycle-length.js";
export type { SalesCycleLengthOptions, SalesCycleLengthResult } from "./pipeline/sales-cycle-length.js";
export { salesVelocity } from "./pipeline/sales-velocity.js";
export type { SalesVelocityOptions, SalesVelocityResult } from "./pipeline/sales-velocity.js";
export { forecast } from "./pipeline/forecast.js";
export type { ForecastOptions, ForecastResult } from "./pipeline/forecast.js";
export { pipelineCoverage } from "./pipeline/pipeline-coverage.js";
export type { PipelineCoverageOptions, PipelineCoverageResult } from "./pipeline/pipeline-coverage.js";

// conversion, people, economics
export { conversionRate, ConversionRateOptionsSchema } from "./conversion/conversion-rate.js";
export type { ConversionRateOptions, ConversionRateResult, ConversionCounts } from "./conversion/conversion-rate.js";
export { funnel, FunnelOptionsSchema, FunnelStepsSchema } from "./conversion/funnel.js";
export type { FunnelOptions, FunnelResult, FunnelCounts, FunnelStep, FunnelSkippedSteps } from "./conversion/funnel.js";
export { closeRate, CloseRateOptionsSchema } from "./conversion/close-rate.js";
export type { CloseRateOptions } from "./conversion/close-rate.js";
export { returnedLeads, ReturnedLeadsOptionsSchema } from "./conversion/returned-leads.js";
export type { ReturnedLeadsOptions } from "./conversion/returned-leads.js";
export { standardFunnelSteps, standardConversions } from "./conversion/standard-conversions.js";
export type { StandardConversion } from "./conversion/standard-conversions.js";
export type { KpiBounds } from "./time/bounds.js";
export { enps, EnpsOptionsSchema } from "./people/enps.js";
export type { EnpsOptions, EnpsResult } from "./people/enps.js";
export { repTurnover, RepTurnoverOptionsSchema } from "./people/rep-turnover.js";
export type { RepTurnoverOptions, RepTurnoverResult } from "./people/rep-turnover.js";
export { cac, CacSpendSchema } from "./economics/cac.js";
export type { CacSpend, CacResult } from "./economics/cac.js";
export { clv, ClvInputSchema } from "./economics/clv.js";
export type { ClvInput, ClvResult } from "./economics/clv.js";

// evaluate: the one KPI engine
export { kpiSeries, KpiSeriesOptionsSchema } from "./evaluate/kpi-series.js";
export type { KpiSeriesOptions, KpiSeriesResult } from "./evaluate/kpi-series.js";
export type { BuiltinSource } from "./kpi/builtin-registry.js";
export { kpiSources } from "./kpi/kpi-sources.js";

// pipeline waterfall, calibration, backtest, conversion by age
export type { KpiTable, KpiTableCell } from "./core/kpi-table.js";
export { stageProbabilities, StageProbabilitiesOptionsSchema } from "./pipeline/stage-probabilities.js";
export type { StageProbabilitiesOptions, StageProbabilitiesResult, StageProbability } from "./pipeline/stage-probabilities.js";
export { pipelineWaterfall, PipelineWaterfallOptionsSchema } from "./pipeline/pipeline-waterfall.js";
export type {
  PipelineWaterfallOptions,
  PipelineWaterfallResult,
  PipelineWaterfallGroupBy,
  WaterfallMovementKind,
  WaterfallMovement,
  WaterfallDeal,
  WaterfallLevel,
  WaterfallPart,
  WaterfallGroup,
} from "./pipeline/pipeline-waterfall.js";
export { conversionByAge, ConversionByAgeOptionsSchema } from "./conversion/conversion-by-age.js";
export type { ConversionByAgeOptions, ConversionByAgeResult, ConversionAgeCohort, ConversionAgeCell } from "./conversion/conversion-by-age.js";
export { forecastBacktest, ForecastBacktestOptionsSchema } from "./pipeline/forecast-backtest.js";
export type { ForecastBacktestOptions, ForecastBacktestResult, BacktestPeriod } from "./pipeline/forecast-backtest.js";
export { StageProbabilityOverrideSchema } from "./pipeline/stage-probability-override.js";
export type { StageProbabilityOverride, StageProbabilitySource } from "./pipeline/stage-probability-override.js";

// report
export { scorecard, ScorecardOptionsSchema, ScorecardTargetSchema } from "./report/scorecard.js";
export type { ScorecardOptions, ScorecardTarget } from "./report/scorecard.js";
export { toJSON } from "./report/to-json.js";
export type { ScorecardJson, Jsonified } from "./report/to-json.js";
export { toMarkdown, ToMarkdownOptionsSchema } from "./report/to-markdown.js";
export type { ToMarkdownOptions } from "./report/to-markdown.js";
export { ReportLocaleSchema } from "./report/report-labels.js";
export type { ReportLocale } from "./report/report-labels.js";
export { toTerminal, ToTerminalOptionsSchema } from "./report/to-terminal.js";
export type { ToTerminalOptions } from "./report/to-terminal.js";
export { toHtml, ToHtmlOptionsSchema } from "./report/to-html.js";
export { ScorecardSchema, MAX_LABEL_LENGTH } from "./report/scorecard-schema.js";
export type { ToHtmlOptions } from "./report/to-html.js";
export { formatValue } from "./report/format-value.js";
export { SCORECARD_QUADRANTS } from "./report/scorecard-types.js";
export type {
  Scorecard,
  ScorecardCell,
  ScorecardKpi,
  ScorecardQuadrant,
  ScorecardPace,
  ScorecardFunnel,
  ScorecardFunnelStep,
  ScorecardSubject,
  ScorecardRep,
  ScorecardTeam,
  ScorecardKpiCounts,
  ScorecardLeaderboard,
  ScorecardFinding,
} from "./report/scorecard-types.js";
export type { ScorecardAnalytics, ScorecardPipelineSnapshot } from "./report/scorecard-analytics.js";
