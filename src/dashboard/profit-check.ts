/**
 * The unit economics sheet's reconciliation: each money column's total is set against
 * the same money summed straight from the raw report sheets for the period (not from
 * the daily table the sheet is built from), so an article lost or counted twice on the
 * way shows as a difference:
 * - «Итого к оплате» and the realization's storage and acceptance ← WB Реализация (by
 *   operation date, WB's rules for «Итого к оплате»);
 * - paid storage ← WB Платное хранение; paid acceptance ← WB Платная приёмка;
 * - ads ← WB Реклама (spend).
 */
import { Cell, SpreadsheetGateway } from '../gas/types';
import { FactBuilder, dayOf } from '../daily/aggregate';
import { BankParts, bankPayment } from '../daily/measures';
import { REALIZATION } from '../reports/realization';
import { ADS } from '../reports/ads';
import { PAID_ACCEPTANCE, PAID_STORAGE } from '../reports/paid';
import { ReportSpec } from '../reports/types';
import { SheetTable } from '../store/table';

/** Kopecks per source; null where the report's sheet does not exist. */
export interface SourceTotals {
  bank: number | null;
  realStorage: number | null;
  realAcceptance: number | null;
  storagePaid: number | null;
  acceptancePaid: number | null;
  ads: number | null;
}

const REAL_IDS = ['rrDate', 'nmId', 'sku', 'docTypeName', 'sellerOperName', 'quantity', 'retailAmount', 'forPay', 'deliveryService', 'rebillLogisticCost', 'paidStorage', 'paidAcceptance', 'penalty', 'deduction', 'additionalPayment', 'cashbackAmount', 'cashbackCommissionChange', 'paymentSchedule'];
const BANK_KEYS: (keyof BankParts)[] = ['payout', 'logistics', 'storage', 'acceptance', 'deductions', 'penalties', 'additional', 'loyalty', 'paySchedule'];

const tidy = (v: number) => Math.round(v * 1000) / 1000;

/** The realization rows of the period, by the daily table's own rules for each amount. */
export function realizationTotals(rows: Record<string, Cell>[], from: number, to: number): Pick<SourceTotals, 'bank' | 'realStorage' | 'realAcceptance'> {
  const days = new Set<number>();
  for (let d = from; d <= to; d++) days.add(d);
  const b = new FactBuilder(days);
  for (const r of rows) b.addRealization(r);
  const parts = {} as BankParts;
  for (const k of BANK_KEYS) {
    let s = 0;
    b.facts.forEach((f) => f.values.get(k)?.forEach((v) => (s += v)));
    parts[k] = tidy(s);
  }
  return { bank: bankPayment(parts), realStorage: parts.storage, realAcceptance: parts.acceptance };
}

/** A money column summed in kopecks over the rows whose day falls in the period. */
export function columnTotal(rows: Record<string, Cell>[], dayColumn: string, money: string, from: number, to: number): number {
  let s = 0;
  for (const r of rows) {
    const d = dayOf(r[dayColumn]);
    const v = r[money];
    if (d !== null && d >= from && d <= to && typeof v === 'number' && isFinite(v)) s += Math.round(v * 100000) / 1000;
  }
  return tidy(s);
}

function sheetTotal(gateway: SpreadsheetGateway, spec: ReportSpec, dayColumn: string, money: string, from: number, to: number): number | null {
  const table = SheetTable.find(gateway, spec);
  return table ? columnTotal(table.readRecords([dayColumn, money]), dayColumn, money, from, to) : null;
}

/**
 * `realization`: the period's realization rows from elsewhere (BigQuery, when the raw
 * sheet keeps only the last days); null when they cannot be had (the lines are left out).
 */
export function loadSourceTotals(gateway: SpreadsheetGateway, from: number, to: number, realization?: () => Record<string, Cell>[] | null): SourceTotals {
  const real = SheetTable.find(gateway, REALIZATION);
  const rows = !real ? null : realization ? realization() : real.readRecords(REAL_IDS);
  const r = rows ? realizationTotals(rows, from, to) : { bank: null, realStorage: null, realAcceptance: null };
  return {
    ...r,
    storagePaid: sheetTotal(gateway, PAID_STORAGE, 'date', 'warehousePrice', from, to),
    acceptancePaid: sheetTotal(gateway, PAID_ACCEPTANCE, 'shkCreateDate', 'total', from, to),
    ads: sheetTotal(gateway, ADS, 'day', 'spend', from, to),
  };
}
