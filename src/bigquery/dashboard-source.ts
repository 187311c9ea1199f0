/**
 * The dashboard's raw inputs from BigQuery, for when the raw sheets keep only the last
 * 7 days: the stock forecast's 30 days of orders, the realization sums its
 * reconciliations set against the daily table, and the commission check's sale rows.
 * A large seller's period is hundreds of thousands of rows, far more than an execution
 * should carry, so BigQuery groups them and the dashboard's own TypeScript (the same
 * code that reads the sheets) works on the groups:
 *  - orders: one row per day, article, warehouse and warehouse type, with the count;
 *  - realization sums: per report, day, document type and operation, every amount
 *    summed (NUMERIC: exact), which is what FactBuilder adds up anyway;
 *  - commission rows: per article, subject, operation, model and the row's own price,
 *    quantity and fee, with the count: the check rounds each row, and equal rows round
 *    alike, so count × one row is exactly the sum of the rows.
 * Queries read the `_latest` views (one row per WB key) and keep to the SQL subset.
 */
import type { Cell } from '../gas/types';
import { ORDERS } from '../reports/orders';
import { REALIZATION, RETURN_OPERATION, SALE_OPERATION } from '../reports/realization';
import type { ReportSpec } from '../reports/types';
import { Warehouse } from './loader';
import { recordFromBq } from './rows';
import { dayLiteral, runQuery, viewRef } from './query';
/** The realization amounts the daily table and the reconciliations sum. */
export const REALIZATION_AMOUNTS = ['retailAmount', 'forPay', 'deliveryService', 'rebillLogisticCost', 'paidStorage', 'paidAcceptance', 'penalty', 'deduction', 'additionalPayment', 'cashbackAmount', 'cashbackCommissionChange', 'paymentSchedule'];
/** The count of WB rows a grouped record stands for. */
export const ROWS_FIELD = '_rows';

/** How many WB rows a record stands for: a grouped one its count, a sheet row 1. */
export function rowCount(r: Record<string, Cell>): number {
  const n = r[ROWS_FIELD];
  return typeof n === 'number' ? n : 1;
}

/** A STRING literal of the subset (no quotes or backslashes inside: the subset has no escapes). */
function stringLiteral(s: string): string | null {
  return /['\\\n\r]/.test(s) ? null : "'" + s + "'";
}

export class BigQueryDashboardSource {
  constructor(private readonly wh: Warehouse) {}

  private view(spec: ReportSpec): string {
    return viewRef(this.wh, spec);
  }

  /** The query's rows as records of `spec`, each with its group's row count. */
  private records(spec: ReportSpec, sql: string): Record<string, Cell>[] {
    const r = runQuery(this.wh, sql);
    const n = r.fields.indexOf('n');
    return r.rows.map((values) => {
      const rec = recordFromBq(spec, r.fields, values);
      rec[ROWS_FIELD] = n >= 0 && values[n] !== null ? Number(values[n]) : 1;
      return rec;
    });
  }

  /** Orders dated `today - days` .. `today - 1`, grouped for the stock forecast. */
  recentOrders(today: number, days: number): Record<string, Cell>[] {
    const day = 'CAST(date AS DATE)';
    return this.records(
      ORDERS,
      'SELECT ' + day + ' AS date, nmId, MAX(supplierArticle) AS supplierArticle, warehouseName, warehouseType, COUNT(*) AS n FROM ' + this.view(ORDERS) +
        ' WHERE ' + day + ' BETWEEN ' + dayLiteral(today - days) + ' AND ' + dayLiteral(today - 1) +
        ' GROUP BY ' + day + ', nmId, warehouseName, warehouseType',
    );
  }

  /** Realization amounts summed per report, day, document type and operation: of the period's days, or of the reports named. */
  realizationSums(where: { from: number; to: number } | { reportIds: string[] }): Record<string, Cell>[] {
    let filter: string;
    if ('reportIds' in where) {
      const ids = where.reportIds.map(stringLiteral).filter((s): s is string => s !== null);
      if (!ids.length) return [];
      filter = 'reportId IN (' + ids.join(', ') + ')';
    } else filter = 'rrDate BETWEEN ' + dayLiteral(where.from) + ' AND ' + dayLiteral(where.to);
    return this.records(
      REALIZATION,
      'SELECT reportId, rrDate, docTypeName, sellerOperName, SUM(IFNULL(quantity, 1)) AS quantity, ' +
        REALIZATION_AMOUNTS.map((a) => 'SUM(' + a + ') AS ' + a).join(', ') + ', COUNT(*) AS n FROM ' + this.view(REALIZATION) +
        ' WHERE ' + filter + ' GROUP BY reportId, rrDate, docTypeName, sellerOperName',
    );
  }

  /** Sale and return rows of the period, equal ones grouped (see the module comment). */
  commissionRows(from: number, to: number): Record<string, Cell>[] {
    const fbs = "IF(orderId IS NULL OR TRIM(orderId) IN ('', '0'), '', '1')";
    const ops = [SALE_OPERATION, RETURN_OPERATION].map(stringLiteral).filter((s): s is string => s !== null);
    return this.records(
      REALIZATION,
      'SELECT nmId, MAX(vendorCode) AS vendorCode, subjectName, sellerOperName, ' + fbs + ' AS orderId, retailPriceWithDisc, quantity, vw, vwNds, MIN(rrDate) AS rrDate, COUNT(*) AS n FROM ' +
        this.view(REALIZATION) +
        ' WHERE rrDate BETWEEN ' + dayLiteral(from) + ' AND ' + dayLiteral(to) + ' AND sellerOperName IN (' + ops.join(', ') + ')' +
        ' GROUP BY nmId, subjectName, sellerOperName, ' + fbs + ', retailPriceWithDisc, quantity, vw, vwNds',
    );
  }
}
