/**
 * The reports' first requests go out together in one UrlFetchApp.fetchAll (issue 4,
 * "Budgets, not sleeps"). syncReports over in-memory sheets and the WB emulator, with an
 * Http that behaves like the Apps Script adapter: a thrown fetchAll (network failure,
 * oversized answer) fails the whole batch.
 */
import { Http, HttpRequest, HttpResponse } from '../../src/gas/types';
import { ReportId } from '../../src/reports/types';
import { REPORT_ORDER } from '../../src/reports';
import { CredentialStore } from '../../src/sync/credentials';
import { SyncDeps, SyncResult, syncReports } from '../../src/sync/engine';
import { Credentials, WbClient } from '../../src/wb/client';
import { ENDPOINTS } from '../../src/wb/endpoints';
import { SAFETY_MS } from '../../src/wb/rate-limit';
import { decodeKey } from '../../src/wb/token';
import { WbEmulator } from '../emulator';
import { FakeClock, MemoryBook, MemoryStore, freeLock } from './memory-fakes';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const MINUTE = 60000;
const ALL = [5, 2, 10, 13, 7];

interface World {
  wb: WbEmulator;
  clock: FakeClock;
  book: MemoryBook;
  doc: MemoryStore;
  /** URLs (path only) of each fetchAll call, in order. */
  batches: string[][];
  deps: SyncDeps;
  run(ids?: ReportId[]): SyncResult;
}

function pathOf(url: string): string {
  return url.replace(/^https:\/\/[^/]+/, '').replace(/\?.*$/, '');
}

// Ads and the paid reports load over several runs: the comparisons here are of one refresh.
const FIVE = REPORT_ORDER.filter((id) => !['ads', 'paidStorage', 'acceptance'].includes(id));

function world(opts: { parallel?: boolean; type?: 'personal' | 'base'; categories?: number[]; latencyMs?: number } = {}): World {
  const clock = new FakeClock(START);
  const wb = new WbEmulator({ seed: 11, now: START, articles: 6, ordersPerDay: 15 });
  const batches: string[][] = [];
  const http: Http = {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      batches.push(requests.map((r) => pathOf(r.url)));
      const at = clock.now();
      try {
        return requests.map((r) => {
          const res = wb.handle({ url: r.url, method: r.method.toUpperCase(), headers: { ...r.headers }, payload: r.body }, at);
          return { status: res.status, headers: res.headers, body: res.body };
        });
      } catch {
        // As UrlFetchApp.fetchAll: one request without an answer fails the whole call.
        return requests.map(() => ({ status: 0, headers: {}, body: '', failure: 'network' as const }));
      } finally {
        clock.t += opts.latencyMs ?? 0;
      }
    },
  };
  const user = new MemoryStore();
  const doc = new MemoryStore();
  const credentials = new CredentialStore(user, doc, 'doc');
  const key = wb.makeKey({ type: opts.type ?? 'personal', categories: opts.categories ?? ALL });
  credentials.save(key, decodeKey(key), START);
  const book = new MemoryBook();
  const deps: SyncDeps = { gateway: book, documentProps: doc, credentials, http, clock, lock: freeLock, locale: 'ru', parallel: opts.parallel };
  // The five reports this batching was built for; ads and paid storage load over many
  // runs, their progress depends on elapsed time (covered in their own tests).
  return { wb, clock, book, doc, batches, deps, run: (ids = FIVE) => syncReports(ids, deps) };
}

/** Every sheet's cells, by sheet name. */
function sheets(w: World): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const s of w.book.sheets) out[s.sheet.title] = s.sheet.cells.map((r) => r.slice());
  return out;
}

function wbStatuses(w: World): number[] {
  return w.wb.requests.filter((r) => r.path.startsWith('/api/')).map((r) => r.status);
}

const FIRST = ['/api/v1/supplier/orders', '/api/v1/supplier/sales', '/api/v1/warehouse_remains', '/api/v1/supplies', '/api/finance/v1/sales-reports/detailed', '/api/v1/feedbacks'];

