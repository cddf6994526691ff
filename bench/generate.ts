// A deterministic, seeded synthetic CRM data set for the benchmark (`npm run bench`).
// Not part of the library: no I/O, but it is free to use Date and strings however it likes.
import type { Activity, Deal, KpiData, Lead, Pipeline, Rep, StageMove } from "../src/index.js";

/** What {@link generateBenchData} makes. */
/** The 13 catalog KPIs every benchmark's scorecard shows (the same card in every figure). */
export const BENCH_SCORECARD_KPIS: readonly string[] = [
  "calls",
  "emails",
  "first-meetings",
  "qualified-proposals",
  "meetings-per-call",
  "new-customers",
  "new-revenue-per-month",
  "weighted-pipeline-value",
  "win-rate",
  "sales-cycle",
  "average-deal-size",
  "conversion-lead-sql",
  "training-hours",
];

export interface BenchDataOptions {
  /** 1 = 1,000,000 activities, 100,000 deals, 20,000 leads; 0.1 = a tenth of each. Reps stay 200. */
  readonly scale?: number;
  /** Seed of the pseudo-random generator; the same seed gives the same data. */
  readonly seed?: number;
  /** Share of deals in USD (the rest is EUR). Default 0.02. */
  readonly usdShare?: number;
}

/** The generated data plus what the benchmark needs to run on it. */
export interface BenchData {
  readonly data: KpiData;
  readonly calendar: { readonly timeZone: string };
  /** The "as of" date of the data set (date-only, exclusive end of that local day). */
  readonly asOf: string;
  /** First day of the 24 months the data covers. */
  readonly from: string;
  /** The 12 month-ends before `asOf` (date-only: as of the end of that day). */
  readonly monthEnds: readonly string[];
  /** The 12 months before `asOf` as `[from, to)` date-only pairs (cohorts). */
  readonly months: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Reporting currency and rates into it. */
  readonly currency: "EUR";
  readonly rates: Readonly<Record<string, string>>;
  readonly repIds: readonly string[];
}

/** The pipeline of the synthetic team. */
export const benchPipeline: Pipeline = {
  stages: [
    { id: "qualify", label: "Qualify", probability: 0.1, outcome: "open" },
    { id: "meeting", label: "Meeting", probability: 0.25, outcome: "open" },
    { id: "proposal", label: "Proposal", probability: 0.5, outcome: "open" },
    { id: "negotiation", label: "Negotiation", probability: 0.8, outcome: "open" },
    { id: "won", label: "Won", probability: 1, outcome: "won" },
    { id: "lost", label: "Lost", probability: 0, outcome: "lost" },
  ],
};

const DAY = 86_400_000;
const OPEN_STAGES = ["qualify", "meeting", "proposal", "negotiation"] as const;
const ACTIVITY_TYPES: ReadonlyArray<readonly [string, number]> = [
  ["call", 0.5],
  ["email", 0.25],
  ["meeting", 0.1],
  ["first-meeting", 0.05],
  ["follow-up-meeting", 0.04],
  ["proposal", 0.03],
  ["training-hour", 0.02],
  ["coaching-session", 0.01],
];
const SOURCES = ["web", "referral", "outbound", "event", "partner", "renewal", "cross-sell", "up-sell"] as const;
const PRODUCTS = ["starter", "team", "business", "enterprise"] as const;

/** mulberry32: a small, fast, seeded 32-bit generator. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Generates the benchmark data set: 200 reps in 10 teams, and (at scale 1) 1,000,000
 * activities, 100,000 deals with stage history (some reopened, 2 % in USD) and 20,000 leads
 * with the funnel steps they reached, over the 24 months before `asOf` (2026-11-15,
 * Europe/Amsterdam). Deterministic for a given seed and scale.
 */
