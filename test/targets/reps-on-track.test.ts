import { describe, expect, it } from "vitest";
import { attainment } from "../../src/targets/attainment.js";
import { repsAtTarget } from "../../src/targets/reps-at-target.js";
import { repsOnTrack } from "../../src/targets/reps-on-track.js";

describe("reps on track and at target (seed KPIs 13 and 14)", () => {
  it("ahead and on-track count as on track, behind does not", () => {
    const result = repsOnTrack({ cy: { status: "on-track" }, ann: { status: "ahead" }, bob: { status: "behind" } });
    expect(result.reps).toEqual(["ann", "cy"]);
    expect(result.count).toBe(2);
    expect(result.total).toBe(3);
    expect(result.share.value?.toFixed(4)).toBe("0.6667");
  });

  it("reps at target are the reps that met it, exactly on target included", () => {
    const result = repsAtTarget({ ann: attainment(60, 55), bob: attainment(40, 55), cy: attainment(55, 55) });
    expect(result.reps).toEqual(["ann", "cy"]);
    expect(result.count).toBe(2);
  });

  it("an empty team has no share", () => {
    expect(repsOnTrack({}).share.value).toBeNull();
    expect(repsAtTarget({}).count).toBe(0);
  });
});
