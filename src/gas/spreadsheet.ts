/**
 * SpreadsheetApp behind the SpreadsheetGateway / SheetHandle interfaces. Every call here
 * costs tens of milliseconds of the seller's trigger time, so what cannot change during
 * one execution (the document's id and time zone, which sheet carries which tag, a
 * sheet's grid while we hold the lock) is asked once per gateway, i.e. once per execution.
 */
import { Cell, KeyValueStore, SheetHandle, SpreadsheetGateway, sheetHintProperty } from './types';
import { ZoneConverter } from './time-zone';
import { SeenBlock } from './seen-block';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GRID_SLACK_ROWS = 500;
/** A read served mostly by the kept block grows it by the rows it lacks, when those are few. */
const SEEN_GROW_MIN_CELLS = 4000;
const SEEN_GROW_MAX_CELLS = 100000;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function toCell(v: unknown, zone: ZoneConverter): Cell {
  if (v === '' || v === null || v === undefined) return null;
  if (v instanceof Date || (typeof v === 'object' && v !== null && typeof (v as Date).getTime === 'function')) {
    return zone.dateToSerial(v as Date);
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

class AppsScriptSheet implements SheetHandle {
  /** The largest block read in this execution, kept in step with our own writes (see SeenBlock). */
  private readonly seen = new SeenBlock();

  constructor(private readonly sheet: Sheet, private readonly zoneOf: () => ZoneConverter) {}

  name(): string {
    return this.sheet.getName();
  }
  lastRow(): number {
    return this.sheet.getLastRow();
  }
  lastColumn(): number {
    return this.sheet.getLastColumn();
  }
  maxRows(): number {
    return this.gridSize().rows;
  }
  maxColumns(): number {
    return this.gridSize().cols;
  }

  read(row: number, col: number, numRows: number, numCols: number): Cell[][] {
    if (numRows <= 0 || numCols <= 0) return [];
    this.growSeen(row, numRows, col, numCols);
    const seen = this.seen.serve(row, col, numRows, numCols);
    if (seen) {
      const above = seen.from > row ? this.readValues(row, col, seen.from - row, numCols) : [];
      const below = seen.to < row + numRows - 1 ? this.readValues(seen.to + 1, col, row + numRows - 1 - seen.to, numCols) : [];
      return above.concat(seen.values, below);
    }
    return this.readValues(row, col, numRows, numCols);
  }

  /**
   * Before a read the kept block answers only in part: the rows it lacks above and below
   * are read once across the block's columns (values and formulas) and added to it, so
   * the next columns read from these rows cost no call at all.
   */
  private growSeen(row: number, numRows: number, col: number, numCols: number): void {
    const b = this.seen.bounds();
    if (!b || col < b.col || col + numCols > b.col + b.width) return;
    const last = row + numRows - 1;
    const end = b.row + b.rows - 1;
    if (last < b.row || row > end || (Math.min(last, end) - Math.max(row, b.row) + 1) * numCols < SEEN_GROW_MIN_CELLS) return;
    const add = (from: number, to: number) => {
      if (to < from || (to - from + 1) * b.width > SEEN_GROW_MAX_CELLS) return;
      const range = this.sheet.getRange(from, b.col, to - from + 1, b.width);
      this.seen.extend(from, this.cells(range.getValues()), range.getFormulas());
    };
    add(row, b.row - 1);
    add(end + 1, last);
  }

  private readValues(row: number, col: number, numRows: number, numCols: number): Cell[][] {
    return this.cells(this.sheet.getRange(row, col, numRows, numCols).getValues());
  }

  readBlock(row: number, col: number, numRows: number, numCols: number): { values: Cell[][]; formulas: string[][] } {
    const range = this.sheet.getRange(row, col, numRows, numCols);
    const values = this.cells(range.getValues());
    const formulas = range.getFormulas();
    this.seen.keep(row, col, values, formulas);
    return { values, formulas };
  }

  /** Converts read values; the time zone is asked only when a date is among them. */
  private cells(values: unknown[][]): Cell[][] {
    let zone: ZoneConverter | null = null;
    const dates = { dateToSerial: (d: Date) => (zone || (zone = this.zoneOf())).dateToSerial(d) } as ZoneConverter;
    return values.map((line) => line.map((v) => toCell(v, dates)));
  }

  /** The whole first row in two calls; its width tells the grid's column count for free. */
  readHeader(): Cell[] {
    const line = this.sheet.getRange('1:1').getValues()[0] || [];
    const grid = this.grid || { rows: -1, cols: line.length };
    grid.cols = line.length;
    this.grid = grid;
    const cells = this.cells([line])[0];
    let width = cells.length;
    while (width > 0 && cells[width - 1] === null) width--;
    return cells.slice(0, width);
  }

  /** Grid size, read once per execution (-1: not asked yet): the add-on is the only writer while it holds the lock. */
  private grid: { rows: number; cols: number } | null = null;

  private gridSize(): { rows: number; cols: number } {
    if (!this.grid) this.grid = { rows: -1, cols: -1 };
    if (this.grid.rows < 0) this.grid.rows = this.sheet.getMaxRows();
    if (this.grid.cols < 0) this.grid.cols = this.sheet.getMaxColumns();
    return this.grid;
  }

  /**
   * Whether a block fits the grid as far as this execution knows without asking:
   * a write inside the known grid needs no getMaxRows call.
   */
  private knownToFit(lastRow: number, lastCol: number): boolean {
    return !!this.grid && lastRow <= this.grid.rows && lastCol <= this.grid.cols;
  }

  private ensureGrid(lastRow: number, lastCol: number, beforeGrow?: (extraRows: number, gridColumns: number) => void): void {
    if (this.knownToFit(lastRow, lastCol)) return;
    const grid = this.gridSize();
    if (lastRow > grid.rows) {
      if (beforeGrow) beforeGrow(lastRow - grid.rows, Math.max(grid.cols, lastCol));
      // A little slack, so hourly appends of a few rows do not each insert rows.
      const add = lastRow - grid.rows + GRID_SLACK_ROWS;
      this.sheet.insertRowsAfter(grid.rows, add);
      grid.rows += add;
    }
    if (lastCol > grid.cols) {
      this.sheet.insertColumnsAfter(grid.cols, lastCol - grid.cols);
      grid.cols = lastCol;
    }
  }

  /**
   * When the grid's height is not known yet, the write is tried as it is (asking the
   * grid first would cost a call on every append): a block past the grid is refused by
   * getRange before anything is written, and only then is the grid asked and grown.
   */
  write(row: number, col: number, values: Cell[][], formats: string[][] | null, beforeGrow?: (extraRows: number, gridColumns: number) => void): void {
    if (!values.length || !values[0].length) return;
    const lastRow = row + values.length - 1;
    const lastCol = col + values[0].length - 1;
    let range: GoogleAppsScript.Spreadsheet.Range | null = null;
    if (!this.knownToFit(lastRow, lastCol) && (!this.grid || this.grid.rows < 0)) {
      try {
        range = this.sheet.getRange(row, col, values.length, values[0].length);
      } catch (e) {
        if (!/outside the dimensions/i.test(String((e as Error).message))) throw e;
        range = null;
      }
    }
    if (!range) {
      this.ensureGrid(lastRow, lastCol, beforeGrow);
      range = this.sheet.getRange(row, col, values.length, values[0].length);
    }
    if (formats) range.setNumberFormats(formats);
    range.setValues(values.map((line) => line.map((v) => (v === null ? '' : v))));
    this.seen.wrote(row, col, values, formats);
  }

  formatColumns(row: number, col: number, numRows: number, formats: string[]): void {
    if (numRows <= 0 || !formats.length) return;
    this.ensureGrid(row + numRows - 1, col + formats.length - 1);
    const grid: string[][] = [];
    for (let i = 0; i < numRows; i++) grid.push(formats);
    this.sheet.getRange(row, col, numRows, formats.length).setNumberFormats(grid);
  }

  deleteRows(row: number, count: number): void {
    if (count <= 0) return;
    this.seen.forget();
    this.sheet.deleteRows(row, count);
    if (this.grid && this.grid.rows >= 0) this.grid.rows -= count;
  }

  styleHeader(numCols: number): void {
    this.sheet.getRange(1, 1, 1, numCols).setFontWeight('bold');
  }

  freezeRows(count: number): void {
    this.sheet.setFrozenRows(count);
  }
}

export class AppsScriptSpreadsheet implements SpreadsheetGateway {
  private zone: ZoneConverter | null = null;
  private docId: string | null = null;
  private zoneName: string | null = null;
  /** Tagged sheets found in this execution, by key + value (null: known to be absent). */
  private tagged = new Map<string, AppsScriptSheet | null>();
  private readonly zoneOf = () => this.zoneConverter();

  /**
   * `hints`: the document's properties, where the id of each tagged sheet is kept. A
   * sheet's id never changes and is never reused in the document, so the sheet with
   * that id is the tagged one (one call); when it is gone the tags are searched again.
   */
  constructor(private readonly ss: Spreadsheet, private readonly hints: KeyValueStore | null = null) {}

  static active(hints: KeyValueStore | null = null): AppsScriptSpreadsheet {
    return new AppsScriptSpreadsheet(SpreadsheetApp.getActiveSpreadsheet(), hints);
  }

  id(): string {
    if (this.docId === null) this.docId = this.ss.getId();
    return this.docId;
  }

  timeZone(): string {
    if (this.zoneName === null) this.zoneName = this.ss.getSpreadsheetTimeZone();
    return this.zoneName;
  }

  zoneConverter(): ZoneConverter {
    if (!this.zone) this.zone = new ZoneConverter(this.timeZone());
    return this.zone;
  }

  findSheetByTag(key: string, value: string): SheetHandle | null {
    const id = key + '\u0001' + value;
    if (this.tagged.has(id)) return this.tagged.get(id) as AppsScriptSheet | null;
    const found = this.byHint(key, value) || this.searchTag(key, value);
    this.tagged.set(id, found);
    return found;
  }

  private byHint(key: string, value: string): AppsScriptSheet | null {
    const raw = this.hints ? this.hints.get(sheetHintProperty(key, value)) : null;
    if (!raw || !/^\d+$/.test(raw)) return null;
    const sheet = this.ss.getSheetById(Number(raw));
    return sheet ? new AppsScriptSheet(sheet, this.zoneOf) : null;
  }

  private searchTag(key: string, value: string): AppsScriptSheet | null {
    for (const sheet of this.ss.getSheets()) {
      for (const meta of sheet.getDeveloperMetadata()) {
        if (meta.getKey() === key && meta.getValue() === value) return this.remember(key, value, sheet);
      }
    }
    if (this.hints) this.hints.remove(sheetHintProperty(key, value));
    return null;
  }

  private remember(key: string, value: string, sheet: Sheet): AppsScriptSheet {
    const handle = new AppsScriptSheet(sheet, this.zoneOf);
    if (this.hints) this.hints.set(sheetHintProperty(key, value), String(sheet.getSheetId()));
    this.tagged.set(key + '\u0001' + value, handle);
    return handle;
  }

  sheetExists(name: string): boolean {
    return this.ss.getSheetByName(name) !== null;
  }

  adoptEmptySheet(name: string, tagKey: string, tagValue: string): SheetHandle | null {
    const sheet = this.ss.getSheetByName(name);
    if (!sheet || sheet.getLastRow() > 0 || sheet.getLastColumn() > 0) return null;
    if (sheet.getDeveloperMetadata().some((m) => m.getKey() === tagKey)) return null;
    sheet.addDeveloperMetadata(tagKey, tagValue);
    return this.remember(tagKey, tagValue, sheet);
  }

  createSheet(name: string, tagKey: string, tagValue: string): SheetHandle {
    const sheet = this.ss.insertSheet(name, this.ss.getSheets().length);
    sheet.addDeveloperMetadata(tagKey, tagValue);
    return this.remember(tagKey, tagValue, sheet);
  }

  totalCells(): number {
    let total = 0;
    for (const sheet of this.ss.getSheets()) total += sheet.getMaxRows() * sheet.getMaxColumns();
    return total;
  }

  flush(): void {
    SpreadsheetApp.flush();
  }

  toast(message: string, title: string): void {
    this.ss.toast(message, title, 8);
  }
}
