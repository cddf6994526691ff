import { describe, expect, it } from "vitest";
import { type Deal, prepareKpiData as preparePublic } from "../../src/index.js";
import { preparedRows } from "../../src/model/prepared.js";

/** The public preparation, read in its inner form (the test checks what it produced). */
const prepareKpiData = (...args: Parameters<typeof preparePublic>) => preparedRows(preparePublic(...args));
import { deal, pipeline } from "./fixtures.js";
import { dealStateAsOf as dealStateAt } from "../../src/pipeline/deal-state-at.js";

function prepare(d: Deal) {
  const data = prepareKpiData({ deals: [d], pipeline });
  return { prepared: data.deals[0] as NonNullable<(typeof data.deals)[0]>, stages: data.pipeline as NonNullable<typeof data.pipeline> };
}

describe("dealStateAt", () => {
  it("matches its documented example: won on 10 March, reopened on 20 March", () => {
    const { prepared, stages } = prepare(
      deal({
        id: "r",
        stage: "proposal",
        amount: "1",
        createdAt: "2026-02-20",
        stageHistory: [
          { stage: "proposal", at: "2026-03-01" },
          { stage: "won", at: "2026-03-10" },
          { stage: "proposal", at: "2026-03-20" },
        ],
      }),
    );
    expect(dealStateAt(prepared, Date.UTC(2026, 2, 15), stages).status).toBe("won");
    expect(dealStateAt(prepared, Date.UTC(2026, 2, 25), stages).status).toBe("open");
    expect(dealStateAt(prepared, Date.UTC(2026, 2, 25), stages).since).toBe(Date.UTC(2026, 2, 20));
    // asOf is exclusive: at the very instant of the win the deal was still open
    expect(dealStateAt(prepared, Date.UTC(2026, 2, 10), stages).status).toBe("open");
    // created on 20 Feb, first move on 1 Mar: in between it is in its earliest recorded stage
    expect(dealStateAt(prepared, Date.UTC(2026, 1, 25), stages)).toMatchObject({ status: "open", stageAssumed: false });
    expect(dealStateAt(prepared, Date.UTC(2026, 1, 20), stages).status).toBe("not-created");
    expect(dealStateAt(prepared, undefined, stages)).toMatchObject({ status: "open", since: Date.UTC(2026, 2, 20) });
  });

  it("a deal whose first recorded move is a close was in the first open stage before it", () => {
    const { prepared, stages } = prepare(deal({ id: "w", stage: "won", amount: "1", createdAt: "2026-01-01", stageHistory: [{ stage: "won", at: "2026-02-01" }] }));
    const before = dealStateAt(prepared, Date.UTC(2026, 0, 15), stages);
    expect(before).toMatchObject({ status: "open", stageAssumed: true });
    expect(before.stage?.id).toBe("qualify");
  });

  it("a closed deal whose history misses the close is closed from its closedAt", () => {
    const { prepared, stages } = prepare(
      deal({ id: "c", stage: "lost", amount: "1", createdAt: "2026-01-01", closedAt: "2026-03-01", stageHistory: [{ stage: "proposal", at: "2026-01-10" }] }),
    );
    expect(dealStateAt(prepared, Date.UTC(2026, 1, 1), stages).stage?.id).toBe("proposal");
    expect(dealStateAt(prepared, Date.UTC(2026, 2, 2), stages)).toMatchObject({ status: "lost", since: Date.UTC(2026, 2, 1) });
  });
});
