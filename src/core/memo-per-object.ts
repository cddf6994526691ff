// Internal: work remembered per (object, key) — per prepared array and asOf, say — with at most
// a few keys per object, the oldest forgotten first, and nothing kept once the object is gone
// (a WeakMap). What the activity cubes, the deal states and the closed-deal passes share.

/** Values per (object, key); at most `max` keys per object. */
export class MemoPerObject<O extends object, K, V> {
  private readonly byObject = new WeakMap<O, Map<K, V>>();

  constructor(private readonly max: number) {}

  get(object: O, key: K): V | undefined {
    return this.byObject.get(object)?.get(key);
  }

  /** Remembers `value` for (object, key), forgetting the object's oldest key when it has `max`. */
  set(object: O, key: K, value: V): void {
    let values = this.byObject.get(object);
    if (values === undefined) {
      values = new Map();
      this.byObject.set(object, values);
    }
    if (values.size >= this.max && !values.has(key)) values.delete(values.keys().next().value as K);
    values.set(key, value);
  }

  /** Forgets every value of `object` (benchmarks measure a cold first call with it). */
  forget(object: O): void {
    this.byObject.delete(object);
  }
}
