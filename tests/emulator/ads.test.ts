/**
 * The emulator's advertising methods (08-promotion.yaml): campaign lists and details,
 * statistics within 50 ids and 31 days, spend history, per-key-type limits, error bodies,
 * and statistics consistent with the seller's own orders.
 */
import { WbEmulator } from './index';
import { NOW, call, json } from './helpers';
import { DAY, fmtDay, mskDay, mskDayStart } from './time';

const ADV = 'advert-api.wildberries.ru';
const COUNT = '/adv/v1/promotion/count';
const ADVERTS = '/api/advert/v2/adverts';
const STATS = '/adv/v3/fullstats';
const UPD = '/adv/v1/upd';

function setup(type: 'personal' | 'base' = 'personal') {
  const em = new WbEmulator({ seed: 3, now: NOW, articles: 8, ordersPerDay: 60 });
  return { em, key: em.makeKey({ type, categories: [6] }) };
}

describe('advert-api', () => {
  test('a key without «Продвижение» gets the scope 401 on every method', () => {
    const em = new WbEmulator({ seed: 3, now: NOW });
    const key = em.makeKey({ categories: [5] });
    for (const path of [COUNT, ADVERTS, STATS, UPD]) {
      const r = call(em, { host: ADV, path, key, query: { ids: '1', beginDate: '2026-11-01', endDate: '2026-11-02', from: '2026-11-01', to: '2026-11-02' } });
      expect(r.status).toBe(401);
      expect(json(r).detail).toBe('token scope not allowed');
    }
  });

  test('campaign lists group every campaign by type and status; details carry names and articles', () => {
    const { em, key } = setup();
    const r = json(call(em, { host: ADV, path: COUNT, key }));
    const ids = r.adverts.flatMap((g: any) => g.advert_list.map((a: any) => a.advertId));
    expect(r.all).toBe(em.ads.campaigns.length);
    expect(ids.sort()).toEqual(em.ads.campaigns.map((c) => c.advertId).sort());
    const statuses = new Set(r.adverts.map((g: any) => g.status));
    for (const s of [4, 7, 8, 9, 11]) expect(statuses.has(s)).toBe(true);
    const d = json(call(em, { host: ADV, path: ADVERTS, key, query: { ids: ids.join(',') } }));
    expect(d.adverts).toHaveLength(ids.length);
    expect(d.adverts.map((a: any) => a.settings.name)).toContain('=Реклама (поиск)');
    const tooMany = call(em, { host: ADV, path: ADVERTS, key, query: { ids: Array.from({ length: 51 }, (_x, i) => String(i + 1)).join(',') } });
    expect(tooMany.status).toBe(400);
    expect(json(tooMany)).toMatchObject({ detail: 'invalid ids', origin: 'camp-api-public-cache', status: 400, title: 'invalid payload' });
  });

  test('fullstats: at most 50 ids and 31 days; per day and article, consistent with the seller orders; only statuses 7, 9, 11', () => {
    const { em, key } = setup();
    const ids = em.ads.campaigns.map((c) => c.advertId).join(',');
    const today = mskDay(NOW);
    const long = call(em, { host: ADV, path: STATS, key, query: { ids, beginDate: fmtDay(today - 31), endDate: fmtDay(today) } });
    expect(long.status).toBe(400);
    expect(json(long).errors[0].detail).toBe('max date range 31 days');
    expect(call(em, { host: ADV, path: STATS, key, query: { beginDate: fmtDay(today - 3), endDate: fmtDay(today) } }).status).toBe(400);
    const r = call(em, { host: ADV, path: STATS, key, query: { ids, beginDate: fmtDay(today - 30), endDate: fmtDay(today) } });
    expect(r.status).toBe(200);
    const body = json(r);
    const statusOf = new Map(em.ads.campaigns.map((c) => [c.advertId, em.ads.status(c, NOW)]));
    expect(body.length).toBeGreaterThan(2);
    for (const c of body) expect([7, 9, 11]).toContain(statusOf.get(c.advertId));
    // Ad orders of an article on a day never exceed the seller's orders of that article that day.
    const orders = new Map<string, number>();
    for (const o of em.orders()) {
      const k = o.nmId + '|' + String(o.date).slice(0, 10);
      orders.set(k, (orders.get(k) || 0) + 1);
    }
    const ad = new Map<string, number>();
    let spend = 0;
    for (const c of body) {
      let campaign = 0;
      for (const d of c.days) {
        let day = 0;
        for (const app of d.apps) for (const nm of app.nms) {
          const k = nm.nmId + '|' + d.date.slice(0, 10);
          ad.set(k, (ad.get(k) || 0) + nm.orders);
          day += Math.round(nm.sum * 100);
        }
        expect(Math.round(d.sum * 100)).toBe(day);
        campaign += day;
      }
      expect(Math.round(c.sum * 100)).toBe(campaign);
      spend += campaign;
    }
    expect(spend).toBeGreaterThan(0);
    let driven = 0;
    ad.forEach((n, k) => {
      expect(n).toBeLessThanOrEqual(orders.get(k) || 0);
      driven += n;
    });
    expect(driven).toBeGreaterThan(0);
  });

  test('upd: charges per campaign and day in whole roubles, 1..31 days; some land the next day', () => {
    const { em, key } = setup();
    const today = mskDay(NOW);
    expect(call(em, { host: ADV, path: UPD, key, query: { from: fmtDay(today - 40), to: fmtDay(today) } }).status).toBe(400);
    const r = json(call(em, { host: ADV, path: UPD, key, query: { from: fmtDay(today - 30), to: fmtDay(today) } }));
    expect(r.length).toBeGreaterThan(10);
    for (const u of r) expect(Number.isInteger(u.updSum)).toBe(true);
    const late = em.ads.charges(NOW).filter((x) => mskDay(x.at) !== mskDay(x.at - 31 * 60000) || x.at - mskDayStart(mskDay(x.at)) < 3600_000);
    expect(late.length).toBeGreaterThan(0);
  });

  test('limits per key type: fullstats 3/min for Personal, 1/h for Base; a refused request carries the 429 headers', () => {
    const p = setup('personal');
    const ids = p.em.ads.campaigns.map((c) => c.advertId).join(',');
    const q = { ids, beginDate: fmtDay(mskDay(NOW) - 1), endDate: fmtDay(mskDay(NOW)) };
    expect(call(p.em, { host: ADV, path: STATS, key: p.key, query: q, now: NOW }).status).toBe(200);
    const again = call(p.em, { host: ADV, path: STATS, key: p.key, query: q, now: NOW + 1000 });
    expect(again.status).toBe(429);
    expect(again.headers['X-Ratelimit-Retry']).toBe('19');
    expect(call(p.em, { host: ADV, path: STATS, key: p.key, query: q, now: NOW + 20_000 }).status).toBe(200);
    const b = setup('base');
    expect(call(b.em, { host: ADV, path: STATS, key: b.key, query: q, now: NOW }).status).toBe(200);
    expect(call(b.em, { host: ADV, path: STATS, key: b.key, query: q, now: NOW + 59 * 60000 }).status).toBe(429);
    expect(call(b.em, { host: ADV, path: STATS, key: b.key, query: q, now: NOW + 3600_000 }).status).toBe(200);
    expect(call(b.em, { host: ADV, path: COUNT, key: b.key, now: NOW }).status).toBe(200);
    expect(call(b.em, { host: ADV, path: COUNT, key: b.key, now: NOW + 14 * 60000 }).status).toBe(429);
  });

  test('the running day grows as the clock goes; past days do not change', () => {
    const { em, key } = setup();
    const c = em.ads.campaigns.find((x) => em.ads.status(x, NOW) === 9)!;
    const today = mskDay(NOW);
    const before = em.ads.daySpendKop(c, today, NOW);
    const past = em.ads.daySpendKop(c, today - 1, NOW);
    em.advanceTo(NOW + 6 * 3600_000);
    expect(em.ads.daySpendKop(c, today, NOW + 6 * 3600_000)).toBeGreaterThan(before);
    expect(em.ads.daySpendKop(c, today - 1, NOW + DAY)).toBe(past);
    expect(key).toBeTruthy();
  });
});
