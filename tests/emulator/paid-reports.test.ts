/**
 * Paid storage and acceptance reports (12-reports.yaml): async tasks, date-range rules,
 * per-key-type limits, rows drawn from the seller's end-of-day stock and accepted supplies.
 */
import { WbEmulator } from './index';
import { NOW, call, json } from './helpers';
import { fmtDay, mskDay } from './time';
import { WAREHOUSES } from './catalog';

const HOST = 'seller-analytics-api.wildberries.ru';

function load(em: WbEmulator, key: string, path: string, from: string, to: string, at: number): any[] {
  const created = call(em, { host: HOST, path, key, query: { dateFrom: from, dateTo: to }, now: at });
  expect(created.status).toBe(200);
  const id = json(created).data.taskId;
  expect(json(call(em, { host: HOST, path: `${path}/tasks/${id}/status`, key, now: at + 100_000 })).data.status).toBe('done');
  const r = call(em, { host: HOST, path: `${path}/tasks/${id}/download`, key, now: at + 100_000 });
  return r.status === 204 ? [] : json(r);
}

describe('paid storage and acceptance', () => {
  test('storage: at most 8 days, dateTo after dateFrom, rows = end-of-day stock × rate per day, barcode and warehouse', () => {
    const em = new WbEmulator({ seed: 4, now: NOW, articles: 6, ordersPerDay: 40 });
    const key = em.makeKey({ categories: [2] });
    const today = mskDay(NOW);
    const tooLong = call(em, { host: HOST, path: '/api/v1/paid_storage', key, query: { dateFrom: fmtDay(today - 10), dateTo: fmtDay(today - 1) } });
    expect(tooLong.status).toBe(400);
    expect(json(tooLong).detail).toBe('Difference between dateFrom and dateTo should be less or equal 8 days');
    const same = call(em, { host: HOST, path: '/api/v1/paid_storage', key, query: { dateFrom: fmtDay(today - 1), dateTo: fmtDay(today - 1) } });
    expect(json(same).detail).toBe('dateTo should be greater dateFrom');
    const rows = load(em, key, '/api/v1/paid_storage', fmtDay(today - 8), fmtDay(today), NOW);
    const days = new Set(rows.map((r) => r.date));
    expect(days.size).toBe(8); // today has not ended: not charged yet
    expect(days.has(fmtDay(today))).toBe(false);
    for (const r of rows) {
      expect(WAREHOUSES.find((w) => w.name === r.warehouse)!.type).toBe('Склад WB');
      expect(r.barcodesCount).toBeGreaterThan(0);
      expect(Number.isInteger(Math.round(r.warehousePrice * 100))).toBe(true);
    }
    // Yesterday's end-of-day stock is today's truth snapshot minus today's movement: sizes with stock now mostly had stock yesterday.
    const now = new Set(em.stockSnapshot().map((s) => s.barcode + '|' + s.warehouseName));
    const yesterday = rows.filter((r) => r.date === fmtDay(today - 1)).map((r) => r.barcode + '|' + r.warehouse);
    expect(yesterday.filter((k) => now.has(k)).length).toBeGreaterThan(yesterday.length / 2);
  });

  test('acceptance: rows per supply and article accepted in the period, count = units accepted', () => {
    const em = new WbEmulator({ seed: 4, now: NOW, articles: 6, ordersPerDay: 40 });
    const key = em.makeKey({ categories: [2] });
    const today = mskDay(NOW);
    const rows = load(em, key, '/api/v1/acceptance_report', fmtDay(today - 30), fmtDay(today), NOW);
    expect(rows.length).toBeGreaterThan(0);
    const accepted = new Map<string, number>();
    for (const s of em.supplies()) {
      if (s.statusID !== 5) continue;
      for (const g of s.goods) {
        const k = s.supplyID + '|' + g.nmID;
        accepted.set(k, (accepted.get(k) || 0) + Number(g.acceptedQuantity ?? g.quantity));
      }
    }
    for (const r of rows) expect(r.count).toBe(accepted.get(r.incomeId + '|' + r.nmID));
  });

  test('limits: storage create 5 at once then 1/min for Personal, 1/h for Base; a key without Analytics gets the scope 401', () => {
    const em = new WbEmulator({ seed: 4, now: NOW });
    const p = em.makeKey({ categories: [2] });
    const q = { dateFrom: fmtDay(mskDay(NOW) - 3), dateTo: fmtDay(mskDay(NOW) - 1) };
    for (let i = 0; i < 5; i++) expect(call(em, { host: HOST, path: '/api/v1/paid_storage', key: p, query: q, now: NOW }).status).toBe(200);
    expect(call(em, { host: HOST, path: '/api/v1/paid_storage', key: p, query: q, now: NOW }).status).toBe(429);
    const b = em.makeKey({ categories: [2], type: 'base' });
    expect(call(em, { host: HOST, path: '/api/v1/acceptance_report', key: b, query: q, now: NOW }).status).toBe(200);
    expect(call(em, { host: HOST, path: '/api/v1/acceptance_report', key: b, query: q, now: NOW + 2 * 3600_000 }).status).toBe(429);
    const s = em.makeKey({ categories: [5] });
    expect(json(call(em, { host: HOST, path: '/api/v1/paid_storage', key: s, query: q })).detail).toBe('token scope not allowed');
  });
});
