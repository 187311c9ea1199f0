import { WbEmulator } from './index';
import { NOW, ORDERS, SALES, call, json } from './helpers';
import { DAY, HOUR, MINUTE } from './time';

const msk = (s: unknown) => Date.parse(String(s) + '+03:00');

/** Every invariant WB's data keeps between orders and sales; returns the list of violations. */
function violations(em: WbEmulator, now: number) {
  const orders = em.orders();
  const sales = em.sales();
  const bad: string[] = [];
  const bySrid = new Map(orders.map((o) => [o.srid as string, o]));
  if (bySrid.size !== orders.length) bad.push('duplicate srid in orders');
  if (new Set(sales.map((s) => s.saleID)).size !== sales.length) bad.push('duplicate saleID');
  const sRows = new Map<string, Record<string, unknown>>();
  for (const s of sales) {
    if (String(s.saleID)[0] !== 'S') continue;
    if (sRows.has(s.srid as string)) bad.push(`two sales for ${s.srid}`); // one row = one unit
    sRows.set(s.srid as string, s);
  }
  for (const s of sales) {
    const o = bySrid.get(s.srid as string);
    if (!o) {
      bad.push(`sale ${s.saleID} without order`); // every sale's srid is an order
      continue;
    }
    if (o.isCancel) bad.push(`cancelled order ${o.srid} has ${s.saleID}`);
    for (const k of ['gNumber', 'barcode', 'nmId', 'supplierArticle', 'techSize', 'sticker', 'warehouseName']) {
      if (s[k] !== o[k]) bad.push(`${s.saleID}.${k} differs from its order`);
    }
    if (!(msk(s.date) > msk(o.date))) bad.push(`${s.saleID} dated before its order`);
    if (msk(s.lastChangeDate) > now) bad.push(`${s.saleID} changes in the future`);
    if (String(s.saleID)[0] === 'R') {
      const sale = sRows.get(s.srid as string); // returns follow sales
      if (!sale) bad.push(`return ${s.saleID} without a sale`);
      else if (!(msk(s.date) > msk(sale.date))) bad.push(`return ${s.saleID} before its sale`);
    }
  }
  for (const o of orders) if (msk(o.lastChangeDate) > now) bad.push(`order ${o.srid} changes in the future`);
  return { bad, orders, sales };
}

function checkConsistency(em: WbEmulator, now: number) {
  const r = violations(em, now);
  expect(r.bad).toEqual([]);
  return r;
}

