import { ratio, type Ratio } from "../core/ratio.js";
import { parseInput } from "../core/parse-input.js";
import type { PaceStatus } from "./pace.js";
import { PacesByRepSchema } from "./target-schemas.js";

/** A count of reps out of the team, with who they are. */
export interface RepCount {
  /** Reps that count, sorted by id. */
  readonly reps: readonly string[];
  readonly count: number;
  /** Reps considered. */
  readonly total: number;
  /** count ÷ total (`null` for an empty team). */
  readonly share: Ratio;
}

/**
 * Reps on track: how many reps are on track or ahead of their target at this
 * moment, out of the reps given.
 *
 * Formula: count of reps whose pace status is `"on-track"` or `"ahead"`; share = count ÷ reps.
 * Edge cases: an empty team gives 0 of 0 with share `null`. Give every rep of the roster (a rep
 * without target is not on track: leave it out on purpose, or give it a `"behind"` status).
 * Complexity: O(r log r).
 *
 * @example
 * const onTrack = repsOnTrack({ ann: { status: "ahead" }, bob: { status: "behind" }, cy: { status: "on-track" } });
 * onTrack; //=> { reps: ["ann", "cy"], count: 2, total: 3, ... }
 * onTrack.share.value?.toFixed(4); //=> "0.6667"
 */
export function repsOnTrack(paces: Readonly<Record<string, { readonly status: PaceStatus }>>): RepCount {
  return countReps(parseInput(PacesByRepSchema, paces, ["paces"]), (pace) => pace.status !== "behind");
}

/** Counts the reps for which `counts` holds. */
export function countReps<T>(byRep: Readonly<Record<string, T>>, counts: (value: T) => boolean): RepCount {
  const ids = Object.keys(byRep).sort();
  const reps = ids.filter((id) => counts(byRep[id] as T));
  return { reps, count: reps.length, total: ids.length, share: ratio(reps.length, ids.length) };
}
