import { describe, expect, it } from "vitest";
import type { InputProblem } from "../../src/cli/cli-error.js";
import { formatProblem } from "../../src/cli/cli-error.js";
import { mapTable } from "../../src/cli/map-rows.js";
import { CRM_DEAL_COLUMNS, crmDealsMapping } from "./crm-deals-mapping.js";
import type { SourceTable } from "../../src/cli/read-table.js";

function csv(columns: string[], rows: string[][]): SourceTable {
  return {
    file: "deals.csv",
    format: "csv",
    columns,
    records: rows.map((row, index) => ({ values: Object.fromEntries(columns.map((column, i) => [column, row[i] ?? ""])), line: index + 2 })),
  };
}

const mapping = crmDealsMapping();

const columns = CRM_DEAL_COLUMNS;

describe("mapTable", () => {
  it("renames columns and values, reads dates in the time zone, fills constants and stage moves", () => {
    const problems: InputProblem[] = [];
    const table = csv(columns, [["o1", "Ann", "GTXPro", "Won", "31/03/2026", "02/04/2026", "4514"]]);
    const mapped = mapTable(table, "deals", mapping, "Europe/Amsterdam", problems);
    expect(problems).toEqual([]);
    expect(mapped.rows).toEqual([
      {
        id: "o1",
        owner: "Ann",
        product: "GTX Pro",
        stage: "won",
        createdAt: "2026-03-31T00:00:00.000+02:00",
        closedAt: "2026-04-02T00:00:00.000+02:00",
        amount: "4514",
        currency: "USD",
        stageHistory: [
          { stage: "engaging", at: "2026-03-31T00:00:00.000+02:00" },
          { stage: "won", at: "2026-04-02T00:00:00.000+02:00" },
        ],
      },
    ]);
    expect(mapped.lines).toEqual([2]);
  });

  it("an open deal without close value takes the list price of its (renamed) product; without close date no close move", () => {
    const problems: InputProblem[] = [];
    const mapped = mapTable(csv(columns, [["o2", "Bob", "GTXPro", "Engaging", "01/02/2026", "", ""]]), "deals", mapping, "UTC", problems);
    expect(problems).toEqual([]);
    expect(mapped.rows[0]?.amount).toBe(4821);
    expect(mapped.rows[0]?.closedAt).toBeUndefined();
    expect(mapped.rows[0]?.stageHistory).toEqual([{ stage: "engaging", at: "2026-02-01T00:00:00.000+00:00" }]);
  });

  it("skip-row leaves a row out and counts why; the next row keeps its own line", () => {
    const problems: InputProblem[] = [];
    const mapped = mapTable(
      csv(columns, [
        ["o3", "Cy", "MG Special", "Prospecting", "", "", ""],
        ["o4", "Cy", "MG Special", "Lost", "01/02/2026", "03/02/2026", "0"],
      ]),
      "deals",
      mapping,
      "UTC",
      problems,
    );
    expect(problems).toEqual([]);
    expect(mapped.rows.map((row) => row.id)).toEqual(["o4"]);
    expect(mapped.lines).toEqual([3]);
    expect([...mapped.skipped]).toEqual([["createdAt empty (column engage_date)", 1]]);
  });

  it("reports a date in the wrong format, an unknown lookup key and a missing required value with file and line", () => {
    const problems: InputProblem[] = [];
    mapTable(
      csv(columns, [
        ["o5", "Di", "GTX Pro", "Won", "2026-02-01", "03/02/2026", "10"],
        ["o6", "Di", "Widget", "Engaging", "01/02/2026", "", ""],
        ["", "Di", "GTX Pro", "Won", "01/02/2026", "03/02/2026", "10"],
      ]),
      "deals",
      mapping,
      "UTC",
      problems,
    );
    expect(problems.map(formatProblem)).toEqual([
      'deals.csv:2: createdAt: expected a date written as "dd/MM/yyyy", got "2026-02-01"',
      'deals.csv:3: amount: is empty and product "Widget" is not in its lookup table',
      'deals.csv:4: id: is empty (column "opportunity_id")',
    ]);
  });

  it("a mapped column missing from the file is reported once, at line 1", () => {
    const problems: InputProblem[] = [];
    const mapped = mapTable(csv(columns.filter((c) => c !== "close_value"), [["o7"]]), "deals", mapping, "UTC", problems);
    expect(mapped.rows).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      'deals.csv:1: amount: column "close_value" is missing (mapped to field amount); columns are: opportunity_id, sales_agent, product, deal_stage, engage_date, close_date',
    ]);
  });

  it("without a mapping, leads read `reached.<step>` columns into `reached`", () => {
    const problems: InputProblem[] = [];
    const table: SourceTable = {
      file: "leads.csv",
      format: "csv",
      columns: ["id", "createdAt", "reached.sql", "reached.customer"],
      records: [{ values: { id: "l1", createdAt: "2026-01-05", "reached.sql": "2026-01-09", "reached.customer": "" }, line: 2 }],
    };
    expect(mapTable(table, "leads", undefined, "UTC", problems).rows).toEqual([{ id: "l1", createdAt: "2026-01-05", reached: { sql: "2026-01-09" } }]);
    expect(problems).toEqual([]);
  });

  describe("an unknown.when rule", () => {
    const rows = [
      ["o1", "Ann", "GTXPro", "Lost", "31/03/2026", "02/04/2026", "0"],
      ["o2", "Ann", "GTXPro", "Won", "31/03/2026", "02/04/2026", "0"],
    ];

    it("leaves out the amount of the lost deal's 0, not the won deal's, and warns of nothing", () => {
      const problems: InputProblem[] = [];
      const mapped = mapTable(csv(columns, rows), "deals", crmDealsMapping({ column: "close_value", unknown: { values: ["0"], when: { stage: ["lost"] } } }), "UTC", problems);
      expect(mapped.rows.map((row) => row.amount)).toEqual([undefined, "0"]);
      expect(mapped.warnings).toEqual([]);
    });

    it("whose value no row has (a typo: \"lsot\") applies to no row, and says so", () => {
      const problems: InputProblem[] = [];
      const mapped = mapTable(csv(columns, rows), "deals", crmDealsMapping({ column: "close_value", unknown: { values: ["0"], when: { stage: ["lsot", "Won"] } } }), "UTC", problems);
      // "Won" (any case) is o2's stage; "lsot" is no row's
      expect(mapped.rows.map((row) => row.amount)).toEqual(["0", undefined]);
      expect(mapped.warnings).toEqual(['mapping deals.fields.amount.unknown.when.stage: no row of deals.csv has stage "lsot", so the rule never applies']);
      expect(problems).toEqual([]);
    });

    it("naming a field the deals do not have is a mapping error, before any row is read", () => {
      const run = () => mapTable(csv(columns, rows), "deals", crmDealsMapping({ column: "close_value", unknown: { values: ["0"], when: { stgae: ["lost"] } } }), "UTC", []);
      expect(run).toThrow(/^mapping: deals\.fields\.amount\.unknown\.when\.stgae: unknown field \(known: .*stage/);
    });
  });
});