describe('generator', () => {
  test('determinism: same seed and clock, same data and same bodies; another seed differs', () => {
    const a = new WbEmulator({ seed: 77, now: NOW });
    const b = new WbEmulator({ seed: 77, now: NOW });
    const c = new WbEmulator({ seed: 78, now: NOW });
    expect(b.orders()).toEqual(a.orders());
    expect(b.sales()).toEqual(a.sales());
    expect(c.orders().map((o) => o.srid)).not.toEqual(a.orders().map((o) => o.srid));
    const ra = call(a, { path: SALES, query: { dateFrom: '2026-09-01' }, key: a.makeKey(), now: NOW + HOUR });
    const rb = call(b, { path: SALES, query: { dateFrom: '2026-09-01' }, key: b.makeKey(), now: NOW + HOUR });
    expect(rb).toEqual(ra);
    a.changeRandomRows(0.1, NOW + 2 * HOUR);
    b.changeRandomRows(0.1, NOW + 2 * HOUR);
    expect(b.sales()).toEqual(a.sales());
    expect(b.orders()).toEqual(a.orders());
  });

  test('the data at a moment does not depend on how the clock got there', () => {
    const direct = new WbEmulator({ seed: 5, now: NOW + 3 * DAY, historyDays: 103 });
    const jump = new WbEmulator({ seed: 5, now: NOW, historyDays: 100 });
    jump.advanceTo(NOW + 3 * DAY);
    const steps = new WbEmulator({ seed: 5, now: NOW, historyDays: 100 });
    for (let t = NOW; t <= NOW + 3 * DAY; t += 7 * MINUTE + 13_000) steps.advanceTo(t);
    steps.advanceTo(NOW + 3 * DAY);
    expect(jump.orders()).toEqual(direct.orders());
    expect(steps.orders()).toEqual(direct.orders());
    expect(jump.sales()).toEqual(direct.sales());
    expect(steps.sales()).toEqual(direct.sales());
  });

  test('volumes: ~ordersPerDay with day/night variation; ~10% cancelled, ~70% sold, ~15% of sales returned', () => {
    const em = new WbEmulator({ seed: 12, now: NOW, ordersPerDay: 400, historyDays: 60 });
    const { orders, sales } = checkConsistency(em, NOW);
    const settled = orders.filter((o) => msk(o.date) < NOW - 30 * DAY);
    const perDay = orders.length / 60;
    expect(perDay).toBeGreaterThan(360);
    expect(perDay).toBeLessThan(440);
    const bySrid = new Set(sales.filter((s) => String(s.saleID)[0] === 'S').map((s) => s.srid));
    const cancelled = settled.filter((o) => o.isCancel).length / settled.length;
    const sold = settled.filter((o) => bySrid.has(o.srid)).length / settled.length;
    const returns = sales.filter((s) => String(s.saleID)[0] === 'R').length;
    const soldOld = sales.filter((s) => String(s.saleID)[0] === 'S' && msk(s.date) < NOW - 20 * DAY).length;
    expect(cancelled).toBeGreaterThan(0.08);
    expect(cancelled).toBeLessThan(0.12);
    expect(sold).toBeGreaterThan(0.66);
    expect(sold).toBeLessThan(0.74);
    expect(returns / soldOld).toBeGreaterThan(0.1);
    expect(returns / soldOld).toBeLessThan(0.22);
    const byHour = new Array(24).fill(0);
    for (const o of orders) byHour[Number(String(o.date).slice(11, 13))]++;
    expect(byHour[20]).toBeGreaterThan(3 * byHour[4]); // evening vs night (Moscow time)
  });

  test('consistency holds for a small seller and after random changes', () => {
    const em = new WbEmulator({ seed: 3, now: NOW });
    checkConsistency(em, NOW);
    em.changeRandomRows(0.2, NOW + HOUR);
    em.advanceTo(NOW + 5 * DAY);
    checkConsistency(em, NOW + 5 * DAY);
  });

  test('time moves the data: new orders, cancellations, sales, late money, returns', () => {
    const em = new WbEmulator({ seed: 6, now: NOW });
    const before = new Map(em.sales().map((s) => [s.saleID, s]));
    const ordersBefore = new Map(em.orders().map((o) => [o.srid, o]));
    em.advanceTo(NOW + 2 * DAY);
    const sales = em.sales();
    const orders = em.orders();
    expect(orders.length).toBeGreaterThan(ordersBefore.size + 40);
    const filled = sales.filter((s) => {
      const old = before.get(s.saleID);
      return old && old.forPay === 0 && s.forPay !== 0;
    });
    expect(filled.length).toBeGreaterThan(0);
    for (const s of filled) expect(msk(s.lastChangeDate)).toBeGreaterThan(msk(before.get(s.saleID)!.lastChangeDate));
    expect(sales.some((s) => !before.has(s.saleID) && String(s.saleID)[0] === 'R')).toBe(true);
    const newlyCancelled = orders.filter((o) => o.isCancel && ordersBefore.has(o.srid) && !ordersBefore.get(o.srid)!.isCancel);
    expect(newlyCancelled.length).toBeGreaterThan(0);
    for (const o of newlyCancelled) expect(o.lastChangeDate).not.toBe(ordersBefore.get(o.srid)!.lastChangeDate);
  });

  test('fillMovesLastChange: false: late money is filled with lastChangeDate as it was; flag=0 from it and flag=1 show the money', () => {
    const em = new WbEmulator({ seed: 6, now: NOW, fillMovesLastChange: false });
    const before = new Map(em.sales().map((s) => [s.saleID, s]));
    em.advanceTo(NOW + DAY);
    em.changeRandomRows(0.2, NOW + DAY);
    const filled = em.sales().filter((s) => {
      const old = before.get(s.saleID);
      return old && old.forPay === 0 && s.forPay !== 0;
    });
    expect(filled.length).toBeGreaterThan(0);
    for (const s of filled) {
      const old = before.get(s.saleID)!;
      expect(s.lastChangeDate).toBe(old.lastChangeDate);
      expect(s.finishedPrice).not.toBe(0);
      expect(s.priceWithDisc).not.toBe(0);
    }
    const s = filled[0];
    const key = em.makeKey();
    const since = json(call(em, { path: SALES, query: { dateFrom: String(s.lastChangeDate) }, key }));
    expect(since.find((r: any) => r.saleID === s.saleID)).toEqual(s);
    const ofDay = json(call(em, { path: SALES, query: { dateFrom: String(s.date).slice(0, 10), flag: '1' }, key, now: NOW + DAY + 2 * MINUTE }));
    expect(ofDay.find((r: any) => r.saleID === s.saleID)).toEqual(s);
  });

  test('changeRandomRows: ~fraction of rows get lastChangeDate = now, an incremental sync picks them up', () => {
    const em = new WbEmulator({ seed: 9, now: NOW });
    const key = em.makeKey();
    const all = json(call(em, { path: SALES, query: { dateFrom: '2019-06-20' }, key }));
    const cursor = all[all.length - 1].lastChangeDate;
    const t = NOW + 10 * MINUTE;
    em.changeRandomRows(0.1, t);
    const fresh = json(call(em, { path: SALES, query: { dateFrom: cursor }, key, now: t }));
    const changed = fresh.filter((s: any) => s.lastChangeDate === '2026-11-27T10:10:00');
    expect(changed.length).toBeGreaterThan(all.length * 0.06);
    expect(changed.length).toBeLessThan(all.length * 0.16);
    const orders = json(call(em, { path: ORDERS, query: { dateFrom: '2026-11-27T10:10:00' }, key, now: t }));
    expect(orders.length).toBeGreaterThan(100);
    expect(orders.some((o: any) => o.isCancel && o.cancelDate === '2026-11-27T10:10:00')).toBe(true);
    checkConsistency(em, t);
  });

  // Build times are measured by `npm run bench`, not asserted here: a wall-clock bound
  // in a unit test fails on a loaded machine and proves nothing about the add-on.
  test('100 days x 40 orders', () => {
    const em = new WbEmulator({ seed: 100, now: NOW });
    expect(em.orders().length).toBeGreaterThan(3500);
  });

  test('scale: 5,600 orders/day (~390,000 sales rows); 80,000-row pages', () => {
    const em = new WbEmulator({ seed: 101, now: NOW, ordersPerDay: 5600 });
    const sales = em.sales({ withinRetention: true }).length;
    expect(sales).toBeGreaterThan(360_000);
    const r = call(em, { path: SALES, query: { dateFrom: '2019-06-20' }, key: em.makeKey() });
    expect(r.body.length).toBeGreaterThan(50 * 1024 * 1024); // a full page is over UrlFetchApp's 50 MB cap
    const rows = JSON.parse(r.body);
    expect(rows).toHaveLength(80_000);
  });
});
