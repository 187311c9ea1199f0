/**
 * Stocks from the Analytics `warehouse_remains` report: one row per article, size,
 * barcode and warehouse. WB's pseudo-warehouses (in transit to buyers, returns in
 * transit, total on warehouses) become columns of their own, not warehouses.
 */
import { Cell } from '../gas/types';
import { field } from './cells';
import { ReportSpec } from './types';

export const IN_WAY_TO_CLIENT = 'В пути до получателей';
export const IN_WAY_FROM_CLIENT = 'В пути возвраты на склад WB';
export const TOTAL_ON_WAREHOUSES = 'Всего находится на складах';
const PSEUDO = [IN_WAY_TO_CLIENT, IN_WAY_FROM_CLIENT, TOTAL_ON_WAREHOUSES];

export const STOCKS: ReportSpec = {
  id: 'stocks',
  mode: 'snapshot',
  endpoint: 'stocksCreate',
  title: { ru: 'WB Остатки', en: 'WB Stocks' },
  keyColumns: ['barcode', 'warehouseName'],
  columns: [
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('barcode', 'text', 'Баркод', 'Barcode'),
    field('techSize', 'text', 'Размер', 'Size'),
    field('brand', 'text', 'Бренд', 'Brand'),
    field('subjectName', 'text', 'Предмет', 'Subject'),
    field('warehouseName', 'text', 'Склад', 'Warehouse'),
    field('quantity', 'int', 'Остаток, шт', 'Quantity'),
    field('inWayToClient', 'int', 'В пути к клиенту, шт', 'In transit to buyers'),
    field('inWayFromClient', 'int', 'В пути возвраты, шт', 'Returns in transit'),
    field('totalOnWarehouses', 'int', 'Всего на складах, шт', 'Total on warehouses'),
    field('snapshotAt', 'datetime', 'Снимок на', 'Snapshot at'),
  ],
};

export const STOCK_HISTORY: ReportSpec = {
  id: 'stockHistory',
  mode: 'derived',
  endpoint: 'stocksCreate',
  title: { ru: 'WB Остатки по дням', en: 'WB Stock by day' },
  keyColumns: ['day', 'nmId', 'vendorCode'],
  columns: [
    field('day', 'date', 'Дата', 'Date'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('quantity', 'int', 'Остаток на складах, шт', 'Quantity on warehouses'),
    field('inWayToClient', 'int', 'В пути к клиенту, шт', 'In transit to buyers'),
    field('inWayFromClient', 'int', 'В пути возвраты, шт', 'Returns in transit'),
  ],
};

function count(v: unknown): number {
  return typeof v === 'number' && isFinite(v) ? v : 0;
}

/** Flattens WB's grouped items into one row per warehouse (pseudo-warehouses as columns). */
export function flattenStocks(items: Record<string, unknown>[], snapshotAt: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const item of items) {
    const warehouses = Array.isArray(item.warehouses) ? (item.warehouses as Record<string, unknown>[]) : [];
    const pseudo: Record<string, number> = {};
    const real: Record<string, unknown>[] = [];
    for (const w of warehouses) {
      const name = typeof w.warehouseName === 'string' ? w.warehouseName : '';
      if (PSEUDO.indexOf(name) >= 0) pseudo[name] = (pseudo[name] || 0) + count(w.quantity);
      else real.push(w);
    }
    const base = {
      vendorCode: item.vendorCode,
      nmId: item.nmId,
      barcode: item.barcode,
      techSize: item.techSize,
      brand: item.brand,
      subjectName: item.subjectName,
      inWayToClient: pseudo[IN_WAY_TO_CLIENT] || 0,
      inWayFromClient: pseudo[IN_WAY_FROM_CLIENT] || 0,
      totalOnWarehouses: TOTAL_ON_WAREHOUSES in pseudo ? pseudo[TOTAL_ON_WAREHOUSES] : real.reduce((s, w) => s + count(w.quantity), 0),
      snapshotAt,
    };
    // An item with nothing on a real warehouse still shows its goods in transit.
    if (!real.length) rows.push({ ...base, warehouseName: '', quantity: 0 });
    for (const w of real) rows.push({ ...base, warehouseName: w.warehouseName, quantity: count(w.quantity) });
  }
  return rows;
}

/** Per-article totals of a snapshot for the daily history (keyed by the snapshot's Moscow day). */
export function historyRows(stockRows: Record<string, unknown>[], day: string): Record<string, unknown>[] {
  const byArticle = new Map<string, Record<string, unknown>>();
  const seenItems = new Set<string>();
  for (const r of stockRows) {
    const id = String(r.nmId) + '\u0001' + String(r.vendorCode);
    let agg = byArticle.get(id);
    if (!agg) {
      agg = { day, vendorCode: r.vendorCode, nmId: r.nmId, quantity: 0, inWayToClient: 0, inWayFromClient: 0 };
      byArticle.set(id, agg);
    }
    agg.quantity = (agg.quantity as number) + count(r.quantity);
    // Transit figures repeat on each warehouse row of an item: count each item once.
    const item = String(r.barcode) + '\u0001' + id;
    if (!seenItems.has(item)) {
      seenItems.add(item);
      agg.inWayToClient = (agg.inWayToClient as number) + count(r.inWayToClient);
      agg.inWayFromClient = (agg.inWayFromClient as number) + count(r.inWayFromClient);
    }
  }
  return Array.from(byArticle.values());
}

export function toRecords(spec: ReportSpec, rows: Record<string, unknown>[], locale: 'ru' | 'en'): Record<string, Cell>[] {
  return rows.map((row) => {
    const rec: Record<string, Cell> = {};
    for (const c of spec.columns) rec[c.id] = c.value(row, locale);
    return rec;
  });
}
