import { parseInput } from "../core/parse-input.js";
import { countReps, type RepCount } from "./reps-on-track.js";
import { AttainmentsByRepSchema } from "./target-schemas.js";

/**
 * Reps at target: how many reps met or beat their target, out of the reps given.
 *
 * Formula: count of reps whose attainment is `met`; share = count ÷ reps.
 * Edge cases: an empty team gives 0 of 0 with share `null`. Complexity: O(r log r).
 *
 * @example
 * repsAtTarget({ ann: attainment(60, 55), bob: attainment(40, 55) }); //=> { reps: ["ann"], count: 1, total: 2, ... }
 */
export function repsAtTarget(attainments: Readonly<Record<string, { readonly met: boolean }>>): RepCount {
  return countReps(parseInput(AttainmentsByRepSchema, attainments, ["attainments"]), (attainment) => attainment.met);
}
