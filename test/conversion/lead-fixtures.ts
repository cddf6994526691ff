// Arbitraries and a brute-force reference for the lead KPIs (conversion, funnel).
import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import fc from "fast-check";
import type { Lead } from "../../src/index.js";

export const STEPS = ["mql", "sql", "quote", "customer"] as const;
export const ZONES = ["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Kathmandu"] as const;

const START = Date.parse("2026-02-20T00:00:00Z");
const SPAN = 70 * 86_400_000; // into May, across the March DST changes

/** An instant near the test periods; some on exact hours to hit day boundaries. */
const instantArb = fc.oneof(
  fc.integer({ min: START, max: START + SPAN }),
  fc.integer({ min: 0, max: SPAN / 3_600_000 }).map((hours) => START + hours * 3_600_000),
);

/** Lead rows with unique ids: any subset of the four steps, in any order of instants (data is messy). */
export const leadRowsArb = (maxLength = 30): fc.Arbitrary<Lead[]> =>
  fc
    .array(
      fc.record({
        owner: fc.option(fc.constantFrom("ann", "bob", "cem"), { nil: undefined }),
        source: fc.option(fc.constantFrom("web", "event"), { nil: undefined }),
        createdAt: instantArb,
        // Mostly increasing step instants, sometimes missing steps or out of order.
        start: instantArb,
        gaps: fc.array(fc.integer({ min: -2 * 86_400_000, max: 20 * 86_400_000 }), { minLength: 4, maxLength: 4 }),
        present: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      }),
      { maxLength },
    )
    .map((rows) =>
      rows.map((row, i) => {
        const reached: Record<string, string> = {};
        let at = row.start;
        STEPS.forEach((step, j) => {
          at += row.gaps[j] as number;
          if (row.present[j]) reached[step] = new Date(at).toISOString();
        });
        return {
          id: `l${i}`,
          ...(row.owner === undefined ? {} : { owner: row.owner }),
          ...(row.source === undefined ? {} : { source: row.source }),
          createdAt: new Date(row.createdAt).toISOString(),
          reached,
        };
      }),
    );

export const zoneArb = fc.constantFrom(...ZONES);
export const periodArb = fc.constantFrom(
  { from: "2026-03-01", to: "2026-04-01" },
  { from: "2026-03-15", to: "2026-03-30" },
  { from: "2026-02-20", to: "2026-05-01" },
);
export const asOfArb = fc.constantFrom("2026-03-20", "2026-04-10", "2026-04-30T12:00:00Z", "2026-12-31");

/** Local midnight of a date-only value in a zone (reference: TZDate per value, the slow way). */
export function localStart(date: string, zone: string): number {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, zone).getTime();
}

/** Exclusive end instant of an asOf value (date-only = end of that local day). */
export function asOfEnd(asOf: string, zone: string): number {
  if (asOf.length > 10) return Date.parse(asOf);
  const [y, m, d] = asOf.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d + 1, zone).getTime();
}

/** Effective reach of steps[index]: earliest known (before asOf) instant of it or any later step. */
export function referenceReach(lead: Lead, steps: readonly string[], index: number, asOfMs: number): number | undefined {
  let best: number | undefined;
  for (const step of steps.slice(index)) {
    const value = lead.reached?.[step];
    if (value === undefined) continue;
    const ms = Date.parse(value as string);
    if (ms < asOfMs && (best === undefined || ms < best)) best = ms;
  }
  return best;
}

/** Brute-force cohort conversion: per lead, local calendar-day difference with date-fns. */
export function referenceCohort(
  leads: readonly Lead[],
  o: { from: string; to: string; steps: readonly string[]; period: { from: string; to: string }; windowDays?: number; asOf: string; zone: string },
): { entered: number; converted: number; open: number; lapsed: number } {
  const startMs = localStart(o.period.from, o.zone);
  const endMs = localStart(o.period.to, o.zone);
  const asOfMs = asOfEnd(o.asOf, o.zone);
  let entered = 0;
  let converted = 0;
  let open = 0;
  let lapsed = 0;
  for (const lead of leads) {
    const from = referenceReach(lead, o.steps, o.steps.indexOf(o.from), asOfMs);
    if (from === undefined || from < startMs || from >= endMs) continue;
    entered++;
    const to = referenceReach(lead, o.steps, o.steps.indexOf(o.to), asOfMs);
    const days = to === undefined ? undefined : differenceInCalendarDays(new TZDate(to, o.zone), new TZDate(from, o.zone));
    if (days !== undefined && (o.windowDays === undefined || days <= o.windowDays)) {
      converted++;
      continue;
    }
    if (o.windowDays === undefined) {
      open++;
      continue;
    }
    // The window closes at the local midnight after day (from-day + windowDays).
    const f = new TZDate(from, o.zone);
    const deadline = new TZDate(f.getFullYear(), f.getMonth(), f.getDate() + o.windowDays + 1, o.zone).getTime();
    if (deadline > asOfMs) open++;
    else lapsed++;
  }
  return { entered, converted, open, lapsed };
}
