import { readFileSync } from 'fs';
import { WbEmulator, RETENTION_MS } from './index';
import { NOW, ORDERS, SALES, SANDBOX, call, json } from './helpers';
import { DAY, HOUR } from './time';

const sampleOrders = JSON.parse(readFileSync('/work/shared/wb-samples/orders.json', 'utf8'));
const sampleSales = JSON.parse(readFileSync('/work/shared/wb-samples/sales.json', 'utf8'));
const MSK_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const msk = (s: string) => Date.parse(s + '+03:00');

describe('orders and sales: fields', () => {
  const em = new WbEmulator({ seed: 11, now: NOW });
  const key = em.makeKey();
  const orders = json(call(em, { path: ORDERS, query: { dateFrom: '2019-06-20' }, key }));
  const sales = json(call(em, { path: SALES, query: { dateFrom: '2019-06-20' }, key, now: NOW + 60_000 }));

  test('same field names, order and JSON types as the samples', () => {
    for (const [rows, sample] of [[orders, sampleOrders], [sales, sampleSales]]) {
      expect(rows.length).toBeGreaterThan(1000);
      const shape = (row: any) => Object.keys(row).map((k) => `${k}:${typeof row[k]}`).join(',');
      const want = shape(sample[0]);
      for (const x of sample) expect(shape(x)).toBe(want);
      const bad = rows.filter((row: any) => shape(row) !== want);
      expect(bad).toEqual([]);
    }
  });

  test('dates are Moscow wall-clock without zone; cancelDate zero when not cancelled', () => {
    for (const o of orders) {
      expect(o.date).toMatch(MSK_RE);
      expect(o.lastChangeDate).toMatch(MSK_RE);
      expect(msk(o.lastChangeDate)).toBeGreaterThan(msk(o.date));
      expect(msk(o.lastChangeDate)).toBeLessThanOrEqual(NOW);
      if (o.isCancel) expect(o.cancelDate).toMatch(MSK_RE);
      else expect(o.cancelDate).toBe('0001-01-01T00:00:00');
    }
    const cancelled = orders.filter((o: any) => o.isCancel).length / orders.length;
    expect(cancelled).toBeGreaterThan(0.05);
    expect(cancelled).toBeLessThan(0.15);
  });

  test('nasty texts, ids and formats a spreadsheet must keep as text', () => {
    const articles = new Set(orders.map((o: any) => o.supplierArticle));
    for (const a of ['00123', '2026-01-02', '=SUM(A1)', '+7-900', 'TSH-BLK-OVR']) expect(articles).toContain(a);
    expect(orders.some((o: any) => o.barcode.startsWith('0460'))).toBe(true);
    expect(new Set(orders.map((o: any) => o.techSize))).toContain('0');
    for (const o of orders) {
      expect(o.barcode).toMatch(/^\d{13}$/);
      expect(String(o.nmId)).toMatch(/^[1-9]\d{8}$/);
      expect(o.gNumber).toMatch(/^\d{20}$/);
      expect(o.sticker).toMatch(/^\d+$/);
      expect(o.srid).toMatch(o.warehouseType === 'Склад продавца' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{32}\.0\.0$/);
      if (o.warehouseType === 'Склад продавца') expect(o.incomeID).toBe(0);
    }
    expect(new Set(orders.map((o: any) => o.srid)).size).toBe(orders.length);
    expect(orders.some((o: any) => !Number.isInteger(o.priceWithDisc))).toBe(true); // kopecks
    expect(new Set(orders.map((o: any) => o.warehouseName))).toEqual(new Set(['Коледино', 'Электросталь', 'Казань', 'Краснодар', 'Мой склад Люберцы']));
  });

  test('sales: S/R ids unique; returns negative by default; money 0 only in the first 24 h', () => {
    expect(new Set(sales.map((s: any) => s.saleID)).size).toBe(sales.length);
    for (const s of sales) {
      expect(s.saleID).toMatch(/^[SR]\d{11}$/);
      if (s.saleID[0] === 'R') {
        expect(s.totalPrice).toBeLessThan(0);
        expect(s.forPay).toBeLessThan(0);
        expect(s.priceWithDisc).toBeLessThan(0);
        expect(s.paymentSaleAmount).toBe(0);
      } else {
        expect(s.totalPrice).toBeGreaterThan(0);
        if (s.forPay === 0) {
          expect(s.finishedPrice).toBe(0);
          expect(s.priceWithDisc).toBe(0);
          expect(NOW + 60_000 - msk(s.lastChangeDate)).toBeLessThan(DAY);
        } else expect(s.priceWithDisc).toBeGreaterThan(0);
      }
    }
    const returns = sales.filter((s: any) => s.saleID[0] === 'R').length;
    expect(returns).toBeGreaterThan(0);
    const pos = new WbEmulator({ seed: 11, now: NOW, returnAmountSign: 'positive' });
    pos.advanceTo(NOW + 60_000);
    const r = pos.sales({ withinRetention: true }).filter((s) => String(s.saleID).startsWith('R'));
    expect(r.length).toBe(returns);
    for (const s of r) expect(s.totalPrice as number).toBeGreaterThan(0);
  });

  test('ties: several rows share a lastChangeDate', () => {
    const count = (rows: any[]) => rows.length - new Set(rows.map((r) => r.lastChangeDate)).size;
    expect(count(orders)).toBeGreaterThan(0);
    expect(count(sales)).toBeGreaterThan(0);
  });

  test('response headers', () => {
    const r = call(em, { path: ORDERS, query: { dateFrom: '2026-11-27' }, key, now: NOW + 120_000 });
    expect(r.headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(r.headers['X-Ratelimit-Limit']).toBe('10');
    expect(r.headers['X-Ratelimit-Remaining']).toBeDefined();
  });
});

describe('400', () => {
  const em = new WbEmulator({ seed: 1, now: NOW });
  const key = em.makeKey();
  let t = NOW;
  const get = (path: string, rawQuery: string) => call(em, { path, rawQuery, key, now: (t += 60_000) });

  test('dateFrom missing or empty', () => {
    for (const path of [ORDERS, SALES]) {
      for (const qs of ['', 'flag=1', 'dateFrom=', 'datefrom=2026-11-01']) {
        const r = get(path, qs);
        expect(r.status).toBe(400);
        expect(r.body).toBe('{"errors":["dateFrom: field required"]}');
      }
    }
  });

  test('dateFrom unparseable', () => {
    const bad = ['yesterday', '2026-13-01', '2026-02-30', '2026-11-20T25:00:00', '2026-11-20 10:00:00', '2026-11-20T10:00', '1700000000', '20.11.2026',
      '2026-11-20T10:00:00+03:00' /* unencoded '+' is a space, as in Go */];
    for (const d of bad) {
      const r = get(SALES, 'dateFrom=' + d);
      expect([d, r.status]).toEqual([d, 400]);
      expect(r.body).toBe('{"errors":"dateFrom: Value not validated"}');
    }
  });

  test('accepted dateFrom forms', () => {
    const good = ['2026-11-20', '2026-11-20T23:59:59', '2026-11-20T00:00:00.12345', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00%2B03:00', '2026-11-20T10:00:00.5-01:30'];
    for (const d of good) expect([d, get(ORDERS, 'dateFrom=' + d).status]).toEqual([d, 200]);
  });

  test('400 and 401 do not consume the bucket', () => {
    const e = new WbEmulator({ seed: 1, now: NOW });
    const k = e.makeKey();
    for (let i = 0; i < 5; i++) expect(call(e, { path: SALES, rawQuery: 'dateFrom=bad', key: k }).status).toBe(400);
    for (let i = 0; i < 5; i++) expect(call(e, { path: SALES, rawQuery: 'dateFrom=2026-11-01', key: 'bad' }).status).toBe(401);
    expect(call(e, { path: SALES, rawQuery: 'dateFrom=2026-11-01', key: k }).status).toBe(200);
  });
});

describe('paging', () => {
  test('flag=0: lastChangeDate >= dateFrom, ascending, capped; the boundary row comes back; [] past the end', () => {
    const em = new WbEmulator({ seed: 21, now: NOW, pageLimit: 700 });
    const key = em.makeKey();
    const start = em.orders({ withinRetention: true });
    let t = NOW;
    let cursor = '2019-06-20';
    const seen = new Map<string, any>();
    let pages = 0;
    let last: any[] = [];
    for (;;) {
      const r = call(em, { path: ORDERS, query: { dateFrom: cursor }, key, now: (t += 6 * 60_000) });
      expect(r.status).toBe(200);
      const rows = json(r);
      pages++;
      const from = cursor.length === 10 ? msk(cursor + 'T00:00:00') : msk(cursor);
      for (let i = 0; i < rows.length; i++) {
        expect(msk(rows[i].lastChangeDate)).toBeGreaterThanOrEqual(from);
        if (i) expect(rows[i].lastChangeDate >= rows[i - 1].lastChangeDate).toBe(true);
      }
      expect(rows.length).toBeLessThanOrEqual(700);
      const fresh = rows.filter((x: any) => !seen.has(x.srid));
      for (const x of rows) seen.set(x.srid, x);
      if (fresh.length === 0) {
        last = rows;
        break;
      }
      cursor = rows[rows.length - 1].lastChangeDate;
      if (rows.length === 700) expect(rows[0].lastChangeDate <= cursor).toBe(true);
    }
    expect(pages).toBeGreaterThan(Math.floor(start.length / 700));
    // The final request (dateFrom = the last lastChangeDate) returns the boundary rows again (>=).
    expect(last.length).toBeGreaterThan(0);
    expect(last.every((x: any) => x.lastChangeDate === cursor)).toBe(true);
    // The clock moved while paging: everything WB has now was seen, and what was seen
    // but is gone has aged out of the 90 days.
    const end = em.orders({ withinRetention: true });
    for (const o of end) expect(seen.get(o.srid as string)).toEqual(o);
    const endIds = new Set(end.map((o) => o.srid));
    for (const [srid, o] of seen) if (!endIds.has(srid)) expect(msk(o.date)).toBeLessThan(t - RETENTION_MS);
    // One second past the last change: [].
    const after = new Date(msk(cursor) + 1000 + 3 * HOUR).toISOString().slice(0, 19);
    const none = call(em, { path: ORDERS, query: { dateFrom: after }, key, now: t + 60_000 });
    expect(json(none).filter((x: any) => x.lastChangeDate <= cursor)).toEqual([]);
    const far = call(em, { path: ORDERS, query: { dateFrom: '2030-01-01' }, key, now: t + 120_000 });
    expect(far.body).toBe('[]');
  });

  test('the cap is 80,000 by default', () => {
    const em = new WbEmulator({ seed: 2, now: NOW, ordersPerDay: 1000, historyDays: 95 });
    const r = call(em, { path: ORDERS, query: { dateFrom: '2019-06-20' }, key: em.makeKey() });
    expect(json(r)).toHaveLength(80_000);
  });

  test('flag=1: every order/sale dated on that Moscow day, time ignored, uncapped', () => {
    const em = new WbEmulator({ seed: 4, now: NOW, pageLimit: 10 });
    const key = em.makeKey();
    const day = '2026-11-20';
    const wantOrders = em.orders().filter((o) => String(o.date).startsWith(day));
    const a = json(call(em, { path: ORDERS, query: { dateFrom: day, flag: '1' }, key }));
    const b = json(call(em, { path: ORDERS, query: { dateFrom: day + 'T23:59:59', flag: '1' }, key, now: NOW + 60_000 }));
    expect(wantOrders.length).toBeGreaterThan(10);
    expect(a.map((o: any) => o.srid).sort()).toEqual(wantOrders.map((o) => o.srid).sort());
    expect(b).toEqual(a);
    const wantSales = em.sales().filter((s) => String(s.date).startsWith(day));
    const s = json(call(em, { path: SALES, query: { dateFrom: day, flag: '1' }, key, now: NOW + 120_000 }));
    expect(s.map((x: any) => x.saleID).sort()).toEqual(wantSales.map((x) => x.saleID).sort());
    // flag=0 on the same key is capped at pageLimit
    expect(json(call(em, { path: ORDERS, query: { dateFrom: day }, key, now: NOW + 180_000 }))).toHaveLength(10);
  });
});

describe('retention', () => {
  test('only rows whose order date is within 90 days; older history still exists as truth', () => {
    const em = new WbEmulator({ seed: 8, now: NOW, historyDays: 100 });
    const key = em.makeKey();
    const all = em.orders();
    const kept = em.orders({ withinRetention: true });
    const cutoff = NOW - RETENTION_MS;
    expect(all.length).toBeGreaterThan(kept.length);
    expect(kept.every((o) => msk(o.date as string) >= cutoff)).toBe(true);
    const got = json(call(em, { path: ORDERS, query: { dateFrom: '2019-06-20' }, key }));
    expect(got).toEqual(kept); // the response body is exactly the truth, in lastChangeDate order
    const sales = json(call(em, { path: SALES, query: { dateFrom: '2019-06-20' }, key }));
    expect(sales).toEqual(em.sales({ withinRetention: true }));
    const keptSrids = new Set(kept.map((o) => o.srid));
    expect(sales.every((s: any) => keptSrids.has(s.srid))).toBe(true);
    expect(sales.length).toBe(em.sales({ withinRetention: true }).length);
    expect(em.sales().length).toBeGreaterThan(sales.length);
    // a day beyond retention is empty with flag=1
    expect(json(call(em, { path: ORDERS, query: { dateFrom: '2026-08-20', flag: '1' }, key, now: NOW + 60_000 }))).toEqual([]);
  });

  test('rows age out as the clock moves', () => {
    const em = new WbEmulator({ seed: 8, now: NOW });
    const before = em.orders({ withinRetention: true });
    em.advanceTo(NOW + 2 * DAY);
    const after = em.orders({ withinRetention: true });
    const oldest = (rows: any[]) => rows.reduce((m, o) => (o.date < m ? o.date : m), '9');
    expect(oldest(after) > oldest(before)).toBe(true);
  });

  test('sandbox serves the same seller, 4 months back at most', () => {
    const em = new WbEmulator({ seed: 8, now: NOW });
    const k = em.makeKey({ type: 'test' });
    const r = json(call(em, { host: SANDBOX, path: SALES, query: { dateFrom: '2019-06-20' }, key: k }));
    expect(r.length).toBe(em.sales({ withinRetention: true }).length);
  });

  test('a key of another seller sees no data', () => {
    const em = new WbEmulator({ seed: 8, now: NOW });
    const k = em.makeKey({ sellerId: '00000000-0000-4000-8000-000000000000' });
    const r = call(em, { path: ORDERS, query: { dateFrom: '2019-06-20' }, key: k });
    expect([r.status, r.body]).toEqual([200, '[]']);
  });
});
