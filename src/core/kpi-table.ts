/** One cell of a {@link KpiTable}: text (decimals in full, unrounded), a count, or `null` for no data. */
export type KpiTableCell = string | number | null;

/**
 * A result in table form, for renderers (Markdown, terminal, HTML): column headings and rows
 * of cells in the result's own order. Decimals are full-precision strings (renderers round);
 * `null` is "no data" (or an immature cell), never 0.
 */
export interface KpiTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly KpiTableCell[])[];
}
