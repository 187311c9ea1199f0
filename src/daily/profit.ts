/**
 * Profit of an article for a period, from the daily measures (kopecks), the seller's
 * cost price and the tax settings. One definition, used by WB_PROFIT / WB_MARGIN /
 * WB_ROI and the unit economics sheet, so a formula and the sheet never disagree:
 *
 *   to pay before storage = payout for goods − logistics − penalties − deductions
 *                           + WB's fee adjustment − loyalty programme + schedule change
 *                           («Итого к оплате» without WB's storage and acceptance lines)
 *   profit before tax     = to pay before storage − paid storage − paid acceptance
 *                           − ad spend − cost price × units − other costs × units
 *   profit                = profit before tax − tax
 *
 * Storage and acceptance come from WB's paid storage and acceptance reports (per
 * article) once those reports are loaded: they itemize the same charges the realization
 * report books mostly without an article, so only one of the two is counted. Without
 * them (no Analytics key) the realization report's own storage and acceptance lines are
 * used.
 */
import { TaxRegime } from '../sync/settings';
import { Measure, bankPayment } from './measures';

/** The measures profit is built from. */
const PROFIT_PARTS = [
  'realUnits',
  'retail',
  'payout',
  'logistics',
  'storage',
  'acceptance',
  'penalties',
  'deductions',
  'additional',
  'loyalty',
  'paySchedule',
  'storagePaid',
  'acceptancePaid',
  'adSpend',
] as const;
export const PROFIT_MEASURES: Measure[] = PROFIT_PARTS.slice();

export type ProfitSums = Record<(typeof PROFIT_PARTS)[number], number>;

export interface ProfitSettings {
  taxRegime: TaxRegime;
  /** % */
  taxRate: number;
  /** rubles per unit */
  otherCostPerUnit: number;
}

export interface ProfitSources {
  /** WB Платное хранение was loaded: its per-article storage replaces the realization's. */
  paidStorage: boolean;
  /** WB Платная приёмка was loaded: likewise for acceptance. */
  paidAcceptance: boolean;
}

/** Every part in kopecks (the sheet shows rubles). */
export interface ProfitBreakdown {
  units: number;
  /** «WB реализовал», sales minus returns: the income the tax is computed on */
  income: number;
  /** WB's «Итого к оплате» from the realization report */
  bank: number;
  /** storage and acceptance counted (paid reports, or the realization's lines) */
  storage: number;
  acceptance: number;
  ads: number;
  /** cost price × units; null without a cost price */
  cost: number | null;
  other: number;
  tax: number;
  /** null without a cost price: profit without it would flatter the article */
  profit: number | null;
}

const kop = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The tax of a period, in whole kopecks:
 * - УСН «доходы» and a custom rate: rate × income (sales minus returns at the amount
 *   buyers paid, «WB реализовал»: under a commission agreement the seller's income is
 *   the full sale price, not WB's payout);
 * - УСН «доходы − расходы»: rate × max(0, profit before tax) (income − every expense
 *   above = profit before tax);
 * - ОСНО: the VAT inside the income, income × rate ÷ (100 + rate); profit tax is out of scope.
 */
export function taxOf(settings: ProfitSettings, income: number, beforeTax: number): number {
  const r = settings.taxRate;
  switch (settings.taxRegime) {
    case 'usn6':
    case 'custom':
      return Math.round((income * r) / 100);
    case 'usn15':
      return Math.round((Math.max(0, beforeTax) * r) / 100);
    case 'osno':
      return Math.round((income * r) / (100 + r));
    default:
      return 0;
  }
}

/** `costOfGoods`: cost price × units in kopecks (per size where priced per size); null: no cost price. */
export function profitOf(s: ProfitSums, costOfGoods: number | null, settings: ProfitSettings, sources: ProfitSources): ProfitBreakdown {
  const bank = bankPayment(s);
  const storage = sources.paidStorage ? s.storagePaid : s.storage;
  const acceptance = sources.paidAcceptance ? s.acceptancePaid : s.acceptance;
  // «Итого к оплате» with the storage and acceptance actually counted.
  const toPay = kop(bank + s.storage + s.acceptance - storage - acceptance);
  const units = s.realUnits;
  const other = Math.round(settings.otherCostPerUnit * 100) * units;
  const cost = costOfGoods;
  const beforeTax = kop(toPay - s.adSpend - (cost ?? 0) - other);
  const tax = taxOf(settings, s.retail, beforeTax);
  return {
    units,
    income: s.retail,
    bank,
    storage,
    acceptance,
    ads: s.adSpend,
    cost,
    other,
    tax,
    profit: cost === null ? null : kop(beforeTax - tax),
  };
}

/** Profit ÷ income × 100, rounded to 0.01; '' when there is no income. */
export function marginOf(b: ProfitBreakdown): number | '' {
  return b.profit === null || !b.income ? '' : Math.round((b.profit / b.income) * 10000) / 100;
}

/** Profit ÷ (cost price × units + other costs) × 100; '' when nothing was invested. */
export function roiOf(b: ProfitBreakdown): number | '' {
  const invested = (b.cost ?? 0) + b.other;
  return b.profit === null || invested <= 0 ? '' : Math.round((b.profit / invested) * 10000) / 100;
}

/** Ad spend ÷ income × 100 (ДРР on the sale amount); '' without income. */
export function drrOf(b: ProfitBreakdown): number | '' {
  return !b.income ? '' : Math.round((b.ads / b.income) * 10000) / 100;
}
