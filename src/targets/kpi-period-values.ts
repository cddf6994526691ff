import type { KpiDecimal } from "../core/decimal.js";
import { evaluateKpi } from "../evaluate/kpi-series.js";
import type { KpiDefinition } from "../kpi/kpi-definition.js";
import type { KpiGroupBy, KpiSeriesPoint } from "../measure/series.js";
import type { PreparedData } from "../model/prepared.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";

/** A KPI's value per period, for the team (all rows) and per group. */
export interface KpiPeriodValues {
  readonly additive: boolean;
  /** One value per period of the given list; `null` where there is none. */
  readonly team: ReadonlyArray<KpiDecimal | null>;
  readonly byGroup: ReadonlyMap<string, ReadonlyArray<KpiDecimal | null>>;
  /** Per period: true when it ends before the data's first row (no data, not a zero). */
  readonly beforeData: readonly boolean[];
}

/** A point's value for a plan: `null` for a period before the data starts (no data, not a zero). */
function valueOf(point: KpiSeriesPoint): KpiDecimal | null {
  return point.coverage === "before-data" ? null : point.value;
}

/**
 * The one place target plans evaluate a KPI: its value per period over `[fromMs, toMs)` as of
 * `toMs`, for the team (every row, unowned included) and per group, through the KPI engine
 * (`evaluateKpi`, so measures and builtins alike). Periods of the list after `toMs`, or before
 * the data's first row, get `null`.
 */
export function kpiPeriodValues(
  prepared: PreparedData,
  kpi: KpiDefinition,
  periods: readonly KpiPeriod[],
  options: { readonly fromMs: number; readonly toMs: number; readonly grain: KpiGrain; readonly groupBy?: KpiGroupBy; readonly groups?: readonly string[]; readonly missingAmount?: "error" | "skip" },
): KpiPeriodValues {
  const index = new Map(periods.map((period, i) => [period.startMs, i]));
  const empty = (): Array<KpiDecimal | null> => periods.map(() => null);
  if (!(options.toMs > options.fromMs)) return { additive: kpi.unit !== "ratio", team: empty(), byGroup: new Map((options.groups ?? []).map((g) => [g, empty()])), beforeData: periods.map(() => false) };
  const series = evaluateKpi(prepared, kpi, {
    from: options.fromMs,
    to: options.toMs,
    grain: options.grain,
    groupBy: options.groupBy,
    groups: options.groups,
    asOf: options.toMs,
    missingAmount: options.missingAmount ?? "error",
    cohortAgeDays: undefined,
  });
  const team = empty();
  const beforeData = periods.map(() => false);
  for (const point of options.groupBy === undefined ? series.points : series.team) {
    const i = index.get(point.period.startMs);
    if (i === undefined) continue;
    team[i] = valueOf(point);
    beforeData[i] = point.coverage === "before-data";
  }
  const byGroup = new Map<string, Array<KpiDecimal | null>>();
  if (options.groupBy !== undefined) {
    for (const group of series.groups) byGroup.set(group, empty());
    for (const point of series.points) {
      const i = index.get(point.period.startMs);
      if (i !== undefined && point.group !== null) (byGroup.get(point.group) as Array<KpiDecimal | null>)[i] = valueOf(point);
    }
  }
  return { additive: series.additive, team, byGroup, beforeData };
}
