/**
 * SpreadsheetApp TextFinder (Spreadsheet/Sheet/Range.createTextFinder).
 *
 * Cells are searched row by row, sheet after sheet. A cell is matched by its displayed
 * value; with matchFormulaText(true) a formula cell is matched by its formula text
 * instead (other cells still by their value). Case-insensitive unless matchCase(true);
 * partial unless matchEntireCell(true); plain text unless useRegularExpression(true)
 * (JavaScript RegExp standing in for RE2). findNext()/findPrevious() return null past the
 * last/first match (no wrap-around).
 *
 * Cost: each method is one SpreadsheetApp call; a search also charges
 * TEXT_FINDER_CELL_FACTOR of a cell's virtual time per non-empty cell it looks at (the
 * server searches without sending the cells to the script).
 */
import { cellA1 } from './a1';
import { Ctx, signatureError, Svc } from './context';
import { Row, storedValue, writeFormula, writeInput } from './grid';
import { displayValue, localeInfo } from './numfmt';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';

export const TEXT_FINDER_CELL_FACTOR = 0.05;

type Scope = { sheets: FakeSheet[]; rect?: { r1: number; c1: number; r2: number; c2: number } };

interface Hit {
  sheet: FakeSheet;
  r: number;
  c: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * Characters every match of the pattern must contain (a sound under-approximation: [] when
 * unsure). Lets a search skip formatting numbers that cannot match, which is most of a
 * report sheet when looking for formula text.
 */
export function requiredChars(text: string, regex: boolean): string[] {
  if (!regex) return Array.from(text);
  const src = text;
  if (src.includes('|')) return [];
  const out: string[] = [];
  const optional = (j: number) => src[j] === '*' || src[j] === '?' || (src[j] === '{' && /^\{0[,}]/.test(src.slice(j)));
  const afterQuant = (j: number) => {
    if (src[j] === '*' || src[j] === '+' || src[j] === '?') return src[j + 1] === '?' ? j + 2 : j + 1;
    const m = src[j] === '{' ? /^\{\d+(,\d*)?\}\??/.exec(src.slice(j)) : null;
    return m ? j + m[0].length : j;
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') {
      const e = src[i + 1];
      if (e !== undefined && /[dDwWsSbBntrfv]/.test(e)) {
        i = afterQuant(i + 2); // a one-character class or an assertion: no literal
        continue;
      }
      if (e === undefined || /[A-Za-z0-9]/.test(e)) return out; // \x.., \u.., \p{..}, back-references...: stop here
      if (!optional(i + 2)) out.push(e);
      i = afterQuant(i + 2);
    } else if (ch === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) return out;
      i = afterQuant(j + 1);
    } else if (ch === '(') {
      let depth = 0;
      let j = i;
      for (; j < src.length; j++) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') {
          while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
        } else if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      if (j >= src.length) return out;
      i = afterQuant(j + 1);
    } else if (ch === '.' || ch === '^' || ch === '$') {
      i = afterQuant(i + 1);
    } else if ('*+?{})]'.includes(ch)) {
      return out;
    } else {
      if (!optional(i + 1)) out.push(ch);
      i = afterQuant(i + 1);
    }
  }
  return out;
}

const alphabets = new Map<string, Set<string> | null>();

