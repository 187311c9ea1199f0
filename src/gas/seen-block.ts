/**
 * The largest block of a sheet read in this execution, kept in step with the writes the
 * add-on makes through the same handle, so a later read of the same rows (the daily
 * table reading the rows a refresh just rewrote) is answered without another
 * getValues over the whole sheet. Only blocks without formulas are kept: a formula's
 * value can change when other cells do, plain values only when written.
 *
 * A write the cache cannot mirror exactly (text into cells not formatted as plain text,
 * which Sheets may parse into a number or a date) forgets the block; so does deleting
 * rows (rows shift). The add-on holds the document lock while it reads and writes, so
 * its own writes are the only ones that matter within one execution.
 */
import type { Cell } from './types';

/** Smallest block worth keeping, and the fewest cells a served read must save (its parts above and below may cost two reads). */
const MIN_KEEP_CELLS = 1000;
const MIN_SERVE_CELLS = 4000;

interface Block {
  row: number;
  col: number;
  values: Cell[][];
  width: number;
}

export class SeenBlock {
  private block: Block | null = null;

  keep(row: number, col: number, values: Cell[][], formulas?: string[][]): void {
    const width = values.length ? values[0].length : 0;
    if (values.length * width < MIN_KEEP_CELLS) return;
    if (!formulas || formulas.some((line) => line.some((f) => f !== ''))) return;
    if (this.block && this.block.values.length * this.block.width > values.length * width) return;
    this.block = { row, col, width, values: values.map((line) => line.slice()) };
  }

  /**
   * The kept rows of a requested block (copies), when the block's columns lie within the
   * kept ones and enough of its rows are kept; the caller reads the rest above and below.
   */
  serve(row: number, col: number, numRows: number, numCols: number): { from: number; to: number; values: Cell[][] } | null {
    const b = this.block;
    if (!b || col < b.col || col + numCols > b.col + b.width) return null;
    const from = Math.max(row, b.row);
    const to = Math.min(row + numRows - 1, b.row + b.values.length - 1);
    if (to < from || (to - from + 1) * numCols < MIN_SERVE_CELLS) return null;
    const values: Cell[][] = [];
    for (let r = from; r <= to; r++) values.push(b.values[r - b.row].slice(col - b.col, col - b.col + numCols));
    return { from, to, values };
  }

  /** Mirrors a write (values as written; null is an empty cell). */
  wrote(row: number, col: number, values: Cell[][], formats: string[][] | null): void {
    const b = this.block;
    if (!b) return;
    const width = values.length ? values[0].length : 0;
    // Rows appended right below the block, across all its columns: the block grows.
    if (row === b.row + b.values.length && col === b.col && width === b.width) {
      for (let i = 0; i < values.length; i++) b.values.push(new Array<Cell>(width).fill(null));
    }
    if (row > b.row + b.values.length - 1 || row + values.length - 1 < b.row || col > b.col + b.width - 1 || col + width - 1 < b.col) return;
    for (let i = 0; i < values.length; i++) {
      const r = row + i - b.row;
      if (r < 0 || r >= b.values.length) continue;
      for (let k = 0; k < width; k++) {
        const c = col + k - b.col;
        if (c < 0 || c >= b.width) continue;
        const v = values[i][k];
        if (typeof v === 'string' && v !== '' && (!formats || formats[i][k] !== '@')) {
          this.block = null;
          return;
        }
        b.values[r][c] = v === '' ? null : v;
      }
    }
  }

  /** The kept block's place, or null. */
  bounds(): { row: number; col: number; rows: number; width: number } | null {
    const b = this.block;
    return b ? { row: b.row, col: b.col, rows: b.values.length, width: b.width } : null;
  }

  /** Adds rows read right above or below the block, across its columns, when they hold no formula. */
  extend(row: number, values: Cell[][], formulas: string[][]): boolean {
    const b = this.block;
    if (!b || !values.length || values[0].length !== b.width || formulas.some((line) => line.some((f) => f !== ''))) return false;
    const copy = values.map((line) => line.slice());
    if (row + values.length === b.row) {
      b.values = copy.concat(b.values);
      b.row = row;
      return true;
    }
    if (row === b.row + b.values.length) {
      b.values = b.values.concat(copy);
      return true;
    }
    return false;
  }

  forget(): void {
    this.block = null;
  }
}
