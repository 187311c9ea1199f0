/**
 * What the dashboard reads: the daily table (all its measures and names), the stock
 * snapshot, and the last 30 days of raw orders (only the columns the stock forecast
 * uses, only the rows of those days).
 */
import { Cell, SpreadsheetGateway } from '../gas/types';
import { dayOf } from '../daily/aggregate';
import { DAILY } from '../daily/table';
import { DailyIndex } from '../daily/daily-index';
import { ORDERS } from '../reports/orders';
import { STOCKS } from '../reports/stocks';
import { SheetTable } from '../store/table';
import { DASHBOARD_MEASURES } from './metrics';

export function loadDaily(gateway: SpreadsheetGateway): DailyIndex | null {
  const table = SheetTable.find(gateway, DAILY);
  if (!table) return null;
  const ids = ['period', 'nmId', 'barcode', 'article', 'size', 'subject', 'title', ...DASHBOARD_MEASURES];
  const cols = table.readColumns(ids);
  const col = (id: string) => cols.get(id) || [];
  const measures: Record<string, Cell[]> = {};
  for (const m of DASHBOARD_MEASURES) measures[m] = col(m);
  return new DailyIndex({ period: col('period'), nmId: col('nmId'), barcode: col('barcode'), article: col('article'), size: col('size'), subject: col('subject'), title: col('title'), measures });
}

/** The latest stock snapshot: the columns WB_STOCK, WB_SUMMARY and the forecast use (the snapshot can be tens of thousands of rows). */
export function loadStocks(gateway: SpreadsheetGateway): Record<string, Cell>[] | null {
  const table = SheetTable.find(gateway, STOCKS);
  return table ? table.readRecords(['vendorCode', 'nmId', 'barcode', 'warehouseName', 'quantity']) : null;
}

/** Order rows dated `today - days` .. `today - 1`. */
export function loadRecentOrders(gateway: SpreadsheetGateway, today: number, days: number): Record<string, Cell>[] {
  const table = SheetTable.find(gateway, ORDERS);
  const dates = table ? table.readColumn('date') : null;
  if (!table || !dates) return [];
  let first = -1;
  let last = -1;
  dates.forEach((v, i) => {
    const d = dayOf(v);
    if (d === null || d < today - days || d > today - 1) return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) return [];
  const ids = ['date', 'nmId', 'supplierArticle', 'warehouseName', 'warehouseType'];
  // One span from the first to the last such row: new orders are appended at the bottom.
  return table.readRecords(ids, first + 2, last + 2).filter((r) => {
    const d = dayOf(r.date);
    return d !== null && d >= today - days && d <= today - 1;
  });
}
