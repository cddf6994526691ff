// Shared fast-check arbitraries. Bounded, with edge cases weighted in: DST days, month ends,
// leap days, zero, empty. Append new shared arbitraries above the end marker.
import fc from "fast-check";
import { type KpiCalendar, resolveCalendar } from "../src/index.js";

/**
 * Time zones the tests cover: no DST, two DST rules, a +05:45 offset, and two zones whose
 * DST changes at midnight (days without a 00:00 in Santiago and Beirut).
 */
export const TIME_ZONES = ["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Kathmandu", "America/Santiago", "Asia/Beirut"] as const;

/** Instants around which edge cases cluster (epoch ms): DST changes, month and year ends, a leap day. */
export const EDGE_INSTANTS: readonly number[] = [
  Date.parse("2026-03-29T01:00:00Z"), // Amsterdam springs forward (Beirut 3 hours earlier, at its midnight)
  Date.parse("2026-10-25T01:00:00Z"), // Amsterdam falls back
  Date.parse("2026-03-08T07:00:00Z"), // New York springs forward
  Date.parse("2026-11-01T06:00:00Z"), // New York falls back
  Date.parse("2026-09-06T04:00:00Z"), // Santiago springs forward at midnight: 6 September starts at 01:00
  Date.parse("2026-04-05T03:00:00Z"), // Santiago falls back at midnight: 4 April lasts 25 hours
  Date.parse("2026-03-31T21:30:00Z"), // 23:30 on 31 March in Amsterdam
  Date.parse("2026-12-31T23:59:59.999Z"),
  Date.parse("2028-02-29T12:00:00Z"), // leap day
  Date.parse("2027-01-01T00:00:00Z"),
];

const MIN_MS = Date.parse("2024-01-01T00:00:00Z");
const MAX_MS = Date.parse("2029-01-01T00:00:00Z");

/** An instant (epoch ms) between 2024 and 2028, often within a day of an edge case. */
export const instantArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: MIN_MS, max: MAX_MS }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...EDGE_INSTANTS), fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }))
      .map(([edge, delta]) => edge + delta),
  },
);

/** A resolved calendar: any of the covered zones, week start and fiscal year start. */
export const calendarArb: fc.Arbitrary<KpiCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...TIME_ZONES),
    weekStartsOn: fc.constantFrom(0, 1, 6) as fc.Arbitrary<0 | 1 | 6>,
    fiscalYearStartMonth: fc.constantFrom(1, 2, 4, 7, 10, 12),
  })
  .map((input) => resolveCalendar(input));

/** A grain of period. */
export const grainArb = fc.constantFrom("day", "week", "month", "quarter", "year") as fc.Arbitrary<
  "day" | "week" | "month" | "quarter" | "year"
>;

/** A plain decimal string with up to 6 decimals (money-like), sometimes negative or zero. */
export const decimalStringArb: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
  .map(([negative, digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, "0");
    const whole = text.slice(0, text.length - scale);
    const fraction = text.slice(text.length - scale);
    return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
  });

// --- activities, deals, leads (issue 3) ---

/** Reps the row arbitraries draw owners from, with teams (a roster for `reps`). */
export const REP_ROSTER = [
  { id: "ann", team: "north" },
  { id: "bob", team: "north" },
  { id: "cem", team: "south" },
  { id: "dee", team: "south" },
] as const;

/** A small pipeline: two open stages, won, lost. */
export const SAMPLE_PIPELINE = {
  stages: [
    { id: "qualify", probability: 0.1, outcome: "open" as const },
    { id: "proposal", probability: 0.5, outcome: "open" as const },
    { id: "won", probability: 1, outcome: "won" as const },
    { id: "lost", probability: 0, outcome: "lost" as const },
  ],
};

const isoArb = instantArb.map((ms) => new Date(ms).toISOString());
const ownerArb = fc.constantFrom("ann", "bob", "cem", "dee");

