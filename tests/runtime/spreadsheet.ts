/** SpreadsheetApp Spreadsheet: sheets, time zone, locale, developer metadata, grid limit. */
import { parseA1, splitSheet } from './a1';
import type { CalcEngine } from './custom-functions';
import { Ctx, signatureError, Svc } from './context';
import { isDateLike } from './clock';
import { defaultDateTimeFormat, Stored, WriteEnv } from './grid';
import {
  FakeDeveloperMetadata,
  FakeDeveloperMetadataFinder,
  metadataArgs,
  MdLoc,
  MdRecord,
  METADATA_CHARS_PER_LOCATION,
  VisibilityEnum,
} from './metadata';
import type { FakeRange } from './range';
import type { FakeRangeList } from './range-list';
import { FakeSheet } from './sheet';
import { FakeTextFinder } from './text-finder';
import { instantToSerial, isValidTimeZone, utcToWall } from './tz';
import type { UiRecord } from './ui-record';

export const MAX_CELLS = 10000000;

function defaultSheetBase(locale: string): string {
  return /^ru/i.test(locale) ? 'Лист' : 'Sheet';
}

export class FakeSpreadsheet extends Svc {
  _sheets: FakeSheet[] = [];
  _active!: FakeSheet;
  _activeRange: FakeRange | null = null;
  _md: MdRecord[] = [];
  private _mdNextId = 1;
  private _mdObjects = new Map<number, FakeDeveloperMetadata>();
  private _sheetSeq = 0;
  private _env: WriteEnv | null = null;
  /** evaluates custom-function formulas (custom-functions.ts); set by createRuntime */
  _calc: CalcEngine | null = null;

  constructor(
    ctx: Ctx,
    readonly _id: string,
    public _name: string,
    public _tz: string,
    public _locale: string,
    readonly _ui: UiRecord,
  ) {
    super(ctx, 'spreadsheet', 'Spreadsheet');
    const first = new FakeSheet(ctx, this, 0, defaultSheetBase(_locale) + '1');
    this._sheets.push(first);
    this._active = first;
  }

