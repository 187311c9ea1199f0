/** Cell storage of one sheet: typed values, number formats, formulas, styles. */
import { isDateLike, RealDate } from './clock';
import { isDateFormat } from './numfmt';
import { parseTypedInput } from './typed-input';
import { instantToSerial, serialToInstant } from './tz';

/** A stored cell value: '' is an empty cell. Dates are stored as serial numbers. */
export type Stored = string | number | boolean;

export interface Style {
  fontWeight?: string;
  fontStyle?: string;
  fontColor?: string;
  fontSize?: number;
  fontFamily?: string;
  background?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrap?: boolean;
  note?: string;
}

/** One row; arrays are sparse (a hole is an empty cell / automatic format / no formula). */
export interface Row {
  v: Stored[];
  f?: string[];
  fx?: string[];
  /** results of formula cells, when a test supplied them (setFormulaResults) */
  fr?: Stored[];
  st?: (Style | undefined)[];
  /** custom-function formula cells (custom-functions.ts CustomCell) */
  cx?: unknown[];
  /** cells a custom function's array result spilled into: the CustomCell that owns them */
  sp?: unknown[];
}

/**
 * What getValues() returns for a formula cell the runtime does not evaluate (every formula,
 * except those calling a custom function of the loaded script: custom-functions.ts).
 */
export const FORMULA_VALUE = '#NAME?';
export const MAX_CELL_CHARS = 50000;

export interface WriteEnv {
  tz: string;
  locale: string;
  /** the year "now" in the spreadsheet time zone, for partial dates */
  year(): number;
  dateTimeFormat: string;
  error(msg: string): Error;
}

export function defaultDateTimeFormat(locale: string): string {
  if (/^en_US/i.test(locale) || locale === 'en') return 'M/d/yyyy H:mm:ss';
  if (/^en/i.test(locale)) return 'dd/MM/yyyy H:mm:ss';
  if (/^(de|ru|uk|be|kk|pl|cs|tr|fi|nb|da)/i.test(locale)) return 'dd.MM.yyyy H:mm:ss';
  return 'yyyy-MM-dd H:mm:ss';
}

function setFormat(row: Row, ci: number, f: string): void {
  if (f === '') {
    if (row.f && row.f[ci] !== undefined) row.f[ci] = undefined as unknown as string;
    return;
  }
  (row.f ??= [])[ci] = f;
}

function clearFormula(row: Row, ci: number): void {
  if (row.fx && row.fx[ci] !== undefined) row.fx[ci] = undefined as unknown as string;
  if (row.fr && row.fr[ci] !== undefined) row.fr[ci] = undefined as unknown as Stored;
}

function setFormula(row: Row, ci: number, formula: string): void {
  row.v[ci] = '';
  (row.fx ??= [])[ci] = formula;
  if (row.fr && row.fr[ci] !== undefined) row.fr[ci] = undefined as unknown as Stored;
}

