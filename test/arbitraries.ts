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