  // ------------------------------------------------------------ internals
  _writeEnv(): WriteEnv {
    if (!this._env) {
      const ctx = this._ctx;
      this._env = {
        tz: this._tz,
        locale: this._locale,
        dateTimeFormat: defaultDateTimeFormat(this._locale),
        year: () => new Date(utcToWall(this._tz, ctx.clock.now())).getUTCFullYear(),
        error: (m: string) => ctx.error(m),
      };
    }
    return this._env;
  }
  _sheetByName(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this._sheets.find((s) => s._name.toLowerCase() === lower);
  }
  _checkNameFree(name: string, except?: FakeSheet): void {
    const other = this._sheetByName(name);
    if (other && other !== except) throw this._ctx.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }
  _totalCells(): number {
    return this._sheets.reduce((n, s) => n + s._maxRows * s._maxCols, 0);
  }
  _checkCellLimit(added: number): void {
    if (this._totalCells() + added > MAX_CELLS) {
      throw this._ctx.error(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }
  _setActive(sheet: FakeSheet, range?: FakeRange): void {
    this._active = sheet;
    this._activeRange = range ?? null;
  }
  _mdAll(): MdRecord[] {
    return this._md.filter((r) => !r.removed);
  }
  _mdObject(rec: MdRecord): FakeDeveloperMetadata {
    let o = this._mdObjects.get(rec.id);
    if (!o) this._mdObjects.set(rec.id, (o = new FakeDeveloperMetadata(this._ctx, this, rec)));
    return o;
  }
  private _mdUsed(loc: MdLoc): number {
    const sheet = loc.type === 'SPREADSHEET' ? null : loc.sheet;
    return this._mdAll()
      .filter((r) => (r.loc.type === 'SPREADSHEET' ? null : r.loc.sheet) === sheet)
      .reduce((n, r) => n + r.key.length + (r.value?.length ?? 0), 0);
  }
  _mdCheckSize(loc: MdLoc, delta: number): void {
    if (delta > 0 && this._mdUsed(loc) + delta > METADATA_CHARS_PER_LOCATION) {
      throw this._ctx.error(
        `Developer metadata limit exceeded: a ${loc.type === 'SPREADSHEET' ? 'spreadsheet' : 'sheet'} can hold at most ${METADATA_CHARS_PER_LOCATION} characters of developer metadata.`,
      );
    }
  }
  _mdAdd(args: { key: string; value: string | null; visibility: VisibilityEnum }, loc: MdLoc): MdRecord {
    this._mdCheckSize(loc, args.key.length + (args.value?.length ?? 0));
    const rec: MdRecord = { id: 1000000 + this._mdNextId++ * 7919, key: args.key, value: args.value, visibility: args.visibility, loc };
    this._md.push(rec);
    return rec;
  }
  _mdRemove(rec: MdRecord): void {
    rec.removed = true;
    this._md = this._md.filter((r) => r !== rec);
  }
  _mdShiftInsert(sheet: FakeSheet, type: 'ROW' | 'COLUMN', first: number, n: number): void {
    for (const r of this._md) {
      const l = r.loc;
      if (l.type !== type || l.sheet !== sheet) continue;
      if (l.start >= first) {
        l.start += n;
        l.end += n;
      } else if (l.end >= first) l.end += n;
    }
  }
  _mdShiftDelete(sheet: FakeSheet, type: 'ROW' | 'COLUMN', first: number, n: number): void {
    const last = first + n - 1;
    for (const r of [...this._md]) {
      const l = r.loc;
      if (l.type !== type || l.sheet !== sheet) continue;
      const overlap = Math.max(0, Math.min(l.end, last) - Math.max(l.start, first) + 1);
      const size = l.end - l.start + 1;
      if (overlap >= size) {
        this._mdRemove(r);
        continue;
      }
      const newStart = l.start > last ? l.start - n : l.start >= first ? first : l.start;
      l.end = newStart + size - overlap - 1;
      l.start = newStart;
    }
  }

  // ------------------------------------------------------------ identity
  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._name;
  }
  rename(newName: string): void {
    this._name = String(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this._tz;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) throw this._ctx.error(`Invalid argument: ${timezone}`);
    this._tz = timezone;
    this._env = null;
  }
  getSpreadsheetLocale(): string {
    return this._locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._locale = String(locale);
    this._env = null;
  }

  // ------------------------------------------------------------ sheets
  getSheets(): FakeSheet[] {
    return this._sheets.slice();
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    if (typeof name !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.Spreadsheet.getSheetByName', [name]);
    return this._sheetByName(name) ?? null;
  }
  getSheetById(id: number): FakeSheet | null {
    return this._sheets.find((s) => s._id === id) ?? null;
  }
  insertSheet(a?: unknown, b?: unknown, _c?: unknown): FakeSheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') index = a;
    else if (a !== undefined && a !== null && typeof a !== 'object') throw signatureError(this._ctx, 'SpreadsheetApp.Spreadsheet.insertSheet', [a, b]);
    if (name !== undefined) {
      name = name.trim();
      if (name === '') name = undefined;
    }
    if (name === undefined) {
      const base = defaultSheetBase(this._locale);
      let n = this._sheets.length + 1;
      while (this._sheetByName(base + n)) n++;
      name = base + n;
    } else this._checkNameFree(name);
    if (index !== undefined && (index < 0 || index > this._sheets.length)) throw this._ctx.error('Invalid argument: sheetIndex');
    this._checkCellLimit(1000 * 26);
    this._sheetSeq++;
    const id = (this._sheetSeq * 1103515245 + 12345) % 2147483647 || this._sheetSeq;
    const sheet = new FakeSheet(this._ctx, this, id, name);
    this._sheets.splice(index ?? this._sheets.length, 0, sheet);
    this._setActive(sheet);
    this._calc?.sheetNamed(name);
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    if (!(sheet instanceof FakeSheet) || sheet._ss !== this) throw signatureError(this._ctx, 'SpreadsheetApp.Spreadsheet.deleteSheet', [sheet]);
    if (this._sheets.length === 1) throw this._ctx.error("You can't remove all the sheets in a document.");
    const i = this._sheets.indexOf(sheet);
    if (i < 0) return;
    this._sheets.splice(i, 1);
    sheet._deleted = true;
    this._calc?.sheetDeleted(sheet);
    for (const r of [...this._md]) if (r.loc.type !== 'SPREADSHEET' && r.loc.sheet === sheet) this._mdRemove(r);
    if (this._active === sheet) this._setActive(this._sheets[Math.max(0, i - 1)]);
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    if (!(sheet instanceof FakeSheet)) throw signatureError(this._ctx, 'SpreadsheetApp.Spreadsheet.setActiveSheet', [sheet]);
    this._setActive(sheet);
    return sheet;
  }
  getActiveSheet(): FakeSheet {
    return this._active;
  }
  getActiveRange(): FakeRange | null {
    return this._activeRange ?? this._active._range(1, 1);
  }
  getActiveCell(): FakeRange {
    return this._active.getActiveCell();
  }
  getCurrentCell(): FakeRange {
    return this._active.getActiveCell();
  }
  moveActiveSheet(pos: number): void {
    const s = this._active;
    this._sheets.splice(this._sheets.indexOf(s), 1);
    this._sheets.splice(Math.max(0, Math.min(this._sheets.length, pos - 1)), 0, s);
  }
  getRange(a1Notation: string): FakeRange {
    if (typeof a1Notation !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.Spreadsheet.getRange', [a1Notation]);
    const { sheetName, ref } = splitSheet(a1Notation);
    const sheet = sheetName === undefined ? this._active : this._sheetByName(sheetName);
    if (!sheet) throw this._ctx.error('Range not found');
    return sheet._resolveA1(ref);
  }
  /** A RangeList of the active sheet. */
  getRangeList(a1Notations: string[]): FakeRangeList {
    return this._active.getRangeList(a1Notations);
  }
  createTextFinder(findText: string): FakeTextFinder {
    return FakeTextFinder.create(this._ctx, this, { sheets: this._sheets }, findText, 'SpreadsheetApp.Spreadsheet.createTextFinder');
  }
  getRangeByName(_name: string): FakeRange | null {
    return null;
  }
  getLastRow(): number {
    return this._active.getLastRow();
  }
  getLastColumn(): number {
    return this._active.getLastColumn();
  }
  getDataRange(): FakeRange {
    return this._active.getDataRange();
  }

  // ------------------------------------------------------------ UI bits on the spreadsheet
  toast(msg: unknown, title?: unknown, _timeoutSeconds?: unknown): void {
    this._ui.toasts.push({ message: String(msg), title: title === undefined || title === null ? '' : String(title) });
  }

  // ------------------------------------------------------------ developer metadata
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): FakeSpreadsheet {
    const args = metadataArgs(this._ctx, 'SpreadsheetApp.Spreadsheet.addDeveloperMetadata', [key, a, b]);
    this._mdAdd(args, { type: 'SPREADSHEET' });
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this._mdAll()
      .filter((r) => r.loc.type === 'SPREADSHEET')
      .map((r) => this._mdObject(r));
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this._ctx, this, { type: 'SPREADSHEET' });
  }

