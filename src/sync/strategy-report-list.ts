/**
 * WB's own totals per realization report (`sales-reports/list`), read after a pass of
 * the detail report completes, over the same days, so the unit economics sheet can set
 * WB's «Итого к оплате» beside the one computed from the detail rows. WB serves the list
 * to Personal and Service keys only; with another key nothing is asked (a request bound
 * to be refused is not sent). The list is a check, not data the seller waits for: when
 * its bucket is busy it waits for the next refresh, and a failure leaves the detail
 * report's outcome as it is, only adding a note.
 */
import type { ReportRun } from './engine';
import { REALIZATION_LIST } from '../reports/realization-list';
import { ENDPOINTS, acceptsKeyType } from '../wb/endpoints';
import { WbError } from '../wb/errors';

/** The list has data from 1 January 2025 (13-finances.yaml); earlier days are refused. */
const LIST_DATA_FROM = '2025-01-01';

interface PassState {
  period: 'weekly' | 'daily';
  from: string;
  to: string;
  rrdId: string;
  loadedThrough?: string;
}

export function syncReportList(run: ReportRun): void {
  const endpoint = ENDPOINTS.financeList;
  if (!acceptsKeyType(endpoint, run.creds.info.type) || run.outcome.status !== 'done') return;
  const pass = run.state<PassState>('realization');
  // Only right after a pass of the detail report finished: the list then covers what it holds.
  if (!pass || pass.rrdId !== '0' || !pass.loadedThrough || pass.to < LIST_DATA_FROM) return;
  const from = pass.from < LIST_DATA_FROM ? LIST_DATA_FROM : pass.from;
  try {
    for (let offset = 0; ; offset += endpoint.pageLimit) {
      const parts = { body: JSON.stringify({ dateFrom: from, dateTo: pass.to, limit: endpoint.pageLimit, offset, period: pass.period }) };
      if (run.client.waitMs(endpoint, run.creds, parts) > 0 || !run.hasTime()) return;
      const rows = run.client.fetchRows(endpoint, run.creds, parts);
      if (rows.length) run.upsert(rows, REALIZATION_LIST);
      if (rows.length < endpoint.pageLimit) return;
    }
  } catch (e) {
    if (!(e instanceof WbError)) throw e;
    // The detail rows are stored: say what they brought, then why WB's totals are missing.
    const o = run.outcome;
    const said = o.message || (o.added + o.updated > 0 ? run.t.syncSummary(run.title, o.added, o.updated) : run.title + ': ' + run.t.syncNothing);
    o.message = said + ' ' + run.t.reportListFailed(e.message);
  }
}
