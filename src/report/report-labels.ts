import { z } from "zod";

/** Schema of {@link ReportLocale}: the languages a report can be rendered in. */
export const ReportLocaleSchema = z.enum(["en", "nl"]);

/** The language of a rendered report: `"en"` (English, the default) or `"nl"` (Dutch). */
export type ReportLocale = z.infer<typeof ReportLocaleSchema>;

/** How a locale writes numbers: separators and the units' suffixes. */
export interface NumberStyle {
  /** Between groups of three digits: "," (en), "." (nl). */
  readonly group: string;
  /** Before the fraction: "." (en), "," (nl). */
  readonly decimal: string;
  /** After a percentage: "%" (en: "42.6%"), " %" (nl: "42,6 %"). */
  readonly percent: string;
  /** After a change in percentage points: " pp" (en), " %-punt" (nl). */
  readonly points: string;
  /** After days and hours. */
  readonly days: string;
  readonly hours: string;
  /** An amount with its currency code: "12,500 EUR" (en), "EUR 12.500" (nl-NL puts the code first). */
  readonly money: (amount: string, code: string | undefined) => string;
}

/**
 * Every fixed text of the Markdown, terminal and HTML reports, one definition per idea, per
 * locale. Parts that take data get it already formatted (numbers in the locale's style) and,
 * where a renderer marks it up, already escaped.
 */
export interface ReportLabels {
  readonly locale: ReportLocale;
  readonly number: NumberStyle;
  /** The scorecard's default title ("Sales scorecard 2026-10"); a title the caller gave is kept. */
  readonly title: (period: string) => string;
  /** "Period **2026-10** · baseline … · pace in 2026-11 · as of 2026-11-15 (UTC)"; `strong` marks up the period. */
  readonly meta: (parts: { readonly period: string; readonly baseline: string; readonly pace: string; readonly asOf: string; readonly zone: string }) => string;
  readonly rowHeadings: readonly [string, string, string, string, string, string, string, string, string, string];
  /** "Last 4 (min – max)" (text renderers) and "Last 4" (HTML, whose sparkline shows them). */
  readonly lastPeriods: (count: number, withRange: boolean) => string;
  readonly quadrants: Readonly<Record<string, string>>;
  readonly kinds: Readonly<Record<string, string>>;
  readonly indicators: Readonly<Record<string, string>>;
  readonly status: { readonly met: string; readonly "below-target": string; readonly "above-target": string };
  readonly pace: { readonly ahead: string; readonly "on-track": string; readonly behind: string };
  readonly yes: string;
  readonly no: string;
  /** "3 of 5". */
  readonly of: (part: string, whole: string) => string;
  readonly team: string;
  /** "Team: East". */
  readonly teamOf: (name: string) => string;
  /** "Rep: Ann". */
  readonly repOf: (name: string) => string;
  readonly repCounts: {
    readonly noPaceYet: (period: string, asOf: string) => string;
    readonly noPaceTarget: string;
    readonly noTarget: string;
    readonly withPace: (count: string, total: number) => string;
    readonly withTarget: (count: string, total: number) => string;
    readonly line: (onTrack: string, atTarget: string) => string;
  };
  readonly perKpi: { readonly atTarget: (count: number, total: number) => string; readonly onTrack: (count: number, total: number) => string; readonly heading: string };
  readonly countHeadings: readonly [string, string, string, string, string];
  readonly rankingHeadings: readonly [string, string, string, string, string, string];
  readonly ranking: {
    readonly heading: string;
    readonly explainText: (period: string) => string;
    readonly explainTerminal: string;
    readonly explainHtml: (period: string) => string;
    readonly htmlHeadings: readonly [string, string, string, string, string, string, string, string, string, string];
    readonly barLabel: (rep: string, text: string, met: number, judged: number) => string;
  };
  readonly attainmentByKpi: { readonly heading: string; readonly explain: (period: string) => string; readonly barLabel: (rep: string, text: string, verdict: string) => string };
  readonly eachRep: string;
  readonly strengths: string;
  readonly focusPoints: string;
  readonly funnel: string;
  /** "loses most at Engaging → Won (42.0% convert)". */
  readonly funnelSummary: (from: string, to: string, share: string) => string;
  /** HTML: "The team loses most at …". */
  readonly teamFunnel: (summary: string) => string;
  readonly countsHeading: string;
  readonly leaderboard: (kpi: string) => string;
  readonly leaderboardHeadings: readonly [string, string];
  readonly audit: string;
  readonly severity: Readonly<Record<string, string>>;
  readonly note: string;
  readonly legend: readonly string[];
  readonly immatureLegend: (mark: string) => string;
  readonly htmlLegend: string;
  readonly analytics: {
    readonly pipeline: string;
    readonly byStage: (currency: string | undefined) => string;
    readonly stage: string;
    readonly endOf: (period: string) => string;
    readonly asOfColumn: (asOf: string) => string;
    readonly total: string;
    readonly openDeals: string;
    readonly dealsCount: (count: number) => string;
    readonly waterfall: (period: string, asOf: string, currency: string | undefined) => string;
    readonly waterfallHeadings: readonly [string, string, string];
    readonly opening: (period: string) => string;
    readonly openingBar: (period: string) => string;
    readonly closing: (asOf: string) => string;
    readonly movements: Readonly<Record<string, string>>;
    readonly calibration: (asOf: string, minDeals: number) => string;
    readonly calibrationHeadings: readonly [string, string, string, string, string, string, string];
    readonly calibrated: string;
    readonly insufficientHistory: string;
    readonly backtest: (currency: string | undefined) => string;
    readonly backtestHeadings: readonly [string, string, string, string, string, string];
    readonly bias: string;
    readonly meanAbsoluteError: string;
    readonly mape: string;
    readonly cohorts: (from: string, to: string) => string;
    readonly cohortHeadings: readonly [string, string];
    readonly immature: string;
    readonly immatureText: string;
    readonly immatureTerminal: string;
    readonly heatExplain: string;
  };
  /** A note of the scorecard (cell notes, the card's notes) in this language; unknown notes as they are. */
  readonly noteText: (note: string) => string;
}

