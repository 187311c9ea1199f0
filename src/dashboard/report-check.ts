/**
 * WB's own «Итого к оплате» per realization report (bankPaymentSum of sales-reports/list)
 * beside the one computed from the report's detail rows by the daily table's rules, and
 * the difference: 0,00 when the detail reconciles with WB. Shown under the unit
 * economics; it needs a Personal or Service key (WB serves the list to no other).
 */
import { Cell, SpreadsheetGateway } from '../gas/types';
import { FactBuilder, dayOf } from '../daily/aggregate';
import { BankParts, Measure, bankPayment } from '../daily/measures';
import { REALIZATION } from '../reports/realization';
import { REALIZATION_LIST } from '../reports/realization-list';
import { SheetTable } from '../store/table';

export interface ReportCheckLine {
  reportId: string;
  reportType: Cell;
  from: number | null;
  to: number | null;
  /** kopecks; null when WB's total is not a number */
  wb: number | null;
  /** kopecks, from the detail rows on the sheet */
  ours: number;
}

/** What the detail rows need for «Итого к оплате» (the same columns the daily table reads). */
const DETAIL_IDS = ['reportId', 'rrDate', 'nmId', 'sku', 'docTypeName', 'sellerOperName', 'quantity', 'retailAmount', 'forPay', 'deliveryService', 'rebillLogisticCost', 'paidStorage', 'paidAcceptance', 'penalty', 'deduction', 'additionalPayment', 'cashbackAmount', 'cashbackCommissionChange', 'paymentSchedule'];
const BANK: Measure[] = ['payout', 'logistics', 'storage', 'acceptance', 'deductions', 'penalties', 'additional', 'loyalty', 'paySchedule'];

/** Reports of the list whose period meets [from, to], WB's total beside the detail rows' own. */
export function reportCheck(list: Record<string, Cell>[], detail: Record<string, Cell>[], from: number, to: number): ReportCheckLine[] {
  const wanted = list.filter((r) => {
    const a = dayOf(r.dateFrom);
    const b = dayOf(r.dateTo);
    return r.reportId !== null && r.reportId !== '' && a !== null && b !== null && a <= to && b >= from;
  });
  const builders = new Map<string, FactBuilder>(wanted.map((r) => [String(r.reportId), new FactBuilder(null)]));
  for (const row of detail) builders.get(String(row.reportId))?.addRealization(row);
  return wanted
    .map((r) => {
      const parts = {} as BankParts;
      for (const m of BANK) {
        let s = 0;
        builders.get(String(r.reportId))!.facts.forEach((f) => f.values.get(m)?.forEach((v) => (s += v)));
        (parts as Record<string, number>)[m] = s;
      }
      const wb = typeof r.bankPaymentSum === 'number' ? Math.round(r.bankPaymentSum * 100000) / 1000 : null;
      return { reportId: String(r.reportId), reportType: r.reportType, from: dayOf(r.dateFrom), to: dayOf(r.dateTo), wb, ours: bankPayment(parts) };
    })
    .sort((a, b) => (a.from ?? 0) - (b.from ?? 0) || a.reportId.localeCompare(b.reportId));
}

/**
 * Reads WB's list and only the detail rows of the reports in question: rows arrive in
 * rrdId order, so one report's rows sit together and a span from the first to the last
 * wanted row is read, not the whole (possibly 100,000-row) sheet. Null without a list.
 */
export function loadReportCheck(gateway: SpreadsheetGateway, from: number, to: number, detailOf?: (reportIds: string[]) => Record<string, Cell>[] | null): ReportCheckLine[] | null {
  const listTable = SheetTable.find(gateway, REALIZATION_LIST);
  if (!listTable) return null;
  const list = listTable.readRecords(REALIZATION_LIST.columns.map((c) => c.id));
  const ids = new Set(reportCheck(list, [], from, to).map((l) => l.reportId));
  // The detail from elsewhere (BigQuery, when the raw sheet keeps only the last days); null: no check.
  if (detailOf) {
    const detail = ids.size ? detailOf(Array.from(ids)) : [];
    return detail ? reportCheck(list, detail, from, to) : null;
  }
  const detailTable = SheetTable.find(gateway, REALIZATION);
  const idCol = detailTable ? detailTable.readColumn('reportId') : null;
  if (!detailTable || !idCol) return reportCheck(list, [], from, to);
  let first = -1;
  let last = -1;
  idCol.forEach((v, i) => {
    if (!ids.has(String(v))) return;
    if (first < 0) first = i;
    last = i;
  });
  const detail = first < 0 ? [] : detailTable.readRecords(DETAIL_IDS, first + 2, last + 2);
  return reportCheck(list, detail, from, to);
}