export function generateBenchData(options: BenchDataOptions = {}): BenchData {
  const scale = options.scale ?? 1;
  const random = createRandom(options.seed ?? 20261115);
  const usdShare = options.usdShare ?? 0.02;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const startMs = Date.UTC(2024, 10, 1); // 2024-11-01
  const asOfMs = Date.UTC(2026, 10, 15); // 2026-11-15
  const span = asOfMs - startMs;

  const reps: Rep[] = [];
  for (let i = 0; i < 200; i++) {
    const rep: Rep = { id: `rep-${pad(i + 1, 3)}`, name: `Rep ${i + 1}`, team: `team-${pad((i % 10) + 1)}` };
    // Most started before the data; one in ten during it; one in twenty has left.
    const started = i % 10 === 9 ? startMs + between(30, 600) * DAY : startMs - between(30, 2000) * DAY;
    reps.push({ ...rep, startedAt: isoDate(started), ...(i % 20 === 7 ? { leftAt: isoDate(asOfMs - between(10, 300) * DAY) } : {}) });
  }
  const repIds = reps.map((rep) => rep.id);

  const activityCount = Math.round(1_000_000 * scale);
  const activities: Activity[] = new Array<Activity>(activityCount);
  for (let i = 0; i < activityCount; i++) {
    let roll = random();
    let type = "call";
    for (const [name, share] of ACTIVITY_TYPES) {
      if (roll < share) {
        type = name;
        break;
      }
      roll -= share;
    }
    const at = new Date(startMs + Math.floor(random() * span)).toISOString();
    const activity: Activity = { id: `a${i}`, owner: pick(repIds), type, at };
    activities[i] = random() < 0.1 ? { ...activity, quantity: between(2, 4) } : activity;
  }

  const dealCount = Math.round(100_000 * scale);
  const accounts = Math.max(100, Math.round(dealCount / 5));
  const deals: Deal[] = new Array<Deal>(dealCount);
  for (let i = 0; i < dealCount; i++) {
    const createdMs = startMs - 90 * DAY + Math.floor(random() * (span + 89 * DAY));
    const history: StageMove[] = [{ stage: "qualify", at: new Date(createdMs).toISOString() }];
    let t = createdMs;
    let stage: string = "qualify";
    let closedMs: number | undefined;
    for (let step = 1; step <= OPEN_STAGES.length; step++) {
      t += between(2, 25) * DAY + between(0, DAY - 1);
      if (t >= asOfMs) break;
      const roll = random();
      if (step === OPEN_STAGES.length || roll < 0.25) {
        stage = roll < (step === OPEN_STAGES.length ? 0.45 : 0.1) ? "won" : "lost";
        closedMs = t;
      } else stage = OPEN_STAGES[step] as string;
      history.push({ stage, at: new Date(t).toISOString() });
      if (closedMs !== undefined) break;
    }
    // About 3 % of closed deals are reopened; half of those close again.
    if (closedMs !== undefined && random() < 0.03) {
      const reopenMs = closedMs + between(5, 30) * DAY;
      if (reopenMs < asOfMs) {
        stage = "negotiation";
        closedMs = undefined;
        history.push({ stage, at: new Date(reopenMs).toISOString() });
        const againMs = reopenMs + between(3, 40) * DAY;
        if (againMs < asOfMs && random() < 0.5) {
          stage = random() < 0.5 ? "won" : "lost";
          closedMs = againMs;
          history.push({ stage, at: new Date(againMs).toISOString() });
        }
      }
    }
    // History in CRM order: not always sorted.
    if (random() < 0.2) history.reverse();
    const cents = between(50_000, 20_000_000);
    const amount: string | number = random() < 0.8 ? `${Math.floor(cents / 100)}.${pad(cents % 100)}` : cents / 100;
    const deal: Deal = {
      id: `d${i}`,
      owner: pick(repIds),
      account: `acc-${between(1, accounts)}`,
      product: pick(PRODUCTS),
      source: pick(SOURCES),
      amount,
      currency: random() < usdShare ? "USD" : "EUR",
      stage,
      createdAt: new Date(createdMs).toISOString(),
      expectedCloseAt: isoDate(createdMs + between(30, 120) * DAY),
      stageHistory: history,
      ...(closedMs === undefined ? {} : { closedAt: new Date(closedMs).toISOString() }),
      ...(random() < 0.05 ? { probability: pick([0.15, 0.35, 0.6, 0.9]) } : {}),
    };
    deals[i] = deal;
  }

  const leadCount = Math.round(20_000 * scale);
  const leads: Lead[] = new Array<Lead>(leadCount);
  for (let i = 0; i < leadCount; i++) {
    const createdMs = startMs + Math.floor(random() * span);
    const reached: Record<string, string> = {};
    let t = createdMs + between(0, 2 * DAY);
    reached.mql = new Date(t).toISOString();
    let returned: string | undefined;
    if (random() < 0.4) {
      t += between(1, 20) * DAY;
      if (t < asOfMs) reached.sql = new Date(t).toISOString();
      if (t < asOfMs && random() < 0.5) {
        t += between(3, 30) * DAY;
        if (t < asOfMs) reached.quote = new Date(t).toISOString();
        if (t < asOfMs && random() < 0.4) {
          t += between(5, 45) * DAY;
          if (t < asOfMs) reached.customer = new Date(t).toISOString();
        }
      }
    } else if (random() < 0.25) {
      const returnedMs = t + between(1, 30) * DAY;
      if (returnedMs < asOfMs) returned = new Date(returnedMs).toISOString();
    }
    leads[i] = {
      id: `l${i}`,
      owner: pick(repIds),
      source: pick(SOURCES),
      createdAt: new Date(createdMs).toISOString(),
      reached,
      ...(returned === undefined ? {} : { returnedAt: returned }),
    };
  }

  const monthEnds: string[] = [];
  const months: Array<{ from: string; to: string }> = [];
  for (let back = 12; back >= 1; back--) {
    const first = Date.UTC(2026, 10 - back, 1);
    const next = Date.UTC(2026, 11 - back, 1);
    monthEnds.push(isoDate(next - DAY));
    months.push({ from: isoDate(first), to: isoDate(next) });
  }

  return {
    data: { pipeline: benchPipeline, reps, activities, deals, leads },
    calendar: { timeZone: "Europe/Amsterdam" },
    asOf: isoDate(asOfMs),
    from: isoDate(startMs),
    monthEnds,
    months,
    currency: "EUR",
    rates: { USD: "0.92" },
    repIds,
  };
}
