import { WbEmulator } from './index';
import { FUNNEL_ORIGIN } from './funnel';
import { NOW, call, json } from './helpers';
import { DAY, HOUR, MINUTE } from './time';

const HOST = 'seller-analytics-api.wildberries.ru';
const PATH = '/api/analytics/v3/sales-funnel/products/history';
const day = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(0, 10);

describe('sales funnel history', () => {
  const em = new WbEmulator({ seed: 81, now: NOW, articles: 8, ordersPerDay: 60 });
  const key = em.makeKey({ categories: [2] });
  let t = NOW;
  const post = (body: unknown, k = key, at = (t += 21_000)) => call(em, { host: HOST, path: PATH, method: 'POST', body, key: k, now: at });
  const nmIds = em.seller.products.map((p) => p.nmId);
  const week = { start: day(NOW - 6 * DAY), end: day(NOW) };

  test('per article and day: orders and buyouts agree with the orders and sales, on the order day', () => {
    const body = json(post({ selectedPeriod: week, nmIds: nmIds.slice(0, 3), aggregationLevel: 'day' }));
    expect(body).toHaveLength(3);
    const orders = em.orders();
    const sales = em.sales();
    for (const item of body) {
      expect(item.currency).toBe('RUB');
      expect(item.history.map((h: any) => h.date)).toEqual(Array.from({ length: 7 }, (_v, i) => day(NOW - (6 - i) * DAY)));
      for (const h of item.history.slice(0, 5)) {
        const mine = orders.filter((o) => o.nmId === item.product.nmId && String(o.date).slice(0, 10) === h.date);
        expect(h.orderCount).toBe(mine.length);
        const srids = new Set(mine.map((o) => o.srid));
        const sold = new Set(sales.filter((s) => srids.has(s.srid) && String(s.saleID).startsWith('S')).map((s) => s.srid));
        const back = new Set(sales.filter((s) => srids.has(s.srid) && String(s.saleID).startsWith('R')).map((s) => s.srid));
        expect(h.buyoutCount).toBe([...sold].filter((s) => !back.has(s)).length);
        expect(h.openCount).toBeGreaterThanOrEqual(h.cartCount);
        expect(h.cartCount).toBeGreaterThanOrEqual(h.orderCount);
        expect(h.cartToOrderConversion).toBe(h.cartCount ? Math.round((h.orderCount / h.cartCount) * 100) : 0);
      }
    }
  });

  test('at most the last week, 1..20 articles, a valid body: else the analytics 400', () => {
    const bad = [
      { selectedPeriod: { start: day(NOW - 7 * DAY), end: day(NOW) }, nmIds },
      { selectedPeriod: { start: day(NOW), end: day(NOW + DAY) }, nmIds },
      { selectedPeriod: week, nmIds: [] },
      { selectedPeriod: week, nmIds: Array.from({ length: 21 }, (_v, i) => i + 1) },
      { selectedPeriod: week, nmIds, aggregationLevel: 'month' },
      { nmIds },
    ];
    for (const b of bad) {
      const r = post(b, key, t);
      expect(r.status).toBe(400);
      expect(json(r)).toMatchObject({ title: 'Invalid request body', origin: FUNNEL_ORIGIN });
    }
  });

  test('limits: Personal 3 a minute burst 3; Base 2 an hour burst 1', () => {
    const em2 = new WbEmulator({ seed: 82, now: NOW, articles: 2, ordersPerDay: 5 });
    const p = em2.makeKey({ categories: [2] });
    const body = { selectedPeriod: week, nmIds: [em2.seller.products[0].nmId] };
    const at = (ms: number, k: string) => call(em2, { host: HOST, path: PATH, method: 'POST', body, key: k, now: ms }).status;
    expect([at(NOW, p), at(NOW, p), at(NOW, p), at(NOW, p)]).toEqual([200, 200, 200, 429]);
    expect(at(NOW + 20_000, p)).toBe(200);
    const b = em2.makeKey({ type: 'base', categories: [2] });
    expect(at(NOW + HOUR, b)).toBe(200);
    expect(at(NOW + HOUR + 29 * MINUTE, b)).toBe(429);
    expect(at(NOW + HOUR + 30 * MINUTE, b)).toBe(200);
  });
});
