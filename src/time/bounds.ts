/**
 * A half-open span of time `[start, end)`: ISO 8601 date-times with the calendar's offset and
 * the same instants as epoch ms. The one bounds type of every result (periods, windows,
 * series, pace).
 */
export interface KpiBounds {
  readonly start: string;
  readonly end: string;
  readonly startMs: number;
  readonly endMs: number;
}