/** An activity row (ISO instants; quantity sometimes left out). */
export const activityArb = fc.record(
  {
    owner: ownerArb,
    type: fc.constantFrom("call", "email", "meeting", "first-meeting"),
    at: isoArb,
    quantity: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: ["owner", "type", "at"] },
);

/**
 * A deal row on {@link SAMPLE_PIPELINE} with a unique id (`d0`, `d1` ...): won/lost deals
 * have a closedAt 0–120 days after createdAt; amounts are money-like decimal strings.
 */
export const dealsArb = (maxLength = 25) =>
  fc
    .array(
      fc.record({
        owner: ownerArb,
        account: fc.option(fc.constantFrom("acme", "globex", "initech", "umbrella"), { nil: undefined }),
        amount: fc.option(fc.integer({ min: 0, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)), { nil: undefined, freq: 10 }),
        source: fc.option(fc.constantFrom("web", "referral", "event"), { nil: undefined }),
        stage: fc.constantFrom("qualify", "proposal", "won", "lost"),
        createdAt: instantArb,
        closeAfter: fc.integer({ min: 0, max: 120 * 86_400_000 }),
      }),
      { maxLength },
    )
    .map((rows) =>
      rows.map((row, i) => {
        const closed = row.stage === "won" || row.stage === "lost";
        return {
          id: `d${i}`,
          owner: row.owner,
          ...(row.account === undefined ? {} : { account: row.account }),
          ...(row.amount === undefined ? {} : { amount: row.amount }),
          currency: "EUR",
          ...(row.source === undefined ? {} : { source: row.source }),
          stage: row.stage,
          createdAt: new Date(row.createdAt).toISOString(),
          ...(closed ? { closedAt: new Date(row.createdAt + row.closeAfter).toISOString() } : {}),
        };
      }),
    );

/** A lead row with a unique id (`l0` ...): reached mql/sql/customer some days after creation, or not. */
export const leadsArb = (maxLength = 25) =>
  fc
    .array(
      fc.record({
        owner: fc.option(ownerArb, { nil: undefined }),
        source: fc.option(fc.constantFrom("web", "referral", "event"), { nil: undefined }),
        createdAt: instantArb,
        mql: fc.option(fc.integer({ min: 0, max: 40 * 86_400_000 }), { nil: undefined }),
        sql: fc.option(fc.integer({ min: 0, max: 80 * 86_400_000 }), { nil: undefined }),
      }),
      { maxLength },
    )
    .map((rows) =>
      rows.map((row, i) => {
        const reached: Record<string, string> = {};
        if (row.mql !== undefined) reached.mql = new Date(row.createdAt + row.mql).toISOString();
        if (row.sql !== undefined) reached.sql = new Date(row.createdAt + row.sql).toISOString();
        return {
          id: `l${i}`,
          ...(row.owner === undefined ? {} : { owner: row.owner }),
          ...(row.source === undefined ? {} : { source: row.source }),
          createdAt: new Date(row.createdAt).toISOString(),
          reached,
        };
      }),
    );
// --- end of issue 3 arbitraries ---
// --- sales-kpi/sql differential data (issue 17) ---

/** Instants where SQL and in-process engines could disagree: month ends, DST days, year ends (± a few hours). */
const sqlEdgeInstantArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: Date.parse("2025-12-01T00:00:00Z"), max: Date.parse("2027-01-15T00:00:00Z") }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          ...EDGE_INSTANTS,
          Date.parse("2026-01-31T23:00:00Z"),
          Date.parse("2026-02-28T23:30:00Z"),
          Date.parse("2026-04-30T22:00:00Z"),
          Date.parse("2026-06-30T23:59:59.999Z"),
          Date.parse("2026-09-30T22:00:00Z"),
        ),
        fc.constantFrom(0, 1, -1, 3_600_000, -3_600_000, 7_200_000, 86_400_000, -86_400_000),
      )
      .map(([edge, delta]) => edge + delta),
  },
);

