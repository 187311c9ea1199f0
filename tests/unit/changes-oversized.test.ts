/**
 * Orders and sales when a parallel batch fails as too large (issue 10, section 2): Apps
 * Script throws for the whole fetchAll, so no answer says whose was over 50 MB. A wide
 * page of changes (the first load) that went out in such a batch is not sent again:
 * the report switches to day-by-day (flag=1) at once. A narrow one goes out alone.
 */
import { Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { CredentialStore } from '../../src/sync/credentials';
import { SyncDeps, syncReports } from '../../src/sync/engine';
import { decodeKey } from '../../src/wb/token';
import { WbEmulator } from '../emulator';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const MINUTE = 60000;

function world(capBytes: number, type: 'personal' | 'base' = 'personal') {
  const clock = new FakeClock(START);
  const wb = new WbEmulator({ seed: 5, now: START, articles: 6, ordersPerDay: 15 });
  const state = { cap: capBytes, failNextBatch: false, batches: [] as number[] };
  const http: Http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      state.batches.push(requests.length);
      const at = clock.now();
      const answers = requests.map((r) => wb.handle({ url: r.url, method: r.method.toUpperCase(), headers: { ...r.headers }, payload: r.body }, at));
      // As UrlFetchApp: one answer over the cap fails the whole call, naming no one.
      const forced = state.failNextBatch && requests.length > 1;
      if (forced) state.failNextBatch = false;
      if (forced || answers.some((a) => Buffer.byteLength(a.body, 'utf8') > state.cap)) {
        return requests.map(() => ({ status: 0, headers: {}, body: '', failure: 'too_large' as const }));
      }
      return answers.map((a) => ({ status: a.status, headers: a.headers, body: a.body }));
    },
  };
  const doc = new MemoryStore();
  const credentials = new CredentialStore(new MemoryStore(), doc, 'doc');
  const key = wb.makeKey({ type, categories: [5] });
  credentials.save(key, decodeKey(key), START);
  const book = new MemoryBook();
  const deps: SyncDeps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru' };
  return { wb, clock, book, doc, state, run: () => syncReports(['orders', 'sales'], deps) };
}

type World = ReturnType<typeof world>;

function sent(w: World, path: string, flag: string): Record<string, string>[] {
  return w.wb.requests.filter((r) => r.path === path && r.query.flag === flag).map((r) => r.query);
}

function sheetKeys(w: World, title: string, header: string): string[] {
  const s = w.book.sheets.find((x) => x.sheet.title === title);
  if (!s) return [];
  const col = s.sheet.cells[0].indexOf(header);
  return s.sheet.cells.slice(1).map((r) => String(r[col]));
}

describe('orders and sales after a batch refused as too large', () => {
  it('the first load is not sent a second time: it goes day by day at once, and every row arrives', () => {
    // The cap stands in for 50 MB: 90 days of changes exceed it, one day does not.
    const w = world(100000);
    const first = w.run();
    expect(first.message).toMatch(/загружаю по дням/);
    for (const path of ['/api/v1/supplier/orders', '/api/v1/supplier/sales']) {
      const wide = sent(w, path, '0');
      // Only the one in the refused batch: never again before the by-day pass.
      expect(wide).toHaveLength(1);
      expect(sent(w, path, '1').length).toBeGreaterThan(0);
    }
    expect(w.state.batches[0]).toBe(2);
    for (let i = 0; i < 40 && (w.doc.get('wb.state.days.orders') || w.doc.get('wb.state.days.sales')); i++) {
      w.clock.t += 10 * MINUTE;
      w.run();
    }
    expect(w.doc.get('wb.state.days.orders')).toBeNull();
    expect(w.doc.get('wb.state.days.sales')).toBeNull();
    w.clock.t += 10 * MINUTE;
    expect(w.run().ok).toBe(true);
    const orders = sheetKeys(w, 'WB Заказы', 'ID заказа (srid)');
    expect(new Set(orders).size).toBe(orders.length);
    for (const r of w.wb.orders({ withinRetention: true })) expect(orders).toContain(String(r.srid));
    const sales = sheetKeys(w, 'WB Продажи', 'ID продажи');
    for (const r of w.wb.sales({ withinRetention: true })) expect(sales).toContain(String(r.saleID));
    expect(w.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('with a Base key (sales once per 2 h) the switch is kept while waiting for the bucket: the wide page is never sent again', () => {
    const w = world(100000, 'base');
    w.run();
    // The batch spent the tokens: the day-by-day pass is saved now, to go on when WB allows.
    expect(w.doc.get('wb.state.days.orders')).not.toBeNull();
    expect(w.doc.get('wb.state.days.sales')).not.toBeNull();
    for (let i = 0; i < 8; i++) {
      w.clock.t += 60 * MINUTE;
      w.run();
    }
    for (const path of ['/api/v1/supplier/orders', '/api/v1/supplier/sales']) {
      expect(sent(w, path, '0')).toHaveLength(1);
      expect(sent(w, path, '1').length).toBeGreaterThan(1);
    }
    expect(w.wb.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('a narrow page of recent changes in such a batch goes out alone, with no by-day pass', () => {
    const w = world(Infinity);
    expect(w.run().ok).toBe(true);
    w.clock.t += 60 * MINUTE;
    w.wb.changeRandomRows(0.02, w.clock.t);
    const before = sent(w, '/api/v1/supplier/orders', '0').length;
    // Another report's oversized answer fails the batch (it names no one).
    w.state.failNextBatch = true;
    const res = w.run();
    expect(res.ok).toBe(true);
    const after = sent(w, '/api/v1/supplier/orders', '0').slice(before);
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(after[1]);
    expect(sent(w, '/api/v1/supplier/orders', '1')).toHaveLength(0);
    expect(w.doc.get('wb.state.days.orders')).toBeNull();
    const orders = sheetKeys(w, 'WB Заказы', 'ID заказа (srid)');
    for (const r of w.wb.orders({ withinRetention: true })) expect(orders).toContain(String(r.srid));
  });
});
