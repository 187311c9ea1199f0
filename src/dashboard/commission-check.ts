/**
 * WB's commission as its tariff says against what the realization report charged, per
 * article, for the unit economics sheet.
 *
 * Per sale or return row of `WB Реализация` in the period (by operation date):
 * - model: FBS when the row has an assembly task («Номер сборочного задания», WB's
 *   `assembly_id`, set only for goods the seller shipped), FBW otherwise; the tariff's
 *   rate is `kgvpMarketplace` for FBS and `paidStorageKgvp` («Склад WB») for FBW;
 * - base: «Цена розничная с учётом скидки» × quantity, the price WB's commission % applies to;
 * - expected = rate × base, rounded to the kopeck per row (as WB rounds each row);
 * - charged = «Вознаграждение WB без НДС» + «НДС с вознаграждения WB» of the row;
 * returns count negative. Difference = charged − expected: positive when WB kept more.
 * A row grouped in BigQuery (equal rows, their count in `_rows`) counts that many times.
 */
import { Cell } from '../gas/types';
import { dayOf, kopecks } from '../daily/aggregate';
import { RETURN_OPERATION, SALE_OPERATION } from '../reports/realization';
import type { RatesBySubject } from '../sync/commission-rates';
import { rowCount } from '../bigquery/dashboard-source';

export const COMMISSION_IDS = ['rrDate', 'nmId', 'vendorCode', 'subjectName', 'sellerOperName', 'quantity', 'retailPriceWithDisc', 'vw', 'vwNds', 'orderId'];

export interface CommissionLine {
  article: string;
  nmId: number;
  subject: string;
  /** Tariff %, null when this model did not sell the article in the period. */
  fbwRate: number | null;
  fbsRate: number | null;
  baseKop: number;
  /** null when WB's tariff does not list the subject. */
  expectedKop: number | null;
  chargedKop: number;
}

export interface CommissionCheck {
  lines: CommissionLine[];
  /** Whether the tariff is known at all (false: no rates stored yet, or no key reaches common-api). */
  haveRates: boolean;
  noKey: boolean;
}

const abs = Math.abs;

function isFbs(orderId: Cell | undefined): boolean {
  const s = orderId === null || orderId === undefined ? '' : String(orderId).trim();
  return s !== '' && s !== '0';
}

export function commissionLines(rows: Record<string, Cell>[], rates: RatesBySubject, from: number, to: number): CommissionLine[] {
  const by = new Map<number, CommissionLine>();
  for (const r of rows) {
    const op = r.sellerOperName;
    if (op !== SALE_OPERATION && op !== RETURN_OPERATION) continue;
    const d = dayOf(r.rrDate);
    if (d === null || d < from || d > to || typeof r.nmId !== 'number') continue;
    const k = (op === RETURN_OPERATION ? -1 : 1) * rowCount(r);
    const subject = typeof r.subjectName === 'string' ? r.subjectName : '';
    const fbs = isFbs(r.orderId);
    const tariff = rates[subject];
    const rate = tariff ? tariff[fbs ? 1 : 0] : null;
    const qty = typeof r.quantity === 'number' && r.quantity ? abs(r.quantity) : 1;
    const base = abs(kopecks(r.retailPriceWithDisc)) * qty;
    let line = by.get(r.nmId);
    if (!line) {
      line = { article: typeof r.vendorCode === 'string' ? r.vendorCode : String(r.vendorCode ?? ''), nmId: r.nmId, subject, fbwRate: null, fbsRate: null, baseKop: 0, expectedKop: 0, chargedKop: 0 };
      by.set(r.nmId, line);
    }
    if (fbs) line.fbsRate = rate;
    else line.fbwRate = rate;
    line.baseKop += k * base;
    line.chargedKop += k * abs(kopecks(r.vw) + kopecks(r.vwNds));
    if (rate === null || line.expectedKop === null) line.expectedKop = null;
    else line.expectedKop += k * Math.round((base * rate) / 100);
  }
  return Array.from(by.values()).sort((a, b) => b.baseKop - a.baseKop || a.article.localeCompare(b.article));
}
