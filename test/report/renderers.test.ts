import { describe, expect, it } from "vitest";
import { formatValue, KpiDecimal, toHtml, toJSON, toMarkdown, toTerminal } from "../../src/index.js";
import { fixtureScorecard } from "./scorecard-fixture.js";

const d = (value: string) => new KpiDecimal(value);

describe("formatValue", () => {
  it("shows a ratio of 0.4256 as 42.6% and money with thousands separators (the doc example)", () => {
    expect(formatValue(d("0.4256"), "ratio")).toBe("42.6%");
    expect(formatValue(d("12345.5"), "currency")).toBe("12,346");
  });
  it("rounds half-even and never shows -0", () => {
    expect(formatValue(d("100.5"), "currency")).toBe("100");
    expect(formatValue(d("101.5"), "currency")).toBe("102");
    expect(formatValue(d("-0.0001"), "ratio")).toBe("0.0%");
    expect(formatValue(d("2.5"), "count")).toBe("2.5");
    expect(formatValue(d("3"), "count")).toBe("3");
    expect(formatValue(d("1234567"), "count")).toBe("1,234,567");
    expect(formatValue(null, "days")).toBe("–");
    expect(formatValue(d("41.25"), "days")).toBe("41.2 d");
  });
});

describe("toJSON", () => {
  it("gives Decimals as plain strings and ratios with numerator, denominator and value", () => {
    const json = toJSON(fixtureScorecard());
    expect(json.format).toBe("sales-kpi/scorecard");
    expect(json.version).toBe(1);
    expect(json.team.cells[0]?.actual).toBe("23");
    expect(json.team.cells[0]?.trend).toEqual({ numerator: "1", denominator: "4", value: "0.25" });
    expect(json.reps[0]?.cells[1]?.actual).toBe("0.4256");
    expect(json.team.cells[1]?.actual).toBeNull();
    // round-trips through JSON.stringify without loss
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
  it("writes very small numbers in fixed notation, never with an exponent", () => {
    const card = fixtureScorecard();
    const tiny = { ...card, team: { ...card.team, cells: [{ ...card.team.cells[0]!, actual: d("0.0000001") }, card.team.cells[1]!] } };
    expect(toJSON(tiny).team.cells[0]?.actual).toBe("0.0000001");
  });
});

describe("toTerminal", () => {
  it("lays out aligned columns with no escape codes when colour is off", () => {
    const text = toTerminal(fixtureScorecard(), { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    const lines = text.split("\n");
    const header = lines.findIndex((line) => line.startsWith("Quadrant"));
    const ruler = lines[header + 1] ?? "";
    const first = lines[header + 2] ?? "";
    // the Actual column is right-aligned: the value ends where the ruler's third dash-run ends
    const runs = [...ruler.matchAll(/-+/g)];
    const actualEnd = (runs[3]?.index ?? 0) + (runs[3]?.[0].length ?? 0);
    expect(first.slice(0, actualEnd).trimEnd().endsWith("23")).toBe(true);
    expect(text).toContain("Finding");
    expect(text).toContain("insight · lag *");
    expect(text).toContain("Strengths: First meetings");
    expect(text).toContain("Focus points: First meetings");
    expect(text).toContain("loses most at Proposal → Won (50.0% convert)");
    expect(text).toContain("[warning] insight-used-for-appraisal");
  });
  it("colours statuses when colour is on, blue and yellow (never red against green), the words kept", () => {
    const text = toTerminal(fixtureScorecard(), { color: true });
    expect(text).toContain("\u001b[34mmet\u001b[0m");
    expect(text).toContain("\u001b[33mbelow target\u001b[0m");
    expect(text).not.toMatch(/\u001b\[3[12]m/);
  });
});

describe("toMarkdown", () => {
  it("renders one table per subject with escaped pipes", () => {
    const text = toMarkdown(fixtureScorecard());
    expect(text).toContain("# Sales scorecard 2026-04");
    expect(text).toContain("## Rep: Ann (North)");
    expect(text).toContain("| Quadrant | KPI | Kind | Actual |");
    expect(text).toContain("| --- | --- | --- | ---: |");
    expect(text).toContain("Win rate \\| closed");
    expect(text).toContain("Bob &lt;script&gt;alert(1)&lt;/script&gt; \\| Pipe");
    // every table row has the same number of unescaped pipes as its header
    const rows = text.split("\n").filter((line) => line.startsWith("| Finding") || line.startsWith("| Closing"));
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|").length).toBe(13);
  });
});

describe("immature conversion cohorts", () => {
  /** The fixture with Ann's win rate marked as a cohort that can still convert. */
  function withImmatureCell() {
    const card = fixtureScorecard();
    const ann = card.reps[0]!;
    const cells = ann.cells.map((c) => (c.kpiId === "win-rate" ? { ...c, mature: false } : c));
    return { ...card, reps: [{ ...ann, cells }, ...card.reps.slice(1)] };
  }
  const footnote = "† conversion cohort not yet mature";

  it("markdown, terminal and HTML mark the value with † and explain it once under the tables", () => {
    const markdown = toMarkdown(withImmatureCell());
    expect(markdown).toMatch(/\| Closing \| Win rate \\\| closed \| insight · lag \* \| 42\.6% † \|/);
    expect(markdown.split(footnote).length).toBe(2);
    const terminal = toTerminal(withImmatureCell(), { color: false });
    expect(terminal).toContain("42.6% †");
    expect(terminal.split(footnote).length).toBe(2);
    const html = toHtml(withImmatureCell());
    expect(html).toContain("42.6% †");
    expect(html).toContain(footnote);
    expect(toJSON(withImmatureCell()).reps[0]?.cells[1]?.mature).toBe(false);
  });

  it("no marker and no footnote when every cohort is mature or there is none", () => {
    for (const text of [toMarkdown(fixtureScorecard()), toTerminal(fixtureScorecard(), { color: false }), toHtml(fixtureScorecard())]) {
      expect(text).not.toContain("†");
    }
    expect(toJSON(fixtureScorecard()).team.cells[0]?.mature).toBeNull();
  });
});

describe("toHtml", () => {
  it("is one self-contained page: no scripts, no external references, data escaped", () => {
    const html = toHtml(fixtureScorecard());
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(?:src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("Bob &lt;script&gt;alert(1)&lt;/script&gt; | Pipe");
    expect(html).toContain("default-src 'none'");
  });
  it("has a row per rep, a sparkline per KPI row, attainment bars and the funnel", () => {
    const html = toHtml(fixtureScorecard());
    expect(html.match(/<tr data-rep=/g)?.length).toBe(2);
    // team + 2 reps, 2 KPIs each
    expect(html.match(/<svg class="spark"/g)?.length).toBe(6);
    // one per rep in the ranking, one per rep for the one appraisal KPI with a target
    expect(html.match(/<svg class="bar"/g)?.length).toBe(4);
    expect(html).toContain('<svg class="funnel"');
  });
});

describe("reps on track and at target are counted out of the reps with a pace and with a target", () => {
  /** Three reps, two with a pace and a target: the third (new, no baseline) has neither. */
  function withNewRep() {
    const card = fixtureScorecard();
    const bob = card.reps[1]!;
    const cas = { ...bob, id: "cas", name: "Cas", cells: bob.cells.map((c) => ({ ...c, target: null, targetSource: "none" as const, attainment: null, pace: null })), strengths: [], focusPoints: [], onTrack: null };
    return { ...card, reps: [...card.reps, cas] };
  }
  /** As of 30 April: May, the current period, has not begun, so no rep has a pace; no rep has a target either. */
  function onBoundary() {
    const card = fixtureScorecard();
    return { ...card, asOf: "2026-04-30", asOfMs: Date.parse("2026-05-01"), team: { ...card.team, repsOnTrack: 0, repsWithPace: 0, repsAtTarget: 0, repsWithTarget: 0 } };
  }

  it("0 of 2 with a pace and 1 of 2 with a target, not of 3 reps, in every rendering", () => {
    expect(toTerminal(withNewRep())).toContain("Reps on track on every KPI with a pace: 0 of 2 with a pace · reps at target on every KPI with a target: 1 of 2 with a target\n");
    expect(toMarkdown(withNewRep())).toContain("Reps on track on every KPI with a pace: **0** of 2 with a pace · reps at target on every KPI with a target: **1** of 2 with a target\n");
    expect(toHtml(withNewRep())).toContain("<p>Reps on track on every KPI with a pace: <strong>0</strong> of 2 with a pace · reps at target on every KPI with a target: <strong>1</strong> of 2 with a target</p>");
    expect(toJSON(withNewRep()).team).toMatchObject({ repsOnTrack: 0, repsWithPace: 2, repsAtTarget: 1, repsWithTarget: 2 });
  });

  it("– and why when no rep has a pace (asOf on a period boundary) or a target, never 0 of 3", () => {
    const line = "Reps on track on every KPI with a pace: – (no pace yet: 2026-05 has not begun as of 2026-04-30) · reps at target on every KPI with a target: – (no rep has a target)";
    expect(toTerminal(onBoundary())).toContain(`${line}\n`);
    expect(toMarkdown(onBoundary())).toContain(`${line}\n`);
    expect(toHtml(onBoundary())).toContain(`<p>${line}</p>`);
  });

  it("the per-KPI table has the reps with a pace next to those on track", () => {
    expect(toTerminal(fixtureScorecard())).toMatch(/^KPI {2,}On track {2}With pace {2}At target {2}With target$/m);
    expect(toTerminal(fixtureScorecard())).toMatch(/^First meetings {2,}0 {2,}2 {2,}1 {2,}2$/m);
    expect(toMarkdown(fixtureScorecard())).toContain("| First meetings | 0 | 2 | 1 | 2 |");
    expect(toHtml(fixtureScorecard())).toContain('<tr><td>First meetings</td><td class="num">0</td><td class="num">2</td><td class="num">1</td><td class="num">2</td></tr>');
  });
});