describe("value renames and known spellings, remembered per distinct cell", () => {
  const activities = (rows: string[][]): SourceTable => ({ ...csv(["owner", "type", "at"], rows), file: "activities.csv" });

  it("a column of more distinct cells than are remembered is still renamed past them, and two fields keep their own renames", () => {
    // 12,000 distinct owners (more than the 10,000 remembered), each also written as a type.
    const rows = Array.from({ length: 12_000 }, (_, i) => [`Rep ${i}`, i % 2 === 0 ? "CALL" : "Meeting", "2026-03-02T09:00:00Z"]);
    rows.push(["Rep 11999", "call", "2026-03-02T09:00:00Z"], ["rep 3", "Rep 3", "2026-03-02T09:00:00Z"]);
    const mapping = { fields: { owner: { column: "owner", values: { "rep 11999": "Zoe", "rep 3": "Ann" } }, type: { column: "type", values: { meeting: "first-meeting" } } } };
    const problems: InputProblem[] = [];
    const mapped = mapTable(activities(rows), "activities", mapping, "UTC", problems, { type: ["call", "first-meeting"] });
    expect(problems).toEqual([]);
    const owners = mapped.rows.map((row) => row.owner);
    const types = mapped.rows.map((row) => row.type);
    expect(owners[3]).toBe("Ann");
    expect(owners[11_999]).toBe("Zoe");
    expect(owners[11_998]).toBe("Rep 11998");
    expect(owners.slice(12_000)).toEqual(["Zoe", "Ann"]);
    expect(types.slice(0, 2)).toEqual(["call", "first-meeting"]);
    expect(types.slice(11_998)).toEqual(["call", "first-meeting", "call", "Rep 3"]);
  });
});
