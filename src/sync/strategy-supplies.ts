import type { ReportRun } from './engine';
import { FINAL_SUPPLY_STATUS, supplyRows } from '../reports/supplies';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';

/** A page of the supply list. */
function listParts(offset: number): RequestParts {
  return { query: { limit: String(ENDPOINTS.suppliesList.pageLimit), offset: String(offset) }, body: {} };
}

/** The request syncSupplies sends first: the list's first page. */
export function firstSuppliesRequest(): { endpoint: Endpoint; parts: RequestParts } {
  return { endpoint: ENDPOINTS.suppliesList, parts: listParts(0) };
}

/**
 * Supplies: the list (limit/offset), then the goods of each supply that is new,
 * changed or not yet accepted. The sheet itself says which supplies are settled.
 */
export function syncSupplies(run: ReportRun): void {
  const list = ENDPOINTS.suppliesList;
  const goodsEndpoint = ENDPOINTS.supplyGoods;
  const supplies: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += list.pageLimit) {
    const parts = listParts(offset);
    if (!run.waitFor(list, undefined, parts)) return;
    const page = run.client.fetchRows(list, run.creds, parts);
    supplies.push(...page);
    if (page.length < list.pageLimit) break;
  }
  const table = run.table();
  // What the sheet already holds per supply: its last update and status.
  const known = new Map<string, string>();
  for (const row of table.readRows()) {
    if (row.preorderID !== null && row.preorderID !== '') known.set(String(row.preorderID), String(row.updatedDate) + '|' + String(row.statusID));
  }
  const due = supplies.filter((s) => {
    if (s.preorderID === null || s.preorderID === undefined) return false;
    const rec = run.records([s])[0];
    const settled = String(rec.updatedDate) + '|' + String(rec.statusID);
    return known.get(String(s.preorderID)) !== settled || Number(s.statusID) !== FINAL_SUPPLY_STATUS;
  });
  let batch: Record<string, unknown>[] = [];
  for (const supply of due) {
    const goods: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += goodsEndpoint.pageLimit) {
      if (!run.hasTime() || !run.waitFor(goodsEndpoint)) {
        if (batch.length) run.upsert(batch);
        if (run.outcome.status === 'done') run.defer(run.t.syncPartial(run.title));
        return;
      }
      const page = run.client.fetchRows(goodsEndpoint, run.creds, {
        pathParams: { id: String(supply.preorderID) },
        query: { limit: String(goodsEndpoint.pageLimit), offset: String(offset), isPreorderID: 'true' },
      });
      goods.push(...page);
      if (page.length < goodsEndpoint.pageLimit) break;
    }
    batch = batch.concat(supplyRows(supply, goods));
    run.progress(due.indexOf(supply) + 1);
    if (batch.length >= 2000) {
      run.upsert(batch);
      batch = [];
    }
  }
  run.upsert(batch);
}

