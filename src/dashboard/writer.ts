/**
 * What the dashboard builders share: cell formats and colours, and a writer that puts
 * blocks of values on a dashboard sheet and remembers the area it wrote (the next build
 * clears just that, so the seller's own cells elsewhere stay).
 */
import { Cell, DashboardSheet } from '../gas/types';
import { Locale } from '../texts/i18n';

export const MONEY = '#,##0.00 "₽"';
export const INT = '0';
export const PCT = '0.0';
export const DATE = 'dd.mm.yyyy';
export const TEXT = '@';
export const HEADER_BG = '#e8eaf6';
export const RED = '#f4c7c3';
export const AMBER = '#fce8b2';

export const rub = (kop: number) => Math.round(kop) / 100;
export const pct = (part: number, whole: number): number | '' => (whole ? Math.round((part / whole) * 1000) / 10 : '');

export function isoDay(serial: number, locale: Locale): string {
  const iso = new Date((serial - 25569) * 86400000).toISOString().slice(0, 10);
  return locale === 'ru' ? iso.slice(8, 10) + '.' + iso.slice(5, 7) + '.' + iso.slice(0, 4) : iso;
}

export function dateCell(v: Cell): number | null {
  return typeof v === 'number' && isFinite(v) ? Math.floor(v + 1e-9) : null;
}

export interface Writer {
  sheet: DashboardSheet;
  cells: number;
  /** The area this build wrote (the next build clears just that: the seller's cells elsewhere stay). */
  rows: number;
  cols: number;
}

export function put(w: Writer, row: number, col: number, values: Cell[][], formats?: string[] | string[][]): void {
  if (!values.length || !values[0].length) return;
  w.sheet.writeBlock(row, col, values, formats);
  w.cells += values.length * values[0].length;
  w.rows = Math.max(w.rows, row + values.length - 1);
  w.cols = Math.max(w.cols, col + values[0].length - 1);
}

export function header(w: Writer, row: number, col: number, labels: string[]): void {
  put(w, row, col, [labels], labels.map(() => TEXT));
  w.sheet.styleBlock({ row, col, numRows: 1, numCols: labels.length }, { bold: true, background: HEADER_BG, wrap: true, verticalAlign: 'middle' });
}

export function title(w: Writer, text: string, note: string): void {
  put(w, 1, 1, [[text]], [TEXT]);
  w.sheet.styleBlock({ row: 1, col: 1, numRows: 1, numCols: 1 }, { bold: true, fontSize: 14 });
  if (note) {
    put(w, 3, 1, [[note]], [TEXT]);
    w.sheet.styleBlock({ row: 3, col: 1, numRows: 1, numCols: 1 }, { italic: true, fontColor: '#5f6368' });
  }
}

