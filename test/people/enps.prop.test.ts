import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enps } from "../../src/index.js";

const scoresArb = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 60 });

describe("enps properties", { timeout: 30_000 }, () => {
  it("is in [−100, 100] and equals 100 · (P − D) / N counted independently", () => {
    fc.assert(
      fc.property(scoresArb, (scores) => {
        const result = enps(scores);
        const p = scores.filter((s) => s >= 9).length;
        const d = scores.filter((s) => s <= 6).length;
        if (scores.length === 0) {
          expect(result.score).toBeNull();
          return;
        }
        expect(result.score?.gte(-100) && result.score.lte(100)).toBe(true);
        expect(result.score?.times(scores.length).minus(100 * (p - d)).abs().lte("1e-30")).toBe(true);
        expect(result.promoters + result.passives + result.detractors).toBe(scores.length);
      }),
      { numRuns: 200 },
    );
  });

  it("adding a passive moves the score toward 0 (never past it)", () => {
    fc.assert(
      fc.property(scoresArb.filter((s) => s.length > 0), fc.constantFrom(7, 8), (scores, passive) => {
        const before = enps(scores).score;
        const after = enps([...scores, passive]).score;
        if (before === null || after === null) throw new Error("unexpected null");
        expect(after.abs().lte(before.abs())).toBe(true);
        if (!before.isZero()) expect(after.isZero() || after.isNegative() === before.isNegative()).toBe(true);
        if (!before.isZero()) expect(after.abs().lt(before.abs())).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("does not depend on the order of the answers and reads the 1–10 scale the same way", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 40 }).chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))),
        ([scores, shuffled]) => {
          const a = enps(scores, { scale: [1, 10] });
          const b = enps(shuffled, { scale: [1, 10] });
          expect(b.score?.toString()).toBe(a.score?.toString());
          expect(enps(scores).score?.toString()).toBe(a.score?.toString());
        },
      ),
      { numRuns: 100 },
    );
  });
});
