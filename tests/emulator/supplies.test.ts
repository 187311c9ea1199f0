import { ERR_SUPPLY_GOODS_NOT_FOUND, LIMITS, WbEmulator, errSupplyNotFound } from './index';
import { NOW, SUPPLIES, SUPPLIES_LIST, call, json } from './helpers';
import { DAY, HOUR, MINUTE } from './time';

const OFFSET_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;
const SUPPLY_KEYS = ['phone', 'supplyID', 'preorderID', 'createDate', 'supplyDate', 'factDate', 'updatedDate', 'statusID', 'boxTypeID'];
const GOOD_KEYS = ['barcode', 'vendorCode', 'nmID', 'needKiz', 'tnved', 'techSize', 'color', 'supplierBoxAmount', 'quantity', 'readyForSaleQuantity', 'acceptedQuantity', 'unloadingQuantity'];

function api(em: WbEmulator, key: string) {
  let t = em.now;
  // 2 s apart: within the Personal bucket (burst 10, one per 2 s) whatever the test does
  const next = () => (t = Math.max(t + 2_000, em.now));
  return {
    list: (body: unknown = {}, query: Record<string, string> = {}) => call(em, { host: SUPPLIES, path: SUPPLIES_LIST, method: 'POST', body, query, key, now: next() }),
    details: (id: string | number, query: Record<string, string> = {}) => call(em, { host: SUPPLIES, path: `${SUPPLIES_LIST}/${id}`, query, key, now: next() }),
    goods: (id: string | number, query: Record<string, string> = {}) => call(em, { host: SUPPLIES, path: `${SUPPLIES_LIST}/${id}/goods`, query, key, now: next() }),
  };
}

