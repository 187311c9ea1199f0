/**
 * Buyouts the way WB counts them: on the day the item was ORDERED. An order (one unit,
 * one `srid`) is bought out when the sales sheet holds its sale row ("S…") and no return
 * row ("R…") for the same `srid`. The daily table keeps, per order day, how many of that
 * day's orders were bought out; buyout % = those ÷ all orders of the period, so it can
 * never pass 100 %. A sale or return arriving days later changes the count of its
 * ORDER day: those days are recomputed (orderDaysOfSales).
 */
import { Cell, SpreadsheetGateway } from '../gas/types';
import { ORDERS } from '../reports/orders';
import { SALES, saleKind } from '../reports/sales';
import { SheetTable } from '../store/table';
import { dayOf } from './aggregate';

const sridOf = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Whether an srid was bought out and kept; null when there is no sales sheet. */
export function boughtOutLookup(gateway: SpreadsheetGateway): ((srid: Cell | undefined) => boolean) | null {
  const table = SheetTable.find(gateway, SALES);
  if (!table) return null;
  const cols = table.readColumns(['srid', 'saleID']);
  const srids = cols.get('srid') || [];
  const ids = cols.get('saleID') || [];
  const sold = new Set<string>();
  const returned = new Set<string>();
  srids.forEach((s, i) => {
    const srid = sridOf(s);
    if (!srid) return;
    const kind = saleKind(ids[i]);
    if (kind === 'sale') sold.add(srid);
    else if (kind === 'return') returned.add(srid);
  });
  return (s) => {
    const srid = sridOf(s);
    return srid !== '' && sold.has(srid) && !returned.has(srid);
  };
}

/**
 * The order days of the sales rows dated on `days` (every day when null): the days whose
 * buyout counts those rows change. Empty when either sheet is missing.
 */
export function orderDaysOfSales(gateway: SpreadsheetGateway, days: Set<number> | null): number[] {
  const sales = SheetTable.find(gateway, SALES);
  const orders = SheetTable.find(gateway, ORDERS);
  if (!sales || !orders) return [];
  const s = sales.readColumns(['date', 'srid']);
  const saleDates = s.get('date') || [];
  const wanted = new Set<string>();
  (s.get('srid') || []).forEach((v, i) => {
    const d = dayOf(saleDates[i]);
    if (d !== null && (days === null || days.has(d)) && sridOf(v)) wanted.add(sridOf(v));
  });
  if (!wanted.size) return [];
  const o = orders.readColumns(['date', 'srid']);
  const orderDates = o.get('date') || [];
  const out = new Set<number>();
  (o.get('srid') || []).forEach((v, i) => {
    const d = dayOf(orderDates[i]);
    if (d !== null && wanted.has(sridOf(v))) out.add(d);
  });
  return Array.from(out).sort((a, b) => a - b);
}

/** WB's buyout %: orders of the period bought out (counted on their order day) ÷ all its orders; '' without orders. */
export function buyoutPercent(t: { buyouts: number; ordersAll: number }): number | '' {
  return t.ordersAll > 0 ? Math.round((Math.min(t.buyouts, t.ordersAll) / t.ordersAll) * 1000) / 10 : '';
}