const EN_NUMBER: NumberStyle = {
  group: ",",
  decimal: ".",
  percent: "%",
  points: " pp",
  days: " d",
  hours: " h",
  money: (amount, code) => (code === undefined ? amount : `${amount} ${code}`),
};

const NL_NUMBER: NumberStyle = {
  group: ".",
  decimal: ",",
  percent: " %",
  points: " %-punt",
  days: " d",
  hours: " u",
  money: (amount, code) => (code === undefined ? amount : `${code} ${amount}`),
};

const withCode = (code: string | undefined): string => (code === undefined ? "" : ` (${code})`);

/** The English labels: the report as it has always read. */
const EN: ReportLabels = {
  locale: "en",
  number: EN_NUMBER,
  title: (period) => `Sales scorecard ${period}`,
  meta: ({ period, baseline, pace, asOf, zone }) => `Period ${period} · baseline ${baseline} · pace in ${pace} · as of ${asOf} (${zone})`,
  rowHeadings: ["Quadrant", "KPI", "Kind", "Actual", "Baseline", "Target", "Attained", "Status", "Trend", "Pace"],
  lastPeriods: (count, withRange) => `Last ${count}${withRange ? " (min – max)" : ""}`,
  quadrants: { finding: "Finding", closing: "Closing", growing: "Growing", developing: "Developing" },
  kinds: { action: "action", result: "result", insight: "insight" },
  indicators: { lead: "lead", lag: "lag" },
  status: { met: "met", "below-target": "below target", "above-target": "above target" },
  pace: { ahead: "ahead", "on-track": "on-track", behind: "behind" },
  yes: "yes",
  no: "no",
  of: (part, whole) => `${part} of ${whole}`,
  team: "Team",
  teamOf: (name) => `Team: ${name}`,
  repOf: (name) => `Rep: ${name}`,
  repCounts: {
    noPaceYet: (period, asOf) => `no pace yet: ${period} has not begun as of ${asOf}`,
    noPaceTarget: "no rep has a target on a KPI that adds up over the period",
    noTarget: "– (no rep has a target)",
    withPace: (count, total) => `${count} of ${total} with a pace`,
    withTarget: (count, total) => `${count} of ${total} with a target`,
    line: (onTrack, atTarget) => `Reps on track on every KPI with a pace: ${onTrack} · reps at target on every KPI with a target: ${atTarget}`,
  },
  perKpi: { atTarget: (count, total) => `${count} of ${total} at target`, onTrack: (count, total) => `${count} of ${total} on track`, heading: "Per KPI:" },
  countHeadings: ["KPI", "On track", "With pace", "At target", "With target"],
  rankingHeadings: ["#", "Rep", "Team", "Attainment", "KPIs met", "On track"],
  ranking: {
    heading: "Reps, ranked by attainment",
    explainText: (period) => `Attainment: the mean of actual ÷ target over the rep's appraisal KPIs with a target in ${period}, each capped at 150 %.`,
    explainTerminal: "Reps, ranked by attainment (mean of actual ÷ target over appraisal KPIs with a target, each capped at 150 %)",
    explainHtml: (period) => `Attainment = the mean of actual ÷ target over a rep's appraisal KPIs with a target in ${period} (each capped at 150 %); the line in each bar marks the target (100 %).`,
    htmlHeadings: ["#", "Rep", "Team", "Attainment", "Mean", "KPIs met", "On track", "Strengths", "Focus points", "Funnel"],
    barLabel: (rep, text, met, judged) => `${rep}: ${text} of target on average, ${met} of ${judged} KPIs met`,
  },
  attainmentByKpi: {
    heading: "Attainment by KPI",
    explain: (period) => `Bar = actual ÷ target in ${period}; the line marks the target (100 %); striped bars are short of it.`,
    barLabel: (rep, text, verdict) => `${rep}: ${text} of target${verdict === "" ? "" : ` (${verdict})`}`,
  },
  eachRep: "Each rep",
  strengths: "Strengths",
  focusPoints: "Focus points",
  funnel: "Funnel",
  funnelSummary: (from, to, share) => `loses most at ${from} → ${to} (${share} convert)`,
  teamFunnel: (summary) => `The team ${summary}.`,
  countsHeading: "Reps on track and at target, per KPI",
  leaderboard: (kpi) => `Leaderboard: ${kpi}`,
  leaderboardHeadings: ["#", "Rep"],
  audit: "KPI-set audit",
  severity: {},
  note: "Note",
  legend: ["* insight KPI: shown for insight, not for appraisal.", "? baseline from fewer periods than asked (new rep or little data)."],
  immatureLegend: (mark) => `${mark} conversion cohort not yet mature: some of its leads can still convert, so the value may still rise.`,
  htmlLegend:
    "Trend: change against the period before; rates in percentage points (pp). Status: ✓ met, ▼ below target (higher is better), ▲ above target (lower is better). Numbered marks refer to the notes under each table.",
  analytics: {
    pipeline: "Pipeline",
    byStage: (currency) => `Open pipeline by stage${withCode(currency)}`,
    stage: "Stage",
    endOf: (period) => `end of ${period}`,
    asOfColumn: (asOf) => `as of ${asOf}`,
    total: "Total",
    openDeals: "Open deals",
    dealsCount: (count) => `${count} deals`,
    waterfall: (period, asOf, currency) => `Pipeline waterfall since the previous review: start of ${period} → as of ${asOf}${withCode(currency)}`,
    waterfallHeadings: ["Movement", "Value", "Deals"],
    opening: (period) => `Opening (start of ${period})`,
    openingBar: (period) => `Opening (${period})`,
    closing: (asOf) => `Closing (as of ${asOf})`,
    movements: {},
    calibration: (asOf, minDeals) => `Stage probabilities: configured vs learnt from the deals closed as of ${asOf} (a stage needs ${minDeals} closed deals)`,
    calibrationHeadings: ["Stage", "Configured", "Learnt", "95 % interval", "Won of closed", "Open now", "Status"],
    calibrated: "calibrated",
    insufficientHistory: "insufficient history",
    backtest: (currency) => `Forecast backtest: the forecast at each period's start vs what was won${withCode(currency)}`,
    backtestHeadings: ["Period", "Forecast (fixed %)", "Forecast (learnt %)", "Won", "Error (fixed)", "Error (learnt)"],
    bias: "Bias (mean error)",
    meanAbsoluteError: "Mean absolute error",
    mape: "MAPE",
    cohorts: (from, to) => `Conversion ${from} → ${to} by cohort and age`,
    cohortHeadings: ["Cohort", "Leads"],
    immature: "immature",
    immatureText: "“immature”: the cohort has not had that many days by the as-of date (never a low rate).",
    immatureTerminal: "immature: the cohort has not had that many days by the as-of date (never a low rate)",
    heatExplain: "Darker = a larger share converted; hatched “immature” cells: the cohort has not had that many days yet (never a low rate).",
  },
  noteText: (note) => note,
};

