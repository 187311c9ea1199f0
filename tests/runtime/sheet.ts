/** SpreadsheetApp Sheet (and its Filter). */
import { parseA1 } from './a1';
import { Ctx, signatureError, Svc } from './context';
import { clearCell, cloneRow, copyCell, inheritRow, readValue, Row, rowArrays, rowLastContent, storedValue, Stored, writeInput } from './grid';
import { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, metadataArgs } from './metadata';
import { FakeRange } from './range';
import { FakeRangeList } from './range-list';
import { FakeTextFinder } from './text-finder';
import type { FakeSpreadsheet } from './spreadsheet';
import { RealDate } from './clock';
import { ChartRecord, FakeEmbeddedChart, FakeEmbeddedChartBuilder, findChartRecord, insertChartRecord, newChartState, chartCells, cloneChartState } from './charts';
import { CfState, FakeConditionalFormatRule, cloneCfState, rulesToStore } from './conditional';
import { DvBlock, DvState } from './validation';
import { Dim, refInside, refsIntersect, shiftAnchorDelete, shiftAnchorInsert, shiftDelete, shiftInsert } from './gridref';

export const MAX_COLUMNS = 18278;

function isNum(x: unknown): x is number {
  return typeof x === 'number' && !isNaN(x);
}

/** Inserts `n` slots at `at` in a (possibly sparse) array, filled by `make`. */
function spliceInsert<T>(arr: T[], at: number, n: number, make: () => T | undefined): void {
  const len = arr.length;
  if (at < len) {
    arr.length = len + n;
    arr.copyWithin(at + n, at, len);
    for (let i = 0; i < n; i++) delete arr[at + i];
  }
  for (let i = 0; i < n; i++) {
    const v = make();
    if (v !== undefined) arr[at + i] = v;
  }
}

export interface SortSpec {
  column: number;
  ascending: boolean;
}

