/**
 * `record[key]` when `key` is the record's own property, else `undefined`: a mapping, a
 * `values` map, a lookup table or a row never answers with what it inherits, so a column or a
 * cell named `constructor` or `toString` is just text.
 *
 * @example
 * ownProperty({ won: "closed-won" }, "won"); //=> "closed-won"
 * ownProperty({ won: "closed-won" }, "constructor"); //=> undefined
 */
export function ownProperty<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
