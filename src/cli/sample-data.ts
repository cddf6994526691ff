import type { Activity } from "../model/activity.js";
import type { Deal, StageMove } from "../model/deal.js";
import type { KpiData } from "../model/kpi-data.js";
import type { Lead } from "../model/lead.js";
import type { Pipeline } from "../model/pipeline.js";
import type { Rep } from "../model/rep.js";
import type { KpiCalendarInput } from "../time/calendar.js";

/** The bundled sample data set: a small fictional sales team, generated deterministically. */
export interface SampleData {
  readonly data: KpiData;
  readonly calendar: KpiCalendarInput;
  /** The date the sample is "as of" (date-only, exclusive end of that day). */
  readonly asOf: string;
}

/** The sample team's pipeline, in funnel order. */
export const samplePipeline: Pipeline = {
  stages: [
    { id: "qualify", label: "Qualify", probability: 0.1, outcome: "open" },
    { id: "meeting", label: "Meeting", probability: 0.25, outcome: "open" },
    { id: "proposal", label: "Proposal", probability: 0.5, outcome: "open" },
    { id: "negotiation", label: "Negotiation", probability: 0.8, outcome: "open" },
    { id: "won", label: "Won", probability: 1, outcome: "won" },
    { id: "lost", label: "Lost", probability: 0, outcome: "lost" },
  ],
};

interface RepProfile {
  readonly rep: Rep;
  /** Relative activity level and skill: 1 is the team average. */
  readonly effort: number;
  readonly skill: number;
}

const profiles: readonly RepProfile[] = [
  { rep: { id: "anna", name: "Anna de Vries", team: "North", startedAt: "2024-02-01" }, effort: 1.2, skill: 1.1 },
  { rep: { id: "bram", name: "Bram Jansen", team: "North", startedAt: "2023-09-01" }, effort: 0.9, skill: 1.3 },
  { rep: { id: "chloe", name: "Chloé Peeters", team: "North", startedAt: "2025-01-06" }, effort: 1.0, skill: 0.8 },
  { rep: { id: "daan", name: "Daan Visser", team: "South", startedAt: "2022-05-02" }, effort: 1.1, skill: 1.0 },
  { rep: { id: "eva", name: "Eva Smit", team: "South", startedAt: "2024-11-04" }, effort: 0.8, skill: 0.9 },
  { rep: { id: "finn", name: "Finn Bakker", team: "South", startedAt: "2026-10-01" }, effort: 0.7, skill: 0.6 },
];

const sources = ["website", "event", "referral", "outbound"] as const;
const accounts = Array.from({ length: 60 }, (_, i) => `Account ${String(i + 1).padStart(2, "0")}`);
const products = [
  { id: "Starter", price: 1200 },
  { id: "Team", price: 4800 },
  { id: "Enterprise", price: 18500 },
] as const;

/** mulberry32: a tiny seeded PRNG, so the sample is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` of a UTC day number. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
/** An ISO date-time at a local office hour (Amsterdam offset approximated by the season). */
function isoAt(dayMs: number, hour: number, minute: number): string {
  const month = new Date(dayMs).getUTCMonth();
  const offset = month >= 3 && month <= 9 ? "+02:00" : "+01:00";
  return `${isoDay(dayMs)}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00${offset}`;
}

/**
 * Generates the sample data set: six reps in two teams (one hired in October 2026, so
 * without baseline history), a year of daily activities, deals with stage history (some
 * lost, a few reopened) and marketing leads with their funnel steps, as of 2026-11-15 in
 * Europe/Amsterdam. Deterministic: the same output on every call and machine.
 *
 * @example
 * const sample = generateSampleData();
 * sample.data.reps?.length; //=> 6
 */
