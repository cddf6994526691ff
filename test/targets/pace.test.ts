import { describe, expect, it } from "vitest";
import { pace } from "../../src/targets/pace.js";
import { KpiDefinitionError, targetFromBaseline } from "../../src/index.js";

const june = { periodStart: "2026-06-01", periodEnd: "2026-07-01" };

describe("pace", () => {
  it("doc example: 40 calls in the first half of June against 100 projects 80: behind", () => {
    const result = pace(40, 100, { ...june, asOf: "2026-06-15" });
    expect(result.elapsed.toString()).toBe("0.5");
    expect(result.projected?.toString()).toBe("80");
    expect(result.expected.toString()).toBe("50");
    expect(result.status).toBe("behind");
  });

  it("on the band's edges a rep is on track; a cent beyond, ahead or behind", () => {
    const at = (actual: number | string) => pace(actual, 100, { ...june, asOf: "2026-06-15" }).status;
    expect(at("52.5")).toBe("on-track"); // projects 105 = 100 + 5 %
    expect(at("52.51")).toBe("ahead");
    expect(at("47.5")).toBe("on-track"); // projects 95
    expect(at("47.49")).toBe("behind");
  });

  it("lower is better turns ahead and behind around", () => {
    const at = (actual: number) => pace(actual, 20, { ...june, asOf: "2026-06-30", direction: "lower-is-better" }).status;
    expect(at(10)).toBe("ahead");
    expect(at(20)).toBe("on-track");
    expect(at(30)).toBe("behind");
  });

  it("before the period nothing is projected; after it the actual is the projection", () => {
    const before = pace(0, 100, { ...june, asOf: "2026-05-20" });
    expect(before.projected).toBeNull();
    expect(before.status).toBe("on-track");
    const after = pace(90, 100, { ...june, asOf: "2026-08-01" });
    expect(after.elapsed.toString()).toBe("1");
    expect(after.projected?.toString()).toBe("90");
    expect(after.status).toBe("behind");
  });

  it("counts elapsed time in instants in the calendar's zone (March in Amsterdam has 743 hours)", () => {
    const result = pace(10, 31, {
      periodStart: "2026-03-01",
      periodEnd: "2026-04-01",
      asOf: "2026-03-29", // up to the end of 29 March, after the DST change on the 29th
      calendar: { timeZone: "Europe/Amsterdam" },
    });
    // 29 days = 29 × 24 − 1 hours of 743
    expect(result.elapsed.toFixed(10)).toBe((695 / 743).toFixed(10));
  });

  it("rejects a period that ends before it starts", () => {
    expect(() => pace(1, 2, { periodStart: "2026-07-01", periodEnd: "2026-06-01", asOf: "2026-06-15" })).toThrow(KpiDefinitionError);
  });
});

describe("pace direction", () => {
  it("takes a baseline target's own direction", () => {
    const cycle = targetFromBaseline(40, { direction: "lower-is-better" }); // 36
    expect(pace(18, cycle, { ...june, asOf: "2026-06-30" }).status).toBe("ahead");
  });
});