/** Numbers inside an English note ("3,352", "42.6%") in the Dutch style ("3.352", "42,6 %"); dates and times untouched. */
function dutchNumbers(text: string): string {
  return text
    .replace(/(?<![\d:.,\-])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d:]|[.,]\d)/g, (number) => number.replace(/[.,]/g, (mark) => (mark === "." ? "," : ".")))
    .replace(/(\d)%/g, "$1 %");
}

const DUTCH_REASONS: Readonly<Record<string, string>> = {
  "missing-amount": "bedrag onbekend",
  "missing-owner": "geen eigenaar",
  "currency-mismatch": "andere valuta",
};

/** "1 row" / "3 rows" and the like, back into Dutch. */
const DUTCH_NOUNS: Readonly<Record<string, readonly [string, string]>> = {
  row: ["rij", "rijen"],
  rep: ["verkoper", "verkopers"],
  period: ["periode", "periodes"],
  day: ["dag", "dagen"],
  deal: ["deal", "deals"],
};

function counted(count: string, noun: string): string {
  const singular = noun.replace(/\(s\)$|s$/, "");
  const words = DUTCH_NOUNS[singular];
  return words === undefined ? `${count} ${noun}` : `${count} ${count === "1" ? words[0] : words[1]}`;
}

/** The fixed phrases of the scorecard's and the CLI's notes, English → Dutch; the first rule that matches wins. */
const DUTCH_NOTES: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  [/^warning: (.*)$/s, (rest = "") => `waarschuwing: ${dutchPhrase(rest)}`],
  [/^no target: (.*)$/s, (rest = "") => `geen target: ${dutchPhrase(rest)}`],
  [/^the baseline is 0, so a target derived from it would be met by doing nothing$/, () => "de nulmeting is 0, dus een daarvan afgeleid target zou zonder iets te doen gehaald worden"],
  [
    /^only ([\d,]+) of the last ([\d,]+) complete periods have data, ([\d,]+) needed: no baseline is given rather than one made up$/,
    (have = "", window = "", need = "") => `slechts ${have} van de laatste ${window} volledige periodes heeft data, ${need} nodig: liever geen nulmeting dan een verzonnen`,
  ],
  [/^the baseline has no value \(not enough history\)$/, () => "de nulmeting heeft geen waarde (te weinig historie)"],
  [/^insufficient baseline, ([\d,]+) (periods?) of the window lie before the first row$/, (count = "", noun = "") => `onvoldoende nulmeting, ${counted(count, noun)} van het venster ${count === "1" ? "ligt" : "liggen"} vóór de eerste rij`],
  [/^no data: the data has no (.+) rows for this KPI$/, (sources = "") => `geen data: de data heeft geen ${sources.replace(/ or /g, " of ")}-rijen voor deze KPI`],
  [/^no data: (.+) is before the first row$/, (period = "") => `geen data: ${period} ligt vóór de eerste rij`],
  [/^includes ([\d,]+) (rows?) without an owner$/, (count = "", noun = "") => `inclusief ${counted(count, noun)} zonder eigenaar`],
  [/^the cohort can still convert: the value may rise$/, () => "het cohort kan nog converteren: de waarde kan nog stijgen"],
  [/^target capped at 100 %$/, () => "target begrensd op 100 %"],
  [/^no pace: the rep has left$/, () => "geen tempo: de verkoper is vertrokken"],
  [/^new rep: day (\d+) of (\d+), ramp target (.+) by day (\d+)$/, (day = "", of = "", target = "", by = "") => `nieuwe verkoper: dag ${day} van ${of}, inwerktarget ${target} op dag ${by}`],
  [/^cohorts converting within ([\d,]+) (days?)$/, (count = "", noun = "") => `cohorten die binnen ${counted(count, noun)} converteren`],
  [
    /^every cohort judged at ([\d,]+) (days?) \(the reviewed one's age as of (.+), window ([\d,]+) days\)$/,
    (count = "", noun = "", asOf = "", window = "") => `elk cohort beoordeeld op ${counted(count, noun)} (de leeftijd van het beoordeelde op ${asOf}, venster ${window} dagen)`,
  ],
  [
    /^not judged yet: the (\S+) cohort has had no whole day by (.+), and every cohort is judged at the reviewed one's age \(0 days would count same-day conversions only\): a card a day later judges it$/,
    (period = "", asOf = "") =>
      `nog niet beoordeeld: het cohort ${period} heeft op ${asOf} nog geen hele dag gehad, en elk cohort wordt beoordeeld op de leeftijd van het beoordeelde (0 dagen zou alleen conversies op dezelfde dag tellen): een scorecard een dag later beoordeelt het`,
  ],
  [/^no data: the reviewed cohort has had no whole day to convert yet$/, () => "geen data: het beoordeelde cohort heeft nog geen hele dag gehad om te converteren"],
  [/^not judged yet: the reviewed cohort has had no whole day to convert$/, () => "nog niet beoordeeld: het beoordeelde cohort heeft nog geen hele dag gehad om te converteren"],
  [
    /^(.+): ([\d,]+) (rows?) not counted \(([^()]+)\) at the end of (\S+)$/,
    (name = "", count = "", noun = "", reason = "", period = "") => `${name}: ${counted(count, noun)} niet geteld (${DUTCH_REASONS[reason] ?? reason}) aan het eind van ${period}`,
  ],
  [/^(?:(.+): )?([\d,]+) (rows?) not counted \((.+)\)$/, (name, count = "", noun = "", reason = "") => `${name === undefined ? "" : `${name}: `}${counted(count, noun)} niet geteld (${DUTCH_REASONS[reason] ?? reason})`],
  [/^pipeline waterfall: ([\d,]+) deal\(s\) without amount left out$/, (count = "") => `pipelinewaterval: ${counted(count, "deals")} zonder bedrag weggelaten`],
  [/^pipeline analytics left out: the data has no deals$/, () => "pipelineanalyse weggelaten: de data heeft geen deals"],
  [/^pipeline analytics left out: the data has no pipeline \(stages\)$/, () => "pipelineanalyse weggelaten: de data heeft geen pipeline (fasen)"],
  [/^stage calibration: no deal has closed yet, so no stage has a learnt share$/, () => "fasekalibratie: nog geen deal is gesloten, dus geen fase heeft een geleerd aandeel"],
  [
    /^forecast backtest left out: no open deal was expected to close in a tested period \(the deals need expectedCloseAt, or forecastBacktest's expectedCloseAfterDays\)$/,
    () => "prognosetoets weggelaten: geen open deal werd verwacht te sluiten in een geteste periode (de deals hebben expectedCloseAt nodig, of expectedCloseAfterDays van forecastBacktest)",
  ],
  [
    /^forecast backtest: open deals without an expected close at the period's start are not in its forecast \((.+)\)$/,
    (counts = "") => `prognosetoets: open deals zonder verwachte sluitdatum aan het begin van de periode tellen niet mee in de prognose (${counts})`,
  ],
  [/^cohort matrix left out: the data has no leads$/, () => "cohortmatrix weggelaten: de data heeft geen leads"],
  [
    /^stale deals: ([\d,]+) of ([\d,]+) open deals as of (\S+) had no stage move for more than (\d+) days \(still in the pipeline\)$/,
    (stale = "", open = "", asOf = "", days = "") => `verouderde deals: ${stale} van ${open} open deals hadden op ${asOf} al meer dan ${days} dagen geen fasewissel (nog in de pipeline)`,
  ],
  [
    /^(\d+) reps? of the roster ha(?:s|ve) no deals \(shown with zeros\): (.*)$/s,
    (count = "", names = "") => `${counted(count, "reps")} uit de bezetting ${count === "1" ? "heeft" : "hebben"} geen deals (met nullen getoond): ${names}`,
  ],
  [/^amounts in (.+)$/, (code = "") => `bedragen in ${code}`],
  [
    /^([\d,]+) (reps?) who left before (\S+) left out of the reps and of the team's baselines and targets \(their rows still count in the team's actuals\)$/,
    (count = "", noun = "", period = "") =>
      `${counted(count, noun)} die vóór ${period} vertrokken, weggelaten uit de verkopers en uit de nulmetingen en targets van het team (hun rijen tellen nog mee in de realisatie van het team)`,
  ],
  [/^([\d,]+) (\w+) rows? of (.+) kept with amount unknown \((.+)\)$/, (count = "", collection = "", file = "", why = "") => `${count} ${collection}-rijen van ${file} behouden met onbekend bedrag (${why})`],
  [/^mean per (\w+) of the (\w+)$/, (small = "", large = "") => `gemiddelde per ${DUTCH_GRAINS[small] ?? small} van de ${DUTCH_GRAINS[large] ?? large}`],
  [/^deals created (.+) … (.+), as they stand as of (.+)$/, (from = "", to = "", asOf = "") => `deals aangemaakt ${from} … ${to}, zoals ze er op ${asOf} voor staan`],
];

