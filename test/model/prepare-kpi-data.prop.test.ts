import { isAmount } from "../../src/core/decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ActivitySchema, DealSchema, KpiDecimal, KpiInputError, LeadSchema, type Pipeline, RepSchema, parseInstant, resolveCalendar, toDecimal, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import { TIME_ZONES, instantArb } from "../arbitraries.js";

import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";
import type { PreparedDeal, PreparedPipeline, PreparedStageMove } from "../../src/model/prepared.js";
// The fast hand-written checks in prepareKpiData must accept and reject exactly the rows the
// zod schemas accept and reject (plus the documented cross-field rules), on valid rows and on
// rows with one or more fields replaced by something odd.

const pipeline: Pipeline = {
  stages: [
    { id: "qualify", probability: 0.1, outcome: "open" },
    { id: "proposal", probability: 0.55, outcome: "open" },
    { id: "won", probability: 1, outcome: "won" },
    { id: "lost", probability: 0, outcome: "lost" },
  ],
};
const STAGES = ["qualify", "proposal", "won", "lost"] as const;

/** Valid instants in the forms the library accepts. */
const validInstantArb: fc.Arbitrary<string | Date> = fc.oneof(
  instantArb.map((ms) => new Date(ms).toISOString()),
  instantArb.map((ms) => new Date(ms).toISOString().slice(0, 10)),
  instantArb.map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+02:00")),
  instantArb.map((ms) => new Date(ms).toISOString().slice(0, 16) + "-05:30"),
  instantArb.map((ms) => new Date(ms)),
  fc.constantFrom("2028-02-29", "2024-02-29T23:59:59.999999Z", "2026-12-31T23:30:00+01:00"),
);

/** Values that are wrong somewhere, or only sometimes allowed. */
const oddValueArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  undefined,
  null,
  "",
  "x",
  " ",
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  ["2026-01-01"],
  "2026-02-29",
  "2026-02-30",
  "2026-13-01",
  "2026-00-10",
  "2026-1-01",
  "2026-02-30T10:00:00Z",
  "2026-04-31T10:00Z",
  "2026-01-01T10:00",
  "2026-01-01T10:00:00",
  "2026-01-01 10:00:00Z",
  "2026-01-01T25:00:00Z",
  "2026-01-01T10:60:00Z",
  "2026-01-01T10:00:00+0100",
  "0000-02-29",
  "1900-02-29",
  new Date(Number.NaN),
  new Date(Date.UTC(2026, 0, 1)),
  new Map([["mql", "2026-01-01"]]),
  "1e3",
  "12.50",
  ".5",
  "5.",
  "1,5",
  "Infinity",
  "qualify",
  "won",
  "nope",
);

const textArb = fc.constantFrom("ann", "bob", "North", "call", "a1", "acme", "web");

type Row = Record<string, unknown>;

/** A row with some fields replaced by odd values, some removed, or not a row at all. */
function corrupt(valid: fc.Arbitrary<Row>, keys: readonly string[]): fc.Arbitrary<unknown> {
  const change = fc.tuple(fc.constantFrom(...keys, "extra"), fc.oneof(oddValueArb, validInstantArb, { arbitrary: fc.constant("DELETE"), weight: 1 }));
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 6,
      arbitrary: fc.tuple(valid, fc.array(change, { minLength: 1, maxLength: 3 })).map(([row, changes]) => {
        const copy: Row = { ...row };
        for (const [key, value] of changes) {
          if (value === "DELETE") delete copy[key];
          else copy[key] = value;
        }
        return copy;
      }),
    },
    { weight: 1, arbitrary: oddValueArb },
  );
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

function withoutUndefined(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

const repArb = corrupt(
  fc
    .record({ id: textArb, name: optional(textArb), team: optional(textArb), startedAt: optional(validInstantArb), leftAt: optional(validInstantArb) })
    .map(withoutUndefined),
  ["id", "name", "team", "startedAt", "leftAt"],
);

const activityArb = corrupt(
  fc
    .record({
      id: optional(textArb),
      owner: textArb,
      team: optional(textArb),
      type: textArb,
      at: validInstantArb,
      quantity: optional(fc.integer({ min: 1, max: 50 })),
    })
    .map(withoutUndefined),
  ["id", "owner", "team", "type", "at", "quantity"],
);

const reachedArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom("mql", "sql", "quote", "customer"), validInstantArb, { maxKeys: 4 }),
  fc.dictionary(fc.constantFrom("mql", "sql"), fc.oneof(validInstantArb, oddValueArb), { maxKeys: 2 }),
  fc.constantFrom<unknown>(
    Object.create(null) as object,
    JSON.parse('{"__proto__": "not a date", "mql": "2026-01-01"}') as object,
    { [Symbol("step")]: "2026-01-01" },
    Object.defineProperty({}, "mql", { value: "not a date", enumerable: false }),
    new Date(Date.UTC(2026, 0, 1)),
    new Map(),
    [],
    ["2026-01-01"],
    null,
  ),
);

