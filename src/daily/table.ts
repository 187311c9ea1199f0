/**
 * The daily table's sheet ('WB Дни'): one row per year and item (nmId + barcode), the
 * item's names, then one cell per measure holding the year day by day (packing.ts).
 * Kept forever: rows are only ever rewritten for days recomputed from raw rows.
 */
import { TableSpec } from '../store/table';
import { ColumnSpec } from '../store/columns';
import { MEASURES, MEASURE_OLD_HEADERS, MEASURE_TITLES } from './measures';

export const DAILY_ID = 'daily';

const COLUMNS: ColumnSpec[] = [
  { id: 'period', type: 'date', ru: 'Год (с 1 января)', en: 'Year (from 1 January)' },
  { id: 'nmId', type: 'int', ru: 'Артикул WB', en: 'WB article (nmId)' },
  { id: 'barcode', type: 'text', ru: 'Баркод', en: 'Barcode' },
  { id: 'article', type: 'text', ru: 'Артикул продавца', en: 'Seller article' },
  { id: 'size', type: 'text', ru: 'Размер', en: 'Size' },
  { id: 'subject', type: 'text', ru: 'Предмет', en: 'Subject' },
  { id: 'brand', type: 'text', ru: 'Бренд', en: 'Brand' },
  { id: 'title', type: 'text', ru: 'Название', en: 'Title' },
  ...MEASURES.map((m): ColumnSpec => ({
    id: m,
    type: 'text',
    ru: MEASURE_TITLES[m].ru + ' по дням',
    en: MEASURE_TITLES[m].en + ' by day',
    aliases: MEASURE_OLD_HEADERS[m],
  })),
];

export const DAILY: TableSpec = {
  id: DAILY_ID,
  title: { ru: 'WB Дни', en: 'WB Days' },
  keyColumns: ['period', 'nmId', 'barcode'],
  columns: COLUMNS,
};

const UNIX_EPOCH_SERIAL = 25569;
const DAY_MS = 86400000;

/** Serial of 1 January of the day's year, and the day's slot (0-based) in it. */
export function periodOf(serial: number): { period: number; slot: number } {
  const day = Math.floor(serial + 1e-9);
  const d = new Date((day - UNIX_EPOCH_SERIAL) * DAY_MS);
  const period = Date.UTC(d.getUTCFullYear(), 0, 1) / DAY_MS + UNIX_EPOCH_SERIAL;
  return { period, slot: day - period };
}

/** Days in the year a period row covers (365 or 366). */
export function daysInPeriod(period: number): number {
  return periodOf(period + 365).period === period ? 366 : 365;
}
