import { definitionError } from "../core/errors.js";
import { messages } from "../core/messages.js";
import type { AdditiveMeasure, BuiltinMeasureId, Measure } from "../measure/measure.js";
import type { KpiDefinition } from "./kpi-definition.js";

const activities = (type: string | string[]): AdditiveMeasure => ({ kind: "count", source: "activities", where: { type } });
const builtin = (id: BuiltinMeasureId): Measure => ({ kind: "builtin", id });
const MEETING_TYPES = ["meeting", "first-meeting", "follow-up-meeting"];
const CONVERSATION_TYPES = ["call", ...MEETING_TYPES];
const wonRevenue: AdditiveMeasure = { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won" } };

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const higher = "higher-is-better" as const;
const lower = "lower-is-better" as const;

/**
 * The standard sales KPIs (DESIGN §4), each with English and Dutch labels, kind, unit,
 * direction, whether a rep controls it, scorecard quadrant, how it is computed (`measure`)
 * and the formula in words. Entries computed by their own function (pipeline, conversion,
 * people, economics) have a `builtin` measure naming that function; `measureSeries` rejects
 * them rather than pretend to compute them.
 *
 * Conventions: activity types `call`, `email`, `meeting`, `first-meeting`,
 * `follow-up-meeting`, `proposal`, `training-hour`, `coaching-session`; renewal and
 * cross/up-sell deals are recognised by `source` (`renewal`, `cross-sell`, `up-sell`); a
 * won deal is one unit sold. Conversion entries are cohort conversions over the standard
 * lead funnel `mql`, `sql`, `quote`, `customer` (a later step implies the earlier ones):
 * lead → SQL is MQL → SQL, and close rate is SQL → customer, a lead reaching `customer`
 * being its won deal. They name their steps but carry no step
 * definitions: write your team's (`stepDefinitions`), or `auditKpiSet` reports
 * `ambiguous-conversion`. The catalog is frozen; spread an entry to adapt it.
 *
 * @example
 * kpiCatalog.find((kpi) => kpi.id === "first-meetings")?.labels.nl; //=> "Eerste afspraken"
 */
export const kpiCatalog: readonly KpiDefinition[] = deepFreeze<KpiDefinition[]>([
  // --- action KPIs (activities)
  {
    id: "first-meetings", labels: { en: "First meetings", nl: "Eerste afspraken" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "finding", measure: activities("first-meeting"),
    formula: "Σ quantity of activities of type first-meeting in the period",
  },
  {
    id: "follow-up-meetings", labels: { en: "Follow-up meetings", nl: "Vervolgafspraken" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "closing", measure: activities("follow-up-meeting"),
    formula: "Σ quantity of activities of type follow-up-meeting in the period",
  },
  {
    id: "qualified-proposals", labels: { en: "Qualified proposals", nl: "Gekwalificeerde offertes" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "closing", measure: activities("proposal"),
    formula: "Σ quantity of activities of type proposal (a proposal sent after qualification) in the period",
  },
  {
    id: "sales-conversations-per-week", labels: { en: "Sales conversations per week", nl: "Verkoopgesprekken per week" },
    kind: "action", unit: "count", direction: higher, controllable: true, quadrant: "finding", grain: "week",
    measure: activities(CONVERSATION_TYPES),
    formula: "Σ quantity of calls and meetings (call, meeting, first-meeting, follow-up-meeting) per week",
  },
  {
    id: "calls", labels: { en: "Calls", nl: "Telefoongesprekken" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "finding", measure: activities("call"),
    formula: "Σ quantity of activities of type call in the period",
  },
  {
    id: "emails", labels: { en: "E-mails", nl: "E-mails" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "finding", measure: activities("email"),
    formula: "Σ quantity of activities of type email in the period",
  },
  {
    id: "meetings", labels: { en: "Meetings", nl: "Afspraken" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "finding", measure: activities(MEETING_TYPES),
    formula: "Σ quantity of activities of type meeting, first-meeting or follow-up-meeting in the period",
  },
  {
    id: "training-hours", labels: { en: "Training hours", nl: "Trainingsuren" }, kind: "action", unit: "hours",
    direction: higher, controllable: true, quadrant: "developing", measure: activities("training-hour"),
    formula: "Σ quantity of activities of type training-hour (one per hour) in the period",
  },
  {
    id: "coaching-sessions", labels: { en: "Coaching sessions", nl: "Coachingsessies" }, kind: "action", unit: "count",
    direction: higher, controllable: true, quadrant: "developing", measure: activities("coaching-session"),
    formula: "Σ quantity of activities of type coaching-session in the period",
  },
  // --- result KPIs (deals, leads)
  {
    id: "new-customers", labels: { en: "New customers", nl: "Nieuwe klanten" }, kind: "result", unit: "count",
    direction: higher, controllable: true, quadrant: "finding",
    measure: { kind: "distinct", source: "deals", key: "account", at: "closedAt", first: true, where: { outcome: "won" } },
    formula: "number of accounts whose first won deal ever closed in the period",
  },
  {
    id: "new-accounts-per-channel", labels: { en: "New accounts per channel", nl: "Nieuwe accounts per kanaal" },
    kind: "result", unit: "count", direction: higher, controllable: true, quadrant: "finding", groupBy: "source",
    measure: { kind: "distinct", source: "deals", key: "account", at: "createdAt", first: true },
    formula: "number of accounts whose first deal ever was created in the period, per source (channel) of that first deal",
  },
  {
    id: "new-revenue-per-month", labels: { en: "New revenue per month", nl: "Nieuwe omzet per maand" }, kind: "result",
    unit: "currency", direction: higher, controllable: true, quadrant: "closing", grain: "month", measure: wonRevenue,
    formula: "Σ amount of deals won (effective close) in the month",
  },
  {
    id: "revenue-per-channel", labels: { en: "Revenue per channel", nl: "Omzet per kanaal" }, kind: "result",
    unit: "currency", direction: higher, controllable: true, quadrant: "closing", groupBy: "source", measure: wonRevenue,
    formula: "Σ amount of deals won in the period, per deal source (channel)",
  },
  {
    id: "units-sold-per-period", labels: { en: "Units sold per period", nl: "Verkochte eenheden per periode" }, kind: "result",
    unit: "count", direction: higher, controllable: true, quadrant: "closing",
    measure: { kind: "count", source: "deals", at: "closedAt", where: { outcome: "won" } },
    formula: "number of deals won in the period (one unit per won deal)",
  },
  {
    id: "contract-renewals", labels: { en: "Contract renewals", nl: "Contractverlengingen" }, kind: "result", unit: "count",
    direction: higher, controllable: true, quadrant: "growing",
    measure: { kind: "count", source: "deals", at: "closedAt", where: { outcome: "won", source: "renewal" } },
    formula: "number of renewal deals (source renewal) won in the period",
  },
  {
    id: "cross-up-sell", labels: { en: "Cross-sell and up-sell", nl: "Cross-sell en upsell" }, kind: "result", unit: "currency",
    direction: higher, controllable: true, quadrant: "growing",
    measure: { kind: "sum", source: "deals", field: "amount", at: "closedAt", where: { outcome: "won", source: ["cross-sell", "up-sell"] } },
    formula: "Σ amount of cross-sell and up-sell deals (source cross-sell or up-sell) won in the period",
  },
  {
    id: "new-leads-per-month", labels: { en: "New leads per month", nl: "Nieuwe leads per maand" }, kind: "result", unit: "count",
    direction: higher, controllable: false, quadrant: "finding", grain: "month",
    measure: { kind: "count", source: "leads", at: "createdAt" },
    formula: "number of leads created in the month",
  },
  {
    id: "pipeline-value", labels: { en: "Pipeline value", nl: "Pipelinewaarde" }, kind: "result", unit: "currency",
    direction: higher, controllable: true, quadrant: "closing", measure: builtin("pipeline-value"),
    formula: "Σ amount of the deals open at the as-of instant",
  },
  {
    id: "weighted-pipeline-value", labels: { en: "Weighted pipeline value", nl: "Gewogen pipelinewaarde" }, kind: "result",
    unit: "currency", direction: higher, controllable: true, quadrant: "closing", measure: builtin("weighted-pipeline-value"),
    formula: "Σ amount × win probability (the deal's own, else its stage's) of the deals open at the as-of instant",
  },
  {
    id: "returned-leads", labels: { en: "Returned leads", nl: "Teruggegeven leads" }, kind: "result", unit: "count",
    direction: lower, controllable: true, quadrant: "finding", measure: builtin("returned-leads"),
    formula: "number of leads sales returned to marketing in the period",
  },
  {
    id: "customer-satisfaction", labels: { en: "Customer satisfaction", nl: "Klanttevredenheid" }, kind: "result", unit: "score",
    direction: higher, controllable: false, quadrant: "growing", measure: builtin("customer-satisfaction"),
    formula: "average satisfaction score of customers surveyed in the period",
  },
  {
    id: "reps-on-track", labels: { en: "Reps on track", nl: "Verkopers op koers" }, kind: "result", unit: "count",
    direction: higher, controllable: true, quadrant: "developing", measure: builtin("reps-on-track"),
    formula: "number of reps whose pace status is on-track or ahead",
  },
  {
    id: "reps-at-target", labels: { en: "Reps at target", nl: "Verkopers op target" }, kind: "result", unit: "count",
    direction: higher, controllable: true, quadrant: "developing", measure: builtin("reps-at-target"),
    formula: "number of reps who met their target in the period",
  },
  {
    id: "rep-turnover", labels: { en: "Rep turnover", nl: "Verloop van verkopers" }, kind: "result", unit: "ratio",
    direction: lower, controllable: false, quadrant: "developing", measure: builtin("rep-turnover"),
    formula: "reps who left in the period ÷ average headcount, (reps at the start + reps at the end of the period) ÷ 2",
  },
  {
    id: "enps", labels: { en: "Employee Net Promoter Score (eNPS)", nl: "Medewerker-NPS (eNPS)" }, kind: "result", unit: "score",
    direction: higher, controllable: false, quadrant: "developing", measure: builtin("enps"),
    formula: "% promoters (9–10) − % detractors (0–6) among the team's answers",
  },
  // --- insight KPIs
  {
    id: "meetings-per-call", labels: { en: "Meetings per call", nl: "Afspraken per telefoongesprek" }, kind: "insight",
    unit: "number", direction: higher, controllable: true, quadrant: "finding",
    measure: { kind: "ratio", numerator: activities(MEETING_TYPES), denominator: activities("call") },
    formula: "meetings (meeting, first-meeting, follow-up-meeting) ÷ calls in the period",
  },
  {
    id: "win-rate", labels: { en: "Win rate", nl: "Winratio" }, kind: "insight", unit: "ratio", direction: higher,
    controllable: true, quadrant: "closing", measure: builtin("win-rate"),
    formula: "deals won ÷ (deals won + deals lost), over deals closed in the period",
  },
  {
    id: "close-rate", labels: { en: "Close rate", nl: "Afsluitratio" }, kind: "insight", unit: "ratio", direction: higher,
    controllable: true, quadrant: "closing", measure: builtin("close-rate"), conversion: { from: "sql", to: "customer", windowDays: 90 },
    formula:
      "of the leads that became sales-qualified (SQL) in the period, the share that became a customer (won deal) within 90 days: a cohort, each lead once",
  },
  {
    id: "average-deal-size", labels: { en: "Average deal size", nl: "Gemiddelde dealgrootte" }, kind: "insight", unit: "currency",
    direction: higher, controllable: true, quadrant: "closing", measure: builtin("average-deal-size"),
    formula: "Σ amount of deals won in the period ÷ number of deals won",
  },
  {
    id: "sales-cycle", labels: { en: "Sales cycle length", nl: "Lengte verkoopcyclus" }, kind: "insight", unit: "days",
    direction: lower, controllable: true, quadrant: "closing", measure: builtin("sales-cycle-length"),
    formula: "mean calendar days from creation to close of the deals won in the period",
  },
  {
    id: "conversion-lead-sql", labels: { en: "Lead → SQL conversion", nl: "Conversie lead → SQL" }, kind: "insight",
    unit: "ratio", direction: higher, controllable: true, quadrant: "finding", measure: builtin("conversion-lead-sql"),
    conversion: { from: "mql", to: "sql", windowDays: 30 },
    formula:
      "of the leads that became marketing-qualified (MQL) in the period, the share that became sales-qualified (SQL) within 30 days: a cohort (MQL → SQL)",
  },
  {
    id: "conversion-sql-customer", labels: { en: "SQL → customer conversion", nl: "Conversie SQL → klant" }, kind: "insight",
    unit: "ratio", direction: higher, controllable: true, quadrant: "closing", measure: builtin("conversion-sql-customer"),
    conversion: { from: "sql", to: "customer", windowDays: 90 },
    formula: "of the leads that became sales-qualified (SQL) in the period, the share that became a customer within 90 days: a cohort",
  },
  {
    id: "conversion-quote-customer", labels: { en: "Quote → customer conversion", nl: "Conversie offerte → klant" },
    kind: "insight", unit: "ratio", direction: higher, controllable: true, quadrant: "closing",
    measure: builtin("conversion-quote-customer"), conversion: { from: "quote", to: "customer", windowDays: 60 },
    formula: "of the leads that received a quote in the period, the share that became a customer within 60 days: a cohort",
  },
  {
    id: "sales-velocity", labels: { en: "Sales velocity", nl: "Verkoopsnelheid" }, kind: "insight", unit: "currency",
    direction: higher, controllable: true, quadrant: "closing", measure: builtin("sales-velocity"),
    formula: "deals open at the period's end × win rate × average deal size ÷ mean sales cycle (days), the last three over the deals closed in the period: money per day",
  },
  {
    id: "forecast", labels: { en: "Forecast", nl: "Prognose" }, kind: "insight", unit: "currency",
    direction: higher, controllable: false, quadrant: "closing", measure: builtin("forecast"),
    formula: "won in the period so far + Σ amount × probability of the open deals expected to close in it",
  },
  {
    id: "cac", labels: { en: "Customer acquisition cost (CAC)", nl: "Klantacquisitiekosten (CAC)" }, kind: "insight",
    unit: "currency", direction: lower, controllable: false, quadrant: "finding", measure: builtin("cac"),
    formula: "sales and marketing spend in the period ÷ new customers in the period",
  },
  {
    id: "month-over-month-growth", labels: { en: "Month-over-month growth", nl: "Groei maand-op-maand" }, kind: "insight",
    unit: "ratio", direction: higher, controllable: false, quadrant: "growing", grain: "month", transform: "period-over-period",
    measure: wonRevenue,
    formula: "(won revenue this month − won revenue last month) ÷ won revenue last month",
  },
]);

const byId = new Map(kpiCatalog.map((kpi) => [kpi.id, kpi]));

/**
 * The catalog entry with this id. Complexity: O(1) (a lookup).
 *
 * @throws KpiDefinitionError (`invalid-definition`) when the catalog has no such KPI.
 * @example
 * catalogKpi("win-rate").kind; //=> "insight"
 */
export function catalogKpi(id: string): KpiDefinition {
  if (typeof id !== "string") throw definitionError("invalid-definition", ["id"], messages.catalogId);
  const kpi = byId.get(id);
  if (kpi === undefined) throw definitionError("invalid-definition", ["id"], messages.unknownCatalogKpi(id));
  return kpi;
}