const leadArb = corrupt(
  fc
    .record({
      id: textArb,
      owner: optional(fc.oneof(textArb, fc.constant(""))),
      team: optional(textArb),
      source: optional(textArb),
      createdAt: validInstantArb,
      reached: optional(reachedArb),
      returnedAt: optional(validInstantArb),
    })
    .map(withoutUndefined),
  ["id", "owner", "team", "source", "createdAt", "reached", "returnedAt"],
);

const moveArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ stage: fc.constantFrom(...STAGES), at: validInstantArb }) },
  { weight: 1, arbitrary: fc.record({ stage: fc.oneof(fc.constantFrom(...STAGES), oddValueArb), at: fc.oneof(validInstantArb, oddValueArb) }) },
  { weight: 1, arbitrary: oddValueArb },
);

const amountChangeArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ amount: fc.oneof(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom("1234.50", "0", "1e3")), at: validInstantArb }) },
  { weight: 1, arbitrary: fc.record({ amount: fc.oneof(fc.constantFrom("1234.50"), oddValueArb), at: fc.oneof(validInstantArb, oddValueArb) }) },
  { weight: 1, arbitrary: oddValueArb },
);

const expectedCloseChangeArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ expectedCloseAt: validInstantArb, at: validInstantArb }) },
  { weight: 1, arbitrary: fc.record({ expectedCloseAt: fc.oneof(validInstantArb, oddValueArb), at: fc.oneof(validInstantArb, oddValueArb) }) },
  { weight: 1, arbitrary: oddValueArb },
);

const dealArb = corrupt(
  fc
    .record({
      id: textArb,
      owner: textArb,
      team: optional(textArb),
      account: optional(textArb),
      product: optional(textArb),
      source: optional(textArb),
      amount: optional(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom("1234.50", "-3", "1e3", "0", "0.000001"))),
      currency: optional(fc.constantFrom("EUR", "USD")),
      stage: fc.constantFrom(...STAGES, "nope"),
      createdAt: validInstantArb,
      closedAt: optional(validInstantArb),
      expectedCloseAt: optional(validInstantArb),
      probability: optional(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.1, 0, 1))),
      stageHistory: optional(fc.array(moveArb, { maxLength: 4 })),
      amountHistory: optional(fc.array(amountChangeArb, { maxLength: 3 })),
      expectedCloseHistory: optional(fc.array(expectedCloseChangeArb, { maxLength: 3 })),
    })
    .map(withoutUndefined),
  [
    "id",
    "owner",
    "team",
    "account",
    "amount",
    "currency",
    "stage",
    "createdAt",
    "closedAt",
    "expectedCloseAt",
    "probability",
    "stageHistory",
    "amountHistory",
    "expectedCloseHistory",
  ],
);

const timeZoneArb = fc.constantFrom(...TIME_ZONES);

function prepareOne(collection: "reps" | "activities" | "leads" | "deals", row: unknown, timeZone: string) {
  return prepareKpiData({ pipeline, [collection]: [row] } as never, { calendar: { timeZone }, invalidRows: "skip" });
}

/** The message the fast path falls back to when zod finds nothing: must never be seen. */
const DISAGREEMENT = "row failed validation";

function reasonsOf(prepared: ReturnType<typeof prepareOne>): string {
  return prepared.skipped.flatMap((row) => row.reasons).join("; ");
}

