// Fixtures shared by the pipeline tests: a pipeline a sales manager would recognise.
import type { Deal, Pipeline } from "../../src/index.js";

/** qualify 20 %, proposal 50 %, negotiation 80 %, won, lost. */
export const pipeline: Pipeline = {
  stages: [
    { id: "qualify", probability: 0.2, outcome: "open" },
    { id: "proposal", probability: 0.5, outcome: "open" },
    { id: "negotiation", probability: 0.8, outcome: "open" },
    { id: "won", probability: 1, outcome: "won" },
    { id: "lost", probability: 0, outcome: "lost" },
  ],
};

/** A deal with the fields most tests do not care about filled in. */
export function deal(fields: Partial<Deal> & Pick<Deal, "id" | "stage">): Deal {
  return { owner: "ann", createdAt: "2026-01-05", ...fields };
}

/** A won deal created on `createdAt`, won on `closedAt`. */
export function wonDeal(id: string, amount: string, createdAt: string, closedAt: string, owner = "ann"): Deal {
  return { id, owner, stage: "won", amount, createdAt, closedAt };
}

/** A lost deal. */
export function lostDeal(id: string, amount: string, createdAt: string, closedAt: string, owner = "ann"): Deal {
  return { id, owner, stage: "lost", amount, createdAt, closedAt };
}

/** The smallest pipeline: one open stage (proposal, 50 %), won and lost. */
export const proposalPipeline: Pipeline = {
  stages: [
    { id: "proposal", probability: 0.5, outcome: "open" },
    { id: "won", probability: 1, outcome: "won" },
    { id: "lost", probability: 0, outcome: "lost" },
  ],
};
