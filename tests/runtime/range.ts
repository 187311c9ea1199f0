/** SpreadsheetApp Range. */
import { cellA1, columnToLetters } from './a1';
import { RealDate } from './clock';
import { Ctx, signatureError, Svc } from './context';
import {
  clearCell,
  cloneRow,
  copyCell,
  readValue,
  Row,
  storedValue,
  Style,
  writeFormat,
  writeFormula,
  writeInput,
} from './grid';
import { refInside } from './gridref';
import { cloneDv, dvArg, dvAt, FakeDataValidation } from './validation';
import { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, metadataArgs } from './metadata';
import { AUTOMATIC_FORMAT_REPORTED, displayValue, normalizeFormat } from './numfmt';
import { FakeTextFinder } from './text-finder';
import type { FakeFilter, FakeSheet } from './sheet';

type Grid<T> = T[][];

export class FakeRange extends Svc {
  constructor(
    ctx: Ctx,
    readonly _sheet: FakeSheet,
    readonly _r: number,
    readonly _c: number,
    readonly _nr: number,
    readonly _nc: number,
    readonly _openRows = false,
    readonly _openCols = false,
  ) {
    super(ctx, 'spreadsheet', 'Range');
  }

  // ------------------------------------------------------------ internals
  private _shapeCheck(data: unknown, method: string): unknown[][] {
    if (!Array.isArray(data)) throw signatureError(this._ctx, `SpreadsheetApp.Range.${method}`, [data]);
    if (data.length !== this._nr) {
      throw this._ctx.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._nr}.`,
      );
    }
    for (const row of data) {
      if (!Array.isArray(row)) throw signatureError(this._ctx, `SpreadsheetApp.Range.${method}`, [data]);
      if (row.length !== this._nc) {
        throw this._ctx.error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._nc}.`,
        );
      }
    }
    return data as unknown[][];
  }

  private _each<T>(fn: (row: Row | undefined, ci: number, r: number, c: number) => T): Grid<T> {
    const out: Grid<T> = new Array(this._nr);
    const rows = this._sheet._rows;
    for (let i = 0; i < this._nr; i++) {
      const row = rows[this._r - 1 + i];
      const line: T[] = new Array(this._nc);
      for (let j = 0; j < this._nc; j++) line[j] = fn(row, this._c - 1 + j, this._r + i, this._c + j);
      out[i] = line;
    }
    return out;
  }

  /** `contents`: values or formulas changed (custom-function formulas and their dependents recompute). */
  private _write(fn: (row: Row, ci: number, i: number, j: number) => void, countAsValues: boolean, contents = countAsValues): void {
    const sh = this._sheet;
    for (let i = 0; i < this._nr; i++) {
      const row = sh._row(this._r + i, true)!;
      for (let j = 0; j < this._nc; j++) fn(row, this._c - 1 + j, i, j);
    }
    const n = this._nr * this._nc;
    if (countAsValues) this._ctx.cells(0, n);
    else this._ctx.touch(n);
    sh._dirty();
    if (contents) sh._ss._calc?.cellsChanged(sh, this._r, this._c, this._nr, this._nc);
  }

  private _style<K extends keyof Style>(key: K, value: Style[K] | null): FakeRange {
    this._write((row, ci) => {
      const st = (row.st ??= []);
      const cur = st[ci];
      if (value === null || value === undefined) {
        if (cur) delete cur[key];
      } else st[ci] = { ...(cur ?? {}), [key]: value };
    }, false);
    return this;
  }

  private _styles<K extends keyof Style>(key: K, values: unknown[][], method: string): FakeRange {
    const data = this._shapeCheck(values, method);
    this._write((row, ci, i, j) => {
      const st = (row.st ??= []);
      const v = data[i][j];
      if (v === null || v === undefined) {
        if (st[ci]) delete st[ci]![key];
      } else st[ci] = { ...(st[ci] ?? {}), [key]: v as Style[K] };
    }, false);
    return this;
  }

  private _getStyle<K extends keyof Style>(key: K, dflt: Style[K]): Grid<Style[K]> {
    this._ctx.touch(this._nr * this._nc);
    return this._each((row, ci) => row?.st?.[ci]?.[key] ?? dflt);
  }

  private _env() {
    return this._sheet._ss._writeEnv();
  }

  // ------------------------------------------------------------ geometry
  getRow(): number {
    return this._r;
  }
  getRowIndex(): number {
    return this._r;
  }
  getColumn(): number {
    return this._c;
  }
  getColumnIndex(): number {
    return this._c;
  }
  getLastRow(): number {
    return this._r + this._nr - 1;
  }
  getLastColumn(): number {
    return this._c + this._nc - 1;
  }
  getNumRows(): number {
    return this._nr;
  }
  getNumColumns(): number {
    return this._nc;
  }
  getHeight(): number {
    return this._nr;
  }
  getWidth(): number {
    return this._nc;
  }
  getSheet(): FakeSheet {
    return this._sheet;
  }
  getGridId(): number {
    return this._sheet._id;
  }
  getA1Notation(): string {
    const lastR = this._r + this._nr - 1;
    const lastC = this._c + this._nc - 1;
    if (this._openRows && this._r === 1) return `${columnToLetters(this._c)}:${columnToLetters(lastC)}`;
    if (this._openCols && this._c === 1) return `${this._r}:${lastR}`;
    if (this._openRows) return `${cellA1(this._r, this._c)}:${columnToLetters(lastC)}`;
    if (this._nr === 1 && this._nc === 1) return cellA1(this._r, this._c);
    return `${cellA1(this._r, this._c)}:${cellA1(lastR, lastC)}`;
  }
  getCell(row: number, column: number): FakeRange {
    if (typeof row !== 'number' || typeof column !== 'number') throw signatureError(this._ctx, 'SpreadsheetApp.Range.getCell', [row, column]);
    if (row < 1 || column < 1 || row > this._nr || column > this._nc) throw this._ctx.error('Cell reference out of range');
    return this._sheet._range(this._r + row - 1, this._c + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    if (typeof rowOffset !== 'number' || typeof columnOffset !== 'number') {
      throw signatureError(this._ctx, 'SpreadsheetApp.Range.offset', [rowOffset, columnOffset]);
    }
    return this._sheet._range(this._r + rowOffset, this._c + columnOffset, numRows ?? this._nr, numColumns ?? this._nc);
  }

  // ------------------------------------------------------------ values
  getValues(): unknown[][] {
    const tz = this._sheet._ss._tz;
    this._ctx.cells(this._nr * this._nc, 0);
    return this._each((row, ci) => readValue(row, ci, tz, RealDate));
  }
  getValue(): unknown {
    this._ctx.cells(1, 0);
    return readValue(this._sheet._rows[this._r - 1], this._c - 1, this._sheet._ss._tz, RealDate);
  }
  setValues(values: unknown[][]): FakeRange {
    const data = this._shapeCheck(values, 'setValues');
    const env = this._env();
    this._write((row, ci, i, j) => writeInput(row, ci, data[i][j], env), true);
    return this;
  }
  setValue(value: unknown): FakeRange {
    if (Array.isArray(value)) throw signatureError(this._ctx, 'SpreadsheetApp.Range.setValue', [value]);
    const env = this._env();
    this._write((row, ci) => writeInput(row, ci, value, env), true);
    return this;
  }
  getDisplayValues(): string[][] {
    const locale = this._sheet._ss._locale;
    this._ctx.cells(this._nr * this._nc, 0);
    return this._each((row, ci) => displayValue(storedValue(row, ci), row?.f?.[ci] ?? '', locale));
  }
  getDisplayValue(): string {
    return this.getCell(1, 1).getDisplayValues()[0][0];
  }
  isBlank(): boolean {
    this._ctx.cells(this._nr * this._nc, 0);
    for (let i = 0; i < this._nr; i++) {
      const row = this._sheet._rows[this._r - 1 + i];
      if (!row) continue;
      for (let j = 0; j < this._nc; j++) {
        const ci = this._c - 1 + j;
        if (row.fx?.[ci] !== undefined || (row.v[ci] !== undefined && row.v[ci] !== '')) return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------ formulas
  getFormulas(): string[][] {
    this._ctx.cells(this._nr * this._nc, 0);
    return this._each((row, ci) => row?.fx?.[ci] ?? '');
  }
  getFormula(): string {
    return this._sheet._rows[this._r - 1]?.fx?.[this._c - 1] ?? '';
  }
  setFormula(formula: string): FakeRange {
    if (typeof formula !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.Range.setFormula', [formula]);
    const env = this._env();
    this._write((row, ci) => writeFormula(row, ci, formula, env), true);
    return this;
  }
  setFormulas(formulas: string[][]): FakeRange {
    const data = this._shapeCheck(formulas, 'setFormulas');
    const env = this._env();
    this._write((row, ci, i, j) => writeFormula(row, ci, String(data[i][j] ?? ''), env), true);
    return this;
  }

  // ------------------------------------------------------------ number formats
  getNumberFormats(): string[][] {
    this._ctx.touch(this._nr * this._nc);
    return this._each((row, ci) => row?.f?.[ci] || AUTOMATIC_FORMAT_REPORTED);
  }
  getNumberFormat(): string {
    return this._sheet._rows[this._r - 1]?.f?.[this._c - 1] || AUTOMATIC_FORMAT_REPORTED;
  }
  setNumberFormat(numberFormat: string): FakeRange {
    if (typeof numberFormat !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.Range.setNumberFormat', [numberFormat]);
    const f = normalizeFormat(numberFormat);
    this._write((row, ci) => writeFormat(row, ci, f), false);
    return this;
  }
  setNumberFormats(numberFormats: string[][]): FakeRange {
    const data = this._shapeCheck(numberFormats, 'setNumberFormats');
    this._write((row, ci, i, j) => writeFormat(row, ci, normalizeFormat(data[i][j])), false);
    return this;
  }

  // ------------------------------------------------------------ clearing
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeRange {
    const contents = !options || !!options.contentsOnly || !options.formatOnly;
    const formats = !options || !!options.formatOnly || !options.contentsOnly;
    this._write((row, ci) => clearCell(row, ci, contents, formats), false, contents);
    return this;
  }
  clearContent(): FakeRange {
    this._write((row, ci) => clearCell(row, ci, true, false), false, true);
    return this;
  }
  clearFormat(): FakeRange {
    this._write((row, ci) => clearCell(row, ci, false, true), false);
    return this;
  }
  clearNote(): FakeRange {
    return this._style('note', null);
  }
  clearDataValidations(): FakeRange {
    this._sheet._setValidation({ r: this._r, c: this._c, nr: this._nr, nc: this._nc }, null);
    return this;
  }

  // ------------------------------------------------------------ styles
  setFontWeight(fontWeight: string | null): FakeRange {
    return this._style('fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: (string | null)[][]): FakeRange {
    return this._styles('fontWeight', fontWeights, 'setFontWeights');
  }
  getFontWeight(): string {
    return this._getStyle('fontWeight', 'normal')[0][0]!;
  }
  getFontWeights(): string[][] {
    return this._getStyle('fontWeight', 'normal') as string[][];
  }
  setFontStyle(fontStyle: string | null): FakeRange {
    return this._style('fontStyle', fontStyle);
  }
  getFontStyle(): string {
    return this._getStyle('fontStyle', 'normal')[0][0]!;
  }
  setFontColor(color: string | null): FakeRange {
    return this._style('fontColor', color);
  }
  getFontColor(): string {
    return this._getStyle('fontColor', '#000000')[0][0]!;
  }
  setFontColors(colors: (string | null)[][]): FakeRange {
    return this._styles('fontColor', colors, 'setFontColors');
  }
  setFontSize(size: number): FakeRange {
    return this._style('fontSize', size);
  }
  getFontSize(): number {
    return this._getStyle('fontSize', 10)[0][0]!;
  }
  setFontFamily(family: string | null): FakeRange {
    return this._style('fontFamily', family);
  }
  getFontFamily(): string {
    return this._getStyle('fontFamily', 'Arial')[0][0]!;
  }
  setBackground(color: string | null): FakeRange {
    return this._style('background', color);
  }
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    return this._styles('background', colors, 'setBackgrounds');
  }
  getBackground(): string {
    return this._getStyle('background', '#ffffff')[0][0]!;
  }
  getBackgrounds(): string[][] {
    return this._getStyle('background', '#ffffff') as string[][];
  }
  setHorizontalAlignment(alignment: string | null): FakeRange {
    return this._style('horizontalAlignment', alignment);
  }
  setHorizontalAlignments(alignments: (string | null)[][]): FakeRange {
    return this._styles('horizontalAlignment', alignments, 'setHorizontalAlignments');
  }
  getHorizontalAlignment(): string {
    return this._getStyle('horizontalAlignment', 'general')[0][0]!;
  }
  setVerticalAlignment(alignment: string | null): FakeRange {
    return this._style('verticalAlignment', alignment);
  }
  getVerticalAlignment(): string {
    return this._getStyle('verticalAlignment', 'bottom')[0][0]!;
  }
  setWrap(isWrapEnabled: boolean): FakeRange {
    return this._style('wrap', !!isWrapEnabled);
  }
  setWraps(wraps: boolean[][]): FakeRange {
    return this._styles('wrap', wraps, 'setWraps');
  }
  getWrap(): boolean {
    return this._getStyle('wrap', true)[0][0]!;
  }
  setWrapStrategy(_strategy: unknown): FakeRange {
    return this;
  }
  setNote(note: string | null): FakeRange {
    return this._style('note', note === null || note === '' ? null : String(note));
  }
  getNote(): string {
    return this._getStyle('note', '')[0][0]!;
  }
  setNotes(notes: (string | null)[][]): FakeRange {
    return this._styles('note', notes, 'setNotes');
  }
  setBorder(..._args: unknown[]): FakeRange {
    return this;
  }
  setTextStyle(_style: unknown): FakeRange {
    return this;
  }
  setDataValidation(rule: unknown): FakeRange {
    const st = dvArg(this._ctx, rule, 'SpreadsheetApp.Range.setDataValidation');
    this._sheet._setValidation({ r: this._r, c: this._c, nr: this._nr, nc: this._nc }, st);
    this._ctx.touch(this._nr * this._nc);
    return this;
  }
  setDataValidations(rules: unknown[][]): FakeRange {
    const data = this._shapeCheck(rules, 'setDataValidations');
    data.forEach((line, i) =>
      line.forEach((x, j) => this._sheet._setValidation({ r: this._r + i, c: this._c + j, nr: 1, nc: 1 }, dvArg(this._ctx, x, 'SpreadsheetApp.Range.setDataValidations'))),
    );
    this._ctx.touch(this._nr * this._nc);
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    const st = dvAt(this._sheet._validations, this._r, this._c);
    return st ? new FakeDataValidation(this._ctx, cloneDv(st)) : null;
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    this._ctx.touch(this._nr * this._nc);
    return Array.from({ length: this._nr }, (_, i) =>
      Array.from({ length: this._nc }, (_, j) => {
        const st = dvAt(this._sheet._validations, this._r + i, this._c + j);
        return st ? (this._ctx.export(new FakeDataValidation(this._ctx, cloneDv(st))) as FakeDataValidation) : null;
      }),
    );
  }
  /** Merges blocks (Sheets keeps the top-left value of each and clears the rest). */
  private _mergeBlocks(blocks: { r: number; c: number; nr: number; nc: number }[]): FakeRange {
    const sh = this._sheet;
    const self = { r: this._r, c: this._c, nr: this._nr, nc: this._nc };
    for (const m of sh._mergesIn(self)) {
      if (!refInside(m, self)) throw this._ctx.error('You must select all cells in a merged range to merge or unmerge them.');
    }
    sh._merges = sh._merges.filter((m) => !refInside(m, self));
    for (const b of blocks) {
      if (b.nr === 1 && b.nc === 1) continue;
      for (let i = 0; i < b.nr; i++) {
        const row = sh._rows[b.r - 1 + i];
        if (!row) continue;
        for (let j = 0; j < b.nc; j++) if (i > 0 || j > 0) clearCell(row, b.c - 1 + j, true, false);
      }
      sh._merges.push({ ...b });
    }
    this._ctx.touch(this._nr * this._nc);
    sh._dirty();
    return this;
  }
  merge(): FakeRange {
    return this._mergeBlocks([{ r: this._r, c: this._c, nr: this._nr, nc: this._nc }]);
  }
  mergeAcross(): FakeRange {
    return this._mergeBlocks(Array.from({ length: this._nr }, (_, i) => ({ r: this._r + i, c: this._c, nr: 1, nc: this._nc })));
  }
  mergeVertically(): FakeRange {
    return this._mergeBlocks(Array.from({ length: this._nc }, (_, j) => ({ r: this._r, c: this._c + j, nr: this._nr, nc: 1 })));
  }
  breakApart(): FakeRange {
    const sh = this._sheet;
    const self = { r: this._r, c: this._c, nr: this._nr, nc: this._nc };
    for (const m of sh._mergesIn(self)) {
      if (!refInside(m, self)) throw this._ctx.error('You must select all cells in a merged range to merge or unmerge them.');
    }
    sh._merges = sh._merges.filter((m) => !refInside(m, self));
    return this;
  }
  getMergedRanges(): FakeRange[] {
    return this._sheet._mergesIn({ r: this._r, c: this._c, nr: this._nr, nc: this._nc }).map((m) => this._sheet._range(m.r, m.c, m.nr, m.nc));
  }
  isPartOfMerge(): boolean {
    return this._sheet._mergesIn({ r: this._r, c: this._c, nr: this._nr, nc: this._nc }).length > 0;
  }

  // ------------------------------------------------------------ misc
  activate(): FakeRange {
    this._sheet._ss._setActive(this._sheet, this);
    return this;
  }
  copyTo(destination: FakeRange, options?: { contentsOnly?: boolean; formatOnly?: boolean }): void {
    if (!(destination instanceof FakeRange)) throw signatureError(this._ctx, 'SpreadsheetApp.Range.copyTo', [destination]);
    const d = destination._sheet;
    const nr = Math.max(this._nr, destination._nr);
    const nc = Math.max(this._nc, destination._nc);
    d._range(destination._r, destination._c, nr, nc); // bounds
    const src = Array.from({ length: this._nr }, (_, i) => cloneRow(this._sheet._rows[this._r - 1 + i]));
    for (let i = 0; i < nr; i++) {
      const row = d._row(destination._r + i, true)!;
      for (let j = 0; j < nc; j++) {
        copyCell(src[i % this._nr], this._c - 1 + (j % this._nc), row, destination._c - 1 + j, !options?.formatOnly, !options?.contentsOnly);
      }
    }
    this._ctx.cells(this._nr * this._nc, nr * nc);
    d._dirty();
    if (!options?.formatOnly) d._ss._calc?.cellsChanged(d, destination._r, destination._c, nr, nc);
  }
  sort(sortSpecObj: unknown): FakeRange {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === 'number' ? { column: s, ascending: true } : { column: Number((s as { column: number }).column), ascending: (s as { ascending?: boolean }).ascending !== false },
    );
    for (const s of specs) {
      if (!(s.column >= this._c && s.column < this._c + this._nc)) throw this._ctx.error(`Invalid argument: column ${s.column} is outside the range.`);
    }
    this._sheet._sortBlock(this._r, this._c, this._nr, this._nc, specs);
    return this;
  }
  createFilter(): FakeFilter {
    return this._sheet._createFilter(this);
  }
  getFilter(): FakeFilter | null {
    return this._sheet.getFilter();
  }
  getDataRegion(): FakeRange {
    return this._sheet.getDataRange();
  }

  // ------------------------------------------------------------ developer metadata
  private _dimension(): { type: 'ROW' | 'COLUMN'; start: number; end: number } | undefined {
    const sh = this._sheet;
    if (this._c === 1 && this._nc === sh._maxCols) return { type: 'ROW', start: this._r, end: this._r + this._nr - 1 };
    if (this._r === 1 && this._nr === sh._maxRows) return { type: 'COLUMN', start: this._c, end: this._c + this._nc - 1 };
    return undefined;
  }
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): FakeRange {
    const args = metadataArgs(this._ctx, 'SpreadsheetApp.Range.addDeveloperMetadata', [key, a, b]);
    const dim = this._dimension();
    if (!dim) {
      throw this._ctx.error(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    this._sheet._ss._mdAdd(args, { ...dim, sheet: this._sheet });
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    const dim = this._dimension();
    if (!dim) return [];
    return this._sheet._ss
      ._mdAll()
      .filter((r) => r.loc.type === dim.type && r.loc.sheet === this._sheet && r.loc.start === dim.start && r.loc.end === dim.end)
      .map((r) => this._sheet._ss._mdObject(r));
  }
  createTextFinder(findText: string): FakeTextFinder {
    const rect = { r1: this._r, c1: this._c, r2: this._r + this._nr - 1, c2: this._c + this._nc - 1 };
    return FakeTextFinder.create(this._ctx, this._sheet._ss, { sheets: [this._sheet], rect }, findText, 'SpreadsheetApp.Range.createTextFinder');
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this._ctx, this._sheet._ss, {
      type: 'RANGE',
      sheet: this._sheet,
      row: this._r,
      col: this._c,
      numRows: this._nr,
      numCols: this._nc,
    });
  }
}
