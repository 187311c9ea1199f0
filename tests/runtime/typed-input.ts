/**
 * How Sheets interprets a string written by setValue(s) into a cell that is not
 * plain text: numbers, percents, dates, booleans and formulas are recognized like
 * typed input (USER_ENTERED).
 */
import { SERIAL_EPOCH_OFFSET } from './tz';

export type Parsed =
  | { kind: 'formula'; formula: string }
  | { kind: 'value'; value: string | number | boolean; format?: string };

const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NUM_COMMA = /^[+-]?\d+,\d+$/;
const NUM_GROUPED_EN = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s?%$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const DAY_MONTH = /^(\d{1,2})\.(\d{1,2})$/;
const MONTH_DAY = /^(\d{1,2})\/(\d{1,2})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function serialOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, ms);
  return dt.getTime() / 86400000 + SERIAL_EPOCH_OFFSET;
}

function year2(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function ms3(s: string | undefined): number {
  return s ? Number(s.padEnd(3, '0')) : 0;
}

/**
 * Parses `s` as Sheets would when a user types it into a cell of the given spreadsheet
 * locale. `currentYear` completes partial dates ("01.02" in ru, "1/2" in en).
 */
export function parseTypedInput(s: string, locale: string, currentYear = new Date().getUTCFullYear()): Parsed {
  if (s.length > 1 && s[0] === '=') return { kind: 'formula', formula: s };
  // a leading '+' starts a formula in Sheets ("+7-900" becomes =+7-900), unless it is a plain number
  if (s.length > 1 && s[0] === '+' && !NUM.test(s.trim()) && !PERCENT.test(s.trim())) return { kind: 'formula', formula: '=' + s };
  if (s[0] === "'") return { kind: 'value', value: s.slice(1) };
  const t = s.trim();
  if (t === '') return { kind: 'value', value: s };
  const ru = /^ru/i.test(locale);
  const commaDecimal = /^(ru|de|fr|es|it|pt|uk|be|kk|pl|tr|nl|cs|sv|fi|nb|da|ro|hu|bg|sr|hr|sk|sl|lt|lv|et|id|vi)/i.test(locale);

  const up = t.toUpperCase();
  if (up === 'TRUE' || (ru && up === 'ИСТИНА')) return { kind: 'value', value: true };
  if (up === 'FALSE' || (ru && up === 'ЛОЖЬ')) return { kind: 'value', value: false };

  if (commaDecimal) {
    const dm = DAY_MONTH.exec(t);
    const ser = dm ? serialOf(currentYear, +dm[2], +dm[1]) : undefined;
    if (ser !== undefined) return { kind: 'value', value: ser, format: 'dd.mm' };
  }
  if (NUM.test(t)) {
    const n = Number(t);
    if (isFinite(n)) return /e/i.test(t) ? { kind: 'value', value: n, format: '0.00E+00' } : { kind: 'value', value: n };
  }
  if (commaDecimal && NUM_COMMA.test(t)) return { kind: 'value', value: Number(t.replace(',', '.')) };
  if (!commaDecimal && NUM_GROUPED_EN.test(t)) {
    const n = Number(t.replace(/,/g, ''));
    return { kind: 'value', value: n, format: t.includes('.') ? '#,##0.00' : '#,##0' };
  }
  let m = PERCENT.exec(t);
  if (m && (commaDecimal || !m[1].includes(','))) {
    const num = m[1].replace(',', '.');
    const n = Number(num) / 100;
    if (isFinite(n)) return { kind: 'value', value: n, format: /[.]\d/.test(num) ? '0.00%' : '0%' };
  }
  m = ISO.exec(t);
  if (m) {
    const ser = serialOf(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms3(m[7]));
    if (ser !== undefined) return { kind: 'value', value: ser, format: m[4] ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' };
  }
  m = DOTTED.exec(t);
  if (m && commaDecimal) {
    const ser = serialOf(year2(m[3]), +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms3(m[7]));
    if (ser !== undefined) return { kind: 'value', value: ser, format: m[4] ? 'dd.mm.yyyy hh:mm:ss' : 'dd.mm.yyyy' };
  }
  m = commaDecimal ? null : MONTH_DAY.exec(t);
  if (m) {
    const ser = serialOf(currentYear, +m[1], +m[2]);
    if (ser !== undefined) return { kind: 'value', value: ser, format: 'm/d' };
  }
  m = SLASHED.exec(t);
  if (m) {
    // en_US reads M/d/yyyy; comma-decimal locales read d/M/yyyy
    const [mo, d] = commaDecimal ? [+m[2], +m[1]] : [+m[1], +m[2]];
    const ser = serialOf(year2(m[3]), mo, d, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms3(m[7]));
    if (ser !== undefined) {
      const f = commaDecimal ? 'dd/mm/yyyy' : 'm/d/yyyy';
      return { kind: 'value', value: ser, format: m[4] ? f + ' h:mm:ss' : f };
    }
  }
  m = TIME.exec(t);
  if (m) {
    const h = +m[1];
    const mi = +m[2];
    const sec = +(m[3] ?? 0);
    if (h <= 23 && mi <= 59 && sec <= 59) {
      return { kind: 'value', value: (h * 3600000 + mi * 60000 + sec * 1000 + ms3(m[4])) / 86400000, format: m[3] ? 'h:mm:ss' : 'h:mm' };
    }
  }
  return { kind: 'value', value: s };
}