describe('supplies: list', () => {
  const em = new WbEmulator({ seed: 31, now: NOW });
  const key = em.makeKey({ categories: [10] });
  const a = api(em, key);
  const truth = em.supplies();

  test('newest first, models.Supply fields and formats', () => {
    const all = json(a.list());
    expect(all.length).toBeGreaterThan(20);
    expect(all).toEqual(truth.map(({ warehouseName, goods, ...s }) => s));
    for (const s of all) {
      expect(Object.keys(s)).toEqual(s.boxTypeID === 2 ? [...SUPPLY_KEYS, 'isBoxOnPallet'] : SUPPLY_KEYS);
      expect(s.phone).toMatch(/^\+7 9\d\d \*\*\* \d\d \d\d$/);
      expect(s.createDate).toMatch(OFFSET_RE);
      expect(s.statusID).toBeGreaterThanOrEqual(1);
      expect(s.statusID).toBeLessThanOrEqual(5);
      expect(s.supplyID === null).toBe(s.statusID === 1);
      expect(s.supplyDate === null).toBe(s.statusID === 1);
      if (s.supplyDate) expect(s.supplyDate).toMatch(/T00:00:00\+03:00$/);
      expect(s.factDate === null).toBe(s.statusID < 4);
      expect(s.updatedDate === null).toBe(s.statusID < 3);
      for (const d of [s.factDate, s.updatedDate]) if (d !== null) expect(d).toMatch(OFFSET_RE);
      expect([0, 2, 5]).toContain(s.boxTypeID);
      // A virtual supply (boxTypeID 0) has preorderID 0 and is accepted from the start.
      if (s.boxTypeID === 0) expect([s.preorderID, s.statusID, typeof s.supplyID]).toEqual([0, 5, 'number']);
      else expect(s.preorderID).toBeGreaterThan(0);
    }
    const created = all.map((s: any) => Date.parse(s.createDate));
    expect(created).toEqual([...created].sort((x, y) => y - x));
    const regular = all.filter((s: any) => s.boxTypeID !== 0);
    expect(new Set(regular.map((s: any) => s.preorderID)).size).toBe(regular.length);
    const ids = all.filter((s: any) => s.supplyID !== null).map((s: any) => s.supplyID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.filter((s: any) => s.boxTypeID === 0).length).toBeGreaterThan(1);
  });

  test('paging: limit and offset', () => {
    const all = json(a.list());
    expect(json(a.list({}, { limit: '5' }))).toEqual(all.slice(0, 5));
    expect(json(a.list({}, { limit: '5', offset: '5' }))).toEqual(all.slice(5, 10));
    expect(json(a.list({}, { limit: '1000', offset: String(all.length - 2) }))).toEqual(all.slice(-2));
    expect(json(a.list({}, { offset: String(all.length) }))).toEqual([]);
    for (const [query, detail] of [
      [{ limit: '1001' }, 'Неверный формат limit'],
      [{ limit: '0' }, 'Неверный формат limit'],
      [{ limit: 'ten' }, 'Неверный формат limit'],
      [{ offset: '-1' }, 'Неверный формат offset'],
    ] as const) {
      const r = a.list({}, query);
      expect(r.status).toBe(400);
      expect(r.headers['Content-Type']).toBe('application/json; charset=utf-8');
      expect(json(r)).toEqual({ status: 400, title: 'bad request', detail, requestId: expect.stringMatching(/^[0-9a-f]{32}$/), origin: 'supply-api' });
    }
  });

  test('filters: statusIDs, dates by type (Moscow days, both ends inclusive)', () => {
    const all = json(a.list());
    expect(json(a.list({ statusIDs: [5] }))).toEqual(all.filter((s: any) => s.statusID === 5));
    expect(json(a.list({ statusIDs: [1, 2, 3, 4] }))).toEqual(all.filter((s: any) => s.statusID < 5));
    const day = (d: string | null) => (d ? d.slice(0, 10) : null);
    const from = '2026-10-01';
    const till = '2026-10-31';
    const inOct = (d: string | null) => d !== null && day(d)! >= from && day(d)! <= till;
    const byCreate = json(a.list({ dates: [{ from, till, type: 'createDate' }] }));
    expect(byCreate).toEqual(all.filter((s: any) => inOct(s.createDate)));
    expect(byCreate.length).toBeGreaterThan(3);
    expect(json(a.list({ dates: [{ from, type: 'factDate' }], statusIDs: [5] }))).toEqual(all.filter((s: any) => s.statusID === 5 && day(s.factDate)! >= from));
    expect(json(a.list({ dates: [{ till: '2026-01-01', type: 'supplyDate' }] }))).toEqual([]);
    const bad = (body: unknown) => json(a.list(body)).detail;
    expect(bad({ dates: [{ from, till }] })).toBe("Выберите значение параметра 'Type' из списка: 'factDate createDate supplyDate updatedDate'");
    expect(bad({ dates: [{ from: '11-03-2019', type: 'createDate' }] })).toBe('ошибка при считывании даты "11-03-2019". Дата должна быть в формате ISO Date: 2006-01-02');
    expect(bad({ statusIDs: [5, 7] })).toBe("Выберите значение параметра 'StatusIDs[1]' из списка: '1 2 3 4 5 6'");
    expect(a.list('not json').status).toBe(400);
  });
});

