/**
 * What every add-on query shares: the view of a report, day literals in the SQL subset,
 * and running a query within a wait, failures as WarehouseError.
 */
import type { BqQueryResult } from '../gas/bigquery-port';
import type { ReportSpec } from '../reports/types';
import { Warehouse, WarehouseError, asWarehouseError } from './loader';
import { datetimeText } from './rows';
import { viewName } from './schema';
import { tableRef } from './views';

const QUERY_WAIT_MS = 60000;

/** A DATE literal of a day serial. */
export function dayLiteral(day: number): string {
  return "DATE '" + datetimeText(day).slice(0, 10) + "'";
}

/** The report's `_latest` view, as a table reference. */
export function viewRef(wh: Warehouse, spec: ReportSpec): string {
  return tableRef(wh.project, wh.dataset, viewName(spec));
}

/** Runs the query; an answer not ready within the wait is a WarehouseError too (the caller's work stays due). */
export function runQuery(wh: Warehouse, sql: string): BqQueryResult {
  let r: BqQueryResult;
  try {
    r = wh.bq.query(wh.project, wh.settings.location, sql, QUERY_WAIT_MS);
  } catch (e) {
    throw asWarehouseError(e);
  }
  if (!r.complete) throw new WarehouseError('timeout', 'timeout', 'BigQuery query did not finish');
  return r;
}
