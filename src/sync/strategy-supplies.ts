import type { ReportRun } from './engine';
import { FINAL_SUPPLY_STATUS, supplyKey, supplyLookup, supplyRows } from '../reports/supplies';
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

/** Where the last refresh stopped: the key of the last supply whose goods reached the sheet. */
const CURSOR = 'suppliesCursor';

/**
 * The due supplies in the order to read them: starting after the one the last refresh
 * read last, wrapping round. A Base key reads one supply's goods per 30 minutes, so
 * starting from the top every time would refresh the newest supplies over and over and
 * never reach the others.
 */
export function rotate<T>(due: T[], listed: T[], keyOf: (s: T) => string | null, cursor: string | null): T[] {
  const at = cursor === null ? -1 : listed.findIndex((s) => keyOf(s) === cursor);
  if (at < 0) return due;
  const position = new Map(listed.map((s, i) => [s, i]));
  const after = due.filter((s) => (position.get(s) as number) > at);
  return after.concat(due.filter((s) => (position.get(s) as number) <= at));
}

/**
 * Supplies: the list (limit/offset), then the details (destination warehouse) and
 * goods of each supply that is new, changed or not yet accepted, in turn (see rotate).
 * A supply is asked for by its supplyID once it has one, by its order before; a
 * virtual supply (preorderID 0) only ever by its supplyID. The sheet itself says which
 * supplies are settled.
 */
export function syncSupplies(run: ReportRun): void {
  const list = ENDPOINTS.suppliesList;
  const detailsEndpoint = ENDPOINTS.supplyDetails;
  const goodsEndpoint = ENDPOINTS.supplyGoods;
  const supplies: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += list.pageLimit) {
    const parts = listParts(offset);
    if (!run.waitFor(list, undefined, parts)) return;
    const page = run.client.fetchRows(list, run.creds, parts);
    supplies.push(...page);
    if (page.length < list.pageLimit) break;
  }
  const keyOf = (s: Record<string, unknown>) => supplyKey(s.preorderID, s.supplyID);
  const table = run.table();
  // What the sheet already holds per supply: its last update and status (read once: the upsert reuses it).
  const known = new Map<string, string>();
  for (const row of table.rowsByKey().values()) {
    const key = supplyKey(row.preorderID, row.supplyID);
    if (key !== null) known.set(key, String(row.updatedDate) + '|' + String(row.statusID));
  }
  const due = supplies.filter((s) => {
    const key = keyOf(s);
    if (key === null || supplyLookup(s) === null) return false;
    const rec = run.records([s])[0];
    const settled = String(rec.updatedDate) + '|' + String(rec.statusID);
    return known.get(key) !== settled || Number(s.statusID) !== FINAL_SUPPLY_STATUS;
  });
  const order = rotate(due, supplies, keyOf, run.state<string>(CURSOR));
  let batch: Record<string, unknown>[] = [];
  let last: string | null = null;
  // The cursor moves only with rows safely in the sheet.
  const save = () => {
    if (batch.length) run.upsert(batch);
    batch = [];
    if (last !== null) run.setState(CURSOR, last);
  };
  const stop = () => {
    save();
    if (run.outcome.status === 'done') run.defer(run.t.syncPartial(run.title));
  };
  for (let i = 0; i < order.length; i++) {
    const supply = order[i];
    const lookup = supplyLookup(supply) as { id: string; isPreorderID: 'true' | 'false' };
    const detailsParts: RequestParts = { pathParams: { id: lookup.id }, query: { isPreorderID: lookup.isPreorderID } };
    if (!run.hasTime() || !run.waitFor(detailsEndpoint, undefined, detailsParts)) return stop();
    const details = run.client.fetchObject(detailsEndpoint, run.creds, detailsParts);
    const goods: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += goodsEndpoint.pageLimit) {
      if (!run.hasTime() || !run.waitFor(goodsEndpoint)) return stop();
      const page = run.client.fetchRows(goodsEndpoint, run.creds, {
        pathParams: { id: lookup.id },
        query: { limit: String(goodsEndpoint.pageLimit), offset: String(offset), isPreorderID: lookup.isPreorderID },
      });
      goods.push(...page);
      if (page.length < goodsEndpoint.pageLimit) break;
    }
    batch = batch.concat(supplyRows(supply, goods, details));
    last = keyOf(supply);
    run.progress(i + 1);
    if (batch.length >= 2000) save();
  }
  save();
}
