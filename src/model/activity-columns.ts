// Internal: prepared activities as columns — typed arrays of instants and quantities, and
// dictionary codes for owner × team and type. Preparation writes them directly, row by row
// (no row object per activity: a million activities are a million objects the garbage
// collector would keep scanning), and every activity pass reads them. The rows as objects
// are made from the columns only where a caller asks for them (`activityRows`).
import { DictionaryBuilder } from "./dictionary.js";
import type { KeptColumns } from "./duplicate-ids.js";
import type { PreparedActivity } from "./prepared.js";

const HOUR_MS = 3_600_000;

/** Activities as columns: instants, quantities and dictionary codes. */
export interface ActivityColumns {
  readonly length: number;
  /** Position of each row in the input array. */
  readonly index: Int32Array;
  /** Each row's id; `undefined` when no row has one. */
  readonly id: ReadonlyArray<string | undefined> | undefined;
  readonly at: Float64Array;
  /**
   * Each row's UTC hour number, `floor(at / 3,600,000)` (instants lie in the years 1–9999, so
   * it fits): an hour-wide slot table is read with it, without a division per row.
   */
  readonly hour: Int32Array;
  readonly quantity: Float64Array;
  /** Code of the row's (owner, team) pair: `comboOwner[code]`, `comboTeam[code]`. */
  readonly combo: Int32Array;
  /** Code of the row's type: `types[code]`. */
  readonly type: Int32Array;
  /**
   * Code of the row's (owner × team, type) pair, `combo × types.length + type`, for the count
   * cube; `undefined` from 2^31 pairs on (no cube is that large: `cubeFits`).
   */
  readonly pair: Int32Array | undefined;
  readonly comboOwner: readonly string[];
  readonly comboTeam: ReadonlyArray<string | undefined>;
  readonly types: readonly string[];
  /** The earliest instant of any activity (`+∞` without rows). */
  readonly firstMs: number;
  /** Σ quantity over all activities (a bound on every cell of a count). */
  readonly totalQuantity: number;
}

/**
 * Builds {@link ActivityColumns} row by row, sized for `capacity` rows (twice the room each
 * time it is full: rows read from an iterable come in unknown number): `add` each kept row in
 * order, then `done`. A local accumulator: never shared.
 */
export class ActivityColumnsBuilder {
  private count = 0;
  private index: Int32Array;
  private id: Array<string | undefined> | undefined = undefined;
  private at: Float64Array;
  private quantity: Float64Array;
  private combo: Int32Array;
  private readonly type: DictionaryBuilder;
  private readonly comboOwner: string[] = [];
  private readonly comboTeam: Array<string | undefined> = [];
  private readonly comboCodes = new Map<string, Map<string | undefined, number>>();
  private lastOwner: string | undefined = undefined;
  private lastTeam: string | undefined = undefined;
  private lastCombo = -1;

  /** Code per owner of rows without a team of their own (they take the roster's). */
  private readonly rosterCodes = new Map<string, number>();

  /** `roster`: each rep's team, taken by a row without a team of its own. */
  constructor(
    capacity: number,
    private readonly roster: ReadonlyMap<string, string> = new Map(),
  ) {
    this.index = new Int32Array(capacity);
    this.at = new Float64Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.combo = new Int32Array(capacity);
    this.type = new DictionaryBuilder(capacity);
  }

  /** The ids and input positions of the rows added so far (for the duplicate-id search). */
  get kept(): KeptColumns {
    return { id: this.id ?? [], index: this.index };
  }

  /** Adds a row; `team` is the row's own (without one, the owner's team in the roster). */
  add(index: number, id: string | undefined, owner: string, team: string | undefined, type: string, at: number, quantity: number): void {
    if (this.count === this.index.length) this.grow();
    const i = this.count++;
    this.index[i] = index;
    if (this.id !== undefined) {
      this.id.push(id);
    } else if (id !== undefined) {
      // The first row with an id: the rows before it had none (appended in order, so the array stays packed).
      this.id = [];
      for (let before = 0; before < i; before++) this.id.push(undefined);
      this.id.push(id);
    }
    this.at[i] = at;
    this.quantity[i] = quantity;
    // Exports come sorted by rep more often than not: reuse the previous row's code.
    if (this.lastCombo < 0 || owner !== this.lastOwner || team !== this.lastTeam) {
      let code: number | undefined;
      if (team === undefined) {
        // One lookup for the common row without a team: its owner's code.
        code = this.rosterCodes.get(owner);
        if (code === undefined) {
          code = this.comboCode(owner, this.roster.get(owner));
          this.rosterCodes.set(owner, code);
        }
      } else {
        code = this.comboCode(owner, team);
      }
      this.lastOwner = owner;
      this.lastTeam = team;
      this.lastCombo = code;
    }
    this.combo[i] = this.lastCombo;
    this.type.set(i, type);
  }

