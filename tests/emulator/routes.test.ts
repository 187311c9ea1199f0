import { readFileSync } from 'fs';
import { WbEmulator } from './index';
import { NOW, ORDERS, SANDBOX, STATS, call, json } from './helpers';

const sample404 = JSON.parse(readFileSync('/work/shared/wb-samples/error-404-path.json', 'utf8'));
const sampleDeprecated = JSON.parse(readFileSync('/work/shared/wb-samples/error-404-deprecated.json', 'utf8'));
const samplePing = JSON.parse(readFileSync('/work/shared/wb-samples/ping.json', 'utf8'));

describe('removed and unknown paths', () => {
  const em = new WbEmulator({ seed: 1, now: NOW });
  const key = em.makeKey();
  const q = { dateFrom: '2026-01-01' };

  test('incomes: 404 path not found, exactly the observed body', () => {
    for (const k of [key, null]) {
      const r = call(em, { path: '/api/v1/supplier/incomes', query: q, key: k });
      expect(r.status).toBe(404);
      expect(r.headers['Content-Type']).toBe('application/problem+json');
      expect(r.body).toBe(JSON.stringify(sample404));
    }
  });

  test('stocks (release note 494) and v5 reportDetailByPeriod (498): deprecated', () => {
    const s = call(em, { path: '/api/v1/supplier/stocks', query: q, key });
    expect(s.status).toBe(404);
    const b = json(s);
    expect(Object.keys(b)).toEqual(Object.keys(sampleDeprecated));
    expect(b).toEqual({ ...sampleDeprecated, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const v5 = json(call(em, { path: '/api/v5/supplier/reportDetailByPeriod', query: { ...q, dateTo: '2026-02-01' }, key }));
    expect(v5.detail).toBe('This method is deprecated. Link: https://dev.wildberries.ru/release-notes?id=498');
    expect(v5.origin).toBe('ag-statistics');
  });

  test('unknown paths and wrong methods: 404 path not found; unknown hosts: DNS error', () => {
    for (const [path, method] of [['/api/v1/supplier/nothing', 'GET'], ['/api/v1/supplier/orders/', 'GET'], [ORDERS, 'POST'], ['/ping', 'POST']]) {
      const r = call(em, { path, method, query: q, key });
      expect([path, method, r.status, r.body]).toEqual([path, method, 404, JSON.stringify(sample404)]);
    }
    expect(call(em, { host: SANDBOX, path: '/api/v1/supplier/incomes', key }).status).toBe(404);
    expect(() => call(em, { host: 'suppliers-api.wildberries.ru', path: '/ping', key })).toThrow(/^DNS error: https:\/\/suppliers-api\.wildberries\.ru\/ping$/);
    expect(() => call(em, { host: 'example.com', path: '/', key })).toThrow('DNS error');
    const last = em.requests[em.requests.length - 1];
    expect([last.host, last.status]).toEqual(['example.com', 0]);
  });
});

describe('/ping', () => {
  const em = new WbEmulator({ seed: 1, now: NOW });

  test('{"TS": now in +03:00, "Status": "OK"}', () => {
    const r = call(em, { path: '/ping', key: em.makeKey() });
    expect(r.status).toBe(200);
    expect(Object.keys(json(r))).toEqual(Object.keys(samplePing));
    expect(json(r)).toEqual({ TS: '2026-11-27T10:00:00+03:00', Status: 'OK' });
  });

  test("each host checks its own category; common-api takes any valid key", () => {
    const stats = em.makeKey();
    const all = em.makeKey({ categories: [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 16] });
    const hosts: [string, number][] = [
      ['content-api.wildberries.ru', 1], ['seller-analytics-api.wildberries.ru', 2], ['discounts-prices-api.wildberries.ru', 3],
      ['marketplace-api.wildberries.ru', 4], ['advert-api.wildberries.ru', 6], ['feedbacks-api.wildberries.ru', 7],
      ['buyer-chat-api.wildberries.ru', 9], ['supplies-api.wildberries.ru', 10], ['returns-api.wildberries.ru', 11],
      ['documents-api.wildberries.ru', 12], ['finance-api.wildberries.ru', 13], ['user-management-api.wildberries.ru', 16],
    ];
    for (const [host, bit] of hosts) {
      const r = call(em, { host, path: '/ping', key: stats });
      expect([host, r.status, json(r).detail]).toEqual([host, 401, 'token scope not allowed']);
      expect([host, call(em, { host, path: '/ping', key: all }).status]).toEqual([host, 200]);
      expect(call(em, { host, path: '/ping', key: em.makeKey({ categories: [bit] }), now: em.now + 30_000 }).status).toBe(200);
    }
    expect(call(em, { host: 'common-api.wildberries.ru', path: '/ping', key: stats }).status).toBe(200);
    expect(call(em, { host: STATS, path: '/ping', key: em.makeKey({ categories: [13] }) }).status).toBe(401);
  });
});

describe('failNext and the request log', () => {
  test('injected responses for the next N matching requests, without touching the bucket', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const key = em.makeKey();
    em.failNext('/api/v1/supplier/sales', { status: 503, headers: {}, body: 'upstream' }, 2);
    em.failNext('/ping', new Error('Address unavailable'));
    const q = { dateFrom: '2026-11-26' };
    expect(call(em, { path: ORDERS, query: q, key }).status).toBe(200);
    expect(call(em, { path: '/api/v1/supplier/sales', query: q, key }).status).toBe(503);
    expect(call(em, { path: '/api/v1/supplier/sales', query: q, key }).body).toBe('upstream');
    expect(call(em, { path: '/api/v1/supplier/sales', query: q, key }).status).toBe(200);
    expect(() => call(em, { path: '/ping', key })).toThrow('Address unavailable');
    expect(call(em, { path: '/ping', key }).status).toBe(200);
    expect(em.requests.map((r) => r.status)).toEqual([200, 503, 503, 200, 0, 200]);
    expect(em.requests[0]).toEqual({ at: NOW, method: 'GET', host: STATS, path: ORDERS, query: q, status: 200, authorization: key });
  });
});