const DUTCH_GRAINS: Readonly<Record<string, string>> = { day: "dag", week: "week", month: "maand", quarter: "kwartaal", year: "jaar" };

/** A note's fixed phrases in Dutch (the first rule that matches), its numbers still English. */
function dutchPhrase(note: string): string {
  for (const [pattern, translate] of DUTCH_NOTES) {
    const match = pattern.exec(note);
    if (match !== null) return translate(...match.slice(1).map((group) => group as string));
  }
  return note;
}

/** A note in Dutch: its fixed phrases translated (each of several notes joined by "; "), its numbers in the Dutch style. */
function dutchNote(note: string): string {
  return dutchNumbers(note.split("; ").map(dutchPhrase).join("; "));
}

/** The Dutch labels (nl-NL number style). */
const NL: ReportLabels = {
  locale: "nl",
  number: NL_NUMBER,
  title: (period) => `Verkoopscorecard ${period}`,
  meta: ({ period, baseline, pace, asOf, zone }) => `Periode ${period} · nulmeting ${baseline} · tempo in ${pace} · peildatum ${asOf} (${zone})`,
  rowHeadings: ["Kwadrant", "KPI", "Soort", "Realisatie", "Nulmeting", "Target", "Behaald", "Status", "Trend", "Tempo"],
  lastPeriods: (count, withRange) => `Laatste ${count}${withRange ? " (min – max)" : ""}`,
  quadrants: { finding: "Vinden", closing: "Sluiten", growing: "Groeien", developing: "Ontwikkelen" },
  kinds: { action: "actie", result: "resultaat", insight: "inzicht" },
  indicators: { lead: "voorlopend", lag: "naijlend" },
  status: { met: "gehaald", "below-target": "onder target", "above-target": "boven target" },
  pace: { ahead: "voor", "on-track": "op koers", behind: "achter" },
  yes: "ja",
  no: "nee",
  of: (part, whole) => `${part} van ${whole}`,
  team: "Team",
  teamOf: (name) => `Team: ${name}`,
  repOf: (name) => `Verkoper: ${name}`,
  repCounts: {
    noPaceYet: (period, asOf) => `nog geen tempo: ${period} is op ${asOf} nog niet begonnen`,
    noPaceTarget: "geen verkoper heeft een target op een KPI die over de periode optelt",
    noTarget: "– (geen verkoper heeft een target)",
    withPace: (count, total) => `${count} van ${total} met een tempo`,
    withTarget: (count, total) => `${count} van ${total} met een target`,
    line: (onTrack, atTarget) => `Verkopers op koers op elke KPI met een tempo: ${onTrack} · verkopers op target op elke KPI met een target: ${atTarget}`,
  },
  perKpi: { atTarget: (count, total) => `${count} van ${total} op target`, onTrack: (count, total) => `${count} van ${total} op koers`, heading: "Per KPI:" },
  countHeadings: ["KPI", "Op koers", "Met tempo", "Op target", "Met target"],
  rankingHeadings: ["#", "Verkoper", "Team", "Behaald", "KPI's gehaald", "Op koers"],
  ranking: {
    heading: "Verkopers, gerangschikt op behaald target",
    explainText: (period) => `Behaald: het gemiddelde van realisatie ÷ target over de beoordelings-KPI's van de verkoper met een target in ${period}, elk begrensd op 150 %.`,
    explainTerminal: "Verkopers, gerangschikt op behaald target (gemiddelde van realisatie ÷ target over beoordelings-KPI's met een target, elk begrensd op 150 %)",
    explainHtml: (period) =>
      `Behaald = het gemiddelde van realisatie ÷ target over de beoordelings-KPI's van een verkoper met een target in ${period} (elk begrensd op 150 %); de lijn in elke balk markeert het target (100 %).`,
    htmlHeadings: ["#", "Verkoper", "Team", "Behaald", "Gemiddeld", "KPI's gehaald", "Op koers", "Sterke punten", "Aandachtspunten", "Trechter"],
    barLabel: (rep, text, met, judged) => `${rep}: gemiddeld ${text} van target, ${met} van ${judged} KPI's gehaald`,
  },
  attainmentByKpi: {
    heading: "Behaald per KPI",
    explain: (period) => `Balk = realisatie ÷ target in ${period}; de lijn markeert het target (100 %); gestreepte balken blijven eronder.`,
    barLabel: (rep, text, verdict) => `${rep}: ${text} van target${verdict === "" ? "" : ` (${verdict})`}`,
  },
  eachRep: "Per verkoper",
  strengths: "Sterke punten",
  focusPoints: "Aandachtspunten",
  funnel: "Trechter",
  funnelSummary: (from, to, share) => `verliest het meest bij ${from} → ${to} (${share} gaat door)`,
  teamFunnel: (summary) => `Het team ${summary}.`,
  countsHeading: "Verkopers op koers en op target, per KPI",
  leaderboard: (kpi) => `Ranglijst: ${kpi}`,
  leaderboardHeadings: ["#", "Verkoper"],
  audit: "Controle van de KPI-set",
  severity: { info: "info", warning: "waarschuwing", error: "fout" },
  note: "Noot",
  legend: ["* inzicht-KPI: getoond als inzicht, niet voor beoordeling.", "? nulmeting uit minder periodes dan gevraagd (nieuwe verkoper of weinig data).", "– geen waarde: geen data, geen target of geen vorige periode."],
  immatureLegend: (mark) => `${mark} conversiecohort nog niet volgroeid: een deel van de leads kan nog converteren, dus de waarde kan nog stijgen.`,
  htmlLegend:
    "Trend: verandering ten opzichte van de periode ervoor; ratio's in procentpunten (%-punt). Status: ✓ gehaald, ▼ onder target (hoger is beter), ▲ boven target (lager is beter). Genummerde markeringen verwijzen naar de noten onder elke tabel.",
  analytics: {
    pipeline: "Pipeline",
    byStage: (currency) => `Open pipeline per fase${withCode(currency)}`,
    stage: "Fase",
    endOf: (period) => `eind ${period}`,
    asOfColumn: (asOf) => `op ${asOf}`,
    total: "Totaal",
    openDeals: "Open deals",
    dealsCount: (count) => `${count} deals`,
    waterfall: (period, asOf, currency) => `Pipelinewaterval sinds de vorige review: begin ${period} → ${asOf}${withCode(currency)}`,
    waterfallHeadings: ["Beweging", "Waarde", "Deals"],
    opening: (period) => `Begin (start ${period})`,
    openingBar: (period) => `Begin (${period})`,
    closing: (asOf) => `Eind (op ${asOf})`,
    movements: {
      created: "Aangemaakt",
      "moved-forward": "Verder geschoven",
      "moved-back": "Teruggezet",
      "amount-up": "Bedrag omhoog",
      "amount-down": "Bedrag omlaag",
      "pulled-in": "In de periode gehaald",
      "pushed-out": "Uit de periode geschoven",
      won: "Gewonnen",
      lost: "Verloren",
      reopened: "Heropend",
    },
    calibration: (asOf, minDeals) => `Fasekansen: ingesteld vs geleerd uit de deals gesloten op ${asOf} (een fase heeft ${minDeals} gesloten deals nodig)`,
    calibrationHeadings: ["Fase", "Ingesteld", "Geleerd", "95 %-interval", "Gewonnen van gesloten", "Nu open", "Status"],
    calibrated: "gekalibreerd",
    insufficientHistory: "te weinig historie",
    backtest: (currency) => `Prognosetoets: de prognose aan het begin van elke periode vs wat er gewonnen is${withCode(currency)}`,
    backtestHeadings: ["Periode", "Prognose (vaste %)", "Prognose (geleerde %)", "Gewonnen", "Fout (vast)", "Fout (geleerd)"],
    bias: "Bias (gemiddelde fout)",
    meanAbsoluteError: "Gemiddelde absolute fout",
    mape: "MAPE",
    cohorts: (from, to) => `Conversie ${from} → ${to} per cohort en leeftijd`,
    cohortHeadings: ["Cohort", "Leads"],
    immature: "onvolgroeid",
    immatureText: "“onvolgroeid”: het cohort is op de peildatum nog niet zoveel dagen oud (nooit een lage ratio).",
    immatureTerminal: "onvolgroeid: het cohort is op de peildatum nog niet zoveel dagen oud (nooit een lage ratio)",
    heatExplain: "Donkerder = een groter deel geconverteerd; gearceerde “onvolgroeid”-cellen: het cohort is nog niet zoveel dagen oud (nooit een lage ratio).",
  },
  noteText: dutchNote,
};

/**
 * The fixed texts of a report in a locale: headings, status words, the notes' fixed phrases
 * and the number style. English is the default and reads as the report always has.
 *
 * @example
 * reportLabels("nl").status["below-target"]; //=> "onder target"
 */
export function reportLabels(locale: ReportLocale = "en"): ReportLabels {
  return locale === "nl" ? NL : EN;
}
