/**
 * Column types and how their cells look in Sheets. Text columns are plain-text
 * formatted before anything is written, so WB text (articles like "00123",
 * "2026-01-02" or "=SUM(A1)") stays exactly as WB sent it and never becomes a
 * number, a date or a formula.
 */
import { Cell } from '../gas/types';

export type ColumnType = 'text' | 'int' | 'number' | 'money' | 'datetime' | 'date' | 'bool';

export interface ColumnSpec {
  id: string;
  ru: string;
  en: string;
  type: ColumnType;
  /** Headers an earlier version wrote for this column, so a renamed header still finds its data. */
  aliases?: string[];
}

export const NUMBER_FORMATS: Record<ColumnType, string> = {
  text: '@',
  int: '0',
  number: '0.##',
  money: '#,##0.00 "₽"',
  datetime: 'dd.mm.yyyy hh:mm:ss',
  date: 'dd.mm.yyyy',
  bool: '',
};

export function headerFor(column: ColumnSpec, locale: 'ru' | 'en'): string {
  return locale === 'en' ? column.en : column.ru;
}

/** Whether two cells hold the same value for a column type (dates compared to the second). */
export function sameCell(type: ColumnType, a: Cell, b: Cell): boolean {
  const emptyA = a === null || a === '';
  const emptyB = b === null || b === '';
  if (emptyA || emptyB) return emptyA && emptyB;
  if (type === 'text') return String(a) === String(b);
  if (typeof a === 'number' && typeof b === 'number') {
    if (type === 'datetime' || type === 'date') return Math.round(a * 86400) === Math.round(b * 86400);
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}
