import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repTurnover } from "../../src/index.js";

const DAY = 86_400_000;
const base = Date.parse("2025-06-01T00:00:00Z");
const repsArb = fc
  .array(
    fc.record({
      start: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
      stay: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    }),
    { maxLength: 25 },
  )
  .map((rows) =>
    rows.map((row, i) => {
      const startedAt = row.start === undefined ? undefined : base + row.start * DAY;
      const leftAt = row.stay === undefined ? undefined : (startedAt ?? base) + row.stay * DAY;
      return {
        id: `r${i}`,
        ...(startedAt === undefined ? {} : { startedAt: new Date(startedAt).toISOString() }),
        ...(leftAt === undefined ? {} : { leftAt: new Date(leftAt).toISOString() }),
      };
    }),
  );

describe("repTurnover properties", { timeout: 30_000 }, () => {
  it("agrees with a direct count, and does not depend on roster order", () => {
    fc.assert(
      fc.property(
        repsArb.chain((reps) => fc.tuple(fc.constant(reps), fc.shuffledSubarray(reps, { minLength: reps.length, maxLength: reps.length }))),
        ([reps, shuffled]) => {
          const from = Date.parse("2026-01-01T00:00:00Z");
          const to = Date.parse("2027-01-01T00:00:00Z");
          const result = repTurnover(reps, { period: { from: "2026-01-01", to: "2027-01-01" } });
          const on = (r: (typeof reps)[number], ms: number) =>
            (r.startedAt === undefined || Date.parse(r.startedAt) <= ms) && (r.leftAt === undefined || Date.parse(r.leftAt) > ms);
          const leavers = reps.filter((r) => r.leftAt !== undefined && Date.parse(r.leftAt) >= from && Date.parse(r.leftAt) < to).length;
          const start = reps.filter((r) => on(r, from)).length;
          const end = reps.filter((r) => on(r, to - 1)).length;
          expect([result.leavers, result.headcountStart, result.headcountEnd]).toEqual([leavers, start, end]);
          if (start + end === 0) expect(result.value).toBeNull();
          else expect(result.value?.times(start + end).minus(2 * leavers).abs().lte("1e-30")).toBe(true);
          const other = repTurnover(shuffled, { period: { from: "2026-01-01", to: "2027-01-01" } });
          expect(other.leaverIds).toEqual(result.leaverIds);
          expect(other.value?.toString()).toBe(result.value?.toString());
        },
      ),
      { numRuns: 150 },
    );
  });
});