describe('supplies: details and goods', () => {
  const em = new WbEmulator({ seed: 32, now: NOW });
  const a = api(em, em.makeKey({ categories: [10] }));
  const truth = em.supplies();
  const accepted = truth.find((s) => s.statusID === 5)!;

  test('details by supplyID or preorderID', () => {
    const d = json(a.details(accepted.supplyID as number));
    expect(d).toMatchObject({
      phone: accepted.phone,
      statusID: 5,
      createDate: accepted.createDate,
      factDate: accepted.factDate,
      warehouseName: accepted.warehouseName,
      actualWarehouseName: accepted.warehouseName,
      quantity: accepted.goods.reduce((x, g: any) => x + g.quantity, 0),
      acceptedQuantity: accepted.goods.reduce((x, g: any) => x + g.acceptedQuantity, 0),
      readyForSaleQuantity: accepted.goods.reduce((x, g: any) => x + g.readyForSaleQuantity, 0),
    });
    expect(typeof d.warehouseID).toBe('number');
    const viaPreorder = a.details(accepted.preorderID as number, { isPreorderID: 'true' });
    expect(viaPreorder.status).toBe(400);
    expect(json(viaPreorder).detail).toBe(`fail to get supply details: по заказу ${accepted.preorderID} найдена поставка ${accepted.supplyID}. Используйте поиск по ID поставки`);
    const nf = a.details(1234);
    expect(nf.status).toBe(404);
    expect(json(nf)).toMatchObject({ status: 404, title: 'not found', detail: errSupplyNotFound('1234'), origin: 'supply-api' });
    expect(json(a.details('12a')).detail).toBe('неверный формат id (должен быть int64)');
    expect(json(a.details('99999999999999999999')).detail).toBe('id выходит за рамки int64');
    expect(json(a.details(1, { isPreorderID: 'maybe' })).detail).toBe('Неверный формат isPreorderID');
  });

  test('goods: models.GoodInSupply, limit default 100 (max 1000), offset; accepted = planned or slightly less', () => {
    const g = json(a.goods(accepted.supplyID as number));
    expect(g).toEqual(accepted.goods);
    for (const x of g) {
      expect(Object.keys(x)).toEqual(GOOD_KEYS);
      expect(x.acceptedQuantity).toBeLessThanOrEqual(x.quantity);
      expect(x.acceptedQuantity).toBeGreaterThanOrEqual(x.quantity - 2);
      expect(x.readyForSaleQuantity).toBe(x.acceptedQuantity);
      expect(x.quantity % x.supplierBoxAmount).toBe(0);
    }
    const big = truth.find((s) => s.goods.length > 3)!;
    expect(json(a.goods(big.supplyID as number, { limit: '2', offset: '1' }))).toEqual(big.goods.slice(1, 3));
    expect(json(a.goods(big.preorderID as number, { isPreorderID: 'true' }))).toEqual(big.goods);
    const allGoods = truth.flatMap((s) => s.goods);
    expect(allGoods.some((x: any) => x.acceptedQuantity < x.quantity && x.readyForSaleQuantity > 0)).toBe(true);
    const nf = a.goods(1234);
    expect(nf.status).toBe(400);
    expect(nf.headers['Content-Type']).toBe('text/plain; charset=utf-8');
    expect(json(nf).detail).toBe(ERR_SUPPLY_GOODS_NOT_FOUND);
    expect(json(a.goods(accepted.supplyID as number, { limit: '1001' })).detail).toBe('Неверный формат limit');
    // the first supplies (before the history) bring every barcode to every WB warehouse
    const first = truth[truth.length - 1];
    expect(first.goods.length).toBe(em.seller.products.reduce((x, p) => x + p.sizes.length, 0));
  });
});

describe('supplies: virtual supplies', () => {
  const em = new WbEmulator({ seed: 35, now: NOW });
  const a = api(em, em.makeKey({ categories: [10] }));
  const truth = em.supplies();
  const virtual = truth.filter((s) => s.boxTypeID === 0);

  test('«Допринято»: preorderID 0, found by supplyID only; the units a short acceptance missed', () => {
    expect(virtual.length).toBeGreaterThan(1);
    for (const v of virtual.slice(0, 3)) {
      const d = json(a.details(v.supplyID as number, { isPreorderID: 'false' }));
      expect(Object.keys(d).slice(0, 4)).toEqual(['phone', 'statusID', 'virtualTypeID', 'boxTypeID']);
      expect(d).toMatchObject({ statusID: 5, virtualTypeID: 5, boxTypeID: 0, warehouseName: v.warehouseName });
      expect(json(a.goods(v.supplyID as number, { isPreorderID: 'false' }))).toEqual(v.goods);
      for (const g of v.goods as any[]) expect([g.acceptedQuantity, g.readyForSaleQuantity]).toEqual([g.quantity, g.quantity]);
    }
    // Regular supplies' details carry no virtualTypeID.
    const regular = truth.find((s) => s.statusID === 5 && s.boxTypeID !== 0)!;
    expect(json(a.details(regular.supplyID as number))).not.toHaveProperty('virtualTypeID');
  });

  test('0 is no order and no supply: details 404, goods 400 BadSupplyIDItems, whichever isPreorderID', () => {
    for (const flag of ['true', 'false']) {
      const d = a.details(0, { isPreorderID: flag });
      expect([d.status, json(d).detail]).toEqual([404, errSupplyNotFound('0')]);
      const g = a.goods(0, { isPreorderID: flag });
      expect([g.status, g.headers['Content-Type'], json(g).detail]).toEqual([400, 'text/plain; charset=utf-8', ERR_SUPPLY_GOODS_NOT_FOUND]);
    }
  });
});

