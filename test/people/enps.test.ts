import { describe, expect, it } from "vitest";
import { enps, KpiDefinitionError, KpiInputError } from "../../src/index.js";

describe("enps", () => {
  it("the documented example on a 1–10 scale: 4 promoters, 2 passives, 4 detractors = 0", () => {
    const result = enps([10, 9, 9, 8, 7, 6, 3, 10, 2, 5], { scale: [1, 10] });
    expect([result.promoters, result.passives, result.detractors]).toEqual([4, 2, 4]);
    expect(result.score?.toString()).toBe("0");
    expect(result.scale).toEqual([1, 10]);
  });

  it("a 1–10 survey of 20 reps: 8 promoters, 7 passives, 5 detractors = 15", () => {
    const scores = [10, 10, 9, 9, 9, 9, 10, 9, 8, 8, 7, 7, 8, 7, 8, 6, 5, 1, 4, 6];
    const result = enps(scores, { scale: [1, 10] });
    expect([result.promoters, result.passives, result.detractors, result.responses]).toEqual([8, 7, 5, 20]);
    expect(result.score?.toString()).toBe("15");
    expect(result.promoterShare.value?.toString()).toBe("0.4");
  });

  it("all promoters = 100, all detractors = −100, thirds are exact decimals", () => {
    expect(enps([9, 10]).score?.toString()).toBe("100");
    expect(enps([0, 6]).score?.toString()).toBe("-100");
    expect(enps([10, 7, 8]).score?.toFixed(2)).toBe("33.33");
  });

  it("no responses: the score is null, not 0", () => {
    const result = enps([]);
    expect(result.score).toBeNull();
    expect(result.responses).toBe(0);
  });

  it("scores outside the scale or not whole are input errors naming the index", () => {
    expect(() => enps([5, 11])).toThrow(KpiInputError);
    expect(() => enps([5, 11])).toThrow(/scores\[1\]: expected a whole number from 0 to 10/);
    expect(() => enps([7.5])).toThrow(/scores\[0\]/);
    expect(() => enps([0], { scale: [1, 10] })).toThrow(/scores\[0\]: expected a whole number from 1 to 10/);
    expect(() => enps([Number.NaN])).toThrow(KpiInputError);
  });

  it("only the 0–10 and 1–10 scales are accepted", () => {
    expect(() => enps([5], { scale: [1, 5] as unknown as [1, 10] })).toThrow(KpiDefinitionError);
  });
});