describe("prepareKpiData fast validation agrees with the zod schemas", () => {
  it("reps: accepted exactly when RepSchema accepts and leftAt is not before startedAt", () => {
    fc.assert(
      fc.property(repArb, timeZoneArb, (row, timeZone) => {
        const calendar = resolveCalendar({ timeZone });
        const parsed = RepSchema.safeParse(row);
        let expected = parsed.success;
        if (parsed.success && parsed.data.startedAt !== undefined && parsed.data.leftAt !== undefined) {
          expected = parseInstant(parsed.data.leftAt, calendar) >= parseInstant(parsed.data.startedAt, calendar);
        }
        const prepared = prepareOne("reps", row, timeZone);
        expect(reasonsOf(prepared)).not.toContain(DISAGREEMENT);
        expect(prepared.reps.length === 1).toBe(expected);
        const rep = prepared.reps[0];
        if (rep !== undefined && parsed.success) {
          expect(rep.id).toBe(parsed.data.id);
          expect(rep.startedAt).toBe(parsed.data.startedAt === undefined ? undefined : parseInstant(parsed.data.startedAt, calendar));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("activities: accepted exactly when ActivitySchema accepts, with the same instant and quantity", () => {
    fc.assert(
      fc.property(activityArb, timeZoneArb, (row, timeZone) => {
        const calendar = resolveCalendar({ timeZone });
        const parsed = ActivitySchema.safeParse(row);
        const prepared = prepareOne("activities", row, timeZone);
        expect(reasonsOf(prepared)).not.toContain(DISAGREEMENT);
        expect(prepared.activities.length === 1).toBe(parsed.success);
        const activity = prepared.activities[0];
        if (activity !== undefined && parsed.success) {
          expect(activity.at).toBe(parseInstant(parsed.data.at, calendar));
          expect(activity.quantity).toBe(parsed.data.quantity ?? 1);
          expect(activity.owner).toBe(parsed.data.owner);
        }
      }),
      { numRuns: 300, examples: [[{ owner: "ann", type: "call", at: "2026-01-01T10:00Z", quantity: 2 ** 53 }, "UTC"]] },
    );
  });

  it("leads: accepted exactly when LeadSchema accepts, with the same reached steps", () => {
    fc.assert(
      fc.property(leadArb, timeZoneArb, (row, timeZone) => {
        const calendar = resolveCalendar({ timeZone });
        const parsed = LeadSchema.safeParse(row);
        const prepared = prepareOne("leads", row, timeZone);
        expect(reasonsOf(prepared)).not.toContain(DISAGREEMENT);
        expect(prepared.leads.length === 1).toBe(parsed.success);
        const lead = prepared.leads[0];
        if (lead !== undefined && parsed.success) {
          const expectedReached = Object.entries(parsed.data.reached).map(([step, at]) => [step, parseInstant(at, calendar)]);
          expect([...lead.reached]).toEqual(expectedReached);
          expect(lead.createdAt).toBe(parseInstant(parsed.data.createdAt, calendar));
        }
      }),
      {
        numRuns: 300,
        examples: [
          [{ id: "l1", owner: "", createdAt: "2026-01-01" }, "UTC"],
          [{ id: "l1", createdAt: "2026-01-01", reached: new Date(Date.UTC(2026, 0, 1)) }, "UTC"],
          [{ id: "l1", createdAt: "2026-01-01", reached: { [Symbol("step")]: "2026-01-01" } }, "UTC"],
          [{ id: "l1", createdAt: "2026-01-01", reached: JSON.parse('{"__proto__": "not a date"}') as object }, "UTC"],
        ],
      },
    );
  });

  it("deals: accepted exactly when DealSchema accepts and the pipeline rules hold", () => {
    const stages = new Map(pipeline.stages.map((stage) => [stage.id, stage]));
    fc.assert(
      fc.property(dealArb, timeZoneArb, (row, timeZone) => {
        const calendar = resolveCalendar({ timeZone });
        const parsed = DealSchema.safeParse(row);
        let expected = parsed.success;
        if (parsed.success) {
          const deal = parsed.data;
          const createdAt = parseInstant(deal.createdAt, calendar);
          const stage = stages.get(deal.stage);
          const moves = (deal.stageHistory ?? []).map((move) => ({ stage: stages.get(move.stage), at: parseInstant(move.at, calendar) }));
          expected = stage !== undefined && moves.every((move) => move.stage !== undefined && move.at >= createdAt);
          if (expected && stage !== undefined && stage.outcome !== "open") {
            // A close somewhere (closedAt or a move into won/lost), and no closedAt before creation.
            const closedAt = deal.closedAt === undefined ? undefined : parseInstant(deal.closedAt, calendar);
            const hasClose = closedAt !== undefined || moves.some((move) => move.stage?.outcome !== "open");
            expected = hasClose && (closedAt === undefined || closedAt >= createdAt);
          }
        }
        const prepared = prepareOne("deals", row, timeZone);
        expect(reasonsOf(prepared)).not.toContain(DISAGREEMENT);
        expect(prepared.deals.length === 1).toBe(expected);
        const deal = prepared.deals[0];
        if (deal !== undefined && parsed.success) {
          expect(deal.createdAt).toBe(parseInstant(parsed.data.createdAt, calendar));
          const amount = parsed.data.amount;
          expect(deal.amount?.toString()).toBe(amount === undefined ? undefined : toDecimal(amount).toString());
          // History: the moves sorted by instant, equal instants open stages first, each group in pipeline order.
          const rank = (id: string) => (stages.get(id)?.outcome === "open" ? 0 : pipeline.stages.length) + pipeline.stages.findIndex((stage) => stage.id === id);
          const moves = (parsed.data.stageHistory ?? []).map((move) => ({ stage: move.stage, at: parseInstant(move.at, calendar) }));
          moves.sort((a, b) => a.at - b.at || rank(a.stage) - rank(b.stage));
          expect(deal.history.map((move) => [move.stage.id, move.at])).toEqual(moves.map((move) => [move.stage, move.at]));
          // Amount and expected-close histories: the entries, sorted by instant, stable.
          const amounts = (parsed.data.amountHistory ?? []).map((entry) => [toDecimal(entry.amount).toString(), parseInstant(entry.at, calendar)] as const);
          amounts.sort((a, b) => a[1] - b[1]);
          expect(deal.amountHistory?.map((entry) => [entry.amount.toString(), entry.at])).toEqual(
            parsed.data.amountHistory === undefined ? undefined : amounts,
          );
          const closes = (parsed.data.expectedCloseHistory ?? []).map(
            (entry) => [parseInstant(entry.expectedCloseAt, calendar), parseInstant(entry.at, calendar)] as const,
          );
          closes.sort((a, b) => a[1] - b[1]);
          expect(deal.expectedCloseHistory?.map((entry) => [entry.expectedCloseAt, entry.at])).toEqual(
            parsed.data.expectedCloseHistory === undefined ? undefined : closes,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** dealStateAt's rules without the `currentSince` shortcut (its code before the shortcut). */
function referenceStateAt(deal: PreparedDeal, asOfMs: number, stages: PreparedPipeline) {
  const firstOpen = stages.stages.find((stage) => stage.outcome === "open");
  const history = deal.history;
  if (!(deal.createdAt < asOfMs)) return { status: "not-created", stage: undefined, since: deal.createdAt, stageAssumed: false };
  if (history.length === 0) {
    if (deal.stage.outcome === "open") return { status: "open", stage: deal.stage, since: deal.createdAt, stageAssumed: false };
    const closedAt = deal.closedAt as number;
    if (closedAt < asOfMs) return { status: deal.stage.outcome, stage: deal.stage, since: closedAt, stageAssumed: false };
    return { status: "open", stage: firstOpen, since: deal.createdAt, stageAssumed: true };
  }
  const last = history[history.length - 1] as PreparedStageMove;
  if (last.at < asOfMs && last.stage === deal.stage) return { status: last.stage.outcome, stage: last.stage, since: last.at, stageAssumed: false };
  let implied: number | undefined;
  if (last.stage !== deal.stage) implied = deal.stage.outcome !== "open" && deal.closedAt !== undefined ? Math.max(deal.closedAt, last.at) : last.at;
  if (implied !== undefined && implied < asOfMs) return { status: deal.stage.outcome, stage: deal.stage, since: implied, stageAssumed: false };
  const before = history.filter((move) => move.at < asOfMs);
  const move = before[before.length - 1];
  if (move === undefined) {
    const earliest = (history[0] as PreparedStageMove).stage;
    if (earliest.outcome === "open") return { status: "open", stage: earliest, since: deal.createdAt, stageAssumed: false };
    return { status: "open", stage: firstOpen, since: deal.createdAt, stageAssumed: true };
  }
  return { status: move.stage.outcome, stage: move.stage, since: move.at, stageAssumed: false };
}

describe("prepareKpiData finds when each deal entered its current state", () => {
  it("dealStateAt (which trusts currentSince) agrees with the full rules at every instant around the deal's moves", () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 8 }), fc.integer({ min: -2, max: 2 }), (drawn, nudge) => {
        // unique ids, so no row is left out as a duplicate
        const rows = drawn.map((row, index) => (typeof row === "object" && row !== null && "id" in row ? { ...row, id: `${String(row.id)}-${index}` } : row));
        const prepared = prepareKpiData({ pipeline, deals: rows } as never, { invalidRows: "skip" });
        const stages = prepared.pipeline as PreparedPipeline;
        for (const deal of prepared.deals) {
          const instants = [deal.createdAt, deal.currentSince, deal.closedAt ?? 0, ...deal.history.map((move) => move.at)];
          for (const instant of instants) {
            for (const asOfMs of [instant - 1, instant, instant + 1, instant + nudge * 86_400_000]) {
              expect(dealStateAt(deal, asOfMs, stages)).toEqual(referenceStateAt(deal, asOfMs, stages));
            }
          }
          expect(dealStateAt(deal, undefined, stages).since).toBe(deal.currentSince);
        }
      }),
      {
        numRuns: 200,
        examples: [
          [
            [
              {
                id: "reopened-then-marked-won",
                owner: "ann",
                stage: "won",
                createdAt: "2026-01-01",
                closedAt: "2026-01-20",
                stageHistory: [
                  { stage: "proposal", at: "2026-01-05" },
                  { stage: "won", at: "2026-01-10" },
                  { stage: "proposal", at: "2026-01-15" },
                ],
              },
            ],
            0,
          ],
        ],
      },
    );
  });
});

describe("prepareKpiData checks the bag's shape by hand, as the schema would", () => {
  it("a collection that is not an array, or a bag that is not an object, is a KpiInputError naming it", () => {
    fc.assert(
      fc.property(fc.constantFrom("reps", "deals", "activities", "leads"), oddValueArb, (collection, value) => {
        const run = () => prepareKpiData({ pipeline, [collection]: value } as never);
        // Activities may be any iterable of rows (a Map is one, of entry arrays): like an array.
        const iterable = typeof value === "object" && value !== null && Symbol.iterator in value;
        if (value === undefined || Array.isArray(value) || (collection === "activities" && iterable)) {
          // An array of odd rows may fail row by row; the bag itself is fine.
          try {
            run();
          } catch (error) {
            expect((error as KpiInputError).issues?.[0]?.path[0]).toBe(collection);
          }
          return;
        }
        expect(run).toThrow(KpiInputError);
        try {
          run();
        } catch (error) {
          expect((error as KpiInputError).issues[0]?.path).toEqual([collection]);
        }
      }),
      { numRuns: 100 },
    );
    for (const bag of [null, 5, "data", [], undefined]) expect(() => prepareKpiData(bag as never)).toThrow(KpiInputError);
  });
});

describe("prepareKpiData pre-parses amounts and probabilities as scaled integers", () => {
  it("amountUnits × 10^-amountScale is the amount, exactly, whenever it is given", () => {
    const amountArb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }).chain((units) => fc.integer({ min: 0, max: 8 }).map((scale) => `${units}e-${scale}`)),
      fc.constantFrom("1234.50", "-0.00", "9007199254740993", "0.1", ".5", "1e17"),
    ).filter((amount) => isAmount(amount));
    fc.assert(
      fc.property(amountArb, fc.double({ min: 0, max: 1, noNaN: true }), (amount, probability) => {
        const prepared = prepareKpiData({
          pipeline,
          deals: [{ id: "d", owner: "ann", stage: "proposal", createdAt: "2026-01-05", amount, probability }],
        });
        const deal = prepared.deals[0];
        expect(deal).toBeDefined();
        if (deal === undefined || deal.amount === undefined || deal.probability === undefined) return;
        if (deal.amountUnits !== undefined) {
          expect(Number.isSafeInteger(deal.amountUnits)).toBe(true);
          expect(new KpiDecimal(deal.amountUnits).div(new KpiDecimal(10).pow(deal.amountScale)).eq(deal.amount)).toBe(true);
        }
        if (deal.probabilityUnits !== undefined) {
          expect(new KpiDecimal(deal.probabilityUnits).div(new KpiDecimal(10).pow(deal.probabilityScale)).eq(deal.probability)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    const stage = prepareKpiData({ pipeline }).pipeline?.byId.get("proposal");
    expect([stage?.probabilityUnits, stage?.probabilityScale]).toEqual([55, 2]);
  });
});
