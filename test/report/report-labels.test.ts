// The report in Dutch (`locale: "nl"`): every renderer takes its headings, status words and
// notes' fixed phrases from one label set, and writes numbers in the Dutch style; JSON keeps
// its machine keys and values; English stays the default.
import { describe, expect, it } from "vitest";
import { KpiDecimal, KpiDefinitionError, toHtml, toJSON, toMarkdown, ToMarkdownOptionsSchema, toTerminal } from "../../src/index.js";
import { reportLabels } from "../../src/report/report-labels.js";
import { fixtureScorecard } from "./scorecard-fixture.js";

/** English words of the fixed texts that must not survive in a Dutch report. */
const ENGLISH = ["Quadrant", "Actual", "Baseline", "Attained", "Pace", "Strengths", "Focus points", "Reps, ranked", "below target", "Leaderboard", "Period ", "as of", "Note:", "insight KPI:", " of 2 "];

describe("the report in Dutch", () => {
  const card = fixtureScorecard();

  it("Markdown: Dutch headings, status words and numbers", () => {
    const text = toMarkdown(card, { locale: "nl" });
    expect(text.split("\n")[0]).toBe("# Verkoopscorecard 2026-04");
    expect(text).toContain("| Kwadrant | KPI | Soort | Realisatie | Nulmeting | Target | Behaald | Status | Trend | Tempo | Laatste 3 (min – max) |");
    // Ann: 14 first meetings against a target of 11 = 127.27…% → 127,3 %
    expect(text).toContain("| 1 | Ann | North | 127,3 % | 1 van 1 | nee |");
    expect(text).toContain("| onder target |");
    expect(text).toContain("## Verkoper: Ann (North)");
    for (const word of ENGLISH) expect(text, word).not.toContain(word);
  });

  it("terminal: Dutch, and the colours follow the verdict, not the English word", () => {
    const plain = toTerminal(card, { locale: "nl" });
    expect(plain).toContain("Verkopers, gerangschikt op behaald target");
    expect(plain).toContain("achter");
    for (const word of ENGLISH) expect(plain, word).not.toContain(word);
    const coloured = toTerminal(card, { locale: "nl", color: true });
    expect(coloured).toContain("\u001b[33monder target\u001b[0m");
    expect(coloured).toContain("\u001b[34mgehaald\u001b[0m");
  });

  it("HTML: lang nl, Dutch headings, icons and classes from the verdict", () => {
    const html = toHtml(card, { locale: "nl" });
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("<title>Verkoopscorecard 2026-04</title>");
    expect(html).toContain('<td class="status-miss">▼ onder target</td>');
    expect(html).toContain('<td class="pace-behind">▼ achter</td>');
    expect(html).toContain("<h2>Per verkoper</h2>");
    const text = html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    for (const word of ENGLISH) expect(text, word).not.toContain(word);
  });

  it("a title the caller gave is kept as it is", () => {
    expect(toMarkdown({ ...card, title: "Q2 review" }, { locale: "nl" }).split("\n")[0]).toBe("# Q2 review");
  });

  it("English is the default, and the same as asking for en", () => {
    expect(toMarkdown(card, { locale: "en" })).toBe(toMarkdown(card));
    expect(toTerminal(card, { locale: "en" })).toBe(toTerminal(card));
    expect(toHtml(card, { locale: "en" })).toBe(toHtml(card));
    expect(toMarkdown(card)).toContain("| Quadrant | KPI | Kind | Actual |");
  });

  it("JSON has no locale: machine keys and values", () => {
    expect(JSON.stringify(toJSON(card))).not.toContain("gehaald");
  });

  it("an unknown locale or option is an error naming it", () => {
    expect(() => toMarkdown(card, { locale: "de" } as never)).toThrow(KpiDefinitionError);
    expect(() => toTerminal(card, { locale: "fr" } as never)).toThrow(/locale/);
    expect(ToMarkdownOptionsSchema.safeParse({ color: true }).success).toBe(false);
  });
});