function rank(v: Stored): number {
  if (v === '') return 3;
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

export class FakeSheet extends Svc {
  _rows: (Row | undefined)[] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _hidden = false;
  _deleted = false;
  _colWidths = new Map<number, number>();
  _rowHeights = new Map<number, number>();
  _filter: FakeFilter | null = null;
  _tabColor: string | null = null;
  /** embedded charts, in insertion order */
  _charts: ChartRecord[] = [];
  /** conditional format rules, in priority order */
  _cfRules: CfState[] = [];
  /** merged blocks */
  _merges: { r: number; c: number; nr: number; nc: number }[] = [];
  /** data validation blocks (the last one set on a cell wins; a null rule clears) */
  _validations: DvBlock[] = [];
  private _lastRowCache = -1;
  private _lastColCache = -1;

  constructor(
    ctx: Ctx,
    readonly _ss: FakeSpreadsheet,
    readonly _id: number,
    public _name: string,
    public _maxRows = 1000,
    public _maxCols = 26,
  ) {
    super(ctx, 'spreadsheet', 'Sheet');
  }

  // ------------------------------------------------------------ internals
  _row(r: number, create: boolean): Row | undefined {
    let row = this._rows[r - 1];
    if (!row && create) this._rows[r - 1] = row = { v: [] };
    return row;
  }
  _dirty(): void {
    this._lastRowCache = -1;
    this._lastColCache = -1;
  }
  _range(row: number, col: number, numRows = 1, numCols = 1, opts?: { openRows?: boolean; openCols?: boolean }): FakeRange {
    const args = [row, col, numRows, numCols];
    if (!args.every(isNum)) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.getRange', args);
    row = Math.trunc(row);
    col = Math.trunc(col);
    numRows = Math.trunc(numRows);
    numCols = Math.trunc(numCols);
    if (row < 1) throw this._ctx.error('The starting row of the range is too small.');
    if (col < 1) throw this._ctx.error('The starting column of the range is too small.');
    if (numRows < 1) throw this._ctx.error('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw this._ctx.error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this._maxRows || col + numCols - 1 > this._maxCols) {
      throw this._ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this._ctx, this, row, col, numRows, numCols, !!opts?.openRows, !!opts?.openCols);
  }
  _resolveA1(a1: string): FakeRange {
    const ref = parseA1(a1);
    if (!ref) throw this._ctx.error('Range not found');
    const r1 = ref.r1 ?? 1;
    const c1 = ref.c1 ?? 1;
    const r2 = ref.r2 ?? this._maxRows;
    const c2 = ref.c2 ?? this._maxCols;
    const top = Math.min(r1, r2);
    const left = Math.min(c1, c2);
    if (Math.max(r1, r2) > this._maxRows || Math.max(c1, c2) > this._maxCols) {
      throw this._ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this._range(top, left, Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1, {
      openRows: ref.r2 === undefined || ref.r1 === undefined,
      openCols: ref.c1 === undefined && ref.c2 === undefined,
    });
  }
  _sortBlock(r: number, c: number, nr: number, nc: number, specs: SortSpec[]): void {
    const collator = new Intl.Collator(this._ss._locale.replace('_', '-'), { sensitivity: 'base', numeric: false });
    const cmp = (a: Stored, b: Stored, asc: boolean) => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb) return ra === 3 || rb === 3 ? ra - rb : asc ? ra - rb : rb - ra;
      if (ra === 3) return 0;
      let d: number;
      if (typeof a === 'string') d = collator.compare(a, b as string);
      else d = (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
      return asc ? d : -d;
    };
    const rows = this._rows;
    const idx = Array.from({ length: nr }, (_, i) => r - 1 + i);
    const key = (ri: number, col: number) => storedValue(rows[ri], col - 1);
    idx.sort((x, y) => {
      for (const s of specs) {
        const d = cmp(key(x, s.column), key(y, s.column), s.ascending);
        if (d !== 0) return d;
      }
      return x - y;
    });
    if (c === 1 && nc >= this._maxCols) {
      const moved = idx.map((i) => rows[i]);
      for (let i = 0; i < nr; i++) {
        if (moved[i]) rows[r - 1 + i] = moved[i];
        else delete rows[r - 1 + i];
      }
    } else {
      const snap = idx.map((i) => cloneRow(rows[i]));
      for (let i = 0; i < nr; i++) {
        const src = snap[i];
        const dst = this._row(r + i, true)!;
        for (let j = 0; j < nc; j++) copyCell(src, c - 1 + j, dst, c - 1 + j, true, true);
      }
    }
    this._ctx.cells(nr * nc, nr * nc);
    this._dirty();
    this._ss._calc?.cellsChanged(this, r, c, nr, nc);
  }
  _createFilter(range: FakeRange): FakeFilter {
    if (this._filter) throw this._ctx.error("You can't create a filter in a sheet that already has a filter.");
    this._filter = new FakeFilter(this._ctx, this, range);
    return this._filter;
  }
  private _checkRowArgs(pos: unknown, n: unknown, method: string): [number, number] {
    if (!isNum(pos) || !isNum(n)) throw signatureError(this._ctx, `SpreadsheetApp.Sheet.${method}`, [pos, n]);
    return [Math.trunc(pos), Math.trunc(n)];
  }
  /** Inserts n rows so that the first new row has index `first` (1-based), inheriting formats from row `from`. */
  private _insertRowsAt(first: number, n: number, from: number): void {
    if (n < 1) throw this._ctx.error('The number of rows to insert must be at least 1.');
    this._ss._checkCellLimit(n * this._maxCols);
    const proto = this._rows[from - 1];
    spliceInsert(this._rows, first - 1, n, () => inheritRow(proto));
    this._maxRows += n;
    if (first <= this._frozenRows) this._frozenRows += n;
    this._ss._mdShiftInsert(this, 'ROW', first, n);
    this._ss._calc?.structureChanged(this);
    this._shiftObjects('ROW', first, n, true);
    this._ctx.touch(n * this._maxCols);
    this._dirty();
  }
  private _insertColsAt(first: number, n: number, from: number): void {
    if (n < 1) throw this._ctx.error('The number of columns to insert must be at least 1.');
    if (this._maxCols + n > MAX_COLUMNS) {
      throw this._ctx.error(`This action would increase the number of columns in the sheet above the limit of ${MAX_COLUMNS}.`);
    }
    this._ss._checkCellLimit(n * this._maxRows);
    const fi = from - 1;
    for (const row of this._rows) {
      if (!row) continue;
      spliceInsert(row.v, first - 1, n, () => undefined);
      if (row.fx) spliceInsert(row.fx, first - 1, n, () => undefined);
      if (row.fr) spliceInsert(row.fr, first - 1, n, () => undefined);
      if (row.cx) spliceInsert(row.cx, first - 1, n, () => undefined);
      if (row.sp) spliceInsert(row.sp, first - 1, n, () => undefined);
      if (row.f) {
        const f = row.f[fi];
        spliceInsert(row.f, first - 1, n, () => f);
      }
      if (row.st) {
        const s = row.st[fi];
        spliceInsert(row.st, first - 1, n, () => (s ? { ...s } : undefined));
      }
    }
    this._maxCols += n;
    if (first <= this._frozenCols) this._frozenCols += n;
    this._ss._mdShiftInsert(this, 'COLUMN', first, n);
    this._ss._calc?.structureChanged(this);
    this._shiftObjects('COLUMN', first, n, true);
    this._ctx.touch(n * this._maxRows);
    this._dirty();
  }

  /**
   * Moves what holds on to cells of this sheet when rows/columns are inserted or deleted:
   * chart data ranges (on any sheet) and anchors, conditional format ranges, merges.
   */
  _shiftObjects(dim: Dim, first: number, n: number, insert: boolean): void {
    for (const sh of this._ss._sheets) {
      for (const rec of sh._charts) {
        rec.state.ranges = rec.state.ranges.filter((g) => {
          if (g.sheet !== this) return true;
          if (insert) {
            shiftInsert(g, dim, first, n);
            return true;
          }
          return shiftDelete(g, dim, first, n);
        });
        if (sh === this) (insert ? shiftAnchorInsert : shiftAnchorDelete)(rec.state.pos, dim, first, n);
      }
    }
    this._cfRules = this._cfRules.filter((rule) => {
      rule.ranges = rule.ranges.filter((g) => {
        if (insert) {
          shiftInsert(g, dim, first, n);
          return true;
        }
        return shiftDelete(g, dim, first, n);
      });
      return rule.ranges.length > 0;
    });
    this._validations = this._validations.filter((b) => {
      if (insert) {
        shiftInsert(b, dim, first, n);
        return true;
      }
      return shiftDelete(b, dim, first, n);
    });
    const sizes = dim === 'ROW' ? this._rowHeights : this._colWidths;
    if (sizes.size) {
      const moved = new Map<number, number>();
      for (const [k, v] of sizes) {
        if (k < first) moved.set(k, v);
        else if (insert) moved.set(k + n, v);
        else if (k >= first + n) moved.set(k - n, v);
      }
      sizes.clear();
      for (const [k, v] of moved) sizes.set(k, v);
    }
    this._merges = this._merges.filter((m) => {
      if (insert) {
        shiftInsert(m, dim, first, n);
        return true;
      }
      return shiftDelete(m, dim, first, n) && (m.nr > 1 || m.nc > 1);
    });
  }

  // ------------------------------------------------------------ identity
  getName(): string {
    return this._name;
  }
  getSheetName(): string {
    return this._name;
  }
  setName(name: string): FakeSheet {
    if (typeof name !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.setName', [name]);
    const n = name.trim();
    if (n === '') throw this._ctx.error('Invalid argument: name');
    this._ss._checkNameFree(n, this);
    this._name = n;
    return this;
  }
  getSheetId(): number {
    return this._id;
  }
  getIndex(): number {
    return this._ss._sheets.indexOf(this) + 1;
  }
  getParent(): FakeSpreadsheet {
    return this._ss;
  }
  getType(): string {
    return 'GRID';
  }

  // ------------------------------------------------------------ dimensions
  getMaxRows(): number {
    return this._maxRows;
  }
  getMaxColumns(): number {
    return this._maxCols;
  }
  getLastRow(): number {
    if (this._lastRowCache < 0) {
      let last = 0;
      for (let r = this._rows.length - 1; r >= 0; r--) {
        if (rowLastContent(this._rows[r]) > 0) {
          last = r + 1;
          break;
        }
      }
      this._lastRowCache = last;
    }
    return this._lastRowCache;
  }
  getLastColumn(): number {
    if (this._lastColCache < 0) {
      let last = 0;
      for (const row of this._rows) {
        const l = rowLastContent(row);
        if (l > last) last = l;
      }
      this._lastColCache = last;
    }
    return this._lastColCache;
  }

  // ------------------------------------------------------------ ranges
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    if (typeof a === 'string' && column === undefined) {
      const bang = a.lastIndexOf('!');
      if (bang >= 0) {
        const named = this._ss._sheetByName(a.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'"));
        if (named !== this) throw this._ctx.error('Range not found');
      }
      return this._resolveA1(a);
    }
    if (column === undefined) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.getRange', [a]);
    return this._range(a as number, column, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange(): FakeRange {
    return this._range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const nr = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns;
    return this._range(startRow, startColumn, nr, nc).getValues();
  }
  getActiveRange(): FakeRange | null {
    return this._ss._activeRange?._sheet === this ? this._ss._activeRange : this._range(1, 1);
  }
  getActiveCell(): FakeRange {
    const r = this.getActiveRange()!;
    return this._range(r._r, r._c);
  }
  getCurrentCell(): FakeRange {
    return this.getActiveCell();
  }
  setActiveRange(range: FakeRange): FakeRange {
    this._ss._setActive(this, range);
    return range;
  }
  setActiveSelection(range: FakeRange | string): FakeRange {
    const r = typeof range === 'string' ? this._resolveA1(range) : range;
    this._ss._setActive(this, r);
    return r;
  }

  // ------------------------------------------------------------ rows and columns
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    const [p, n] = this._checkRowArgs(afterPosition, howMany, 'insertRowsAfter');
    if (p < 1 || p > this._maxRows) throw this._ctx.error('Those rows are out of bounds.');
    this._insertRowsAt(p + 1, n, p);
    return this;
  }
  insertRowAfter(afterPosition: number): FakeSheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    const [p, n] = this._checkRowArgs(beforePosition, howMany, 'insertRowsBefore');
    if (p < 1 || p > this._maxRows) throw this._ctx.error('Those rows are out of bounds.');
    this._insertRowsAt(p, n, p);
    return this;
  }
  insertRowBefore(beforePosition: number): FakeSheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsBefore(rowIndex, numRows);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    const [p, n] = this._checkRowArgs(afterPosition, howMany, 'insertColumnsAfter');
    if (p < 1 || p > this._maxCols) throw this._ctx.error('Those columns are out of bounds.');
    this._insertColsAt(p + 1, n, p);
    return this;
  }
  insertColumnAfter(afterPosition: number): FakeSheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    const [p, n] = this._checkRowArgs(beforePosition, howMany, 'insertColumnsBefore');
    if (p < 1 || p > this._maxCols) throw this._ctx.error('Those columns are out of bounds.');
    this._insertColsAt(p, n, p);
    return this;
  }
  insertColumnBefore(beforePosition: number): FakeSheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsBefore(columnIndex, numColumns);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const [p, n] = this._checkRowArgs(rowPosition, howMany, 'deleteRows');
    if (p < 1 || n < 1 || p + n - 1 > this._maxRows) throw this._ctx.error('Those rows are out of bounds.');
    if (this._maxRows - n <= this._frozenRows) {
      throw this._ctx.error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    if (p - 1 < this._rows.length) this._rows.splice(p - 1, n);
    this._maxRows -= n;
    const frozenGone = Math.max(0, Math.min(this._frozenRows, p + n - 1) - p + 1);
    this._frozenRows -= frozenGone;
    this._ss._mdShiftDelete(this, 'ROW', p, n);
    this._ss._calc?.structureChanged(this);
    this._shiftObjects('ROW', p, n, false);
    this._ctx.touch(n * this._maxCols);
    this._dirty();
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const [p, n] = this._checkRowArgs(columnPosition, howMany, 'deleteColumns');
    if (p < 1 || n < 1 || p + n - 1 > this._maxCols) throw this._ctx.error('Those columns are out of bounds.');
    if (this._maxCols - n <= this._frozenCols) throw this._ctx.error('Sorry, it is not possible to delete all non-frozen columns.');
    for (const row of this._rows) {
      if (!row) continue;
      for (const arr of rowArrays(row)) if (p - 1 < arr.length) arr.splice(p - 1, n);
    }
    this._maxCols -= n;
    this._frozenCols -= Math.max(0, Math.min(this._frozenCols, p + n - 1) - p + 1);
    this._ss._mdShiftDelete(this, 'COLUMN', p, n);
    this._ss._calc?.structureChanged(this);
    this._shiftObjects('COLUMN', p, n, false);
    this._ctx.touch(n * this._maxRows);
    this._dirty();
  }
  deleteColumn(columnPosition: number): FakeSheet {
    this.deleteColumns(columnPosition, 1);
    return this;
  }
  appendRow(rowContents: unknown[]): FakeSheet {
    if (!Array.isArray(rowContents)) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.appendRow', [rowContents]);
    const r = this.getLastRow() + 1;
    if (rowContents.length > this._maxCols) this._insertColsAt(this._maxCols + 1, rowContents.length - this._maxCols, this._maxCols);
    if (r > this._maxRows) this._insertRowsAt(this._maxRows + 1, r - this._maxRows, this._maxRows);
    const row = this._row(r, true)!;
    const env = this._ss._writeEnv();
    rowContents.forEach((x, j) => writeInput(row, j, x, env));
    this._ctx.cells(0, rowContents.length);
    this._dirty();
    if (rowContents.length) this._ss._calc?.cellsChanged(this, r, 1, 1, rowContents.length);
    return this;
  }

  // ------------------------------------------------------------ frozen, sizes, visibility
  setFrozenRows(rows: number): void {
    if (!isNum(rows) || rows < 0) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.setFrozenRows', [rows]);
    if (rows >= this._maxRows) throw this._ctx.error("You can't freeze all visible rows in the sheet.");
    this._frozenRows = Math.trunc(rows);
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  setFrozenColumns(columns: number): void {
    if (!isNum(columns) || columns < 0) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.setFrozenColumns', [columns]);
    if (columns >= this._maxCols) throw this._ctx.error("You can't freeze all visible columns in the sheet.");
    this._frozenCols = Math.trunc(columns);
  }
  getFrozenColumns(): number {
    return this._frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    if (!isNum(columnPosition) || !isNum(width)) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.setColumnWidth', [columnPosition, width]);
    if (columnPosition < 1 || columnPosition > this._maxCols) throw this._ctx.error('Those columns are out of bounds.');
    this._colWidths.set(Math.trunc(columnPosition), Math.max(0, Math.trunc(width)));
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    if (!isNum(startColumn) || !isNum(numColumns) || !isNum(width)) {
      throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.setColumnWidths', [startColumn, numColumns, width]);
    }
    if (startColumn < 1 || numColumns < 1 || startColumn + numColumns - 1 > this._maxCols) throw this._ctx.error('Those columns are out of bounds.');
    for (let i = 0; i < numColumns; i++) this._colWidths.set(Math.trunc(startColumn) + i, Math.max(0, Math.trunc(width)));
    this._ctx.touch(numColumns);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this._colWidths.get(columnPosition) ?? 100;
  }
  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let max = 0;
      for (const row of this._rows) {
        if (!row) continue;
        const v = storedValue(row, c - 1);
        if (v !== '') max = Math.max(max, String(v).length);
      }
      this._colWidths.set(c, Math.max(30, Math.min(1000, 7 * max + 16)));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number): FakeSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  setRowHeight(rowPosition: number, height: number): FakeSheet {
    this._rowHeights.set(rowPosition, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): FakeSheet {
    for (let i = 0; i < numRows; i++) this._rowHeights.set(startRow + i, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    return this._rowHeights.get(rowPosition) ?? 21;
  }
  hideColumns(_columnIndex: number, _numColumns?: number): void {}
  showColumns(_columnIndex: number, _numColumns?: number): void {}
  hideRows(_rowIndex: number, _numRows?: number): void {}
  showRows(_rowIndex: number, _numRows?: number): void {}
  setHiddenGridlines(_hide: boolean): FakeSheet {
    return this;
  }
  setTabColor(color: string | null): FakeSheet {
    this._tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    return this._tabColor;
  }
  hideSheet(): FakeSheet {
    if (this._ss._sheets.filter((s) => !s._hidden && s !== this).length === 0) {
      throw this._ctx.error("You can't hide all the sheets in a document.");
    }
    this._hidden = true;
    if (this._ss._active === this) this._ss._active = this._ss._sheets.find((s) => !s._hidden)!;
    return this;
  }
  showSheet(): FakeSheet {
    this._hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  activate(): FakeSheet {
    this._ss._setActive(this);
    return this;
  }

  // ------------------------------------------------------------ clearing and sorting
  private _clearAll(contents: boolean, formats: boolean): void {
    for (const row of this._rows) {
      if (!row) continue;
      const n = Math.max(row.v.length, row.f?.length ?? 0, row.fx?.length ?? 0, row.st?.length ?? 0);
      for (let ci = 0; ci < n; ci++) clearCell(row, ci, contents, formats);
    }
    if (contents && formats) this._rows = [];
    this._ctx.touch(this._maxRows * this._maxCols);
    this._dirty();
    if (contents) this._ss._calc?.cellsChanged(this, 1, 1, this._maxRows, this._maxCols);
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeSheet {
    const contents = !options || !!options.contentsOnly || !options.formatOnly;
    const formats = !options || !!options.formatOnly || !options.contentsOnly;
    this._clearAll(contents, formats);
    return this;
  }
  clearContents(): FakeSheet {
    this._clearAll(true, false);
    return this;
  }
  clearFormats(): FakeSheet {
    this._clearAll(false, true);
    return this;
  }
  clearNotes(): FakeSheet {
    for (const row of this._rows) row?.st?.forEach((s) => s && delete s.note);
    return this;
  }
  sort(columnPosition: number, ascending = true): FakeSheet {
    if (!isNum(columnPosition)) throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.sort', [columnPosition, ascending]);
    const first = this._frozenRows + 1;
    const last = this.getLastRow();
    if (last >= first) this._sortBlock(first, 1, last - first + 1, this._maxCols, [{ column: columnPosition, ascending }]);
    return this;
  }
  getFilter(): FakeFilter | null {
    return this._filter;
  }

  // ------------------------------------------------------------ developer metadata
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): FakeSheet {
    const args = metadataArgs(this._ctx, 'SpreadsheetApp.Sheet.addDeveloperMetadata', [key, a, b]);
    this._ss._mdAdd(args, { type: 'SHEET', sheet: this });
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this._ss
      ._mdAll()
      .filter((r) => r.loc.type === 'SHEET' && r.loc.sheet === this)
      .map((r) => this._ss._mdObject(r));
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this._ctx, this._ss, { type: 'SHEET', sheet: this });
  }

  // ------------------------------------------------------------ text finder, range lists
  createTextFinder(findText: string): FakeTextFinder {
    return FakeTextFinder.create(this._ctx, this._ss, { sheets: [this] }, findText, 'SpreadsheetApp.Sheet.createTextFinder');
  }
  getRangeList(a1Notations: string[]): FakeRangeList {
    if (!Array.isArray(a1Notations) || a1Notations.some((a) => typeof a !== 'string')) {
      throw signatureError(this._ctx, 'SpreadsheetApp.Sheet.getRangeList', [a1Notations]);
    }
    if (a1Notations.length === 0) throw this._ctx.error('Invalid argument: a1Notations');
    return new FakeRangeList(this._ctx, a1Notations.map((a) => this.getRange(a)));
  }

  // ------------------------------------------------------------ charts
  newChart(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this._ctx, this, newChartState(), null);
  }
  insertChart(chart: FakeEmbeddedChart): void {
    insertChartRecord(this._ctx, this._charts, chart, 'SpreadsheetApp.Sheet.insertChart');
  }
  updateChart(chart: FakeEmbeddedChart): void {
    const i = findChartRecord(this._ctx, this._charts, chart, 'SpreadsheetApp.Sheet.updateChart');
    const state = cloneChartState((this._ctx.unwrap(chart) as FakeEmbeddedChart)._state);
    this._charts[i] = { id: this._charts[i].id, state };
    this._ctx.touch(chartCells(state));
  }
  removeChart(chart: FakeEmbeddedChart): void {
    const i = findChartRecord(this._ctx, this._charts, chart, 'SpreadsheetApp.Sheet.removeChart');
    this._charts.splice(i, 1);
  }
  getCharts(): FakeEmbeddedChart[] {
    return this._charts.map((rec) => new FakeEmbeddedChart(this._ctx, this, rec.id, cloneChartState(rec.state)));
  }

  // ------------------------------------------------------------ conditional formatting
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this._cfRules = rulesToStore(this._ctx, this, rules);
    this._ctx.touch(this._cfRules.reduce((n, r) => n + r.ranges.reduce((m, g) => m + g.nr * g.nc, 0), 0));
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return this._cfRules.map((r) => new FakeConditionalFormatRule(this._ctx, cloneCfState(r)));
  }
  clearConditionalFormatRules(): void {
    this._cfRules = [];
  }

  // ------------------------------------------------------------ data validation (internals for Range)
  _setValidation(block: { r: number; c: number; nr: number; nc: number }, rule: DvState | null): void {
    this._validations = this._validations.filter((b) => !refInside(b, block));
    if (rule || this._validations.some((b) => refsIntersect(b, block))) {
      this._validations.push({ ...block, rule: rule ?? { criteria: null, values: [], allowInvalid: true, helpText: '' } });
    }
  }

  // ------------------------------------------------------------ merges (internals for Range)
  _mergesIn(block: { r: number; c: number; nr: number; nc: number }): { r: number; c: number; nr: number; nc: number }[] {
    return this._merges.filter((m) => refsIntersect(m, block));
  }

  // ------------------------------------------------------------ test helpers (not Apps Script API)
  /** Raw values of the data area (dates as Date), no stats, no virtual time. */
  _snapshot(): unknown[][] {
    const nr = this.getLastRow();
    const nc = this.getLastColumn();
    const tz = this._ss._tz;
    const out: unknown[][] = [];
    for (let r = 0; r < nr; r++) {
      const row = this._rows[r];
      const line: unknown[] = [];
      for (let c = 0; c < nc; c++) line.push(readValue(row, c, tz, RealDate));
      out.push(line);
    }
    return out;
  }
}

export class FakeFilter extends Svc {
  constructor(
    ctx: Ctx,
    readonly _sheet: FakeSheet,
    readonly _rangeRef: FakeRange,
  ) {
    super(ctx, 'spreadsheet', 'Filter');
  }
  getRange(): FakeRange {
    return this._rangeRef;
  }
  remove(): void {
    if (this._sheet._filter === this) this._sheet._filter = null;
  }
  sort(columnPosition: number, ascending: boolean): FakeFilter {
    const r = this._rangeRef;
    if (r._nr > 1) this._sheet._sortBlock(r._r + 1, r._c, r._nr - 1, r._nc, [{ column: columnPosition, ascending: ascending !== false }]);
    return this;
  }
  setColumnFilterCriteria(_columnPosition: number, _criteria: unknown): FakeFilter {
    return this;
  }
  removeColumnFilterCriteria(_columnPosition: number): FakeFilter {
    return this;
  }
  getColumnFilterCriteria(_columnPosition: number): null {
    return null;
  }
}
