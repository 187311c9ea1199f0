import { WbEmulator } from './index';
import { NOW, call, json } from './helpers';
import { MINUTE } from './time';
import { tariffRate } from './tariffs';

const COMMON = 'common-api.wildberries.ru';
const PATH = '/api/v1/tariffs/commission';

describe('commission by subject (common-api)', () => {
  test('any valid key of the seller gets every subject, names in the asked language', () => {
    const em = new WbEmulator({ seed: 3, now: NOW });
    // A key with only «Отзывы»: common-api has no category bit of its own.
    const key = em.makeKey({ type: 'personal', categories: [7] });
    const r = call(em, { host: COMMON, path: PATH, query: { locale: 'ru' }, key });
    expect(r.status).toBe(200);
    const report = json(r).report as Record<string, unknown>[];
    expect(report.length).toBeGreaterThan(em.seller.products.length > 0 ? 1 : 0);
    for (const p of em.seller.products) {
      const row = report.find((x) => x.subjectName === p.subject)!;
      expect(row).toBeDefined();
      expect(row.paidStorageKgvp).toBe(tariffRate(p.subject, false));
      expect(row.kgvpMarketplace).toBe(tariffRate(p.subject, true));
      expect(typeof row.subjectID).toBe('number');
    }
    const en = json(call(em, { host: COMMON, path: PATH, query: { locale: 'en' }, key, now: NOW + MINUTE })).report as Record<string, unknown>[];
    expect(en.some((x) => x.subjectName === 'T-shirts')).toBe(true);
  });

  test('a bad locale is a 400 with the spec body and spends no token', () => {
    const em = new WbEmulator({ seed: 3, now: NOW });
    const key = em.makeKey({ type: 'base' });
    const bad = call(em, { host: COMMON, path: PATH, query: { locale: 'de' }, key });
    expect(bad.status).toBe(400);
    expect(json(bad)).toMatchObject({ title: 'Bad Request', origin: 'api-statistics', detail: 'parameter "locale" in query has an error: value is not one of the allowed values ["ru","en","zh"]' });
    expect(call(em, { host: COMMON, path: PATH, query: { locale: 'ru' }, key }).status).toBe(200);
  });

  test('limits: Personal 1/min burst 2, Base 5 an hour burst 1; no key is 401', () => {
    const em = new WbEmulator({ seed: 3, now: NOW });
    const personal = em.makeKey({ type: 'personal' });
    expect(call(em, { host: COMMON, path: PATH, key: personal }).status).toBe(200);
    expect(call(em, { host: COMMON, path: PATH, key: personal }).status).toBe(200);
    expect(call(em, { host: COMMON, path: PATH, key: personal }).status).toBe(429);
    expect(call(em, { host: COMMON, path: PATH, key: personal, now: NOW + MINUTE }).status).toBe(200);
    const em2 = new WbEmulator({ seed: 3, now: NOW });
    const base = em2.makeKey({ type: 'base' });
    expect(call(em2, { host: COMMON, path: PATH, key: base }).status).toBe(200);
    expect(call(em2, { host: COMMON, path: PATH, key: base, now: NOW + 11 * MINUTE }).status).toBe(429);
    expect(call(em2, { host: COMMON, path: PATH, key: base, now: NOW + 12 * MINUTE }).status).toBe(200);
    expect(call(em2, { host: COMMON, path: PATH, key: null }).status).toBe(401);
  });

  test('the realization report charges the tariff of the subject and model, plus any overcharge', () => {
    const em = new WbEmulator({ seed: 3, now: NOW, overchargeCommission: { [new WbEmulator({ seed: 3, now: NOW }).seller.products[0].subject]: 1 } });
    const hit = em.seller.products[0].subject;
    const rows = em.realization({ dateFrom: '2026-10-01', dateTo: '2026-11-26' }).filter((r) => r.sellerOperName === 'Продажа');
    expect(rows.length).toBeGreaterThan(10);
    const kop = (v: unknown) => Math.round(Number(v) * 100);
    for (const r of rows) {
      const rate = tariffRate(String(r.subjectName), r.deliveryMethod === 'FBS') + (r.subjectName === hit ? 1 : 0);
      expect(r.commissionPercent).toBe(rate);
      expect(kop(r.vw) + kop(r.vwNds)).toBe(Math.round((kop(r.retailPriceWithDisc) * rate) / 100));
    }
    expect(new Set(rows.map((r) => r.deliveryMethod))).toEqual(new Set(['FBS', 'FBW']));
  });
});
