/**
 * The daily table's raw rows from BigQuery, for the raw sheets that keep only a recent
 * window: the rows of the dirty days are read from the report's view (one row per WB
 * key) and turned back into the records the sheet would hold, so the same TypeScript
 * aggregation (daily/aggregate.ts) computes every number whether the rows came from a
 * sheet or from BigQuery. Buyouts (a sale of an order's srid, not returned) and the
 * order days a sale changes are looked up in BigQuery too: the sales sheet no longer
 * holds old sales.
 */
import type { Cell } from '../gas/types';
import { ORDERS } from '../reports/orders';
import { SALES, saleKind } from '../reports/sales';
import type { ReportSpec } from '../reports/types';
import type { DailySource } from '../daily/measures';
import type { WarehouseDailySource } from '../daily/refresh';
import { Warehouse } from './loader';
import { recordFromBq } from './rows';
import { bqFields } from './schema';
import { WINDOWED } from './sync-hook';
import { dayLiteral, runQuery, viewRef } from './query';

/** Days per query: a week of a large seller's orders is ~35,000 rows. */
const DAYS_PER_QUERY = 7;
function chunks(days: number[]): number[][] {
  const sorted = days.slice().sort((a, b) => a - b);
  const out: number[][] = [];
  for (let i = 0; i < sorted.length; i += DAYS_PER_QUERY) out.push(sorted.slice(i, i + DAYS_PER_QUERY));
  return out;
}

export class BigQueryDailySource implements WarehouseDailySource {
  constructor(
    private readonly wh: Warehouse,
    private readonly specs: Record<string, ReportSpec>,
    private readonly dayColumns: (source: DailySource) => string[],
  ) {}

  holds(source: DailySource): boolean {
    return WINDOWED.indexOf(source) >= 0 && !!this.specs[source];
  }

  private view(spec: ReportSpec): string {
    return viewRef(this.wh, spec);
  }

  private run(sql: string): { fields: string[]; rows: (string | null)[][] } {
    // An answer not ready in time leaves the days dirty: the next refresh asks again.
    return runQuery(this.wh, sql);
  }

  /** The view's rows booking anything on `days` (every row when null). */
  rows(source: DailySource, days: Set<number> | null): Record<string, Cell>[] {
    const spec = this.specs[source];
    this.wh.ensure(spec);
    const names = bqFields(spec).map((f) => f.name);
    const select = 'SELECT ' + names.join(', ') + ' FROM ' + this.view(spec);
    const out: Record<string, Cell>[] = [];
    const add = (sql: string) => {
      const r = this.run(sql);
      for (const values of r.rows) out.push(recordFromBq(spec, r.fields, values));
    };
    if (days === null) {
      add(select);
      return out;
    }
    for (const part of chunks(Array.from(days))) {
      const list = part.map(dayLiteral).join(', ');
      add(select + ' WHERE ' + this.dayColumns(source).map((c) => 'CAST(' + c + ' AS DATE) IN (' + list + ')').join(' OR '));
    }
    return out;
  }

  /** Whether an order's srid was bought out and kept, for the orders of `orderDays` (all when null). */
  boughtOut(orderDays: Set<number> | null): (srid: Cell | undefined) => boolean {
    this.wh.ensure(SALES);
    this.wh.ensure(ORDERS);
    const sold = new Set<string>();
    const returned = new Set<string>();
    const base = 'SELECT srid, saleID FROM ' + this.view(SALES);
    const parts = orderDays === null ? [null] : chunks(Array.from(orderDays));
    for (const part of parts) {
      const sql = part === null ? base : base + ' WHERE srid IN (SELECT srid FROM ' + this.view(ORDERS) + ' WHERE CAST(date AS DATE) IN (' + part.map(dayLiteral).join(', ') + '))';
      const r = this.run(sql);
      const si = r.fields.indexOf('srid');
      const ki = r.fields.indexOf('saleID');
      for (const row of r.rows) {
        const srid = row[si] || '';
        if (!srid) continue;
        const kind = saleKind(row[ki]);
        if (kind === 'sale') sold.add(srid);
        else if (kind === 'return') returned.add(srid);
      }
    }
    return (s) => {
      const srid = s === null || s === undefined ? '' : String(s);
      return srid !== '' && sold.has(srid) && !returned.has(srid);
    };
  }

  /** The order days of the sales dated on `days` (see buyouts.ts orderDaysOfSales). */
  orderDaysOfSales(days: Set<number>): number[] {
    this.wh.ensure(SALES);
    this.wh.ensure(ORDERS);
    const out = new Set<number>();
    for (const part of chunks(Array.from(days))) {
      const sql =
        'SELECT DISTINCT CAST(date AS DATE) AS d FROM ' + this.view(ORDERS) +
        ' WHERE srid IN (SELECT srid FROM ' + this.view(SALES) + ' WHERE CAST(date AS DATE) IN (' + part.map(dayLiteral).join(', ') + '))';
      const r = this.run(sql);
      for (const row of r.rows) {
        const rec = recordFromBq({ ...ORDERS, columns: [{ id: 'd', type: 'date', ru: '', en: '', value: () => null }] }, r.fields, row);
        if (typeof rec.d === 'number') out.add(Math.floor(rec.d + 1e-9));
      }
    }
    return Array.from(out).sort((a, b) => a - b);
  }
}