  // ------------------------------------------------------------ test helpers (not Apps Script API; no stats, no time)
  /** Raw stored values of a sheet's data area; date-formatted numbers as Date. */
  sheetValues(name: string): unknown[][] {
    return this._need(name)._snapshot();
  }
  /** Stored number formats of a sheet's data area ('' = automatic). */
  sheetFormats(name: string): string[][] {
    const s = this._need(name);
    const nr = s.getLastRow();
    const nc = s.getLastColumn();
    return Array.from({ length: nr }, (_, r) => Array.from({ length: nc }, (_, c) => s._rows[r]?.f?.[c] ?? ''));
  }
  /** Stored formulas of a sheet's data area ('' = none). */
  sheetFormulas(name: string): string[][] {
    const s = this._need(name);
    const nr = s.getLastRow();
    const nc = s.getLastColumn();
    return Array.from({ length: nr }, (_, r) => Array.from({ length: nc }, (_, c) => s._rows[r]?.fx?.[c] ?? ''));
  }
  /**
   * Supplies the results of formula cells (the runtime never evaluates formulas; without a
   * result a formula cell reads as '#NAME?'). values[i][j] goes to cell (top + i, left + j)
   * when that cell holds a formula; top defaults to the first row holding a formula, left to 1.
   */
  setFormulaResults(name: string, values: unknown[][], top?: number, left = 1): void {
    const s = this._need(name);
    const first = top ?? s._rows.findIndex((r) => !!r?.fx?.some((f) => f !== undefined)) + 1;
    if (first < 1) return;
    values.forEach((line, i) => {
      const row = s._rows[first - 1 + i];
      if (!row?.fx) return;
      line.forEach((v, j) => {
        const ci = left - 1 + j;
        if (row.fx![ci] === undefined) return;
        const stored = isDateLike(v) ? instantToSerial(v.getTime(), this._tz) : v === null || v === undefined ? '' : (v as Stored);
        (row.fr ??= [])[ci] = stored;
      });
    });
    s._dirty();
    this._calc?.valuesChanged(s, first, left, values.length, Math.max(1, ...values.map((l) => l.length)));
  }
  /**
   * The message behind an error a custom-function formula shows ('#ERROR!' with what the
   * function threw, '#REF!' when its array result is blocked...), or null.
   */
  formulaError(name: string, a1: string): string | null {
    const s = this._need(name);
    const ref = parseA1(a1);
    if (!ref || ref.r1 === undefined || ref.c1 === undefined) throw new Error(`formulaError: not a cell: ${a1}`);
    return this._calc ? this._calc.errorAt(s, ref.r1, ref.c1) : null;
  }
  /** Sum of maxRows * maxColumns over all sheets. */
  totalCells(): number {
    return this._totalCells();
  }
  private _need(name: string): FakeSheet {
    const s = this._sheetByName(name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }
}

