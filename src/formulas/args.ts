/**
 * Argument rules shared by the WB_ functions: articles (seller article, nmId or
 * barcode; a range gives a range), inclusive Moscow calendar days, price fields.
 */
import { Locale, texts } from '../texts/i18n';
import { DayRange, DaySerial } from '../daily/daily-index';

export type { DayRange, DaySerial };


/** Converts a Date handed in by Sheets to the serial of the wall clock the spreadsheet shows. */
export type DateToSerial = (date: Date) => number;

const UNIX_EPOCH_SERIAL = 25569;

function isDateLike(v: unknown): v is Date {
  return v instanceof Date || (typeof v === 'object' && v !== null && typeof (v as Date).getTime === 'function');
}

function daySerial(year: number, month: number, day: number): DaySerial | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return ms / 86400000 + UNIX_EPOCH_SERIAL;
}

export function parseDay(value: unknown, argName: string, toSerial: DateToSerial, locale: Locale): DaySerial | null {
  if (value === null || value === undefined || value === '') return null;
  if (isDateLike(value)) {
    if (isNaN(value.getTime())) throw new Error(texts(locale).fnBadDate(argName, String(value)));
    return Math.floor(toSerial(value) + 1e-9);
  }
  if (typeof value === 'number' && isFinite(value)) return Math.floor(value);
  const text = String(value).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let serial: DaySerial | null = null;
  if (m) serial = daySerial(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) serial = daySerial(Number(m[3]), Number(m[2]), Number(m[1]));
  if (serial === null) throw new Error(texts(locale).fnBadDate(argName, text));
  return serial;
}

export function parseDayRange(from: unknown, to: unknown, toSerial: DateToSerial, locale: Locale): DayRange {
  const range = { from: parseDay(from, locale === 'ru' ? 'с' : 'from', toSerial, locale), to: parseDay(to, locale === 'ru' ? 'по' : 'to', toSerial, locale) };
  if (range.from !== null && range.to !== null && range.from > range.to) throw new Error(texts(locale).fnBadRange);
  return range;
}

/** Applies `fn` to a single value or to every cell of a 2-D range, keeping its shape. */
export function mapArticles<T>(article: unknown, fn: (value: unknown) => T | ''): T | '' | (T | '')[][] {
  if (Array.isArray(article)) {
    return (article as unknown[]).map((line) => (Array.isArray(line) ? line : [line]).map((cell) => (isEmpty(cell) ? '' : fn(cell))));
  }
  return fn(article);
}

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
