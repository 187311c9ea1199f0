/**
 * Numbers the dashboard shows, computed from the daily table (the same totals the WB_
 * formulas answer with), per article and in total, for a period.
 */
import { COST_MEASURES, MEASURES, Measure } from '../daily/measures';
import { DailyIndex } from '../daily/daily-index';
import { Cell } from '../gas/types';

export interface ArticleTotals {
  nmId: number | null;
  article: string;
  subject: string;
  title: string;
  /** net of cancellations */
  orders: number;
  /** every order of the period, cancelled ones too (buyout % divides by these) */
  ordersAll: number;
  /** orders of the period bought out and kept, counted on the order day as WB does */
  buyouts: number;
  sales: number;
  returns: number;
  /** kopecks, net of returns, at the seller-discount price */
  revenue: number;
  /** realization (kopecks) */
  realUnits: number;
  retail: number;
  payout: number;
  commission: number;
  logistics: number;
  storage: number;
  acceptance: number;
  penalties: number;
  deductions: number;
  additional: number;
  rebill: number;
  loyalty: number;
  paySchedule: number;
  /** per article from WB Реклама, WB Платное хранение, WB Платная приёмка (kopecks) */
  adSpend: number;
  storagePaid: number;
  acceptancePaid: number;
  /** realization units per size (trimmed, lower-case), for cost prices given per size */
  unitsBySize: Map<string, number>;
  /** all WB charges (kopecks): commission + logistics + storage + acceptance + penalties + deductions */
  costs: number;
}

/** What the dashboard reads of the daily table: all but the price fields it does not show and the row counts. */
const UNUSED: Measure[] = ['revFinishedPrice', 'revForPay', 'revTotalPrice', 'realRows'];
export const DASHBOARD_MEASURES: Measure[] = MEASURES.filter((m) => UNUSED.indexOf(m) < 0);

function first(index: DailyIndex, col: Cell[] | undefined, rows: number[]): string {
  for (const i of rows) if (col && col[i] !== null && col[i] !== undefined && col[i] !== '') return String(col[i]);
  return '';
}

export function articleTotals(index: DailyIndex, from: number, to: number): ArticleTotals[] {
  const range = { from, to };
  return index.byArticleRows().map((g) => {
    const s = (m: Measure) => index.sum(m, g.rows, range);
    const t: ArticleTotals = {
      nmId: g.nmId,
      article: first(index, index.cols.article, g.rows),
      subject: first(index, index.cols.subject, g.rows),
      title: first(index, index.cols.title, g.rows),
      orders: s('orders') - s('cancels'),
      ordersAll: s('orders'),
      buyouts: s('buyouts'),
      sales: s('sales'),
      returns: s('returns'),
      revenue: s('revPriceWithDisc'),
      realUnits: s('realUnits'),
      retail: s('retail'),
      payout: s('payout'),
      commission: s('commission'),
      logistics: s('logistics'),
      storage: s('storage'),
      acceptance: s('acceptance'),
      penalties: s('penalties'),
      deductions: s('deductions'),
      additional: s('additional'),
      rebill: s('rebill'),
      loyalty: s('loyalty'),
      paySchedule: s('paySchedule'),
      adSpend: s('adSpend'),
      storagePaid: s('storagePaid'),
      acceptancePaid: s('acceptancePaid'),
      unitsBySize: new Map(),
      costs: 0,
    };
    for (const i of g.rows) {
      const units = index.sum('realUnits', [i], range);
      if (!units) continue;
      const size = String(index.cols.size?.[i] ?? '').trim().toLowerCase();
      t.unitsBySize.set(size, (t.unitsBySize.get(size) || 0) + units);
    }
    for (const m of COST_MEASURES) t.costs += s(m);
    return t;
  });
}

export function sumTotals(list: ArticleTotals[]): ArticleTotals {
  const total: ArticleTotals = { nmId: null, article: '', subject: '', title: '', orders: 0, ordersAll: 0, buyouts: 0, sales: 0, returns: 0, revenue: 0, realUnits: 0, retail: 0, payout: 0, commission: 0, logistics: 0, storage: 0, acceptance: 0, penalties: 0, deductions: 0, additional: 0, rebill: 0, loyalty: 0, paySchedule: 0, adSpend: 0, storagePaid: 0, acceptancePaid: 0, unitsBySize: new Map(), costs: 0 };
  for (const t of list) {
    for (const k of Object.keys(total) as (keyof ArticleTotals)[]) {
      if (typeof total[k] === 'number' && typeof t[k] === 'number') (total as any)[k] += t[k] as number;
    }
  }
  return total;
}

/** Per day of the period: each measure summed over every row (one column per measure). */
export function dailySeries(index: DailyIndex, measures: Measure[], from: number, to: number): number[][] {
  const cols = measures.map((m) => index.perDay(m, null, from, to));
  const out: number[][] = [];
  for (let d = 0; d <= to - from; d++) out.push(cols.map((c) => (c[d] as number) || 0));
  return out;
}

/** End-of-day stock (all articles) per day; null where no snapshot was taken that day. */
export function stockSeries(index: DailyIndex, from: number, to: number): (number | null)[] {
  return index.perDay('stock', null, from, to);
}
