/** SpreadsheetApp behind the SpreadsheetGateway / SheetHandle interfaces. */
import { Cell, SheetHandle, SpreadsheetGateway } from './types';
import { ZoneConverter } from './time-zone';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GRID_SLACK_ROWS = 500;
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
  constructor(private readonly sheet: Sheet, private readonly zone: ZoneConverter) {}

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
    const values = this.sheet.getRange(row, col, numRows, numCols).getValues();
    return values.map((line) => line.map((v) => toCell(v, this.zone)));
  }

  /** Grid size, read once per execution: the add-on is the only writer while it holds the lock. */
  private grid: { rows: number; cols: number } | null = null;

  private gridSize(): { rows: number; cols: number } {
    if (!this.grid) this.grid = { rows: this.sheet.getMaxRows(), cols: this.sheet.getMaxColumns() };
    return this.grid;
  }

  private ensureGrid(lastRow: number, lastCol: number): void {
    const grid = this.gridSize();
    if (lastRow > grid.rows) {
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

  write(row: number, col: number, values: Cell[][], formats: string[][]): void {
    if (!values.length || !values[0].length) return;
    this.ensureGrid(row + values.length - 1, col + values[0].length - 1);
    const range = this.sheet.getRange(row, col, values.length, values[0].length);
    range.setNumberFormats(formats);
    range.setValues(values.map((line) => line.map((v) => (v === null ? '' : v))));
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
    this.sheet.deleteRows(row, count);
    if (this.grid) this.grid.rows -= count;
  }

  styleHeader(numCols: number): void {
    this.sheet.getRange(1, 1, 1, numCols).setFontWeight('bold');
  }

  freezeRows(count: number): void {
    this.sheet.setFrozenRows(count);
  }
}

export class AppsScriptSpreadsheet implements SpreadsheetGateway {
  private readonly zone: ZoneConverter;

  constructor(private readonly ss: Spreadsheet) {
    this.zone = new ZoneConverter(ss.getSpreadsheetTimeZone());
  }

  static active(): AppsScriptSpreadsheet {
    return new AppsScriptSpreadsheet(SpreadsheetApp.getActiveSpreadsheet());
  }

  id(): string {
    return this.ss.getId();
  }

  timeZone(): string {
    return this.ss.getSpreadsheetTimeZone();
  }

  zoneConverter(): ZoneConverter {
    return this.zone;
  }

  findSheetByTag(key: string, value: string): SheetHandle | null {
    for (const sheet of this.ss.getSheets()) {
      for (const meta of sheet.getDeveloperMetadata()) {
        if (meta.getKey() === key && meta.getValue() === value) return new AppsScriptSheet(sheet, this.zone);
      }
    }
    return null;
  }

  sheetExists(name: string): boolean {
    return this.ss.getSheetByName(name) !== null;
  }

  adoptEmptySheet(name: string, tagKey: string, tagValue: string): SheetHandle | null {
    const sheet = this.ss.getSheetByName(name);
    if (!sheet || sheet.getLastRow() > 0 || sheet.getLastColumn() > 0) return null;
    if (sheet.getDeveloperMetadata().some((m) => m.getKey() === tagKey)) return null;
    sheet.addDeveloperMetadata(tagKey, tagValue);
    return new AppsScriptSheet(sheet, this.zone);
  }

  createSheet(name: string, tagKey: string, tagValue: string): SheetHandle {
    const sheet = this.ss.insertSheet(name, this.ss.getSheets().length);
    sheet.addDeveloperMetadata(tagKey, tagValue);
    return new AppsScriptSheet(sheet, this.zone);
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
