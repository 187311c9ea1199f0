/** Shared by the BigQuery integration tests: sellers with BigQuery storage, hourly runs, comparisons. */
import { Harness, loadBundle } from '../bundle/harness';
import { BIGQUERY_SCOPE, RuntimeOptions } from '../runtime';
import { RETENTION_MS } from '../emulator';
import { MAX_RESPONSE_BYTES } from '../runtime/urlfetch';
import { connect, sheetTable } from './helpers';

export const HOUR = 3600000;
export const DAY = 24 * HOUR;
export const P = 'my-shop-123';
export const D = 'wb';
export const SELLER = { seed: 21, articles: 8, ordersPerDay: 120 };

export function seller(bigquery: 'off' | 'window' | 'keep', emulator: Partial<typeof SELLER> = SELLER, runtime: Partial<RuntimeOptions> = {}): Harness {
  const h = loadBundle({ ...runtime, emulator: { ...SELLER, ...emulator } });
  connect(h);
  if (bigquery !== 'off') {
    h.rt.grantScopes([BIGQUERY_SCOPE]);
    h.rt.bigquery.addProject(P, { billing: true });
    const r = h.run('saveStorage', { mode: 'bigquery', project: P, dataset: D, location: 'EU', keepRawInSheets: bigquery === 'keep' });
    if (!r.ok) throw new Error(r.message);
  }
  return h;
}

export function scheduled(h: Harness): void {
  h.rt.run(() => h.scope.scheduledSync(), { authMode: 'FULL', trigger: true });
}

export const START = Date.UTC(2026, 10, 27, 7, 0, 0);

/**
 * `n` hourly scheduled runs on the hour (the time of day, not the length of the last run,
 * decides when each starts: a twin whose runs take longer reads WB at the same instants).
 */
export function hours(h: Harness, n: number): void {
  for (let i = 0; i < n; i++) {
    nextHour(h);
    scheduled(h);
  }
}

/** Moves the clock to the next full hour after START's (never back). */
export function nextHour(h: Harness): void {
  h.rt.clock.set(Math.max(h.rt.clock.now(), START + Math.ceil((h.rt.clock.now() - START + 1) / HOUR) * HOUR));
}

export function view(h: Harness, table: string, key: string): string[] {
  return h.rt.bigquery.sql('SELECT ' + key + ' FROM `' + P + '.' + D + '.' + table + '_latest`').rows.map((r) => String(r[0]));
}

/** Every row WB keeps now is in the view exactly once; nothing else but rows WB has since dropped. */
export function expectEveryRowOnce(h: Harness): void {
  for (const [table, key, now, ever] of [
    ['wb_orders', 'srid', h.wb.orders({ withinRetention: true }), h.wb.orders()],
    ['wb_sales', 'saleID', h.wb.sales({ withinRetention: true }), h.wb.sales()],
  ] as const) {
    const keys = view(h, table, key);
    expect(keys.length).toBe(new Set(keys).size);
    const have = new Set(keys);
    const missing = now.map((r) => String(r[key])).filter((k) => !have.has(k));
    expect([table, missing.slice(0, 3)]).toEqual([table, []]);
    const all = new Set(ever.map((r) => String(r[key])));
    expect(keys.filter((k) => !all.has(k))).toEqual([]);
  }
}

export function formulas(h: Harness): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const today = new Date(h.rt.clock.now() + 3 * HOUR).toISOString().slice(0, 10);
  const back = (n: number) => new Date(h.rt.clock.now() + 3 * HOUR - n * DAY).toISOString().slice(0, 10);
  const articles = Array.from(new Set(h.wb.orders({ withinRetention: true }).map((o) => String(o.supplierArticle)))).slice(0, 3);
  for (const article of [''].concat(articles)) {
    for (const [from, to] of [[back(85), back(60)], [back(30), back(8)], [back(6), today], [back(89), today]]) {
      for (const fn of ['WB_ORDERS', 'WB_SALES', 'WB_RETURNS', 'WB_REVENUE']) out[[fn, article, from, to].join(' ')] = h.formula(fn, article, from, to);
    }
  }
  return out;
}

