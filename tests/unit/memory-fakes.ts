/** Small in-memory implementations of the gas/ interfaces, for unit tests of store and sync. */
import { Cell, Clock, KeyValueStore, Lock, SheetHandle, SpreadsheetGateway } from '../../src/gas/types';

export class MemorySheet implements SheetHandle {
  cells: Cell[][] = [];
  formats: string[][] = [];
  writes: { row: number; col: number; rows: number; cols: number }[] = [];
  frozen = 0;
  constructor(public title: string) {}
  name() { return this.title; }
  lastRow() {
    for (let r = this.cells.length; r > 0; r--) if ((this.cells[r - 1] || []).some((v) => v !== null && v !== '')) return r;
    return 0;
  }
  lastColumn() {
    // A loop, not Math.max(...rows): a spread of 100,000+ rows overflows the call stack.
    let n = 0;
    for (const r of this.cells) if (r.length > n) n = r.length;
    return n;
  }
  maxRows() { return Math.max(1000, this.cells.length); }
  maxColumns() { return Math.max(26, this.lastColumn()); }
  /** Formulas: a cell holding a string that starts with '=' stands for one. */
  readBlock(row: number, col: number, numRows: number, numCols: number) {
    const values = this.read(row, col, numRows, numCols);
    return { values, formulas: values.map((line) => line.map((v) => (typeof v === 'string' && v.startsWith('=') ? v : ''))) };
  }
  readHeader(): Cell[] {
    const line = this.read(1, 1, 1, this.lastColumn())[0] || [];
    while (line.length && line[line.length - 1] === null) line.pop();
    return line;
  }
  read(row: number, col: number, numRows: number, numCols: number): Cell[][] {
    const out: Cell[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: Cell[] = [];
      for (let c = 0; c < numCols; c++) {
        const v = (this.cells[row - 1 + r] || [])[col - 1 + c];
        line.push(v === undefined ? null : v);
      }
      out.push(line);
    }
    return out;
  }
  write(row: number, col: number, values: Cell[][], formats: string[][] | null, beforeGrow?: (extraRows: number, cols: number) => void): void {
    const extra = row + values.length - 1 - this.maxRows();
    if (extra > 0 && beforeGrow) beforeGrow(extra, this.maxColumns());
    this.writes.push({ row, col, rows: values.length, cols: values[0].length });
    values.forEach((line, r) => {
      const target = (this.cells[row - 1 + r] = this.cells[row - 1 + r] || []);
      const f = (this.formats[row - 1 + r] = this.formats[row - 1 + r] || []);
      line.forEach((v, c) => {
        while (target.length < col - 1 + c) target.push(null);
        target[col - 1 + c] = v;
        if (formats) f[col - 1 + c] = formats[r][c];
      });
    });
  }
  formatColumns() {}
  styleHeader() {}
  deleteRows(row: number, count: number) { this.cells.splice(row - 1, count); this.formats.splice(row - 1, count); }
  freezeRows(n: number) { this.frozen = n; }
}

export class MemoryBook implements SpreadsheetGateway {
  sheets: { sheet: MemorySheet; tag: string }[] = [];
  id() { return 'doc'; }
  timeZone() { return 'Europe/Moscow'; }
  findSheetByTag(_k: string, v: string) { const f = this.sheets.find((s) => s.tag === v); return f ? f.sheet : null; }
  sheetExists(name: string) { return this.sheets.some((s) => s.sheet.title === name); }
  adoptEmptySheet(name: string, _key: string, value: string) {
    const f = this.sheets.find((s) => s.sheet.title === name && s.tag === '' && s.sheet.lastRow() === 0);
    if (!f) return null;
    f.tag = value;
    return f.sheet;
  }
  createSheet(name: string, _key: string, value: string) { const sheet = new MemorySheet(name); this.sheets.push({ sheet, tag: value }); return sheet; }
  cellLimitUsed = 0;
  totalCells() { return this.cellLimitUsed + this.sheets.reduce((n, s) => n + s.sheet.maxRows() * s.sheet.maxColumns(), 0); }
  flush() {}
  toast() {}
}

export class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  get(k: string) { return this.data.has(k) ? (this.data.get(k) as string) : null; }
  set(k: string, v: string) { this.data.set(k, v); }
  remove(k: string) { this.data.delete(k); }
  keys() { return Array.from(this.data.keys()); }
}

export class FakeClock implements Clock {
  constructor(public t: number) {}
  now() { return this.t; }
  sleep(ms: number) { this.t += ms; }
}

export const freeLock: Lock = { tryLock: () => true, release: () => undefined };
