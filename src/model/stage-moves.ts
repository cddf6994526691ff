// Internal: the stage moves of all prepared deals in two columns (instants and stage
// positions), one run of moves per deal, sorted in `compareStageMoves` order. Preparation
// writes each history straight into them: 2.3 million moves are two typed arrays, not 2.3
// million objects the garbage collector keeps copying. A deal's `history` (objects) is made
// from its run on first read; passes over past states read the columns (`dealHistory`).
import type { PreparedStage, PreparedStageMove } from "./prepared.js";
import { compareMoveParts } from "./stage-move-order.js";

/** Longest run sorted by insertion; longer ones are sorted through an index array. */
const INSERTION_SORT_MAX = 16;

/** The moves of many deals, appended run by run. A local accumulator of preparation; read-only once it is done. */
export class StageMoveColumns {
  at: Float64Array;
  /** The stage of each move: its position in `stages`. */
  stage: Int32Array;
  length = 0;

  /** `capacity`: the most moves that will be added (the sum of the input histories' lengths). */
  constructor(
    readonly stages: readonly PreparedStage[],
    capacity: number,
  ) {
    this.at = new Float64Array(capacity);
    this.stage = new Int32Array(capacity);
  }

  push(at: number, stage: number): void {
    const i = this.length++;
    if (i === this.at.length) this.grow();
    this.at[i] = at;
    this.stage[i] = stage;
  }

  /** Room for more moves than the capacity said (it is an upper bound read from the input, which could change under us). */
  private grow(): void {
    const at = new Float64Array(Math.max(16, 2 * this.at.length));
    const stage = new Int32Array(at.length);
    at.set(this.at);
    stage.set(this.stage);
    this.at = at;
    this.stage = stage;
  }

  /** Forgets the moves from `length` on (a deal rejected after some of its moves were added). */
  truncate(length: number): void {
    this.length = length;
  }

  /** Sorts the run `[from, to)` into `compareStageMoves` order, stably (equal moves keep their order). */
  sortRun(from: number, to: number): void {
    const { at, stage, stages } = this;
    // Most exports list a history in order already: one look at each neighbour pair (no closure: this runs once per deal).
    let sorted = true;
    for (let i = from + 1; i < to; i++) {
      if (compareMoveParts(at[i - 1] as number, stages[stage[i - 1] as number] as PreparedStage, at[i] as number, stages[stage[i] as number] as PreparedStage) > 0) {
        sorted = false;
        break;
      }
    }
    if (sorted) return;
    if (to - from <= INSERTION_SORT_MAX) {
      for (let i = from + 1; i < to; i++) {
        const moveAt = at[i] as number;
        const moveStage = stage[i] as number;
        const stageOfMove = stages[moveStage] as PreparedStage;
        let j = i - 1;
        while (j >= from && compareMoveParts(at[j] as number, stages[stage[j] as number] as PreparedStage, moveAt, stageOfMove) > 0) {
          at[j + 1] = at[j] as number;
          stage[j + 1] = stage[j] as number;
          j--;
        }
        at[j + 1] = moveAt;
        stage[j + 1] = moveStage;
      }
      return;
    }
    // Array.prototype.sort is stable.
    const order = Array.from({ length: to - from }, (_, k) => from + k).sort(
      (i, j) => compareMoveParts(at[i] as number, stages[stage[i] as number] as PreparedStage, at[j] as number, stages[stage[j] as number] as PreparedStage),
    );
    const sortedAt = order.map((i) => at[i] as number);
    const sortedStage = order.map((i) => stage[i] as number);
    at.set(sortedAt, from);
    stage.set(sortedStage, from);
  }

  /** The move at `i` as an object. */
  move(i: number): PreparedStageMove {
    return { stage: this.stages[this.stage[i] as number] as PreparedStage, at: this.at[i] as number };
  }

  /** The moves of the run `[from, to)` as objects. */
  moves(from: number, to: number): PreparedStageMove[] {
    const out = new Array<PreparedStageMove>(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.move(i);
    return out;
  }
}
