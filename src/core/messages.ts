/**
 * Every message text the library shows a person, in one place, so they read alike and
 * can be found. Functions build the final message; paths are added by the error classes.
 */
export const messages = {
  decimalLike: "expected a decimal string or number, below 10^18 in size (0, or at least 10^-1000) with at most 40 significant digits",
  amount: "expected an amount: a decimal string or number below 10^18 in size with at most 10 decimals",
  instant: "expected an ISO 8601 date-time with offset or Z, a YYYY-MM-DD date, or a valid Date, in the years 0001 to 9999",
  epochMs: "expected epoch milliseconds: a whole number within the years 0001 to 9999",
  asOfPeriodPastRange: (label: string) => `the period holding asOf (${label}, whose pace the scorecard measures) ends after the year 9999: give an asOf whose period ends by 9999-12-31`,
  periodsAbut: "each period must start where the one before it ends",
  timeZone: "expected an IANA time zone such as \"Europe/Amsterdam\"",
  inputInvalid: "Invalid input",
  definitionInvalid: "Invalid definition",
  leadCountBasis: "give exactly one of `step` (a funnel step such as \"sql\") and `at: \"createdAt\"`",
  invalidLeadRow: "invalid lead row",
  rowInvalid: "row failed validation",
  leftBeforeStarted: "leftAt is before startedAt",
  moveBeforeCreated: "stage move is before createdAt",
  fxFunction: "expected a function (currency, atMs) => rate",
  seriesGrain: (grain: string) => `expected the series' grain "${grain}"`,
  pointPeriod: "the point's period is not one of the series' periods",
  pointGroup: "a point has a group exactly when the series is grouped",
  scoresArray: "expected an array of scores",
  closedBeforeCreated: "closedAt is before createdAt",
  closedWithoutCloseDate: (stage: string) => `deal is in closed stage "${stage}" but has no closedAt`,
  duplicateId: (id: string, earlier: string) => `duplicate id "${id}": also ${earlier}`,
  unknownStage: (stage: string) => `unknown stage "${stage}": not in the pipeline`,
  pipelineRequired: "deals need a pipeline: pass `pipeline` in the data or the options",
  duplicateStage: (id: string) => `stage id "${id}" appears more than once`,
  wonProbability: "a won stage has probability 1",
  lostProbability: "a lost stage has probability 0",
  calendarMismatch:
    "the prepared data was prepared with another calendar; prepare it again with this calendar or leave `calendar` out",
  pipelineMismatch:
    "this pipeline differs from the one the data was prepared with (or holds): prepare the data again with this pipeline, or leave `pipeline` out",
  rowsExpected: (rows: string) => `expected an array of ${rows}, a data bag, or data from prepareKpiData`,
  activityRows: "expected an array of activities, or an iterable of them",
  iteratorRead: "this iterator was read already (by an earlier call): its rows are gone; pass the prepared data from that call, or a new iterator",
  bagExpected: "expected a data bag: an object with pipeline, reps, deals, activities and leads, each optional",
  emptyRange: "`to` must be after `from`",
  tooManyPeriods: (count: number, grain: string, max: number) =>
    `the range holds ${count.toLocaleString("en-US")} periods of a ${grain}, more than the ${max.toLocaleString("en-US")} one call computes: shorten the range or take a longer grain`,
  unknownOption: (suggestion: string | undefined) =>
    suggestion === undefined ? "unknown option" : `unknown option; did you mean "${suggestion}"?`,
  unknownField: (suggestion: string | undefined) =>
    suggestion === undefined ? "unknown field" : `unknown field; did you mean "${suggestion}"?`,
  // measure + kpi
  builtinMeasure: (id: string) =>
    `the builtin KPI "${id}" is computed by its own function (the scorecard dispatches builtins), not by measureSeries`,
  measureMixedCurrencies: (currencies: readonly string[]) =>
    `cannot sum amounts in more than one currency (${currencies.join(", ")}); filter with where.currency or convert first`,
  measureMissingAmount: "deal has no amount; pass missingAmount: \"skip\" to leave such deals out (counted in skippedReasons)",
  noActivitySource: "activities have no source; group activities by owner or team",
  indicatorReasonRequired: "an `indicator` override needs an `indicatorReason` saying why",
  duplicateKpiId: (id: string) => `KPI id "${id}" appears more than once`,
  cellsPerKpi: "expected one cell per KPI, in the order of `kpis`",
  valueToShow: "expected a finite decimal (a Decimal, number or decimal text) or null",
  catalogId: "expected the id of a catalog KPI (a string)",
  kpisArray: "expected an array of KPI definitions",
  unknownCatalogKpi: (id: string) => `no KPI "${id}" in the catalog`,
  seriesMismatch: "both series must have the same grain",
  groupsWithoutGroupBy: "`groups` names groups but `groupBy` is not given: say what to group by (owner, team or source)",
  targetsPerGroupWithoutGroupBy:
    "the targets are given per group (a Map) but `groupBy` is not given: say what the Map's keys are (owner, team or source), or pass one set of targets for everyone",
  seriesGroupNeeded: "the series are grouped: pass `group` to say which group (rep, team or source) to compare",
  auditTooManyKpis: (audience: string, count: number, max: number) =>
    `${count} KPIs for ${audience}, more than ${max}: people steer on a handful; keep the few that matter most`,
  auditLagHeavy: (lead: number, total: number) =>
    `only ${lead} of ${total} KPIs are lead indicators: steer mostly on lead indicators (actions you can change today)`,
  auditNoActionKpi: "no action KPI: add at least one KPI that counts what the team does (calls, meetings, proposals)",
  auditInsightForAppraisal: (id: string) =>
    `insight KPI "${id}" is used for appraisal: insight KPIs explain results, judging people on them invites gaming`,
  auditTargetWithoutBaseline: (id: string) => `KPI "${id}" has a target but no measured baseline: measure the baseline (nulmeting) first`,
  auditUncontrollableTarget: (id: string) => `KPI "${id}" has a target but the team cannot control it: targets belong on controllable KPIs`,
  auditTargetFarAboveBaseline: (id: string, target: string, baseline: string, maxUplift: string) =>
    `the target of KPI "${id}" (${target}) is more than ${maxUplift} beyond its baseline (${baseline}): an unreachable target demotivates`,
  auditAmbiguousConversion: (id: string, steps: readonly string[]) =>
    `conversion KPI "${id}" has no written definition of step ${steps.map((s) => `"${s}"`).join(" and ")}: write what each step means in stepDefinitions`,
  everyone: "everyone",
  tooFewPoints: (pairs: number, min: number) => `only ${pairs} paired periods, at least ${min} needed for a correlation`,
  constantSeries: "one of the series does not vary over the paired periods, so no correlation can be computed",
  // pipeline
  mixedCurrencies: (id: string, currency: string | undefined, otherId: string, other: string | undefined) =>
    `deal "${id}" is in ${currency ?? "no currency"} but deal "${otherId}" is in ${other ?? "no currency"}: pass \`currency\` with \`rates\` or \`fx\` to convert, amounts in different currencies are never summed`,
  missingRate: (id: string, from: string, to: string) => `no rate from ${from} to ${to} for deal "${id}": add it to \`rates\` or \`fx\``,
  fxNeedsAsOf: "`fx` needs `asOf`: open deals are converted at the rate of that instant",
  rateNotPositive: (from: string) => `the rate of ${from} must be more than 0: it is how many units of \`currency\` one ${from} is worth`,
  fxRateInvalid: (id: string, from: string, to: string, got: string) =>
    `\`fx\` gave ${got} as the rate from ${from} to ${to} for deal "${id}": a rate must be a decimal more than 0 (or undefined when none is known)`,
  missingAmount: (id: string) =>
    `deal "${id}" has no amount: add it, or pass \`missingAmount: "skip"\` or a function giving a fallback (such as the product's list price)`,
  amountSkipped: "no amount (missingAmount: \"skip\")",
  noFallbackAmount: "no amount and the missingAmount function gave none",
  staleNeedsAsOf: "`staleAfterDays` needs `asOf`: staleness is measured back from that instant",
  pipelineWithoutOpenStage: "the pipeline has no open stage, so the stage of a deal before its first recorded move is unknown",
  // conversion, people, economics
  sameStep: "`from` and `to` must be different funnel steps",
  stepMissing: (step: string) => `step "${step}" is not in \`steps\``,
  stepOrder: "`from` must come before `to` in `steps`",
  duplicateStep: (step: string) => `step "${step}" appears more than once`,
  windowInPeriodMode: "`windowDays` only applies to mode \"cohort\"",
  enpsScale: "scale must be [0, 10] or [1, 10]",
  enpsScore: (low: number, high: number) => `expected a whole number from ${low} to ${high}`,
  nonNegativeAmount: "expected an amount of 0 or more",
  shareBetweenZeroAndOne: "expected a share from 0 to 1",
  wholeCount: "expected a whole number of 0 or more",
  // target plans, explicit targets, splits, pacing
  planBaseline: (periods: number, method: string) => `baseline of ${periods} complete period${periods === 1 ? "" : "s"} before the start (${method})`,
  planFirstTarget: (sign: "+" | "−", percent: string) => `first target: baseline ${sign} ${percent} %`,
  planRaised: (met: number) => `raised by a step after ${met} met period${met === 1 ? "" : "s"}`,
  planHeldNotMet: "held: not met",
  scorecardCohortUnjudged: (reviewed: string, asOf: string) =>
    `not judged yet: the ${reviewed} cohort has had no whole day by ${asOf}, and every cohort is judged at the reviewed one's age (0 days would count same-day conversions only): a card a day later judges it`,
  scorecardCohortUnjudgedCell: "no data: the reviewed cohort has had no whole day to convert yet",
  scorecardCohortUnjudgedBaseline: "not judged yet: the reviewed cohort has had no whole day to convert",
  planHeldMetSoFar: (met: number, needed: number) => `held: met ${met} of the ${needed} periods in a row needed for a raise`,
  planHeldNoValue: "held: the period before has no value",
  planEased: "eased by a step: not met (decreases allowed)",
  planCapped: (bound: string) => `; capped at ${bound} (a rate lies in [0, 1])`,
  planRolling: (periods: number, sign: "+" | "−", percent: string) => `rolling: baseline of the ${periods} complete periods before it ${sign} ${percent} %`,
  planNoTarget: (reason: string) => `no target: ${reason}`,
  planZeroBaseline: "the baseline is 0, so a target derived from it would be met by doing nothing",
  planNoPeriods: "`periods` and `values` must have the same length",
  planPeriodsOrder: "periods must be consecutive and in order (each one starts where the one before ends)",
  targetOwnerAndTeam: "give `owner` (a rep's target) or `team` (a team's target), not both",
  targetPeriodLabel: "expected a period label such as \"2026-09\", \"2026-W37\", \"2026-Q3\", \"FY2027\" or \"FY2027-M03\", or [from, to)",
  targetPeriodOrder: "the period's end must be after its start",
  duplicateTarget: (earlier: number) => `the same KPI, owner or team and period as targets[${earlier}]`,
  teamTargetDiffers: (team: string, sum: string) => `the team target (${team}) differs from the sum of the rep targets (${sum})`,
  teamTargetPartlyExplicit: (explicit: number, total: number) => `${explicit} of ${total} reps have an explicit target; the team target is the team's own`,
  teamSumMissing: (reps: readonly string[]) => `no sum of the rep targets: ${reps.map((r) => `"${r}"`).join(", ")} ${reps.length === 1 ? "has" : "have"} no target`,
  splitNoParts: "the range holds no period to split into",
  splitWeightsLength: (parts: number) => `give one weight per part (${parts})`,
  splitSeriesLength: (parts: number, periods: number) => `the seasonality series has ${periods} periods but there are ${parts} parts: measure the previous year in the same grain`,
  splitNeedsWeights: "`by: \"weights\"` needs `weights`, one per part",
  splitNeedsSeries: "`by: \"seasonality\"` needs `series`: last year's series in the same grain",
  splitNoWorkingDays: "the range has no working day: split it equally or by weights",
  noReps: "no reps to split the target over",
  workingDaysEmpty: "give at least one working weekday",
  holidayDate: "expected a date YYYY-MM-DD",
  rampNoTeamReps: "the team baseline has no reps to divide it over",
  // baseline + targets
  baselineInsufficient: (have: number, need: number, window: number) =>
    `only ${have} of the last ${window} complete periods have data, ${need} needed: no baseline is given rather than one made up`,
  groupNotInSeries: (group: string) => `group "${group}" is not in the series: name it in \`groups\` when measuring the series`,
  groupOnUngroupedSeries: "`group` was given but the series is not grouped",
  calendarNotSeries: "the series' periods do not line up with this calendar: pass the calendar the series was measured in",
  minPeriodsAbovePeriods: "`minPeriods` cannot be more than `periods`",
  notAdditive: "needs an additive measure (count, sum or distinct): a ratio per day cannot be added up over a window",
  noBaselineValue: "the baseline has no value (not enough history)",
  upliftBelowOne: "for a lower-is-better KPI the uplift must be below 1, or the target would be 0 or less",
  nonNegative: "expected a number of 0 or more",
  positiveWholeDays: "expected whole days of 1 or more",
  windowDays: (max: number) => `expected a whole number of days from 1 to ${max.toLocaleString("en-US")}`,
  increasingMilestones: "milestones must increase",
  rampLength: "give one ramp factor per milestone",
  weightsSumZero: "the weights add up to 0: give at least one positive weight",
  periodEndBeforeStart: "`periodEnd` must be after `periodStart`",
  windowsMissing: "no rolling windows to evaluate",
  directionMismatch: (target: string, attainment: string) => `the target is ${target} but the attainment is ${attainment}`,
  // the KPI engine (kpiSeries, builtin registry, scorecard composition)
  teamSliceNeedsPrepared: "expected prepared data (the result of prepareKpiData)",
  groupByNotInSource: (field: string, source: string, fields: readonly string[]) =>
    `${source} cannot be grouped by ${field}; group ${source} by ${fields.join(", ")}`,
  groupByTwice: "`groupBy` names the same field twice",
  builtinUnavailable: (id: string, reason: string) => `the builtin KPI "${id}" cannot be computed from a data bag: ${reason}`,
  conversionStepsMissing: "a conversion KPI needs `conversion: { from, to }` naming its funnel steps",
  asOfBeforeFrom: "`asOf` is before `from`: nothing before the range is known yet",
  kpiGrainCoarser: (kpi: string, kpiGrain: string, grain: string) =>
    `the KPI "${kpi}" is read per ${kpiGrain}, which is longer than a ${grain}: review it per ${kpiGrain} or drop its grain`,
  // pipeline waterfall, calibration, backtest, conversion by age
  calibratedNeedsAsOf: "`probabilities: \"calibrated\"` needs `asOf`: probabilities are learnt from the deals closed before it",
  probabilityStageUnknown: (stage: string) => `stage "${stage}" is not an open stage of the pipeline: only open stages have a probability to replace`,
  probabilityOutOfRange: (stage: string) => `the probability of stage "${stage}" must lie from 0 to 1`,
  cohortAgeBeyondLimit: "ages must be whole days from 0 to 3660, in increasing order",
  backtestNoPeriods: "no complete period before `asOf` to backtest",
  // sales-kpi/sql
  sqlScorecardNoFixedPoint: (passes: number) => `the SQL scorecard kept asking new questions after ${passes} passes (please report this)`,
  analyticsNeedsRows: "`analytics: true` needs the rows in process (scorecard on prepared data); the SQL engine's scorecard does not compute analytics",
  sqlUnexpectedValue: (column: string, got: string) =>
    `the database returned ${got} for column "${column}"; the engine expects text or whole numbers there (check \`execute\`)`,
  sqlMissingAmount: (count: number) =>
    `${count} deal(s) have no amount; pass missingAmount: "skip" to leave such deals out (counted in skippedReasons)`,
  sqlNotExecutable: (dialect: string) =>
    `the ${dialect} dialect is printed only (engine.explain); run the statements yourself, or use "duckdb" or "postgres"`,
  sqlExecuteRequired: "pass `execute` (e.g. duckdbExecute(connection) or pgExecute(pool)) to run statements",
  sqlUnsupportedBuiltin: (id: string) =>
    `the SQL engine does not compute the builtin KPI "${id}" yet; compute it in process (weighted and plain pipeline value, win rate and the standard conversions run on the database)`,
  sqlUnsupportedOption: (option: string) => `the SQL engine does not support \`${option}\` yet; use the in-process function`,
} as const;