describe('first requests in one parallel batch', () => {
  it('refresh all sends the six reports\' first requests in one fetchAll, and the sheets equal the one-by-one refresh', () => {
    const par = world();
    const seq = world({ parallel: false });
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        // Both worlds go on from the same moment (the batched run may have finished sooner).
        const end = Math.max(par.clock.t, seq.clock.t);
        for (const w of [par, seq]) {
          w.clock.t = end + 70 * MINUTE;
          w.wb.changeRandomRows(0.05, w.clock.t);
        }
      }
      const batchesBefore = par.batches.length;
      const a = par.run();
      const b = seq.run();
      expect(a.ok).toBe(true);
      expect(a.outcomes.map((o) => [o.report, o.status, o.added, o.updated, o.requests])).toEqual(b.outcomes.map((o) => [o.report, o.status, o.added, o.updated, o.requests]));
      // The realization pass ended a little sooner in the batched run: its time may differ.
      const untimed = (m: string) => m.replace(/\d\d:\d\d МСК/g, 'HH:MM МСК');
      expect(untimed(a.message)).toBe(untimed(b.message));
      // The run's first fetchAll carries every report's first request; the sequential path never batches.
      // A refresh of these reports (not of every report) reads the realization report each time.
      expect(par.batches[batchesBefore]).toEqual(FIRST);
      expect(seq.batches.every((batch) => batch.length === 1)).toBe(true);
      expect(par.batches.slice(batchesBefore + 1).every((batch) => batch.length === 1)).toBe(true);
      // Same requests (as a multiset), same sheets, same saved positions.
      const paths = (w: World) => w.wb.requests.map((r) => r.method + ' ' + r.path + ' ' + JSON.stringify(r.query)).sort();
      expect(paths(par)).toEqual(paths(seq));
      // The run log's times may differ: a report whose first answer came in the batch waits
      // less for its bucket before its next page (the realization's closing 204), and the
      // reports after it start sooner.
      const content = (w: World) => {
        const all = sheets(w);
        all['WB Журнал'] = (all['WB Журнал'] || []).map((r, i) => (i === 0 ? r : r.slice(2).map((v) => (typeof v === 'string' ? untimed(v) : v))));
        return all;
      };
      expect(content(par)).toEqual(content(seq));
      // Times of the run's end (it finished sooner, as above) and of the realization pass's end.
      const saved = (w: World, k: string) => (k === 'wb.lastSync' ? { ...JSON.parse(w.doc.get(k) as string), at: 0, message: untimed(JSON.parse(w.doc.get(k) as string).message) } : k === 'wb.state.realization' ? { ...JSON.parse(w.doc.get(k) as string), checkedAt: 0 } : w.doc.get(k));
      const state = (w: World) => w.doc.keys().filter((k) => !/rateBuckets/.test(k)).sort().map((k) => [k, saved(w, k)]);
      expect(state(par)).toEqual(state(seq));
    }
    expect(wbStatuses(par).filter((s) => s === 429)).toEqual([]);
    expect(Object.keys(sheets(par)).length).toBeGreaterThanOrEqual(6);
  });

  it('a single report never batches, nor does a run where only one bucket allows its request', () => {
    const w = world();
    w.run(['orders']);
    expect(w.batches.map((b) => b.length)).toEqual([1]);
    w.clock.t += 5000;
    // Sales' and finance's buckets (1 a minute) are full; orders' is not empty either: two reports may batch.
    w.run(['orders', 'sales']);
    expect(w.batches[1]).toEqual(['/api/v1/supplier/orders', '/api/v1/supplier/sales']);
    w.clock.t += 5000;
    // Sales' bucket is spent (1 a minute): only orders could go, so nothing is batched and sales waits.
    const res = w.run(['orders', 'sales']);
    expect(w.batches.slice(2).every((b) => b.length === 1)).toBe(true);
    expect(res.ok).toBe(true);
    expect(wbStatuses(w).filter((s) => s === 429)).toEqual([]);
  });

  it('a Base key: the batch carries only what its buckets allow, and no bucket is ever exceeded over a day of refreshes', () => {
    const w = world({ type: 'base', latencyMs: 400 });
    let batched = 0;
    for (let i = 0; i < 30; i++) {
      const before = w.batches.length;
      w.run();
      if (w.batches.slice(before).some((b) => b.length > 1)) batched++;
      w.clock.t += 47 * MINUTE;
    }
    expect(batched).toBeGreaterThan(3);
    expect(wbStatuses(w).filter((s) => s === 429)).toEqual([]);
    // Each WB request went out once per token: every bucket's history respects its interval.
    const byPath = new Map<string, number[]>();
    for (const r of w.wb.requests.filter((q) => q.path.startsWith('/api/') && !/tasks/.test(q.path))) {
      const list = byPath.get(r.path) || [];
      list.push(r.at);
      byPath.set(r.path, list);
    }
    const gap = (times: number[]) => Math.min(...times.slice(1).map((t, i) => t - times[i]));
    expect(gap(byPath.get('/api/v1/supplier/orders')!)).toBeGreaterThanOrEqual(3 * 3600000);
    expect(gap(byPath.get('/api/v1/supplier/sales')!)).toBeGreaterThanOrEqual(2 * 3600000);
    expect(gap(byPath.get('/api/finance/v1/sales-reports/detailed')!)).toBeGreaterThanOrEqual(12 * 3600000);
  });

  it('a 5xx, an HTML page or a refusal answering one batched request fails only that report, and moves no position of it', () => {
    for (const fault of [
      { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' },
      { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>maintenance</body></html>' },
      { status: 401, headers: { 'Content-Type': 'application/json' }, body: '{"title":"unauthorized","detail":"token problem; token is expired"}' },
    ]) {
      const w = world();
      w.wb.failNext('/api/v1/supplier/sales', fault, 1);
      const res = w.run();
      expect(w.batches[0]).toEqual(FIRST);
      const byReport = Object.fromEntries(res.outcomes.map((o) => [o.report, o.status]));
      expect(byReport).toEqual({ orders: 'done', sales: 'error', stocks: 'done', supplies: 'done', realization: 'done', reviews: 'done', funnel: 'done', search: 'done' });
      expect(w.doc.get('wb.cursor.sales')).toBeNull();
      expect(w.doc.get('wb.cursor.orders')).not.toBeNull();
      // The sales request was not sent again inside its bucket: only the batched one reached WB.
      expect(w.wb.requests.filter((r) => r.path === '/api/v1/supplier/sales')).toHaveLength(1);
      expect(wbStatuses(w).filter((s) => s === 429)).toEqual([]);
      expect(res.outcomes.find((o) => o.report === 'sales')!.requests).toBe(1);
    }
  });

  it('a batched page that arrived but could not be written moves no cursor; the other reports go on', () => {
    const w = world();
    const create = w.book.createSheet.bind(w.book);
    w.book.createSheet = (name: string, key: string, value: string) => {
      const sheet = create(name, key, value);
      if (value === 'orders') {
        const write = sheet.write.bind(sheet);
        // The header goes in; the rows are refused.
        sheet.write = (row, col, values, formats) => {
          if (row > 1) throw new Error('Service Spreadsheets failed while accessing document');
          write(row, col, values, formats);
        };
      }
      return sheet;
    };
    const res = w.run();
    expect(w.batches[0]).toEqual(FIRST);
    expect(Object.fromEntries(res.outcomes.map((o) => [o.report, o.status]))).toEqual({ orders: 'error', sales: 'done', stocks: 'done', supplies: 'done', realization: 'done', reviews: 'done', funnel: 'done', search: 'done' });
    expect(w.doc.get('wb.cursor.orders')).toBeNull();
    expect(w.doc.get('wb.cursor.sales')).not.toBeNull();
  });

  it('a 5xx on a batched request with room in its bucket is retried alone, as a request sent alone would be', () => {
    const w = world();
    w.wb.failNext('/api/v1/supplier/orders', { status: 503, headers: {}, body: '' }, 1);
    const res = w.run();
    expect(res.ok).toBe(true);
    const orders = w.wb.requests.filter((r) => r.path === '/api/v1/supplier/orders');
    expect(orders.map((r) => r.status)).toEqual([503, 200]);
    expect(res.outcomes.find((o) => o.report === 'orders')!.requests).toBe(2);
    // The retry went out on its own.
    expect(w.batches.filter((b) => b.length === 1 && b[0] === '/api/v1/supplier/orders')).toHaveLength(1);
  });

  it('a network failure fails the whole fetchAll: nothing is kept, each report asks again alone once its bucket allows, and all finish', () => {
    const w = world();
    const seq = world({ parallel: false });
    w.wb.failNext('/api/v1/supplier/sales', new Error('Timeout: statistics-api'), 1);
    const res = w.run();
    seq.run();
    expect(w.batches[0]).toEqual(FIRST);
    expect(res.outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'done']);
    expect(wbStatuses(w).filter((s) => s === 429)).toEqual([]);
    // Sales waited for its bucket (a minute) rather than being sent again inside it.
    const sales = w.wb.requests.filter((r) => r.path === '/api/v1/supplier/sales');
    expect(sales[1].at - sales[0].at).toBeGreaterThanOrEqual(MINUTE);
    // Same rows as a run without the fault (stocks aside: its snapshot is taken later).
    const data = (x: World) => Object.fromEntries(Object.entries(sheets(x)).filter(([name]) => /Заказы|Продажи|Поставки|Реализация|Отзывы|Воронка|Поиск/.test(name)));
    expect(data(w)).toEqual(data(seq));
  });

  it('a 429 answering a batched request blocks its endpoint for X-Ratelimit-Retry, as alone', () => {
    const w = world();
    w.wb.failNext('/api/finance/v1/sales-reports/detailed', { status: 429, headers: { 'X-Ratelimit-Retry': '600' }, body: '{"title":"too many requests"}' }, 1);
    const res = w.run();
    expect(res.outcomes.find((o) => o.report === 'realization')!.status).toBe('error');
    expect(res.outcomes.filter((o) => o.report !== 'realization').every((o) => o.status === 'done')).toBe(true);
    const rates = JSON.parse(w.doc.get('wb.rateBuckets') as string);
    // Counted from when the answer arrived, plus the safety margin.
    expect(rates.financeDetailed.blockedUntil).toBe(START + 600000 + SAFETY_MS);
  });
});