  private grow(): void {
    const capacity = Math.max(1024, this.index.length * 2);
    const wider = <T extends Int32Array | Float64Array>(column: T, make: new (length: number) => T): T => {
      const next = new make(capacity);
      next.set(column);
      return next;
    };
    this.index = wider(this.index, Int32Array);
    this.at = wider(this.at, Float64Array);
    this.quantity = wider(this.quantity, Float64Array);
    this.combo = wider(this.combo, Int32Array);
    this.type.grow(capacity);
  }

  private comboCode(owner: string, team: string | undefined): number {
    let teams = this.comboCodes.get(owner);
    if (teams === undefined) {
      teams = new Map();
      this.comboCodes.set(owner, teams);
    }
    let code = teams.get(team);
    if (code === undefined) {
      code = this.comboOwner.length;
      this.comboOwner.push(owner);
      this.comboTeam.push(team);
      teams.set(team, code);
    }
    return code;
  }

  /**
   * The columns of the rows added, less the rows at `drop` (positions among the added rows,
   * ascending): the later rows of duplicate ids. Codes are in order of first appearance among
   * the rows kept, and every code has a row.
   */
  done(drop: readonly number[] = []): ActivityColumns {
    if (drop.length > 0) return this.without(drop);
    const { index, at, quantity, combo } = this;
    const { codes: type, values: types } = this.type.done();
    const id = this.id;
    const length = this.count;
    let firstMs = Number.POSITIVE_INFINITY;
    let totalQuantity = 0;
    const typeCount = types.length;
    const pair = this.comboOwner.length * typeCount < 2 ** 31 ? new Int32Array(length) : undefined;
    const hour = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const ms = at[i] as number;
      if (ms < firstMs) firstMs = ms;
      hour[i] = Math.floor(ms / HOUR_MS);
      totalQuantity += quantity[i] as number;
    }
    if (pair !== undefined) for (let i = 0; i < length; i++) pair[i] = (combo[i] as number) * typeCount + (type[i] as number);
    // Trimmed to the rows added (a copy only when the capacity was not reached).
    const fit = <T extends Int32Array | Float64Array>(column: T): T => (length === column.length ? column : (column.slice(0, length) as T));
    return {
      length,
      index: fit(index),
      id,
      at: fit(at),
      hour,
      quantity: fit(quantity),
      combo: fit(combo),
      type: fit(type),
      pair,
      comboOwner: this.comboOwner,
      comboTeam: this.comboTeam,
      types,
      firstMs,
      totalQuantity,
    };
  }

  /** The rows kept, encoded again (rare: only when ids repeat), so no code is left without a row. */
  private without(drop: readonly number[]): ActivityColumns {
    const all = this.done();
    const kept = new ActivityColumnsBuilder(all.length - drop.length, this.roster);
    let next = 0;
    for (let i = 0; i < all.length; i++) {
      if (next < drop.length && drop[next] === i) {
        next++;
        continue;
      }
      const code = all.combo[i] as number;
      kept.add(all.index[i] as number, all.id?.[i], all.comboOwner[code] as string, all.comboTeam[code], all.types[all.type[i] as number] as string, all.at[i] as number, all.quantity[i] as number);
    }
    return kept.done();
  }
}

/** The rows of `columns` whose (owner, team) pair `keep` takes, as columns of their own (no row objects). */
export function activityColumnsWhere(columns: ActivityColumns, keep: (owner: string, team: string | undefined) => boolean): ActivityColumns {
  const kept = columns.comboOwner.map((owner, code) => keep(owner, columns.comboTeam[code]));
  let count = 0;
  for (let i = 0; i < columns.length; i++) if (kept[columns.combo[i] as number] === true) count++;
  const builder = new ActivityColumnsBuilder(count);
  for (let i = 0; i < columns.length; i++) {
    const code = columns.combo[i] as number;
    if (kept[code] !== true) continue;
    builder.add(columns.index[i] as number, columns.id?.[i], columns.comboOwner[code] as string, columns.comboTeam[code], columns.types[columns.type[i] as number] as string, columns.at[i] as number, columns.quantity[i] as number);
  }
  return builder.done();
}

const rowsOf = new WeakMap<ActivityColumns, readonly PreparedActivity[]>();

/** The activities of `columns` as row objects, in column order: made on first call, then remembered. */
export function activityRows(columns: ActivityColumns): readonly PreparedActivity[] {
  const known = rowsOf.get(columns);
  if (known !== undefined) return known;
  const { index, id, at, quantity, combo, type, comboOwner, comboTeam, types } = columns;
  const rows = new Array<PreparedActivity>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const code = combo[i] as number;
    rows[i] = {
      index: index[i] as number,
      id: id?.[i],
      owner: comboOwner[code] as string,
      team: comboTeam[code],
      type: types[type[i] as number] as string,
      at: at[i] as number,
      quantity: quantity[i] as number,
    };
  }
  rowsOf.set(columns, rows);
  return rows;
}
