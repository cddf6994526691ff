/**
 * The index of the last element of ascending `sorted` that is at or before `value`, or -1
 * when every element is after it (or `sorted` is empty): the period or day an instant falls
 * in, given their start instants.
 *
 * Complexity: O(log n), binary search.
 *
 * @example
 * lastIndexAtOrBefore([0, 10, 20], 15); //=> 1
 * lastIndexAtOrBefore([0, 10, 20], 20); //=> 2
 * lastIndexAtOrBefore([0, 10, 20], -1); //=> -1
 */
export function lastIndexAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The index of the last element of `sorted` (ascending by `keyOf`) whose key is strictly
 * before `value`, or -1 when none is: the stage move, history entry or period in force just
 * before an exclusive instant.
 *
 * Complexity: O(log n), binary search.
 *
 * @example
 * lastIndexBefore([{ at: 0 }, { at: 10 }, { at: 20 }], (move) => move.at, 20); //=> 1
 */
export function lastIndexBefore<T>(sorted: readonly T[], keyOf: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid] as T) < value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
