/**
 * Stock cover per article and warehouse: stock now (the latest snapshot), sales rate
 * over the last 7, 14 and 30 days (units bought out per day at that warehouse, from the
 * raw sales sheet), days of stock left at the 14-day rate (30-day when the last two
 * weeks sold nothing), a reorder flag under the seller's threshold, and units to send to
 * cover the target number of days.
 */
import { Cell } from '../gas/types';
import { saleKind } from '../reports/sales';

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

/**
 * `stocks`: snapshot rows (vendorCode, nmId, warehouseName, quantity); `sales`: raw
 * sales rows of at least the last 30 days (date, saleID, nmId, warehouseName).
 */
export function stockForecast(stocks: Record<string, Cell>[], sales: Record<string, Cell>[], today: number, threshold: number, target: number): StockLine[] {
  const key = (nm: Cell, w: Cell) => String(nm ?? '') + '\u0001' + String(w ?? '').trim();
  const lines = new Map<string, StockLine>();
  for (const r of stocks) {
    const k = key(r.nmId, r.warehouseName);
    let l = lines.get(k);
    if (!l) {
      l = { nmId: typeof r.nmId === 'number' ? r.nmId : null, article: String(r.vendorCode ?? ''), warehouse: String(r.warehouseName ?? '').trim(), stock: 0, rate7: 0, rate14: 0, rate30: 0, daysLeft: null, reorder: false, toSend: 0 };
      lines.set(k, l);
    }
    if (typeof r.quantity === 'number') l.stock += r.quantity;
  }
  const sold = new Map<string, [number, number, number]>();
  for (const r of sales) {
    if (saleKind(r.saleID) !== 'sale' || typeof r.date !== 'number') continue;
    const age = today - Math.floor(r.date + 1e-9); // 1 = yesterday
    if (age < 1 || age > 30) continue;
    const k = key(r.nmId, r.warehouseName);
    const c = sold.get(k) || [0, 0, 0];
    if (age <= 7) c[0]++;
    if (age <= 14) c[1]++;
    c[2]++;
    sold.set(k, c);
  }
  lines.forEach((l, k) => {
    const c = sold.get(k) || [0, 0, 0];
    l.rate7 = round2(c[0] / 7);
    l.rate14 = round2(c[1] / 14);
    l.rate30 = round2(c[2] / 30);
    const rate = c[1] > 0 ? c[1] / 14 : c[2] / 30;
    l.daysLeft = rate > 0 ? Math.round((l.stock / rate) * 10) / 10 : null;
    l.reorder = l.daysLeft !== null && l.daysLeft < threshold;
    l.toSend = rate > 0 ? Math.max(0, Math.ceil(rate * target - l.stock)) : 0;
  });
  return Array.from(lines.values()).sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.article.localeCompare(b.article) || a.warehouse.localeCompare(b.warehouse));
}