/** Every character a number can show under a format, or null when it may show words (month names, AM/PM...). */
function numberAlphabet(fmt: string, locale: string): Set<string> | null {
  const key = locale + '\u0000' + fmt;
  let a = alphabets.get(key);
  if (a === undefined) {
    if (/m{3,}|d{3,}|am\/pm|a\/p|\[\$/i.test(fmt)) a = null;
    else {
      const li = localeInfo(locale);
      a = new Set(Array.from('0123456789.,-+%Ee \u00a0\u202f#NUM!' + li.decimal + li.group + fmt));
    }
    alphabets.set(key, a);
  }
  return a;
}

export class FakeTextFinder extends Svc {
  private _matchCase = false;
  private _entire = false;
  private _formula = false;
  private _regex = false;
  private _diacritics = false;
  private _start: Hit | null = null;
  private _current: Hit | null = null;

  constructor(
    ctx: Ctx,
    private readonly _ss: FakeSpreadsheet,
    private readonly _scope: Scope,
    private readonly _text: string,
  ) {
    super(ctx, 'spreadsheet', 'TextFinder');
  }

  static create(ctx: Ctx, ss: FakeSpreadsheet, scope: Scope, findText: unknown, method: string): FakeTextFinder {
    if (typeof findText !== 'string') throw signatureError(ctx, method, [findText]);
    if (findText === '') throw ctx.error('Invalid argument: findText');
    return new FakeTextFinder(ctx, ss, scope, findText);
  }

  // ------------------------------------------------------------ options
  matchCase(matchCase: boolean): FakeTextFinder {
    this._matchCase = !!matchCase;
    return this;
  }
  matchEntireCell(matchEntireCell: boolean): FakeTextFinder {
    this._entire = !!matchEntireCell;
    return this;
  }
  matchFormulaText(matchFormulaText: boolean): FakeTextFinder {
    this._formula = !!matchFormulaText;
    return this;
  }
  useRegularExpression(useRegEx: boolean): FakeTextFinder {
    this._regex = !!useRegEx;
    return this;
  }
  ignoreDiacritics(ignoreDiacritics: boolean): FakeTextFinder {
    this._diacritics = !!ignoreDiacritics;
    return this;
  }
  startFrom(startRange: FakeRange): FakeTextFinder {
    if (!startRange || typeof (startRange as FakeRange)._r !== 'number') throw signatureError(this._ctx, 'SpreadsheetApp.TextFinder.startFrom', [startRange]);
    this._start = { sheet: startRange._sheet, r: startRange._r + startRange._nr - 1, c: startRange._c + startRange._nc - 1 };
    this._current = null;
    return this;
  }

  // ------------------------------------------------------------ searching
  private _pattern(global = false): RegExp {
    let src = this._regex ? this._text : escapeRegExp(this._diacritics ? stripDiacritics(this._text) : this._text);
    if (this._entire) src = `^(?:${src})$`;
    try {
      return new RegExp(src, (this._matchCase ? '' : 'i') + (global ? 'g' : ''));
    } catch {
      throw this._ctx.error(`Invalid regular expression: ${this._text}`);
    }
  }

  /** The text a cell is matched by, or null for an empty cell. */
  private _cellText(row: Row | undefined, ci: number): string | null {
    if (!row) return null;
    const fx = row.fx?.[ci];
    if (fx !== undefined && this._formula) return fx;
    const v = storedValue(row, ci);
    if (v === '') return null;
    const text = displayValue(v, row.f?.[ci] ?? '', this._ss._locale);
    return this._diacritics ? stripDiacritics(text) : text;
  }

  private _bounds(sheet: FakeSheet): { r1: number; c1: number; r2: number; c2: number } | null {
    const lastRow = sheet.getLastRow();
    const lastCol = sheet.getLastColumn();
    const x = this._scope.rect;
    const r1 = x ? x.r1 : 1;
    const c1 = x ? x.c1 : 1;
    const r2 = Math.min(x ? x.r2 : lastRow, lastRow);
    const c2 = Math.min(x ? x.c2 : lastCol, lastCol);
    return r2 >= r1 && c2 >= c1 ? { r1, c1, r2, c2 } : null;
  }

  /** Whether a number cell cannot match whatever it shows (so it need not be formatted). */
  private _cannotMatch(row: Row, ci: number, required: string[]): boolean {
    if (!required.length || this._diacritics) return false;
    const v = row.fx?.[ci] !== undefined ? (row.fr?.[ci] ?? '') : row.v[ci];
    if (typeof v !== 'number') return false;
    const alphabet = numberAlphabet(row.f?.[ci] ?? '', this._ss._locale);
    if (!alphabet) return false;
    return required.some((c) => !alphabet.has(c) && (this._matchCase || (!alphabet.has(c.toLowerCase()) && !alphabet.has(c.toUpperCase()))));
  }

  /** Every match in search order. */
  private _all(): Hit[] {
    const re = this._pattern();
    const required = requiredChars(this._text, this._regex);
    const hits: Hit[] = [];
    let looked = 0;
    for (const sheet of this._scope.sheets) {
      if (sheet._deleted) continue;
      const b = this._bounds(sheet);
      if (!b) continue;
      for (let r = b.r1; r <= b.r2; r++) {
        const row = sheet._rows[r - 1];
        if (!row) continue;
        for (let c = b.c1; c <= b.c2; c++) {
          if (!(this._formula && row.fx?.[c - 1] !== undefined) && this._cannotMatch(row, c - 1, required)) {
            looked++;
            continue;
          }
          const t = this._cellText(row, c - 1);
          if (t === null) continue;
          looked++;
          if (re.test(t)) hits.push({ sheet, r, c });
        }
      }
    }
    this._ctx.touch(looked * TEXT_FINDER_CELL_FACTOR);
    return hits;
  }

  private _order(h: Hit): [number, number, number] {
    return [this._scope.sheets.indexOf(h.sheet), h.r, h.c];
  }

  private _cmp(a: Hit, b: Hit): number {
    const x = this._order(a);
    const y = this._order(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  }

  private _cell(h: Hit): FakeRange {
    return h.sheet._range(h.r, h.c, 1, 1);
  }

  findAll(): FakeRange[] {
    return this._all().map((h) => this._cell(h));
  }

  findNext(): FakeRange | null {
    const from = this._current ?? this._start;
    const next = this._all().find((h) => !from || this._cmp(h, from) > 0) ?? null;
    if (next) this._current = next;
    return next ? this._cell(next) : null;
  }

  findPrevious(): FakeRange | null {
    const from = this._current ?? this._start;
    const hits = this._all().filter((h) => !from || this._cmp(h, from) < 0);
    const prev = hits.length ? hits[hits.length - 1] : null;
    if (prev) this._current = prev;
    return prev ? this._cell(prev) : null;
  }

  getCurrentMatch(): FakeRange | null {
    return this._current ? this._cell(this._current) : null;
  }

  // ------------------------------------------------------------ replacing
  private _replace(h: Hit, replaceText: string): number {
    const row = h.sheet._row(h.r, true)!;
    const ci = h.c - 1;
    const isFormula = row.fx?.[ci] !== undefined && this._formula;
    const text = isFormula ? row.fx![ci] : this._cellText(row, ci);
    if (text === null) return 0;
    const re = this._pattern(true);
    let n = 0;
    const out = text.replace(re, (...m) => {
      n++;
      return this._regex ? String(replaceText).replace(/\$(\d)/g, (_, d) => String(m[Number(d)] ?? '')) : String(replaceText);
    });
    if (n === 0) return 0;
    const env = this._ss._writeEnv();
    if (isFormula) writeFormula(row, ci, out, env);
    else writeInput(row, ci, out, env);
    this._ctx.cells(0, 1);
    h.sheet._dirty();
    this._ss._calc?.cellsChanged(h.sheet, h.r, h.c, 1, 1);
    return n;
  }

  replaceAllWith(replaceText: string): number {
    if (typeof replaceText !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.TextFinder.replaceAllWith', [replaceText]);
    return this._all().reduce((n, h) => n + this._replace(h, replaceText), 0);
  }

  replaceWith(replaceText: string): number {
    if (typeof replaceText !== 'string') throw signatureError(this._ctx, 'SpreadsheetApp.TextFinder.replaceWith', [replaceText]);
    return this._current ? this._replace(this._current, replaceText) : 0;
  }

  toString(): string {
    return `TextFinder(${this._text}${this._start ? ' from ' + cellA1(this._start.r, this._start.c) : ''})`;
  }
}