/** The daily table's cells that differ, by row key and header (a readable diff). */
export function dailyDiff(a: Harness, b: Harness): string[] {
  const read = (h: Harness) => {
    const t = sheetTable(h, h.rt.spreadsheet.getSheets().map((s: any) => s.getName()).find((n: string) => /^WB Дни/.test(n)) as string);
    const out = new Map<string, Map<string, string>>();
    for (const r of t.rows) out.set([r[0], r[1], r[2]].map(String).join('|'), new Map(t.header.map((hd, i) => [hd, JSON.stringify(r[i])])));
    return out;
  };
  const A = read(a);
  const B = read(b);
  const diffs: string[] = [];
  for (const [k, row] of B) {
    const other = A.get(k);
    if (!other) {
      diffs.push(k + ': missing');
      continue;
    }
    for (const [hd, v] of row) if (other.get(hd) !== v) diffs.push(k + ' ' + hd + ': ' + other.get(hd) + ' / ' + v);
  }
  for (const k of A.keys()) if (!B.has(k)) diffs.push(k + ': extra');
  return diffs.slice(0, 6);
}

export function cells(h: Harness): number {
  return h.rt.spreadsheet.getSheets().reduce((n: number, s: any) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}


/** The Moscow calendar day of WB's wall-clock text ('2026-11-27T10:00:00' → '2026-11-27'). */
const day = (text: unknown) => String(text).slice(0, 10);
/** WB's Moscow wall-clock text of an instant ('2026-11-27T10:00:00'). */
const wall = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(0, 19);

/** The date of the oldest order WB keeps now (call it when the first load begins). */
export function firstOrderKept(h: Harness): string {
  return h.wb.orders({ withinRetention: true }).reduce((m, o) => (String(o.date) < m ? String(o.date) : m), '9999');
}

/**
 * The sales and returns a seller could have read (h.wb.trackServed() must run first):
 * those WB sent in an answer UrlFetchApp accepts (50 MB, or the runtime's lowered cap),
 * and those WB keeps now.
 */
export function readableSales(h: Harness, maxResponseBytes = MAX_RESPONSE_BYTES): Set<string> {
  const out = h.wb.servedSaleIds(maxResponseBytes);
  for (const s of h.wb.sales({ withinRetention: true })) out.add(String(s.saleID));
  return out;
}

/**
 * What a seller could count by hand over WB's own rows: the orders WB kept when the first
 * load began (its 90 days, by order date) and every order since, with their sales and
 * returns. WB drops a day's rows as its 90 days move on; the add-on keeps what it loaded.
 * A first load by days takes hours (90 days of sales at one request a minute), and WB
 * drops the sales and returns of its oldest orders meanwhile: a sale counts when it is
 * readable (readableSales); expectLostOnlyToRetention bounds what is lost that way.
 */
export function truth(h: Harness, firstOrder: string, article: string, from: string, to: string, readable: Set<string>) {
  const out = { orders: 0, sales: 0, returns: 0, revenue: 0 };
  const kept = new Set<string>();
  for (const o of h.wb.orders() as Record<string, any>[]) {
    if (String(o.date) < firstOrder) continue;
    kept.add(String(o.srid));
    if ((article && o.supplierArticle !== article) || day(o.date) < from || day(o.date) > to) continue;
    if (o.isCancel !== true) out.orders++;
  }
  for (const s of h.wb.sales() as Record<string, any>[]) {
    if (!kept.has(String(s.srid)) || !readable.has(String(s.saleID))) continue;
    if ((article && s.supplierArticle !== article) || day(s.date) < from || day(s.date) > to) continue;
    const kop = Math.round(Math.abs(s.priceWithDisc) * 100);
    if (String(s.saleID)[0] === 'S') (out.sales++, (out.revenue += kop));
    if (String(s.saleID)[0] === 'R') (out.sales--, out.returns++, (out.revenue -= kop));
  }
  return out;
}

/**
 * Every readable sale of the orders kept at the first load's start is in the view, and the
 * unreadable ones (WB dropped them before the add-on asked for their day) all belong to
 * orders WB dropped while the first load ran (it ended at `loadEnd`). Returns how many.
 */
export function expectLostOnlyToRetention(h: Harness, firstOrder: string, loadEnd: number, readable: Set<string>): number {
  const orderDate = new Map((h.wb.orders() as Record<string, any>[]).map((o) => [String(o.srid), String(o.date)]));
  const ours = (h.wb.sales() as Record<string, any>[]).filter((s) => (orderDate.get(String(s.srid)) || '') >= firstOrder);
  const droppedBefore = wall(loadEnd - RETENTION_MS);
  const lost = ours.filter((s) => !readable.has(String(s.saleID)));
  expect(lost.filter((s) => (orderDate.get(String(s.srid)) as string) >= droppedBefore).map((s) => s.saleID)).toEqual([]);
  const inView = new Set(view(h, 'wb_sales', 'saleID'));
  expect(ours.filter((s) => readable.has(String(s.saleID)) && !inView.has(String(s.saleID))).map((s) => s.saleID)).toEqual([]);
  return lost.length;
}