describe("the Dutch notes", () => {
  const note = reportLabels("nl").noteText;

  it("translates the fixed phrases and the numbers in them, several notes joined by ;", () => {
    expect(note("Weighted pipeline value: 3,352 rows not counted (missing-amount)")).toBe("Weighted pipeline value: 3.352 rijen niet geteld (bedrag onbekend)");
    expect(note("Weighted pipeline value: 12 rows not counted (missing-amount) at the end of 2017-12")).toBe("Weighted pipeline value: 12 rijen niet geteld (bedrag onbekend) aan het eind van 2017-12");
    expect(note("no target: the baseline is 0, so a target derived from it would be met by doing nothing; target capped at 100 %")).toBe(
      "geen target: de nulmeting is 0, dus een daarvan afgeleid target zou zonder iets te doen gehaald worden; target begrensd op 100 %",
    );
    expect(note("stale deals: 1,479 of 2,089 open deals as of 2017-12-31 had no stage move for more than 90 days (still in the pipeline)")).toBe(
      "verouderde deals: 1.479 van 2.089 open deals hadden op 2017-12-31 al meer dan 90 dagen geen fasewissel (nog in de pipeline)",
    );
    expect(note("includes 1 row without an owner")).toBe("inclusief 1 rij zonder eigenaar");
  });

  it("translates the cohort notes: judged at an age, and not judged yet at 0 days", () => {
    expect(note("every cohort judged at 15 days (the reviewed one's age as of 2026-05-15, window 90 days)")).toBe(
      "elk cohort beoordeeld op 15 dagen (de leeftijd van het beoordeelde op 2026-05-15, venster 90 dagen)",
    );
    expect(note("every cohort judged at 1 day (the reviewed one's age as of 2026-05-02, window 30 days)")).toBe(
      "elk cohort beoordeeld op 1 dag (de leeftijd van het beoordeelde op 2026-05-02, venster 30 dagen)",
    );
    expect(
      note(
        "not judged yet: the 2026-04 cohort has had no whole day by 2026-04-30, and every cohort is judged at the reviewed one's age (0 days would count same-day conversions only): a card a day later judges it; no data: the reviewed cohort has had no whole day to convert yet",
      ),
    ).toBe(
      "nog niet beoordeeld: het cohort 2026-04 heeft op 2026-04-30 nog geen hele dag gehad, en elk cohort wordt beoordeeld op de leeftijd van het beoordeelde (0 dagen zou alleen conversies op dezelfde dag tellen): een scorecard een dag later beoordeelt het; geen data: het beoordeelde cohort heeft nog geen hele dag gehad om te converteren",
    );
    expect(note("not judged yet: the reviewed cohort has had no whole day to convert")).toBe("nog niet beoordeeld: het beoordeelde cohort heeft nog geen hele dag gehad om te converteren");
  });

  it("leaves a note it does not know in English, with Dutch numbers, and never touches dates and times", () => {
    expect(note("something new at 2017-12-31T10:00:00.000Z: 42.5% of 1,000")).toBe("something new at 2017-12-31T10:00:00.000Z: 42,5 % of 1.000");
  });

  it("English notes are left exactly as they are", () => {
    const text = "stale deals: 1,479 of 2,089 open deals";
    expect(reportLabels("en").noteText(text)).toBe(text);
  });
});

describe("a rate's trend in points", () => {
  it("is a number, not a formula: no guarding quote before +25.0 pp, in English and Dutch", () => {
    const base = fixtureScorecard();
    const card = { ...base, team: { ...base.team, cells: base.team.cells.map((cell) => (cell.kpiId === "win-rate" ? { ...cell, trend: null, trendPoints: new KpiDecimal("0.25") } : cell)) } };
    expect(toMarkdown(card)).toContain("| +25.0 pp |");
    expect(toTerminal(card)).not.toContain("'+25.0 pp");
    expect(toMarkdown(card, { locale: "nl" })).toContain("| +25,0 %-punt |");
  });
});
