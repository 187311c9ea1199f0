/**
 * Stock cover per article and warehouse: stock now (the latest snapshot), the order rate
 * over the last 7, 14 and 30 days (units ordered per day from that warehouse, from the
 * raw orders sheet: a unit leaves the shelf when it is ordered, not when it is bought
 * out days later; WB's own turnover and `avgOrdersCountPerDay` count orders too), days
 * of stock left at the 14-day rate (30-day when the last two weeks had no orders), a
 * reorder flag under the seller's threshold, and units to send to cover the target
 * number of days. A warehouse with no stock left but orders in the last 30 days is
 * listed too (0 days, reorder): it is the one that needs a supply most.
 */
import { Cell } from '../gas/types';
import { rowCount } from '../bigquery/dashboard-source';

export interface StockLine {
  nmId: number | null;
  article: string;
  warehouse: string;
  stock: number;
  rate7: number;
  rate14: number;
  rate30: number;
  daysLeft: number | null;
  reorder: boolean;
  toSend: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Orders shipped from the seller's own warehouse (FBS) never touch WB's stock. */
const SELLER_WAREHOUSE = 'склад продавца';

/**
 * `stocks`: snapshot rows (vendorCode, nmId, warehouseName, quantity); `orders`: raw
 * order rows of at least the last 30 days (date, nmId, supplierArticle, warehouseName,
 * warehouseType; a row grouped in BigQuery carries its count in `_rows`). Every order
 * counts, cancelled ones included, as in WB's order rate.
 */
export function stockForecast(stocks: Record<string, Cell>[], orders: Record<string, Cell>[], today: number, threshold: number, target: number): StockLine[] {
  // Matching ignores stray spaces; the sheet shows the names exactly as WB sent them.
  const key = (nm: Cell, w: Cell) => String(nm ?? '') + '\u0001' + String(w ?? '').trim();
  const lines = new Map<string, StockLine>();
  const line = (nm: Cell, article: Cell, warehouse: Cell): StockLine => {
    const k = key(nm, warehouse);
    let l = lines.get(k);
    if (!l) {
      l = { nmId: typeof nm === 'number' ? nm : null, article: String(article ?? ''), warehouse: String(warehouse ?? ''), stock: 0, rate7: 0, rate14: 0, rate30: 0, daysLeft: null, reorder: false, toSend: 0 };
      lines.set(k, l);
    } else if (!l.article && article) l.article = String(article);
    return l;
  };
  for (const r of stocks) {
    const l = line(r.nmId, r.vendorCode, r.warehouseName);
    if (typeof r.quantity === 'number') l.stock += r.quantity;
  }
  const ordered = new Map<string, [number, number, number]>();
  for (const r of orders) {
    if (typeof r.date !== 'number' || String(r.warehouseType ?? '').trim().toLowerCase() === SELLER_WAREHOUSE) continue;
    const age = today - Math.floor(r.date + 1e-9); // 1 = yesterday
    if (age < 1 || age > 30) continue;
    line(r.nmId, r.supplierArticle, r.warehouseName);
    const k = key(r.nmId, r.warehouseName);
    const c = ordered.get(k) || [0, 0, 0];
    const n = rowCount(r);
    if (age <= 7) c[0] += n;
    if (age <= 14) c[1] += n;
    c[2] += n;
    ordered.set(k, c);
  }
  lines.forEach((l, k) => {
    const c = ordered.get(k) || [0, 0, 0];
    l.rate7 = round2(c[0] / 7);
    l.rate14 = round2(c[1] / 14);
    l.rate30 = round2(c[2] / 30);
    const rate = c[1] > 0 ? c[1] / 14 : c[2] / 30;
    l.daysLeft = rate > 0 ? Math.round((Math.max(0, l.stock) / rate) * 10) / 10 : null;
    l.reorder = l.daysLeft !== null && l.daysLeft < threshold;
    l.toSend = rate > 0 ? Math.max(0, Math.ceil(rate * target - l.stock)) : 0;
  });
  return Array.from(lines.values()).sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.article.localeCompare(b.article) || a.warehouse.localeCompare(b.warehouse));
}
