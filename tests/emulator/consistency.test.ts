import { TO_CLIENT_MS, WbEmulator } from './index';
import { ANALYTICS, FINANCE, NOW, SUPPLIES, call, json } from './helpers';
import { DAY, HOUR, MINUTE } from './time';

const msk = (s: unknown) => Date.parse(String(s) + '+03:00');
/** Monday (YYYY-MM-DD) of the Moscow week of a statistics date ('YYYY-MM-DDTHH:mm:ss', Moscow time). */
function weekOf(date: string): string {
  const d = new Date(date.slice(0, 10) + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * Stock per barcode and WB warehouse rebuilt from what the APIs show: accepted supply
 * goods (status 5) - S rows + R rows - orders on their way (visible, not cancelled,
 * not sold, younger than 14 days). FBS orders (the seller's own warehouse) are not WB stock.
 */
function rebuild(em: WbEmulator) {
  const stock = new Map<string, number>();
  const toClient = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const s of em.supplies()) {
    if (s.statusID !== 5) continue;
    for (const g of s.goods) add(stock, `${g.barcode}|${s.warehouseName}`, g.readyForSaleQuantity as number);
  }
  const sales = em.sales();
  const sold = new Set<string>();
  for (const s of sales) {
    if (s.warehouseType !== 'Склад WB') continue;
    const isReturn = String(s.saleID)[0] === 'R';
    if (!isReturn) sold.add(s.srid as string);
    add(stock, `${s.barcode}|${s.warehouseName}`, isReturn ? 1 : -1);
  }
  for (const o of em.orders()) {
    if (o.warehouseType !== 'Склад WB' || o.isCancel || sold.has(o.srid as string)) continue;
    if (em.now - msk(o.date) >= TO_CLIENT_MS) continue;
    add(stock, `${o.barcode}|${o.warehouseName}`, -1);
    add(toClient, o.barcode as string, 1);
  }
  return { stock, toClient };
}

function checkStock(em: WbEmulator) {
  const { stock, toClient } = rebuild(em);
  const snap = em.stockSnapshot();
  const fromSnap = new Map(snap.map((r) => [`${r.barcode}|${r.warehouseName}`, r.quantity]));
  const nonZero = new Map([...stock].filter(([, n]) => n !== 0));
  expect(fromSnap).toEqual(nonZero);
  for (const r of snap) expect(r.quantity).toBeGreaterThan(0);
  const transit = em.inTransit();
  expect(new Map(transit.filter((t) => t.toClient).map((t) => [t.barcode, t.toClient]))).toEqual(toClient);
  return { snap, transit };
}

describe('stock = accepted supplies - sales + returns - on the way to buyers', () => {
  test('at the start, over three weeks of time and after random changes; never negative', () => {
    const em = new WbEmulator({ seed: 51, now: NOW });
    const { transit } = checkStock(em);
    expect(transit.some((t) => t.fromClient > 0)).toBe(true);
    for (let t = NOW + 7 * HOUR; t <= NOW + 21 * DAY; t += 31 * HOUR) {
      em.advanceTo(t);
      if (t < NOW + 2 * DAY) em.changeRandomRows(0.1, t);
      checkStock(em);
    }
  });

  test('holds for a big seller and a tiny one', () => {
    checkStock(new WbEmulator({ seed: 52, now: NOW, ordersPerDay: 600, historyDays: 40 }));
    checkStock(new WbEmulator({ seed: 53, now: NOW, ordersPerDay: 3, articles: 3 }));
  });

  test('the API agrees with the truth: download and supplies as the add-on reads them', () => {
    const em = new WbEmulator({ seed: 54, now: NOW });
    const key = em.makeKey({ categories: [2, 10, 13] });
    const snap = em.stockSnapshot();
    const id = json(call(em, { host: ANALYTICS, path: '/api/v1/warehouse_remains', query: { groupBySa: 'true', groupByNm: 'true', groupByBarcode: 'true', groupBySize: 'true' }, key })).data.taskId;
    const items = json(call(em, { host: ANALYTICS, path: `/api/v1/warehouse_remains/tasks/${id}/download`, key, now: NOW + 2 * MINUTE }));
    const flat = items.flatMap((i: any) => i.warehouses.slice(3).map((w: any) => ({ vendorCode: i.vendorCode, nmId: i.nmId, barcode: i.barcode, techSize: i.techSize, warehouseName: w.warehouseName, quantity: w.quantity })));
    const key2 = (r: any) => `${r.barcode}|${r.warehouseName}`;
    expect(flat.sort((a: any, b: any) => (key2(a) < key2(b) ? -1 : 1))).toEqual([...snap].sort((a, b) => (key2(a) < key2(b) ? -1 : 1)));
    const list = json(call(em, { host: SUPPLIES, path: '/api/v1/supplies', method: 'POST', body: {}, key, now: NOW + 3 * MINUTE }));
    expect(list.map((s: any) => s.preorderID)).toEqual(em.supplies().map((s) => s.preorderID));
  });
});

describe('realization follows the statistics sales', () => {
  const em = new WbEmulator({ seed: 55, now: NOW });
  const sales = em.sales();
  const rows = em.realization({ dateFrom: '2026-01-01', dateTo: '2026-11-27' });
  const weeks = [...new Set(rows.map((r) => String(r.dateFrom)))].sort();

  test('per closed week and article: Продажа rows = S rows, Возврат rows = R rows (units)', () => {
    expect(weeks.length).toBeGreaterThanOrEqual(14);
    for (const week of weeks) {
      const want: Record<string, { sales: number; returns: number }> = {};
      for (const s of sales) {
        if (weekOf(String(s.date)) !== week) continue;
        const u = (want[String(s.supplierArticle)] ??= { sales: 0, returns: 0 });
        if (String(s.saleID)[0] === 'S') u.sales++;
        else u.returns++;
      }
      const sunday = new Date(Date.parse(week) + 6 * DAY).toISOString().slice(0, 10);
      expect([week, em.realizationUnits(week, sunday)]).toEqual([week, want]);
    }
    // and the open week is not reported yet
    expect(weeks[weeks.length - 1]).toBe('2026-11-16');
  });

  test('each Продажа/Возврат row is one statistics row: srid, barcode, warehouse, dates, forPay', () => {
    const bySaleKey = new Map(sales.map((s) => [`${s.srid}|${String(s.saleID)[0]}`, s]));
    const orders = new Map(em.orders().map((o) => [o.srid, o]));
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const r of rows) {
      if (r.sellerOperName !== 'Продажа' && r.sellerOperName !== 'Возврат') continue;
      const k = `${r.srid}|${r.sellerOperName === 'Продажа' ? 'S' : 'R'}`;
      const s = bySaleKey.get(k);
      if (!s || seen.has(k)) {
        bad.push(`no or twice: ${k}`);
        continue;
      }
      seen.add(k);
      if (r.sku !== s.barcode || r.vendorCode !== s.supplierArticle || r.nmId !== s.nmId || r.officeName !== s.warehouseName) bad.push(`${k}: article`);
      if (Date.parse(String(r.saleDt)) !== msk(s.date)) bad.push(`${k}: saleDt`);
      if (r.rrDate !== String(s.date).slice(0, 10)) bad.push(`${k}: rrDate`);
      if (Math.round(Number(r.forPay) * 100) !== Math.round(Math.abs(Number(s.forPay)) * 100) && s.forPay !== 0) bad.push(`${k}: forPay`);
      const o = orders.get(s.srid);
      if (o && Date.parse(String(r.orderDt)) !== msk(o.date)) bad.push(`${k}: orderDt`);
      if (r.deliveryMethod !== (s.warehouseType === 'Склад WB' ? 'FBW' : 'FBS')) bad.push(`${k}: deliveryMethod`);
    }
    expect(bad).toEqual([]);
    // every S/R row of the closed weeks is in the realization
    const closedTo = Date.parse('2026-11-23T00:00:00+03:00');
    const closedFrom = Date.parse(weeks[0] + 'T00:00:00+03:00');
    const expected = sales.filter((s) => msk(s.date) >= closedFrom && msk(s.date) < closedTo).length;
    expect(seen.size).toBe(expected);
  });

  test('orderUid is shared by the units of one basket (gNumber) and by nothing else', () => {
    const gBySrid = new Map(em.orders().map((o) => [o.srid, o.gNumber]));
    const uid = new Map<string, string>();
    for (const r of rows) {
      if (!r.srid) continue;
      const g = gBySrid.get(r.srid);
      if (!g) continue;
      const prev = uid.get(String(r.orderUid));
      if (prev !== undefined) expect(prev).toBe(g);
      uid.set(String(r.orderUid), g as string);
      expect(r.orderUid).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(uid.values()).size).toBe(uid.size);
  });

  test('a week is reported once it is over, and then never changes', () => {
    const later = new WbEmulator({ seed: 55, now: NOW });
    later.advanceTo(NOW + 4 * DAY); // Tuesday 1 Dec: the week 23-29 Nov is reported
    later.changeRandomRows(0.2, NOW + 4 * DAY);
    const again = later.realization({ dateFrom: '2026-01-01', dateTo: '2026-11-30' });
    expect(again.slice(0, rows.length)).toEqual(rows);
    const fresh = again.slice(rows.length);
    expect(new Set(fresh.map((r) => r.dateFrom))).toEqual(new Set(['2026-11-23']));
    const s = later.sales().filter((x) => weekOf(String(x.date)) === '2026-11-23');
    expect(fresh.filter((r) => r.sellerOperName === 'Продажа').length).toBe(s.filter((x) => String(x.saleID)[0] === 'S').length);
    expect(fresh.filter((r) => r.sellerOperName === 'Возврат').length).toBe(s.filter((x) => String(x.saleID)[0] === 'R').length);
  });
});

describe('determinism and speed', () => {
  test('same seed and clock: same supplies, stock and realization, however the clock got there', () => {
    const a = new WbEmulator({ seed: 56, now: NOW });
    const b = new WbEmulator({ seed: 56, now: NOW - 5 * DAY, historyDays: 95 });
    for (let t = NOW - 5 * DAY; t < NOW; t += 5 * HOUR + 17 * MINUTE) b.advanceTo(t);
    b.advanceTo(NOW);
    expect(b.supplies()).toEqual(a.supplies());
    expect(b.stockSnapshot()).toEqual(a.stockSnapshot());
    expect(b.inTransit()).toEqual(a.inTransit());
    const range = { dateFrom: '2026-08-01', dateTo: '2026-11-27' };
    expect(b.realization(range)).toEqual(a.realization(range));
    const c = new WbEmulator({ seed: 57, now: NOW });
    expect(c.supplies()).not.toEqual(a.supplies());
  });

  test('the default seller builds its snapshot and whole realization', () => {
    // Times belong to `npm run bench`; a wall-clock bound here only fails on a busy machine.
    const em = new WbEmulator({ seed: 58, now: NOW });
    expect(em.stockSnapshot().length).toBeGreaterThan(0);
    expect(em.realization({ dateFrom: '2026-01-01', dateTo: '2026-11-27', period: 'daily' }).length).toBeGreaterThan(0);
  });
});

describe('/ping on the new hosts', () => {
  test('checks the host category; 3 per 30 s per host', () => {
    const em = new WbEmulator({ seed: 59, now: NOW });
    const hosts: [string, number][] = [[ANALYTICS, 2], [SUPPLIES, 10], [FINANCE, 13]];
    for (const [host, bit] of hosts) {
      const key = em.makeKey({ categories: [bit] });
      for (let i = 0; i < 3; i++) expect(call(em, { host, path: '/ping', key, now: NOW }).status).toBe(200);
      const r = call(em, { host, path: '/ping', key, now: NOW });
      expect([host, r.status, r.headers['X-Ratelimit-Retry']]).toEqual([host, 429, '10']);
      expect(call(em, { host, path: '/ping', key, now: NOW + 10_000 }).status).toBe(200);
      const wrong = call(em, { host, path: '/ping', key: em.makeKey({ categories: [5] }), now: NOW + 30_000 });
      expect([host, wrong.status, json(wrong).detail]).toEqual([host, 401, 'token scope not allowed']);
    }
  });
});
