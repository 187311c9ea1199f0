import { WbEmulator, LIMITS } from './index';
import { NOW, ORDERS, SALES, SANDBOX, STATS, call, json } from './helpers';
import { HOUR } from './time';
import { createRuntime } from '../runtime';

const q = { dateFrom: '2026-11-26' };

function expect429(r: ReturnType<typeof call>, retry: number, limit: number, reset: number) {
  expect(r.status).toBe(429);
  expect(r.headers['Content-Type']).toBe('application/problem+json');
  expect(r.headers['X-Ratelimit-Retry']).toBe(String(retry));
  expect(r.headers['X-Ratelimit-Limit']).toBe(String(limit));
  expect(r.headers['X-Ratelimit-Reset']).toBe(String(reset));
  const b = json(r);
  expect(b).toMatchObject({ title: 'too many requests', origin: 's2s-api-auth-catalog', status: 429, statusText: 'Too Many Requests' });
  expect(b.detail).toMatch(/^limited by [0-9a-f-]{36}$/);
  expect(Object.keys(b)).toEqual(['title', 'detail', 'code', 'requestId', 'origin', 'status', 'statusText', 'timestamp']);
}

describe('rate limits per seller, method and key type', () => {
  test('orders, Personal and Service: 1/min, burst 10', () => {
    for (const type of ['personal', 'service'] as const) {
      const em = new WbEmulator({ seed: 1, now: NOW });
      const key = em.makeKey({ type });
      for (let i = 0; i < 10; i++) {
        const r = call(em, { path: ORDERS, query: q, key, now: NOW });
        expect(r.status).toBe(200);
        expect(r.headers['X-Ratelimit-Remaining']).toBe(String(9 - i));
        expect(r.headers['X-Ratelimit-Limit']).toBe('10');
      }
      expect429(call(em, { path: ORDERS, query: q, key, now: NOW }), 60, 10, 600);
      expect429(call(em, { path: ORDERS, query: q, key, now: NOW + 59_500 }), 1, 10, 541);
      const ok = call(em, { path: ORDERS, query: q, key, now: NOW + 60_000 });
      expect([ok.status, ok.headers['X-Ratelimit-Remaining']]).toEqual([200, '0']);
      // a full refill after 10 minutes of silence
      for (let i = 0; i < 10; i++) expect(call(em, { path: ORDERS, query: q, key, now: NOW + 11 * 60_000 }).status).toBe(200);
      expect(call(em, { path: ORDERS, query: q, key, now: NOW + 11 * 60_000 }).status).toBe(429);
    }
  });

  test('a request counts from when WB received it, and an answer too large for UrlFetchApp is still charged', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const key = em.makeKey({ type: 'personal' });
    const rt = createRuntime({ startTime: NOW, maxResponseBytes: 1000, fetchHandler: (req, at) => em.handle(req, at) });
    const fetch = (path: string) => rt.run(() => (rt.globals as any).UrlFetchApp.fetch(`https://${STATS}${path}?dateFrom=2026-09-01`, { headers: { Authorization: key }, muteHttpExceptions: true }).getResponseCode());
    expect(() => fetch(SALES)).toThrow(/^Response too large/);
    expect(em.requests.map((r) => [r.status, r.at])).toEqual([[200, NOW]]);
    // The answer came back 400 ms later; the next request is due a minute after WB received the first.
    rt.clock.set(NOW + 59_999);
    expect(fetch(SALES)).toBe(429);
    rt.clock.set(NOW + 60_000);
    expect(() => fetch(SALES)).toThrow(/^Response too large/);
    expect(em.requests.map((r) => r.status)).toEqual([200, 429, 200]);
  });

  test('sales, Personal and Service: 1/min, burst 1', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const key = em.makeKey({ type: 'service' });
    const r = call(em, { path: SALES, query: q, key, now: NOW });
    expect([r.status, r.headers['X-Ratelimit-Remaining'], r.headers['X-Ratelimit-Limit']]).toEqual([200, '0', '1']);
    expect429(call(em, { path: SALES, query: q, key, now: NOW + 1_000 }), 59, 1, 59);
    expect(call(em, { path: SALES, query: q, key, now: NOW + 60_000 }).status).toBe(200);
  });

  test('Base: orders 1 per 3 h, sales 1 per 2 h', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const key = em.makeKey({ type: 'base' });
    expect(call(em, { path: ORDERS, query: q, key, now: NOW }).headers['X-Ratelimit-Limit']).toBe('1');
    expect429(call(em, { path: ORDERS, query: q, key, now: NOW + 60_000 }), 3 * 3600 - 60, 1, 3 * 3600 - 60);
    expect(call(em, { path: SALES, query: q, key, now: NOW + 60_000 }).status).toBe(200);
    expect429(call(em, { path: SALES, query: q, key, now: NOW + 2 * 60_000 }), 2 * 3600 - 60, 1, 2 * 3600 - 60);
    expect(call(em, { path: SALES, query: q, key, now: NOW + 60_000 + 2 * HOUR }).status).toBe(200);
    expect(call(em, { path: ORDERS, query: q, key, now: NOW + 3 * HOUR - 1000 }).status).toBe(429);
    expect(call(em, { path: ORDERS, query: q, key, now: NOW + 3 * HOUR }).status).toBe(200);
  });

  test('test keys on the sandbox get the Personal limits, in their own bucket', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const test = em.makeKey({ type: 'test' });
    const personal = em.makeKey();
    for (let i = 0; i < 10; i++) expect(call(em, { host: SANDBOX, path: ORDERS, query: q, key: test }).status).toBe(200);
    expect429(call(em, { host: SANDBOX, path: ORDERS, query: q, key: test }), 60, 10, 600);
    expect(call(em, { host: STATS, path: ORDERS, query: q, key: personal }).status).toBe(200);
  });

  test('the bucket is the seller\'s: two keys of one seller share it; another seller has its own', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const k1 = em.makeKey();
    const k2 = em.makeKey();
    const other = em.makeKey({ sellerId: '11111111-1111-4111-8111-111111111111' });
    expect(call(em, { path: SALES, query: q, key: k1 }).status).toBe(200);
    expect(call(em, { path: SALES, query: q, key: k2 }).status).toBe(429);
    expect(call(em, { path: SALES, query: q, key: other }).status).toBe(200);
    // orders and sales are separate methods
    expect(call(em, { path: ORDERS, query: q, key: k2 }).status).toBe(200);
  });

  test('/ping: 3 per 30 s per host', () => {
    const em = new WbEmulator({ seed: 1, now: NOW });
    const key = em.makeKey({ categories: [5, 13] });
    for (let i = 0; i < 3; i++) expect(call(em, { path: '/ping', key }).status).toBe(200);
    expect429(call(em, { path: '/ping', key }), 10, 3, 30);
    expect(call(em, { host: 'finance-api.wildberries.ru', path: '/ping', key }).status).toBe(200);
    expect(call(em, { path: '/ping', key, now: NOW + 10_000 }).status).toBe(200);
    // pinging does not touch the orders bucket
    expect(call(em, { path: ORDERS, query: q, key, now: NOW + 10_000 }).headers['X-Ratelimit-Remaining']).toBe('9');
  });

  test('the table', () => {
    expect(LIMITS.orders).toEqual({ base: { intervalMs: 3 * HOUR, burst: 1 }, standard: { intervalMs: 60_000, burst: 10 } });
    expect(LIMITS.sales).toEqual({ base: { intervalMs: 2 * HOUR, burst: 1 }, standard: { intervalMs: 60_000, burst: 1 } });
  });
});
