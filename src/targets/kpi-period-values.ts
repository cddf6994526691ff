import type { KpiDecimal } from "../core/decimal.js";
import type { KpiDefinition } from "../kpi/kpi-definition.js";
import { measureSeries } from "../measure/measure-series.js";
import type { KpiGroupBy } from "../measure/series.js";
import type { PreparedKpiData } from "../model/prepared.js";
import type { KpiGrain, KpiPeriod } from "../time/period.js";

/** A KPI's value per period, for the team (all rows) and per group. */
export interface KpiPeriodValues {
  readonly additive: boolean;
  /** One value per period of the given list; `null` where there is none. */
  readonly team: ReadonlyArray<KpiDecimal | null>;
  readonly byGroup: ReadonlyMap<string, ReadonlyArray<KpiDecimal | null>>;
}

/**
 * The one place target plans evaluate a KPI: its value per period over `[fromMs, toMs)`, for
 * the team (every row, unowned included) and per group. Periods of the list after `toMs` (or
 * not measured) get `null`. For now measure KPIs through `measureSeries` (builtins throw);
 * the engine's `kpiSeries` replaces the body.
 */
export function kpiPeriodValues(
  prepared: PreparedKpiData,
  kpi: KpiDefinition,
  periods: readonly KpiPeriod[],
  options: { readonly fromMs: number; readonly toMs: number; readonly grain: KpiGrain; readonly groupBy?: KpiGroupBy; readonly groups?: readonly string[]; readonly missingAmount?: "error" | "skip" },
): KpiPeriodValues {
  const index = new Map(periods.map((period, i) => [period.startMs, i]));
  const empty = (): Array<KpiDecimal | null> => periods.map(() => null);
  if (!(options.toMs > options.fromMs)) return { additive: true, team: empty(), byGroup: new Map((options.groups ?? []).map((g) => [g, empty()])) };
  const common = {
    from: new Date(options.fromMs),
    to: new Date(options.toMs),
    grain: options.grain,
    calendar: prepared.calendar,
    ...(options.missingAmount === undefined ? {} : { missingAmount: options.missingAmount }),
  };
  const teamSeries = measureSeries(prepared, kpi.measure, common);
  const team = empty();
  for (const point of teamSeries.points) {
    const i = index.get(point.period.startMs);
    if (i !== undefined) team[i] = point.value;
  }
  const byGroup = new Map<string, Array<KpiDecimal | null>>();
  if (options.groupBy !== undefined) {
    const grouped = measureSeries(prepared, kpi.measure, { ...common, groupBy: options.groupBy, ...(options.groups === undefined ? {} : { groups: [...options.groups] }) });
    for (const group of grouped.groups) byGroup.set(group, empty());
    for (const point of grouped.points) {
      const i = index.get(point.period.startMs);
      if (i !== undefined && point.group !== null) (byGroup.get(point.group) as Array<KpiDecimal | null>)[i] = point.value;
    }
  }
  return { additive: teamSeries.additive, team, byGroup };
}