/** Writes a value the way Range.setValue(s) does. */
export function writeInput(row: Row, ci: number, x: unknown, env: WriteEnv): void {
  const fmt = row.f?.[ci] ?? '';
  if (x === null || x === undefined || x === '') {
    row.v[ci] = '';
    clearFormula(row, ci);
    return;
  }
  if (typeof x === 'number') {
    row.v[ci] = isFinite(x) ? x : '#NUM!';
    clearFormula(row, ci);
    return;
  }
  if (typeof x === 'boolean') {
    row.v[ci] = x;
    clearFormula(row, ci);
    return;
  }
  if (isDateLike(x)) {
    const t = RealDate.prototype.getTime.call(x);
    clearFormula(row, ci);
    if (isNaN(t)) {
      row.v[ci] = '';
      return;
    }
    row.v[ci] = instantToSerial(t, env.tz);
    if (fmt === '') setFormat(row, ci, env.dateTimeFormat);
    return;
  }
  const s = typeof x === 'string' ? x : String(x);
  if (s.length > MAX_CELL_CHARS) {
    throw env.error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
  if (fmt === '@') {
    row.v[ci] = s;
    clearFormula(row, ci);
    return;
  }
  const p = parseTypedInput(s, env.locale, env.year());
  if (p.kind === 'formula') {
    setFormula(row, ci, p.formula);
    return;
  }
  clearFormula(row, ci);
  row.v[ci] = p.value;
  if (p.format && fmt === '') setFormat(row, ci, p.format);
}

export function writeFormula(row: Row, ci: number, formula: string, env: WriteEnv): void {
  if (formula === '') {
    row.v[ci] = '';
    clearFormula(row, ci);
    return;
  }
  if (formula[0] !== '=') {
    writeInput(row, ci, formula, env);
    return;
  }
  setFormula(row, ci, formula);
}

export function writeFormat(row: Row, ci: number, f: string): void {
  setFormat(row, ci, f);
}

/** Value as getValues() returns it. */
export function readValue(row: Row | undefined, ci: number, tz: string, DateCtor: DateConstructor): unknown {
  if (!row) return '';
  const v = row.fx && row.fx[ci] !== undefined ? (row.fr?.[ci] ?? FORMULA_VALUE) : row.v[ci];
  if (v === undefined) return '';
  if (typeof v === 'number') {
    const f = row.f?.[ci];
    if (f && isDateFormat(f)) return new DateCtor(serialToInstant(v, tz));
  }
  return v;
}

export function storedValue(row: Row | undefined, ci: number): Stored {
  if (!row) return '';
  if (row.fx && row.fx[ci] !== undefined) return row.fr?.[ci] ?? FORMULA_VALUE;
  const v = row.v[ci];
  return v === undefined ? '' : v;
}

export function hasContent(row: Row | undefined, ci: number): boolean {
  if (!row) return false;
  if (row.fx && row.fx[ci] !== undefined) return true;
  const v = row.v[ci];
  return v !== undefined && v !== '';
}

export function rowLastContent(row: Row | undefined): number {
  if (!row) return 0;
  let last = 0;
  for (let i = row.v.length - 1; i >= 0; i--) {
    const v = row.v[i];
    if (v !== undefined && v !== '') {
      last = i + 1;
      break;
    }
  }
  if (row.fx) {
    for (let i = row.fx.length - 1; i >= last; i--) {
      if (row.fx[i] !== undefined) {
        last = i + 1;
        break;
      }
    }
  }
  return last;
}

export function clearCell(row: Row, ci: number, contents: boolean, formats: boolean): void {
  if (contents) {
    if (ci < row.v.length) row.v[ci] = '';
    clearFormula(row, ci);
  }
  if (formats) {
    setFormat(row, ci, '');
    if (row.st && row.st[ci] !== undefined) row.st[ci] = undefined;
  }
}

/** A new row inheriting formats and styles (not values) from `from`. */
export function inheritRow(from: Row | undefined): Row | undefined {
  if (!from || (!from.f && !from.st)) return undefined;
  const r: Row = { v: [] };
  if (from.f) r.f = from.f.slice();
  if (from.st) r.st = from.st.map((s) => (s ? { ...s, note: undefined } : s));
  return r;
}

export function cloneRow(r: Row | undefined): Row | undefined {
  if (!r) return undefined;
  const c: Row = { v: r.v.slice() };
  if (r.f) c.f = r.f.slice();
  if (r.fx) c.fx = r.fx.slice();
  if (r.fr) c.fr = r.fr.slice();
  if (r.st) c.st = r.st.map((s) => (s ? { ...s } : s));
  return c;
}

/** Copies one cell (value, formula and its result, format, style) from src to dst. */
export function copyCell(src: Row | undefined, sci: number, dst: Row, dci: number, contents: boolean, formats: boolean): void {
  if (contents) {
    dst.v[dci] = src?.v[sci] ?? '';
    for (const k of ['fx', 'fr'] as const) {
      const x = src?.[k]?.[sci];
      if (x !== undefined) ((dst[k] ??= []) as unknown[])[dci] = x;
      else if (dst[k]) delete dst[k]![dci];
    }
  }
  if (formats) {
    const f = src?.f?.[sci];
    if (f !== undefined) (dst.f ??= [])[dci] = f;
    else if (dst.f) delete dst.f[dci];
    const st = src?.st?.[sci];
    if (st !== undefined) (dst.st ??= [])[dci] = { ...st };
    else if (dst.st) delete dst.st[dci];
  }
}

/** The per-cell arrays of a row, for column insertion and deletion. */
export function rowArrays(row: Row): unknown[][] {
  const out: unknown[][] = [row.v];
  if (row.f) out.push(row.f);
  if (row.fx) out.push(row.fx);
  if (row.fr) out.push(row.fr);
  if (row.st) out.push(row.st);
  if (row.cx) out.push(row.cx);
  if (row.sp) out.push(row.sp);
  return out;
}
