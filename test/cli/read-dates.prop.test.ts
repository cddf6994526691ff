// Properties of the CLI's input checks: the separator detection, the date format checks and
// init's date format guess, on random headers and dates (local to these helpers, so the
// arbitraries stay here rather than in test/arbitraries.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guessDateFormat } from "../../src/cli/init-config.js";
import { dateCollapseProblem, dateFormatProblem, mapTable } from "../../src/cli/map-rows.js";
import type { InputProblem } from "../../src/cli/cli-error.js";
import { detectDelimiter } from "../../src/cli/read-table.js";
import { instantArb, TIME_ZONES } from "../arbitraries.js";

const columnArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ ]{0,11}$/);
const separatorArb = fc.constantFrom(",", ";", "\t");
const pad = (n: number) => String(n).padStart(2, "0");
const dayArb = fc.integer({ min: Date.parse("2015-01-01"), max: Date.parse("2030-12-31") }).map((ms) => new Date(ms));
const iso = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

describe("detectDelimiter", () => {
  it("finds the separator of a header of two or more columns, also when a quoted name holds another separator", () => {
    fc.assert(
      fc.property(fc.array(columnArb, { minLength: 2, maxLength: 8 }), separatorArb, fc.constantFrom(",", ";", "\t"), (columns, separator, other) => {
        const header = [...columns, `"a${other}b"`].join(separator);
        expect(detectDelimiter(`${header}\nx${separator}y\n`)).toBe(separator);
      }),
    );
  });

  it("a one-column file is comma separated", () => {
    expect(detectDelimiter("id\n1\n")).toBe(",");
    expect(detectDelimiter("\uFEFFid;owner\n")).toBe(";");
  });
});

describe("date format checks", () => {
  it("the right format never misreads: distinct dates read as yyyy-MM-dd spread as the texts do", () => {
    fc.assert(
      fc.property(fc.uniqueArray(dayArb, { minLength: 10, maxLength: 80, selector: iso }), (dates) => {
        const texts = dates.map(iso);
        expect(dateCollapseProblem({ pattern: "yyyy-MM-dd", column: "d", texts, parsed: texts.map((text) => `${text}T00:00:00.000Z`) })).toBeUndefined();
        expect(dateFormatProblem("yyyy-MM-dd", "d", texts)).toBeUndefined();
      }),
    );
  });

  it("a format with minutes and no month is refused for every date-only column", () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 20 }), fc.constantFrom("yyyy-mm-dd", "dd/mm/yyyy", "yyyy-MM-dd HH:mm"), (dates, pattern) => {
        expect(dateFormatProblem(pattern, "closed", dates.map(iso))).toMatch(/has time tokens/);
      }),
    );
  });

  it("mapping a column with yyyy-mm-dd HH:ss (minutes for months, seconds for minutes) is an error once most dates collapse onto one day", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 10, maxLength: 12 }), fc.constantFrom(...TIME_ZONES), (months, zone) => {
        const texts = months.map((month) => `2026-${pad(month)}-07 10:${pad(month + 10)}`);
        const table = {
          file: "deals.csv",
          format: "csv" as const,
          columns: ["id", "owner", "stage", "createdAt"],
          records: texts.map((text, index) => ({ values: { id: `d${index}`, owner: "ann", stage: "lead", createdAt: text }, line: index + 2 })),
        };
        const problems: InputProblem[] = [];
        mapTable(table, "deals", { fields: { createdAt: { column: "createdAt", date: "yyyy-mm-dd HH:ss" } } }, zone, problems);
        expect(problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^date format "yyyy-mm-dd HH:ss" misreads column "createdAt": \d+ of \d+ dates fall in the day 2026-01-07/)]);
      }),
    );
  });

  it("date-times without offset are read as local times of the zone", () => {
    fc.assert(
      fc.property(instantArb, fc.constantFrom(...TIME_ZONES), (ms, zone) => {
        const local = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(ms).replace(" ", "T");
        const table = { file: "a.csv", format: "csv" as const, columns: ["owner", "type", "at"], records: [{ values: { owner: "ann", type: "call", at: local }, line: 2 }] };
        const problems: InputProblem[] = [];
        const { rows } = mapTable(table, "activities", undefined, zone, problems);
        expect(problems).toEqual([]);
        // the local wall time read back in the zone is the same instant, to the second
        // (except in a repeated hour at a DST fall-back, where it may be the other one)
        const read = Date.parse(String(rows[0]?.at));
        const second = Math.floor(ms / 1000) * 1000;
        expect(read === second || Math.abs(read - second) === 3_600_000).toBe(true);
      }),
    );
  });
});

describe("init's date format guess", () => {
  it("day first when a first number exceeds 12, month first when a second one does", () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 30 }), fc.constantFrom("/", "-", "."), (dates, separator) => {
        const withLateDay = [...dates, new Date(Date.UTC(2026, 0, 25))];
        const dayFirst = withLateDay.map((date) => `${pad(date.getUTCDate())}${separator}${pad(date.getUTCMonth() + 1)}${separator}${date.getUTCFullYear()}`);
        const monthFirst = withLateDay.map((date) => `${pad(date.getUTCMonth() + 1)}${separator}${pad(date.getUTCDate())}${separator}${date.getUTCFullYear()}`);
        expect(guessDateFormat(dayFirst)).toEqual({ format: `dd${separator}MM${separator}yyyy`, sure: true });
        expect(guessDateFormat(monthFirst)).toEqual({ format: `MM${separator}dd${separator}yyyy`, sure: true });
        expect(guessDateFormat(dates.map(iso))).toEqual({ format: undefined, sure: true });
      }),
    );
  });
});
