// Internal: sorting a run of numbers in place, for passes that keep many small sorted runs in
// one typed column (the closed deals' days per cell).

/**
 * Sorts `values[from, to)` ascending in place: insertion sort for a few (most runs), the typed
 * (comparator-free) sort for more than 32.
 */
export function sortRun(values: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = values[i] as number;
    let j = i - 1;
    while (j >= from && (values[j] as number) > value) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = value;
  }
}
