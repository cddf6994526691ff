// Arbitraries for the pipeline tests: deals on the fixture pipeline with consistent stage
// histories (the last move is the current stage, closed deals have their close move), some
// reopened, some without history; and a slow reference replay of a history.
import fc from "fast-check";
import type { Deal } from "../../src/index.js";
import { pipeline } from "./fixtures.js";

const DAY = 86_400_000;
export const START_MS = Date.UTC(2026, 0, 1);
const STAGES = pipeline.stages.map((s) => s.id);
const OPEN = pipeline.stages.filter((s) => s.outcome === "open").map((s) => s.id);

/** Outcome of a stage id of the fixture pipeline. */
export function outcomeOf(stage: string): "open" | "won" | "lost" {
  return pipeline.stages.find((s) => s.id === stage)?.outcome ?? "open";
}
/** Probability of a stage id of the fixture pipeline. */
export function probabilityOf(stage: string): number {
  return pipeline.stages.find((s) => s.id === stage)?.probability ?? 0;
}

/** One deal row; ids are assigned by {@link pipelineDealsArb}. */
const dealRowArb = fc.record({
  owner: fc.constantFrom("ann", "bob", "cem"),
  team: fc.option(fc.constantFrom("north", "south"), { nil: undefined }),
  amount: fc.integer({ min: 0, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  probability: fc.option(fc.constantFrom(0, 0.05, 0.35, 0.9, 1), { nil: undefined, freq: 4 }),
  createdOffset: fc.integer({ min: 0, max: 200 * DAY }),
  // gaps between moves (≥ 1 ms, so the order is never ambiguous; the first move may be at creation)
  moves: fc.array(fc.tuple(fc.constantFrom(...STAGES), fc.integer({ min: 1, max: 40 * DAY })), { maxLength: 6 }),
  // without history: current stage and close delay
  stage: fc.constantFrom(...STAGES),
  closeAfter: fc.integer({ min: 0, max: 120 * DAY }),
  withHistory: fc.boolean(),
});

/** Deals with unique ids `d0`, `d1` … on the fixture pipeline, all in EUR. */
export const pipelineDealsArb = (maxLength = 20): fc.Arbitrary<Deal[]> =>
  fc.array(dealRowArb, { maxLength }).map((rows) =>
    rows.map((row, i): Deal => {
      const createdMs = START_MS + row.createdOffset;
      const base = {
        id: `d${i}`,
        owner: row.owner,
        ...(row.team === undefined ? {} : { team: row.team }),
        amount: row.amount,
        currency: "EUR",
        ...(row.probability === undefined ? {} : { probability: row.probability }),
        createdAt: new Date(createdMs).toISOString(),
      };
      if (row.withHistory && row.moves.length > 0) {
        let at = createdMs;
        const stageHistory = row.moves.map(([stage, gap], index) => {
          at += index === 0 ? gap - 1 : gap;
          return { stage, at: new Date(at).toISOString() };
        });
        // given newest first: histories come in any order
        const last = stageHistory[stageHistory.length - 1] as { stage: string; at: string };
        const closed = outcomeOf(last.stage) !== "open";
        return { ...base, stage: last.stage, stageHistory: [...stageHistory].reverse(), ...(closed ? { closedAt: last.at } : {}) };
      }
      const closed = outcomeOf(row.stage) !== "open";
      return { ...base, stage: row.stage, ...(closed ? { closedAt: new Date(createdMs + row.closeAfter).toISOString() } : {}) };
    }),
  );

/** An instant in the range the deals live in. */
export const asOfMsArb = fc.integer({ min: START_MS - 5 * DAY, max: START_MS + 500 * DAY });

/**
 * Slow reference: replays a deal's history from the start and says where it stood before
 * `asOfMs` — the rules of DESIGN §3/§6 written out naively, for consistent histories.
 */
export function replayState(deal: Deal, asOfMs: number): { status: "not-created" | "open" | "won" | "lost"; stage?: string; since?: number } {
  const created = Date.parse(String(deal.createdAt));
  if (created >= asOfMs) return { status: "not-created" };
  const moves = (deal.stageHistory ?? []).map((m) => ({ stage: m.stage, at: Date.parse(String(m.at)) }));
  if (moves.length === 0) {
    const outcome = outcomeOf(deal.stage);
    if (outcome === "open") return { status: "open", stage: deal.stage, since: created };
    const closedAt = Date.parse(String(deal.closedAt));
    if (closedAt < asOfMs) return { status: outcome, stage: deal.stage, since: closedAt };
    return { status: "open", stage: OPEN[0] as string, since: created };
  }
  // The last move strictly before asOf (instants are distinct).
  let best: { stage: string; at: number } | undefined;
  for (const move of moves) if (move.at < asOfMs && (best === undefined || move.at > best.at)) best = move;
  if (best === undefined) {
    const earliest = moves.reduce((a, b) => (b.at < a.at ? b : a));
    if (outcomeOf(earliest.stage) === "open") return { status: "open", stage: earliest.stage, since: created };
    return { status: "open", stage: OPEN[0] as string, since: created };
  }
  return { status: outcomeOf(best.stage), stage: best.stage, since: best.at };
}

/**
 * Deals of {@link pipelineDealsArb} some of which also carry an `amountHistory` and an
 * `expectedCloseHistory` (entries in any order, some before creation, some on one instant)
 * and an `expectedCloseAt`.
 */
export const pipelineDealsWithHistoriesArb = (maxLength = 20): fc.Arbitrary<Deal[]> =>
  fc
    .tuple(
      pipelineDealsArb(maxLength),
      fc.array(
        fc.record({
          amounts: fc.option(fc.array(fc.tuple(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: -10, max: 300 })), { maxLength: 4 }), { nil: undefined }),
          closes: fc.option(fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: -10, max: 300 })), { maxLength: 4 }), { nil: undefined }),
          expected: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        }),
        { minLength: maxLength, maxLength },
      ),
    )
    .map(([deals, extras]) =>
      deals.map((deal, i) => {
        const extra = extras[i];
        if (extra === undefined) return deal;
        const created = Date.parse(String(deal.createdAt));
        return {
          ...deal,
          ...(extra.expected === undefined ? {} : { expectedCloseAt: new Date(START_MS + extra.expected * DAY).toISOString() }),
          ...(extra.amounts === undefined
            ? {}
            : { amountHistory: extra.amounts.map(([cents, day]) => ({ amount: (cents / 100).toFixed(2), at: new Date(created + day * DAY).toISOString() })) }),
          ...(extra.closes === undefined
            ? {}
            : {
                expectedCloseHistory: extra.closes.map(([close, day]) => ({
                  expectedCloseAt: new Date(START_MS + close * DAY).toISOString(),
                  at: new Date(created + day * DAY).toISOString(),
                })),
              }),
        };
      }),
    );