/**
 * A whole `KpiData` bag for differential tests of `sales-kpi/sql` on {@link SAMPLE_PIPELINE}:
 * a roster with a rep without team and deals/activities of an owner not in it; leads without
 * owner; deals with stage histories that tie (moves at one instant), reopen (won, then open
 * again), miss the move into the current stage, or are absent; amounts with 2 decimals or
 * missing; EUR and USD; own probability overrides; team given on some rows.
 */
export const sqlKpiDataArb = (maxDeals = 14, maxActivities = 20, maxLeads = 12) => {
  const owner = fc.constantFrom("ann", "bob", "cem", "dee", "eve", "zed");
  const team = fc.option(fc.constantFrom("north", "south", "west"), { nil: undefined, freq: 3 });
  const move = fc.record({ stage: fc.constantFrom("qualify", "proposal", "won", "lost"), after: fc.constantFrom(0, 0, 1, 3_600_000, 86_400_000, 20 * 86_400_000) });
  const deal = fc.record({
    owner,
    team,
    account: fc.option(fc.constantFrom("acme", "globex", "initech"), { nil: undefined, freq: 4 }),
    product: fc.option(fc.constantFrom("basic", "pro"), { nil: undefined }),
    amount: fc.option(fc.integer({ min: 0, max: 2_000_000 }).map((cents) => (cents / 100).toFixed(2)), { nil: undefined, freq: 6 }),
    currency: fc.constantFrom("EUR", "EUR", "USD"),
    source: fc.option(fc.constantFrom("web", "referral"), { nil: undefined }),
    probability: fc.option(fc.integer({ min: 0, max: 10_000 }).map((p) => p / 10_000), { nil: undefined, freq: 4 }),
    stage: fc.constantFrom("qualify", "proposal", "won", "lost"),
    createdAt: sqlEdgeInstantArb,
    moves: fc.array(move, { maxLength: 4 }),
    closeAfter: fc.option(fc.constantFrom(0, 1, 3_600_000, 86_400_000, 40 * 86_400_000), { nil: undefined, freq: 5 }),
    // An expected close (forecast): on a month end, before or long after the creation.
    expectedClose: fc.option(fc.oneof(sqlEdgeInstantArb, fc.constantFrom(-20 * 86_400_000, 45 * 86_400_000)), { nil: undefined, freq: 3 }),
  });
  const activity = fc.record({
    owner,
    team,
    type: fc.constantFrom("call", "email", "meeting"),
    at: sqlEdgeInstantArb,
    quantity: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  });
  const lead = fc.record({
    owner: fc.option(owner, { nil: undefined }),
    team,
    source: fc.option(fc.constantFrom("web", "referral"), { nil: undefined }),
    createdAt: sqlEdgeInstantArb,
    mql: fc.option(fc.constantFrom(0, 1, 86_400_000, 10 * 86_400_000), { nil: undefined, freq: 2 }),
    // 2 and 8 days: exactly at the deadline of a 1- or 7-day window opened at local midnight.
    sql: fc.option(fc.constantFrom(0, 3_600_000, 2 * 86_400_000, 5 * 86_400_000, 8 * 86_400_000, 30 * 86_400_000), { nil: undefined, freq: 2 }),
    customer: fc.option(fc.constantFrom(86_400_000, 15 * 86_400_000, 60 * 86_400_000), { nil: undefined }),
    quote: fc.option(fc.constantFrom(0, 3_600_000, 20 * 86_400_000), { nil: undefined, freq: 3 }),
    returned: fc.option(fc.constantFrom(0, 1, 86_400_000, 31 * 86_400_000), { nil: undefined, freq: 3 }),
  });
  const iso = (ms: number): string => new Date(ms).toISOString();
  return fc
    .record({
      deals: fc.array(deal, { minLength: 2, maxLength: maxDeals }),
      activities: fc.array(activity, { minLength: 3, maxLength: maxActivities }),
      leads: fc.array(lead, { minLength: 2, maxLength: maxLeads }),
    })
    .map(({ deals, activities, leads }) => ({
      pipeline: SAMPLE_PIPELINE,
      reps: [...REP_ROSTER, { id: "eve" }],
      deals: deals.map((d, i) => {
        let at = d.createdAt;
        const stageHistory = d.moves.map((m) => ({ stage: m.stage, at: iso((at += m.after)) }));
        const closed = d.stage === "won" || d.stage === "lost";
        const hasClosedMove = d.moves.some((m) => m.stage === "won" || m.stage === "lost");
        // A closed deal needs a closedAt or a move into won/lost; sometimes it has only the move.
        const closeAfter = closed && d.closeAfter === undefined && !hasClosedMove ? 86_400_000 : d.closeAfter;
        return {
          id: `d${i}`,
          owner: d.owner,
          ...(d.team === undefined ? {} : { team: d.team }),
          ...(d.account === undefined ? {} : { account: d.account }),
          ...(d.product === undefined ? {} : { product: d.product }),
          ...(d.amount === undefined ? {} : { amount: d.amount }),
          currency: d.currency,
          ...(d.source === undefined ? {} : { source: d.source }),
          ...(d.probability === undefined ? {} : { probability: d.probability }),
          stage: d.stage,
          createdAt: iso(d.createdAt),
          ...(closed && closeAfter !== undefined ? { closedAt: iso(d.createdAt + closeAfter) } : {}),
          ...(stageHistory.length === 0 ? {} : { stageHistory }),
          ...(d.expectedClose === undefined
            ? {}
            : { expectedCloseAt: iso(Math.abs(d.expectedClose) < 50 * 86_400_000 ? d.createdAt + d.expectedClose : d.expectedClose) }),
        };
      }),
      activities: activities.map((a, i) => ({
        id: `a${i}`,
        owner: a.owner,
        ...(a.team === undefined ? {} : { team: a.team }),
        type: a.type,
        at: iso(a.at),
        ...(a.quantity === undefined ? {} : { quantity: a.quantity }),
      })),
      leads: leads.map((l, i) => {
        const reached: Record<string, string> = {};
        if (l.mql !== undefined) reached.mql = iso(l.createdAt + l.mql);
        if (l.sql !== undefined) reached.sql = iso(l.createdAt + (l.mql ?? 0) + l.sql);
        if (l.quote !== undefined && l.sql !== undefined) reached.quote = iso(l.createdAt + (l.mql ?? 0) + l.sql + l.quote);
        if (l.customer !== undefined && l.sql !== undefined) reached.customer = iso(l.createdAt + (l.mql ?? 0) + l.sql + l.customer);
        return {
          id: `l${i}`,
          ...(l.owner === undefined ? {} : { owner: l.owner }),
          ...(l.team === undefined ? {} : { team: l.team }),
          ...(l.source === undefined ? {} : { source: l.source }),
          createdAt: iso(l.createdAt),
          ...(l.returned === undefined ? {} : { returnedAt: iso(l.createdAt + l.returned) }),
          reached,
        };
      }),
    }));
};
// --- end of sales-kpi/sql arbitraries ---

// --- issue 13 (targets) arbitraries ---
/** A retail (4-4-5 family) calendar in one of the covered zones. */
export const retailCalendarArb: fc.Arbitrary<KpiCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...TIME_ZONES),
    pattern: fc.constantFrom("4-4-5", "4-5-4", "5-4-4") as fc.Arbitrary<"4-4-5" | "4-5-4" | "5-4-4">,
    yearEndMonth: fc.integer({ min: 1, max: 12 }),
    yearEndWeekday: fc.integer({ min: 0, max: 6 }),
    yearEnd: fc.constantFrom("nearest", "last") as fc.Arbitrary<"nearest" | "last">,
    yearLabel: fc.constantFrom("end", "start") as fc.Arbitrary<"end" | "start">,
  })
  .map(({ timeZone, ...retail }) => resolveCalendar({ timeZone, retail }));
// --- end of issue 13 arbitraries ---
// (append shared arbitraries above this line)