describe('WbClient.prefetch', () => {
  function client(responses: HttpResponse[]) {
    let now = 1_000_000;
    const sent: HttpRequest[][] = [];
    const http: Http = { fetchAll: (reqs) => { sent.push(reqs); return reqs.map(() => responses.shift() as HttpResponse); } };
    const clock = { now: () => now, sleep: (ms: number) => { now += ms; } };
    const states: Record<string, any> = {};
    const c = new WbClient(http, clock, { get: (id) => states[id], set: (id, s) => { states[id] = s; } });
    const w = new WbEmulator({ seed: 3, now: START });
    const key = w.makeKey({ type: 'personal', categories: ALL });
    const creds: Credentials = { key, info: decodeKey(key) };
    return { c, sent, creds, states };
  }
  const ok = (body: string): HttpResponse => ({ status: 200, headers: {}, body });

  it('accounts each batched request like one sent alone, and answers it once from the batch', () => {
    const { c, sent, creds } = client([ok('[{"a":1}]'), ok('[]')]);
    const orders = { query: { dateFrom: '2026-11-01', flag: '0' } };
    const sales = { query: { dateFrom: '2026-11-02', flag: '0' } };
    expect(c.prefetch([{ endpoint: ENDPOINTS.orders, creds, parts: orders }, { endpoint: ENDPOINTS.sales, creds, parts: sales }])).toEqual([true, true]);
    expect(c.requestCount).toBe(2);
    expect(sent).toHaveLength(1);
    // Sales' bucket (1 a minute) is spent, but the answer is here.
    expect(c.waitMs(ENDPOINTS.sales, creds)).toBe(60000 + SAFETY_MS);
    expect(c.waitMs(ENDPOINTS.sales, creds, sales)).toBe(0);
    expect(c.waitMs(ENDPOINTS.sales, creds, { query: { dateFrom: '2026-11-03', flag: '0' } })).toBe(60000 + SAFETY_MS);
    expect(c.fetchRows(ENDPOINTS.orders, creds, orders)).toEqual([{ a: 1 }]);
    expect(c.fetchRows(ENDPOINTS.sales, creds, sales)).toEqual([]);
    expect(sent).toHaveLength(1);
    // Used once: asking again is a new request, refused by the bucket.
    expect(() => c.fetchRows(ENDPOINTS.sales, creds, sales)).toThrow(expect.objectContaining({ kind: 'rate' }));
    expect(c.requestCount).toBe(2);
  });

  it('leaves out what its bucket refuses, a second request to one endpoint, and a lone request', () => {
    const { c, sent, creds } = client([]);
    const a = { query: { dateFrom: '2026-11-01', flag: '0' } };
    const b = { query: { dateFrom: '2026-11-02', flag: '0' } };
    expect(c.prefetch([{ endpoint: ENDPOINTS.sales, creds, parts: a }, { endpoint: ENDPOINTS.sales, creds, parts: b }])).toEqual([false, false]);
    expect(sent).toHaveLength(0);
    expect(c.requestCount).toBe(0);
  });

  it('keeps nothing from a batch that failed as a whole, with the tokens spent', () => {
    const fail: HttpResponse = { status: 0, headers: {}, body: '', failure: 'too_large' };
    const { c, creds, states } = client([fail, fail]);
    const orders = { query: { dateFrom: '2026-11-01', flag: '0' } };
    const sales = { query: { dateFrom: '2026-11-02', flag: '0' } };
    c.prefetch([{ endpoint: ENDPOINTS.orders, creds, parts: orders }, { endpoint: ENDPOINTS.sales, creds, parts: sales }]);
    expect(c.waitMs(ENDPOINTS.sales, creds, sales)).toBe(60000 + SAFETY_MS);
    expect(states.orders.tokens).toBe(9);
  });
});