describe('supplies: life over time', () => {
  test('statuses go 1 -> 2 -> 3 -> 4 -> 5 with their dates; another seller sees none', () => {
    const em = new WbEmulator({ seed: 33, now: NOW, historyDays: 30 });
    const seen = new Map<number, { statuses: number[]; rows: any[] }>();
    for (let t = NOW; t <= NOW + 21 * DAY; t += HOUR) {
      em.advanceTo(t);
      for (const s of em.supplies()) {
        const id = s.preorderID as number;
        const e = seen.get(id) ?? { statuses: [], rows: [] };
        if (e.statuses[e.statuses.length - 1] !== s.statusID) {
          e.statuses.push(s.statusID as number);
          e.rows.push(s);
        }
        seen.set(id, e);
      }
    }
    // created in the window, with time left to finish (a supply takes under 8 days)
    const fresh = [...seen.values()].filter((e) => e.statuses[0] === 1 && Date.parse(e.rows[0].createDate) < NOW + 13 * DAY);
    expect(fresh.length).toBeGreaterThan(3);
    for (const e of fresh) {
      expect(e.statuses).toEqual([1, 2, 3, 4, 5]);
      const [s1, s2, s3, s4, s5] = e.rows;
      expect([s1.supplyID, s1.supplyDate, s1.updatedDate]).toEqual([null, null, null]);
      expect(s2.supplyID).toBeGreaterThan(0);
      expect(s2.supplyDate).toMatch(/T00:00:00\+03:00$/);
      expect(s2.updatedDate).toBeNull();
      expect(s3.updatedDate).not.toBeNull();
      expect(s3.factDate).toBeNull();
      expect(s4.factDate).not.toBeNull();
      expect(Date.parse(s4.factDate)).toBeGreaterThan(Date.parse(s4.supplyDate));
      expect(Date.parse(s5.updatedDate)).toBeGreaterThan(Date.parse(s5.factDate));
      expect(s4.goods.every((g: any) => g.readyForSaleQuantity === 0 && g.unloadingQuantity === g.acceptedQuantity)).toBe(true);
      expect(s5.goods.every((g: any) => g.readyForSaleQuantity === g.acceptedQuantity && g.unloadingQuantity === 0)).toBe(true);
      expect(Date.parse(s5.updatedDate) - Date.parse(s1.createDate)).toBeLessThan(8 * DAY);
    }
    const other = em.makeKey({ categories: [10], sellerId: '0b7c1d1e-1111-4222-8333-444455556666' });
    expect(json(call(em, { host: SUPPLIES, path: SUPPLIES_LIST, method: 'POST', body: {}, key: other }))).toEqual([]);
  });
});

describe('supplies: limits and scope', () => {
  test('Personal 30/min (2 s, burst 10); Base 2 per hour; a Statistics-only key gets 401', () => {
    expect(LIMITS.suppliesList).toEqual({ base: { intervalMs: 30 * MINUTE, burst: 1 }, standard: { intervalMs: 2_000, burst: 10 } });
    const em = new WbEmulator({ seed: 34, now: NOW });
    const key = em.makeKey({ categories: [10] });
    const list = (k: string, now: number) => call(em, { host: SUPPLIES, path: SUPPLIES_LIST, method: 'POST', body: {}, key: k, now });
    for (let i = 0; i < 10; i++) expect(list(key, NOW).status).toBe(200);
    const r = list(key, NOW);
    expect([r.status, r.headers['X-Ratelimit-Retry'], r.headers['X-Ratelimit-Limit']]).toEqual([429, '2', '10']);
    expect(list(key, NOW + 2_000).status).toBe(200);
    const base = em.makeKey({ categories: [10], type: 'base' });
    expect(list(base, NOW).status).toBe(200);
    expect(list(base, NOW + MINUTE).status).toBe(429);
    expect(list(base, NOW + 30 * MINUTE).status).toBe(200);
    for (const path of [SUPPLIES_LIST, `${SUPPLIES_LIST}/1`, `${SUPPLIES_LIST}/1/goods`, '/ping']) {
      const method = path === SUPPLIES_LIST ? 'POST' : 'GET';
      const x = call(em, { host: SUPPLIES, path, method, body: method === 'POST' ? {} : undefined, key: em.makeKey() });
      expect([path, x.status, json(x).detail]).toEqual([path, 401, 'token scope not allowed']);
    }
    // an unknown path on the host: 404 path not found at the gateway
    expect(call(em, { host: SUPPLIES, path: SUPPLIES_LIST, key }).status).toBe(404);
  });
});
