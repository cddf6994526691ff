// Internal: a prepared deal as preparation makes it. Its stage history is a run in the
// preparation's move columns; `history` (objects) is made from that run on first read and
// kept. Passes over many deals read the columns instead (`dealHistory`), so most work never
// makes a move object.
import type { KpiDecimal } from "../core/decimal.js";
import { scaledToDecimal } from "../core/exact-sum.js";
import type { PreparedAmountChange, PreparedDeal, PreparedExpectedCloseChange, PreparedStage, PreparedStageMove } from "./prepared.js";
import type { StageMoveColumns } from "./stage-moves.js";

/**
 * The fields of a prepared deal other than its history; `amount` only when it has no scaled
 * form (`amountUnits` undefined): else it is made from the units on first read.
 */
export type DealFields = Omit<PreparedDeal, "history">;

const NO_MOVES: readonly PreparedStageMove[] = Object.freeze([]);

/**
 * A prepared deal whose history is the run `[from, to)` of `moves`. Preparation makes every
 * prepared deal one (`PreparedData.deals`), so inner code reads `historyLength`, `lastMoveAt`
 * and `hasAmount` without making moves or Decimals.
 */
export class DealRow implements PreparedDeal {
  readonly index: number;
  readonly id: string;
  readonly owner: string;
  readonly team: string | undefined;
  readonly account: string | undefined;
  readonly product: string | undefined;
  readonly source: string | undefined;
  readonly currency: string | undefined;
  readonly amountUnits: number | undefined;
  readonly amountScale: number;
  readonly probability: KpiDecimal | undefined;
  readonly probabilityUnits: number | undefined;
  readonly probabilityScale: number;
  readonly stage: PreparedStage;
  readonly createdAt: number;
  readonly closedAt: number | undefined;
  readonly expectedCloseAt: number | undefined;
  readonly currentSince: number;
  readonly amountHistory: readonly PreparedAmountChange[] | undefined;
  readonly expectedCloseHistory: readonly PreparedExpectedCloseChange[] | undefined;
  // Private: not own enumerable properties, so a deal reads (and compares, and prints) as its fields.
  readonly #moves: StageMoveColumns;
  readonly #from: number;
  readonly #to: number;
  #history: readonly PreparedStageMove[] | undefined = undefined;
  #amount: KpiDecimal | undefined;

  constructor(fields: DealFields, moves: StageMoveColumns, from: number, to: number) {
    this.index = fields.index;
    this.id = fields.id;
    this.owner = fields.owner;
    this.team = fields.team;
    this.account = fields.account;
    this.product = fields.product;
    this.source = fields.source;
    this.currency = fields.currency;
    this.#amount = fields.amount;
    this.amountUnits = fields.amountUnits;
    this.amountScale = fields.amountScale;
    this.probability = fields.probability;
    this.probabilityUnits = fields.probabilityUnits;
    this.probabilityScale = fields.probabilityScale;
    this.stage = fields.stage;
    this.createdAt = fields.createdAt;
    this.closedAt = fields.closedAt;
    this.expectedCloseAt = fields.expectedCloseAt;
    this.currentSince = fields.currentSince;
    this.amountHistory = fields.amountHistory;
    this.expectedCloseHistory = fields.expectedCloseHistory;
    this.#moves = moves;
    this.#from = from;
    this.#to = to;
  }

  /**
   * The amount as a Decimal: made from `amountUnits` on first read (a hundred thousand
   * Decimals are not made in preparation for passes that sum the units).
   */
  get amount(): KpiDecimal | undefined {
    if (this.#amount === undefined && this.amountUnits !== undefined) this.#amount = scaledToDecimal(this.amountUnits, this.amountScale);
    return this.#amount;
  }

  /** Whether the deal has an amount (without making its Decimal). */
  get hasAmount(): boolean {
    return this.amountUnits !== undefined || this.#amount !== undefined;
  }

  /** Moves into stages, sorted by instant (`compareStageMoves`): made from the columns on first read. */
  get history(): readonly PreparedStageMove[] {
    if (this.#history === undefined) this.#history = this.#to === this.#from ? NO_MOVES : this.#moves.moves(this.#from, this.#to);
    return this.#history;
  }

  /**
   * The deal as JSON shows it: its fields with `amount` and `history` (read through their
   * getters, which a spread or `Object.keys` does not see), as a prepared deal was before they
   * became lazy.
   */
  toJSON(): DealFields & { readonly history: readonly PreparedStageMove[] } {
    return { ...this, amount: this.amount, history: this.history };
  }

  /** The number of moves in the history (without making them). */
  get historyLength(): number {
    return this.#to - this.#from;
  }

  /** The instant of the last move (NaN without one), read from the columns. */
  get lastMoveAt(): number {
    return this.#to === this.#from ? Number.NaN : (this.#moves.at[this.#to - 1] as number);
  }

  /** The stage of the last move (`undefined` without one), read from the columns. */
  get lastMoveStage(): PreparedStage | undefined {
    return this.#to === this.#from ? undefined : this.#moves.stages[this.#moves.stage[this.#to - 1] as number];
  }

  /** The move columns the history is a run of. */
  get historyColumns(): StageMoveColumns {
    return this.#moves;
  }

  /** Where the run starts in the move columns. */
  get historyFrom(): number {
    return this.#from;
  }
}
