import { WbEmulator } from './index';
import { SEARCH_FORBIDDEN_DETAIL, SEARCH_ORIGIN } from './search';
import { NOW, call, json } from './helpers';
import { DAY, HOUR } from './time';

const HOST = 'seller-analytics-api.wildberries.ru';
const DETAILS = '/api/v2/search-report/table/details';
const TEXTS = '/api/v2/search-report/product/search-texts';
const day = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(0, 10);
const y = day(NOW - DAY);
const details = (nmIds: number[], extra: Record<string, unknown> = {}) => ({ currentPeriod: { start: y, end: y }, nmIds, orderBy: { field: 'avgPosition', mode: 'asc' }, positionCluster: 'all', limit: 50, offset: 0, ...extra });
const texts = (nmIds: number[], extra: Record<string, unknown> = {}) => ({ currentPeriod: { start: y, end: y }, nmIds, topOrderBy: 'openCard', orderBy: { field: 'avgPosition', mode: 'asc' }, limit: 30, ...extra });

describe('search report', () => {
  test('details: position, visibility and transitions per article, visibility falling as the position grows', () => {
    const em = new WbEmulator({ seed: 95, now: NOW, articles: 10, ordersPerDay: 40 });
    const key = em.makeKey({ categories: [2] });
    const nmIds = em.seller.products.map((p) => p.nmId);
    const r = call(em, { host: HOST, path: DETAILS, method: 'POST', body: details(nmIds), key });
    expect(r.status).toBe(200);
    const products = json(r).data.products;
    expect(products).toHaveLength(10);
    for (const p of products) {
      const truth = em.searchDay(p.nmId, y);
      expect(p.avgPosition.current).toBe(truth.avgPosition);
      expect(p.visibility.current).toBe(truth.visibility);
      expect(p.openCard.current).toBeLessThanOrEqual(em.funnelDay(p.nmId, y).openCount);
    }
    const sorted = [...products].sort((a: any, b: any) => a.avgPosition.current - b.avgPosition.current);
    expect(sorted[0].visibility.current).toBeGreaterThanOrEqual(sorted[sorted.length - 1].visibility.current);
  });

  test('bad bodies are the analytics 400; more than 30 queries need an advanced tariff', () => {
    const em = new WbEmulator({ seed: 96, now: NOW, articles: 3, ordersPerDay: 10 });
    const key = em.makeKey({ categories: [2] });
    const nm = em.seller.products[0].nmId;
    let t = NOW;
    const post = (path: string, body: unknown) => call(em, { host: HOST, path, method: 'POST', body, key, now: (t += 21_000) });
    const bad = [
      post(DETAILS, details(Array.from({ length: 51 }, (_v, i) => i + 1))),
      post(DETAILS, details([nm], { positionCluster: undefined })),
      post(DETAILS, details([nm], { limit: 1001 })),
      post(DETAILS, details([nm], { currentPeriod: { start: day(NOW + DAY), end: day(NOW + DAY) } })),
      post(TEXTS, texts([nm], { limit: 31 })),
      post(TEXTS, texts([])),
    ];
    for (const r of bad) {
      expect(r.status).toBe(400);
      expect(json(r)).toMatchObject({ title: 'Invalid request body', origin: SEARCH_ORIGIN });
    }
    const adv = new WbEmulator({ seed: 96, now: NOW, articles: 3, ordersPerDay: 10, jam: 'advanced' });
    expect(call(adv, { host: HOST, path: TEXTS, method: 'POST', body: texts([nm], { limit: 100 }), key: adv.makeKey({ categories: [2] }) }).status).toBe(200);
  });

  test('without «Джем»: 403 with the spec’s body, no bucket token spent', () => {
    const em = new WbEmulator({ seed: 97, now: NOW, articles: 3, ordersPerDay: 10, jam: 'none' });
    const key = em.makeKey({ type: 'base', categories: [2] });
    const nm = em.seller.products[0].nmId;
    for (let i = 0; i < 3; i++) {
      const r = call(em, { host: HOST, path: DETAILS, method: 'POST', body: details([nm]), key });
      expect(r.status).toBe(403);
      expect(json(r)).toMatchObject({ title: 'Authorization error', detail: SEARCH_FORBIDDEN_DETAIL, origin: SEARCH_ORIGIN });
    }
  });

  test('limits per method: Personal 3 a minute burst 3; Base 1 an hour', () => {
    const em = new WbEmulator({ seed: 98, now: NOW, articles: 2, ordersPerDay: 5 });
    const p = em.makeKey({ categories: [2] });
    const b = em.makeKey({ type: 'base', categories: [2] });
    const nm = em.seller.products[0].nmId;
    const at = (path: string, body: unknown, key: string, ms: number) => call(em, { host: HOST, path, method: 'POST', body, key, now: ms }).status;
    expect([0, 1, 2, 3].map(() => at(DETAILS, details([nm]), p, NOW))).toEqual([200, 200, 200, 429]);
    expect(at(TEXTS, texts([nm]), p, NOW)).toBe(200); // its own bucket
    expect(at(DETAILS, details([nm]), b, NOW + HOUR)).toBe(200);
    expect(at(DETAILS, details([nm]), b, NOW + 2 * HOUR - 60_000)).toBe(429);
    expect(at(DETAILS, details([nm]), b, NOW + 2 * HOUR)).toBe(200);
  });
});