export function generateSampleData(seed = 20261115): SampleData {
  const next = random(seed);
  const between = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));
  const asOf = "2026-11-15";
  const firstDay = Date.UTC(2025, 10, 1);
  const lastDay = Date.UTC(2026, 10, 15);

  const activities: Activity[] = [];
  const deals: Deal[] = [];
  const leads: Lead[] = [];
  let dealNumber = 0;
  let leadNumber = 0;

  for (const profile of profiles) {
    const owner = profile.rep.id;
    const started = Date.parse(`${profile.rep.startedAt ?? "2020-01-01"}T00:00:00Z`);
    for (let day = Math.max(firstDay, started); day <= lastDay; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const season = 1 + 0.15 * Math.sin(((new Date(day).getUTCMonth() + 1) / 12) * 2 * Math.PI);
      const calls = Math.round(between(6, 14) * profile.effort * season);
      const emails = Math.round(between(8, 20) * profile.effort);
      activities.push({ owner, type: "call", at: isoAt(day, 9, between(0, 59)), quantity: Math.max(1, calls) });
      activities.push({ owner, type: "email", at: isoAt(day, 11, between(0, 59)), quantity: Math.max(1, emails) });
      if (next() < 0.35 * profile.effort) activities.push({ owner, type: "first-meeting", at: isoAt(day, 14, 0) });
      if (next() < 0.3 * profile.effort) activities.push({ owner, type: "follow-up-meeting", at: isoAt(day, 15, 30) });
      if (next() < 0.12 * profile.effort * profile.skill) activities.push({ owner, type: "proposal", at: isoAt(day, 16, 0) });
      if (weekday === 5) activities.push({ owner, type: "training-hour", at: isoAt(day, 13, 0), quantity: between(1, 2) });
      if (weekday === 3 && next() < 0.5) activities.push({ owner, type: "coaching-session", at: isoAt(day, 10, 0) });

      // Deals: about one new opportunity a week per rep, progressing through the pipeline.
      if (next() < 0.22 * profile.effort) {
        dealNumber += 1;
        const product = products[between(0, products.length - 1)] ?? products[0];
        const amount = (product.price * (0.8 + next() * 0.4)).toFixed(2);
        const history: StageMove[] = [{ stage: "qualify", at: isoAt(day, 10, 0) }];
        let at = day;
        let stage = "qualify";
        let closedAt: string | undefined;
        for (const step of ["meeting", "proposal", "negotiation"] as const) {
          at += between(4, 20) * DAY;
          if (at > lastDay) break;
          if (next() < 0.12 / profile.skill) {
            stage = "lost";
            closedAt = isoAt(at, 17, 0);
            history.push({ stage, at: closedAt });
            break;
          }
          stage = step;
          history.push({ stage, at: isoAt(at, 12, 0) });
        }
        if (stage === "negotiation") {
          at += between(3, 15) * DAY;
          if (at <= lastDay) {
            stage = next() < 0.6 * profile.skill ? "won" : "lost";
            closedAt = isoAt(at, 16, 30);
            history.push({ stage, at: closedAt });
            // A few won deals are reopened (the customer backed out) and then lost.
            if (stage === "won" && next() < 0.05 && at + 10 * DAY <= lastDay) {
              history.push({ stage: "negotiation", at: isoAt(at + 5 * DAY, 9, 0) });
              stage = "lost";
              closedAt = isoAt(at + 10 * DAY, 11, 0);
              history.push({ stage, at: closedAt });
            }
          }
        }
        const deal: Deal = {
          id: `D-${String(dealNumber).padStart(4, "0")}`,
          owner,
          account: accounts[between(0, accounts.length - 1)],
          product: product.id,
          amount,
          currency: "EUR",
          stage,
          createdAt: isoAt(day, 10, 0),
          source: sources[between(0, sources.length - 1)],
          stageHistory: history,
          ...(closedAt === undefined ? { expectedCloseAt: isoDay(day + between(30, 90) * DAY) } : { closedAt }),
        };
        deals.push(deal);
      }

      // Marketing leads handed to the rep: mql → sql → quote → customer.
      if (next() < 0.45) {
        leadNumber += 1;
        const reached: Record<string, string> = { mql: isoAt(day, 8, 30) };
        let at = day;
        let returnedAt: string | undefined;
        for (const step of ["sql", "quote", "customer"] as const) {
          at += between(1, 25) * DAY;
          if (at > lastDay || next() > (step === "sql" ? 0.55 : 0.5 * profile.skill)) break;
          reached[step] = isoAt(at, 13, 15);
        }
        if (reached.sql === undefined && next() < 0.2 && day + 7 * DAY <= lastDay) returnedAt = isoAt(day + 7 * DAY, 9, 45);
        leads.push({
          id: `L-${String(leadNumber).padStart(5, "0")}`,
          owner,
          source: sources[between(0, sources.length - 1)],
          createdAt: isoAt(day, 8, 30),
          reached,
          ...(returnedAt === undefined ? {} : { returnedAt }),
        });
      }
    }
  }

  return {
    data: { pipeline: samplePipeline, reps: profiles.map((p) => p.rep), deals, activities, leads },
    calendar: { timeZone: "Europe/Amsterdam" },
    asOf,
  };
}
